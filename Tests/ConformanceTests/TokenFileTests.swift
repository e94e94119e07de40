// Token files: the json-c reader with positions, the typed validation, and RSA signatures.
// Spec: issue #6 acceptance ("malformed JSON, wrong types, missing fields, huge numbers, bad
// base64, truncated files and a non-UTF-8 file: each gives a typed error with its position";
// "A signature check that accepts a tampered token is caught by a test"); spec-digest §3.
import Conformance
import Foundation
import ReferenceModel
import Testing
import TokenSigning

@Suite struct TokenFileTests {
  static let folder = TestPaths.fixtures + "/tokens"
  static func text(_ name: String) throws -> String {
    try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
  }

  static let digest32 = Base64.encode(Array(repeating: 7, count: 32))
  static let unsignedFile = """
    {
      "version": "2.0",
      "tokens": [
        {"unsigned": "\(digest32)", "signed": ""},
        {"approval_data": "AAEC", "unsigned": "\(digest32)", "signed": ""}
      ]
    }
    """

  static func read(_ text: String) throws(TokenFileReadError) -> TokenFile {
    try TokenFileReader.read(Array(text.utf8), file: "t.json")
  }

  @Test func readsAnUnsignedFileAndWritesItBack() throws {
    let file = try Self.read(Self.unsignedFile)
    guard case .mfa(let tokens) = file else {
      Issue.record("not an MFA file")
      return
    }
    #expect(tokens.tokens.count == 2 && tokens.tokens[1].approvalData == [0, 1, 2])
    let again = try TokenFileReader.read(TokenFileReader.write(file), file: "again.json")
    #expect(again == file)
  }

  @Test func readsAQuorumToken() throws {
    let signature = Base64.encode(Array(repeating: 1, count: 256))
    let file = try Self.read(
      """
      {"version": "2.0", "approval_data": "AAEAAw==", "token": "\(Self.digest32)",
       "signatures": [{"username": "admin2", "signature": "\(signature)"}]}
      """)
    guard case .quorum(let token) = file else {
      Issue.record("not a quorum file")
      return
    }
    #expect(token.signatures.map(\.username) == ["admin2"])
  }

