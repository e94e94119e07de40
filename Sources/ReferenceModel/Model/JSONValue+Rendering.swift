extension JSONValue {
  /// Compact JSON text: no spaces, keys in stored order.
  package var compactText: String {
    var out = ""
    write(to: &out, indent: nil, level: 0)
    return out
  }

  /// Pretty-printed JSON text with two-space indentation, as the CloudHSM CLI prints answers.
  ///
  /// Empty arrays and objects print as `[]` and `{}`, as in the documented `user list` output.
  package var prettyText: String {
    var out = ""
    write(to: &out, indent: "  ", level: 0)
    return out
  }

  private func write(to out: inout String, indent: String?, level: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += d.isFinite ? String(d) : "null"
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      writeContainer(
        open: "[", close: "]", count: items.count, to: &out, indent: indent, level: level
      ) { index, out in
        items[index].write(to: &out, indent: indent, level: level + 1)
      }
    case .object(let pairs):
      writeContainer(
        open: "{", close: "}", count: pairs.count, to: &out, indent: indent, level: level
      ) { index, out in
        JSONValue.writeString(pairs[index].key, to: &out)
        out += indent == nil ? ":" : ": "
        pairs[index].value.write(to: &out, indent: indent, level: level + 1)
      }
    }
  }

  private func writeContainer(
    open: String, close: String, count: Int, to out: inout String, indent: String?, level: Int,
    element: (Int, inout String) -> Void
  ) {
    out += open
    guard count > 0 else {
      out += close
      return
    }
    for index in 0..<count {
      if index > 0 { out += "," }
      if let indent {
        out += "\n" + String(repeating: indent, count: level + 1)
      }
      element(index, &out)
    }
    if let indent { out += "\n" + String(repeating: indent, count: level) }
    out += close
  }

  fileprivate static func writeString(_ s: String, to out: inout String) {
    out += "\""
    // Fast path: nothing to escape (the usual case), so append the whole string at once.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    ) {
      out += s
      out += "\""
      return
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension JSONValue {
  /// Compact JSON as UTF-8 bytes, the same text as `compactText`, built without `String`
  /// appends (several times faster for large values such as a cluster snapshot).
  package var compactBytes: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    appendCompact(to: &out)
    return out
  }

  private func appendCompact(to out: inout [UInt8]) {
    switch self {
    case .null: out += "null".utf8
    case .bool(let b): out += (b ? "true" : "false").utf8
    case .int(let i): out += String(i).utf8
    case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
    case .string(let s): JSONValue.appendString(s, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.appendCompact(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      out.append(UInt8(ascii: "{"))
      for (index, pair) in pairs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.appendString(pair.key, to: &out)
        out.append(UInt8(ascii: ":"))
        pair.value.appendCompact(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func appendString(_ s: String, to out: inout [UInt8]) {
    let needsEscape = s.utf8.contains {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }
    guard needsEscape else {
      out.append(UInt8(ascii: "\""))
      out += s.utf8
      out.append(UInt8(ascii: "\""))
      return
    }
    var text = ""
    writeString(s, to: &text)
    out += text.utf8
  }
}
