import ReferenceModel

/// One IAM user as the model keeps it.
///
/// `passwords` is the login profile's history, newest (the current password) first; it is empty
/// when the user has no login profile. `passwordChanges` records when the user changed their own
/// password (for the rate limit).
/// Spec: spec-digest.md §4.4 (IAM-CHPW-008, -010, -011).
package struct IAMUser: Hashable, Sendable {
  package var name: String
  package var path: String
  package var hasLoginProfile = false
  package var passwords: [String] = []
  package var accessKeys: [String] = []
  /// Inline policies by name, in the order they were first put.
  package var policies: [(name: String, document: IAMPolicyDocument)] = []
  package var passwordChanges: [IAMInstant] = []
  /// When the user was created, if the name had been deleted shortly before (see
  /// `IAMConfiguration.temporarilyUnmodifiableSeconds`).
  package var recreatedAt: IAMInstant?

  package init(name: String, path: String) {
    self.name = name
    self.path = path
  }

  package static func == (lhs: IAMUser, rhs: IAMUser) -> Bool {
    lhs.name == rhs.name && lhs.path == rhs.path && lhs.hasLoginProfile == rhs.hasLoginProfile
      && lhs.passwords == rhs.passwords && lhs.accessKeys == rhs.accessKeys
      && lhs.policies.map(\.name) == rhs.policies.map(\.name)
      && lhs.policies.map(\.document) == rhs.policies.map(\.document)
      && lhs.passwordChanges == rhs.passwordChanges && lhs.recreatedAt == rhs.recreatedAt
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(passwords)
    hasher.combine(accessKeys)
  }

  /// The user's ARN in `account`.
  package func arn(account: String) -> String { "arn:aws:iam::\(account):user\(path)\(name)" }
}
