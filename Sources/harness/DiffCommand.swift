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
    let diff = ReportDiff.diff(old: try load(old), new: try load(new))
    Output.print(diff.render())
    if diff.hasNew { throw ExitCode(1) }
  }

  private func load(_ path: String) throws -> ParsedReport {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HarnessFailure.input("\(path):1:1: error: cannot read the file")
    }
    do {
      return try ReportJSON.parse(bytes: Array(data), file: path)
    } catch {
      throw HarnessFailure.input(error.description)
    }
  }
}
