import Conformance
import ReferenceModel

/// A buggy model variant served as a SUT: the runner must find each bug (P's `hint: bug`).
struct MutantSUT: SystemUnderTest {
  enum Bug: Sendable {
    /// A crypto user may change another user's password (breaks HSM-CHPW-003).
    case cryptoUserChangesOthers
    /// `user list` is sorted by username (differs only on the inferred HSM-LIST-003).
    case alphabeticalUserList
  }

  let bug: Bug
  init(_ bug: Bug) { self.bug = bug }

  var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(name: "mutant \(bug)", profile: "cloudhsm-cli", capabilities: [])
  }

  func startCase(_ scenario: Scenario, keys: KeyRing) throws(AdapterError) -> any CaseConnection {
    MutantConnection(bug: bug)
  }
}

final class MutantConnection: CaseConnection {
  let bug: MutantSUT.Bug
  var state = ClusterState()

  init(bug: MutantSUT.Bug) { self.bug = bug }

  func send(_ step: Scenario.Step) throws(AdapterError) -> Observation {
    if bug == .cryptoUserChangesOthers,
      case .command(.userChangePassword(let change))? =
        try? CommandLineParser.parse(step.line), let caller = state.loggedInUser(step.session),
      caller.role == .cryptoUser, caller.name != change.username.lowercased()
    {
      // Apply the change as an admin session would, then answer from the caller's session.
      var admin = state
      admin.endSession("mutant-admin")
      _ = admin.apply(
        .login(.init(username: "admin", role: .admin, password: adminPassword)), in: "mutant-admin")
      let outcome = admin.apply(.userChangePassword(change), in: "mutant-admin")
      if outcome.isAccepted {
        admin.endSession("mutant-admin")
        state = admin
        return .answer(outcome.envelope)
      }
    }
    switch state.run(step) {
    case .outcome(let outcome):
      if bug == .alphabeticalUserList, case .accepted(let data) = outcome.result,
        case .array(let users)? = data["users"]
      {
        let sorted = users.sorted {
          ($0["username"]?.compactText ?? "") < ($1["username"]?.compactText ?? "")
        }
        return .answer(
          .object([("error_code", .int(0)), ("data", .object([("users", .array(sorted))]))]))
      }
      return .answer(outcome.envelope)
    case .help(let text): return .help(text: text, json: [])
    case .ended: return .ended
    case .done(let problem): return .done(problem)
    }
  }

  private var adminPassword: String { state.users["admin"]?.password ?? "" }

  func userList() throws(AdapterError) -> JSONValue {
    let users: JSONValue = state.userListData
    guard bug == .alphabeticalUserList, case .array(let list)? = users["users"] else {
      return .object([("error_code", .int(0)), ("data", users)])
    }
    let sorted = list.sorted {
      ($0["username"]?.compactText ?? "") < ($1["username"]?.compactText ?? "")
    }
    return .object([("error_code", .int(0)), ("data", .object([("users", .array(sorted))]))])
  }

  func close() -> String { "" }
}
