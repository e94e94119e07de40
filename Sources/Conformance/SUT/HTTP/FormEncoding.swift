/// `application/x-www-form-urlencoded` and SigV4's URI encoding.
///
/// Encoding keeps only RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`) and
/// percent-encodes every other UTF-8 byte in upper-case hex, as botocore does (`!` → `%21`).
/// Decoding also reads `+` as a space, as HTML forms write it.
/// Spec: moto-iam-notes.md §4 (the request boto3 sent); AWS SigV4 canonical query string.
package enum FormEncoding {
  package static func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      if isUnreserved(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + hex(byte >> 4) + hex(byte & 0xF)
      }
    }
    return out
  }

  /// `name=value&…`, in the order given.
  package static func encode(_ pairs: [(String, String)]) -> String {
    pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
  }

  /// The pairs of a form body or query string, or `nil` when a `%` escape is broken.
  package static func decode(_ text: String) -> [(String, String)]? {
    var pairs: [(String, String)] = []
    for part in text.split(separator: "&", omittingEmptySubsequences: true) {
      let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = unescape(pieces[0]),
        let value = pieces.count > 1 ? unescape(pieces[1]) : ""
      else { return nil }
      pairs.append((name, value))
    }
    return pairs
  }

  static func unescape(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue),
          let low = iterator.next().flatMap(hexValue)
        else { return nil }
        bytes.append(high << 4 | low)
      default: bytes.append(byte)
      }
    }
    return String(validating: bytes, as: UTF8.self)
  }

  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default: false
    }
  }

  static func hex(_ nibble: UInt8) -> String {
    String(UnicodeScalar(nibble < 10 ? 48 + nibble : 55 + nibble))
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
    default: nil
    }
  }

  /// Lower-case hex of bytes (digests, signatures).
  package static func lowerHex(_ bytes: [UInt8]) -> String {
    bytes.map { hex($0 >> 4) + hex($0 & 0xF) }.joined().lowercased()
  }
}
