package import ReferenceModel

/// The IAM scenarios of a catalog: loading, lint and `--filter`.
///
/// Spec: scenarios/README.md ("IAM scenarios"); house-style.md §7 (lint).
extension ScenarioCatalog {
  mutating func loadIAM(_ bytes: [UInt8], path: String, file: String) {
    do {
      let scenario = try IAMScenarioParser.parse(bytes, path: path, file: file)
      let expectedID = String(scenario.path.dropLast(".scenario".count))
      if scenario.id != expectedID {
        errors.append(
          ScenarioError(
            file: file, line: 1, column: 7,
            message: "the id '\(scenario.id)' must equal the path '\(expectedID)'"))
      }
      for name in scenario.requires where !capabilities.contains(name) {
        errors.append(
          ScenarioError(
            file: file, line: 1, column: 1,
            message: "unknown capability '\(name)' (capabilities.txt lists: "
              + capabilities.joined(separator: ", ") + ")"))
      }
      iamScenarios.append(scenario)
    } catch {
      errors.append(error)
    }
  }

  /// The IAM scenarios a `--filter` selects: an id or path containing the text, or a rule ID.
  package func iamFiltered(_ filters: [String]) -> [IAMScenario] {
    guard !filters.isEmpty else { return iamScenarios }
    return iamScenarios.filter { scenario in
      filters.contains { filter in
        scenario.id.contains(filter) || scenario.path.hasPrefix(filter)
          || scenario.rules.contains(RuleID(filter))
      }
    }
  }
}
