import Foundation
import Testing

/// The IAM side of the `harness` executable: `run --profile iam` against the bundled simulator
/// over HTTP, and usage errors.
@Suite struct IAMCommandLineTests {
  static func reports() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "urc-iam-\(UInt32.random(in: 0...UInt32.max))"
    ).path
  }

  @Test func runProfileIAMTestsTheBundledSimulatorOverHTTP() throws {
    let folder = Self.reports()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try HarnessCommandLineTests.harness([
      "run", "--profile", "iam", "--reports", folder,
    ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("user-rules-conformance IAM simulator"), "\(result.stdout)")
    #expect(result.stdout.contains("0 fail, 0 skipped, 0 error"), "\(result.stdout)")
    let summary = try String(contentsOfFile: folder + "/iam-simulator/summary.md", encoding: .utf8)
    #expect(summary.contains("profile `iam`"))
    #expect(!summary.contains("HSM-"), "an IAM run reports IAM rules only")
  }

  @Test(arguments: [
    (["run", "--profile", "cloudhsm"], "--profile must be one of: cloudhsm-cli, iam"),
    (["simulate", "iam", "--port", "70000"], "--port must be 0 to 65535"),
    (["run", "--profile", "iam", "--filter", "no-such-scenario"], "no IAM scenario matches"),
  ])
  func usageErrorsExitWithTwo(_ arguments: [String], _ message: String) throws {
    let result = try HarnessCommandLineTests.harness(arguments)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
  }
}
