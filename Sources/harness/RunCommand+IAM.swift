import ArgumentParser
import Conformance
import Foundation
import ReferenceModel
import SigV4Crypto

/// `harness run` for the IAM profile: chosen by `--profile iam` or by an `iam` SUT file.
///
/// Without `--sut`, the bundled IAM simulator is started in this process on a free loopback
/// port and tested over real HTTP; `--in-process` tests the model itself.
extension RunCommand {
  /// The profile this run tests.
  func selectedProfile() throws -> String {
    if let profile {
      guard SUTDescription.Profile.names.contains(profile) else {
        throw ValidationError(
          "--profile must be one of: \(SUTDescription.Profile.names.joined(separator: ", "))")
      }
      return profile
    }
    guard let sut else { return "cloudhsm-cli" }
    do {
      return try SUTDescription.load(path: sut).profile.name
    } catch {
      throw HarnessFailure.input(error.description)
    }
  }

  func runIAM() throws {
    let catalog = ScenarioCatalog.load(root: scenarios)
    guard catalog.errors.isEmpty else {
      throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
    }
    let selected = catalog.iamFiltered(filter)
    guard !selected.isEmpty else {
      throw HarnessFailure.input(
        "error: no IAM scenario matches"
          + (filter.isEmpty ? "" : " --filter \(filter.joined(separator: ", ")))"))
    }
    let (systemUnderTest, server) = try iamSystemUnderTest()
    defer { server?.stop() }
    let known = try baseline.map(RunSetup.loadBaseline) ?? []
    let summary = systemUnderTest.summary
    let name = runName ?? (server != nil ? "iam-simulator" : iamRunName(summary.name))
    try RunSetup.checkReportFolder(under: reports, runName: name)
    var runner = IAMRunner(
      sut: systemUnderTest, level: ComparisonLevel(rawValue: level.rawValue) ?? .outcome)
    let interrupt = Interrupt(stopsWaits: true)
    runner.shouldStop = { interrupt.requested }
    let progress = Progress(total: selected.count)
    let clock = ContinuousClock()
    let start = clock.now
    let cases = runner.run(selected) { done, total in progress.update(done, total) }
    progress.finish()
    let elapsed = clock.now - start
    let report = RunReport(
      runName: name, sut: summary, level: runner.level, cases: cases, baseline: known,
      timing: RunReport.Timing(
        seconds: elapsed.seconds, steps: selected.reduce(0) { $0 + $1.steps.count }))
    try RunSetup.finishRun(report, under: reports, baseline: writeBaseline, interrupt: interrupt)
  }

  private func iamRunName(_ name: String) -> String {
    inProcess ? "iam-model" : RunSetup.defaultRunName(name, inProcess: false)
  }

  /// The SUT, and the in-process simulator's server when there is one (to stop afterwards).
  private func iamSystemUnderTest() throws -> (any IAMSystemUnderTest, HTTPServer?) {
    if inProcess { return (IAMModelSUT(), nil) }
    guard let sut else {
      let root = IAMSimulator.defaultRoot
      let server = try IAMSimulatorServer.start(port: 0, region: "us-east-1", root: root)
      server.start()
      let iam = SUTDescription.IAM(
        endpoint: "http://127.0.0.1:\(server.port)", region: "us-east-1", admin: root, root: root)
      let http = try IAMHTTPSUT(
        name: "user-rules-conformance IAM simulator", iam: iam, timeoutMilliseconds: 10_000,
        capabilities: [], digests: .swiftCrypto)
      return (http, server)
    }
    do {
      let description = try SUTDescription.load(path: sut)
      return (try IAMHTTPSUT(description, digests: .swiftCrypto), nil)
    } catch let error as SUTDescriptionError {
      throw HarnessFailure.input(error.description)
    } catch {
      throw HarnessFailure.input("\(sut): error: \(error)")
    }
  }
}
