import ArgumentParser
import Conformance
import Foundation
import Glibc
import ReferenceModel
import TokenSigning

/// `harness simulate`: the bundled reference simulator, the default SUT.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Run the bundled reference simulator (a CloudHSM-CLI-compatible SUT).",
    discussion: """
      `harness simulate interactive --cluster DIR` runs one session; add `--mutant NAME` to \
      serve the model with exactly one rule broken (`harness simulate --list-mutants`). \
      `harness simulate iam --port P` serves the IAM profile over HTTP on loopback.
      """,
    subcommands: [Interactive.self, SimulateIAMCommand.self])

  @Flag(help: "List the mutants (deliberately broken simulators) with the rule each breaks.")
  var listMutants = false

  func run() throws {
    guard listMutants else { throw CleanExit.helpRequest(self) }
    // `padding(toLength:)` also truncates: pad to the longest name, so every name stays whole
    // (scripts read the first column).
    let width = Mutant.allCases.map(\.rawValue.count).max() ?? 0
    for mutant in Mutant.allCases {
      let padded = mutant.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
      Output.print("\(padded) \(mutant.rule)  \(mutant.summary)")
    }
  }

  /// `harness simulate interactive --cluster DIR`.
  struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "interactive",
      abstract: "One interactive CloudHSM CLI session on the cluster stored in DIR.",
      discussion: """
        Reads command lines from standard input at the prompt `aws-cloudhsm > ` and answers \
        each with the JSON envelope, pretty-printed as the CloudHSM CLI prints it. Several \
        sessions started on the same DIR share one cluster (DIR/state.json, updated under a \
        file lock with an atomic replace). An empty DIR is a new, unactivated cluster. End of \
        input or `quit` logs the session out. Example:
          mkdir /tmp/c && harness simulate interactive --cluster /tmp/c
        """)

    @Option(help: "The cluster's folder (must exist; empty for a new cluster).")
    var cluster: String

    @Option(help: "Serve this mutant instead of the true rules (see --list-mutants).")
    var mutant: String?

    func run() throws { try Self.run(Arguments(cluster: cluster, mutant: mutant)) }

    /// What a session needs from its command line.
    struct Arguments: Equatable {
      var cluster: String
      var mutant: String?

      init(cluster: String, mutant: String?) {
        self.cluster = cluster
        self.mutant = mutant
      }

      /// `simulate interactive` with `--cluster DIR` and at most a `--mutant NAME` (each once,
      /// as `--name value` or `--name=value`), read without ArgumentParser; nil for anything
      /// else, which then goes the normal way (help, errors and all).
      ///
      /// Each step of a trace may start a session, and a parse from the root reflects over
      /// the whole command tree: ArgumentParser's conformance lookups were 5 ms of an 11.5 ms
      /// start of the binary, so this halves the cost of a session.
      /// Spec: issue #5 (steps/s: the simulator's start is paid per session).
      init?(quickly arguments: [String]) {
        guard arguments.count >= 4, arguments[0] == "simulate", arguments[1] == "interactive"
        else { return nil }
        // Two optionals, not a dictionary: a first `[String: String]` costs this process a
        // search of the binary's conformance records (about 0.15 ms of a 1.8 ms start).
        var cluster: String?
        var mutant: String?
        var index = 2
        while index < arguments.count {
          let word = arguments[index]
          let name: String
          let value: String
          if let equals = word.firstIndex(of: "=") {
            name = String(word[..<equals])
            value = String(word[word.index(after: equals)...])
            index += 1
          } else {
            guard index + 1 < arguments.count else { return nil }
            name = word
            value = arguments[index + 1]
            index += 2
          }
          guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
          switch name {
          case "--cluster" where cluster == nil: cluster = value
          case "--mutant" where mutant == nil: mutant = value
          default: return nil
          }
        }
        guard let cluster else { return nil }
        self.init(cluster: cluster, mutant: mutant)
      }
    }

    /// Runs one session on `arguments.cluster`.
    static func run(_ arguments: Arguments) throws {
      let (cluster, mutant) = (arguments.cluster, arguments.mutant)
      var configuration = ModelConfiguration()
      if let mutant {
        guard let chosen = Mutant(rawValue: mutant) else {
          throw HarnessFailure.input(
            "error: unknown mutant '\(mutant)'; `harness simulate --list-mutants` lists them")
        }
        configuration.mutant = chosen
      }
      let store: ClusterStore
      do {
        store = try ClusterStore(directory: cluster, configuration: configuration)
      } catch {
        throw HarnessFailure.input("error: \(error)")
      }
      var input = LineReader(fd: STDIN_FILENO)
      var session = SimulatorSession(store: store, processID: getpid())
      session.verifier = RSASignatureVerifier.verifier
      do {
        try session.run(readLine: { input.next() }, write: { Output.write($0) })
      } catch {
        throw HarnessFailure(message: "error: \(error)", exitCode: 3)
      }
    }
  }
}

/// Reads lines from a file descriptor without Foundation's buffering surprises.
struct LineReader {
  let fd: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var ended = false
  private var chunk = [UInt8](repeating: 0, count: 65536)

  init(fd: Int32) { self.fd = fd }

  /// The next line without its `\n` (and `\r`), or nil at end of input.
  mutating func next() -> [UInt8]? {
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        var line = Array(buffer[start..<newline])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        start = newline + 1
        if start > 65536 {
          buffer.removeFirst(start)
          start = 0
        }
        return line
      }
      if ended {
        guard start < buffer.count else { return nil }
        let line = Array(buffer[start...])
        start = buffer.count
        return line
      }
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { ended = true } else { buffer += chunk[0..<count] }
    }
  }
}
