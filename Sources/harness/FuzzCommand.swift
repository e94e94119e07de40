import ArgumentParser
import Foundation

/// `harness fuzz`: coverage-guided fuzzing of the parser, the model, the SUT output reader and
/// the token file reader.
///
/// Builds the target's libFuzzer binary, seeds the working corpus from the committed one, runs
/// libFuzzer with the committed dictionary and passes its status lines through. A finding is
/// replayed to read its key (violation kind, or crash reason and location), de-duplicated
/// against the committed reproducers, minimized and committed to
/// `Tests/FuzzTests/Corpus/<Target>/` under a name that says what it found, so that
/// `swift test` replays it from then on; the exit code is then 1.
/// Spec: house-style.md §6; issue #7; docs/fuzzing.md.
struct FuzzCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fuzz",
    abstract: "Fuzz a target with libFuzzer; commit each new finding as a regression input.",
    discussion: """
      Targets: CommandLine, Model, SUTOutput, TokenFile (see --list). Run from the package root, e.g.
        harness fuzz CommandLine --time 8h --jobs 2
        harness fuzz --merge CommandLine      minimize the working corpus
        harness fuzz CommandLine -- -max_len=64 -only_ascii=1   (extra libFuzzer flags)
      A finding is written to Tests/FuzzTests/Corpus/<Target>/<kind>-<hash> (exit code 1). \
      ASan runs with ASAN_OPTIONS=malloc_context_size=0:detect_stack_use_after_return=0 \
      unless ASAN_OPTIONS is set; a finding's replay uses ASan's own defaults (or your \
      ASAN_OPTIONS). \
      See docs/fuzzing.md.
      """)

  @Argument(help: "The target: CommandLine, Model, SUTOutput or TokenFile.") var target: String?
  @Option(help: "How long to fuzz: 30s, 10m, 8h, 1h30m or seconds.") var time = "8h"
  @Option(help: "Parallel fuzzing processes (libFuzzer -fork).") var jobs = 1
  @Option(help: "The working corpus (default .fuzz-corpus/<Target>).") var corpus: String?
  @Flag(help: "Minimize the working corpus (libFuzzer -merge=1) instead of fuzzing.")
  var merge = false
  @Flag(help: "List the targets.") var list = false
  @Flag(
    help: """
      Fuzz a build of CommandLine with a deliberately broken parser (-DFUZZ_INJECT_BUG); \
      findings go to .fuzz-corpus/injected-bug-findings/.
      """)
  var injectBug = false
  @Flag(
    name: .customLong("no-asan"),
    help: "Build without AddressSanitizer (about twice the speed; see docs/fuzzing.md).")
  var noASan = false
  @Flag(help: "Use the binary already built.") var noBuild = false
  @Option(
    help: """
      Scratch folder of the fuzz build (--no-asan adds -noasan, --inject-bug -inject-bug).
      """)
  var scratchPath = FuzzBuild.defaultScratchPath
  @Argument(parsing: .postTerminator, help: "Extra libFuzzer flags, after --.")
  var libFuzzerFlags: [String] = []

  func validate() throws {
    guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
    guard DurationText.seconds(time) != nil else {
      throw ValidationError(
        "--time takes a length of time: \(DurationText.examples) (got '\(time)')")
    }
  }

  func run() throws {
    let termination = FuzzProcess.forwardingTermination()
    defer { withExtendedLifetime(termination) {} }
    if list {
      for target in FuzzTarget.all {
        Output.print(
          "\(target.name.padding(toLength: 12, withPad: " ", startingAt: 0))"
            + "\(target.summary)")
      }
      return
    }
    guard let name = target, let target = FuzzTarget.named(name) else {
      throw HarnessFailure.input(
        "error: name a target: " + FuzzTarget.all.map(\.name).joined(separator: ", "))
    }
    guard FileManager.default.fileExists(atPath: target.seeds) else {
      throw HarnessFailure.input(
        "error: run harness fuzz from the package root (no \(target.seeds))")
    }
    if injectBug && target.name != "CommandLine" {
      throw HarnessFailure.input("error: --inject-bug applies to the CommandLine target only")
    }
    let build = FuzzBuild(base: scratchPath, addressSanitizer: !noASan, injectedBug: injectBug)
    if !noBuild { try build.build(target) }
    let session = FuzzSession(
      target: target, binary: build.binary(target), injectedBug: injectBug,
      corpus: corpus ?? (injectBug ? target.workingCorpus + "-inject-bug" : target.workingCorpus),
      extraFlags: libFuzzerFlags)
    if merge {
      try session.merge()
    } else {
      try session.fuzz(seconds: Int((DurationText.seconds(time) ?? 60).rounded(.up)), jobs: jobs)
    }
  }
}

/// One `harness fuzz` run of one target.
struct FuzzSession {
  var target: FuzzTarget
  var binary: String
  var injectedBug: Bool
  var corpus: String
  var extraFlags: [String]

