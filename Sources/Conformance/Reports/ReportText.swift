/// Text helpers shared by the human-readable writers: one-line values and shortening.
///
/// Spec: issue #4 "Reports" (long values shortened with an ellipsis at about 120 characters).
enum ReportText {
  /// The longest value, in characters, shown whole in a table or a note.
  static let shortLimit = 120

  /// `text` on one line: line breaks, tabs and other control characters become visible escapes
  /// (`\n`, `\r`, `\t`, `\u{1B}`), and a backslash is kept as it is.
  static func oneLine(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where isControl(scalar):
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `text` cut to at most `limit` characters, the last of them an ellipsis, when it is longer.
  static func shortened(_ text: String, to limit: Int = shortLimit) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(max(0, limit - 1))) + "…"
  }

  /// C0 and C1 control characters and DEL.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