  @Test(arguments: [
    ("{\"version\": \"2.0\", \"tokens\": [", 1, 31, "unexpected end"),
    (
      "{\"version\": \"2.0\",\n \"tokens\": [{\"unsigned\": 5, \"signed\": \"\"}]}", 2, 26,
      "tokens[0].unsigned: expected a string"
    ),
    (
      "{\"version\": \"2.0\",\n \"tokens\": [{\"signed\": \"\"}]}", 2, 13,
      "tokens[0]: 'unsigned' is missing"
    ),
    ("{\"version\": \"1.0\", \"tokens\": []}", 1, 13, "version: version '1.0' is not supported"),
    ("{\"version\": \"2.0\", \"tokens\": []}", 1, 30, "'tokens' is empty"),
    (
      "{\"version\": \"2.0\", \"tokens\": [{\"unsigned\": \"AA==\", \"signed\": \"\"}]}", 1, 44,
      "decodes to 1 bytes, expected 32"
    ),
    (
      "{\"version\": \"2.0\", \"tokens\": [{\"unsigned\": \"A*==\", \"signed\": \"\"}]}", 1, 44,
      "not Base64 at character 2"
    ),
    (
      "{\"version\": \"2.0\", \"tokens\": [{\"unsigned\": \"AB==\", \"signed\": \"\"}]}", 1, 44,
      "non-canonical"
    ),
    ("{\"version\": \"2.0\", \"tokens\": [], \"extra\": 1}", 1, 34, "unknown key 'extra'"),
    ("{\"version\": 99999999999999999999999, \"tokens\": []}", 1, 13, "out of range"),
    ("[1, 2]", 1, 1, "a token file is a JSON object"),
    ("", 1, 1, "no JSON value"),
  ])
  func badFilesGiveTypedErrorsWithPositions(
    _ text: String, _ line: Int, _ column: Int, _ message: String
  ) {
    do {
      _ = try Self.read(text)
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.line == line && error.column == column, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("t.json:\(line):\(column): error: "))
    }
  }

  @Test func nonUTF8FileIsATypedError() {
    let bytes = Array("{\"version\": \"2.".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
    do {
      _ = try TokenFileReader.read(bytes, file: "latin1.json")
      Issue.record("accepted invalid UTF-8")
    } catch {
      guard case .syntax(let inner) = error.kind else {
        Issue.record("\(error)")
        return
      }
      #expect(inner.kind == .invalidUTF8)
      #expect(error.line == 1 && error.column == 16, "\(error)")
    }
  }

  @Test func duplicateApproverIsRefused() {
    let signature = Base64.encode(Array(repeating: 1, count: 256))
    let entry = "{\"username\": \"Admin2\", \"signature\": \"\(signature)\"}"
    do {
      _ = try Self.read(
        "{\"version\": \"2.0\", \"approval_data\": \"AA==\", \"token\": \"\(Self.digest32)\", "
          + "\"signatures\": [\(entry), \(entry.replacingOccurrences(of: "Admin2", with: "admin2"))]}"
      )
      Issue.record("accepted a duplicate approver")
    } catch {
      #expect(error.message.contains("approver 'admin2' signs more than once"), "\(error)")
    }
  }

  @Test func opensslSignedTokensVerifyAndTamperedOnesDoNot() throws {
    let file = try TokenFileReader.read(
      Array(try Self.text("openssl-signed.json").utf8), file: "openssl-signed.json")
    guard case .mfa(let tokens) = file else {
      Issue.record("not an MFA file")
      return
    }
    let alice = try Self.text("alice-test-key.pub.pem")
    let bob = try Self.text("bob-test-key.pub.pem")
    let verifier = RSASignatureVerifier.verifier
    #expect(verifier.allSigned(tokens, publicKeyPEM: alice))
    #expect(!verifier.allSigned(tokens, publicKeyPEM: bob), "a wrong key must not verify")
    for index in tokens.tokens.indices {
      var tampered = tokens
      tampered.tokens[index].unsigned[5] ^= 0x01
      #expect(!verifier.allSigned(tampered, publicKeyPEM: alice), "tampered unsigned \(index)")
      var forged = tokens
      forged.tokens[index].signed[100] ^= 0x80
      #expect(!verifier.allSigned(forged, publicKeyPEM: alice), "tampered signature \(index)")
    }
    var swapped = tokens
    swapped.tokens.swapAt(0, 1)
    swapped.tokens[0].unsigned = tokens.tokens[0].unsigned
    #expect(!verifier.allSigned(swapped, publicKeyPEM: alice), "a signature of another token")
  }

  @Test func harnessSignaturesMatchOpenSSLs() throws {
    let file = try TokenFileReader.read(
      Array(try Self.text("openssl-signed.json").utf8), file: "openssl-signed.json")
    guard case .mfa(let tokens) = file else {
      Issue.record("not an MFA file")
      return
    }
    let key = try Self.text("alice-test-key.pem")
    for token in tokens.tokens {
      // PKCS #1 v1.5 is deterministic: the harness's signature equals OpenSSL's.
      #expect(RSASignatureVerifier.sign(digest: token.unsigned, privateKeyPEM: key) == token.signed)
    }
    #expect(RSASignatureVerifier.sign(digest: [1, 2, 3], privateKeyPEM: key) == nil)
    #expect(
      !RSASignatureVerifier.isValid(
        signature: [], digest: tokens.tokens[0].unsigned, publicKeyPEM: "not a key"))
  }

  @Test func base64RoundTripsAndRefusesNoise() {
    for length in 0..<40 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      let decoded = try? Base64.decode(Base64.encode(bytes)).get()
      #expect(decoded == bytes)
    }
    for bad in ["A", "AB=", "A===", "AB=C", "ab c", "AB\n==", "=AAA"] {
      if case .success = Base64.decode(bad) { Issue.record("accepted '\(bad)'") }
    }
  }
}
