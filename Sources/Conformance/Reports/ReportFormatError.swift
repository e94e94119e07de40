/// Why a JSON value is not a `report.json` or a baseline file, and where in it.
///
/// `path` leads to the value at fault: the enclosing object for a missing key, the key itself
/// for an unknown or repeated key, the value for a wrong type or an unknown `format`. It has
/// no position in bytes: `ReportFileError` adds the file, line and column.
/// Spec: sut-contract.md §4 (a bad input file is exit code 2); `ReportJSON`, `Baseline`.
package struct ReportFormatError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of mistake.
  package enum Kind: Hashable, Sendable {
    /// `format` is absent (`found` is nil) or names a format this reader does not read.
    case unknownFormat(found: String?, expected: [String])
    /// A required key is absent from the object at `path`.
    case missingKey(String)
    /// The value at `path` has the wrong JSON type.
    case wrongType(expected: String, found: String)
    /// The object holding `path`'s last key does not allow that key.
    case unknownKey(String, expected: [String])
    /// A divergence key that an earlier entry already lists.
    case duplicateKey(String)
  }

  package var kind: Kind
  package var path: [JSONPathComponent]

  package init(_ kind: Kind, at path: [JSONPathComponent]) {
    self.kind = kind
    self.path = path
  }

  /// The explanation, naming the key or path at fault.
  package var message: String {
    switch kind {
    case .unknownFormat(nil, let expected):
      "missing \"format\"; expected one of: \(expected.joined(separator: ", "))"
    case .unknownFormat(let found?, let expected):
      "unknown format \"\(found)\"; expected one of: \(expected.joined(separator: ", "))"
    case .missingKey(let key) where path.isEmpty:
      "missing required key \"\(key)\""
    case .missingKey(let key):
      "missing required key \"\(key)\" in \"\(path.rendered)\""
    case .wrongType(let expected, let found) where path.isEmpty:
      "the document must be \(expected), found \(found)"
    case .wrongType(let expected, let found):
      "\"\(path.rendered)\" must be \(expected), found \(found)"
    case .unknownKey(let key, let expected):
      "unknown key \"\(path.isEmpty ? key : path.rendered)\"; expected one of: "
        + expected.joined(separator: ", ")
    case .duplicateKey(let key):
      "divergence \"\(key)\" is listed twice (again at \"\(path.rendered)\")"
    }
  }

  package var description: String { message }
}
