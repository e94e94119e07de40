extension Rule.Source {
  static func mfa(_ section: String) -> Self {
    .documented(document: "cloudhsm-cli-user-change-mfa.md", section: section)
  }
}

extension RuleCatalogue {
  static let tokenSign: [Rule] = [
    Rule(
      .optionValues,
      "`--service` accepts the documented service names and `--value` a whole number; anything "
        + "else is a usage error.",
      .digest("2.9 (usage of generate and set-quorum-value)")),
    Rule(
      .tokenSignPrompts,
      "A token-sign command writes its unsigned token file, then asks `Enter signed token file "
        + "path (press enter if same as the unsigned token file):` (an empty answer means the "
        + "same file); `user change-mfa token-sign --token` then asks `Enter public key PEM file "
        + "path:`.",
      .contract("2 (questions)")),
    Rule(
      .mfaLogin,
      "`login … mfa-token-sign --token FILE` writes one unsigned token per HSM and logs in once "
        + "the signed file holds those tokens signed with the user's registered key.",
      .digest("2.2 (HSM-MFALOGIN-001); 3.1 TOK-MFA-002")),
    Rule(
      .mfaLoginSignature,
      "An MFA login whose signed file is missing, malformed, holds other tokens or a signature "
        + "that does not verify with the registered key fails, and the session stays logged out.",
      .digest("2.2 (HSM-MFALOGIN-002)")),
    Rule(
      .mfaRegisteredNeedsToken,
      "A user with MFA registered cannot log in without `mfa-token-sign`.",
      .inferred(
        reason: "the documents describe the MFA login but not what a plain login of such a user "
          + "does; without this rule MFA would protect nothing")),
    Rule(
      .mfaLoginNeedsRegistration,
      "`login … mfa-token-sign` for a user without MFA registered fails.",
      .inferred(reason: "undocumented; there is no key to check the tokens against")),
    Rule(
      .mfaWhoMayChange,
      "Any admin or crypto user may change its own MFA; only an admin may change another "
        + "user's.",
      .mfa("user change-mfa (first paragraph)")),
    Rule(
      .mfaTokenOrDeregister,
      "`user change-mfa token-sign` needs exactly one of `--token` and `--deregister`.",
      .mfa("Syntax (usage `<--token <TOKEN>|--deregister>`)")),
    Rule(
      .mfaChangesPassword,
      "`user change-mfa token-sign` also sets the user's new password (`--change-password`, "
        + "prompted for when absent), under the password rules.",
      .mfa("Arguments <CHANGE_PASSWORD>")),
    Rule(
      .mfaRegister,
      "With `--token`, once the signed tokens verify with the given public key, the user's MFA "
        + "is enabled with that key, which also becomes its quorum key.",
      .digest("2.8 (HSM-MFA-004, HSM-MFA-006)")),
    Rule(
      .mfaRegisterSignature,
      "MFA registration fails when the signed file does not hold the issued tokens signed with "
        + "the private key of the given public key, or the public key cannot be read.",
      .digest("2.8 (HSM-MFA-004, HSM-MFA-005)")),
    Rule(
      .mfaSharesQuorumKey,
      "A user with a quorum key can register a different MFA key only with `--change-quorum`.",
      .inferred(
        reason: "one key serves MFA and quorum (HSM-MFA-006) and --change-quorum 'changes the "
          + "quorum public key along with the MFA key'; what happens without it is undocumented")),
    Rule(
      .mfaDeregister,
      "`--deregister` removes the MFA key if present and sets the new password; with "
        + "`--change-quorum` the quorum key goes too.",
      .digest("2.8 (HSM-MFA-008)")),
  ]

  static let quorum: [Rule] = [
    Rule(
      .quorumValueRange,
      "A quorum value is 1 to 8; 1 turns quorum off.",
      .digest("2.9 (HSM-QUORUM-001: 2 to 8 documented, 1 is the default)")),
    Rule(
      .quorumServiceToken,
      "A token for the quorum service can be generated only while its quorum value is above 1.",
      .digest("2.9 (HSM-QUORUM-003)")),
    Rule(
      .quorumSetNeedsAdmin,
      "Only a logged-in admin may set a quorum value, registered quorum key or not.",
      .digest("2.9 (HSM-QUORUM-004; set-quorum-value user type)")),
    Rule(
      .quorumOneTokenPerService,
      "A user may hold one unused token per service; generating a second fails.",
      .inferred(
        reason: "'a limit to obtaining one active token per user per service' is documented, "
          + "whether a second request fails or replaces the first is not")),
    Rule(
      .quorumTokenSingleUse,
      "An approval must use a token that this login session generated for the service and has "
        + "not used yet: a token serves one successful operation and dies with its session.",
      .digest("2.9 (HSM-QUORUM-007, HSM-QUORUM-009)")),
    Rule(
      .quorumApprovalRequired,
      "While the user service's quorum value is above 1, user create, delete, change-password "
        + "and change-mfa need `--approval`; so does set-quorum-value while the quorum "
        + "service's is.",
      .digest("2.9 (HSM-QUORUM-010); 2.8 (HSM-MFA-007)")),
    Rule(
      .quorumApprovals,
      "An approval counts when it is a valid signature of the unchanged token by a distinct "
        + "admin with a registered quorum key (the requester included); the operation needs "
        + "as many as the quorum value.",
      .inferred(
        reason: "the documents say the HSM checks each signature against the approver's "
          + "registered key; who counts is not stated (spec-digest HSM-QUORUM-011)")),
    Rule(
      .quorumListValues,
      "`quorum token-sign list-quorum-values` needs no login and answers `{\"user\": N, "
        + "\"quorum\": N}`.",
      .digest("2.9 (list-quorum-values)")),
    Rule(
      .quorumSetValue,
      "`set-quorum-value` answers \"Set Quorum Value successful\" and the new value applies at "
        + "once.",
      .digest("2.9 (set-quorum-value, the command page's text)")),
    Rule(
      .quorumGenerateNeedsAdmin,
      "Only a logged-in admin may generate a token.",
      .digest("2.9 (generate: 'Only admins can generate a service token')")),
    Rule(
      .quorumGenerate,
      "`quorum token-sign generate` writes the token file (a quorum token, or an MFA-shaped "
        + "registration token) and answers `{\"filepath\": FILE}`.",
      .inferred(
        reason: "the command page shows `filepath`, the how-to pages `path` (spec-digest §5)")),
    Rule(
      .quorumRegisterNeedsAdmin,
      "Only a logged-in admin may register its own quorum key.",
      .digest("2.10 (HSM-QREG-001)")),
    Rule(
      .quorumRegisterSignature,
      "Registration needs this session's registration token signed with the private key of the "
        + "given public key.",
      .digest("2.10 (HSM-QREG-002)")),
    Rule(
      .quorumRegister,
      "A successful registration answers the admin's name and role and enables its quorum key.",
      .digest("2.10 (HSM-QREG-003)")),
  ]
}
