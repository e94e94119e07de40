import ArgumentParser
import Foundation

extension BenchCommand {
  /// `harness bench fuzz`: each fuzz target's speed and coverage, with and without ASan.
  ///
  /// Spec: issue #7 ("report exec/s and coverage (cov:) for each target in harness bench
  /// fuzz"); docs/fuzzing.md "Measurements".
  struct FuzzBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fuzz",
      abstract: "Run each fuzz target briefly from its seeds; print exec/s and coverage.",
      discussion: """
        Each target is built as `harness fuzz` builds it, with AddressSanitizer (`asan`, the \
        default of `harness fuzz`) and without (`no-asan`, `harness fuzz --no-asan`), then run \
        alone (one process) for --seconds from a fresh copy of its committed seeds, with its \
        dictionary. A table at the end gives runs, exec/s (libFuzzer's average over the run), \
        cov (covered edges; the two builds count edges differently), ft and corpus size, and \
        CommandLine's exec/s against the 100,000 exec/s goal. Run from the package root.
        """)

    /// The two builds `harness fuzz` can make.
    enum Build: String, CaseIterable, ExpressibleByArgument {
      case asan
      case noASan = "no-asan"
    }

    @Option(help: "Seconds per target and build.") var seconds = 20
    @Option(
      name: .customLong("build"),
      help: "A build to measure: asan or no-asan (repeat for both; default both).")
    var builds: [Build] = Build.allCases
    @Option(help: "Scratch folder of the fuzz builds (see harness fuzz --help).")
    var scratchPath = FuzzBuild.defaultScratchPath
    @Flag(help: "Use the binaries already built.") var noBuild = false
    @Argument(help: "Targets (default: all).") var targets: [String] = []

    func validate() throws {
      guard (1...86_400).contains(seconds) else {
        throw ValidationError("--seconds must be 1 to 86400")
      }
    }

    func run() throws {
      let termination = FuzzProcess.forwardingTermination()
      defer { withExtendedLifetime(termination) {} }
      var chosen: [FuzzTarget] = []
      for name in targets {
        guard let target = FuzzTarget.named(name) else {
          throw HarnessFailure.input("error: no fuzz target \(name)")
        }
        chosen.append(target)
      }
      var rows: [(target: FuzzTarget, build: FuzzBuild, status: FuzzStatus)] = []
      var findings = 0
      for target in chosen.isEmpty ? FuzzTarget.all : chosen {
        for kind in builds {
          let build = FuzzBuild(base: scratchPath, addressSanitizer: kind == .asan)
          let (status, crashes) = try measure(target, build)
          findings += crashes.count
          rows.append((target, build, status))
          Output.print(
            "\(pad(target.name, 12)) \(pad(build.name, 8)) \(seconds) s: " + status.text
              + (crashes.isEmpty ? "" : "; FINDING: \(crashes.joined(separator: " "))"))
        }
      }
      Output.print("")
      Output.print(table(rows))
      if findings > 0 {
        throw HarnessFailure(message: "error: run harness fuzz on the targets above", exitCode: 1)
      }
    }

    /// Builds `target` (unless --no-build) and fuzzes it for --seconds from its seeds.
    private func measure(_ target: FuzzTarget, _ build: FuzzBuild) throws -> (
      FuzzStatus, [String]
    ) {
      if !noBuild { try build.build(target) }
      let session = FuzzSession(
        target: target, binary: build.binary(target), injectedBug: false,
        corpus: ".fuzz-corpus/bench/\(target.name)-\(build.name)", extraFlags: [])
      try? FileManager.default.removeItem(atPath: session.corpus)
      try session.seedCorpus()
      try? FileManager.default.removeItem(atPath: session.artifacts)
      try FileManager.default.createDirectory(
        atPath: session.artifacts, withIntermediateDirectories: true)
      let result = try FuzzProcess.run(
        session.binary, [session.corpus] + session.libFuzzerFlags(seconds: seconds),
        environment: FuzzSession.fuzzingEnvironment)
      return (FuzzStatus(result.lines), try session.crashInputs())
    }

    private func table(_ rows: [(target: FuzzTarget, build: FuzzBuild, status: FuzzStatus)])
      -> String
    {
      var lines = [
        pad("target", 12) + " " + pad("build", 8) + " " + pad("runs", 11, right: true)
          + pad("exec/s", 9, right: true) + pad("cov", 7, right: true)
          + pad("ft", 7, right: true) + pad("corpus", 8, right: true)
      ]
      for row in rows {
        let status = row.status
        lines.append(
          pad(row.target.name, 12) + " " + pad(row.build.name, 8) + " "
            + pad(grouped(status.executions), 11, right: true)
            + pad(grouped(status.perSecond), 9, right: true)
            + pad(grouped(status.coverage), 7, right: true)
            + pad(grouped(status.features), 7, right: true)
            + pad(grouped(status.corpus), 8, right: true))
      }
      for row in rows where row.target.name == "CommandLine" {
        lines.append(
          "CommandLine \(row.build.name): \(format(Double(row.status.perSecond) / 100_000, 2))x "
            + "the 100,000 exec/s goal")
      }
      return lines.joined(separator: "\n")
    }
  }
}

/// `text` padded with spaces to `width` (on the left when `right`).
private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - text.count))
  return right ? fill + text : text + fill
}

/// `value` with thousands separators, `12,345`.
private func grouped(_ value: Int) -> String {
  let digits = Array(String(value.magnitude))
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return (value < 0 ? "-" : "") + result
}
