import Foundation
import ReferenceModel

/// What `harness run --sut FILE` reads: which system to test, and how to reach it.
///
/// The file is JSON, read by `JSONReader`; every mistake is a `SUTDescriptionError` that names
/// the file, line and column. The choices:
/// - Keys: `name` (required string), `profile` (required: `cloudhsm-cli` or `iam`),
///   `timeout_ms` (optional integer from 1 to 86,400,000, 24 hours; **5000** when absent, the
///   example's value),
///   `capabilities` (optional array of strings, default none; names are kept as written, since
///   the vocabulary is checked where scenarios are). Profile `cloudhsm-cli` adds `session`
///   (required, non-empty array of strings without NUL), `setup` (optional, likewise) and `env`
///   (optional object of strings, default none; names non-empty, without `=` or NUL). Profile
///   `iam` adds `endpoint` (required string, `http://HOST[:PORT]`), `region` (required
///   string) and `admin` (required object of the strings `access_key_id` and
///   `secret_access_key`), and `root` (optional, the same shape: the account root user's key,
///   which scenarios calling as `[root]` need). Any other key, including one of the other profile's, is an error.
/// - Errors come in a fixed order: JSON syntax, then `profile` (it decides which keys are
///   allowed), then the first unknown key in the file, then each key in the order above (the
///   form of `endpoint` after the other IAM keys' types).
/// - `null` is never taken for an absent key: it is a wrong type.
/// Spec: sut-contract.md §1 (describing a SUT), §2 (`cloudhsm-cli`), §3 (`iam`).
package struct SUTDescription: Hashable, Sendable {
  /// The default for `timeout_ms` when the file has none.
  package static let defaultTimeoutMilliseconds = 5000
  /// The longest `timeout_ms`: 24 hours per step is beyond any real command, and deadlines
  /// computed from larger values would overflow.
  package static let maximumTimeoutMilliseconds = 86_400_000

  package var name: String
  package var profile: Profile
  /// The longest wait for one answer, in milliseconds (positive).
  package var timeoutMilliseconds: Int
  package var capabilities: [String]

  /// How the harness talks to the SUT, with what that profile needs.
  ///
  /// Spec: sut-contract.md §2 (`cloudhsm-cli`), §3 (`iam`).
  package enum Profile: Hashable, Sendable {
    case cloudhsmCLI(CLI)
    case iam(IAM)

    /// The profile names a file may give, in the order error messages list them.
    package static let names = ["cloudhsm-cli", "iam"]

    /// The name as the file gives it.
    package var name: String {
      switch self {
      case .cloudhsmCLI: "cloudhsm-cli"
      case .iam: "iam"
      }
    }
  }

  /// Profile `cloudhsm-cli`: interactive CLI sessions started as processes.
  ///
  /// Placeholders (`{cluster}`, `{workdir}`) are kept as written; the runner fills them in.
  /// Spec: sut-contract.md §1 (`session`, `setup`, `env`), §2.
  package struct CLI: Hashable, Sendable {
    /// The argv of one interactive session (never empty).
    package var session: [String]
    /// The argv run once per test case to create the cluster, if any (never empty).
    package var setup: [String]?
    /// Environment variables added for `session` and `setup`.
    package var environment: [String: String]

    package init(session: [String], setup: [String]? = nil, environment: [String: String] = [:]) {
      self.session = session
      self.setup = setup
      self.environment = environment
    }
  }

  /// Profile `iam`: an IAM Query API endpoint and the admin's access key.
  ///
  /// Spec: sut-contract.md §3.
  package struct IAM: Hashable, Sendable {
    /// `http://HOST[:PORT][/…]`: the only form the IAM adapter speaks.
    package var endpoint: String
    package var region: String
    package var admin: Credentials
    /// The account root user's key (optional; scenarios that call as `[root]` need it).
    package var root: Credentials?

    package init(endpoint: String, region: String, admin: Credentials, root: Credentials? = nil) {
      self.endpoint = endpoint
      self.region = region
      self.admin = admin
      self.root = root
    }

    /// The endpoint's host and port (80 when absent), or why it has none.
    package static func hostAndPort(of endpoint: String) -> Result<
      (host: String, port: UInt16), EndpointProblem
    > {
      guard endpoint.hasPrefix("http://") else {
        return .failure(EndpointProblem("only http://HOST:PORT is supported"))
      }
      let authority = endpoint.dropFirst("http://".count).prefix { $0 != "/" }
      let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
      let port = parts.count == 2 ? UInt16(parts[1]) : 80
      guard let port, port > 0, !parts[0].isEmpty, parts.count <= 2 else {
        return .failure(EndpointProblem("is not http://HOST:PORT (a port from 1 to 65535)"))
      }
      return .success((String(parts[0]), port))
    }
  }

  /// Why an IAM endpoint cannot be used.
  package struct EndpointProblem: Error, Hashable, Sendable {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
  }

  /// An AWS access key pair.
  ///
  /// Spec: sut-contract.md §3 (`admin`).
  package struct Credentials: Hashable, Sendable {
    package var accessKeyID: String
    package var secretAccessKey: String

    package init(accessKeyID: String, secretAccessKey: String) {
      self.accessKeyID = accessKeyID
      self.secretAccessKey = secretAccessKey
    }
  }

  package init(
    name: String, profile: Profile,
    timeoutMilliseconds: Int = SUTDescription.defaultTimeoutMilliseconds,
    capabilities: [String] = []
  ) {
    self.name = name
    self.profile = profile
    self.timeoutMilliseconds = timeoutMilliseconds
    self.capabilities = capabilities
  }

  /// Reads and decodes the file at `path`.
  package static func load(path: String) throws(SUTDescriptionError) -> SUTDescription {
    let bytes: [UInt8]
    switch readFile(path) {
    case .success(let contents): bytes = contents
    case .failure(let reason):
      throw SUTDescriptionError(.unreadable(reason: reason.text), file: path)
    }
    return try decode(bytes, file: path)
  }

  /// Decodes the contents of a description; `file` is the name errors give.
  package static func decode(
    _ bytes: [UInt8], file: String
  ) throws(SUTDescriptionError) -> SUTDescription {
    let root: JSONValue
    do {
      root = try JSONReader.parse(bytes)
    } catch {
      throw SUTDescriptionError(.syntax(error), file: file, bytes: bytes, offset: error.offset)
    }
    return try SUTFileReader(file: file, bytes: bytes).description(from: root)
  }

  /// The operating system's reason a file could not be read.
  private struct ReadFailure: Error {
    var text: String
  }

  /// The whole file, read with POSIX calls so that a failure comes with `strerror`'s reason.
  private static func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      return .failure(ReadFailure(text: String(cString: strerror(errno))))
    }
    defer { close(descriptor) }
    var contents: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        contents.append(contentsOf: buffer[..<count])
      } else if count == 0 {
        return .success(contents)
      } else if errno != EINTR {
        return .failure(ReadFailure(text: String(cString: strerror(errno))))
      }
    }
  }
}
