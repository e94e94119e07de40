import Conformance
import ReferenceModel
import Testing

/// `JSONReader`: what json-c (with our extra checks) accepts and rejects, and where.
@Suite struct JSONReaderTests {
  private static func read(_ text: String) throws(JSONReadError) -> JSONValue {
    try JSONReader.parse(Array(text.utf8))
  }

  @Test(arguments: [
    ("{}", JSONValue.object([])),
    ("[]", .array([])),
    ("null", .null),
    (" true ", .bool(true)),
    ("false", .bool(false)),
    ("0", .int(0)),
    ("-0", .int(0)),
    ("42", .int(42)),
    ("-7", .int(-7)),
    ("1.5", .double(1.5)),
    ("-0.25e2", .double(-25)),
    ("1E3", .double(1000)),
    ("1e-400", .double(0)),
    ("\"\"", .string("")),
    ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .string("a\"b\\c/d\u{8}\u{c}\n\r\t")),
    ("\"\\u00e9\\u20AC\"", .string("é€")),
    ("\"\\ud83d\\ude00\"", .string("😀")),
    ("\"\\ud800\"", .string("\u{FFFD}")),
    ("\"\\u0000x\"", .string("\u{0}x")),
    ("\"é😀\"", .string("é😀")),
    (
      "\n\t{ \"a\" : [1, 2.5, \"x\", null, true, {}] }\r\n",
      .object([
        ("a", .array([.int(1), .double(2.5), .string("x"), .null, .bool(true), .object([])]))
      ])
    ),
  ])
  func acceptsValidJSON(text: String, expected: JSONValue) throws {
    #expect(try Self.read(text) == expected)
  }

  @Test func keepsKeyOrder() throws {
    let value = try Self.read(#"{"zeta": 1, "alpha": {"y": 2, "b": 3}, "mid": 4}"#)
    #expect(value.compactText == #"{"zeta":1,"alpha":{"y":2,"b":3},"mid":4}"#)
  }

  @Test func aRepeatedKeyKeepsItsFirstPlaceAndLastValue() throws {
    #expect(
      try Self.read(#"{"a": 1, "b": 2, "a": 3}"#) == .object([("a", .int(3)), ("b", .int(2))]))
  }

  @Test(arguments: [
    ("9223372036854775807", JSONValue.int(.max)),
    ("-9223372036854775808", .int(.min)),
    ("[1e308, -1e308]", .array([.double(1e308), .double(-1e308)])),
  ])
  func readsNumbersAtTheLimits(text: String, expected: JSONValue) throws {
    #expect(try Self.read(text) == expected)
  }

  @Test(arguments: [
    "9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "123456789012345678901234567890", "1e400", "-1e400",
  ])
  func rejectsNumbersOutOfRange(text: String) {
    #expect(throws: JSONReadError(.numberOutOfRange, offset: 0, line: 1, column: 1)) {
      try Self.read(text)
    }
  }

  /// (input, kind, offset, line, column)
  @Test(
    arguments: [
      ("", JSONReadError.Kind.emptyInput, 0, 1, 1),
      (" \n ", .emptyInput, 3, 2, 2),
      ("{", .unexpectedEnd, 1, 1, 2),
      ("[1,", .unexpectedEnd, 3, 1, 4),
      ("\"abc", .unexpectedEnd, 4, 1, 5),
      ("tru", .syntax("boolean expected"), 3, 1, 4),
      ("{} x", .trailingData, 3, 1, 4),
      ("1 2", .trailingData, 2, 1, 3),
      ("{}{}", .trailingData, 2, 1, 3),
      ("{\"a\":1,}", .syntax("unexpected character"), 7, 1, 8),
      ("[1,]", .syntax("unexpected character"), 3, 1, 4),
      ("{'a':1}", .syntax("quoted object property name expected"), 1, 1, 2),
      ("/* c */ 1", .syntax("unexpected character"), 0, 1, 1),
      ("{\"a\" 1}", .syntax("object property name separator ':' expected"), 5, 1, 6),
      ("{\"a\":1 \"b\":2}", .syntax("object value separator ',' expected"), 7, 1, 8),
      ("[1 2]", .syntax("array value separator ',' expected"), 3, 1, 4),
      ("TRUE", .syntax("boolean expected"), 0, 1, 1),
      ("nul", .syntax("null expected"), 3, 1, 4),
      ("\"\\x\"", .syntax("invalid string sequence"), 2, 1, 3),
      ("012", .syntax("number expected"), 3, 1, 4),
      ("-01", .invalidNumber, 0, 1, 1),
      ("[1.]", .invalidNumber, 1, 1, 2),
      ("0.5e", .syntax("number expected"), 4, 1, 5),
      ("-", .syntax("number expected"), 1, 1, 2),
      ("NaN", .invalidNumber, 0, 1, 1),
      ("[Infinity]", .invalidNumber, 1, 1, 2),
      ("-Infinity", .invalidNumber, 0, 1, 1),
      ("\"a\tb\"", .controlCharacterInString, 2, 1, 3),
      ("{\"a\u{1}\":1}", .controlCharacterInString, 3, 1, 4),
    ] as [(String, JSONReadError.Kind, Int, Int, Int)])
  func rejectsInvalidJSON(
    text: String, kind: JSONReadError.Kind, offset: Int, line: Int, column: Int
  ) {
    #expect(throws: JSONReadError(kind, offset: offset, line: line, column: column)) {
      try Self.read(text)
    }
  }

  /// Multi-line inputs: the line and column (in characters, not bytes) of the error.
  @Test(
    arguments: [
      (
        "{\n  \"a\": 1,\n  \"b\": [1, 2\n}\n",
        JSONReadError.Kind.syntax(
          "array value separator ',' expected"), 25, 4, 1
      ),
      ("{\n  \"é😀\": \"ü\" x\n}", .syntax("object value separator ',' expected"), 19, 2, 13),
      ("[\n  1,\n  2\n", .unexpectedEnd, 11, 4, 1),
      ("{\r\n  \"a\": 007\r\n}", .syntax("number expected"), 13, 2, 11),
      ("{\n  \"n\": 99999999999999999999\n}", .numberOutOfRange, 9, 2, 8),
      ("[\n\"ok\",\n\"ï\u{7f}\", \"\t\"]", .controlCharacterInString, 16, 3, 8),
    ] as [(String, JSONReadError.Kind, Int, Int, Int)])
  func placesErrorsByLineAndColumn(
    text: String, kind: JSONReadError.Kind, offset: Int, line: Int, column: Int
  ) {
    #expect(throws: JSONReadError(kind, offset: offset, line: line, column: column)) {
      try Self.read(text)
    }
  }

  /// (bytes, kind, offset): NUL and ill-formed UTF-8, which json-c alone would not all catch.
  @Test(
    arguments: [
      ([0x22, 0x61, 0x00, 0x22], JSONReadError.Kind.nulByte, 2),
      ([0x7B, 0x7D, 0x00], .nulByte, 2),
      ([0x22, 0xC3, 0x22], .invalidUTF8, 1),
      ([0x22, 0xC0, 0x80, 0x22], .invalidUTF8, 1),
      ([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1),
      ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1),
      ([0x22, 0xFF, 0x22], .invalidUTF8, 1),
      ([0x22, 0x80, 0x22], .invalidUTF8, 1),
      ([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .syntax("unexpected character"), 0),
      ([0x22, 0xE2, 0x82], .invalidUTF8, 1),
    ] as [([UInt8], JSONReadError.Kind, Int)])
  func rejectsForbiddenBytes(bytes: [UInt8], kind: JSONReadError.Kind, offset: Int) {
    #expect(throws: JSONReadError(kind, offset: offset, in: bytes)) {
      try JSONReader.parse(bytes)
    }
  }

  @Test func nestingUpToTheLimitIsRead() throws {
    let depth = JSONReader.maximumDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    var expected = JSONValue.array([])
    for _ in 1..<depth { expected = .array([expected]) }
    #expect(try Self.read(text) == expected)
  }

  @Test(arguments: [JSONReader.maximumDepth + 1, 100_000])
  func deepNestingIsAnErrorNotACrash(depth: Int) {
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let limit = JSONReader.maximumDepth
    #expect(
      throws: JSONReadError(.tooDeep(limit: limit), offset: limit, line: 1, column: limit + 1)
    ) {
      try Self.read(text)
    }
  }

  @Test func readsALargeDocumentInChunks() throws {
    let items = (0..<20_000).map { JSONValue.string("é-\($0)-😀") }
    let text = JSONValue.object([("items", .array(items))]).prettyText
    #expect(text.utf8.count > 3 * (1 << 16))
    #expect(try Self.read(text) == .object([("items", .array(items))]))
  }

  @Test func errorDescriptionGivesLineColumnAndMessage() {
    let error = JSONReadError(.unexpectedEnd, offset: 3, line: 2, column: 1)
    #expect(error.description == "2:1: unexpected end of data")
  }
}

