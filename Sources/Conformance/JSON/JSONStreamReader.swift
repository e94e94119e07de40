package import ReferenceModel

/// Reads the JSON objects in a session's standard output, as the bytes arrive.
///
/// The rules, all of which hold however the stream is split into reads (a drip-feed test
/// checks every split of small streams):
/// - **Framing.** Outside an object, every byte up to the next `{` is ignored: prompts such as
///   `aws-cloudhsm > `, blank lines, questions. Only objects are documents; the parts of a
///   top-level array or scalar are skipped, except that an object inside one is read.
/// - **Contents** are read by json-c with exactly the rules of `JSONReader`. An object may be
///   compact or pretty-printed, several may come in one read, and one may be split at any byte,
///   inside a UTF-8 sequence or an escape included: json-c is given only whole UTF-8 sequences.
/// - **Errors** carry the offset, line and column in the whole stream. A malformed object
///   yields one `.failure`, then the reader **resynchronises**: it skips to the next `{` that
///   starts a line, where a line may begin with a prompt (text that does not start with a
///   space or tab and holds none of `"`, `,`, `:`, `[`, `]`, `{`, `}`). This passes over the
///   nested objects of the broken one, indented or after a `:`, `,` or `[`, and still finds the
///   next answer after `aws-cloudhsm > `. An object that json-c accepts but that breaks a rule
///   of `JSONReader` (a number out of range, say) is a `.failure` too, and reading goes on
///   after it with no resynchronising, since its end is known.
/// - **End of stream.** `finish()` reports an object left unfinished and starts afresh.
///
/// It is a value type with copy-on-write: the json-c tokener lives in a class instance, and a
/// copy that is fed after sharing it gets a new tokener, brought to the same state by replaying
/// the current object's bytes (json-c's state after some bytes does not depend on how they
/// were split). So a copy can be fed independently, as any value can.
/// Spec: sut-contract.md §2 ("exactly one JSON object … Text outside JSON objects is ignored");
/// house-style.md §5 (drip-feed test after NIO's `ByteToMessageDecoderVerifier`).
package struct JSONStreamReader {
  private enum Mode {
    case seeking, resynchronising, inObject
  }

  private var mode = Mode.seeking
  /// Fed bytes not yet consumed: only ever the start of a UTF-8 sequence inside an object.
  private var pending: [UInt8] = []
  /// The place of `pending`'s first byte, and what the current line looks like up to there.
  private var cursor = StreamCursor()
  /// The current object's bytes given to json-c so far, and where the object starts.
  private var object: [UInt8] = []
  private var objectStart = TextPosition()
  private var tokener: JSONTokener?
  /// Nesting and string state of the bytes given to json-c for the current object.
  private var scan = ObjectScan()

  package init() {}

  /// Reads `bytes`, the next part of the stream: one result for each object they complete.
  package mutating func feed(
    _ bytes: some Collection<UInt8>
  ) -> [Result<JSONValue, JSONReadError>] {
    pending.append(contentsOf: bytes)
    var results: [Result<JSONValue, JSONReadError>] = []
    var index = 0
    while index < pending.count {
      if mode == .inObject {
        guard let next = readObject(from: index, into: &results) else { break }
        index = next
      } else {
        index = seekObject(from: index)
      }
    }
    pending.removeFirst(index)
    return results
  }

  /// Ends the stream: an error if it ends inside an object. The reader is then as new.
  package mutating func finish() -> JSONReadError? {
    defer { self = JSONStreamReader() }
    guard mode == .inObject else { return nil }
    // Left over: an unfinished UTF-8 sequence, or the held-back end of a number.
    guard JSONText.incompleteTailLength(of: pending[...]) == 0 else {
      return cursor.error(.invalidUTF8)
    }
    cursor.advance(over: pending)
    return cursor.error(.unexpectedEnd)
  }

  /// Skips bytes up to the start of the next object; returns where it stopped.
  private mutating func seekObject(from start: Int) -> Int {
    var index = start
    while index < pending.count {
      let byte = pending[index]
      if byte == UInt8(ascii: "{"), mode == .seeking || cursor.isAtLineStart {
        mode = .inObject
        scan = ObjectScan()
        object = []
        objectStart = cursor.position
        break
      }
      cursor.advance(over: byte)
      index += 1
    }
    return index
  }

  /// Gives json-c the next whole UTF-8 sequences of the object; returns where it stopped, or
  /// `nil` when the only bytes left are an unfinished UTF-8 sequence.
  private mutating func readObject(
    from start: Int, into results: inout [Result<JSONValue, JSONReadError>]
  ) -> Int? {
    let whole = pending.count - JSONText.incompleteTailLength(of: pending[start...])
    guard whole > start else { return nil }
    guard let end = feedEnd(from: start, before: min(whole, JSONReader.chunkEnd(in: pending, from: start)))
    else { return nil }
    let forbidden = JSONText.firstForbiddenByte(in: pending[start..<end])
    let limit = start + (forbidden?.offset ?? end - start)
    guard limit > start else { return fail(forbidden?.kind ?? .invalidUTF8, at: start, &results) }
    guard let tokener = uniqueTokener() else { return fail(.outOfMemory, at: start, &results) }
    let step = pending.withUnsafeBytes {
      tokener.feed(UnsafeRawBufferPointer(rebasing: $0[start..<limit]))
    }
    switch step {
    case .needMore:
      consume(start..<limit)
      guard let forbidden else { return limit }
      return fail(forbidden.kind, at: limit, &results)
    case .failure(let kind, let consumed):
      consume(start..<start + consumed)
      return fail(kind, at: start + consumed, &results)
    case .value(let value, let consumed):
      consume(start..<start + consumed)
      mode = .seeking
      if let (offset, kind) = JSONText.firstNonconformingToken(in: object) {
        var position = objectStart
        position.advance(over: object.prefix(offset))
        results.append(.failure(JSONReadError(kind, position)))
      } else {
        results.append(.success(value))
      }
      object = []
      return start + consumed
    }
  }

  /// Where the next feed to json-c ends: at the object's closing brace if it is in reach, and
  /// never inside a number; `nil` to wait for more bytes. json-c 0.16 does not give the same
  /// result for every split of the same bytes (the fuzzer found two cases: a number cut by a
  /// read, `{"m":1-2}`, and a character after the closing brace in the same read, `{}⬬`), so
  /// the reader gives it only splits that behave as the whole.
  private func feedEnd(from start: Int, before limit: Int) -> Int? {
    var probe = scan
    for index in start..<limit where probe.advance(pending[index]) { return index + 1 }
    guard !probe.inString else { return limit }
    var end = limit
    while end > start, ObjectScan.continuesNumber(pending[end - 1]) { end -= 1 }
    return end > start ? end : nil
  }

  /// Moves past bytes json-c has taken into the current object.
  private mutating func consume(_ range: Range<Int>) {
    for byte in pending[range] { _ = scan.advance(byte) }
    object.append(contentsOf: pending[range])
    cursor.advance(over: pending[range])
  }

  /// Reports `kind` at `index` (where the cursor is) and drops the object.
  private mutating func fail(
    _ kind: JSONReadError.Kind, at index: Int, _ results: inout [Result<JSONValue, JSONReadError>]
  ) -> Int {
    results.append(.failure(cursor.error(kind)))
    // Start the next object on a new tokener. `json_tokener_reset` keeps json-c 0.16's pending
    // high surrogate (`\ud800` waiting for its low half when the error came), which then turns
    // into an extra U+FFFD in the next object's first string, depending on where the reads
    // split (a fuzzer finding). A tokener shared with a copy stays the copy's anyway.
    tokener = nil
    object = []
    mode = .resynchronising
    return index
  }

  /// The tokener, made unique (and brought up to date) if this value shares it with a copy.
  private mutating func uniqueTokener() -> JSONTokener? {
    if tokener != nil, isKnownUniquelyReferenced(&tokener) { return tokener }
    guard let fresh = JSONTokener() else { return nil }
    var replayed = 0
    while replayed < object.count {
      let end = JSONReader.chunkEnd(in: object, from: replayed)
      _ = object.withUnsafeBytes {
        fresh.feed(UnsafeRawBufferPointer(rebasing: $0[replayed..<end]))
      }
      replayed = end
    }
    tokener = fresh
    return fresh
  }
}

