// The `harness` executable as a user meets it: help for every command, errors with positions
// and exit code 2, never a crash.
// Spec: issue #3 acceptance ("--help … explain themselves"; "Bad input on the command line
// gives an error with its position and exit code 2"); sut-contract.md §4.
import Foundation
import ReferenceModel
import Testing

@Suite struct HarnessCommandLineTests {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func harness(_ arguments: [String], stdin: String = "") throws -> Result {
    guard let path = TestPaths.harness else {
      Issue.record("the harness executable was not built beside the tests")
      return Result(status: -1, stdout: "", stderr: "")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
    let output = Pipe()
    let errors = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }

  @Test(arguments: [
    [], ["run"], ["scenarios"], ["diff"], ["rules"], ["simulate"], ["simulate", "interactive"],
    ["parse"], ["check-sut"], ["bench"], ["bench", "model"], ["bench", "suite"],
  ])
  func everyCommandExplainsItself(_ command: [String]) throws {
    let result = try Self.harness(command + ["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE: harness"), "\(result.stdout)")
    #expect(result.stdout.contains("OVERVIEW:") || command.isEmpty == false)
  }

  /// `--time` of explore and fuzz: one reading of a duration (compounds such as `1h30m`
  /// included), and a huge or malformed one is a usage error, not an overflow trap.
  @Test func durationsAreReadAlikeAndNeverTrap() throws {
    let compound = try Self.harness([
      "explore", "--in-process", "--time", "1h30m", "--steps", "20", "--length", "10", "--no-write",
    ])
    #expect(compound.status == 0, "\(compound.stderr)")
    #expect(compound.stdout.contains("explore: 20 steps"), "\(compound.stdout)")
    for command in [["explore", "--in-process"], ["fuzz", "CommandLine", "--no-build"]] {
      for bad in [
        "99999999999999999999d", "9999999999999999d", "9999999d", "1e9", "0", "-5s", "10x", "h",
        "1..5s",
      ] {
        let result = try Self.harness(command + ["--time=\(bad)"])
        #expect(result.status == 2, "\(command) --time '\(bad)': \(result.stderr)")
        #expect(result.stderr.contains("--time takes a length of time"), "\(result.stderr)")
      }
    }
  }

  /// Scripts (benchmarks/compare.py, mutant loops) read the first column: whole names.
  @Test func listMutantsGivesEveryNameWhole() throws {
    let result = try Self.harness(["simulate", "--list-mutants"])
    let names = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }
    #expect(names.map(String.init) == Mutant.allCases.map(\.rawValue))
  }

