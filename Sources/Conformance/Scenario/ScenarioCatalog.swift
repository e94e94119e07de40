import Foundation
import ReferenceModel

/// All scenario files under a folder, parsed, with every problem found (not just the first).
///
/// Files are read in path order; an unreadable or malformed file becomes a `ScenarioError`
/// naming it, and the others are still loaded. Lint checks run here too: the `id` equals the
/// path without `.scenario`, every `requires` name is in `capabilities.txt`.
/// Spec: scenarios/README.md; house-style.md §7 ("A lint test validates every file").
package struct ScenarioCatalog: Sendable {
  package var root: String
  package var scenarios: [Scenario]
  package var errors: [ScenarioError]
  package var capabilities: [String]
  /// The IAM profile's scenarios (files with `# profile: iam`), apart from the CloudHSM ones.
  package var iamScenarios: [IAMScenario] = []

  /// Every capability the bundled simulator and the model have (`capabilities.txt`).
  package static let allCapabilities = ["mfa-token-sign", "quorum"]

  /// Why `path` cannot be read, in the system's words.
  package static func readProblem(_ path: String) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    defer { close(fd) }
    var byte: UInt8 = 0
    guard read(fd, &byte, 1) >= 0 else { return String(cString: strerror(errno)) }
    return "it changed while being read"
  }

  /// Loads every `*.scenario` file below `root`.
  package static func load(root: String) -> ScenarioCatalog {
    let capabilities = loadCapabilities(root: root)
    var catalog = ScenarioCatalog(root: root, scenarios: [], errors: [], capabilities: capabilities)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue
    else {
      catalog.errors.append(
        ScenarioError(file: root, line: 1, column: 1, message: "no scenarios folder here"))
      return catalog
    }
    for path in scenarioPaths(root: root) {
      let file = root + "/" + path
      guard let data = FileManager.default.contents(atPath: file) else {
        catalog.errors.append(
          ScenarioError(
            file: file, line: 1, column: 1, message: "cannot read the file: \(readProblem(file))"))
        continue
      }
      if IAMScenarioParser.isIAM(Array(data)) {
        catalog.loadIAM(Array(data), path: path, file: file)
        continue
      }
      do {
        let scenario = try ScenarioParser.parse(Array(data), path: path, file: file)
        catalog.errors += lint(scenario, file: file, capabilities: capabilities)
        catalog.scenarios.append(scenario)
      } catch {
        catalog.errors.append(error)
      }
    }
    return catalog
  }

  /// Relative paths of every `.scenario` file, sorted.
  static func scenarioPaths(root: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".scenario") }.sorted()
  }

  /// The capability vocabulary: one name per line of `capabilities.txt`, `#` comments.
  static func loadCapabilities(root: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: root + "/capabilities.txt") else {
      return []
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
      let name =
        line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      return name.isEmpty ? nil : name
    }
  }

  /// Problems a well-formed file can still have.
  static func lint(_ scenario: Scenario, file: String, capabilities: [String]) -> [ScenarioError] {
    var errors: [ScenarioError] = []
    if let error = idMismatch(scenario.id, path: scenario.path, file: file) { errors.append(error) }
    if scenario.rules.isEmpty {
      errors.append(ScenarioError(file: file, line: 3, column: 10, message: "no rules listed"))
    }
    for name in scenario.requires where !capabilities.contains(name) {
      errors.append(
        ScenarioError(
          file: file, line: 5, column: 12,
          message: unknownCapability(name, capabilities)))
    }
    return errors
  }

  /// The error when a scenario's `id` is not its path without `.scenario` (both profiles).
  static func idMismatch(_ id: String, path: String, file: String) -> ScenarioError? {
    let expectedID = String(path.dropLast(".scenario".count))
    guard id != expectedID else { return nil }
    return ScenarioError(
      file: file, line: 1, column: 7, message: "the id '\(id)' must equal the path '\(expectedID)'")
  }

  /// The message for a `requires` name that `capabilities.txt` does not list.
  static func unknownCapability(_ name: String, _ capabilities: [String]) -> String {
    "unknown capability '\(name)' (capabilities.txt lists: " + capabilities.joined(separator: ", ")
      + ")"
  }

  /// Whether `--filter` selects a scenario: an id or path containing the text, or a rule ID
  /// (no filter selects all).
  static func selects(_ filters: [String], id: String, path: String, rules: [RuleID]) -> Bool {
    filters.isEmpty
      || filters.contains { filter in
        id.contains(filter) || path.hasPrefix(filter) || rules.contains(RuleID(filter))
      }
  }

  /// The scenarios a `--filter` selects: an id or path containing the text, or a rule ID.
  package func filtered(_ filters: [String]) -> [Scenario] {
    scenarios.filter { Self.selects(filters, id: $0.id, path: $0.path, rules: $0.rules) }
  }
}
