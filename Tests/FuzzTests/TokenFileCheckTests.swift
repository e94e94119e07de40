// The TokenFile fuzz target's pure check, in the plain test build: it holds on the seeds and on
// mutations of them, and it fails when a witness it checks is broken (a writer that loses a
// token, a verifier that accepts everything or looks at part of a signature).
// Spec: issue #7 ("token file: never traps; an accepted token file written back reads the
// same; a token whose bytes or signature were changed never verifies"); house-style.md §6.
import Conformance
import Foundation
import PropertyBased
import ReferenceModel
import Testing

@Suite struct TokenFileCheckTests {
  static func seed(_ name: String) throws -> [UInt8] {
    Array(try CorpusReplayTests.bytes("TokenFile", name))
  }

  static func kinds(_ bytes: [UInt8], verifier: SignatureVerifier = .symbolic) -> [String] {
    bytes.withUnsafeBytes { checkTokenFile($0, verifier: verifier) }.map(\.kind)
  }

  static let seeds = CorpusReplayTests.files("TokenFile").filter { !$0.hasPrefix("fixed-") }

  /// `bad-…` seeds are rejected and the others accepted, so both paths have seeds.
  @Test(arguments: seeds) func seedIsReadAsItsNameSays(_ name: String) throws {
    let bytes = try Self.seed(name)
    if name.hasPrefix("bad-") {
      #expect(throws: TokenFileReadError.self) { try TokenFileReader.read(bytes, file: name) }
    } else {
      #expect(throws: Never.self) { try TokenFileReader.read(bytes, file: name) }
    }
  }

  @Test func mutatedSeedsKeepEveryProperty() async throws {
    let seeds = try Self.seeds.map(Self.seed)
    await propertyCheck(
      count: 300, input: Gen.int(in: 0...(seeds.count - 1)), Gen.int(in: 0...4095), Gen.uint8(),
      Gen.bool
    ) { choice, offset, byte, insert in
      var bytes = seeds[choice]
      let at = offset % (bytes.count + 1)
      if insert || at == bytes.count { bytes.insert(byte, at: at) } else { bytes[at] = byte }
      let found = Self.kinds(bytes)
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  @Test func randomBytesKeepEveryProperty() async {
    await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...64)) { bytes in
      let found = Self.kinds(bytes)
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  @Test func writerThatLosesATokenIsCaught() throws {
    let lossy: (TokenFile) -> [UInt8] = { file in
      guard case .mfa(var mfa) = file, mfa.tokens.count > 1 else {
        return TokenFileReader.write(file)
      }
      mfa.tokens.removeLast()
      return TokenFileReader.write(.mfa(mfa))
    }
    let found = try Self.seed("mfa-unsigned-three-hsms").withUnsafeBytes {
      checkTokenFile($0, write: lossy)
    }
    #expect(found.map(\.kind).contains("round-trip"), "\(found)")
  }

  @Test func verifierThatRefusesEverythingIsCaught() throws {
    let found = Self.kinds(try Self.seed("quorum-token-documented"), verifier: .refusing)
    #expect(found == ["signed-file-does-not-verify"])
  }

  /// A changed digest or signature byte of a login token (no approval data) is caught by the
  /// verifier alone; this one accepts every signature of the right length.
  @Test(arguments: ["mfa-unsigned-three-hsms", "mfa-signed-symbolic"])
  func verifierThatAcceptsEverythingIsCaught(_ name: String) throws {
    let lax = SignatureVerifier { signature, _, _ in signature.count == 256 }
    #expect(Self.kinds(try Self.seed(name), verifier: lax) == ["changed-file-verifies"])
  }

  /// A verifier that compares only a signature's first 32 bytes is caught whenever the input
  /// picks one of the other 224 bytes of a signature: within 40 variants of one file.
  @Test func verifierThatReadsPartOfTheSignatureIsCaught() throws {
    let partial = SignatureVerifier { signature, digest, key in
      let head = Array(signature.prefix(32))
      return SignatureVerifier.symbolic.verify(
        Array((0..<8).map { _ in head }.joined()), digest, key)
    }
    let file = try Self.seed("quorum-token-two-approvals")
    var caught = 0
    for spaces in 0..<40 {
      let variant = file + Array(repeating: UInt8(ascii: " "), count: spaces)
      #expect(Self.kinds(variant).isEmpty)
      if Self.kinds(variant, verifier: partial) == ["changed-file-verifies"] { caught += 1 }
    }
    #expect(caught > 0)
  }

  /// Every protected byte matters: each single change, of every byte of a registration and a
  /// quorum token, stops the signed copy from verifying (what "never verifies" rests on).
  @Test(arguments: ["registration-token-unsigned", "quorum-token-two-approvals"])
  func everyProtectedByteChangeStopsVerifying(_ name: String) throws {
    let file = try TokenFileReader.read(try Self.seed(name), file: name)
    let (signed, keys) = try TokenFileCheck.signedCopy(of: file).get()
    #expect(TokenFileCheck.verifies(signed, keys: keys, verifier: .symbolic))
    let count = TokenFileCheck.protectedByteCount(signed)
    for position in 0..<count {
      let changed = try #require(TokenFileCheck.changing(signed, byte: position, by: 0x01))
      #expect(
        !TokenFileCheck.verifies(changed.file, keys: keys, verifier: .symbolic), "\(changed.field)")
    }
    #expect(TokenFileCheck.changing(signed, byte: count, by: 0x01) == nil)
  }

  @Test(arguments: [
    ("", 1, 1, true), ("", 1, 2, false), ("", 2, 1, false), ("ab\ncd", 1, 3, true),
    ("ab\ncd", 1, 4, false), ("ab\ncd", 2, 3, true), ("ab\ncd", 3, 1, false),
    ("ab\n", 2, 1, true), ("é\n", 1, 2, true), ("é\n", 1, 3, false), ("x", 0, 1, false),
  ])
  func positionsAreInsideTheFile(_ text: String, _ line: Int, _ column: Int, _ inside: Bool) {
    #expect(TokenFileCheck.isInside(line: line, column: column, of: Array(text.utf8)) == inside)
  }
}
