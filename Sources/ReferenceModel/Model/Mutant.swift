/// A deliberate bug: the model with exactly one rule broken, to measure the suite.
///
/// A mutant that no scenario and no exploration notices is a missing test (P's `hint: bug`,
/// mutation testing). `harness simulate interactive --mutant NAME` serves one as a SUT;
/// `harness mutants` runs the suite and `harness explore` against each. The model consults
/// `ModelConfiguration.mutant` only at the rule each mutant breaks.
/// Spec: issue #5 "Mutants".
package enum Mutant: String, CaseIterable, Hashable, Sendable {
  case cryptoUserChangesOthers = "crypto-user-changes-others"
  case caseSensitiveUsernames = "case-sensitive-usernames"
  case username32Accepted = "username-32-accepted"
  case underscoreRejected = "underscore-rejected"
  case passwordCaseInsensitive = "password-case-insensitive"
  case changeLoggedInUser = "change-logged-in-user"
  case loginIgnoresRole = "login-ignores-role"
  case cryptoUserCreatesUsers = "crypto-user-creates-users"
  case listNeedsLogin = "list-needs-login"
  case passwordMinimumNine = "password-minimum-nine"
  case password33Accepted = "password-33-accepted"
  case secondActivation = "second-activation"
  case noLockout = "no-lockout"
  case lockAfterFour = "lock-after-four"
  case adminResetKeepsLock = "admin-reset-keeps-lock"
  case deleteLoggedInUser = "delete-logged-in-user"
  case deleteIgnoresRole = "delete-ignores-role"
  case duplicateReplaces = "duplicate-replaces-user"
  case loginTwiceAllowed = "login-twice-allowed"
  case loginKeepsFailures = "login-keeps-failures"
  case changeIgnoresRole = "change-ignores-role"
  case emptyUsernameAccepted = "empty-username-accepted"
  case activationNeedsLogin = "activation-needs-login"
  case applianceUserLogsIn = "appliance-user-logs-in"
  case endOfInputKeepsLogin = "end-of-input-keeps-login"
  case lockedAsBoolean = "locked-as-boolean"
  case logoutWithoutLogin = "logout-without-login"
  case selfChangeUnlocks = "self-change-unlocks"

  /// The rule this mutant breaks.
  package var rule: RuleID {
    switch self {
    case .cryptoUserChangesOthers: "HSM-CHPW-003"
    case .caseSensitiveUsernames: "HSM-NAME-003"
    case .username32Accepted: "HSM-NAME-001"
    case .underscoreRejected: "HSM-NAME-002"
    case .passwordCaseInsensitive: "HSM-PW-002"
    case .changeLoggedInUser: "HSM-CHPW-005"
    case .loginIgnoresRole: "HSM-LOGIN-002"
    case .cryptoUserCreatesUsers: "HSM-CREATE-001"
    case .listNeedsLogin: "HSM-LIST-001"
    case .passwordMinimumNine, .password33Accepted: "HSM-PW-001"
    case .secondActivation: "HSM-ACT-004"
    case .noLockout, .lockAfterFour: "HSM-LOCK-001"
    case .adminResetKeepsLock: "HSM-LOCK-003"
    case .deleteLoggedInUser: "HSM-DELETE-002"
    case .deleteIgnoresRole: "HSM-DELETE-003"
    case .duplicateReplaces: "HSM-CREATE-003"
    case .loginTwiceAllowed: "HSM-LOGIN-005"
    case .loginKeepsFailures: "HSM-LOCK-004"
    case .changeIgnoresRole: "HSM-CHPW-006"
    case .emptyUsernameAccepted: "HSM-NAME-004"
    case .activationNeedsLogin: "HSM-ACT-003"
    case .applianceUserLogsIn: "HSM-LOGIN-008"
    case .endOfInputKeepsLogin: "HSM-LOGOUT-003"
    case .lockedAsBoolean: "HSM-LIST-002"
    case .logoutWithoutLogin: "HSM-LOGOUT-002"
    case .selfChangeUnlocks: "HSM-LOCK-005"
    }
  }

  /// What the bug does, in one sentence.
  package var summary: String {
    switch self {
    case .cryptoUserChangesOthers: "a crypto user may change another user's password"
    case .caseSensitiveUsernames: "usernames are stored and compared as typed"
    case .username32Accepted: "a 32-character username is accepted"
    case .underscoreRejected: "an underscore in a username is rejected"
    case .passwordCaseInsensitive: "passwords are compared ignoring case"
    case .changeLoggedInUser: "an admin may change the password of a user logged in elsewhere"
    case .loginIgnoresRole: "login succeeds with any role"
    case .cryptoUserCreatesUsers: "a crypto user may create users"
    case .listNeedsLogin: "user list is refused to a session that is not logged in"
    case .passwordMinimumNine: "an 8-character password is rejected"
    case .password33Accepted: "a 33-character password is accepted"
    case .secondActivation: "cluster activate works again on an active cluster"
    case .noLockout: "failed logins never lock a user"
    case .lockAfterFour: "four failed logins lock a user"
    case .adminResetKeepsLock: "an admin's password reset leaves the user locked"
    case .deleteLoggedInUser: "a logged-in user may be deleted"
    case .deleteIgnoresRole: "user delete ignores --role"
    case .duplicateReplaces: "creating an existing username replaces that user"
    case .loginTwiceAllowed: "a logged-in session may log in again"
    case .loginKeepsFailures: "a successful login keeps the failed-login count"
    case .changeIgnoresRole: "user change-password ignores --role"
    case .emptyUsernameAccepted: "an empty username is accepted"
    case .activationNeedsLogin: "cluster activate needs a login"
    case .applianceUserLogsIn: "app_user may log in with --role admin"
    case .endOfInputKeepsLogin: "end of input leaves the session's user logged in"
    case .lockedAsBoolean: "user list shows locked as a JSON boolean"
    case .logoutWithoutLogin: "logout succeeds without a login"
    case .selfChangeUnlocks: "a crypto user's own password change unlocks it"
    }
  }
}
