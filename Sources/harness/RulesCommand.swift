import ArgumentParser
import Conformance

/// `harness rules`: the rule catalogue.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List every rule of the reference model with its ID, strength and source.",
    discussion: """
      Each rule has a stable ID (HSM-CHPW-003 style) that reports, divergences and baselines \
      refer to. A rule is `documented` when a source document states it, and `inferred` when \
      the model chose because the documents are silent or contradict each other; an inferred \
      rule gives its reason. Below the strict level, a divergence on an inferred rule is \
      reported as unspecified and does not fail a run.

      Prints Markdown by default; --json prints a JSON array with sorted keys. --coverage \
      lists, for every rule, the scenarios whose header names it, and fails (exit code 1) when \
      a rule has none.
      """)

  @Flag(name: .long, help: "Print the catalogue as JSON instead of Markdown.")
  var json = false

  @Flag(help: "Show which scenarios exercise each rule; exit 1 if a rule has none.")
  var coverage = false

  @Option(help: "The scenarios folder (for --coverage).")
  var scenarios = "scenarios"

  func run() throws {
    guard coverage else {
      return Output.print(
        json ? RuleCatalogueReport.json() : RuleCatalogueReport.markdown(), terminator: "")
    }
    let catalog = ScenarioCatalog.load(root: scenarios)
    guard catalog.errors.isEmpty else {
      throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
    }
    let coverage = RuleCatalogueReport.coverage(of: catalog)
    Output.print(
      json
        ? RuleCatalogueReport.coverageJSON(coverage)
        : RuleCatalogueReport.coverageMarkdown(coverage),
      terminator: "")
    if coverage.contains(where: { $0.scenarios.isEmpty }) { throw ExitCode(1) }
  }
}

extension Output {
  static func print(_ text: String, terminator: String) {
    Swift.print(text, terminator: terminator)
  }
}
