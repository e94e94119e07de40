import ReferenceModel

/// The check behind the `SUTOutput` fuzz target: how a byte stream is split into reads must
/// not change what `JSONStreamReader` reads from it.
///
/// It lives here, beside the reader, because the reader uses json-c and `Fuzz` may import only
/// ReferenceModel; the `FuzzSUTOutput` glue calls it. The input is a split plan and a stream:
/// the first byte's low 3 bits give the number of cuts `k`, the next `k` bytes the gaps between
/// cuts, and the rest is the stream. The stream is read (1) whole, (2) byte by byte, by the same
/// reader after `finish()` (which must start afresh), and (3) in the planned pieces, where at
/// the first cut a copy of the reader is made and fed the rest in one piece (value semantics).
/// Every reading must give the same documents and errors, in order, as (1); and every error of
/// (1) must carry the offset, line and column that its offset has in the stream.
/// Spec: house-style.md §5 (framing, NIO's `ByteToMessageDecoderVerifier`); issue #7.
package func checkStreamSplits(_ bytes: UnsafeRawBufferPointer) -> [ReaderViolation] {
  let input = Array(bytes)
  let cutCount = Int(input.first ?? 0) & 0x07
  let gaps = input.dropFirst().prefix(cutCount)
  let stream = Array(input.dropFirst(1 + gaps.count))
  var cuts: [Int] = []
  var position = 0
  for gap in gaps {
    position = min(stream.count, position + Int(gap))
    cuts.append(position)
  }
  var reader = JSONStreamReader()
  let whole = StreamReading.read(stream, cuts: [], with: &reader)
  var violations = StreamReading.checkPositions(whole, in: stream)
  let dripped = StreamReading.read(stream, cuts: Array(stream.indices.dropFirst()), with: &reader)
  if dripped != whole {
    violations.append(StreamReading.difference("byte-by-byte", dripped, whole))
  }
  var fresh = JSONStreamReader()
  let (pieces, copied) = StreamReading.readWithCopy(stream, cuts: cuts, with: &fresh)
  if pieces != whole {
    violations.append(StreamReading.difference("split-at-\(cuts)", pieces, whole))
  }
  if copied != whole {
    violations.append(StreamReading.difference("copy-at-\(cuts.first ?? 0)", copied, whole))
  }
  return violations
}

/// Readings of one stream through `JSONStreamReader`, for `checkStreamSplits`.
enum StreamReading {
  typealias Results = [Result<JSONValue, JSONReadError>]

  /// Feeds `stream` in the pieces `cuts` (ascending offsets) make, then finishes.
  static func read(_ stream: [UInt8], cuts: [Int], with reader: inout JSONStreamReader) -> Results {
    var results: Results = []
    var start = 0
    for cut in cuts + [stream.count] where cut >= start {
      results += reader.feed(stream[start..<cut])
      start = cut
    }
    if let error = reader.finish() { results.append(.failure(error)) }
    return results
  }

  /// Reads in pieces, and also, from a copy made at the first cut, with the rest in one piece.
  static func readWithCopy(_ stream: [UInt8], cuts: [Int], with reader: inout JSONStreamReader)
    -> (pieces: Results, copied: Results)
  {
    let first = cuts.first ?? 0
    let prefix = reader.feed(stream[..<first])
    var copy = reader
    let rest = Array(stream[first...])
    let pieces = prefix + read(rest, cuts: cuts.dropFirst().map { $0 - first }, with: &reader)
    var copied = prefix + copy.feed(rest)
    if let error = copy.finish() { copied.append(.failure(error)) }
    return (pieces, copied)
  }

  /// Each error must be where its offset says, and within the stream.
  static func checkPositions(_ results: Results, in stream: [UInt8]) -> [ReaderViolation] {
    var violations: [ReaderViolation] = []
    for case .failure(let error) in results {
      let expected = JSONReadError(error.kind, offset: error.offset, in: stream)
      if error.offset < 0 || error.offset > stream.count || expected != error {
        violations.append(
          ReaderViolation(
            kind: "error-position",
            detail: "\(error) at offset \(error.offset) of \(stream.count) bytes; "
              + "the offset is at \(expected.line):\(expected.column)"))
      }
    }
    return violations
  }

  static func difference(_ how: String, _ got: Results, _ whole: Results) -> ReaderViolation {
    let kind = how.hasPrefix("split") ? "split" : how.hasPrefix("copy") ? "copy" : how
    return ReaderViolation(
      kind: "\(kind)-differs", detail: "read \(how): \(got); read whole: \(whole)")
  }
}
