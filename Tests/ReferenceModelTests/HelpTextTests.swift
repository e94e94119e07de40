// Spec: cloudhsm-cli-user-change-mfa.md "Syntax"; spec-digest.md §2.0, §2.3–§2.7, §2.11.
import ReferenceModel
import Testing

@Suite struct HelpTextTests {
  @Test(arguments: HelpTopic.allCases)
  func helpTextMatchesGolden(_ topic: HelpTopic) {
    let name = topic == .root ? "root" : topic.rawValue.replacing(" ", with: "-")
    assertSnapshot(HelpText.text(for: topic), named: "Help/" + name)
  }

  @Test(arguments: HelpTopic.allCases)
  func everyHelpRequestReachesItsTopic(_ topic: HelpTopic) throws {
    let path = topic.rawValue
    #expect(try CommandLineParser.parse(("help " + path)) == .help(topic))
    #expect(try CommandLineParser.parse(path + " --help") == .help(topic))
    #expect(try CommandLineParser.parse(path + " -h") == .help(topic))
  }

  @Test(arguments: [HelpTopic.userCreate, .userDelete, .login, .userChangePassword])
  func rolePossibleValuesAreListedVerbatim(_ topic: HelpTopic) {
    let block = """
            --role <ROLE>
                Role the user has in the cluster

                Possible values:
                - crypto-user: A CryptoUser has the ability to manage and use keys
                - admin:       An Admin has the ability to manage user accounts
      """
    #expect(HelpText.text(for: topic).contains(block))
  }

  @Test func rootListsEveryCommandInOrder() {
    let text = HelpText.text(for: .root)
    let names = text.split(separator: "\n").drop { $0 != "Commands:" }.dropFirst()
      .map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(names == ["cluster", "login", "logout", "quorum", "user", "help", "quit"])
  }

  @Test(arguments: [
    (HelpTopic.userCreate, "Create a new user"), (.userDelete, "Delete a user"),
    (.logout, "Logout of your cluster"), (.userList, "List the users in your cluster"),
    (.userChangePassword, "Change a user's password"),
  ])
  func descriptionIsTheDocumentedOne(_ topic: HelpTopic, _ about: String) {
    #expect(HelpText.text(for: topic).hasPrefix(about + "\n\nUsage: " + topic.rawValue))
  }
}
