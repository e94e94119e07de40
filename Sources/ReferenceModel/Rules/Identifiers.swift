// Username and password validation, shared by every command that takes them.
// Spec: spec-digest.md §2.0 "Identifier rules" and "Password rules"; §5 Q1, Q4.

/// A refusal together with the rule that decided it, for early exits from rule checks.
struct Refusal: Error {
  var rejection: Rejection
  var rule: RuleID
  var effects: [Effect] = []

  init(_ rejection: Rejection, _ rule: RuleID, effects: [Effect] = []) {
    self.rejection = rejection
    self.rule = rule
    self.effects = effects
  }

  var outcome: Outcome { .rejected(rejection, rule, effects: effects) }
}

enum Identifiers {
  /// The canonical form of a valid username: lowercase ASCII (HSM-NAME-001…004).
  static func canonicalUsername(_ name: String, _ configuration: ModelConfiguration)
    throws(Refusal) -> String
  {
    let mutant = configuration.mutant
    let bytes = name.utf8
    guard !bytes.isEmpty || mutant == .emptyUsernameAccepted else {
      throw Refusal(.invalidUsername(name, reason: "a username cannot be empty"), .usernameNotEmpty)
    }
    for byte in bytes
    where !isUsernameByte(byte) || (mutant == .underscoreRejected && byte == UInt8(ascii: "_")) {
      throw Refusal(
        .invalidUsername(
          name, reason: "only letters, digits and underscore are permitted"),
        .usernameCharacters)
    }
    let maximum = ModelConfiguration.maximumUsernameLength + (mutant == .username32Accepted ? 1 : 0)
    guard bytes.count <= maximum else {
      throw Refusal(
        .invalidUsername(
          name, reason: "at most \(ModelConfiguration.maximumUsernameLength) characters"),
        .usernameMaxLength)
    }
    return mutant == .caseSensitiveUsernames ? name : lowercasedASCII(name)
  }

  /// Checks a new password's presence and length (HSM-PW-001, HSM-PW-004, HSM-PW-005).
  static func newPassword(_ password: String?, _ configuration: ModelConfiguration)
    throws(Refusal) -> String
  {
    guard let password else { throw Refusal(.passwordRequired, .passwordPrompted) }
    let length = password.unicodeScalars.count
    let minimum =
      configuration.minimumPasswordLength + (configuration.mutant == .passwordMinimumNine ? 1 : 0)
    let maximum =
      configuration.maximumPasswordLength + (configuration.mutant == .password33Accepted ? 1 : 0)
    guard length >= minimum, length <= maximum else {
      throw Refusal(
        .invalidPassword(
          length: length, minimum: configuration.minimumPasswordLength,
          maximum: configuration.maximumPasswordLength),
        .passwordLength)
    }
    return password
  }

  static func isUsernameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// Lowercases ASCII letters only; usernames are ASCII once validated.
  static func lowercasedASCII(_ name: String) -> String {
    guard name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
      return name
    }
    return String(
      decoding: name.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 },
      as: UTF8.self)
  }
}
