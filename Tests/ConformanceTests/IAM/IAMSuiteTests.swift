import Conformance
import Foundation
import ReferenceModel
import SigV4Crypto
import Testing

/// The IAM suite against the model in process and against the bundled simulator over HTTP;
/// misbehaving endpoints give `error` verdicts, never crashes.
@Suite struct IAMSuiteTests {
  static let catalog = ScenarioCatalog.load(root: TestPaths.suite)
  static let root = IAMSimulator.defaultRoot

  @Test func everyIAMScenarioIsValidAndPinned() {
    #expect(Self.catalog.errors.isEmpty, "\(Self.catalog.errors.map(\.rendered))")
    #expect(Self.catalog.iamScenarios.count >= 30)
    for scenario in Self.catalog.iamScenarios {
      #expect(IAMScenarioWriter.stale(scenario).isEmpty, "\(scenario.id) is stale")
      #expect(scenario.id.hasPrefix("iam/"))
    }
  }

  @Test func everyIAMRuleHasAScenario() {
    let coverage = RuleCatalogueReport.coverage(of: Self.catalog, rules: RuleCatalogue.iamRules)
    #expect(coverage.count >= 30)
    #expect(coverage.filter(\.scenarios.isEmpty).isEmpty)
  }

  @Test func theModelPassesTheIAMSuite() {
    let results = IAMRunner(sut: IAMModelSUT()).run(Self.catalog.iamScenarios)
    #expect(results.count == Self.catalog.iamScenarios.count)
    for result in results { #expect(result.verdict == .pass, "\(result.scenario): \(result)") }
  }

  /// Acceptance: the bundled simulator passes every IAM scenario over real HTTP.
  @Test func theBundledSimulatorPassesTheIAMSuiteOverHTTP() throws {
    let simulator = IAMSimulator(root: Self.root, region: "us-east-1", digests: .swiftCrypto)
    let server = try HTTPServer(port: 0) { simulator.handle($0) }
    server.start()
    defer { server.stop() }
    let sut = try Self.sut(port: server.port, root: Self.root)
    let results = IAMRunner(sut: sut).run(Self.catalog.iamScenarios)
    #expect(results.count == Self.catalog.iamScenarios.count)
    for result in results {
      #expect(
        result.verdict == .pass, "\(result.scenario): \(result.verdict) \(result.divergences)")
    }
  }

  static func sut(port: UInt16, root: SUTDescription.Credentials?, timeout: Int = 5000) throws
    -> IAMHTTPSUT
  {
    try IAMHTTPSUT(
      name: "test",
      iam: .init(
        endpoint: "http://127.0.0.1:\(port)", region: "us-east-1", admin: Self.root, root: root),
      timeoutMilliseconds: timeout, capabilities: [], digests: .swiftCrypto)
  }

  static let changeScenario = catalog.iamScenarios.first {
    $0.id == "iam/change-password/succeeds-with-wildcard-policy"
  }

  /// A simulator whose ChangePassword replies are replaced by `reply` (after `delay` seconds).
  static func verdict(
    reply: HTTPResponse, delay: Double = 0, timeout: Int = 5000
  ) throws -> Verdict {
    let simulator = IAMSimulator(root: Self.root, region: "us-east-1", digests: .swiftCrypto)
    let server = try HTTPServer(port: 0) { request in
      guard String(decoding: request.body, as: UTF8.self).contains("Action=ChangePassword") else {
        return simulator.handle(request)
      }
      if delay > 0 { Thread.sleep(forTimeInterval: delay) }
      return reply
    }
    server.start()
    defer { server.stop() }
    let scenario = try #require(changeScenario)
    return IAMRunner(sut: try sut(port: server.port, root: nil, timeout: timeout))
      .runCase(scenario).verdict
  }

  static let html500 = HTTPResponse(
    status: 500, headers: [HTTPHeader("Content-Type", "text/html; charset=utf-8")],
    body: Array(
      "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n".utf8))

