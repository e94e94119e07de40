/// Strict standard Base64 (RFC 4648 §4): the `+` `/` alphabet, `=` padding required, no
/// whitespace, and the unused bits of the last character zero, so that every byte string has
/// exactly one encoding (a token written back reads the same).
///
/// Spec: spec-digest.md §3.3 SIG-004 (`base64 -w0`), §3.1 TOK-MFA-003/004.
package enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  private static let values: [Int8] = {
    var table = [Int8](repeating: -1, count: 256)
    for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
    return table
  }()

  package static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let b0 = UInt32(bytes[index])
      let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
      let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
      let group = b0 << 16 | b1 << 8 | b2
      out.append(alphabet[Int(group >> 18 & 63)])
      out.append(alphabet[Int(group >> 12 & 63)])
      out.append(index + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
      out.append(index + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The decoded bytes, or the offset (in characters of `text`) of the first problem.
  package static func decode(_ text: String) -> Result<[UInt8], Base64Error> {
    let input = Array(text.utf8)
    guard input.count % 4 == 0 else {
      return .failure(Base64Error(offset: input.count, problem: "length is not a multiple of 4"))
    }
    var out: [UInt8] = []
    out.reserveCapacity(input.count / 4 * 3)
    var index = 0
    while index < input.count {
      var group: UInt32 = 0
      var padding = 0
      for offset in 0..<4 {
        let byte = input[index + offset]
        if byte == UInt8(ascii: "=") && index + 4 == input.count && offset >= 2 {
          padding += 1
          group <<= 6
          continue
        }
        let value = values[Int(byte)]
        guard value >= 0, padding == 0 else {
          return .failure(
            Base64Error(
              offset: index + offset, problem: "'\(Character(Unicode.Scalar(byte)))' is not Base64")
          )
        }
        group = group << 6 | UInt32(value)
      }
      let unused: UInt32 = padding == 2 ? 0xFFFF : padding == 1 ? 0xFF : 0
      guard group & unused == 0 else {
        return .failure(
          Base64Error(offset: index + 3 - padding, problem: "non-canonical final character"))
      }
      out.append(UInt8(group >> 16 & 0xFF))
      if padding < 2 { out.append(UInt8(group >> 8 & 0xFF)) }
      if padding < 1 { out.append(UInt8(group & 0xFF)) }
      index += 4
    }
    return .success(out)
  }
}

/// Why a Base64 string was refused, and where (byte offset into the string).
///
/// Spec: spec-digest.md §3.3 SIG-004.
package struct Base64Error: Error, Hashable, Sendable {
  package var offset: Int
  package var problem: String
}
