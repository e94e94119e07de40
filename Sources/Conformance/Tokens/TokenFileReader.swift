package import ReferenceModel

/// A token file problem with its file, line and column.
///
/// Renders as `FILE:LINE:COLUMN: error: MESSAGE`. JSON syntax errors come from json-c (through
/// `JSONReader`); value errors from `TokenFile` are placed at the offending key or value.
/// Spec: issue #6 ("The reader gives typed errors with file, line and column").
package struct TokenFileReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  package enum Kind: Hashable, Sendable {
    case unreadable(String)
    case syntax(JSONReadError)
    case value(TokenFileError)
  }

  package var kind: Kind
  package var file: String
  package var line: Int
  package var column: Int

  package var message: String {
    switch kind {
    case .unreadable(let reason): "cannot read the token file: \(reason)"
    case .syntax(let error): error.message
    case .value(let error): error.description
    }
  }

  package var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Reads token files with json-c and validates them into `TokenFile` values.
///
/// Spec: spec-digest.md §3; house-style.md ("json-c … token files").
package enum TokenFileReader {
  package static func read(_ bytes: [UInt8], file: String) throws(TokenFileReadError) -> TokenFile {
    let json: JSONValue
    do {
      json = try JSONReader.parse(bytes)
    } catch {
      throw TokenFileReadError(
        kind: .syntax(error), file: file, line: error.line, column: error.column)
    }
    do {
      return try TokenFile(json: json)
    } catch {
      let path = error.path.map { component -> JSONPathComponent in
        switch component {
        case .key(let key): .key(key)
        case .index(let index): .index(index)
        }
      }
      let locator = JSONLocator(bytes)
      let exact: Int? =
        if case .unknownKey = error.kind { locator.keyOffset(at: path) } else {
          locator.valueOffset(at: path)
        }
      let offset = exact ?? locator.valueOffset(at: Array(path.dropLast())) ?? 0
      let position = JSONReadError(.emptyInput, offset: offset, in: bytes)
      throw TokenFileReadError(
        kind: .value(error), file: file, line: position.line, column: position.column)
    }
  }

  /// The file's text: JSON pretty-printed with two-space indentation (as the CloudHSM CLI's
  /// documented token files are), keys in the documented order, then a newline. Base64 is
  /// canonical, so every value has exactly one text and reads back as itself (the `TokenFile`
  /// fuzz target checks both).
  package static func write(_ token: TokenFile) -> [UInt8] {
    token.json.prettyText.utf8 + [UInt8(ascii: "\n")]
  }
}