  /// Where new reproducers go: the committed corpus, or a scratch folder for the injected bug.
  var findings: String { injectedBug ? ".fuzz-corpus/injected-bug-findings" : target.seeds }
  var artifacts: String { corpus + "-artifacts" }

  /// ASan while fuzzing, unless `ASAN_OPTIONS` is set: without allocation stacks (much faster;
  /// a replay reports in full) and without stack-use-after-return detection (8 % of a
  /// CommandLine run at a fixed seed). That detection was off by default in ASan until LLVM 15
  /// (and so in years of libFuzzer and OSS-Fuzz runs); in Swift it can only catch an unsafe
  /// pointer to a local that outlives its `withUnsafe…` closure, which no code here keeps
  /// (checked: the fuzzed code has one pointer to a local, in `ByteScan.chunk`, used inside its
  /// closure; the HTTP server's socket addresses are not fuzzed and are used the same way).
  /// Heap overflows, use after free and double frees are still found. The replay of a finding
  /// does not get these defaults: it runs with ASan's own (this detection included), or with
  /// the `ASAN_OPTIONS` you set.
  /// Swift's own crash backtracer is off in every fuzz process: it would race ASan's report,
  /// slow each crash down, and its helper can outlive the process and hold the output pipe.
  static let fuzzingEnvironment = [
    "ASAN_OPTIONS": ProcessInfo.processInfo.environment["ASAN_OPTIONS"]
      ?? "malloc_context_size=0:detect_stack_use_after_return=0",
    "SWIFT_BACKTRACE": "enable=no",
  ]
  static let replayEnvironment = ["SWIFT_BACKTRACE": "enable=no"]

  private var files: FileManager { FileManager.default }

  /// Copies the committed seeds (and earlier findings) into the working corpus, except the
  /// `known-` findings, which still fail and would stop libFuzzer at once.
  func seedCorpus() throws {
    if injectedBug { try? files.removeItem(atPath: corpus) }
    try files.createDirectory(atPath: corpus, withIntermediateDirectories: true)
    for name in try files.contentsOfDirectory(atPath: target.seeds)
    where !name.hasPrefix("known-") && !files.fileExists(atPath: corpus + "/" + name) {
      try files.copyItem(atPath: target.seeds + "/" + name, toPath: corpus + "/" + name)
    }
  }

  func libFuzzerFlags(seconds: Int) -> [String] {
    [
      "-dict=\(target.dictionary)", "-max_len=\(target.maximumLength)",
      "-max_total_time=\(seconds)", "-timeout=25", "-print_final_stats=1",
      "-artifact_prefix=\(artifacts)/",
    ]
  }

  func fuzz(seconds: Int, jobs: Int) throws {
    try seedCorpus()
    try files.createDirectory(atPath: findings, withIntermediateDirectories: true)
    let deadline = Date().addingTimeInterval(TimeInterval(seconds))
    // The committed findings are known; with the injected bug, earlier demonstrations are not.
    var known = try knownFindingKeys(in: target.seeds)
    var last = FuzzStatus()
    var (totalRuns, knownHits, quickRestarts) = (0, 0, 0)
    while deadline.timeIntervalSinceNow >= 1 {
      try? files.removeItem(atPath: artifacts)
      try files.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
      let remaining = Int(deadline.timeIntervalSinceNow.rounded(.up))
      let fork = jobs > 1 ? ["-fork=\(jobs)"] : []
      Output.error(
        "fuzz: \(binary) \(corpus) for \(remaining) s" + (jobs > 1 ? ", \(jobs) jobs" : ""))
      let result = try FuzzProcess.run(
        binary, [corpus] + libFuzzerFlags(seconds: remaining) + fork + extraFlags,
        environment: Self.fuzzingEnvironment, echo: { Output.error($0) })
      last = FuzzStatus(result.lines)
      totalRuns += last.executions
      let crashes = try crashInputs()
      if crashes.isEmpty {
        guard result.status == 0 || deadline.timeIntervalSinceNow < 1 else {
          throw HarnessFailure(
            message: "error: libFuzzer exited with \(result.status) and no finding", exitCode: 3)
        }
        break
      }
      for crash in crashes {
        let finding = try classify(crash)
        if known.contains(finding.key) {
          knownHits += 1
          // A known finding while loading the corpus (before INITED, or before fork mode's
          // first status line) would stop every restart at once.
          let fuzzed = result.lines.contains { $0.contains("INITED") || $0.contains(": cov: ") }
          quickRestarts = fuzzed ? 0 : quickRestarts + 1
          guard quickRestarts < 3 else {
            throw HarnessFailure(
              message: "error: libFuzzer stops at once on the known finding \(finding.key): "
                + "an input in \(corpus) still fails. Fix the bug, or rename the committed "
                + "reproducer known-… and remove it from \(corpus).", exitCode: 1)
          }
          let kept = corpus + "-known/" + (crash as NSString).lastPathComponent
          try? files.createDirectory(
            atPath: corpus + "-known", withIntermediateDirectories: true)
          try? files.moveItem(atPath: crash, toPath: kept)
          Output.error(
            "fuzz: known finding \(finding.key) (already committed), input kept as "
              + "\(kept); fuzzing on")
          continue
        }
        known.insert(finding.key)
        let path = try commit(crash, finding)
        Output.error("fuzz: NEW FINDING in \(target.name): \(finding.key)\n  \(finding.summary)")
        throw HarnessFailure(
          message: "reproducer: \(path)\n  replay: \(binary) \(path)"
            + (injectedBug ? "" : "\n  regression: swift test --filter FuzzTests"),
          exitCode: 1)
      }
    }
    Output.print(
      "fuzz: \(target.name): no new finding in \(seconds) s; \(totalRuns) runs"
        + (knownHits > 0 ? ", \(knownHits) hits of known findings" : "")
        + "; last: \(last.text)")
  }

