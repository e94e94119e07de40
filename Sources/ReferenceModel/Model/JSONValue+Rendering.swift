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
    guard count > 0 else { return out += close }
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

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
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
