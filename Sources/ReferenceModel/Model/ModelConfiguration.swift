/// The model's parameters: the places where the sources disagree or leave a number open.
///
/// The defaults follow the current documentation; a vendor whose HSM follows the older
/// documents sets `minimumPasswordLength` to 7.
/// Spec: spec-digest.md §5 Q1 (password length), Q18 (lockout), HSM-CREATE-007 (user limit).
package struct ModelConfiguration: Hashable, Sendable {
  /// Shortest accepted new password, in Unicode scalars (HSM-PW-001).
  package var minimumPasswordLength: Int = 8
  /// Longest accepted new password, in Unicode scalars (HSM-PW-001).
  package var maximumPasswordLength: Int = 32
  /// Consecutive failed logins that lock a user (HSM-LOCK-001).
  package var lockoutThreshold: Int = 5
  /// Most users a cluster holds, `admin` and `app_user` included (HSM-CREATE-004).
  package var maximumUsers: Int = 1024
  /// HSMs in the cluster: token files hold one token per HSM (TOK-MFA-002).
  package var hsmCount: Int = 3
  /// The unactivated admin's password before activation (HSM-LOGIN-007).
  package var initialAdminPassword: String = "password"
  /// A deliberate bug to serve instead of the true rules (`harness simulate --mutant`);
  /// `nil` for the reference model itself.
  package var mutant: Mutant? = nil

  package init() {}

  /// Longest username (HSM-NAME-001).
  package static let maximumUsernameLength = 31
  /// The name of the built-in admin (HSM-ACT-001).
  package static let adminName = "admin"
  /// The name of the appliance user (HSM-ACT-001).
  package static let applianceUserName = "app_user"
}
