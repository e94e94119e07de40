import Conformance
import ReferenceModel
import IAMModel
import SigV4Crypto
import Testing

/// XML, HTTP framing, the simulator's authentication and the IAM scenario syntax.
@Suite struct IAMWireTests {
  @Test func xmlReadsMotoAndAWSEnvelopes() throws {
    let moto = """
      <?xml version="1.0" encoding="utf-8"?>
      <ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: a &amp; b</Message>\
      <Type>Sender</Type></Error></Errors></ErrorResponse>
      """
    let root = try XMLReader.parse(Array(moto.utf8))
    #expect(root.first("Error")?.value("Code") == "AccessDenied")
    #expect(root.first("Error")?.value("Message") == "User: a & b")
    let aws = "<a:GetUserResponse xmlns:a='x'><![CDATA[<&>]]><b/>&#65;&#x42;</a:GetUserResponse>"
    let parsed = try XMLReader.parse(Array(aws.utf8))
    #expect(parsed.name == "GetUserResponse" && parsed.text == "<&>AB")
  }

  @Test(arguments: [
    ("<!doctype html><html>", "a document type declaration (is this HTML?) at byte 0"),
    ("<a><b></a>", "</a> closes <b> at byte"),
    ("<a>&nbsp;</a>", "unknown entity '&nbsp;'"),
    ("<a x=1></a>", "an attribute value must be quoted"),
    ("<a></a><b/>", "content after the root element"),
    ("", "no root element at byte 0"),
  ])
  func xmlErrorsSayWhereAndWhy(_ text: String, _ message: String) {
    #expect(throws: XMLReadError.self) { try XMLReader.parse(Array(text.utf8)) }
    do {
      _ = try XMLReader.parse(Array(text.utf8))
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }

  @Test func httpParserWaitsForTheWholeBody() {
    let bytes = Array("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nA=b".utf8)
    guard case .incomplete = HTTPParser.request(bytes) else {
      Issue.record("a partial body must be incomplete")
      return
    }
    guard case .complete(let request) = HTTPParser.request(bytes + Array("&c".utf8)) else {
      Issue.record("the full body must complete")
      return
    }
    #expect(request.header("host") == "h" && request.body == Array("A=b&c".utf8))
    guard case .malformed(let reason) = HTTPParser.response(Array("HTTP/1.1 200".utf8), atEnd: true)
    else {
      Issue.record("a cut status line is malformed at the end")
      return
    }
    #expect(reason.contains("closed the connection"))
  }

  @Test func theSimulatorAuthenticatesEveryRequest() throws {
    let root = IAMSimulator.defaultRoot
    let simulator = IAMSimulator(root: root, region: "us-east-1", digests: .swiftCrypto)
    let signer = SigV4(digests: .swiftCrypto, region: "us-east-1")
    let request = IAMWire.request(action: "GetAccountPasswordPolicy", [], host: "127.0.0.1:1")
    func code(_ response: HTTPResponse) throws -> String? {
      try XMLReader.parse(response.body).first("Code")?.text
    }
    #expect(try code(simulator.handle(request)) == "MissingAuthenticationToken")
    let wrongKey = signer.sign(
      request, accessKeyID: "AKIAOTHER", secret: "x", amzDate: "20260101T000000Z")
    #expect(try code(simulator.handle(wrongKey)) == "InvalidClientTokenId")
    let wrongSecret = signer.sign(
      request, accessKeyID: root.accessKeyID, secret: "x", amzDate: "20260101T000000Z")
    #expect(try code(simulator.handle(wrongSecret)) == "SignatureDoesNotMatch")
    let good = signer.sign(
      request, accessKeyID: root.accessKeyID, secret: root.secretAccessKey,
      amzDate: "20260101T000000Z")
    let reply = simulator.handle(good)
    let replyCode = try code(reply)
    #expect(reply.status == 404 && replyCode == "NoSuchEntity")
    let unknown = signer.sign(
      IAMWire.request(action: "ListUsers", [], host: "h"), accessKeyID: root.accessKeyID,
      secret: root.secretAccessKey, amzDate: "20260101T000000Z")
    #expect(try code(simulator.handle(unknown)) == "InvalidAction")
  }

  @Test(arguments: [
    ("[alice] ChangePassword OldPassword=x", 7, 2, "no access key yet"),
    ("[admin] ListUsers", 7, 9, "unknown action 'ListUsers'"),
    ("[admin] CreateUser UserName=a Colour=red", 7, 31, "CreateUser takes no parameter 'Colour'"),
    ("[admin] CreateUser UserName=\"a", 7, 29, "unterminated quoted value"),
    (
      "[admin] CreateUser UserName=a\n  => error IAM-NOPE-001 X", 8, 12,
      "unknown rule 'IAM-NOPE-001'"
    ),
    ("[admin] CreateUser UserName=a\n  => maybe", 8, 6, "expected '=> ok RULE'"),
    ("[a b] GetUser", 7, 2, "a caller is an IAM user name"),
  ])
  func scenarioErrorsNameLineAndColumn(
    _ body: String, _ line: Int, _ column: Int, _ message: String
  ) {
    let text =
      "# id: iam/x\n# description: d\n# rules: IAM-CHPW-001\n# spec: s\n# profile: iam\n\n"
      + body + "\n"
    do {
      _ = try IAMScenarioParser.parse(Array(text.utf8), path: "iam/x.scenario")
      Issue.record("accepted: \(body)")
    } catch {
      #expect(error.message.contains(message), "\(error.rendered)")
      #expect((error.line, error.column) == (line, column), "\(error.rendered)")
    }
  }

  @Test func scenarioValuesRoundTrip() throws {
    let step = IAMScenario.Step(
      caller: "admin", action: .createLoginProfile,
      parameters: [.init("UserName", "a"), .init("Password", "has space \"q\" \u{E9}")])
    let scenario = IAMScenario(
      id: "iam/x", path: "iam/x.scenario", description: "d", rules: ["IAM-ADMIN-002"], spec: "s",
      steps: [step])
    let text = IAMScenarioWriter.render(scenario)
    let parsed = try IAMScenarioParser.parse(Array(text.utf8), path: "iam/x.scenario")
    #expect(parsed.steps.first?.parameters == step.parameters)
    #expect(IAMScenarioWriter.render(parsed) == text)
  }
}
