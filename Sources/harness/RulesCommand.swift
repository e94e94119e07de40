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

      Prints Markdown by default; --json prints a JSON array with sorted keys.
      """)

  @Flag(name: .long, help: "Print the catalogue as JSON instead of Markdown.")
  var json = false

  func run() throws {
    Output.print(json ? RuleCatalogueReport.json() : RuleCatalogueReport.markdown(), terminator: "")
  }
}

extension Output {
  static func print(_ text: String, terminator: String) {
    Swift.print(text, terminator: terminator)
  }
}
