import Dispatch
import Foundation
import Synchronization

/// One libFuzzer target: a `Fuzz<Name>` executable with its committed seeds and dictionary.
///
/// Spec: house-style.md §6 (targets, corpora, build); issue #7.
struct FuzzTarget: Hashable {
  var name: String
  var summary: String
  /// libFuzzer's `-max_len`: longer inputs explore nothing new for this target.
  var maximumLength: Int

  static let all = [
    FuzzTarget(
      name: "CommandLine", maximumLength: 256,
      summary: "command-line parser: offsets in bounds, print/parse round trip, model invariants"),
    FuzzTarget(
      name: "Model", maximumLength: 1024,
      summary: "model on decoded multi-session command sequences: invariants after every step"),
    FuzzTarget(
      name: "SUTOutput", maximumLength: 4096,
      summary: "SUT output reader: every split of a stream into reads reads the same"),
    FuzzTarget(
      name: "TokenFile", maximumLength: 4096,
      summary: "token file reader: errors in the file, write-back reads the same, changed tokens"
        + " never verify"),
  ]

  init(name: String, maximumLength: Int, summary: String) {
    self.name = name
    self.maximumLength = maximumLength
    self.summary = summary
  }

  /// The target called `text`, ignoring case, `-` and `_` (`command-line` is `CommandLine`).
  static func named(_ text: String) -> FuzzTarget? {
    func key(_ s: String) -> String { s.lowercased().filter { $0 != "-" && $0 != "_" } }
    let wanted = key(text.hasPrefix("Fuzz") ? String(text.dropFirst(4)) : text)
    return all.first { key($0.name) == wanted }
  }

  var product: String { "Fuzz" + name }
  var seeds: String { "Tests/FuzzTests/Corpus/\(name)" }
  var dictionary: String { "Tests/FuzzTests/Corpus/\(name).dict" }
  var workingCorpus: String { ".fuzz-corpus/\(name)" }
}

/// How a fuzz binary is built: with or without AddressSanitizer, with or without the injected
/// parser bug, each variant in its own scratch folder (`.build-fuzz`, `.build-fuzz-noasan`,
/// `.build-fuzz-inject-bug`, `.build-fuzz-inject-bug-noasan`, or the same after another base).
///
/// ASan checks are emitted as calls (`-asan-instrumentation-with-call-threshold=0`): swiftc
/// adds libFuzzer's instrumentation after ASan's, so an inline check would be a traced
/// comparison and a coverage edge of its own (CommandLine had 22,340 counters, now about
/// 10,000, without ASan 8,200); the calls check the same accesses. See docs/fuzzing.md.
struct FuzzBuild {
  /// The normal fuzz build's scratch folder.
  static let defaultScratchPath = ".build-fuzz"

  var scratchPath: String
  var addressSanitizer: Bool
  var injectedBug: Bool

  init(
    base: String = FuzzBuild.defaultScratchPath, addressSanitizer: Bool = true,
    injectedBug: Bool = false
  ) {
    self.scratchPath =
      base + (injectedBug ? "-inject-bug" : "") + (addressSanitizer ? "" : "-noasan")
    self.addressSanitizer = addressSanitizer
    self.injectedBug = injectedBug
  }

  /// `asan` or `no-asan`, as `harness bench fuzz` names the builds.
  var name: String { addressSanitizer ? "asan" : "no-asan" }

  var swiftFlags: [String] {
    var flags = [
      "-sanitize=" + (addressSanitizer ? "fuzzer,address" : "fuzzer"), "-parse-as-library",
      "-DFUZZING",
    ]
    if addressSanitizer { flags += ["-Xllvm", "-asan-instrumentation-with-call-threshold=0"] }
    if injectedBug { flags.append("-DFUZZ_INJECT_BUG") }
    return flags
  }

  func binary(_ target: FuzzTarget) -> String { "\(scratchPath)/release/\(target.product)" }

  /// `swift build` of the target's product (SwiftPM rebuilds only what changed).
  func build(_ target: FuzzTarget) throws {
    try discardBuildWithOtherFlags()
    let arguments =
      ["build", "--scratch-path", scratchPath, "-c", "release", "--product", target.product]
      + swiftFlags.flatMap { ["-Xswiftc", $0] }
    Output.error("fuzz: swift " + arguments.joined(separator: " "))
    let result = try FuzzProcess.run(
      "/usr/bin/env", ["swift"] + arguments,
      echo: { line in
        if line.contains("error") || line.hasPrefix("Build") { Output.error(line) }
      })
    guard result.status == 0 else {
      throw HarnessFailure(
        message: "error: building \(target.product) failed:\n"
          + result.lines.suffix(30).joined(separator: "\n"), exitCode: 3)
    }
  }
}

extension FuzzBuild {
  /// Removes the release build in the scratch folder if it was made with other flags (noted
  /// in `harness-fuzz-flags`): SwiftPM keeps object files whose sources did not change when
  /// only `-Xllvm` flags do, so a build would mix both kinds of ASan checks.
  func discardBuildWithOtherFlags() throws {
    let files = FileManager.default
    let stamp = scratchPath + "/harness-fuzz-flags"
    let flags = swiftFlags.joined(separator: " ") + "\n"
    let recorded = try? String(contentsOfFile: stamp, encoding: .utf8)
    if recorded != flags {
      let release = scratchPath + "/release"
      if let destination = try? files.destinationOfSymbolicLink(atPath: release) {
        let folder = destination.hasPrefix("/") ? destination : scratchPath + "/" + destination
        if files.fileExists(atPath: folder) {
          Output.error("fuzz: \(scratchPath) was built with other flags; rebuilding")
          try files.removeItem(atPath: folder)
        }
      }
      try files.createDirectory(atPath: scratchPath, withIntermediateDirectories: true)
      try flags.write(toFile: stamp, atomically: true, encoding: .utf8)
    }
  }
}

