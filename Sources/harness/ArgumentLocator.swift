/// Points at the argument that a usage error is about, under the command line as typed.
///
/// swift-argument-parser's messages quote the offending word (`Unknown option '--jsn'`); this
/// finds that word among the arguments and draws a caret line under it, with its position.
enum ArgumentLocator {
  static func describe(_ message: String, in arguments: [String]) -> String {
    let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
    var lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = lines.isEmpty ? "" : lines.removeFirst()
    var out = "error: \(first)\n"
    if let index = offendingIndex(first, arguments) {
      let words = ["harness"] + arguments.map(quoteForDisplay)
      let column = words[...index].map(\.count).reduce(0, +) + index + 1
      let caret = String(repeating: "^", count: max(1, words[index + 1].count))
      out += " --> argument \(index + 1), column \(column + 1)\n"
      out += "  |\n  | " + words.joined(separator: " ") + "\n"
      out += "  | " + String(repeating: " ", count: column) + caret + "\n"
    }
    let rest = lines.joined(separator: "\n").trimmingBlankLines
    if !rest.isEmpty { out += rest + "\n" }
    return out
  }

  /// The index in `arguments` of the first quoted word of the message that appears there.
  static func offendingIndex(_ message: String, _ arguments: [String]) -> Int? {
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    var candidates: [String] = []
    for (index, part) in parts.enumerated() where index % 2 == 1 { candidates.append(String(part)) }
    for candidate in candidates {
      if let index = arguments.firstIndex(where: {
        $0 == candidate || $0.hasPrefix(candidate + "=")
      }) {
        return index
      }
    }
    return nil
  }

  static func quoteForDisplay(_ word: String) -> String {
    let plain =
      !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_=./:@%+,".contains($0) }
    return plain ? word : "'" + word + "'"
  }
}

extension String {
  fileprivate var trimmingBlankLines: String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
    while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
