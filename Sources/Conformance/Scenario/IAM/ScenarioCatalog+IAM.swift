import ReferenceModel

/// The IAM scenarios of a catalog: loading, lint and `--filter`.
///
/// Spec: scenarios/README.md ("IAM scenarios"); house-style.md §7 (lint).
extension ScenarioCatalog {
  mutating func loadIAM(_ bytes: [UInt8], path: String, file: String) {
    do {
      let scenario = try IAMScenarioParser.parse(bytes, path: path, file: file)
      if let error = Self.idMismatch(scenario.id, path: scenario.path, file: file) {
        errors.append(error)
      }
      for name in scenario.requires where !capabilities.contains(name) {
        errors.append(
          ScenarioError(
            file: file, line: 1, column: 1,
            message: Self.unknownCapability(name, capabilities)))
      }
      iamScenarios.append(scenario)
    } catch {
      errors.append(error)
    }
  }

  /// The IAM scenarios a `--filter` selects: an id or path containing the text, or a rule ID.
  package func iamFiltered(_ filters: [String]) -> [IAMScenario] {
    iamScenarios.filter { Self.selects(filters, id: $0.id, path: $0.path, rules: $0.rules) }
  }
}