  /// The keys of the reproducers in `folder` (file name less its hash, and
  /// less the `known-` prefix of a finding that is acknowledged but not fixed yet).
  func knownFindingKeys(in folder: String) throws -> Set<String> {
    Set(
      try files.contentsOfDirectory(atPath: folder).compactMap { name -> String? in
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let hash = name[name.index(after: dash)...]
        guard hash.count == 16, hash.allSatisfy(\.isHexDigit) else { return nil }
        let key = name[..<dash]
        return String(key.hasPrefix("known-") ? key.dropFirst("known-".count) : key)
      })
  }

  /// The inputs libFuzzer wrote for crashes, timeouts, out-of-memory and leaks.
  func crashInputs() throws -> [String] {
    try files.contentsOfDirectory(atPath: artifacts).sorted()
      .filter { name in ["crash-", "timeout-", "oom-", "leak-"].contains { name.hasPrefix($0) } }
      .map { artifacts + "/" + $0 }
  }

  /// Replays `input` once with full ASan reports and reads what it found.
  func classify(_ input: String) throws -> FuzzFinding {
    let result = try FuzzProcess.run(
      binary, ["-timeout=25", input], environment: Self.replayEnvironment)
    return FuzzFinding(output: result.lines)
  }

  /// Minimizes `input` (keeping it if the minimized input finds something else) and writes
  /// it to the findings folder as `<key>-<hash>`; returns the path.
  func commit(_ input: String, _ finding: FuzzFinding) throws -> String {
    let minimized = artifacts + "/minimized"
    Output.error("fuzz: minimizing \(input)")
    _ = try FuzzProcess.run(
      binary,
      [
        "-minimize_crash=1", "-max_total_time=30", "-timeout=25",
        "-exact_artifact_path=\(minimized)", input,
      ],
      environment: Self.fuzzingEnvironment)
    var chosen = input
    if files.fileExists(atPath: minimized), try classify(minimized).key == finding.key {
      chosen = minimized
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: chosen))
    let path = findings + "/" + finding.key + "-" + contentHash(data)
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Minimizes the working corpus in place with `-merge=1`.
  func merge() throws {
    try seedCorpus()
    let merged = corpus + "-merged"
    try? files.removeItem(atPath: merged)
    try files.createDirectory(atPath: merged, withIntermediateDirectories: true)
    let before = try files.contentsOfDirectory(atPath: corpus).count
    let result = try FuzzProcess.run(
      binary, ["-merge=1", "-max_len=\(target.maximumLength)", merged, corpus],
      environment: Self.fuzzingEnvironment, echo: { Output.error($0) })
    guard result.status == 0 else {
      throw HarnessFailure(message: "error: merge failed (\(result.status))", exitCode: 3)
    }
    try files.removeItem(atPath: corpus)
    try files.moveItem(atPath: merged, toPath: corpus)
    let after = try files.contentsOfDirectory(atPath: corpus).count
    Output.print("fuzz: merged \(corpus): \(before) inputs -> \(after)")
  }
}

/// The last figures libFuzzer printed: coverage, features, corpus size, speed.
struct FuzzStatus {
  var executions = 0
  var coverage = 0
  var features = 0
  var corpus = 0
  var perSecond = 0

  init() {}

  init(_ lines: [String]) {
    func number(after label: String, in line: String) -> Int? {
      guard let range = line.range(of: label) else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
    for line in lines where line.hasPrefix("#") && line.contains("cov: ") {
      coverage = number(after: "cov: ", in: line) ?? coverage
      features = number(after: "ft: ", in: line) ?? features
      corpus = number(after: "corp: ", in: line) ?? corpus
      perSecond =
        number(after: "exec/s: ", in: line) ?? number(after: "exec/s ", in: line)
        ?? perSecond
      executions = number(after: "#", in: line) ?? executions
    }
    for line in lines {
      perSecond =
        number(after: "stat::average_exec_per_sec:", in: line.filter { $0 != " " })
        ?? perSecond
      executions =
        number(after: "stat::number_of_executed_units:", in: line.filter { $0 != " " })
        ?? executions
    }
  }

  var text: String {
    "\(executions) runs, \(perSecond) exec/s, cov: \(coverage) ft: \(features) corpus: \(corpus)"
  }
}
