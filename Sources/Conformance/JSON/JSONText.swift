/// Byte-level checks on JSON text that json-c leaves to its caller.
///
/// json-c 0.16 in strict mode still accepts `NaN`, `Infinity`, leading zeros on negative numbers
/// and on fractions, `1.`, raw control characters in strings, keys in single quotes, and
/// integers beyond 64 bits (it clamps them). `JSONText` finds those in text json-c has already accepted, with the offset
/// of the offending token, so that both readers reject them with a position. It also finds the
/// first byte json-c must never see: a NUL, or one that starts ill-formed UTF-8 (json-c's own
/// check accepts overlong forms, surrogates and code points past U+10FFFF).
/// Spec: RFC 8259 §6 (numbers), §7 (strings), §8.1 (UTF-8).
enum JSONText {
  /// Something wrong found in the text: the offset of its first byte, and what it is.
  typealias Finding = (offset: Int, kind: JSONReadError.Kind)

  /// The offset of the first NUL byte or ill-formed UTF-8 sequence in `bytes`, with its kind.
  ///
  /// Uses the standard library's UTF-8 parser, which rejects what the Unicode Standard calls
  /// ill-formed (overlong forms, surrogates, values past U+10FFFF, truncated sequences).
  static func firstForbiddenByte(in bytes: some Collection<UInt8>) -> Finding? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == 0 { return (offset, .nulByte) }
        offset += encoded.count
      case .error: return (offset, .invalidUTF8)
      case .emptyInput: return nil
      }
    }
  }

  /// How many bytes at the end of `bytes` are the start of a UTF-8 sequence that the next
  /// bytes may complete (0 to 3). Feeding json-c only whole sequences keeps its per-call UTF-8
  /// check from failing on a character split between two reads.
  static func incompleteTailLength(of bytes: some BidirectionalCollection<UInt8>) -> Int {
    var count = 0
    for byte in bytes.reversed() {
      count += 1
      if byte & 0xC0 != 0x80 {
        let needed =
          switch byte {
          case 0xC2...0xDF: 2
          case 0xE0...0xEF: 3
          case 0xF0...0xF4: 4
          default: 1
          }
        return count < needed ? count : 0
      }
      if count == 3 { return 0 }
    }
    return 0
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// Whether `byte` is JSON punctuation: `"`, `,`, `:`, `[`, `]`, `{` or `}`. (A switch: the
  /// readers ask for every byte a SUT prints, and `"…".utf8.contains` walks a string each time.)
  static func isStructural(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
      true
    default: false
    }
  }

  /// The first token that json-c accepted but RFC 8259 forbids, in text json-c accepted.
  static func firstNonconformingToken(in bytes: [UInt8]) -> Finding? {
    for token in JSONToken.scan(bytes) {
      let text = bytes[token.range]
      switch token.kind {
      case .string:
        if let index = text.firstIndex(where: { $0 < 0x20 }) {
          return (index, .controlCharacterInString)
        }
      case .scalar where text.first == UInt8(ascii: "'"):
        return (token.range.lowerBound, .syntax(JSONTokener.keyNameExpected))
      case .scalar:
        if let kind = checkScalar(text) { return (token.range.lowerBound, kind) }
      default: continue
      }
    }
    return nil
  }

  /// `nil` if `text` is `true`, `false`, `null` or an RFC 8259 number that fits; otherwise why not.
  static func checkScalar(_ text: ArraySlice<UInt8>) -> JSONReadError.Kind? {
    if text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8)
      || text.elementsEqual("null".utf8)
    {
      return nil
    }
    guard let isInteger = numberGrammar(text) else { return .invalidNumber }
    if isInteger {
      let negative = text.first == UInt8(ascii: "-")
      let digits = negative ? text.dropFirst() : text
      let limit = Array((negative ? "9223372036854775808" : "9223372036854775807").utf8)
      // Same length: compare digit by digit; a shorter run of digits (no leading zeros) fits.
      let fits =
        digits.count < limit.count
        || (digits.count == limit.count && !limit.lexicographicallyPrecedes(digits))
      return fits ? nil : .numberOutOfRange
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
      return .numberOutOfRange
    }
    return nil
  }

  /// Whether `text` is an integer (`true`) or another number (`false`) by RFC 8259's grammar,
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; `nil` if it is not a number.
  static func numberGrammar(_ text: ArraySlice<UInt8>) -> Bool? {
    var rest = text[...]
    func digits() -> Int {
      let count = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
      rest = rest.dropFirst(count)
      return count
    }
    if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
    let leadingZero = rest.first == UInt8(ascii: "0")
    let integerDigits = digits()
    guard integerDigits > 0, !leadingZero || integerDigits == 1 else { return nil }
    var isInteger = true
    if rest.first == UInt8(ascii: ".") {
      rest = rest.dropFirst()
      guard digits() > 0 else { return nil }
      isInteger = false
    }
    if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
      rest = rest.dropFirst()
      if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
        rest = rest.dropFirst()
      }
      guard digits() > 0 else { return nil }
      isInteger = false
    }
    return rest.isEmpty ? isInteger : nil
  }
}

/// One lexical token of JSON text: a structural character, a string (with its quotes) or a
/// scalar (a number or a literal). Strings are skipped over, escapes and all, without decoding.
///
/// This is a scanner, not a parser: it is only ever run on text json-c has accepted, to find
/// where things are. On other text it still terminates and stays in bounds.
/// Spec: RFC 8259 §2 (structural characters), §7 (strings).
struct JSONToken: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case beginObject, endObject, beginArray, endArray, colon, comma, string, scalar
  }

  var kind: Kind
  var range: Range<Int>

  static func scan(_ bytes: [UInt8]) -> [JSONToken] {
    var tokens: [JSONToken] = []
    var index = 0
    while index < bytes.count {
      let start = index
      let byte = bytes[index]
      index += 1
      let kind: Kind
      switch byte {
      case UInt8(ascii: "{"): kind = .beginObject
      case UInt8(ascii: "}"): kind = .endObject
      case UInt8(ascii: "["): kind = .beginArray
      case UInt8(ascii: "]"): kind = .endArray
      case UInt8(ascii: ":"): kind = .colon
      case UInt8(ascii: ","): kind = .comma
      case UInt8(ascii: "\""):
        kind = .string
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index = min(index + 1, bytes.count)
      case _ where JSONText.isWhitespace(byte): continue
      default:
        kind = .scalar
        while index < bytes.count, !endsScalar(bytes[index]) { index += 1 }
      }
      tokens.append(JSONToken(kind: kind, range: start..<index))
    }
    return tokens
  }

  private static func endsScalar(_ byte: UInt8) -> Bool {
    JSONText.isWhitespace(byte) || JSONText.isStructural(byte)
  }
}
