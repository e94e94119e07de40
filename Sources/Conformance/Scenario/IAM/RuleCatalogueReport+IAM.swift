package import ReferenceModel

/// Rule coverage over both profiles' scenarios.
///
/// Spec: issue #8 "Every IAM rule has a scenario"; `harness rules --coverage`.
extension RuleCatalogueReport {
  /// For each rule, the ids of the scenarios (CloudHSM and IAM) whose header names it.
  package static func coverage(of catalog: ScenarioCatalog, rules: [Rule] = RuleCatalogue.all)
    -> [(rule: Rule, scenarios: [String])]
  {
    let headers =
      catalog.scenarios.map { ($0.id, $0.rules) } + catalog.iamScenarios.map { ($0.id, $0.rules) }
    return rules.map { rule in
      (rule, headers.filter { $0.1.contains(rule.id) }.map(\.0).sorted())
    }
  }
}

extension IAMSimulator {
  /// The root user's key the bundled simulator uses unless told otherwise.
  package static let defaultRoot = SUTDescription.Credentials(
    accessKeyID: "AKIAURCSIMULATORROOT", secretAccessKey: "urc/simulator/root/secret/not/a/real/key"
  )
}
