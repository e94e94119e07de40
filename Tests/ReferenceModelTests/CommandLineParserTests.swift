// Spec: spec-digest.md §2.0–§2.7, §2.11; rules HSM-SYNTAX-* (RuleCatalogue+Syntax.swift).
import ReferenceModel
import Testing

private typealias UserCreate = Command.UserCreate
private typealias ChangePassword = Command.UserChangePassword

private func login(_ name: String, _ role: Role, _ password: String? = nil) -> CommandLineInput {
  .command(.login(.init(username: name, role: role, password: password)))
}

private let root = ["cluster", "login", "logout", "quorum", "user", "help", "quit"]
private let userCommands = ["create", "delete", "list", "change-password", "change-mfa", "change-quorum"]

@Suite struct CommandLineParserTests {
  static let accepted: [(String, CommandLineInput)] = [
    ("", .empty), ("  \t ", .empty), ("\r\n", .empty),
    ("quit", .quit), ("  quit\n", .quit),
    ("help", .help(.root)), ("--help", .help(.root)), ("-h", .help(.root)),
    ("--bogus --help", .help(.root)),
    ("help cluster", .help(.cluster)), ("help cluster activate", .help(.clusterActivate)),
    ("help login", .help(.login)), ("help logout", .help(.logout)),
    ("help user", .help(.user)), ("help user create", .help(.userCreate)),
    ("help user delete", .help(.userDelete)), ("help user list", .help(.userList)),
    ("help user change-password", .help(.userChangePassword)),
    ("user help", .help(.user)), ("user help create", .help(.userCreate)),
    ("cluster help activate", .help(.clusterActivate)),
    ("user --help", .help(.user)), ("user -h", .help(.user)), ("cluster --help", .help(.cluster)),
    ("user --bogus -h", .help(.user)),
    ("user create --help", .help(.userCreate)), ("logout -h", .help(.logout)),
    ("user create --username a --role Admin -h", .help(.userCreate)),
    ("user list --foo extra --help", .help(.userList)),
    ("login --username -h", .help(.login)),
    ("user change-password --deregister-mfa=x --help", .help(.userChangePassword)),
    ("cluster activate", .command(.clusterActivate(password: nil))),
    ("cluster activate --password s3cret!", .command(.clusterActivate(password: "s3cret!"))),
    ("cluster activate --password=s3cret", .command(.clusterActivate(password: "s3cret"))),
    ("login --username alice --role admin", login("alice", .admin)),
    (
      "login --role=crypto-user --username=bob --password='pa ss'",
      login("bob", .cryptoUser, "pa ss")
    ),
    ("logout", .command(.logout)), ("user list", .command(.userList)),
    ("user list --", .command(.userList)),
    (
      "user create --username alice --role crypto-user --password \"a\\\"b\" --approval /t/q.token",
      .command(
        .userCreate(
          UserCreate(username: "alice", role: .cryptoUser, password: "a\"b", approval: "/t/q.token")
        ))
    ),
    (
      "user create --role admin --username=carol",
      .command(.userCreate(.init(username: "carol", role: .admin)))
    ),
    (
      "user delete --username=alice --role=admin --approval=/tmp/t",
      .command(.userDelete(.init(username: "alice", role: .admin, approval: "/tmp/t")))
    ),
    (
      "user delete --username dave --role crypto-user",
      .command(.userDelete(.init(username: "dave", role: .cryptoUser)))
    ),
    (
      "user change-password --username bob --role crypto-user --deregister-mfa --deregister-quorum",
      .command(
        .userChangePassword(
          ChangePassword(
            username: "bob", role: .cryptoUser, deregisterMFA: true, deregisterQuorum: true)))
    ),
    (
      "user change-password --deregister-quorum --username bob --role admin --password=n3w --approval a",
      .command(
        .userChangePassword(
          ChangePassword(
            username: "bob", role: .admin, password: "n3w", approval: "a", deregisterQuorum: true)))
    ),
    ("login --username a\\ b --role admin", login("a b", .admin)),
    ("login --username 'it'\\''s' --role admin", login("it's", .admin)),
    ("login --username \"a\\\\b\" --role admin", login("a\\b", .admin)),
    ("login --username \"'\" --role admin", login("'", .admin)),
    ("login --username '' --role admin", login("", .admin)),
    ("login --username= --role admin", login("", .admin)),
    ("login --username a --role admin --password=-secret", login("a", .admin, "-secret")),
    ("login --username a --role admin --password -", login("a", .admin, "-")),
    ("login --username=a=b --role admin", login("a=b", .admin)),
    ("login --username é --role admin --password 日本", login("é", .admin, "日本")),
    ("login '--username' alice \"--role=admin\"", login("alice", .admin)),
    ("lo'gin' --username\talice\t--role admin", login("alice", .admin)),
    ("login --username 'a\nb' --role admin", login("a\nb", .admin)),
    ("login --username a --role admin --password '\\x'", login("a", .admin, "\\x")),
  ]

