/// Splits one command line into words, shell-style, remembering where each byte came from.
///
/// Words are separated by space, tab, CR and LF outside quotes. Single quotes keep everything
/// up to the next single quote literally; inside double quotes a backslash makes the next byte
/// literal; outside quotes a backslash makes the next byte literal. Quoted and unquoted parts
/// that touch form one word (`--password='a b'` is one word), and `''` is an empty word. The
/// whole line must be valid UTF-8 (as the CLI's line reader requires), so every word is too.
///
/// It is on the fuzzer's hot path, so it works on bytes and allocates little: a word that is a
/// plain run of the line (no quote or backslash) becomes its `String` straight from the line
/// (short words fit in a small string and allocate nothing); only a word with quotes or escapes
/// is gathered in a scratch buffer, reused for every such word of the line.
/// Spec: rule HSM-SYNTAX-006 (inferred: the interactive line syntax is undocumented).
enum CommandLineTokenizer {
  /// One word after quote removal.
  struct Word: Hashable, Sendable {
    /// The word after quote and escape removal.
    var text: String
    /// Offset in the line of the word's first byte (possibly a quote).
    var start: Int
    /// Offset in the line just past the word's last byte (possibly a quote).
    var end: Int
    /// The first `=` of `text` (after quote and escape removal): its index in `text.utf8` and
    /// the offset in the line of the byte it came from.
    var equals: (index: Int, offset: Int)? {
      equalsIndex.map { ($0, equalsOffset) }
    }
    private var equalsIndex: Int?
    private var equalsOffset = 0

    init(text: String, start: Int, end: Int, equals: (index: Int, offset: Int)?) {
      self.text = text
      self.start = start
      self.end = end
      self.equalsIndex = equals?.index
      self.equalsOffset = equals?.offset ?? 0
    }

    /// The number of line bytes the word spans, quotes included.
    var length: Int { end - start }

    /// Whether clap would read the word as an option rather than a value: it starts with `-`
    /// and is not exactly `-`.
    var looksLikeOption: Bool { text.utf8.count > 1 && text.utf8.first == UInt8(ascii: "-") }

    /// Whether the word is `-h` or `--help`.
    var isHelpFlag: Bool { text == "-h" || text == "--help" }
  }

  private static let singleQuote = UInt8(ascii: "'")
  private static let doubleQuote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")
  private static let equalsSign = UInt8(ascii: "=")

  /// The words of `line`, or the first quoting or encoding mistake in it.
  static func words(in line: [UInt8]) throws(CommandLineError) -> [Word] {
    if let bad = ByteScan.firstInvalidUTF8(in: line) {
      throw CommandLineError(.invalidUTF8, offset: bad.offset, length: bad.length)
    }
    var words: [Word] = []
    words.reserveCapacity(8)
    var current: WordBuilder?
    var scratch: [UInt8] = []
    var openQuote: (byte: UInt8, offset: Int)?
    var index = 0
    while index < line.count {
      if openQuote == nil && current?.isPlainRun != false {
        // The common case, a run of ordinary bytes outside quotes: skip to its end at once.
        let runEnd = ordinaryRunEnd(in: line, from: index)
        if runEnd > index {
          if current == nil { current = WordBuilder(start: index) }
          current?.plainCount += runEnd - index
          index = runEnd
          continue
        }
      }
      if let quote = openQuote {
        // Inside quotes, a run up to the closing quote (or a backslash in double quotes, or
        // the word's first `=`) is the word's own.
        let runEnd = quotedRunEnd(
          in: line, from: index, quote: quote.byte, stopAtEquals: current?.equals == nil)
        if runEnd > index {
          current?.appendRun(line, index..<runEnd, scratch: &scratch)
          index = runEnd
          continue
        }
      }
      let byte = line[index]
      if let quote = openQuote {
        if byte == quote.byte {
          openQuote = nil
        } else if quote.byte == doubleQuote && byte == backslash {
          index = try escaped(line, at: index, into: &current, scratch: &scratch)
        } else {
          current?.append(line, index, scratch: &scratch)
        }
      } else if isBlank(byte) {
        if let word = current {
          words.append(word.finish(line, end: index, scratch: scratch))
          current = nil
        }
      } else {
        if current == nil { current = WordBuilder(start: index) }
        if byte == singleQuote || byte == doubleQuote {
          current?.leavePlainRun(line, scratch: &scratch)
          openQuote = (byte, index)
        } else if byte == backslash {
          index = try escaped(line, at: index, into: &current, scratch: &scratch)
        } else {
          current?.append(line, index, scratch: &scratch)
        }
      }
      index += 1
    }
    if let quote = openQuote {
      throw CommandLineError(.unterminatedQuote, offset: quote.offset, length: 1)
    }
    if let word = current {
      words.append(word.finish(line, end: line.count, scratch: scratch))
    }
    return words
  }

