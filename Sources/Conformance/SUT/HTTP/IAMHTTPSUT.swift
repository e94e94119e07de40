import Foundation
import ReferenceModel
import IAMModel

/// An IAM Query API endpoint under test, reached over HTTP with SigV4-signed requests.
///
/// Per test case the admin deletes any account password policy first; the scenario's steps are
/// then sent, each signed with its caller's key (the admin's or root's from the SUT description,
/// or the key the admin created for that user in this case); at the end the admin deletes what
/// the case created. User names are sent with a suffix unique to the scenario (`alice` →
/// `alice-1a2b3c`), so that cases never meet a user name a previous case deleted (IAM may keep
/// such a name temporarily unmodifiable); replies are read back with the scenario's names.
/// Spec: sut-contract.md §1, §3; issue #8 "The HTTP adapter".
package struct IAMHTTPSUT: IAMSystemUnderTest {
  /// The capability a SUT has when its description gives the root user's key.
  package static let rootCapability = "iam-root-credentials"

  package let name: String
  package let host: String
  package let port: UInt16
  package let iam: SUTDescription.IAM
  package let timeoutMilliseconds: Int
  package let capabilities: [String]
  let signer: SigV4

  /// Why the description's endpoint cannot be used.
  package struct EndpointError: Error, Hashable, Sendable, CustomStringConvertible {
    package var description: String
  }

  package init(
    name: String, iam: SUTDescription.IAM, timeoutMilliseconds: Int, capabilities: [String],
    digests: SigV4Digests
  ) throws(EndpointError) {
    switch SUTDescription.IAM.hostAndPort(of: iam.endpoint) {
    case .success(let address):
      self.host = address.host
      self.port = address.port
    case .failure(let problem):
      throw EndpointError(description: "endpoint '\(iam.endpoint)': \(problem.reason)")
    }
    self.name = name
    self.iam = iam
    self.timeoutMilliseconds = timeoutMilliseconds
    self.capabilities = capabilities + (iam.root == nil ? [] : [Self.rootCapability])
    self.signer = SigV4(digests: digests, region: iam.region)
  }

  package init(_ description: SUTDescription, digests: SigV4Digests) throws(EndpointError) {
    guard case .iam(let iam) = description.profile else {
      throw EndpointError(description: "the SUT's profile is not iam")
    }
    try self.init(
      name: description.name, iam: iam, timeoutMilliseconds: description.timeoutMilliseconds,
      capabilities: description.capabilities, digests: digests)
  }

  package var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(name: name, profile: "iam", capabilities: capabilities)
  }

  package func startCase(_ scenario: IAMScenario) throws(AdapterError) -> any IAMCaseConnection {
    let connection = IAMHTTPConnection(sut: self, scenario: scenario.id)
    let observed = try connection.call(
      .deleteAccountPasswordPolicy, [], as: iam.admin, step: "arranging the case")
    if case .failure(_, let code, _) = observed, code != "NoSuchEntity" {
      throw .http(
        step: "arranging the case",
        detail:
          "the admin's DeleteAccountPasswordPolicy failed: \(IAMComparator.describe(observed))")
    }
    return connection
  }

  /// One signed request; a reply that is not IAM's is an adapter error naming `step`.
  func exchange(
    _ action: IAMAction, _ parameters: [(String, String)],
    as credentials: SUTDescription.Credentials,
    step: String
  ) throws(AdapterError) -> IAMObservation {
    let request = IAMWire.request(
      action: action.rawValue, parameters, host: port == 80 ? host : "\(host):\(port)")
    let signed = signer.sign(
      request, accessKeyID: credentials.accessKeyID, secret: credentials.secretAccessKey,
      amzDate: Self.amzDate())
    let response: HTTPResponse
    do {
      response = try HTTPClient.exchange(
        signed, host: host, port: port, timeoutMilliseconds: timeoutMilliseconds)
    } catch {
      throw .http(step: step, detail: "\(iam.endpoint): \(error)")
    }
    switch IAMObservation.read(response, action: action) {
    case .success(let observation): return observation
    case .failure(let problem): throw .http(step: step, detail: problem.description)
    }
  }

  /// Now as SigV4's `YYYYMMDDTHHMMSSZ`.
  static func amzDate() -> String {
    var seconds = time(nil)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
  }
}
