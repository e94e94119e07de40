import ArgumentParser
import Conformance
import Foundation
import ReferenceModel
import SigV4Crypto

/// `harness simulate iam --port P`: the bundled IAM simulator on loopback.
struct SimulateIAMCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "iam",
    abstract: "Serve the IAM Query API subset the IAM scenarios need, backed by the model.",
    discussion: """
      Listens on 127.0.0.1 only, verifies AWS Signature Version 4 on every request and answers \
      in IAM's XML (errors as `ErrorResponse`). Actions: CreateUser, DeleteUser, GetUser, \
      CreateLoginProfile, DeleteLoginProfile, CreateAccessKey, DeleteAccessKey, PutUserPolicy, \
      DeleteUserPolicy, Update/Get/DeleteAccountPasswordPolicy and ChangePassword. The account \
      root user's key is --root-access-key-id/--root-secret-access-key (defaults: the \
      simulator's published development key); --write-sut writes a SUT description whose \
      admin and root are that key. Runs until interrupted. Example:
        harness simulate iam --port 5060 --write-sut /tmp/iam-sim.json
        aws --endpoint-url http://127.0.0.1:5060 iam get-user --user-name alice
      """)

  @Option(help: "TCP port on 127.0.0.1 (0 picks a free one).")
  var port: Int

  @Option(help: "The SigV4 region requests are signed for.")
  var region = "us-east-1"

  @Option(help: "The root user's access key ID.")
  var rootAccessKeyId = IAMSimulator.defaultRoot.accessKeyID

  @Option(help: "The root user's secret access key.")
  var rootSecretAccessKey = IAMSimulator.defaultRoot.secretAccessKey

  @Option(help: "Write a SUT description for this simulator to this file.")
  var writeSut: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    if let writeSut { try OutputFiles.requirePath(writeSut, option: "--write-sut") }
  }

  func run() throws {
    let root = SUTDescription.Credentials(
      accessKeyID: rootAccessKeyId, secretAccessKey: rootSecretAccessKey)
    let server = try IAMSimulatorServer.start(port: UInt16(port), region: region, root: root)
    if let writeSut {
      let text = IAMSimulatorServer.description(port: server.port, region: region, root: root)
      do {
        try OutputFiles.write(text, to: writeSut)
      } catch {
        throw HarnessFailure(
          message: "error: cannot write the SUT description: \(error)", exitCode: 2)
      }
    }
    Output.write("harness simulate iam: listening on http://127.0.0.1:\(server.port)\n")
    server.run()
  }
}

/// Starting the bundled IAM simulator, for `simulate iam` and for `run --profile iam`.
enum IAMSimulatorServer {
  static func start(port: UInt16, region: String, root: SUTDescription.Credentials) throws
    -> HTTPServer
  {
    let simulator = IAMSimulator(root: root, region: region, digests: .swiftCrypto)
    do {
      return try HTTPServer(port: port) { simulator.handle($0) }
    } catch {
      throw HarnessFailure(message: "error: \(error.description)", exitCode: 3)
    }
  }

  /// The SUT description (JSON text) of a simulator on `port`.
  static func description(port: UInt16, region: String, root: SUTDescription.Credentials)
    -> String
  {
    let key: JSONValue = .object([
      ("access_key_id", .string(root.accessKeyID)),
      ("secret_access_key", .string(root.secretAccessKey)),
    ])
    return JSONValue.object([
      ("name", .string("user-rules-conformance IAM simulator")), ("profile", .string("iam")),
      ("endpoint", .string("http://127.0.0.1:\(port)")), ("region", .string(region)),
      ("admin", key), ("root", key),
    ]).prettyText + "\n"
  }
}
