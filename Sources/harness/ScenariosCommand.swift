import ArgumentParser
import Conformance
import Foundation
import ReferenceModel

/// `harness scenarios`: lint, check and update the scenario files.
struct ScenariosCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenarios",
    abstract: "Check the scenario files, or pin their expectations from the model.",
    discussion: """
      Every step's expected answer is pinned in its file (`=> ok RULE DATA`, `=> error RULE`, \
      `=> help`, `=> ended`). --check (the default) parses and lints every file and fails when a \
      pinned expectation differs from the model's, printing file:line with both; --update \
      rewrites the files from the model, so a change to the model shows up as a readable diff. \
      The format is described in scenarios/README.md.
      """)

  @Flag(help: "Rewrite each file's expectations from the model (both profiles).")
  var update = false

  @Flag(help: "Only verify (the default).")
  var check = false

  @Option(help: "The scenarios folder.")
  var scenarios = "scenarios"

  func validate() throws {
    if update && check { throw ValidationError("--update and --check exclude each other") }
    try OutputFiles.requirePath(scenarios, option: "--scenarios")
  }

  func run() throws {
    let catalog = ScenarioCatalog.load(root: scenarios)
    if !catalog.errors.isEmpty {
      throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
    }
    var stale = 0
    var written = 0
    var impossible = 0
    for scenario in catalog.scenarios {
      let review = ScenarioUpdater.review(scenario)
      for action in review.impossible {
        Output.error(
          "\(scenarios)/\(scenario.path):\(action.line):1: error: the model cannot do this "
            + "[harness] step (\(action.problem)), so a run would blame the SUT for it")
        impossible += 1
      }
      let outcome = try refresh(
        file: scenarios + "/" + scenario.path, text: review.text,
        differences: { ScenarioUpdater.stale(scenario) })
      stale += outcome.stale
      written += outcome.written
    }
    let iam = try iamFiles(catalog)
    stale += iam.stale
    written += iam.written
    let total = catalog.scenarios.count + catalog.iamScenarios.count
    if impossible > 0 {
      throw HarnessFailure.input(
        "\(impossible) [harness] step(s) the model cannot do: fix the scenarios above"
          + (update ? " (their expectations were pinned all the same)" : ""))
    }
    if update {
      Output.print("\(total) scenarios, \(written) updated")
    } else if stale > 0 {
      throw HarnessFailure.input(
        "\(stale) of \(total) scenarios are out of date: run `harness scenarios --update` and "
          + "review the diff")
    } else {
      Output.print("\(total) scenarios, all up to date")
    }
  }
}

extension ScenariosCommand {
  /// One scenario file against its canonical `text`: rewritten with `--update`, otherwise
  /// reported (each pinned expectation the model now answers differently, with its line).
  /// Counts 1 in `written` or `stale` when the file differs.
  func refresh(
    file: String, text: String, differences: () -> [(line: Int, pinned: String, model: String)]
  ) throws -> (stale: Int, written: Int) {
    let current = FileManager.default.contents(atPath: file).map {
      String(decoding: $0, as: UTF8.self)
    }
    guard current != text else { return (0, 0) }
    if update {
      do {
        try OutputFiles.write(text, to: file)
      } catch {
        throw HarnessFailure(message: "error: cannot update the scenario: \(error)", exitCode: 2)
      }
      return (0, 1)
    }
    let differences = differences()
    if differences.isEmpty {
      // The first line that differs from the canonical text.
      let have = (current ?? "").split(separator: "\n", omittingEmptySubsequences: false)
      let want = text.split(separator: "\n", omittingEmptySubsequences: false)
      let line =
        zip(have, want).enumerated().first { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        ?? min(have.count, want.count)
      Output.error(
        "\(file):\(max(1, line)):1: error: not in canonical form "
          + "(run `harness scenarios --update`)")
    }
    for difference in differences {
      Output.error(
        "\(file):\(difference.line):1: error: pinned '=> \(difference.pinned)' but the model "
          + "answers '=> \(difference.model)'")
    }
    return (1, 0)
  }
}