  @Test(arguments: accepted)
  func acceptedLineParses(_ line: String, _ expected: CommandLineInput) throws {
    #expect(try CommandLineParser.parse(line) == expected)
  }

  static let rejected: [(String, CommandLineError.Kind, Int)] = [
    ("login --username 'abc", .unterminatedQuote, 17),
    ("user list \"abc\\\"", .unterminatedQuote, 10),
    ("user list \\", .danglingEscape, 10),
    ("user list \"abc\\", .danglingEscape, 14),
    ("foo", .unknownCommand("foo", expected: root), 0),
    ("user frob --help", .unknownCommand("frob", expected: userCommands + ["help"]), 5),
    ("cluster deactivate", .unknownCommand("deactivate", expected: ["activate", "help"]), 8),
    ("help user frob", .unknownCommand("frob", expected: userCommands), 10),
    ("help user list extra", .unknownCommand("extra", expected: []), 15),
    ("help quit", .unknownCommand("quit", expected: ["cluster", "login", "logout", "quorum", "user"]), 5),
    ("user", .missingSubcommand(group: "user", expected: userCommands + ["help"]), 4),
    ("cluster  ", .missingSubcommand(group: "cluster", expected: ["activate", "help"]), 9),
    ("user list --foo", .unknownOption("--foo"), 10),
    ("login --username a --role admin -x", .unknownOption("-x"), 32),
    ("user create --user=alice", .unknownOption("--user"), 12),
    ("logout --username a", .unknownOption("--username"), 7),
    ("--foo", .unknownOption("--foo"), 0),
    ("user --foo", .unknownOption("--foo"), 5),
    ("quit --now", .unknownOption("--now"), 5),
    ("help --all", .unknownOption("--all"), 5),
    ("help -h", .unknownOption("-h"), 5),
    ("login --username", .missingValue(option: "--username"), 6),
    ("login --username --role admin", .missingValue(option: "--username"), 6),
    ("login --role admin --username", .missingValue(option: "--username"), 19),
    ("login --role admin --username -x", .missingValue(option: "--username"), 19),
    ("login --role admin --username --", .missingValue(option: "--username"), 19),
    (
      "user change-password --username a --role admin --deregister-mfa=yes",
      .unexpectedValue(option: "--deregister-mfa"), 64
    ),
    ("login --username a --username b --role admin", .repeatedOption("--username"), 19),
    (
      "user change-password --deregister-mfa --deregister-mfa",
      .repeatedOption("--deregister-mfa"), 38
    ),
    (
      "login --username a --role Admin",
      .invalidValue(option: "--role", value: "Admin", possibleValues: ["crypto-user", "admin"]), 26
    ),
    (
      "login --username a --role=",
      .invalidValue(option: "--role", value: "", possibleValues: ["crypto-user", "admin"]), 26
    ),
    (
      "login --username a --role crypto_user",
      .invalidValue(
        option: "--role", value: "crypto_user", possibleValues: ["crypto-user", "admin"]), 26
    ),
    ("login", .missingRequired(["--username", "--role"]), 5),
    ("user create --role admin --password p", .missingRequired(["--username"]), 37),
    ("user delete --username a ", .missingRequired(["--role"]), 25),
    ("logout now", .unexpectedArgument("now"), 7),
    ("quit now", .unexpectedArgument("now"), 5),
    ("user list -- --help", .unexpectedArgument("--help"), 13),
    ("login alice", .unexpectedArgument("alice"), 6),
    ("user list -", .unexpectedArgument("-"), 10),
  ]

  @Test(arguments: rejected)
  func rejectedLineReportsKindAndOffset(
    _ line: String, _ kind: CommandLineError.Kind, _ offset: Int
  ) {
    #expect(throws: CommandLineError.self) { try CommandLineParser.parse(line) }
    do {
      _ = try CommandLineParser.parse(line)
    } catch {
      #expect(error.kind == kind)
      #expect(error.offset == offset)
      #expect(error.length >= 1 && error.offset + error.length <= line.utf8.count + 1)
    }
  }

