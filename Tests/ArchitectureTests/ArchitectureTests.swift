// The module graph of house-style.md §1: each Sources/<Module> folder's `import` lines are
// checked against what that module may import.
import Foundation
import Testing

@Suite struct ArchitectureTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Module → modules it may import. ReferenceModel is pure: the standard library only.
  static let allowed: [String: Set<String>] = [
    "ReferenceModel": [],
    // The IAM model is as pure as the rest of the reference model (its own module so that
    // the fuzz binaries, which link ReferenceModel, do not carry it).
    "IAMModel": ["ReferenceModel"],
    "Fuzz": ["ReferenceModel", "Foundation"],
    "Conformance": [
      "ReferenceModel", "IAMModel", "CJSONC", "CSystemShims", "Foundation", "FoundationEssentials",
      "FoundationNetworking", "Dispatch", "Glibc", "Synchronization",
    ],
    "TokenSigning": ["Conformance", "ReferenceModel", "Crypto", "_CryptoExtras"],
    "SigV4Crypto": ["Conformance", "Crypto"],
    "harness": [
      "Conformance", "ReferenceModel", "IAMModel", "TokenSigning", "SigV4Crypto", "ArgumentParser",
      "Foundation", "Glibc", "Dispatch",
      "Synchronization",
    ],
    // Fuzz glue (house-style §6): libFuzzer's driver, Glibc for abort(), Foundation for replay.
    "FuzzCommandLine": ["Fuzz", "CLibFuzzer", "Glibc", "Foundation"],
    "FuzzModel": ["Fuzz", "CLibFuzzer", "Glibc", "Foundation"],
    // The SUT output reader needs json-c, so its check is in Conformance (issue #7).
    "FuzzSUTOutput": ["Conformance", "CLibFuzzer", "Glibc", "Foundation"],
    // So is the token file reader's (issue #7).
    "FuzzTokenFile": ["Conformance", "CLibFuzzer", "Glibc", "Foundation"],
  ]

  /// Imports that only some folders of a module may use.
  static let confined: [String: String] = [
    "CJSONC": "Sources/Conformance/JSON/",
    // CPU affinity (glibc under _GNU_SOURCE) is one file's business.
    "CSystemShims": "Sources/Conformance/SUT/CPUPinning.swift",
    "FoundationNetworking": "Sources/Conformance/SUT/HTTP",
  ]

  /// Modules whose sources are not in `Sources/<Module>` (Package.swift's `path:`).
  static let folders: [String: String] = ["IAMModel": "Sources/ReferenceModel/IAM"]

  static func swiftFiles(in module: String) -> [URL] {
    let folder = packageRoot.appendingPathComponent(folders[module] ?? "Sources/\(module)")
    // A folder that another module owns (ReferenceModel/IAM) is that module's, not this one's.
    let nested = folders.filter { $0.key != module }.map {
      packageRoot.appendingPathComponent($0.value).standardizedFileURL.path + "/"
    }
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { return [] }
    return walker.compactMap { $0 as? URL }.filter { file in
      file.pathExtension == "swift"
        && !nested.contains { file.standardizedFileURL.path.hasPrefix($0) }
    }
  }

  /// The module names of a file's import lines (`import X`, `package import X`, `@testable …`).
  static func imports(of file: URL) throws -> [String] {
    let text = try String(contentsOf: file, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line -> String? in
      let words = line.split(separator: " ").map(String.init)
      guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { return nil }
      let prefix = words[..<index]
      guard prefix.allSatisfy({ ["package", "public", "internal", "@testable"].contains($0) })
      else { return nil }
      return words[index + 1].split(separator: ".").first.map(String.init)
    }
  }

  @Test(arguments: allowed.keys.sorted()) func moduleImportsOnlyWhatItMay(_ module: String) throws {
    let files = Self.swiftFiles(in: module)
    #expect(!files.isEmpty, "no sources found for \(module)")
    for file in files {
      for imported in try Self.imports(of: file) {
        let relative = file.path.replacingOccurrences(of: Self.packageRoot.path + "/", with: "")
        #expect(
          Self.allowed[module, default: []].contains(imported),
          "\(relative) imports \(imported), which \(module) may not")
        if let folder = Self.confined[imported] {
          #expect(relative.hasPrefix(folder), "\(relative) imports \(imported) outside \(folder)")
        }
      }
    }
  }

  /// No `try!`, force-unwrap or `fatalError` under Sources/ outside the fuzz glue.
  @Test func noTrapsInSources() throws {
    for module in Self.allowed.keys {
      for file in Self.swiftFiles(in: module) {
        let text = try String(contentsOf: file, encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
          .enumerated()
        {
          let code = line.split(separator: "//", maxSplits: 1).first.map(String.init) ?? ""
          let relative = "\(file.lastPathComponent):\(number + 1)"
          #expect(!code.contains("try!"), "\(relative) uses try!")
          #expect(!code.contains("fatalError("), "\(relative) uses fatalError")
          #expect(!Self.hasForceUnwrap(code), "\(relative) force-unwraps: \(code)")
        }
      }
    }
  }

  /// A `!` directly after an identifier, `)` or `]` and not followed by `=` (so `!=` is fine).
  static func hasForceUnwrap(_ code: String) -> Bool {
    var inString = false
    var previous: Character = " "
    let characters = Array(code)
    for (index, character) in characters.enumerated() {
      if character == "\"" { inString.toggle() }
      if !inString, character == "!" {
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        if (previous.isLetter || previous.isNumber || previous == ")" || previous == "]"
          || previous == "_") && next != "=" && previous != "!"
        {
          return true
        }
      }
      previous = character
    }
    return false
  }

  @Test func forceUnwrapDetectorWorks() {
    #expect(Self.hasForceUnwrap("let x = y!"))
    #expect(Self.hasForceUnwrap("foo()!.bar"))
    #expect(!Self.hasForceUnwrap("if a != b {"))
    #expect(!Self.hasForceUnwrap("guard !done else"))
    #expect(!Self.hasForceUnwrap("let s = \"hi!\""))
  }
}
