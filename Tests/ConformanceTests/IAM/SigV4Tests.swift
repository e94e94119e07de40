import Conformance
import Foundation
import SigV4Crypto
import Testing

/// The SigV4 signer against AWS's published Signature Version 4 test suite (the `aws4_testsuite`
/// vectors: credentials `AKIDEXAMPLE`, 2015-08-30T12:36:00Z, us-east-1, service `service`), the
/// signing-key example of the IAM user guide, and botocore when it is installed.
@Suite struct SigV4Tests {
  static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
  static let amzDate = "20150830T123600Z"
  static let suite = SigV4(digests: .swiftCrypto, region: "us-east-1", service: "service")

  /// (name, method, target, headers, body, signature) from the test suite's `.req`/`.authz`.
  static let vectors: [(String, String, String, [HTTPHeader], String, String)] = [
    (
      "get-vanilla", "GET", "/", [], "",
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    ),
    (
      "post-vanilla", "POST", "/", [], "",
      "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
    ),
    (
      "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], "",
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
    ),
    (
      "get-vanilla-query-unreserved", "GET",
      "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
        + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [], "",
      "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"
    ),
    (
      "post-header-key-sort", "POST", "/", [HTTPHeader("My-Header1", "value1")], "",
      "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"
    ),
    (
      "get-header-value-trim", "GET", "/",
      [HTTPHeader("My-Header1", "value1"), HTTPHeader("My-Header2", "\"a   b   c\"")], "",
      "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
    ),
    (
      "post-x-www-form-urlencoded", "POST", "/",
      [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")], "Param1=value1",
      "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
    ),
    (
      "post-x-www-form-urlencoded-parameters", "POST", "/",
      [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf8")],
      "Param1=value1", "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"
    ),
  ]

  @Test(arguments: vectors.indices) func awsTestSuiteVector(_ index: Int) {
    let (name, method, target, extra, body, expected) = Self.vectors[index]
    let request = HTTPRequest(
      method: method, target: target,
      headers: [HTTPHeader("Host", "example.amazonaws.com")] + extra, body: Array(body.utf8))
    let names = (["host", "x-amz-date"] + extra.map { $0.name.lowercased() }).sorted()
    let signed = Self.suite.sign(
      request, accessKeyID: "AKIDEXAMPLE", secret: Self.secret, amzDate: Self.amzDate,
      signedHeaders: names)
    let authorization = signed.header("Authorization") ?? ""
    #expect(
      authorization
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(expected)", "\(name)")
  }

  @Test func canonicalRequestOfTheFormVector() {
    let request = HTTPRequest(
      method: "POST", target: "/",
      headers: [
        HTTPHeader("Content-Type", "application/x-www-form-urlencoded"),
        HTTPHeader("Host", "example.amazonaws.com"), HTTPHeader("X-Amz-Date", Self.amzDate),
      ], body: Array("Param1=value1".utf8))
    let canonical = Self.suite.canonicalRequest(
      request, signedHeaders: ["content-type", "host", "x-amz-date"])
    #expect(
      canonical == """
        POST
        /

        content-type:application/x-www-form-urlencoded
        host:example.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e
        """)
    #expect(
      Self.suite.stringToSign(amzDate: Self.amzDate, canonicalRequest: canonical) == """
        AWS4-HMAC-SHA256
        20150830T123600Z
        20150830/us-east-1/service/aws4_request
        42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281
        """)
  }

  /// The IAM user guide's "derive a signing key" example.
  @Test func signingKeyExample() {
    let iam = SigV4(digests: .swiftCrypto, region: "us-east-1", service: "iam")
    #expect(
      FormEncoding.lowerHex(iam.signingKey(secret: Self.secret, date: "20120215"))
        == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
  }

  @Test func verificationAcceptsItsOwnSignatureAndRefusesTampering() throws {
    let iam = SigV4(digests: .swiftCrypto, region: "us-east-1")
    let request = IAMWire.request(
      action: "ChangePassword", [("OldPassword", "a!"), ("NewPassword", "b c")], host: "127.0.0.1:9"
    )
    let signed = iam.sign(request, accessKeyID: "AKIA1", secret: "s3cret", amzDate: Self.amzDate)
    let secrets = ["AKIA1": "s3cret"]
    #expect(try iam.verify(signed) { secrets[$0] }.get() == "AKIA1")
    var tampered = signed
    tampered.body += Array("&x=1".utf8)
    #expect(iam.verify(tampered) { secrets[$0] } == .failure(.mismatch))
    #expect(iam.verify(signed) { _ in nil } == .failure(.unknownKey("AKIA1")))
    #expect(iam.verify(request) { secrets[$0] } == .failure(.missing))
  }

  @Test func formEncodingKeepsOnlyUnreservedCharacters() {
    #expect(FormEncoding.encode("Old-Passw0rd!") == "Old-Passw0rd%21")
    #expect(FormEncoding.encode("a b~é") == "a%20b~%C3%A9")
    let pairs = FormEncoding.decode("A=1&B=x+y%21&C=") ?? []
    #expect(pairs.map(\.0) == ["A", "B", "C"] && pairs.map(\.1) == ["1", "x y!", ""])
    #expect(FormEncoding.decode("A=%G1") == nil)
  }

  /// botocore's own SigV4Auth signs the same request with the same clock: same signature.
  @Test(.enabled(if: Self.botocoreAvailable)) func botocoreSignsTheSame() throws {
    let script = """
      import botocore.auth, botocore.awsrequest, botocore.credentials, datetime, unittest.mock as m
      req = botocore.awsrequest.AWSRequest(method="POST", url="http://127.0.0.1:5051/",
        data="Action=ChangePassword&Version=2010-05-08&OldPassword=Old-Passw0rd%21&NewPassword=N%20w",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
      creds = botocore.credentials.Credentials("AKIDEXAMPLE", "\(Self.secret)")
      with m.patch.object(botocore.auth, "get_current_datetime",
                          return_value=datetime.datetime(2015, 8, 30, 12, 36, 0)):
          botocore.auth.SigV4Auth(creds, "iam", "us-east-1").add_auth(req)
      print(req.headers["Authorization"])
      """
    let output = try Self.python(script)
    let iam = SigV4(digests: .swiftCrypto, region: "us-east-1")
    let request = HTTPRequest(
      method: "POST", target: "/",
      headers: [
        HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        HTTPHeader("Host", "127.0.0.1:5051"),
      ],
      body: Array(
        "Action=ChangePassword&Version=2010-05-08&OldPassword=Old-Passw0rd%21&NewPassword=N%20w"
          .utf8))
    let signed = iam.sign(
      request, accessKeyID: "AKIDEXAMPLE", secret: Self.secret, amzDate: Self.amzDate)
    #expect(
      output.trimmingCharacters(in: .whitespacesAndNewlines) == signed.header("Authorization"))
  }

  static let botocoreAvailable: Bool = (try? python("import botocore")) != nil

  static func python(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
  }
}
