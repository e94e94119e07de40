/// Shows command-line text safely on a terminal: every character visible, one per column.
///
/// C0 controls and DEL become their Unicode control pictures (`␀`…`␟`, `␡`), other invisible
/// scalars (C1 controls, format characters, separators, private use, unassigned) become
/// `\u{XXXX}`, and bytes that are not UTF-8 become `\xNN`. Error messages are written with
/// `Text`; the echoed line of a rendered error with `rendering` (CommandLineDisplay+Echo).
/// Spec: house-style.md §4 (golden-tested error text); rule HSM-SYNTAX-006.
package enum CommandLineDisplay {
  /// UTF-8 text being written: appends bytes, without a `String` per piece.
  struct Text {
    var bytes: [UInt8] = []

    init(capacity: Int = 96) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ literal: String) {
      bytes.append(contentsOf: literal.utf8)
    }

    /// `before`, then `word` with every invisible scalar escaped, then `after`.
    mutating func append(_ before: String, shown word: String, _ after: String) {
      append(before)
      appendShown(word)
      append(after)
    }

    /// `before`, then `option` as clap describes it (see `displayName(of:)`), then `after`.
    mutating func append(_ before: String, described option: String, _ after: String) {
      append(before)
      if let name = CommandLineDisplay.displayName(of: option) {
        append(name)
      } else {
        appendShown(option)
      }
      append(after)
    }

    /// ` [title: a, b]`, nothing for no items.
    mutating func appendList(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      append(" [")
      append(title)
      append(": ")
      for (index, item) in items.enumerated() {
        if index > 0 { append(", ") }
        appendShown(item)
      }
      append("]")
    }

    /// `text` with every invisible scalar replaced by a visible stand-in.
    mutating func appendShown(_ text: String) {
      if ByteScan.isPrintableASCII(text) {
        append(text)
        return
      }
      for scalar in text.unicodeScalars { appendShown(scalar) }
    }

    /// One scalar as `CommandLineDisplay` shows it.
    mutating func appendShown(_ scalar: Unicode.Scalar) {
      if scalar.value < 0x80 {
        appendShownASCII(UInt8(scalar.value))
      } else if CommandLineDisplay.isVisible(scalar) {
        bytes.append(contentsOf: scalar.utf8)
      } else {
        appendEscaped(scalar)
      }
    }

    /// An ASCII byte: itself if printable, else its control picture (one scalar either way).
    mutating func appendShownASCII(_ byte: UInt8) {
      if byte < 0x20 {
        // U+2400 + byte, SYMBOL FOR …: E2 90 80+byte.
        bytes.append(0xE2)
        bytes.append(0x90)
        bytes.append(0x80 + byte)
      } else if byte == 0x7F {
        bytes.append(0xE2)  // U+2421 SYMBOL FOR DELETE
        bytes.append(0x90)
        bytes.append(0xA1)
      } else {
        bytes.append(byte)
      }
    }

    /// `\u{XXXX}` (at least four uppercase hex digits); returns the number of bytes written.
    @discardableResult
    mutating func appendEscaped(_ scalar: Unicode.Scalar) -> Int {
      append("\\u{")
      let digits = appendHex(scalar.value, width: 4)
      append("}")
      return digits + 4
    }

    /// `\xNN` for a byte that is not UTF-8 (four scalars).
    mutating func appendInvalidByte(_ byte: UInt8) {
      bytes.append(UInt8(ascii: "\\"))
      bytes.append(UInt8(ascii: "x"))
      bytes.append(CommandLineDisplay.hexDigit(byte >> 4))
      bytes.append(CommandLineDisplay.hexDigit(byte))
    }

    /// `value` in uppercase hex, zero-padded to `width`; returns the number of digits.
    @discardableResult
    mutating func appendHex(_ value: UInt32, width: Int) -> Int {
      let count = CommandLineDisplay.hexDigitCount(value, width: width)
      for position in (0..<count).reversed() {
        bytes.append(
          CommandLineDisplay.hexDigit(UInt8(truncatingIfNeeded: value >> (4 * UInt32(position)))))
      }
      return count
    }
  }

  /// The number of hex digits of `value`, at least `width`.
  static func hexDigitCount(_ value: UInt32, width: Int) -> Int {
    var count = 1
    while count < 8 && value >> (4 * UInt32(count)) != 0 { count += 1 }
    return max(count, width)
  }

  /// The uppercase hex digit of the low four bits of `value`, without a branch: for a digit
  /// above 9, `9 &- digit` wraps to 0xF7 or more, whose top bit adds the 7 from `9` to `A`.
  static func hexDigit(_ value: UInt8) -> UInt8 {
    let digit = value & 0xF
    return UInt8(ascii: "0") &+ digit &+ 7 &* ((9 &- digit) >> 7)
  }

  /// Whether `scalar` prints as something visible.
  static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x1_0000
      ? bmpClasses[Int(scalar.value)] & visible != 0 : isVisibleByCategory(scalar)
  }

  /// Whether `scalar` is visible and a grapheme cluster by itself beside any other such
  /// scalar or ASCII character, so that a run of them is one column each (see `bmpClasses`);
  /// `false` for every scalar outside the BMP, to be safe.
  package static func isVisibleAndAlone(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x1_0000 && bmpClasses[Int(scalar.value)] & visibleAndAlone != 0
  }

  private static let visible: UInt8 = 1
  private static let visibleAndAlone: UInt8 = 2

  /// The classes of every BMP scalar, built once (about 10 ms, on the first error that shows
  /// a non-ASCII scalar), since the property look-ups are slow and the echo asks for every
  /// scalar of a line.
  private static let bmpClasses: [UInt8] = (0..<0x1_0000).map { value in
    guard let scalar = Unicode.Scalar(UInt32(value)), isVisibleByCategory(scalar) else {
      return 0
    }
    return isAlone(scalar) ? visible | visibleAndAlone : visible
  }

  /// Whether a visible BMP scalar is a grapheme cluster by itself beside any other such
  /// scalar: its Grapheme_Cluster_Break is Other, LV or LVT (UAX #29), and no rule joins two
  /// of those (the rules that join them to others need an Extend, SpacingMark, ZWJ, L, V, T,
  /// Prepend or regional indicator on the other side, and those are not alone, or invisible
  /// and shown escaped). Conservative: every spacing mark counts as not alone, although a
  /// few are Other. `CommandLineRenderingTests` checks it against the stdlib's grapheme
  /// breaking for every BMP scalar.
  static func isAlone(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if scalar.isASCII { return true }
    if value >= 0x1_0000 { return false }
    let isHangulJamo =
      (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value)
      || (0xD7B0...0xD7FF).contains(value)
    // Prepend (Consonant_Preceding_Repha) and the two vowels that are SpacingMark but Lo.
    let isListed = value == 0x0D4E || value == 0x0E33 || value == 0x0EB3
    // Extend is Grapheme_Extend plus the emoji modifiers, which are outside the BMP.
    let properties = scalar.properties
    return !isHangulJamo && !isListed && !properties.isGraphemeExtend
      && properties.generalCategory != .spacingMark
  }

  private static func isVisibleByCategory(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate,
      .unassigned:
      return false
    default:
      return true
    }
  }

  /// Each option name of every command with its display name (`--username <USERNAME>`, the
  /// bare name for a flag), the first command's spelling winning; built once.
  private static let displayNames: [(name: String, displayName: String)] = {
    var table: [(name: String, displayName: String)] = []
    for topic in HelpTopic.allCases {
      for spec in CommandLineParser.options(for: topic)
      where !table.contains(where: { $0.name == spec.name }) {
        table.append((spec.name, spec.displayName))
      }
    }
    return table
  }()

  /// `--username <USERNAME>` for a value option, the bare name for a flag; `nil` for a word
  /// that is no command's option.
  static func displayName(of option: String) -> String? {
    displayNames.first { $0.name == option }?.displayName
  }
}
