// libFuzzer glue for the token file target; the logic is `checkTokenFile` in
// Conformance (beside TokenFileReader, which needs json-c). Its keys are symbolic, so the
// fuzz build links no swift-crypto.
// Spec: house-style.md §6. Build: `harness fuzz TokenFile`, or see docs/fuzzing.md.
import Conformance

#if FUZZING
  import CLibFuzzer
  import Glibc

  /// A finding for libFuzzer: the violation on standard error, then `abort()`, as cryptofuzz
  /// does. `harness fuzz` reads the `FUZZ FINDING:` line to de-duplicate findings.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let violations = checkTokenFile(UnsafeRawBufferPointer(start: data, count: size))
    guard let first = violations.first else { return 0 }
    let report = Array("\nFUZZ FINDING: \(first.kind): \(first.detail)\n".utf8)
    _ = report.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    abort()
  }

  /// SwiftPM links executables with `--defsym main=<Module>_main`; provide it ourselves.
  @_cdecl("FuzzTokenFile_main")
  public func fuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
  }
#else
  import Foundation

  /// Plain build: replay each file named on the command line once; exit 1 on a violation.
  @main enum ReplayCorpus {
    static func main() throws {
      var failed = false
      for path in CommandLine.arguments.dropFirst() {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for violation in data.withUnsafeBytes({ checkTokenFile($0) }) {
          print("\(path): \(violation)")
          failed = true
        }
      }
      if failed { exit(1) }
    }
  }
#endif
