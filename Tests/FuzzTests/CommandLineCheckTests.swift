// The fuzz target's pure check, run on generated inputs in the plain test build.
// Spec: house-style.md §6 (logic in Fuzz; glue elsewhere).
import Fuzz
import PropertyBased
import ReferenceModel
import Testing

@Suite struct CommandLineCheckTests {
  static func violations(_ bytes: [UInt8]) -> [PropertyViolation] {
    bytes.withUnsafeBytes { checkCommandLine($0) }
  }

  @Test func randomBytesKeepEveryProperty() async {
    await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...80)) { bytes in
      let found = Self.violations(bytes)
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  @Test(arguments: [
    "user create --username alice --role crypto-user --password 'a b'",
    "login --username=admin --role=admin --password=\"p\\\"w\"",
    "user change-password --username x --role admin --password=-dash --deregister-mfa",
    "help user", "user list --help", "quit", "", "user", "login --role Admin",
    "'unterminated", "trailing \\",
  ])
  func knownLinesKeepEveryProperty(_ line: String) {
    #expect(Self.violations(Array(line.utf8)).isEmpty)
  }
}
