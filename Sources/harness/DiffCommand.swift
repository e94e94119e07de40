import ArgumentParser
import Conformance
import Foundation

/// `harness diff OLD NEW`: what changed between two runs.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare the divergences of two report.json files.",
    discussion: """
      Lists divergences that are new in NEW, fixed since OLD, and unchanged (by their stable \
      keys <scenario-id>/<step>/<field>); timing is ignored. Exit code 1 when NEW has a new \
      divergence that fails a run, else 0.
      """)

  @Argument(help: "The earlier report.json.") var old: String
  @Argument(help: "The later report.json.") var new: String

  func run() throws {
    let (before, after) = (try load(old), try load(new))
    if before.level != after.level, !before.level.isEmpty, !after.level.isEmpty {
      // Below strict, divergences on inferred rules are unspecified and fail nothing.
      Output.error(
        "warning: \(old) is at level \(before.level) and \(new) at level \(after.level): "
          + "divergences may differ because the levels compare differently")
    }
    let diff = ReportDiff.diff(old: before, new: after)
    Output.print(diff.render())
    if diff.hasNew { throw ExitCode(1) }
  }

  private func load(_ path: String) throws -> ParsedReport {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HarnessFailure.input(
        "\(path):1:1: error: cannot read the file: \(ScenarioCatalog.readProblem(path))")
    }
    do {
      return try ReportJSON.parse(bytes: Array(data), file: path)
    } catch {
      throw HarnessFailure.input(error.description)
    }
  }
}
