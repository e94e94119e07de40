/// A small XML reader for the IAM Query API's replies: elements, text and entities.
///
/// It reads what AWS, moto and the bundled simulator send (a declaration, namespaces,
/// attributes, comments, CDATA) into a tree of elements, and refuses anything else with the
/// byte offset of the problem: HTML pages, truncated bodies, mismatched tags.
/// Spec: spec-digest.md §4.1 (response and `ErrorResponse` shapes); moto-iam-notes.md §3
/// ("a Swift XML parser should look for `Error/Code` at any depth").
package struct XMLElement: Hashable, Sendable {
  /// The local name (any `prefix:` removed).
  package var name: String
  package var children: [XMLElement]
  /// The element's own text (character data directly inside it), entities decoded.
  package var text: String

  package init(name: String, children: [XMLElement] = [], text: String = "") {
    self.name = name
    self.children = children
    self.text = text
  }

  /// The first child named `name`.
  package func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

  /// The first element named `name` at any depth (depth-first), this one included.
  package func first(_ name: String) -> XMLElement? {
    if self.name == name { return self }
    for child in children { if let found = child.first(name) { return found } }
    return nil
  }

  /// The trimmed text of the child at this path, such as `["User", "UserName"]`.
  package func value(_ path: String...) -> String? {
    var element = self
    for name in path {
      guard let next = element.child(name) else { return nil }
      element = next
    }
    return element.text.trimmedXMLSpace
  }
}

/// Why bytes are not an XML document, and where.
package struct XMLReadError: Error, Hashable, Sendable, CustomStringConvertible {
  package var message: String
  package var offset: Int
  package var description: String { "\(message) at byte \(offset)" }
}

/// Parses one XML document.
package enum XMLReader {
  package static func parse(_ bytes: [UInt8]) throws(XMLReadError) -> XMLElement {
    var reader = Cursor(bytes: bytes)
    try reader.skipProlog()
    guard reader.peek == UInt8(ascii: "<") else { throw reader.error("no root element") }
    let root = try reader.element(depth: 0)
    try reader.skipMisc()
    guard reader.atEnd else { throw reader.error("content after the root element") }
    return root
  }

  struct Cursor {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ message: String) -> XMLReadError { XMLReadError(message: message, offset: index) }

    func starts(with text: String) -> Bool {
      let utf8 = Array(text.utf8)
      return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
    }

    mutating func skipSpace() {
      while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        index += 1
      }
    }

    mutating func skip(past terminator: String) throws(XMLReadError) {
      while !atEnd {
        if starts(with: terminator) {
          index += terminator.utf8.count
          return
        }
        index += 1
      }
      throw error("unterminated markup: expected '\(terminator)'")
    }

    mutating func skipProlog() throws(XMLReadError) {
      if starts(with: "\u{FEFF}") { index += 3 }
      try skipMisc()
    }

    mutating func skipMisc() throws(XMLReadError) {
      while true {
        skipSpace()
        if starts(with: "<?") {
          try skip(past: "?>")
        } else if starts(with: "<!--") {
          try skip(past: "-->")
        } else if starts(with: "<!") {
          throw error("a document type declaration (is this HTML?)")
        } else {
          return
        }
      }
    }

    mutating func name() throws(XMLReadError) -> String {
      let start = index
      while let byte = peek,
        !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x3E
          || byte == 0x2F || byte == 0x3D)
      {
        index += 1
      }
      guard index > start else { throw error("a name was expected") }
      let full = String(decoding: bytes[start..<index], as: UTF8.self)
      return String(full.split(separator: ":").last ?? Substring(full))
    }

    mutating func element(depth: Int) throws(XMLReadError) -> XMLElement {
      guard depth < 64 else { throw error("elements nested deeper than 64") }
      index += 1  // "<"
      var element = XMLElement(name: try name())
      try attributes()
      if starts(with: "/>") {
        index += 2
        return element
      }
      guard peek == UInt8(ascii: ">") else { throw error("'>' expected") }
      index += 1
      var text: [UInt8] = []
      while true {
        guard let byte = peek else { throw error("unclosed element <\(element.name)>") }
        if starts(with: "</") {
          index += 2
          let closing = try name()
          guard closing == element.name else {
            throw error("</\(closing)> closes <\(element.name)>")
          }
          skipSpace()
          guard peek == UInt8(ascii: ">") else { throw error("'>' expected") }
          index += 1
          element.text = try decodeEntities(text)
          return element
        } else if starts(with: "<!--") {
          try skip(past: "-->")
        } else if starts(with: "<![CDATA[") {
          let start = index + 9
          try skip(past: "]]>")
          text += Array(bytes[start..<(index - 3)]).map { $0 == UInt8(ascii: "&") ? 0xFF : $0 }
        } else if byte == UInt8(ascii: "<") {
          element.children.append(try self.element(depth: depth + 1))
        } else {
          text.append(byte)
          index += 1
        }
      }
    }

    mutating func attributes() throws(XMLReadError) {
      while true {
        skipSpace()
        guard let byte = peek else { throw error("unterminated tag") }
        if byte == UInt8(ascii: ">") || starts(with: "/>") { return }
        _ = try name()
        skipSpace()
        guard peek == UInt8(ascii: "=") else { throw error("'=' expected after an attribute name") }
        index += 1
        skipSpace()
        guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
          throw error("an attribute value must be quoted")
        }
        index += 1
        while let next = peek, next != quote { index += 1 }
        guard !atEnd else { throw error("unterminated attribute value") }
        index += 1
      }
    }

    func decodeEntities(_ raw: [UInt8]) throws(XMLReadError) -> String {
      var out: [UInt8] = []
      var i = 0
      while i < raw.count {
        if raw[i] == 0xFF {  // "&" inside CDATA, kept literally
          out.append(UInt8(ascii: "&"))
          i += 1
          continue
        }
        guard raw[i] == UInt8(ascii: "&") else {
          out.append(raw[i])
          i += 1
          continue
        }
        guard let semicolon = raw[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 10
        else { throw error("an '&' that starts no entity") }
        let entity = String(decoding: raw[(i + 1)..<semicolon], as: UTF8.self)
        let scalar: Unicode.Scalar?
        switch entity {
        case "amp": scalar = "&"
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
          if entity.hasPrefix("#x") {
            scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
          } else if entity.hasPrefix("#") {
            scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
          } else {
            scalar = nil
          }
        }
        guard let scalar else { throw error("unknown entity '&\(entity);'") }
        out += Array(String(scalar).utf8)
        i = semicolon + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for writing XML.
  package static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(character)
      }
    }
    return out
  }
}

extension String {
  /// Without leading and trailing XML white space.
  var trimmedXMLSpace: String {
    let isSpace: (Character) -> Bool = {
      $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n"
    }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
