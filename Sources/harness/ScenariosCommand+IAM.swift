import Conformance
import Foundation

/// `harness scenarios` for the IAM scenarios: the same check and update, with the IAM writer.
extension ScenariosCommand {
  func iamFiles(_ catalog: ScenarioCatalog) throws -> (stale: Int, written: Int) {
    var stale = 0
    var written = 0
    for scenario in catalog.iamScenarios {
      let outcome = try refresh(
        file: scenarios + "/" + scenario.path,
        text: IAMScenarioWriter.render(IAMScenarioWriter.pinned(scenario)),
        differences: { IAMScenarioWriter.stale(scenario) })
      stale += outcome.stale
      written += outcome.written
    }
    return (stale, written)
  }
}
