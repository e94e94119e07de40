extension RuleCatalogue {
  static let userManagement: [Rule] = [
    Rule(
      .createNeedsAdmin,
      "Only a session logged in as an admin may run `user create`.",
      .users("HSM user permissions table (Add, remove users)")),
    Rule(
      .createSucceeds,
      "`user create` answers the new username in lowercase and its role; the user starts "
        + "unlocked, with no MFA or quorum key and full cluster coverage.",
      .digest("2.4 user create (HSM-CREATE-006)")),
    Rule(
      .createDuplicate,
      "A username that already exists, in any letter case and with any role, cannot be created "
        + "again.",
      .inferred(
        reason: "usernames are case-insensitive and one name has one role (spec-digest "
          + "HSM-CREATE-004); the error text is undocumented")),
    Rule(
      .createUserLimit,
      "A cluster holds at most 1,024 users, counting `admin` and `app_user` (a model parameter); "
        + "creating one more is rejected.",
      .digest("2.0 Other quotas (Maximum users per cluster)")),
    Rule(
      .deleteNeedsAdmin,
      "Only a session logged in as an admin may run `user delete`.",
      .users("HSM user permissions table (Add, remove users)")),
    Rule(
      .deleteLoggedInUser,
      "A user who is logged in, in any session, cannot be deleted; so an admin cannot delete "
        + "itself.",
      .digest("2.5 user delete (HSM-DELETE-002)")),
    Rule(
      .deleteTargetMustMatch,
      "`user delete` of a username that does not exist, or with a role other than the user's, "
        + "is rejected; `app_user` and the admins' roles cannot be confused.",
      .inferred(
        reason: "the troubleshooting page deletes one name once per role, which makes the role "
          + "part of the lookup (spec-digest HSM-DELETE-004)")),
    Rule(
      .deleteSucceeds,
      "`user delete` answers the username and role; the user disappears from `user list`, can "
        + "no longer log in, and its name may be created again.",
      .digest("2.5 user delete")),
    Rule(
      .listNeedsNoLogin,
      "`user list` needs no login and lists every user.",
      .digest("2.6 user list (HSM-LIST-001)")),
    Rule(
      .listEntryShape,
      "Each `user list` entry has `username`, `role`, `locked` (the string \"true\" or "
        + "\"false\"), `mfa`, `quorum` and `cluster-coverage`, in that order.",
      .digest("2.6 user list (field semantics)")),
    Rule(
      .listOrder,
      "`user list` shows users in creation order, with `app_user` last.",
      .inferred(
        reason: "every documented example lists admin first and app_user last; the order is not "
          + "a documented guarantee, so the harness compares users as a set")),
  ]

  static let changePassword: [Rule] = [
    Rule(
      .changePasswordNeedsLogin,
      "`user change-password` needs a session logged in as an admin or a crypto user.",
      .digest("2.7 user change-password (HSM-CHPW-001)")),
    Rule(
      .changeOwnPassword,
      "Any logged-in user may change its own password (same username and role as the session's).",
      .changePassword("To change HSM user passwords")),
    Rule(
      .cryptoUserCannotChangeOthers,
      "A crypto user cannot change another user's password.",
      .users("HSM user permissions table (Change any user's password)")),
    Rule(
      .adminChangesAnyPassword,
      "An admin may change the password of any admin or crypto user.",
      .users("HSM user permissions table (Change any user's password)")),
    Rule(
      .changeLoggedInUser,
      "The password of a user who is logged in in another session cannot be changed; one's own "
        + "password can be (spec-digest Q2).",
      .changePassword(
        "To change HSM user passwords ('You cannot change the password of a user "
          + "who is currently logged in')")),
    Rule(
      .changeTargetMustMatch,
      "`user change-password` of a username that does not exist, or with a role other than the "
        + "user's, is rejected.",
      .inferred(reason: "as for user delete: the role is part of the lookup (spec-digest Q3)")),
    Rule(
      .changeTakesEffect,
      "After a change the new password logs in and the old one no longer does; a session logged "
        + "in as that user stays logged in.",
      .inferred(
        reason: "the documents describe the change but not its effect on open sessions; the "
          + "self-change procedure continues in the same session")),
    Rule(
      .applianceUserPasswordUnreachable,
      "The appliance user's password cannot be changed through CloudHSM CLI.",
      .inferred(
        reason: "cloudhsm-cli-change-password.md says the AU can change its own password, but "
          + "--role cannot name it and it cannot log in (spec-digest HSM-CHPW-010)")),
  ]
}
