import Conformance
import Foundation

/// `harness scenarios` for the IAM scenarios: the same check and update, with the IAM writer.
extension ScenariosCommand {
  func iamFiles(_ catalog: ScenarioCatalog) throws -> (stale: Int, written: Int) {
    var stale = 0
    var written = 0
    for scenario in catalog.iamScenarios {
      let file = scenarios + "/" + scenario.path
      let text = IAMScenarioWriter.render(IAMScenarioWriter.pinned(scenario))
      let current = FileManager.default.contents(atPath: file).map {
        String(decoding: $0, as: UTF8.self)
      }
      guard current != text else { continue }
      if update {
        do {
          try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
          throw HarnessFailure(message: "error: cannot write \(file): \(error)", exitCode: 3)
        }
        written += 1
        continue
      }
      stale += 1
      let differences = IAMScenarioWriter.stale(scenario)
      if differences.isEmpty {
        Output.error("\(file):1:1: error: not in canonical form (run `harness scenarios --update`)")
      }
      for difference in differences {
        Output.error(
          "\(file):\(difference.line):1: error: pinned '=> \(difference.pinned)' but the model "
            + "answers '=> \(difference.model)'")
      }
    }
    return (stale, written)
  }
}
