/// A problem in a scenario file, with its position.
///
/// Renders as `FILE:LINE:COLUMN: error: MESSAGE`, then the line and a caret, like a compiler.
/// Spec: DEVELOPERS.md "Bad input … gets a clear error naming the file, line and column".
package struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
  package var file: String
  package var line: Int
  package var column: Int
  package var message: String
  /// The offending source line, for the caret display ("" when unknown).
  package var sourceLine: String

  package init(file: String, line: Int, column: Int, message: String, sourceLine: String = "") {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.sourceLine = sourceLine
  }

  package var description: String { rendered }

  package var rendered: String {
    var text = "\(file):\(line):\(column): error: \(message)"
    if !sourceLine.isEmpty {
      let visible = String(sourceLine.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
      text += "\n  " + visible + "\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    }
    return text
  }
}
