// The injected parser bug of issue #7 item 6 (P's "hint: bug"): the command-line check must
// catch it, and no committed seed may show it already, so that finding it is the fuzzer's work.
// Spec: docs/fuzzing.md "The injected bug".
import Foundation
import Fuzz
import Testing

@Suite struct InjectedBugTests {
  static func violations(_ line: String, _ syntax: CommandLineSyntax) -> [PropertyViolation] {
    Array(line.utf8).withUnsafeBytes { checkCommandLine($0, syntax) }
  }

  @Test(arguments: [
    #"cluster activate --password "'\""#,
    #"login --username a --role admin --password "it's a \\ b""#,
  ])
  func theCommandLineCheckCatchesTheInjectedBug(_ line: String) {
    #expect(Self.violations(line, .reference).isEmpty)
    let found = Self.violations(line, .injectedBug)
    #expect(found.first?.kind == "round-trip", "\(found)")
  }

  /// Every committed file but the `known-` findings (which fail with the reference parser too).
  @Test(arguments: CorpusReplayTests.files("CommandLine").filter { !$0.hasPrefix("known-") })
  func noSeedShowsTheInjectedBugAlready(_ name: String) throws {
    let bytes = try CorpusReplayTests.bytes("CommandLine", name)
    let found = bytes.withUnsafeBytes { checkCommandLine($0, .injectedBug) }
    #expect(found.isEmpty, "\(name): \(found)")
  }

  @Test(arguments: [
    "login --username 'a\"", "user create --username \"\\\" --role", "x \"\\", "\"\\\"\\\"",
  ])
  func theInjectedBugKeepsErrorOffsetsInBounds(_ line: String) {
    #expect(Self.violations(line, .injectedBug).allSatisfy { $0.kind != "error-out-of-bounds" })
  }
}
