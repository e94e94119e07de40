// The model target's decoder and check, and the reference clusters of the command-line check.
// Spec: house-style.md §5 (stateful property) and §6 (ByteReader after cryptofuzz's Datasource).
import Fuzz
import PropertyBased
import ReferenceModel
import Testing

@Suite struct ModelCheckTests {
  @Test func randomProgramsKeepEveryProperty() async {
    await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...400)) { bytes in
      let found = bytes.withUnsafeBytes { checkModel($0) }
      #expect(found.isEmpty, "\(bytes): \(found)")
    }
  }

  @Test func byteReaderStopsWhenTheBytesRunOut() throws {
    var reader = ByteReader([7, 200])
    #expect(try reader.int(below: 5) == 2)
    #expect(try reader.pick(["a", "b"]) == "a")
    #expect(reader.isAtEnd)
    #expect(throws: ByteReader.OutOfData.self) { try reader.byte() }
    #expect(reader.bytes(upTo: 3).isEmpty)
  }

  /// The seeds must keep reaching acceptances (a format change would silently waste them).
  @Test(arguments: CorpusReplayTests.files("Model"))
  func modelSeedsReachAcceptedCommands(_ name: String) throws {
    var reader = ByteReader(try CorpusReplayTests.bytes("Model", name))
    var state = ClusterState(configuration: try ModelProgram.configuration(&reader))
    var accepted: [String] = []
    while let step = try? ModelProgram.step(&reader, in: state) {
      if case .command(let session, let command) = step,
        state.apply(command, in: session).isAccepted
      {
        accepted.append(command.name)
      }
    }
    #expect(accepted.contains("login"), "\(name): \(accepted)")
    #expect(accepted.count >= 3, "\(name): \(accepted)")
  }

  @Test func referenceClustersAreTheDocumentedOnes() {
    let states = ReferenceClusters.all
    let session = ReferenceClusters.session
    #expect(states.count == 4)
    #expect(!states[0].isActivated && states[0].logins.isEmpty)
    #expect(states[1].loggedInUser(session)?.role == .unactivatedAdmin)
    #expect(states[2].isActivated && states[2].loggedInUser(session)?.name == "admin")
    #expect(states[2].users["carol"]?.locked == true)
    #expect(states[2].logins[ReferenceClusters.other] == "alice")
    #expect(states[3].loggedInUser(session)?.name == "alice")
    for state in states { #expect(state.checkInvariants().isEmpty) }
  }
}
