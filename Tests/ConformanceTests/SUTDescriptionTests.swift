import Conformance
import Foundation
import Testing

/// `SUTDescription`: the fixtures under `Fixtures/sut/`, one valid file per profile and one
/// broken file per kind of error, with each error's rendered text.
@Suite struct SUTDescriptionTests {
  /// The path of fixture `name` in `Fixtures/sut/`.
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/sut/\(name)").path
  }

  @Test func loadsTheContractsCloudHSMExample() throws {
    let description = try SUTDescription.load(path: Self.fixture("valid-cloudhsm-cli.json"))
    let cli = SUTDescription.CLI(
      session: ["./bin/example-cli", "interactive", "--cluster", "{cluster}"],
      setup: ["./bin/example-admin", "new-cluster", "{cluster}"],
      environment: ["EXAMPLE_LOG": "warn", "EXAMPLE_HOME": "{workdir}"])
    #expect(
      description
        == SUTDescription(
          name: "example-hsm 1.4.2", profile: .cloudhsmCLI(cli), timeoutMilliseconds: 5000,
          capabilities: ["mfa-token-sign", "quorum", "not-yet-known"]))
    #expect(description.profile.name == "cloudhsm-cli")
  }

  @Test func optionalKeysTakeTheirDefaults() throws {
    let description = try SUTDescription.load(path: Self.fixture("valid-cloudhsm-cli-minimal.json"))
    #expect(
      description
        == SUTDescription(name: "minimal", profile: .cloudhsmCLI(.init(session: ["./cli"]))))
    #expect(description.timeoutMilliseconds == 5000)
    #expect(description.capabilities.isEmpty)
  }

  @Test func loadsTheContractsIAMExample() throws {
    let description = try SUTDescription.load(path: Self.fixture("valid-iam.json"))
    let iam = SUTDescription.IAM(
      endpoint: "http://127.0.0.1:5000", region: "us-east-1",
      admin: .init(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG"))
    #expect(
      description
        == SUTDescription(name: "moto 5.2.1", profile: .iam(iam), timeoutMilliseconds: 2500))
    #expect(description.profile.name == "iam")
  }

  /// The optional `root` key (issue #8: scenarios that call as `[root]` need it).
  @Test func iamRootKeyIsOptionalAndChecked() throws {
    let text = #"""
      {"name": "n", "profile": "iam", "endpoint": "http://127.0.0.1:1", "region": "us-east-1",
       "admin": {"access_key_id": "A", "secret_access_key": "s"},
       "root": {"access_key_id": "R", "secret_access_key": "t"}}
      """#
    let description = try SUTDescription.decode(Array(text.utf8), file: "r.json")
    guard case .iam(let iam) = description.profile else {
      Issue.record("not iam")
      return
    }
    #expect(iam.root == .init(accessKeyID: "R", secretAccessKey: "t"))
    let bad = text.replacingOccurrences(of: #""secret_access_key": "t""#, with: #""x": 1"#)
    #expect(throws: SUTDescriptionError.self) {
      try SUTDescription.decode(Array(bad.utf8), file: "r.json")
    }
  }

  /// (fixture, line:column, message, source line, caret line)
  @Test(arguments: [
    (
      "syntax-error.json", "4:3", "invalid JSON: object value separator ',' expected",
      #"  "session": ["./bin/example-cli"]"#, "  ^"
    ),
    (
      "not-an-object.json", "1:1", "a SUT description must be a JSON object, found an array",
      #"["./bin/example-cli", "interactive"]"#, "^"
    ),
    (
      "unknown-key.json", "4:3",
      #"unknown key "sesion"; expected one of: "#
        + "name, profile, session, setup, timeout_ms, capabilities, env",
      #"  "sesion": ["./bin/example-cli"]"#, "  ^"
    ),
    (
      "unknown-key-for-profile.json", "7:3",
      #"unknown key "session"; expected one of: "#
        + "name, profile, endpoint, region, admin, root, timeout_ms, capabilities",
      #"  "session": ["./cli"]"#, "  ^"
    ),
    (
      "unknown-admin-key.json", "6:38",
      #"unknown key "admin.secret_key"; expected one of: access_key_id, secret_access_key"#,
      #"  "admin": {"access_key_id": "AKIA", "secret_key": "s3cret"}"#,
      String(repeating: " ", count: 37) + "^"
    ),
    (
      "wrong-type-timeout.json", "5:17", #""timeout_ms" must be an integer, found a string"#,
      #"  "timeout_ms": "5s""#, String(repeating: " ", count: 16) + "^"
    ),
    (
      "wrong-type-session.json", "1:65", #""session" must be an array of strings, found a string"#,
      #"{"name": "ünïcode-hsm 😀", "profile": "cloudhsm-cli", "session": "./cli"}"#,
      String(repeating: " ", count: 64) + "^"
    ),
    (
      "wrong-type-session-element.json", "4:49",
      #""session[2]" must be a string, found an integer"#,
      #"  "session": ["./bin/example-cli", "--retries", 3]"#,
      String(repeating: " ", count: 48) + "^"
    ),
    (
      "wrong-type-env-value.json", "5:50",
      #""env.EXAMPLE_DEBUG" must be a string, found a boolean"#,
      "\t\"env\": {\"EXAMPLE_LOG\": \"warn\", \"EXAMPLE_DEBUG\": true}",
      "\t" + String(repeating: " ", count: 48) + "^"
    ),
    ("missing-session.json", "1:1", #"missing required key "session""#, "{", "^"),
    (
      "missing-admin-secret.json", "6:12", #"missing required key "admin.secret_access_key""#,
      #"  "admin": {"#, String(repeating: " ", count: 11) + "^"
    ),
    (
      "bad-profile.json", "3:14",
      #"invalid profile "cloudhsm"; expected one of: "cloudhsm-cli", "iam""#,
      #"  "profile": "cloudhsm","#, String(repeating: " ", count: 13) + "^"
    ),
    (
      "empty-session.json", "4:14",
      #""session" must not be empty: its first element is the program to run"#,
      #"  "session": []"#, String(repeating: " ", count: 13) + "^"
    ),
    (
      "zero-timeout.json", "5:17",
      #""timeout_ms" must be a number of milliseconds from 1 to 86400000 (24 hours), found 0"#,
      #"  "timeout_ms": 0"#, String(repeating: " ", count: 16) + "^"
    ),
    // A deadline of this many milliseconds overflowed: the run trapped (exit 132).
    (
      "huge-timeout.json", "5:17",
      #""timeout_ms" must be a number of milliseconds from 1 to 86400000 (24 hours), "#
        + "found 9223372036854775807",
      #"  "timeout_ms": 9223372036854775807"#, String(repeating: " ", count: 16) + "^"
    ),
    (
      "nul-in-session.json", "4:36", #""session[1]" contains a NUL character"#,
      #"  "session": ["./bin/example-cli", "a\u0000b"]"#, String(repeating: " ", count: 35) + "^"
    ),
    (
      "bad-env-key.json", "5:18",
      #""env.A=B" is not a usable environment variable name (empty, or with '=' or NUL)"#,
      #"  "env": {"A=B": "1"}"#, String(repeating: " ", count: 17) + "^"
    ),
    (
      "bad-endpoint.json", "4:15", #""endpoint" only http://HOST:PORT is supported"#,
      #"  "endpoint": "https://127.0.0.1:5000","#, String(repeating: " ", count: 14) + "^"
    ),
  ])
  func brokenFilesAreRefusedWithTheirPlace(
    name: String, position: String, message: String, source: String, caret: String
  ) {
    let path = Self.fixture(name)
    let error = #expect(throws: SUTDescriptionError.self) {
      try SUTDescription.load(path: path)
    }
    #expect(error?.description == "\(path):\(position): error: \(message)\n\(source)\n\(caret)")
  }

  @Test(arguments: [
    ("does-not-exist.json", "No such file or directory"),
    ("", "Is a directory"),
  ])
  func unreadableFilesAreRefusedAtTheFirstLine(name: String, reason: String) {
    let path = Self.fixture(name)
    #expect(throws: SUTDescriptionError(.unreadable(reason: reason), file: path)) {
      try SUTDescription.load(path: path)
    }
    let error = SUTDescriptionError(.unreadable(reason: reason), file: path)
    #expect(error.description == "\(path):1:1: error: cannot read the SUT description: \(reason)")
  }

  /// (file contents, line:column, message): smaller cases, decoded from memory.
  @Test(arguments: [
    (#"{"profile": "iam"}"#, "1:1", #"missing required key "name""#),
    (#"{"name": "x"}"#, "1:1", #"missing required key "profile""#),
    (#"{"name": "x", "profile": 1}"#, "1:26", #""profile" must be a string, found an integer"#),
    (
      #"{"name": "x", "profile": "cloudhsm-cli", "session": ["c"], "setup": null}"#, "1:69",
      #""setup" must be an array of strings, found null"#
    ),
    (
      #"{"name": "x", "profile": "cloudhsm-cli", "session": ["c"], "setup": []}"#, "1:69",
      #""setup" must not be empty: its first element is the program to run"#
    ),
    (
      #"{"name": "x", "profile": "cloudhsm-cli", "session": ["c"], "timeout_ms": -5}"#, "1:74",
      #""timeout_ms" must be a number of milliseconds from 1 to 86400000 (24 hours), found -5"#
    ),
    (
      #"{"name": "x", "profile": "cloudhsm-cli", "session": ["c"], "timeout_ms": 5e3}"#, "1:74",
      #""timeout_ms" must be an integer, found a number"#
    ),
    (
      #"{"name": "x", "profile": "cloudhsm-cli", "session": ["c"], "env": []}"#, "1:67",
      #""env" must be an object, found an array"#
    ),
    (
      #"{"name":"x","profile":"iam","endpoint":"e","region":"r","admin":"k"}"#, "1:65",
      #""admin" must be an object, found a string"#
    ),
    (
      #"{"name": "x", "name": 2, "profile": "iam"}"#, "1:23",
      #""name" must be a string, found an integer"#
    ),
    (#"{"na\u006De": 1, "profile": "iam"}"#, "1:15", #""name" must be a string, found an integer"#),
    (
      "{\n  \"name\": \"x\",\n  \"profile\": \"iam\",\n", "4:1",
      "invalid JSON: unexpected end of data"
    ),
  ])
  func decodingErrorsArePlaced(text: String, position: String, message: String) {
    let error = #expect(throws: SUTDescriptionError.self) {
      try SUTDescription.decode(Array(text.utf8), file: "sut.json")
    }
    let heading = error?.description.split(separator: "\n", omittingEmptySubsequences: false).first
    #expect(heading == "sut.json:\(position): error: \(message)")
  }

  @Test func anErrorAtTheEndOfTheFileShowsAnEmptySourceLine() {
    let text = "{\n  \"name\": \"x\",\n"
    let error = #expect(throws: SUTDescriptionError.self) {
      try SUTDescription.decode(Array(text.utf8), file: "sut.json")
    }
    #expect(error?.description == "sut.json:3:1: error: invalid JSON: unexpected end of data\n\n^")
  }
}