  @Test(arguments: [
    ("html-500", html500, "HTTP 500 (text/html; charset=utf-8), not an IAM reply"),
    (
      "bad-xml",
      HTTPResponse(status: 200, body: Array("<ChangePasswordResponse><Respo".utf8)),
      "HTTP 200 (no Content-Type), not an IAM reply: the body is not XML"
    ),
    (
      "wrong-shape",
      HTTPResponse(status: 200, body: Array("<GetUserResponse/>".utf8)),
      "<GetUserResponse> where <ChangePasswordResponse> was expected"
    ),
    (
      "error-without-code",
      HTTPResponse(status: 403, body: Array("<ErrorResponse><Error/></ErrorResponse>".utf8)),
      "an XML body with no Error/Code"
    ),
  ])
  func unjudgeableRepliesAreErrors(_ name: String, _ reply: HTTPResponse, _ message: String)
    throws
  {
    let verdict = try Self.verdict(reply: reply)
    guard case .error(let text) = verdict else {
      Issue.record("\(name): \(verdict)")
      return
    }
    #expect(text.contains(message), "\(name): \(text)")
    #expect(text.contains("[alice] ChangePassword"), "the message names the request: \(text)")
    #expect(text.contains("IAM-CHPW-002"), "the message names the rule: \(text)")
  }

  @Test func aSlowEndpointIsATimeout() throws {
    let verdict = try Self.verdict(reply: Self.html500, delay: 1.5, timeout: 300)
    guard case .error(let text) = verdict else {
      Issue.record("\(verdict)")
      return
    }
    #expect(text.contains("no complete reply within 300 ms"), "\(text)")
  }

  @Test func aRefusedConnectionIsAnError() throws {
    let server = try HTTPServer(port: 0) { _ in HTTPResponse(status: 200) }
    let port = server.port
    server.stop()
    server.run()  // returns at once: closes the listening socket
    let scenario = try #require(Self.changeScenario)
    let result = IAMRunner(sut: try Self.sut(port: port, root: nil)).runCase(scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("\(result.verdict)")
      return
    }
    #expect(text.contains("cannot connect: 127.0.0.1:\(port)"), "\(text)")
    #expect(text.contains("Connection refused"), "\(text)")
  }

  @Test func rootScenariosAreSkippedWithoutARootKey() throws {
    let scenario = try #require(
      Self.catalog.iamScenarios.first { $0.requires.contains(IAMHTTPSUT.rootCapability) })
    let result = IAMRunner(sut: try Self.sut(port: 9, root: nil)).runCase(scenario)
    #expect(
      result.verdict
        == .skipped(reason: "needs capability iam-root-credentials, which the SUT does not declare")
    )
  }

  /// A SUT that answers a different code is a `code` divergence on the code's rule.
  @Test func aDifferentCodeIsAttributedToTheCodeRule() throws {
    let scenario = try #require(
      Self.catalog.iamScenarios.first { $0.id == "iam/change-password/wrong-old-password" })
    let reply = HTTPResponse(
      status: 400,
      body: Array(
        "<ErrorResponse><Error><Code>InvalidUserType</Code><Message>m</Message></Error></ErrorResponse>"
          .utf8))
    let simulator = IAMSimulator(root: Self.root, region: "us-east-1", digests: .swiftCrypto)
    let server = try HTTPServer(port: 0) { request in
      String(decoding: request.body, as: UTF8.self).contains("Action=ChangePassword")
        ? reply : simulator.handle(request)
    }
    server.start()
    defer { server.stop() }
    let result = IAMRunner(sut: try Self.sut(port: server.port, root: nil)).runCase(scenario)
    let divergence = try #require(result.divergences.first)
    #expect(divergence.field == "code" && divergence.rule == "IAM-CHPW-005")
    #expect(divergence.unspecified, "IAM-CHPW-005 is inferred")
    #expect(result.verdict == .pass)
  }
}
