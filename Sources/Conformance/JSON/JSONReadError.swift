/// Why bytes were not read as JSON, and where.
///
/// `offset` is a byte offset into the input (for `JSONStreamReader`, into the whole stream);
/// `line` and `column` are 1-based and computed from it: lines end at `\n`, and the column
/// counts Unicode scalars (UTF-8 lead bytes), not bytes, from the start of the line. An error
/// at the end of the input has `offset` equal to the input's length.
/// Spec: RFC 8259 (what JSON is); sut-contract.md §1 (SUT files) and §2 (the SUT's output).
package struct JSONReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of mistake.
  package enum Kind: Hashable, Sendable {
    /// A syntax error reported by json-c, with its own wording (`json_tokener_error_desc`).
    case syntax(String)
    /// The input holds no JSON value at all (nothing, or only whitespace).
    case emptyInput
    /// The input ends inside a value.
    case unexpectedEnd
    /// Something other than whitespace follows the value.
    case trailingData
    /// A NUL byte (never valid in JSON text, and json-c's end-of-input marker).
    case nulByte
    /// The bytes starting at `offset` are not well-formed UTF-8.
    case invalidUTF8
    /// Arrays and objects are nested deeper than `limit` levels.
    case tooDeep(limit: Int)
    /// A number json-c accepts but RFC 8259 does not: a leading zero, `1.`, `NaN`, `Infinity`.
    case invalidNumber
    /// An integer outside `Int64`, or a number too large to be a finite `Double`.
    case numberOutOfRange
    /// A raw control character (U+0000 to U+001F) inside a string; it must be escaped.
    case controlCharacterInString
    /// json-c could not allocate its tokener.
    case outOfMemory
  }

  package var kind: Kind
  package var offset: Int
  package var line: Int
  package var column: Int

  package init(_ kind: Kind, offset: Int, line: Int, column: Int) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// An error at `position`.
  init(_ kind: Kind, _ position: TextPosition) {
    self.init(kind, offset: position.offset, line: position.line, column: position.column)
  }

  /// An error at `offset` in `bytes`, with its line and column computed from the text.
  package init(_ kind: Kind, offset: Int, in bytes: [UInt8]) {
    let position = TextPosition.of(offset: offset, in: bytes)
    self.init(kind, offset: position.offset, line: position.line, column: position.column)
  }

  /// The explanation without the position, for example `unexpected end of data`.
  package var message: String {
    switch kind {
    case .syntax(let description): description
    case .emptyInput: "no JSON value in the input"
    case .unexpectedEnd: "unexpected end of data"
    case .trailingData: "unexpected data after the JSON value"
    case .nulByte: "NUL byte in the input"
    case .invalidUTF8: "invalid UTF-8"
    case .tooDeep(let limit): "nesting too deep (the limit is \(limit) levels)"
    case .invalidNumber: "invalid number (RFC 8259 allows neither leading zeros, NaN nor Infinity)"
    case .numberOutOfRange:
      "number out of range (an integer must fit in 64 bits, and a number with a fraction or "
        + "exponent in a finite double)"
    case .controlCharacterInString: "control character in string (it must be escaped)"
    case .outOfMemory: "out of memory"
    }
  }

  package var description: String { "\(line):\(column): \(message)" }
}

/// A place in a byte stream: the byte offset, and the 1-based line and column it falls on.
///
/// Advancing over the bytes one at a time gives the same position as advancing over them in
/// any grouping, which the stream reader relies on.
/// Spec: JSONReadError's line and column rules.
struct TextPosition: Hashable, Sendable {
  var offset = 0
  var line = 1
  var column = 1

  mutating func advance(over byte: UInt8) {
    offset += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  mutating func advance(over bytes: some Sequence<UInt8>) {
    for byte in bytes { advance(over: byte) }
  }

  /// The position of `offset` (clamped to `0...bytes.count`) in `bytes`.
  static func of(offset: Int, in bytes: [UInt8]) -> TextPosition {
    var position = TextPosition()
    position.advance(over: bytes.prefix(max(0, offset)))
    return position
  }
}
