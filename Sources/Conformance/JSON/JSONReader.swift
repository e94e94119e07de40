import CJSONC
package import ReferenceModel

/// Reads one JSON document into a `JSONValue`, with json-c.
///
/// This file is the only place that touches json-c's C API. The choices:
/// - **Strictness: RFC 8259 exactly.** json-c runs with `JSON_TOKENER_STRICT` (no comments,
///   single-quoted values, trailing commas or case-insensitive literals) and
///   `JSON_TOKENER_VALIDATE_UTF8`. What strict json-c 0.16 still lets through is rejected
///   afterwards by `JSONText`, at the token: `NaN`, `Infinity`, leading zeros, `1.`, keys in
///   single quotes, raw control characters in strings. Before json-c runs, any NUL byte and
///   any ill-formed UTF-8 (by the Unicode Standard, stricter than json-c's check) is rejected
///   at its offset. A byte-order mark is an error. The input may be any JSON value, not only
///   an object; after it, only whitespace (space, tab, CR, LF) may follow.
/// - **Numbers.** An integer that does not fit in `Int64` is an error (`numberOutOfRange`), not
///   clamped as json-c does: the token's text is checked, which is exact, whereas `errno` is
///   not reliable once json-c returns. A fraction or exponent makes a `.double`; one too large
///   for a finite `Double` is also `numberOutOfRange`.
/// - **Depth.** At most `maximumDepth` nested levels (json-c's count, where a scalar inside an
///   array or object is a level of its own); deeper input is `tooDeep`, never a crash.
/// - **Strings.** A lone surrogate escape (`"\ud800"`) becomes U+FFFD, as json-c does. A key
///   containing `\u0000` is cut at the NUL (json-c keeps keys as C strings). When a key
///   repeats, the last value wins, in the place of the first key.
/// - **Key order** is kept: json-c's objects iterate in insertion order.
/// Spec: RFC 8259; house-style.md ("json-c is our JSON reader at the system boundary").
package enum JSONReader {
  /// The deepest nesting accepted, in json-c's levels (`json_tokener_new_ex`'s argument).
  package static let maximumDepth = 64

  /// The JSON value that `bytes` holds, with nothing but whitespace around it.
  package static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> JSONValue {
    if let (offset, kind) = JSONText.firstForbiddenByte(in: bytes) {
      throw JSONReadError(kind, offset: offset, in: bytes)
    }
    guard bytes.contains(where: { !JSONText.isWhitespace($0) }) else {
      throw JSONReadError(.emptyInput, offset: bytes.count, in: bytes)
    }
    guard let tokener = JSONTokener() else {
      throw JSONReadError(.outOfMemory, offset: 0, in: bytes)
    }
    var start = 0
    while true {
      let end = chunkEnd(in: bytes, from: start)
      let step =
        start < bytes.count
        ? bytes.withUnsafeBytes { tokener.feed(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
        : tokener.feedEndOfInput()
      switch step {
      case .needMore:
        start = end
      case .failure(let kind, let consumed):
        throw JSONReadError(kind, offset: min(start + consumed, bytes.count), in: bytes)
      case .value(let value, let consumed):
        let rest = min(start + consumed, bytes.count)
        if let extra = bytes[rest...].firstIndex(where: { !JSONText.isWhitespace($0) }) {
          throw JSONReadError(.trailingData, offset: extra, in: bytes)
        }
        if let (offset, kind) = JSONText.firstNonconformingToken(in: bytes) {
          throw JSONReadError(kind, offset: offset, in: bytes)
        }
        return value
      }
    }
  }

  /// The largest number of bytes given to json-c at once (its length argument is an `Int32`).
  static let chunkLimit = 1 << 16

  /// Where the chunk starting at `start` ends: at most `chunkLimit` bytes, never inside a
  /// UTF-8 sequence (json-c checks UTF-8 one call at a time).
  static func chunkEnd(in bytes: [UInt8], from start: Int) -> Int {
    var end = min(start + chunkLimit, bytes.count)
    var backed = 0
    while end < bytes.count, end > start + 1, backed < 3, bytes[end] & 0xC0 == 0x80 {
      end -= 1
      backed += 1
    }
    return end
  }
}

/// One json-c tokener, owned: created with the reader's flags and depth, freed on deinit.
///
/// A class so that `deinit` frees the C object exactly once; `JSONStreamReader` keeps value
/// semantics on top of it by copy-on-write.
/// Spec: json-c `json_tokener.h` (`json_tokener_parse_ex`).
final class JSONTokener {
  /// What one call to json-c did with a chunk.
  enum Step {
    /// The chunk was consumed and the value is not finished yet.
    case needMore
    /// A value ended after `consumed` bytes of the chunk (json-c also eats whitespace after it).
    case value(JSONValue, consumed: Int)
    /// The byte at `consumed` in the chunk is wrong; the tokener must not be used again
    /// (`json_tokener_reset` keeps a pending high surrogate: make a new one).
    case failure(JSONReadError.Kind, consumed: Int)
  }

  private let handle: UnsafeMutablePointer<json_tokener>

  init?() {
    guard let handle = json_tokener_new_ex(Int32(JSONReader.maximumDepth)) else { return nil }
    json_tokener_set_flags(
      handle, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS | JSON_TOKENER_VALIDATE_UTF8)
    self.handle = handle
  }

  deinit { json_tokener_free(handle) }

  /// Gives json-c the next bytes of the input (at most `JSONReader.chunkLimit` of them).
  func feed(_ chunk: UnsafeRawBufferPointer) -> Step {
    guard let base = chunk.baseAddress, !chunk.isEmpty else { return .needMore }
    let length = Int32(min(chunk.count, JSONReader.chunkLimit))
    let object = json_tokener_parse_ex(handle, base.assumingMemoryBound(to: CChar.self), length)
    return step(after: object)
  }

  /// Tells json-c the input ends here. A NUL byte is json-c's own convention, but it turns
  /// every error there into "unexpected end of data"; one space ends a top-level number or
  /// literal just as well and leaves json-c's own diagnosis (`012`, `-`, `tru`). If json-c
  /// still wants more after it, the input ended inside a string, array or object.
  func feedEndOfInput() -> Step {
    var space = CChar(UInt8(ascii: " "))
    let object = json_tokener_parse_ex(handle, &space, 1)
    let step = step(after: object)
    guard case .needMore = step else { return step }
    return .failure(.unexpectedEnd, consumed: 0)
  }

  /// json-c's wording for a key that is not in double quotes, which strict mode still allows
  /// in single quotes (json-c 0.16); `JSONText` reports those with it.
  static let keyNameExpected = String(
    cString: json_tokener_error_desc(json_tokener_error_parse_object_key_name))

  private func step(after object: OpaquePointer?) -> Step {
    let consumed = Int(json_tokener_get_parse_end(handle))
    let error = json_tokener_get_error(handle)
    switch error {
    case json_tokener_success:
      defer { json_object_put(object) }
      return .value(Self.value(of: object), consumed: consumed)
    case json_tokener_continue:
      return .needMore
    case json_tokener_error_depth:
      return .failure(.tooDeep(limit: JSONReader.maximumDepth), consumed: consumed)
    case json_tokener_error_parse_eof:
      return .failure(.unexpectedEnd, consumed: consumed)
    case json_tokener_error_parse_utf8_string:
      // The bytes were checked before (more strictly); json-c says this when any error stops
      // it on the first byte of a multi-byte character, outside a string.
      let unexpected = String(cString: json_tokener_error_desc(json_tokener_error_parse_unexpected))
      return .failure(.syntax(unexpected), consumed: consumed)
    default:
      return .failure(.syntax(String(cString: json_tokener_error_desc(error))), consumed: consumed)
    }
  }

  /// The Swift value of a json-c object (which stays owned by the caller).
  private static func value(of object: OpaquePointer?) -> JSONValue {
    guard let object else { return .null }
    switch json_object_get_type(object) {
    case json_type_boolean:
      return .bool(json_object_get_boolean(object) != 0)
    case json_type_int:
      return .int(json_object_get_int64(object))
    case json_type_double:
      return .double(json_object_get_double(object))
    case json_type_string:
      return .string(string(of: object))
    case json_type_array:
      let count = json_object_array_length(object)
      return .array((0..<count).map { value(of: json_object_array_get_idx(object, $0)) })
    case json_type_object:
      return .object(members(of: object))
    default:
      return .null
    }
  }

  private static func string(of object: OpaquePointer) -> String {
    guard let characters = json_object_get_string(object) else { return "" }
    let length = Int(json_object_get_string_len(object))
    return String(decoding: UnsafeRawBufferPointer(start: characters, count: length), as: UTF8.self)
  }

  private static func members(of object: OpaquePointer) -> [(key: String, value: JSONValue)] {
    var members: [(key: String, value: JSONValue)] = []
    var iterator = json_object_iter_begin(object)
    var end = json_object_iter_end(object)
    while json_object_iter_equal(&iterator, &end) == 0 {
      let key = json_object_iter_peek_name(&iterator).map { String(cString: $0) } ?? ""
      members.append((key, value(of: json_object_iter_peek_value(&iterator))))
      json_object_iter_next(&iterator)
    }
    return members
  }
}
