package import ReferenceModel

/// A few fixed cluster states to apply one parsed command to, so that the command-line target
/// reaches the model's acceptances and not only its "not logged in" refusals.
///
/// Built once by applying commands to a new cluster; every command runs in `session`:
/// 1. a new, unactivated cluster, nobody logged in;
/// 2. the same with `session` logged in as the unactivated admin (password `password`);
/// 3. an activated cluster (admin's password `password1`) with `session` logged in as admin,
///    crypto-user `alice` (`password2`) logged in elsewhere, admin `bob` (`password3`) and
///    crypto-user `carol` (`password4`) locked by five failed logins;
/// 4. the third with `session` logged in as `alice` instead (and admin logged in elsewhere).
/// Spec: spec-digest.md §2; issue #7 ("every accepted command applied to the model keeps its
/// invariants").
package enum ReferenceClusters {
  /// The session each command is applied in.
  package static let session: SessionID = "fuzz"
  /// The other session that is logged in, in the activated states.
  package static let other: SessionID = "other"

  /// The four states, in the order above.
  package static let all: [ClusterState] = {
    let fresh = ClusterState()
    var unactivatedAdmin = fresh
    _ = unactivatedAdmin.apply(login("admin", .admin, "password"), in: session)
    var setUp = fresh
    let steps: [Command] = [
      .clusterActivate(password: "password1"), login("admin", .admin, "password1"),
      create("alice", .cryptoUser, "password2"), create("bob", .admin, "password3"),
      create("carol", .cryptoUser, "password4"),
    ]
    for command in steps { _ = setUp.apply(command, in: session) }
    for _ in 0..<5 { _ = setUp.apply(login("carol", .cryptoUser, "wrong-pass"), in: "locker") }
    var admin = setUp
    _ = admin.apply(login("alice", .cryptoUser, "password2"), in: other)
    var cryptoUser = setUp
    _ = cryptoUser.apply(.logout, in: session)
    _ = cryptoUser.apply(login("admin", .admin, "password1"), in: other)
    _ = cryptoUser.apply(login("alice", .cryptoUser, "password2"), in: session)
    return [fresh, unactivatedAdmin, admin, cryptoUser]
  }()

  /// `checkInvariants()` of each state in `all` (none, unless the model is broken).
  package static let invariants = all.map { $0.checkInvariants() }

  private static func login(_ name: String, _ role: Role, _ password: String) -> Command {
    .login(.init(username: name, role: role, password: password))
  }

  private static func create(_ name: String, _ role: Role, _ password: String) -> Command {
    .userCreate(.init(username: name, role: role, password: password))
  }
}

/// Applies `command` in `ReferenceClusters.session` to each reference state and checks every
/// step property of `ModelStepCheck` (invariants, catalogued rules, unchanged on a rejection
/// without effects).
/// Spec: house-style.md §6 ("the model's invariants hold on every accepted command").
package func checkCommandOnModel(_ command: Command) -> [PropertyViolation] {
  var violations: [PropertyViolation] = []
  for (index, before) in ReferenceClusters.all.enumerated() {
    var after = before
    let outcome = after.apply(command, in: ReferenceClusters.session)
    violations += ModelStepCheck.check(
      "\(command.name) in reference cluster \(index + 1)", before: before, after: after,
      outcome: outcome, invariantsBefore: ReferenceClusters.invariants[index])
  }
  return violations
}