  static let invalidUTF8: [([UInt8], Int)] = [
    ([0xFF], 0),
    (Array("user list ".utf8) + [0xC3], 10),
    (Array("login --username 'a".utf8) + [0xE2, 0x82] + Array("' --role admin".utf8), 19),
    (Array("user list \\".utf8) + [0xC3, 0x5C, 0xA9], 11),
    (Array("é ".utf8) + [0xED, 0xA0, 0x80], 3),
  ]

  @Test(arguments: invalidUTF8)
  func invalidUTF8ReportsFirstBadByte(_ line: [UInt8], _ offset: Int) {
    #expect(throws: CommandLineError.self) { try CommandLineParser.parse(line) }
    do {
      _ = try CommandLineParser.parse(line)
    } catch {
      #expect(error.kind == .invalidUTF8)
      #expect(error.offset == offset)
    }
  }

  @Test func errorLengthsCoverTheOffendingText() {
    let cases: [(String, Int)] = [
      ("user list '--foo'", 7), ("login --username a --role='Admin'", 7),
      ("user create --user=alice", 6), ("login", 1),
    ]
    for (line, length) in cases {
      #expect(throws: CommandLineError.self) { try CommandLineParser.parse(line) }
      do {
        _ = try CommandLineParser.parse(line)
      } catch {
        #expect(error.length == length, "\(line)")
      }
    }
  }
}

@Suite struct CommandLineErrorRenderingTests {
  /// One golden file per case, `Snapshots/Errors/<name>.txt`, covering every `Kind`.
  static let lines: [String: [UInt8]] = [
    "unterminatedQuote": Array("login --username 'alice --role admin".utf8),
    "danglingEscape": Array("user list \\".utf8),
    "invalidUTF8": Array("login --username al".utf8) + [0xFF] + Array("ice --role admin".utf8),
    "unknownCommand": Array("usr list".utf8),
    "unknownSubcommand": Array("user frob --username a".utf8),
    "unknownHelpTopic": Array("help user list extra".utf8),
    "missingSubcommand": Array("user".utf8),
    "unknownOption": Array("user list --foo".utf8),
    "missingValue": Array("login --role admin --username -x".utf8),
    "unexpectedValue": Array(
      "user change-password --username a --role admin --deregister-mfa=yes".utf8),
    "repeatedOption": Array("login --username a --username b --role admin".utf8),
    "invalidValue": Array("login --username alice --role Admin".utf8),
    "invalidValueEmpty": Array("login --username alice --role=".utf8),
    "missingRequired": Array("user create --password secret".utf8),
    "unexpectedArgument": Array("logout now".utf8),
    "multiByteBeforeError": Array("login --username 'ünïcödé 日本' --role Admin".utf8),
    "combiningMarkBeforeError": Array("login --username e\u{301}e\u{301} --role admin x".utf8),
    "controlCharactersEchoedSafely": Array("user list --f\u{7}oo\t\u{202E}x".utf8),
    "controlCharacterInValue": Array("login --username a --role 'ad\nmin'".utf8),
  ]

  @Test(arguments: lines.keys.sorted())
  func renderedErrorMatchesGolden(_ name: String) throws {
    let line = try #require(Self.lines[name])
    let error = try #require(throws: CommandLineError.self) { try CommandLineParser.parse(line) }
    assertSnapshot(error.render(line: line), named: "Errors/" + name)
  }

  @Test func messageIsTheFirstLineWithoutPrefix() throws {
    let line = "user list --foo"
    let error = try #require(throws: CommandLineError.self) { try CommandLineParser.parse(line) }
    #expect(error.message == "unexpected argument '--foo' found")
    #expect(error.render(line: Array(line.utf8)).hasPrefix("error: " + error.message + "\n"))
  }

  @Test(arguments: [-5, 0, 3, 100], [0, 1, 50, -2])
  func renderingAnyOffsetDoesNotTrap(_ offset: Int, _ length: Int) {
    let error = CommandLineError(.danglingEscape, offset: offset, length: length)
    #expect(error.render(line: Array("ab\u{0}é".utf8) + [0xFF]).hasPrefix("error: "))
  }
}
