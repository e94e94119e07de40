// The process adapter against SUTs that misbehave: each gives an `error` verdict with a clear
// message, and none crashes or hangs the harness.
// Spec: issue #4 acceptance ("garbage, truncated JSON, silence, an early exit and an answer
// split across many writes"); sut-contract.md §2; house-style.md §4 (AdapterError).
import Conformance
import Foundation
import ReferenceModel
import Testing

@Suite struct AdapterTests {
  /// Modes that hang get a short timeout; the others a long one, so a loaded machine (tests
  /// run in parallel) never turns a slow start into a false timeout.
  static func fake(_ mode: String) -> SubprocessSUT {
    let timeout = ["silence", "truncated-hang", "long-colon-line"].contains(mode) ? 400 : 5000
    var sut = SubprocessSUT(
      name: "fake \(mode)",
      cli: SUTDescription.CLI(
        session: ["python3", TestPaths.fixtures + "/fake-suts/misbehave.py", mode]),
      timeoutMilliseconds: timeout, capabilities: [])
    // A small cap, so that the endless modes reach it at once even on a loaded machine.
    sut.maximumOutputPerStep = 256 * 1024
    return sut
  }

  /// Two unauthenticated `user create`s: the fake answers success, the model refuses (a
  /// documented rule); so a fake that answers at all gives a `fail`, one that cannot be read
  /// gives an `error`.
  static let line = "user create --username carol --role admin --password carol-pw-1"
  static let scenario = Scenario(
    id: "adapter/probe", path: "adapter/probe.scenario", description: "probe",
    rules: ["HSM-CREATE-001"], spec: "test",
    steps: [Scenario.Step(session: "s", line: line), Scenario.Step(session: "s", line: line)])

  static func verdict(_ mode: String) -> RunReport.CaseResult {
    Runner(sut: fake(mode), jobs: 1).runCase(scenario)
  }