/// `JSONLocator`: where keys and values are in accepted text, since json-c keeps no positions.
@Suite struct JSONLocatorTests {
  static let text =
    #"{"a": {"b": [10, {"c": "x"}, [1, 2]]}, "d\u0065": null, "a": 5, "s": "{[,:\"]}"}"#

  @Test(
    arguments: [
      ([JSONPathComponent](), 0),
      ([.key("a")], 61),
      ([.key("de")], 50),
      ([.key("s")], 69),
      ([.key("d")], nil),
      ([.key("a"), .key("b")], nil),
      ([.key("zzz")], nil),
    ] as [([JSONPathComponent], Int?)])
  func findsTheLastValueAtAPath(path: [JSONPathComponent], offset: Int?) {
    #expect(JSONLocator(Array(Self.text.utf8)).valueOffset(at: path) == offset)
  }

  @Test func findsValuesInsideArraysAndKeys() {
    let bytes = Array(#"{"b": [10, {"c": "x"}, [1, 2]]}"#.utf8)
    let locator = JSONLocator(bytes)
    #expect(locator.valueOffset(at: [.key("b"), .index(0)]) == 7)
    #expect(locator.valueOffset(at: [.key("b"), .index(1), .key("c")]) == 17)
    #expect(locator.valueOffset(at: [.key("b"), .index(2), .index(1)]) == 27)
    #expect(locator.valueOffset(at: [.key("b"), .index(3)]) == nil)
    #expect(locator.keyOffset(at: [.key("b"), .index(1), .key("c")]) == 12)
    #expect(locator.keyOffset(at: [.key("b"), .index(1)]) == nil)
  }

  @Test func rendersPathsAsPeopleWriteThem() {
    #expect(
      [JSONPathComponent.key("admin"), .key("access_key_id")].rendered == "admin.access_key_id")
    #expect([JSONPathComponent.key("session"), .index(2)].rendered == "session[2]")
    #expect([JSONPathComponent.index(0), .key("k")].rendered == "[0].k")
  }
}
