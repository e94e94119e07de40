import Foundation
import Testing

/// The `Snapshots/` folder beside this file.
private let snapshotsDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()
  .appendingPathComponent("Snapshots")

/// Compares `actual` with the golden file `Snapshots/<name>` byte for byte, after
/// swift-argument-parser's `assertSnapshot`; `name` carries its extension (`report.json`).
///
/// With `RECORD_SNAPSHOTS=1` in the environment, or when the file does not exist yet, it writes
/// `actual` as the new golden file and records an issue, so a recording never passes silently.
/// On a mismatch the issue names the first line that differs.
func assertSnapshot(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let file = snapshotsDirectory.appendingPathComponent(name)
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  let stored = try? String(contentsOf: file, encoding: .utf8)
  guard let stored, !recording else {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: file, options: .atomic)
      Issue.record(
        "Recorded snapshot \(name); re-run without RECORD_SNAPSHOTS to compare.",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("Cannot write snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard actual != stored else { return }
  let expectedLines = stored.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var index = 0
  while index < expectedLines.count, index < actualLines.count,
    expectedLines[index] == actualLines[index]
  {
    index += 1
  }
  let line = { (lines: [Substring]) in index < lines.count ? String(lines[index]) : "<end>" }
  Issue.record(
    """
    Snapshot \(name) differs at line \(index + 1) (RECORD_SNAPSHOTS=1 re-records it):
      golden: \(line(expectedLines))
      actual: \(line(actualLines))
    """,
    sourceLocation: sourceLocation)
}
