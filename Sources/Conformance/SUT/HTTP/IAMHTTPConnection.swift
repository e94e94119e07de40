import Foundation
import ReferenceModel
import IAMModel

/// One IAM test case on an HTTP endpoint: keys, names and what to clean up.
///
/// Spec: sut-contract.md §3 ("the admin arranging and cleaning up each test case").
final class IAMHTTPConnection: IAMCaseConnection {
  let sut: IAMHTTPSUT
  /// The suffix that makes this scenario's user names its own.
  let suffix: String
  var keys: [String: SUTDescription.Credentials] = [:]
  /// Created users in order, with what they hold (scenario names).
  var users: [String] = []
  var loginProfiles: Set<String> = []
  var policies: [String: [String]] = [:]
  var keyIDs: [String: [String]] = [:]

  init(sut: IAMHTTPSUT, scenario: String) {
    self.sut = sut
    var hash: UInt32 = 2_166_136_261
    for byte in scenario.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let hex = String(hash, radix: 16)
    suffix = "-" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
  }

  /// The name sent for a scenario user name (unchanged when a suffix would make it invalid).
  func wire(_ name: String) -> String {
    let valid =
      !name.isEmpty && name.count + suffix.count <= 64
      && name.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "_+=,.@-".unicodeScalars.contains($0))
      }
    return valid ? name + suffix : name
  }

  func call(
    _ action: IAMAction, _ parameters: [(String, String)],
    as credentials: SUTDescription.Credentials,
    step: String
  ) throws(AdapterError) -> IAMObservation {
    try sut.exchange(action, parameters, as: credentials, step: step)
  }

  func send(_ step: IAMScenario.Step) throws(AdapterError) -> IAMObservation {
    let label = "[\(step.caller)] \(step.action.rawValue) (line \(step.lineNumber))"
    let credentials: SUTDescription.Credentials
    switch step.caller.rawValue {
    case "admin": credentials = sut.iam.admin
    case "root":
      guard let root = sut.iam.root else {
        throw .http(step: label, detail: "the SUT description gives no root key")
      }
      credentials = root
    case let user:
      guard let key = keys[user] else {
        throw .http(step: label, detail: "no access key for \(user): CreateAccessKey failed")
      }
      credentials = key
    }
    let parameters = step.parameters.map { parameter in
      (parameter.name, parameter.name == "UserName" ? wire(parameter.value) : parameter.value)
    }
    var observed = try call(step.action, parameters, as: credentials, step: label)
    let user = step["UserName"] ?? step.caller.rawValue
    switch observed {
    case .success(let data, let key):
      record(step, user: user, key: key)
      observed = .success(data: data.map(unwire), accessKey: key)
    case .failure(let status, let code, let message):
      // Messages name users (moto: "User: arn:…:user/alice-1a2b3c4d is not authorized"):
      // read them with the scenario's names.
      observed = .failure(
        status: status, code: code, message: message.replacingOccurrences(of: suffix, with: ""))
    }
    return observed
  }

  /// Remembers what a successful step created or removed.
  func record(_ step: IAMScenario.Step, user: String, key: IAMObservation.AccessKey?) {
    switch step.action {
    case .createUser: users.append(user)
    case .deleteUser: users.removeAll { $0 == user }
    case .createLoginProfile: loginProfiles.insert(user)
    case .deleteLoginProfile: loginProfiles.remove(user)
    case .putUserPolicy: policies[user, default: []].append(step["PolicyName"] ?? "")
    case .deleteUserPolicy: policies[user]?.removeAll { $0 == step["PolicyName"] }
    case .createAccessKey:
      if let key {
        keys[user] = SUTDescription.Credentials(accessKeyID: key.id, secretAccessKey: key.secret)
        keyIDs[user, default: []].append(key.id)
      }
    default: break
    }
  }

  /// Compared data with the scenario's user names back.
  func unwire(_ data: JSONValue) -> JSONValue {
    guard case .object(let members) = data else { return data }
    return .object(
      members.map { member in
        if member.key == "UserName", case .string(let name) = member.value,
          name.hasSuffix(suffix)
        {
          return (member.key, .string(String(name.dropLast(suffix.count))))
        }
        return member
      })
  }

  func close() -> String {
    var notes: [String] = []
    let admin = sut.iam.admin
    func clean(_ action: IAMAction, _ parameters: [(String, String)]) {
      do {
        let observed = try call(action, parameters, as: admin, step: "cleanup")
        if case .failure(_, let code, _) = observed, code != "NoSuchEntity" {
          notes.append("cleanup \(action.rawValue): \(IAMComparator.describe(observed))")
        }
      } catch {
        notes.append("cleanup \(action.rawValue): \(error.description)")
      }
    }
    for user in users.reversed() {
      let name = wire(user)
      if loginProfiles.contains(user) { clean(.deleteLoginProfile, [("UserName", name)]) }
      for policy in policies[user] ?? [] {
        clean(.deleteUserPolicy, [("UserName", name), ("PolicyName", policy)])
      }
      for id in keyIDs[user] ?? [] {
        clean(.deleteAccessKey, [("UserName", name), ("AccessKeyId", id)])
      }
      clean(.deleteUser, [("UserName", name)])
    }
    clean(.deleteAccountPasswordPolicy, [])
    return notes.joined(separator: "\n")
  }
}
