import ArgumentParser
import Conformance
import Foundation
import ReferenceModel
import TokenSigning

/// The file-system side of `harness run`: the SUT, the baseline and the report files.
enum RunSetup {
  /// A trace runner for `harness explore` and its benchmarks: RSA keys, made once per run,
  /// which both the simulator and the in-process model (`systemUnderTest`) check.
  /// A trace runner with RSA keys, or none when `tokenMoves` is false: traces without token
  /// moves sign nothing, and making three RSA keys costs a short run a tenth of its time.
  static func traceRunner(sut: any SystemUnderTest, level: ComparisonLevel, tokenMoves: Bool = true)
    throws -> TraceRunner
  {
    TraceRunner(
      sut: sut, level: level, keys: tokenMoves ? try exploreKeys(.rsa) : .empty,
      verifier: TokenCrypto.rsa.verifier)
  }

  /// The keys of `Trace.keyNames` from `crypto`, made once for a whole run of traces (an RSA
  /// key generation is slow); failing to make them ends the command.
  static func exploreKeys(_ crypto: TokenCrypto) throws -> KeyRing {
    switch crypto.makeKeys(Trace.keyNames) {
    case .success(let keys): return keys
    case .failure(let error):
      throw HarnessFailure(
        message: "error: cannot make the signing keys: \(error.message)", exitCode: 3)
    }
  }

  static func systemUnderTest(sut: String?, inProcess: Bool) throws -> any SystemUnderTest {
    if inProcess { return ModelSUT(verifier: RSASignatureVerifier.verifier) }
    guard let sut else { return bundledSimulator() }
    let description: SUTDescription
    do {
      description = try SUTDescription.load(path: sut)
    } catch {
      throw HarnessFailure.input(error.description)
    }
    guard let subprocess = SubprocessSUT(description) else {
      throw HarnessFailure.input(
        "\(sut): error: profile '\(description.profile.name)' is not supported by harness run yet")
    }
    return subprocess
  }

  /// The bundled simulator: this very executable, `simulate interactive --cluster {cluster}`,
  /// optionally serving a mutant.
  static func bundledSimulator(mutant: Mutant? = nil) -> SubprocessSUT {
    let extra = mutant.map { ["--mutant", $0.rawValue] } ?? []
    return SubprocessSUT(
      name: "user-rules-conformance reference simulator"
        + (mutant.map { " (mutant \($0.rawValue))" } ?? ""),
      cli: SUTDescription.CLI(
        session: [Self.executable, "simulate", "interactive", "--cluster", "{cluster}"] + extra),
      timeoutMilliseconds: 10_000, capabilities: ScenarioCatalog.allCapabilities)
  }

  /// This executable's path (the bundled simulator's sessions, and the benchmark's peer, run
  /// it).
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }

  /// The mutant named on the command line, or a usage error listing the names.
  static func mutant(_ name: String) throws -> Mutant {
    guard let mutant = Mutant(rawValue: name) else {
      throw HarnessFailure.input(
        "error: unknown mutant '\(name)'; `harness simulate --list-mutants` lists them")
    }
    return mutant
  }

  static func loadBaseline(_ path: String) throws -> Set<String> {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HarnessFailure.input(
        "\(path):1:1: error: cannot read the baseline file: \(ScenarioCatalog.readProblem(path))")
    }
    do {
      return try Baseline.load(bytes: Array(data), file: path).keys
    } catch {
      throw HarnessFailure.input(error.description)
    }
  }

  static func defaultRunName(_ name: String, inProcess: Bool) -> String {
    if inProcess { return "model" }
    if name.hasPrefix("user-rules-conformance reference simulator") { return "simulator" }
    let slug = name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
    let joined = String(slug).split(separator: "-").joined(separator: "-")
    // One folder of its own under the reports folder: a SUT named "..", ".", "/" or "" must
    // not write its reports beside the others' or above them.
    let trimmed = joined.drop { $0 == "." || $0 == "-" }
    return trimmed.isEmpty ? "sut" : String(trimmed)
  }

  /// Checks, before a run, that its report folder `<root>/<runName>` can be written, so that
  /// a long run does not end with its reports lost.
  static func checkReportFolder(under root: String, runName: String) throws {
    do {
      try OutputFiles.checkWritableFolder(root + "/" + runName)
    } catch {
      throw HarnessFailure.input("error: cannot write reports: \(error)")
    }
  }

  /// Writes report.json, junit.xml, summary.md and timing.json (and baseline.json if asked)
  /// into `<root>/<runName>`, then prints the terminal summary and ends with the run's exit
  /// code. If the files cannot be written, the summary is still printed, then the error; the
  /// exit code is the run's if it failed, else 2.
  static func finishRun(
    _ report: RunReport, under root: String, baseline: Bool, interrupt: Interrupt? = nil
  ) throws {
    let folder = root + "/" + report.runName
    let catalogue = RuleCatalogue.rules(forProfile: report.sut.profile)
    var files = [
      ("report.json", ReportJSON.render(report, catalogue: catalogue)),
      ("junit.xml", JUnitReport.render(report)),
      ("summary.md", SummaryMarkdown.render(report, catalogue: catalogue)),
      ("timing.json", ReportJSON.timing(report)),
    ]
    if baseline { files.append(("baseline.json", Baseline.render(from: report))) }
    do {
      try OutputFiles.createFolder(folder)
      for (name, text) in files { try OutputFiles.write(text, to: folder + "/" + name) }
    } catch {
      Output.print(TerminalSummary.render(report, folder: folder))
      throw HarnessFailure(
        message: "error: cannot write reports: \(error)",
        exitCode: report.exitCode != 0 ? report.exitCode : 2)
    }
    Output.print(TerminalSummary.render(report, folder: folder))
    if let code = interrupt?.exitCode {
      let unfinished = report.cases.filter {
        $0.verdict == .error(message: Runner.interruptedMessage)
      }
      Output.error(
        "harness run: interrupted; \(unfinished.count) of \(report.cases.count) test cases did "
          + "not finish (errors in the reports)")
      throw ExitCode(code)
    }
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
  }
}

/// A progress line on standard error, only when it is a terminal.
final class Progress: @unchecked Sendable {
  private let enabled: Bool
  private let lock = NSLock()

  init(total: Int) {
    enabled = isatty(STDERR_FILENO) != 0 && total > 1
  }

  func update(_ done: Int, _ total: Int) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    Output.errorRaw("\r[\(done)/\(total)] test cases")
  }

  func finish() {
    if enabled { Output.errorRaw("\r\u{1B}[K") }
  }
}
