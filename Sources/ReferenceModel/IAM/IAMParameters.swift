import ReferenceModel

/// The limits of request parameters, from botocore's service model.
///
/// Each check returns `nil` when the value is fine, or the ValidationError message.
/// Spec: spec-digest.md §4.1 (`passwordType`: 1–128 characters of tab, LF, CR and
/// U+0020–U+00FF), §4.5 (policy ranges); botocore's `userNameType`, `pathType`,
/// `policyNameType` shapes.
enum IAMParameters {
  static func password(_ value: String?, name: String) -> String? {
    guard let value else { return "Value null at '\(name)' failed to satisfy constraint" }
    let scalars = value.unicodeScalars
    guard (1...128).contains(scalars.count) else {
      return "Value at '\(name)' failed to satisfy constraint: Member must have length between "
        + "1 and 128"
    }
    let allowed = scalars.allSatisfy {
      $0 == "\t" || $0 == "\n" || $0 == "\r" || (0x20...0xFF).contains($0.value)
    }
    return allowed
      ? nil
      : "Value at '\(name)' failed to satisfy constraint: Member must satisfy "
        + "the password pattern"
  }

  /// `UserName` and `PolicyName`: 1–`maximum` characters of letters, digits and `_+=,.@-`.
  static func name(_ value: String?, parameter: String, maximum: Int) -> String? {
    guard let value else { return "Value null at '\(parameter)' failed to satisfy constraint" }
    let valid =
      (1...maximum).contains(value.count)
      && value.unicodeScalars.allSatisfy {
        $0.isASCII && (isAlphanumeric($0) || "_+=,.@-".unicodeScalars.contains($0))
      }
    return valid ? nil : "Value '\(value)' at '\(parameter)' failed to satisfy constraint"
  }

  /// `Path`: `/`, or `/…/` of printable ASCII, at most 512 characters.
  static func path(_ value: String) -> String? {
    let valid =
      value == "/"
      || (value.count <= 512 && value.count >= 2 && value.hasPrefix("/") && value.hasSuffix("/")
        && value.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) })
    return valid ? nil : "Value '\(value)' at 'path' failed to satisfy constraint"
  }

  static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }

  /// A boolean parameter: `true` or `false` (any letter case).
  static func boolean(_ value: String?) -> Bool?? {
    guard let value else { return .some(nil) }
    switch value.lowercased() {
    case "true": return .some(true)
    case "false": return .some(false)
    default: return nil
    }
  }

  /// An integer parameter within `range`: `.some(nil)` when absent, `nil` when invalid.
  static func integer(_ value: String?, in range: ClosedRange<Int>) -> Int?? {
    guard let value else { return .some(nil) }
    guard let number = Int(value), range.contains(number) else { return nil }
    return .some(number)
  }
}
