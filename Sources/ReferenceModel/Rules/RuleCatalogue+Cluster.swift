extension RuleCatalogue {
  static let activation: [Rule] = [
    Rule(
      .activeClusterHoldsTemporaryAdmin,
      "A cluster that was never activated holds the unactivated admin `admin` (role "
        + "`unactivated-admin`) and the appliance user `app_user` (role "
        + "`internal(APPLIANCE_USER)`), and no one else.",
      .users("Unactivated admin; Appliance user (AU)")),
    Rule(
      .activationPromotesAdmin,
      "`cluster activate` sets the initial admin password and turns the unactivated admin into "
        + "`admin` with role `admin`; it answers `Cluster activation successful`.",
      .digest("2.11 cluster activate (HSM-ACT-001, HSM-ACT-002)")),
    Rule(
      .activationNeedsNoLogin,
      "`cluster activate` needs no login while the cluster is unactivated; a session logged in "
        + "as the unactivated admin may run it as well.",
      .inferred(
        reason: "activate-cluster.md's transcript runs it with no login step, while login lists "
          + "the unactivated admin among its user types (spec-digest Q12)")),
    Rule(
      .activationOnlyOnce,
      "`cluster activate` on a cluster that is already active is rejected.",
      .inferred(
        reason: "only the unactivated admin may run it, and none exists after activation; the "
          + "error text is undocumented")),
    Rule(
      .nothingBeforeActivation,
      "Before activation, `user create`, `user delete` and `user change-password` are rejected.",
      .inferred(
        reason: "activation 'must be run before the cluster can be used' and the only user who "
          + "can log in is the unactivated admin, which is not an admin (spec-digest HSM-ACT-004)")),
    Rule(
      .activationKeepsSessionLoggedIn,
      "A session logged in as the unactivated admin that activates the cluster stays logged in, "
        + "now as `admin` with role `admin`.",
      .inferred(
        reason: "the documents say the unactivated admin 'becomes an admin' and do not mention a "
          + "logout")),
    Rule(
      .firstFailingRuleDecides,
      "When several rules refuse a command, the first in this order decides: the session's login "
        + "and role, the cluster's activation, the arguments (username, then password), then the "
        + "target user (existence, permission on it, its sessions, its lock).",
      .inferred(
        reason: "the documents give no precedence; this order checks what the session is before "
          + "what it asks for, and puts the documented permission table before the inferred "
          + "activation rule, so that a divergence names a documented rule where one applies")),
  ]

  static let login: [Rule] = [
    Rule(
      .loginSucceeds,
      "`login` with an existing username (any case), its role and its password logs the session "
        + "in and answers the username in lowercase and the role.",
      .digest("2.1 login")),
    Rule(
      .loginRoleMustMatch,
      "`login` with a role other than the user's own is rejected like an unknown user and does "
        + "not count as a failed attempt.",
      .inferred(
        reason: "every user command takes --role, which suggests (username, role) identifies a "
          + "user (spec-digest Q3); whether a wrong role counts towards lockout is undocumented")),
    Rule(
      .loginUnknownUser,
      "`login` as a user that does not exist is rejected.",
      .inferred(reason: "the documents do not show it; the error text is undocumented")),
    Rule(
      .loginWrongPassword,
      "`login` with a wrong password (compared exactly; no length check at login) is rejected and "
        + "counts as a failed attempt.",
      .digest("2.0 Other quotas (lockout after incorrect login attempts)")),
    Rule(
      .loginOnlyOncePerSession,
      "A session that is logged in cannot log in again until it logs out.",
      .inferred(reason: "undocumented (spec-digest HSM-LOGIN-007); the model rejects")),
    Rule(
      .loginManySessions,
      "The same user may be logged in in several sessions at once.",
      .inferred(
        reason: "the documents are silent; each CloudHSM CLI process has its own session on "
          + "one shared cluster")),
    Rule(
      .loginUnactivatedAdmin,
      "The unactivated admin logs in with `--role admin` and the initial password `password`; "
        + "the answer's role is `unactivated-admin`.",
      .inferred(
        reason: "--role cannot name unactivated-admin (spec-digest Q13), and the initial password "
          + "is undocumented for CloudHSM CLI; `password` is the legacy CloudHSM default "
          + "(a model parameter)")),
    Rule(
      .loginApplianceUserRefused,
      "The appliance user `app_user` cannot log in through CloudHSM CLI.",
      .inferred(
        reason: "--role cannot name its role internal(APPLIANCE_USER); AWS uses it for "
          + "synchronisation only")),
  ]

  static let lockout: [Rule] = [
    Rule(
      .lockAfterFailures,
      "After five consecutive failed logins (a model parameter) the user is locked; `user list` "
        + "shows `locked` as \"true\".",
      .digest("2.0 Other quotas; 2.1 HSM-LOGIN-005")),
    Rule(
      .lockedUserCannotLogIn,
      "A locked user cannot log in, even with the right password, and further attempts are not "
        + "counted.",
      .digest("2.1 HSM-LOGIN-005")),
    Rule(
      .adminResetUnlocks,
      "A password change made by an admin unlocks the user and clears its failed-login count.",
      .digest("2.0 Other quotas ('an admin must reset your password')")),
    Rule(
      .loginClearsFailures,
      "A successful login clears the user's failed-login count.",
      .inferred(reason: "'consecutive' attempts imply a reset on success (spec-digest Q18)")),
    Rule(
      .selfChangeKeepsLock,
      "A crypto user that changes its own password stays locked if it was locked.",
      .inferred(
        reason: "only an admin's reset unlocks; a crypto user can still be logged in from before "
          + "another session's failures locked it")),
  ]

  static let logout: [Rule] = [
    Rule(
      .logoutSucceeds,
      "`logout` ends the session's login and answers `Logout successful`.",
      .digest("2.3 logout")),
    Rule(
      .logoutNeedsLogin,
      "`logout` in a session that is not logged in is rejected.",
      .inferred(reason: "undocumented (spec-digest HSM-LOGOUT-002); the model rejects")),
    Rule(
      .endOfInputLogsOut,
      "End of input ends a session and logs its user out.",
      .contract("2. Profile cloudhsm-cli")),
  ]
}
