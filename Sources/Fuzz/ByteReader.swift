/// Reads typed choices out of a fuzzer's bytes, front to back, after cryptofuzz's `Datasource`.
///
/// Each read takes the next byte(s); when the bytes run out, the read throws `OutOfData` and
/// the caller stops (cryptofuzz's executor ends the operation sequence the same way). Choices
/// are `byte % count`, so a mutation of one byte changes one choice and nothing else.
/// Spec: house-style.md §6 ("a ByteReader, after cryptofuzz's Datasource").
package struct ByteReader {
  /// Thrown by a read when no bytes are left for it.
  package struct OutOfData: Error, Hashable, Sendable {}

  private let bytes: [UInt8]
  private var offset = 0

  package init(_ bytes: some Collection<UInt8>) {
    self.bytes = Array(bytes)
  }

  /// Whether every byte has been read.
  package var isAtEnd: Bool { offset >= bytes.count }

  /// The next byte.
  package mutating func byte() throws(OutOfData) -> UInt8 {
    guard offset < bytes.count else { throw OutOfData() }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// A number in `0..<count` (`count` at most 256, and positive), from one byte.
  package mutating func int(below count: Int) throws(OutOfData) -> Int {
    Int(try byte()) % max(1, min(count, 256))
  }

  /// One of `items` (which must not be empty), from one byte.
  package mutating func pick<T>(_ items: [T]) throws(OutOfData) -> T {
    items[try int(below: items.count)]
  }

  /// The next `count` bytes, or as many as are left (never throws: a short tail is kept).
  package mutating func bytes(upTo count: Int) -> ArraySlice<UInt8> {
    let end = min(bytes.count, offset + max(0, count))
    defer { offset = end }
    return bytes[offset..<end]
  }
}