  /// Appends the byte after the backslash at `index` and returns that byte's index.
  private static func escaped(
    _ line: [UInt8], at index: Int, into word: inout WordBuilder?, scratch: inout [UInt8]
  ) throws(CommandLineError) -> Int {
    let next = index + 1
    guard next < line.count else {
      throw CommandLineError(.danglingEscape, offset: index, length: 1)
    }
    word?.leavePlainRun(line, scratch: &scratch)
    word?.append(line, next, scratch: &scratch)
    return next
  }

  /// The end of the run of bytes from `start` inside a `quote`: up to the closing quote, a
  /// backslash in double quotes, or an `=` if `stopAtEquals`.
  private static func quotedRunEnd(
    in line: [UInt8], from start: Int, quote: UInt8, stopAtEquals: Bool
  ) -> Int {
    let escapes = quote == doubleQuote
    return ByteScan.firstIndex(
      in: line, from: start, to: line.count,
      chunkMayMatch: { chunk in
        // A byte never in the chunk stands in for the stops that do not apply.
        let escape = escapes ? backslash : quote
        let equals = stopAtEquals ? equalsSign : quote
        return ByteScan.mask(equalTo: quote, in: chunk) | ByteScan.mask(equalTo: escape, in: chunk)
          | ByteScan.mask(equalTo: equals, in: chunk) != 0
      },
      isMatch: { byte in
        byte == quote || (escapes && byte == backslash) || (stopAtEquals && byte == equalsSign)
      })
  }

  /// The end of the run of bytes from `start` that are none of blank, quote, backslash or
  /// `=` (the bytes the loop in `words(in:)` must look at one by one).
  private static func ordinaryRunEnd(in line: [UInt8], from start: Int) -> Int {
    ByteScan.firstIndex(
      in: line, from: start, to: line.count,
      chunkMayMatch: { chunk in
        ByteScan.mask(lessThan: 0x21, in: chunk) | ByteScan.mask(equalTo: singleQuote, in: chunk)
          | ByteScan.mask(equalTo: doubleQuote, in: chunk)
          | ByteScan.mask(equalTo: backslash, in: chunk)
          | ByteScan.mask(equalTo: equalsSign, in: chunk) != 0
      },
      isMatch: { byte in
        isBlank(byte) || byte == singleQuote || byte == doubleQuote || byte == backslash
          || byte == equalsSign
      })
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }

  /// A word being read: a plain run of the line until its first quote or backslash, then the
  /// bytes gathered in the tokenizer's scratch buffer.
  private struct WordBuilder {
    var start: Int
    /// Whether every byte so far is the line's own, from `start` on (no quote or escape yet).
    var isPlainRun = true
    /// Bytes of the word so far, while `isPlainRun`.
    var plainCount = 0
    var equals: (index: Int, offset: Int)?

    init(start: Int) { self.start = start }

    /// Appends the line's byte at `offset` to the word.
    mutating func append(_ line: [UInt8], _ offset: Int, scratch: inout [UInt8]) {
      let index = isPlainRun ? plainCount : scratch.count
      if equals == nil && line[offset] == CommandLineTokenizer.equalsSign {
        equals = (index, offset)
      }
      if isPlainRun {
        plainCount += 1
      } else {
        scratch.append(line[offset])
      }
    }

    /// Appends the line's bytes in `range`, none of them `=` (or the word has one already).
    mutating func appendRun(_ line: [UInt8], _ range: Range<Int>, scratch: inout [UInt8]) {
      if isPlainRun {
        plainCount += range.count
      } else {
        scratch.append(contentsOf: line[range])
      }
    }

    /// Switches to the scratch buffer, before a quote or an escape removes a byte.
    mutating func leavePlainRun(_ line: [UInt8], scratch: inout [UInt8]) {
      guard isPlainRun else { return }
      isPlainRun = false
      scratch.removeAll(keepingCapacity: true)
      scratch.append(contentsOf: line[start..<(start + plainCount)])
    }

    func finish(_ line: [UInt8], end: Int, scratch: [UInt8]) -> Word {
      let text =
        isPlainRun
        ? String(decoding: line[start..<(start + plainCount)], as: UTF8.self)
        : String(decoding: scratch, as: UTF8.self)
      return Word(text: text, start: start, end: end, equals: equals)
    }
  }
}