  @Test(arguments: [
    ("garbage", "not JSON"),
    ("truncated-exit", "exited with status 0"),
    ("truncated-hang", "no answer within 400 ms"),
    ("silence", "no answer within 400 ms"),
    ("not-envelope", "without an integer error_code"),
    ("early-exit", "exited with status 3"),
    ("crash-second", "exited with status 139"),
    ("two-answers", "an extra JSON object"),
    // A banner object shifts every answer by one: found at the latest when the session ends
    // with an answer left over, however the timing falls.
    ("banner", "an extra JSON object"),
    (
      "long-colon-line",
      "no answer within 400 ms after 'user create --username carol --role admin --password "
        + "carol-pw-1'"
    ),
    // Not "exited with status -1": the process still runs.
    ("close-stdin", "closed its standard input (the process still runs) before answering 'user"),
    ("close-stdout", "closed its standard output (the process still runs) before answering"),
    // Endless output is an error of its step, found long before the 5 s timeout, and never
    // held in memory beyond the limit.
    ("endless", "more than 256 KiB of output after 'user create"),
    ("huge-object", "more than 256 KiB of output after 'user create"),
  ])
  func misbehaviourGivesAnErrorVerdict(_ mode: String, _ message: String) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = Self.verdict(mode)
    guard case .error(let text) = result.verdict else {
      Issue.record("\(mode): expected an error verdict, got \(result.verdict)")
      return
    }
    #expect(text.contains(message), "\(mode): \(text)")
    #expect(clock.now - start < .seconds(8), "\(mode) took too long: the harness must not hang")
  }

  @Test func earlyExitKeepsStandardError() {
    let result = Self.verdict("early-exit")
    #expect(result.stderr.contains("fatal: cannot open the HSM"))
  }

  @Test func answerSplitAcrossManyWritesIsRead() {
    let result = Self.verdict("split")
    // The fake answers success where the model refuses: a divergence, not an adapter error.
    #expect(result.verdict == .fail)
    #expect(
      result.divergences.map(\.key) == ["adapter/probe/1/outcome", "adapter/probe/2/outcome"])
  }

  @Test func questionFollowedByANewlineIsAnswered() throws {
    let step = Scenario.Step(
      session: "s", line: "login --username admin --role admin", answers: ["admin"])
    let connection = try Self.fake("question-newline").startCase(Self.scenario, keys: .empty)
    defer { _ = connection.close() }
    let observed = try connection.send(step)
    #expect(
      observed
        == .answer(
          .object([
            ("error_code", .int(0)), ("data", .object([("username", "admin"), ("role", "admin")])),
          ])))
  }

  static func shell(_ script: String, timeout: Int = 5000) -> SubprocessSUT {
    SubprocessSUT(
      name: "shell", cli: SUTDescription.CLI(session: ["/bin/sh", "-c", script]),
      timeoutMilliseconds: timeout, capabilities: [])
  }

  /// A SUT starts as from a shell even when a worker thread with blocked signals spawns it:
  /// no blocked or ignored signals (a SUT using alarm or SIGCHLD would behave otherwise, and
  /// a leaked one would ignore `kill`), and a process group of its own.
  @Test func sessionsStartWithCleanSignalsInTheirOwnGroup() {
    var all = sigset_t()
    sigfillset(&all)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &all, &previous)
    let result = Runner(
      sut: Self.shell(
        #"grep -E '^Sig(Blk|Ign)' /proc/self/status >&2; echo "group $(cut -d' ' -f5 /proc/$$/stat) $$" >&2; exit 3"#
      ), jobs: 1
    ).runCase(Self.scenario)
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    #expect(result.stderr.contains("SigBlk:\t0000000000000000"), "\(result.stderr)")
    // Signals 1 to 31 (glibc keeps its two internal real-time signals to itself).
    let ignored = result.stderr.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
      .flatMap {
        UInt64($0.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16)
      }
    #expect(ignored.map { $0 & 0x7FFF_FFFF } == 0, "\(result.stderr)")
    let group = result.stderr.split(separator: "\n").first { $0.hasPrefix("group ") }?
      .split(separator: " ")
    #expect(group?.count == 3 && group?[1] == group?[2], "\(result.stderr)")
  }

  /// A session killed for a timeout takes the helpers in its process group with it (a shell
  /// script that does not `exec` its program leaves it behind otherwise).
  @Test func aTimedOutSessionTakesItsHelpersWithIt() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "urc-helper-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    defer { try? FileManager.default.removeItem(atPath: file) }
    let result = Runner(
      sut: Self.shell("sleep 30 & echo $! > \(file); wait", timeout: 400), jobs: 1
    ).runCase(Self.scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("expected a timeout, got \(result.verdict)")
      return
    }
    #expect(text.contains("no answer within 400 ms"), "\(text)")
    let helper = try #require(
      Int32(
        String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
          .trimmingCharacters(in: .whitespacesAndNewlines)))
    // Gone, or a zombie waiting for a parent that does not reap (PID 1 of a container).
    var gone = false
    for _ in 0..<100 where !gone {
      let stat = FileManager.default.contents(atPath: "/proc/\(helper)/stat")
        .map { String(decoding: $0, as: UTF8.self) }
      gone = stat == nil || stat?.contains(") Z ") == true
      if !gone { usleep(10_000) }
    }
    #expect(gone, "the helper \(helper) still runs")
  }

  /// A session that crashes while a helper it started holds standard output open is reported
  /// as an exit with its status, not as a timeout.
  @Test func aCrashIsSeenWhileAHelperHoldsTheOutput() {
    let clock = ContinuousClock()
    let start = clock.now
    let result = Runner(sut: Self.shell("sleep 3 & read line; kill -SEGV $$"), jobs: 1)
      .runCase(Self.scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("expected an error verdict, got \(result.verdict)")
      return
    }
    #expect(text.contains("exited with status 139"), "\(text)")
    #expect(clock.now - start < .seconds(2))
  }

  /// What a SUT printed is kept in a divergence or an error up to a bound, so that a 100 MB
  /// answer does not make each report file 100 MB.
  @Test func longSUTTextIsBoundedInReports() {
    let long = String(repeating: "é", count: 10_000)
    let kept = Comparator.bounded(long)
    #expect(kept.hasPrefix(String(repeating: "é", count: Comparator.maximumTextLength)))
    #expect(kept.hasSuffix(" … (6000 more characters)"), "\(kept.suffix(40))")
    #expect(Comparator.bounded("short") == "short")
    let fits = String(repeating: "é", count: Comparator.maximumTextLength)
    #expect(Comparator.bounded(fits) == fits)
    let error = AdapterError.setupFailed(status: 1, output: long)
    #expect(error.description.count < Comparator.maximumTextLength + 100)
  }

  /// An error names the case's folder as `{workdir}`, as the scenario does: report.json must
  /// not depend on where a case ran.
  @Test func errorsNameTheCaseFolderAsWorkdir() {
    var scenario = Self.scenario
    scenario.steps = [
      Scenario.Step(session: "s", line: "user change-mfa token-sign --token {workdir}/t.token")
    ]
    let result = Runner(sut: Self.fake("silence"), jobs: 1).runCase(scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("expected an error verdict, got \(result.verdict)")
      return
    }
    #expect(text.contains("--token {workdir}/t.token'"), "\(text)")
  }

  /// One JSON object per command (contract §2): one printed when the input ends answers no
  /// command, and is found as deterministically as a banner's shift.
  @Test func anObjectAtTheEndOfInputIsAnExtraAnswer() {
    let result = Runner(
      sut: Self.shell(
        #"while read l; do echo '{"error_code": 0, "data": "x"}'; done; "#
          + #"echo '{"error_code": 0, "data": "bye"}'"#), jobs: 1
    ).runCase(Self.scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("expected an error verdict, got \(result.verdict)")
      return
    }
    let extra = #"an extra JSON object that answers no command: {"error_code":0,"data":"bye"}"#
    #expect(text.contains(extra), "\(text)")
  }

  @Test func missingProgramIsAnErrorNotACrash() {
    let sut = SubprocessSUT(
      name: "missing", cli: SUTDescription.CLI(session: ["/nonexistent/cli", "interactive"]),
      timeoutMilliseconds: 400, capabilities: [])
    let result = Runner(sut: sut, jobs: 1).runCase(Self.scenario)
    guard case .error(let text) = result.verdict else {
      Issue.record("expected an error verdict, got \(result.verdict)")
      return
    }
    #expect(text.contains("could not start /nonexistent/cli"))
  }

  @Test func otherCasesGoOnAfterAnError() {
    let results = Runner(sut: Self.fake("split"), jobs: 2).run(
      [Self.scenario, Self.scenario, Self.scenario])
    #expect(results.count == 3)
    #expect(results.allSatisfy { $0.verdict == .fail })
  }

  /// The adapter's `{workdir}` substitution agrees with Foundation's literal replacement on
  /// random texts (paths, repeats, overlaps, non-ASCII), and leaves texts without it alone.
  @Test func replacingEveryAgreesWithFoundation() {
    var rng = SplitMix64(seed: UInt64.random(in: 0...UInt64.max))
    let pieces = ["/tmp/w1", "{workdir}", "a", "é", "e\u{301}", "//", "/tmp/w", "1", " ", "ß"]
    for _ in 0..<2_000 {
      let text = (0..<Int(rng.next() % 8)).map { _ in rng.pick(pieces) }.joined()
      let target = rng.pick(["/tmp/w1", "{workdir}", "aa", "/", "é"])
      let replacement = rng.pick(["{workdir}", "", "/tmp/w1/x", "é"])
      let expected = text.replacingOccurrences(of: target, with: replacement, options: .literal)
      #expect(
        text.replacingEvery(target, with: replacement) == expected,
        "\(text.debugDescription) \(target) → \(replacement)")
    }
    #expect("no target here".replacingEvery("{workdir}", with: "/x") == "no target here")
    #expect("aaa".replacingEvery("aa", with: "b") == "ba")
  }
}