/// Runs a child process, merging its standard output and error into lines.
enum FuzzProcess {
  struct Result {
    var status: Int32
    var lines: [String]
  }

  /// The child running now (0: none), for `forwardingTermination`.
  private static let runningChild = Atomic<Int32>(0)

  /// SIGTERM (a CI job's timeout) passes on to the child running (libFuzzer, a build) before
  /// the harness ends, so that no fuzzer outlives it. Ctrl-C needs no help: the terminal sends
  /// it to the child as well. Returns the handler, to keep alive for the command's life.
  static func forwardingTermination() -> [any DispatchSourceSignal] {
    Interrupt.handle([SIGTERM]) { number in
      let child = runningChild.load(ordering: .relaxed)
      if child > 0 { kill(child, number) }
      exit(128 + number)
    }
  }

  /// Runs `executable` with `arguments`; `echo` sees each line as it arrives. Only the last
  /// `keep` lines are returned.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    keep: Int = 400, echo: (String) -> Void = { _ in }
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw HarnessFailure(message: "error: cannot run \(executable): \(error)", exitCode: 3)
    }
    runningChild.store(process.processIdentifier, ordering: .relaxed)
    defer { runningChild.store(0, ordering: .relaxed) }
    var lines: [String] = []
    var partial = Data()
    let reader = pipe.fileHandleForReading
    while true {
      let data = reader.availableData
      if data.isEmpty { break }
      partial.append(data)
      while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: partial[partial.startIndex..<newline], as: UTF8.self)
        partial.removeSubrange(partial.startIndex...newline)
        echo(line)
        lines.append(line)
        if lines.count > keep * 2 { lines.removeFirst(lines.count - keep) }
      }
    }
    if !partial.isEmpty { lines.append(String(decoding: partial, as: UTF8.self)) }
    process.waitUntilExit()
    return Result(status: process.terminationStatus, lines: Array(lines.suffix(keep)))
  }
}

/// What a crashing input found, read from the fuzz binary's output when it replays the input.
///
/// The key de-duplicates findings, as cryptofuzz does: the violation kind for a broken
/// property (`FUZZ FINDING: <kind>: …`, printed by the glue), else the crash reason (a Swift
/// runtime error, an AddressSanitizer report, a libFuzzer timeout or OOM) and the first stack
/// frame in the package's own sources.
/// Spec: issue #7 ("de-duplicates it (violation kind + location)").
struct FuzzFinding: Hashable {
  var reason: String
  var location: String
  var summary: String

  /// The stable part of a reproducer's file name, e.g. `violation-round-trip`.
  var key: String {
    let parts = [reason, location].filter { !$0.isEmpty }
    return slug(parts.joined(separator: "-"))
  }

  init(reason: String, location: String, summary: String) {
    self.reason = reason
    self.location = location
    self.summary = summary
  }

  /// Reads the finding from the lines a fuzz binary printed while running one input.
  init(output lines: [String]) {
    var reason = "crash"
    var summary = lines.last(where: { $0.contains("ERROR:") }) ?? "crash"
    if let line = lines.first(where: { $0.hasPrefix("FUZZ FINDING: ") }) {
      let text = line.dropFirst("FUZZ FINDING: ".count)
      let kind = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "violation"
      self.init(reason: "violation-" + kind, location: "", summary: String(text))
      return
    }
    if let line = lines.first(where: { $0.contains("Fatal error: ") }),
      let range = line.range(of: "Fatal error: ")
    {
      reason = "fatal-error-" + line[range.upperBound...].prefix(40)
      summary = line
    } else if let line = lines.first(where: { $0.contains("ERROR: AddressSanitizer: ") }),
      let range = line.range(of: "ERROR: AddressSanitizer: ")
    {
      reason = "asan-" + (line[range.upperBound...].split(separator: " ").first ?? "error")
      summary = line
    } else if let line = lines.first(where: { $0.contains("ERROR: libFuzzer: ") }),
      let range = line.range(of: "ERROR: libFuzzer: ")
    {
      reason = String(line[range.upperBound...].prefix(30))
      summary = line
    }
    self.init(reason: reason, location: Self.firstOwnFrame(lines), summary: summary)
  }

  /// `File.swift:line` of the first symbolized stack frame in Sources/ outside the fuzz glue.
  static func firstOwnFrame(_ lines: [String]) -> String {
    for line in lines where line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
      guard let range = line.range(of: "/Sources/") else { continue }
      let path = line[range.upperBound...].split(separator: " ").first ?? ""
      let components = path.split(separator: "/")
      guard let module = components.first, !(module.hasPrefix("Fuzz") && module != "Fuzz"),
        let file = components.last
      else { continue }
      let fileAndLine = file.split(separator: ":").prefix(2).joined(separator: ":")
      return fileAndLine
    }
    return ""
  }
}

/// Lowercase letters, digits and single hyphens: safe in a file name.
func slug(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
      result.unicodeScalars.append(scalar)
    } else if !result.hasSuffix("-") {
      result.append("-")
    }
  }
  let trimmed = result.lowercased().split(separator: "-", omittingEmptySubsequences: true)
  return trimmed.joined(separator: "-")
}

/// A short content hash (FNV-1a, 64 bits) for reproducer names.
func contentHash(_ data: Data) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in data {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01B3
  }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}
