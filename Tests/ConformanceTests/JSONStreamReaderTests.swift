import Conformance
import ReferenceModel
import Testing

/// `JSONStreamReader`: framing of a session's standard output, checked like NIO's
/// `ByteToMessageDecoderVerifier`: every way of splitting a stream into reads must give what
/// reading it whole gives.
@Suite struct JSONStreamReaderTests {
  typealias Results = [Result<JSONValue, JSONReadError>]

  /// Feeds `bytes` to a new reader in the pieces that `cuts` (ascending offsets) make, then
  /// finishes the stream.
  static func read(_ bytes: [UInt8], cuts: [Int] = []) -> Results {
    var reader = JSONStreamReader()
    var results: Results = []
    var start = 0
    for cut in cuts + [bytes.count] {
      results += reader.feed(bytes[start..<cut])
      start = cut
    }
    if let error = reader.finish() { results.append(.failure(error)) }
    return results
  }

  static func read(_ text: String) -> Results { read(Array(text.utf8)) }

  /// Streams with prompts, pretty and compact objects, escapes, multi-byte characters and each
  /// kind of error, for the drip-feed tests.
  static let streams: [[UInt8]] = [
    Array("aws-cloudhsm > {\"error_code\":0,\"data\":\"ok\"}\naws-cloudhsm > ".utf8),
    Array(
      "{\n  \"error_code\": 1,\n  \"data\": \"é \\u00e9 \\ud83d\\ude00 😀 \\\" \\\\\"\n}\n".utf8),
    Array("{\"a\":1}{\"b\":[true,false,null,-1.5e3]}\n\nEnter public key PEM file path:".utf8),
    Array("{\"a\": x, \"b\": {\"c\": 1}}\n  {\"no\": 1}\n> {\"ok\": 1}".utf8),
    Array("{\"n\": 99999999999999999999}{\"m\": -01}{'k': 1}\n{\"z\":0}".utf8),
    [0x7B, 0x22, 0x61, 0x00, 0x22, 0x7D, 0x0A, 0x7B, 0x7D],
    [
      0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A, 0xFF, 0x7B, 0x22, 0xE2, 0x82, 0xAC, 0x22, 0x3A,
      0x31, 0x7D,
    ],
    Array("prompt > {\"error_code\": 0, \"data\": {\"users\": [{\"name\": \"ä\"".utf8),
    [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF0, 0x9F, 0x98],
  ]

  @Test(arguments: streams.indices)
  func everySplitPointGivesTheSameResults(index: Int) {
    let bytes = Self.streams[index]
    let whole = Self.read(bytes)
    for cut in 0...bytes.count {
      #expect(Self.read(bytes, cuts: [cut]) == whole, "split at \(cut)")
    }
    for first in 0...bytes.count where bytes.count <= 64 {
      for second in first...bytes.count {
        #expect(Self.read(bytes, cuts: [first, second]) == whole, "split at \(first), \(second)")
      }
    }
    #expect(Self.read(bytes, cuts: Array(bytes.indices.dropFirst())) == whole, "byte by byte")
  }

  @Test func randomSplitsOfALongStreamGiveTheSameResults() {
    let bytes = Array(Self.streams.joined(separator: Array("\n".utf8)))
    let long = Array(repeatElement(bytes, count: 20).joined())
    let whole = Self.read(long)
    #expect(whole.count > 100)
    let seed = UInt64.random(in: 0...UInt64.max)
    var generator = SplitMix64(seed: seed)
    for _ in 0..<200 {
      let count = Int.random(in: 1...200, using: &generator)
      let cuts = (0..<count).map { _ in Int.random(in: 0...long.count, using: &generator) }.sorted()
      #expect(Self.read(long, cuts: cuts) == whole, "seed \(seed)")
    }
  }

