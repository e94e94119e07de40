// Every committed corpus file of every fuzz target, replayed through the plain build's pure
// checks: the seeds, and each finding `harness fuzz` committed (swift-protobuf's FailCases
// rule), so that a fixed finding stays fixed.
// Spec: house-style.md §5 ("Fuzz corpora are replayed as parameterized tests") and §6.
import Conformance
import Foundation
import Fuzz
import Testing

@Suite struct CorpusReplayTests {
  static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Corpus")

  /// The file names in `Corpus/<target>/`, sorted.
  static func files(_ target: String) -> [String] {
    let folder = corpusRoot.appendingPathComponent(target).path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted()
  }

  static func bytes(_ target: String, _ name: String) throws -> Data {
    try Data(contentsOf: corpusRoot.appendingPathComponent(target).appendingPathComponent(name))
  }

  /// No violation; for a `known-` file (a finding acknowledged but not fixed yet), exactly
  /// the known failure, so that the test fails once it is fixed and the file must be renamed.
  static func expectNone(_ violations: [String], _ name: String) {
    guard name.hasPrefix("known-") else {
      #expect(violations.isEmpty, "\(name): \(violations)")
      return
    }
    withKnownIssue("\(name) is an acknowledged finding (docs/fuzzing.md)") {
      #expect(violations.isEmpty, "\(name): \(violations)")
    }
  }

  @Test(arguments: files("CommandLine"))
  func commandLineCorpusFileKeepsEveryProperty(_ name: String) throws {
    let violations = try Self.bytes("CommandLine", name).withUnsafeBytes { checkCommandLine($0) }
    Self.expectNone(violations.map(\.description), name)
  }

  @Test(arguments: files("Model"))
  func modelCorpusFileKeepsEveryProperty(_ name: String) throws {
    let violations = try Self.bytes("Model", name).withUnsafeBytes { checkModel($0) }
    Self.expectNone(violations.map(\.description), name)
  }

  @Test(arguments: files("SUTOutput"))
  func sutOutputCorpusFileKeepsEveryProperty(_ name: String) throws {
    let violations = try Self.bytes("SUTOutput", name).withUnsafeBytes { checkStreamSplits($0) }
    Self.expectNone(violations.map(\.description), name)
  }

  @Test(arguments: files("TokenFile"))
  func tokenFileCorpusFileKeepsEveryProperty(_ name: String) throws {
    let violations = try Self.bytes("TokenFile", name).withUnsafeBytes { checkTokenFile($0) }
    Self.expectNone(violations.map(\.description), name)
  }

  @Test(arguments: ["CommandLine", "Model", "SUTOutput", "TokenFile"])
  func everyTargetHasSeedsAndAWellFormedDictionary(_ target: String) throws {
    #expect(Self.files(target).count >= 4)
    let dictionary = try String(
      contentsOf: Self.corpusRoot.appendingPathComponent("\(target).dict"), encoding: .utf8)
    var entries = 0
    for line in dictionary.split(separator: "\n") where !line.hasPrefix("#") {
      // libFuzzer's syntax: `name="value"` or `"value"`, with \\, \" and \xAB escapes only.
      let value = line.drop { $0 != "\"" }
      #expect(value.count >= 3 && value.hasSuffix("\""), "\(target).dict: \(line)")
      var escaped = false
      for character in value.dropFirst().dropLast() {
        if escaped {
          #expect("\\\"x".contains(character), "\(target).dict: bad escape in \(line)")
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else {
          #expect(character != "\"", "\(target).dict: unescaped quote in \(line)")
        }
      }
      entries += 1
    }
    #expect(entries >= 10)
  }
}
