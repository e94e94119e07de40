import Foundation

/// Paths the Conformance tests use, found from this file's location.
enum TestPaths {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  static let fixtures = packageRoot + "/Tests/ConformanceTests/Fixtures"
  static let fixtureScenarios = fixtures + "/scenarios"
  static let suite = packageRoot + "/scenarios"

  /// The `harness` executable built beside the test bundle (swift build builds every product).
  static var harness: String? {
    guard let bundle = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    else { return nil }
    var folder = URL(fileURLWithPath: bundle).deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("harness").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder.deleteLastPathComponent()
    }
    return nil
  }
}
