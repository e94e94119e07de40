import Foundation
package import IAMModel
import ReferenceModel
import Synchronization

/// The bundled IAM simulator: the model behind the IAM Query API, with SigV4 checked.
///
/// One account for the simulator's life. The root user's access key is given at start; keys
/// that CreateAccessKey hands out get a random secret here (the model only knows their IDs).
/// Each request is authenticated (the SigV4 codes AWS uses), mapped to its principal, applied to
/// the model at the current time, and answered in IAM's XML. Unknown actions get
/// `InvalidAction`; requests that are not form-encoded Query API requests get
/// `MalformedQueryString`.
/// Spec: issue #8 "A bundled IAM simulator"; sut-contract.md §3.
package final class IAMSimulator: Sendable {
  struct State {
    var account: IAMAccount
    var secrets: [String: String]
    var requests = 0
  }

  private let state: Mutex<State>
  private let signer: SigV4
  private let clock: @Sendable () -> IAMInstant

  package init(
    root: SUTDescription.Credentials, region: String, digests: SigV4Digests,
    configuration: IAMConfiguration = IAMConfiguration(),
    clock: @escaping @Sendable () -> IAMInstant = IAMSimulator.wallClock
  ) {
    let account = IAMAccount(configuration: configuration, rootAccessKeys: [root.accessKeyID])
    state = Mutex(State(account: account, secrets: [root.accessKeyID: root.secretAccessKey]))
    signer = SigV4(digests: digests, region: region)
    self.clock = clock
  }

  package static let wallClock: @Sendable () -> IAMInstant = {
    IAMInstant(seconds: Int64(Date().timeIntervalSince1970))
  }

  /// Answers one HTTP request.
  package func handle(_ request: HTTPRequest) -> HTTPResponse {
    let requestID = state.withLock { state in
      state.requests += 1
      return "urc-\(state.requests)"
    }
    func fail(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
      IAMWire.failure(status: status, code: code, message: message, requestID: requestID)
    }
    let text =
      request.method == "GET" ? request.query : String(decoding: request.body, as: UTF8.self)
    guard request.method == "POST" || request.method == "GET",
      let pairs = FormEncoding.decode(text)
    else { return fail(400, "MalformedQueryString", "Not a form-encoded Query API request") }
    let modelRequest: IAMRequest
    switch IAMWire.modelRequest(pairs) {
    case .failure(let unknown):
      return fail(400, "InvalidAction", "Could not find operation \(unknown.action)")
    case .success(let decoded): modelRequest = decoded
    }
    return state.withLock { state in
      let keyID: String
      switch signer.verify(request, secret: { state.secrets[$0] }) {
      case .failure(let failure): return fail(403, failure.code, failure.message)
      case .success(let found): keyID = found
      }
      guard let principal = state.account.principal(forAccessKey: keyID) else {
        return fail(
          403, "InvalidClientTokenId", "The security token included in the request is invalid.")
      }
      let outcome = state.account.apply(modelRequest, as: principal, at: clock())
      var secret = ""
      if case .accepted(.accessKey(let id, _)) = outcome.result {
        secret = Self.randomSecret()
        state.secrets[id] = secret
      }
      if modelRequest.action == .deleteAccessKey, outcome.isAccepted,
        let id = modelRequest["AccessKeyId"]
      {
        state.secrets[id] = nil
      }
      let extras = IAMWire.Extras(
        requestID: requestID, createDate: Self.timestamp(), secretAccessKey: secret,
        userID: "AIDA" + String(requestID.filter(\.isNumber)).leftPadded(17))
      return IAMWire.response(outcome, action: modelRequest.action.rawValue, extras: extras)
    }
  }

  static func randomSecret() -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var generator = SystemRandomNumberGenerator()
    return String((0..<40).map { _ in alphabet[Int(generator.next() % 64)] })
  }

  static func timestamp() -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: Date())
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
