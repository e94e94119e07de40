package import Foundation
package import ReferenceModel

/// A SUT whose sessions are interactive CLI processes, described by a SUT file.
///
/// Each test case gets a fresh `{cluster}` and `{workdir}` under a temporary folder, the
/// optional `setup` command, and one `session` process per scenario session, started on first
/// use. The folders are removed when the case ends.
/// Spec: sut-contract.md §1 and §2.
package struct SubprocessSUT: SystemUnderTest {
  package var name: String
  package var cli: SUTDescription.CLI
  package var timeoutMilliseconds: Int
  package var capabilities: [String]
  /// The most standard output one step may print (`SessionProcess`).
  package var maximumOutputPerStep = SessionProcess.defaultMaximumOutputPerStep

  package init(
    name: String, cli: SUTDescription.CLI, timeoutMilliseconds: Int, capabilities: [String]
  ) {
    self.name = name
    self.cli = cli
    self.timeoutMilliseconds = timeoutMilliseconds
    self.capabilities = capabilities
  }

  /// The SUT a `cloudhsm-cli` description names; `nil` for another profile.
  package init?(_ description: SUTDescription) {
    guard case .cloudhsmCLI(let cli) = description.profile else { return nil }
    self.init(
      name: description.name, cli: cli, timeoutMilliseconds: description.timeoutMilliseconds,
      capabilities: description.capabilities)
  }

  package var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(name: name, profile: "cloudhsm-cli", capabilities: capabilities)
  }

  /// Where case folders go: `$URC_CASE_ROOT` if set, else `/dev/shm` when it is a writable
  /// folder (tmpfs: a SUT that replaces its state file on every command pays no disk flush,
  /// which made multi-session runs 3 to 4 times slower on ext4), else the temporary folder.
  package static let caseRoot: URL = {
    let environment = ProcessInfo.processInfo.environment
    if let root = environment["URC_CASE_ROOT"], !root.isEmpty { return URL(fileURLWithPath: root) }
    if FileManager.default.isWritableFile(atPath: "/dev/shm") {
      return URL(fileURLWithPath: "/dev/shm")
    }
    return FileManager.default.temporaryDirectory
  }()

  package func startCase(_ scenario: Scenario, keys: KeyRing) throws(AdapterError)
    -> any CaseConnection
  {
    let base = Self.caseRoot.appendingPathComponent(
      "urc-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
    let cluster = base.appendingPathComponent("cluster").path
    let workdir = base.appendingPathComponent("workdir").path
    do {
      try FileManager.default.createDirectory(atPath: cluster, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
      // The public half of each case key, where scenarios name it: {workdir}/NAME.pem.
      for name in keys.names {
        guard let pem = keys.publicKeyPEM(name) else { continue }
        try Data(pem.utf8).write(
          to: URL(fileURLWithPath: workdir).appendingPathComponent("\(name).pem"))
      }
    } catch {
      throw .couldNotStart(program: "(case folders)", reason: "\(error)")
    }
    let substitute: (String) -> String = {
      $0.replacingEvery("{cluster}", with: cluster)
        .replacingEvery("{workdir}", with: workdir)
    }
    let connection = SubprocessConnection(
      argv: cli.session.map(substitute), environment: cli.environment,
      timeoutMilliseconds: timeoutMilliseconds, folder: base.path, workdir: workdir, keys: keys,
      maximumOutputPerStep: maximumOutputPerStep)
    if let setup = cli.setup {
      do throws(AdapterError) {
        try connection.runSetup(setup.map(substitute))
      } catch {
        _ = connection.close()
        throw error
      }
    }
    return connection
  }
}
