import Foundation
import Testing

/// The `Snapshots/` folder beside this file.
private let snapshotsDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()
  .appendingPathComponent("Snapshots")

/// Compares `actual` with the golden file `Snapshots/<name>.txt`, after swift-argument-parser's
/// `assertSnapshot`.
///
/// With `RECORD_SNAPSHOTS=1` in the environment, or when the file does not exist yet, it writes
/// `actual` as the new golden file and records an issue, so a recording never passes silently.
/// Golden files end with one newline that is not part of `actual`.
func assertSnapshot(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let file = snapshotsDirectory.appendingPathComponent(name + ".txt")
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  let stored = try? String(contentsOf: file, encoding: .utf8)
  guard let stored, !recording else {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded snapshot \(name); re-run without RECORD_SNAPSHOTS to compare.",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("Cannot write snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  #expect(actual + "\n" == stored, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