/// Brackets and strings of an object's bytes, to know where it ends before json-c does.
///
/// Strings are delimited by `"` or by `'`: json-c 0.16 reads single-quoted strings even in
/// strict mode (the reader rejects them afterwards), so the scanner must skip their brackets too
/// (a fuzzer finding: `{'[':1}` followed by a multi-byte character).
private struct ObjectScan {
  private var depth = 0
  private var quote: UInt8?
  private var escaped = false

  var inString: Bool { quote != nil }

  /// Takes the next byte; true when it closes the outermost bracket.
  mutating func advance(_ byte: UInt8) -> Bool {
    if let open = quote {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == open {
        quote = nil
      }
      return false
    }
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      depth -= 1
      return depth <= 0
    default: break
    }
    return false
  }

  /// Bytes that may continue a number (a read must not end after one of them).
  static func continuesNumber(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
      true
    default: false
    }
  }
}

/// Where a stream reader is: the position, and whether the line so far could be a prompt.
///
/// Spec: JSONStreamReader's resynchronising rule.
private struct StreamCursor {
  private enum Line { case empty, promptLike, content }

  private(set) var position = TextPosition()
  private var line = Line.empty

  /// Whether a `{` here starts a line (possibly after a prompt).
  var isAtLineStart: Bool { line != .content }

  mutating func advance(over byte: UInt8) {
    position.advance(over: byte)
    let structural = JSONText.isStructural(byte)
    switch line {
    case _ where byte == UInt8(ascii: "\n"): line = .empty
    case .empty:
      line =
        structural || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        ? .content : .promptLike
    case .promptLike: if structural { line = .content }
    case .content: break
    }
  }

  mutating func advance(over bytes: some Sequence<UInt8>) {
    for byte in bytes { advance(over: byte) }
  }

  func error(_ kind: JSONReadError.Kind) -> JSONReadError {
    JSONReadError(kind, position)
  }
}
