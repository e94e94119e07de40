/// Byte-level helpers for the command line's hot paths: tests on eight bytes at a time, and
/// UTF-8 decoding.
///
/// The command-line fuzz target tokenizes every input and renders every rejection, and in the
/// fuzz build every comparison in this module calls into libFuzzer's comparison tracing, so a
/// byte-by-byte loop costs several calls per byte. The chunk tests look at eight bytes with a
/// few integer operations (the classic "has a byte less than n" and "has a zero byte" word
/// tricks); a chunk test may report a match that is not one (it is only a filter), and a byte
/// test decides.
/// Spec: docs/fuzzing.md "Measurements" (issue #7's exec/s goal).
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// The index of the first byte in `line[start..<limit]` for which `isMatch` holds, or
  /// `limit`; `chunkMayMatch` must be true for any eight bytes (read as one word) among
  /// which `isMatch` holds for one. The last bytes (fewer than eight) are tested one by one.
  @inline(__always)
  static func firstIndex(
    in line: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int,
    chunkMayMatch: (UInt64) -> Bool, isMatch: (UInt8) -> Bool
  ) -> Int {
    let limit = min(limit, line.count)
    var index = max(0, start)
    if let base = line.baseAddress {
      while index + 8 <= limit {
        if chunkMayMatch(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
          for candidate in index..<(index + 8) where isMatch(line[candidate]) {
            return candidate
          }
        }
        index += 8
      }
    }
    while index < limit && !isMatch(line[index]) { index += 1 }
    return index
  }

  /// `firstIndex` in an array.
  @inline(__always)
  static func firstIndex(
    in line: [UInt8], from start: Int, to limit: Int,
    chunkMayMatch: (UInt64) -> Bool, isMatch: (UInt8) -> Bool
  ) -> Int {
    line.withUnsafeBufferPointer { line in
      firstIndex(
        in: line, from: start, to: limit, chunkMayMatch: chunkMayMatch, isMatch: isMatch)
    }
  }

  /// The `count` (1…8) bytes at `index` as a word (in memory order), filled up with
  /// `padding`.
  @inline(__always)
  static func chunk(
    _ line: UnsafeBufferPointer<UInt8>, at index: Int, count: Int, padding: UInt8
  ) -> UInt64 {
    guard let base = line.baseAddress else { return ones &* UInt64(padding) }
    if count == 8 { return UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) }
    var word = ones &* UInt64(padding)
    withUnsafeMutableBytes(of: &word) { word in
      word.baseAddress?.copyMemory(from: base + index, byteCount: count)
    }
    return word
  }

  /// The high bit of each byte of `chunk` that is less than `bound` (`bound` ≤ 128), and
  /// perhaps of some bytes after such a byte: zero exactly when no byte is less than `bound`.
  /// The masks are combined with `|` and compared with zero once, one traced comparison.
  @inline(__always)
  static func mask(lessThan bound: UInt8, in chunk: UInt64) -> UInt64 {
    (chunk &- ones &* UInt64(bound)) & ~chunk & highBits
  }

  /// Like `mask(lessThan:in:)`, for the bytes equal to `byte`.
  @inline(__always)
  static func mask(equalTo byte: UInt8, in chunk: UInt64) -> UInt64 {
    mask(lessThan: 1, in: chunk ^ (ones &* UInt64(byte)))
  }

  /// The high bits of the bytes of `chunk` that are not ASCII.
  @inline(__always)
  static func nonASCIIMask(_ chunk: UInt64) -> UInt64 { chunk & highBits }

  /// Whether some byte of `chunk` is not ASCII.
  @inline(__always)
  static func hasNonASCII(_ chunk: UInt64) -> Bool { nonASCIIMask(chunk) != 0 }

  /// Whether `byte` is printable ASCII, space to `~` (what the echo shows as itself).
  @inline(__always)
  static func isPrintableASCII(_ byte: UInt8) -> Bool { byte &- 0x20 < 0x5F }

  /// Whether some byte of `chunk` is not printable ASCII.
  @inline(__always)
  static func hasNonPrintable(_ chunk: UInt64) -> Bool {
    nonASCIIMask(chunk) | mask(lessThan: 0x20, in: chunk) | mask(equalTo: 0x7F, in: chunk) != 0
  }

  /// Whether every byte of `text` is printable ASCII: tested eight bytes at a time, the last
  /// ones padded with spaces (words in messages are short).
  static func isPrintableASCII(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { utf8 in
      var index = 0
      while index < utf8.count {
        let count = min(8, utf8.count - index)
        if hasNonPrintable(chunk(utf8, at: index, count: count, padding: UInt8(ascii: " "))) {
          return false
        }
        index += count
      }
      return true
    }
  }
}

extension ByteScan {
  /// The scalar that starts at `index` and its length in bytes, or `nil` and the length of
  /// the ill-formed subsequence there: its maximal subpart (the lead byte and the bytes after
  /// it that fit a well-formed sequence, Unicode table 3-7), exactly as the stdlib's
  /// `Unicode.UTF8.ForwardParser` reports an error. Written out because the parser, inlined
  /// here, costs the fuzz build a traced comparison for every step.
  static func scalar(
    in line: UnsafeBufferPointer<UInt8>, at index: Int
  ) -> (scalar: Unicode.Scalar?, length: Int) {
    let lead = line[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    // The number of continuation bytes and the range of the first one.
    let continuations: Int
    let first: ClosedRange<UInt8>
    switch lead {
    case 0xC2...0xDF: (continuations, first) = (1, 0x80...0xBF)
    case 0xE0: (continuations, first) = (2, 0xA0...0xBF)
    case 0xED: (continuations, first) = (2, 0x80...0x9F)
    case 0xE1...0xEF: (continuations, first) = (2, 0x80...0xBF)
    case 0xF0: (continuations, first) = (3, 0x90...0xBF)
    case 0xF1...0xF3: (continuations, first) = (3, 0x80...0xBF)
    case 0xF4: (continuations, first) = (3, 0x80...0x8F)
    default: return (nil, 1)
    }
    var value = UInt32(lead & (0x7F >> (continuations + 1)))
    var length = 1
    while length <= continuations {
      let position = index + length
      guard position < line.count else { return (nil, length) }
      let byte = line[position]
      let range = length == 1 ? first : 0x80...0xBF
      guard range.contains(byte) else { return (nil, length) }
      value = value << 6 | UInt32(byte & 0x3F)
      length += 1
    }
    return (Unicode.Scalar(value), length)
  }

  /// The offset and length of the first ill-formed UTF-8 subsequence in `bytes`, if any.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (offset: Int, length: Int)? {
    bytes.withUnsafeBufferPointer { line in
      var index = 0
      while true {
        // ASCII needs no decoding.
        index = firstIndex(
          in: line, from: index, to: line.count, chunkMayMatch: hasNonASCII,
          isMatch: { $0 >= 0x80 })
        guard index < line.count else { return nil }
        let (scalar, length) = scalar(in: line, at: index)
        if scalar == nil { return (index, length) }
        index += length
      }
    }
  }
}