  @Test func unknownOptionShowsItsPositionAndExitsWith2() throws {
    let result = try Self.harness(["rules", "--jsn"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: Unknown option '--jsn'"), "\(result.stderr)")
    #expect(result.stderr.contains(" --> argument 2, column 15"), "\(result.stderr)")
    #expect(result.stderr.contains("  | harness rules --jsn\n  |               ^^^^^"))
  }

  @Test func badOptionValueExitsWith2() throws {
    let result = try Self.harness(["run", "--level", "loose"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("loose"), "\(result.stderr)")
  }

  @Test func badCloudHSMLineShowsACaretAndExitsWith2() throws {
    let result = try Self.harness(["parse", "user create --username alice --role Admin"])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "invalid value 'Admin' for '--role <ROLE>' [possible values: crypto-user, admin]"))
    #expect(result.stderr.contains("^^^^^"))
  }

  @Test func goodCloudHSMLineIsPrintedCanonically() throws {
    let result = try Self.harness([
      "parse", "user list", "login --role=admin --username 'Bob' --password='a b'",
    ])
    #expect(result.status == 0)
    #expect(result.stdout == "user list\nlogin --username Bob --role admin --password 'a b'\n")
  }

  @Test func badSUTFileNamesFileLineAndColumn() throws {
    let file = TestPaths.fixtures + "/sut"
    let bad = try FileManager.default.contentsOfDirectory(atPath: file).filter {
      $0.hasPrefix("bad") || $0.contains("unknown")
    }.sorted()
    #expect(!bad.isEmpty)
    for name in bad {
      for command in [["check-sut", file + "/" + name], ["run", "--sut", file + "/" + name]] {
        let result = try Self.harness(command)
        #expect(result.status == 2, "\(command): \(result.stderr)")
        #expect(result.stderr.contains(file + "/" + name + ":"), "\(command): \(result.stderr)")
      }
    }
  }

  @Test func missingSUTFileIsAnInputError() throws {
    let result = try Self.harness(["run", "--sut", "/nonexistent/sut.json"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("/nonexistent/sut.json:1:1: error:"), "\(result.stderr)")
  }

  @Test func badScenarioFolderIsAnInputErrorWithPositions() throws {
    let result = try Self.harness(["run", "--scenarios", TestPaths.fixtures + "/bad-scenarios"])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("broken.scenario:6:1: error: expected a step"), "\(result.stderr)")
  }

  static func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "urc-out-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Output paths: an empty one would write under `/`, a run name with `..` above the reports
  /// folder, and a folder that cannot be written is found before the run, not after it.
  @Test func outputPathsAreCheckedBeforeARun() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let one = ["--filter", "login/app-user-cannot-log-in"]
    for (arguments, message) in [
      (["run", "--in-process", "--reports", ""], "--reports must name a folder or file"),
      (["explore", "--in-process", "--scenarios", ""], "--scenarios must name a folder or file"),
      (["mutants", "--reports", ""], "--reports must name a folder or file"),
      (["run", "--in-process", "--run-name", "../up"], "--run-name must be a plain folder name"),
      (["run", "--in-process", "--run-name=.."], "--run-name must be a plain folder name"),
      (["bench", "model", "--commands", "9223372036854775807"], "--commands must be 1 to"),
      (["explore", "--in-process", "--sessions", "100000"], "--sessions 1 to 64"),
    ] {
      let result = try Self.harness(arguments)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
    // The reports folder is a file: refused before any case runs, with the system's reason.
    let file = folder + "/a-file"
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let blocked = try Self.harness(["run", "--in-process", "--reports", file] + one)
    #expect(blocked.status == 2, "\(blocked.stderr)")
    #expect(blocked.stderr.contains("error: cannot write reports: \(file)"), "\(blocked.stderr)")
    #expect(!blocked.stdout.contains("test cases"), "\(blocked.stdout)")
    // A SUT named ".." gets a report folder of its own under --reports.
    let harness = try #require(TestPaths.harness)
    let sut = folder + "/dots.json"
    let session = [harness, "simulate", "interactive", "--cluster", "{cluster}"]
    let quoted = session.map { "\"\($0)\"" }.joined(separator: ", ")
    try Data(#"{"name": "..", "profile": "cloudhsm-cli", "session": [\#(quoted)]}"#.utf8).write(
      to: URL(fileURLWithPath: sut))
    let reports = folder + "/reports"
    let dots = try Self.harness(["run", "--sut", sut, "--reports", reports] + one)
    #expect(dots.status == 0, "\(dots.stderr)")
    #expect(FileManager.default.fileExists(atPath: reports + "/sut/report.json"), "\(dots.stdout)")
  }

  /// What a scenario or a SUT supplies reaches the terminal with its control characters
  /// escaped: an escape sequence in a command line must not recolour or clear the screen.
  @Test func controlCharactersAreEscapedOnTheTerminal() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(
      atPath: folder + "/x", withIntermediateDirectories: true)
    let scenario = """
      # id: x/y
      # description: d
      # rules: HSM-LIST-001
      # spec: s

      [a] user list \u{1B}[2J\u{7}
        => error HSM-SYNTAX-001

      """
    try Data(scenario.utf8).write(to: URL(fileURLWithPath: folder + "/x/y.scenario"))
    let sut = folder + "/sut.json"
    let fake = TestPaths.fixtures + "/fake-suts/misbehave.py"
    try Data(
      #"{"name": "fake\u001b[31m", "profile": "cloudhsm-cli", "session": ["python3", "\#(fake)", "not-envelope"]}"#
        .utf8
    ).write(to: URL(fileURLWithPath: sut))
    let result = try Self.harness([
      "run", "--sut", sut, "--scenarios", folder, "--reports", folder + "/reports",
    ])
    #expect(result.stdout.contains("error in x/y"), "\(result.stdout)")
    #expect(result.stdout.contains(#"harness run: fake\u{1B}[31m"#), "\(result.stdout)")
    #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }

  /// SIGTERM (a CI job's timeout) stops a run cleanly and soon: the reports are written, with
  /// the unfinished cases as errors, and the exit code is 143. A step waiting for an answer
  /// (here from a SUT that never answers, with a 60 s timeout) is cut short.
  @Test func aTerminatedRunStillWritesItsReports() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sut = folder + "/mute.json"
    try Data(
      #"{"name": "mute", "profile": "cloudhsm-cli", "session": ["cat"], "timeout_ms": 60000}"#.utf8
    ).write(to: URL(fileURLWithPath: sut))
    let harness = try #require(TestPaths.harness)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: harness)
    process.arguments = ["run", "--sut", sut, "--reports", folder + "/reports"]
    process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    usleep(1_500_000)
    let clock = ContinuousClock()
    let stopped = clock.now
    process.terminate()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 143, "\(stderr)")
    #expect(clock.now - stopped < .seconds(10), "the run waited out its steps' timeouts")
    let report = try String(contentsOfFile: folder + "/reports/mute/report.json", encoding: .utf8)
    #expect(report.contains("not finished: the run was interrupted"))
  }

  @Test func simulatorAnswersOnItsOwn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "urc-sim-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.harness(
      ["simulate", "interactive", "--cluster", folder],
      stdin: "cluster activate\nAdmin-pw1\nAdmin-pw1\n")
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "aws-cloudhsm > Enter password:\nConfirm password:\n{\n  \"error_code\": 0,\n  \"data\": \"Cluster activation successful\"\n}"
      ),
      "\(result.stdout)")
  }

  /// A session's options are read without ArgumentParser when they are only `--cluster` and
  /// `--mutant` (a faster start); every spelling must mean what ArgumentParser makes of it,
  /// and anything else must still get ArgumentParser's errors.
  @Test func simulatorSessionOptionsInEverySpelling() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "urc-sim-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let refused = "\"error_code\": 1"
    for options in [
      ["--cluster", folder, "--mutant", "list-needs-login"],
      ["--mutant=list-needs-login", "--cluster=\(folder)"],
      ["--cluster", folder, "--mutant", "no-lockout", "--mutant", "list-needs-login"],
    ] {
      let result = try Self.harness(["simulate", "interactive"] + options, stdin: "user list\n")
      #expect(result.status == 0 && result.stdout.contains(refused), "\(options): \(result)")
    }
    let plain = try Self.harness(["simulate", "interactive", "--cluster=\(folder)"], stdin: "user list\n")
    #expect(plain.status == 0 && plain.stdout.contains("\"error_code\": 0"), "\(plain)")
    let unknown = try Self.harness(["simulate", "interactive", "--cluster", folder, "--bogus"])
    #expect(unknown.status == 2 && unknown.stderr.contains("--bogus"), "\(unknown)")
    let mutant = try Self.harness(["simulate", "interactive", "--cluster", folder, "--mutant", "nope"])
    #expect(mutant.status == 2 && mutant.stderr.contains("unknown mutant 'nope'"), "\(mutant)")
    let missing = try Self.harness(["simulate", "interactive", "--cluster"])
    #expect(missing.status == 2 && missing.stderr.contains("--cluster"), "\(missing)")
  }
}

extension HarnessCommandLineTests {
  /// Every run is reproducible from its printed seed, across processes (a Dictionary walked in
  /// its per-process order once made two runs of one seed differ).
  @Test func exploreRunsAreReproducibleFromTheSeed() throws {
    let arguments = [
      "explore", "--mutant", "empty-username-accepted", "--seed", "1", "--no-write",
      "--steps", "1600",
    ]
    let first = try Self.harness(arguments)
    let second = try Self.harness(arguments)
    #expect(first.status == 1)
    let finding: (Result) -> String = { result in
      result.stdout.split(separator: "\n").first { $0.hasPrefix("divergence after") }.map {
        String($0.prefix { $0 != "(" })
      } ?? "none"
    }
    #expect(finding(first) != "none")
    #expect(finding(first) == finding(second))
  }
}