  @Test func readsObjectsBetweenPromptsAndQuestions() {
    let stream = """
      aws-cloudhsm > {"error_code":0,"data":"ok"}
      aws-cloudhsm > {
        "error_code": 1,
        "data": "é \\u00e9 😀"
      }

      Enter public key PEM file path:{"a":1}{"b":2}
      [3, "x"]
      """
    #expect(
      Self.read(stream) == [
        .success(.object([("error_code", .int(0)), ("data", .string("ok"))])),
        .success(.object([("error_code", .int(1)), ("data", .string("é é 😀"))])),
        .success(.object([("a", .int(1))])),
        .success(.object([("b", .int(2))])),
      ])
  }

  @Test func aTruncatedObjectIsReportedAtFinish() {
    #expect(
      Self.read("> {\"a\": [1,\n 2") == [
        .failure(JSONReadError(.unexpectedEnd, offset: 14, line: 2, column: 3))
      ])
    #expect(
      Self.read(Self.streams[8]) == [
        .failure(JSONReadError(.invalidUTF8, offset: 6, line: 1, column: 7))
      ])
    #expect(Self.read("> {\"a\": 1}\n> ") == [.success(.object([("a", .int(1))]))])
  }

  @Test func finishStartsAfresh() {
    var reader = JSONStreamReader()
    #expect(reader.feed(Array("{\"a\":".utf8)).isEmpty)
    #expect(reader.finish() == JSONReadError(.unexpectedEnd, offset: 5, line: 1, column: 6))
    #expect(reader.finish() == nil)
    #expect(reader.feed(Array("{}".utf8)) == [.success(.object([]))])
  }

  @Test func resynchronisesAtTheNextObjectThatStartsALine() {
    let stream = """
      {"a": x, "b": {"c": 1}}
        {"indented": 1}
      aws-cloudhsm > {
        "error_code": 0,
        "data": {"users": [{"a": 1 2}, {"b": 2}]}
      }
      {"after": 1}
      """
    #expect(
      Self.read(stream) == [
        .failure(JSONReadError(.syntax("unexpected character"), offset: 6, line: 1, column: 7)),
        .failure(
          JSONReadError(
            .syntax("object value separator ',' expected"), offset: 107, line: 5, column: 30)),
        .success(.object([("after", .int(1))])),
      ])
  }

  @Test func aWellFramedObjectBreakingARuleIsReportedAndReadingGoesOn() {
    #expect(
      Self.read(Self.streams[4]) == [
        .failure(JSONReadError(.numberOutOfRange, offset: 6, line: 1, column: 7)),
        .failure(JSONReadError(.invalidNumber, offset: 33, line: 1, column: 34)),
        .failure(
          JSONReadError(
            .syntax("quoted object property name expected"), offset: 38, line: 1, column: 39)),
        .success(.object([("z", .int(0))])),
      ])
  }

  @Test func forbiddenBytesInsideAnObjectAreErrorsAndIgnoredOutside() {
    #expect(
      Self.read(Self.streams[5]) == [
        .failure(JSONReadError(.nulByte, offset: 3, line: 1, column: 4)),
        .success(.object([])),
      ])
    #expect(
      Self.read(Self.streams[6]) == [
        .failure(JSONReadError(.invalidUTF8, offset: 2, line: 1, column: 3)),
        .success(.object([("€", .int(1))])),
      ])
  }

  @Test func aCopyReadsOnIndependently() {
    var original = JSONStreamReader()
    #expect(original.feed(Array("> {\"a\": [1, ".utf8)).isEmpty)
    var copy = original
    #expect(
      original.feed(Array("2]}".utf8)) == [.success(.object([("a", .array([.int(1), .int(2)]))]))])
    #expect(
      copy.feed(Array("3]}".utf8)) == [.success(.object([("a", .array([.int(1), .int(3)]))]))])
    #expect(original.finish() == nil)
    #expect(copy.finish() == nil)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let depth = 10_000
    let stream =
      String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
    let results = Self.read(stream + "\n{}")
    #expect(results.count == 2)
    guard case .failure(let error)? = results.first else {
      Issue.record("expected an error first, got \(results)")
      return
    }
    #expect(error.kind == .tooDeep(limit: JSONReader.maximumDepth))
    #expect(results.last == .success(.object([])))
  }
}
