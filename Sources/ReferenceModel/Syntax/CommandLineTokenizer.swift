/// Splits one command line into words, shell-style, remembering where each byte came from.
///
/// Words are separated by space, tab, CR and LF outside quotes. Single quotes keep everything
/// up to the next single quote literally; inside double quotes a backslash makes the next byte
/// literal; outside quotes a backslash makes the next byte literal. Quoted and unquoted parts
/// that touch form one word (`--password='a b'` is one word), and `''` is an empty word. The
/// whole line must be valid UTF-8 (as the CLI's line reader requires), so every word is too.
/// Spec: rule HSM-SYNTAX-006 (inferred: the interactive line syntax is undocumented).
enum CommandLineTokenizer {
  /// One word after quote removal.
  struct Word: Hashable, Sendable {
    /// The word's bytes after quote and escape removal (valid UTF-8).
    var bytes: [UInt8] = []
    /// For each byte of `bytes`, its offset in the line.
    var sourceOffsets: [Int] = []
    /// Offset in the line of the word's first byte (possibly a quote).
    var start: Int
    /// Offset in the line just past the word's last byte (possibly a quote).
    var end: Int

    /// The word as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The number of line bytes the word spans, quotes included.
    var length: Int { end - start }

    /// Whether clap would read the word as an option rather than a value: it starts with `-`
    /// and is not exactly `-`.
    var looksLikeOption: Bool { bytes.count > 1 && bytes.first == UInt8(ascii: "-") }

    /// Whether the word is `-h` or `--help`.
    var isHelpFlag: Bool { text == "-h" || text == "--help" }

    /// Index in `bytes` of the first `=`, if any.
    var equalsIndex: Int? { bytes.firstIndex(of: UInt8(ascii: "=")) }
  }

  private static let singleQuote = UInt8(ascii: "'")
  private static let doubleQuote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")

  /// The words of `line`, or the first quoting or encoding mistake in it.
  static func words(in line: [UInt8]) throws(CommandLineError) -> [Word] {
    if let bad = firstInvalidUTF8(in: line) {
      throw CommandLineError(.invalidUTF8, offset: bad.offset, length: bad.length)
    }
    var words: [Word] = []
    var current: Word?
    var openQuote: (byte: UInt8, offset: Int)?
    var index = 0
    while index < line.count {
      let byte = line[index]
      if let quote = openQuote {
        if byte == quote.byte {
          openQuote = nil
        } else if quote.byte == doubleQuote && byte == backslash {
          index = try escaped(line, at: index, into: &current)
        } else {
          current?.append(byte, from: index)
        }
      } else if isBlank(byte) {
        if var word = current {
          word.end = index
          words.append(word)
          current = nil
        }
      } else {
        if current == nil { current = Word(start: index, end: index) }
        if byte == singleQuote || byte == doubleQuote {
          openQuote = (byte, index)
        } else if byte == backslash {
          index = try escaped(line, at: index, into: &current)
        } else {
          current?.append(byte, from: index)
        }
      }
      index += 1
    }
    if let quote = openQuote {
      throw CommandLineError(.unterminatedQuote, offset: quote.offset, length: 1)
    }
    if var word = current {
      word.end = line.count
      words.append(word)
    }
    return words
  }

  /// Appends the byte after the backslash at `index` and returns that byte's index.
  private static func escaped(
    _ line: [UInt8], at index: Int, into word: inout Word?
  ) throws(CommandLineError) -> Int {
    let next = index + 1
    guard next < line.count else {
      throw CommandLineError(.danglingEscape, offset: index, length: 1)
    }
    word?.append(line[next], from: next)
    return next
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }

  /// The offset and length of the first ill-formed UTF-8 subsequence, if any.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (offset: Int, length: Int)? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .error(let length): return (offset, max(1, length))
      case .emptyInput: return nil
      }
    }
  }
}

extension CommandLineTokenizer.Word {
  fileprivate mutating func append(_ byte: UInt8, from offset: Int) {
    bytes.append(byte)
    sourceOffsets.append(offset)
  }
}
