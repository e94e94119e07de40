/// Reads one line typed at the `aws-cloudhsm > ` prompt into a typed `CommandLineInput`.
///
/// Bytes in, value or `CommandLineError` out; it never traps, whatever the bytes (it is
/// fuzzed). The grammar follows clap, the library the CLI is built with: options come as
/// `--opt value` or `--opt=value`; a next word that starts with `-` is never taken as a value
/// (clap's `allow_hyphen_values` is off); `-h` or `--help` anywhere after a known command path
/// prints that command's help and wins over every other mistake; `--` ends the options.
/// `help [path…]`, `<group> help [path…]`, `quit` and blank lines are handled here too.
/// Spec: spec-digest.md §2.0–§2.7, §2.11; rules HSM-SYNTAX-*.
package enum CommandLineParser {
  /// One `--option` of a command, in usage order.
  ///
  /// Spec: spec-digest.md §2.1, §2.4, §2.5, §2.7, §2.11 (usage lines and options).
  package struct OptionSpec: Hashable, Sendable {
    /// The option as typed, e.g. `--username`.
    package var name: String
    /// `false` for a flag such as `--deregister-mfa` (read as a flag, spec-digest Q9).
    package var takesValue: Bool
    /// Whether the usage line lists the option outside brackets.
    package var isRequired: Bool
    /// What the value may be.
    package var values: Values = .any

    /// The values an option accepts.
    package enum Values: Hashable, Sendable {
      /// Any word.
      case any
      /// One of these words (clap's value enums; case-sensitive).
      case oneOf([String])
      /// A whole number that fits 32 bits (clap's `u32`).
      case number
    }

    package init(name: String, takesValue: Bool, isRequired: Bool, values: Values = .any) {
      self.name = name
      self.takesValue = takesValue
      self.isRequired = isRequired
      self.values = values
    }

    /// The value placeholder clap shows, e.g. `<USERNAME>`; `nil` for a flag.
    package var placeholder: String? {
      takesValue
        ? "<" + String(name.dropFirst(2)).uppercased().replacing("-", with: "_") + ">" : nil
    }

    /// The option with its placeholder, e.g. `--username <USERNAME>`, as clap names it.
    package var displayName: String { placeholder.map { name + " " + $0 } ?? name }
  }

  /// The options of a command, in usage order; empty for groups and option-less commands.
  package static func options(for topic: HelpTopic) -> [OptionSpec] {
    let username = OptionSpec(name: "--username", takesValue: true, isRequired: true)
    let role = OptionSpec(name: "--role", takesValue: true, isRequired: true)
    let password = OptionSpec(name: "--password", takesValue: true, isRequired: false)
    let approval = OptionSpec(name: "--approval", takesValue: true, isRequired: false)
    let token = OptionSpec(name: "--token", takesValue: true, isRequired: true)
    switch topic {
    case .root, .cluster, .user, .logout, .userList, .userChangeMFA, .userChangeQuorum,
      .userChangeQuorumTokenSign, .quorum, .quorumTokenSign, .quorumListValues:
      return []
    case .clusterActivate: return [password]
    case .login: return [username, role, password]
    case .userCreate: return [username, role, password, approval]
    case .userDelete: return [username, role, approval]
    case .userChangePassword:
      return [
        username, role, password, approval,
        OptionSpec(name: "--deregister-mfa", takesValue: false, isRequired: false),
        OptionSpec(name: "--deregister-quorum", takesValue: false, isRequired: false),
      ]
    case .loginMFATokenSign: return [token]
    case .userChangeMFATokenSign:
      return [
        username, role,
        OptionSpec(name: "--change-password", takesValue: true, isRequired: false),
        OptionSpec(name: "--token", takesValue: true, isRequired: false), approval,
        OptionSpec(name: "--deregister", takesValue: false, isRequired: false),
        OptionSpec(name: "--change-quorum", takesValue: false, isRequired: false),
      ]
    case .quorumRegister:
      return [
        OptionSpec(name: "--public-key", takesValue: true, isRequired: true),
        OptionSpec(name: "--signed-token", takesValue: true, isRequired: true),
      ]
    case .quorumGenerate:
      let services = QuorumService.allCases.map(\.wireName)
      return [
        OptionSpec(name: "--service", takesValue: true, isRequired: true, values: .oneOf(services)),
        token,
      ]
    case .quorumSetValue:
      let services = QuorumService.valued.map(\.wireName)
      return [
        OptionSpec(name: "--service", takesValue: true, isRequired: true, values: .oneOf(services)),
        OptionSpec(name: "--value", takesValue: true, isRequired: true, values: .number),
        approval,
      ]
    }
  }

  /// Options of which exactly one must be given (clap's required group), per command.
  ///
  /// Spec: cloudhsm-cli-user-change-mfa.md usage `<--token <TOKEN>|--deregister>` (HSM-MFA-002).
  static func exclusiveGroup(for topic: HelpTopic) -> [String] {
    topic == .userChangeMFATokenSign ? ["--token", "--deregister"] : []
  }

  /// The subcommand names a group offers, in help order, including `help` (and `quit` at root).
  package static func subcommandNames(of group: HelpTopic) -> [String] {
    subcommandNameTable[group] ?? []
  }

  /// `subcommandNames(of:)` of every topic, built once: every "unrecognized subcommand" error
  /// carries them, and that is the command-line fuzz target's most frequent rejection.
  private static let subcommandNameTable: [HelpTopic: [String]] = Dictionary(
    uniqueKeysWithValues: HelpTopic.allCases.map { group in
      let names = group.children.map(\.commandName)
      return (group, group == .root ? names + ["help", "quit"] : names + ["help"])
    })

  /// Parses one line (without or with its line terminator, which counts as a blank).
  package static func parse(_ bytes: some Collection<UInt8>) throws(CommandLineError)
    -> CommandLineInput
  {
    let line = Array(bytes)
    let words = try CommandLineTokenizer.words(in: line)
    guard !words.isEmpty else { return .empty }
    return try parseGroup(.root, words[...], lineLength: line.count)
  }

  /// Parses the UTF-8 bytes of `line`.
  package static func parse(_ line: String) throws(CommandLineError) -> CommandLineInput {
    try parse(Array(line.utf8))
  }

  typealias Word = CommandLineTokenizer.Word
  typealias Words = ArraySlice<Word>

  private static func parseGroup(
    _ group: HelpTopic, _ words: Words, lineLength: Int
  ) throws(CommandLineError) -> CommandLineInput {
    guard let first = words.first else {
      throw CommandLineError(
        .missingSubcommand(group: group.rawValue, expected: subcommandNames(of: group)),
        offset: lineLength)
    }
    let rest = words.dropFirst()
    if group == .root && first.text == "quit" { return try parseQuit(rest) }
    if first.text == "help" { return try parseHelpPath(from: group, rest) }
    if let child = group.children.first(where: { $0.commandName == first.text }) {
      if !child.isGroup {
        return try parseCommand(child, rest, lineLength: lineLength)
      }
      return try parseGroup(child, rest, lineLength: lineLength)
    }
    guard first.looksLikeOption else {
      throw error(.unknownCommand(first.text, expected: subcommandNames(of: group)), at: first)
    }
    if helpFlagIndex(in: words) != nil { return .help(group) }
    throw error(.unknownOption(first.text), at: first)
  }

  /// `help a b` (or `<group> help a b`): each word names a subcommand of the previous one.
  private static func parseHelpPath(
    from group: HelpTopic, _ words: Words
  ) throws(CommandLineError) -> CommandLineInput {
    var topic = group
    for word in words {
      if let child = topic.children.first(where: { $0.commandName == word.text }) {
        topic = child
      } else if word.looksLikeOption {
        throw error(.unknownOption(word.text), at: word)
      } else {
        let expected = topic.children.map(\.commandName)
        throw error(.unknownCommand(word.text, expected: expected), at: word)
      }
    }
    return .help(topic)
  }

  private static func parseQuit(_ words: Words) throws(CommandLineError) -> CommandLineInput {
    guard let first = words.first else { return .quit }
    if first.looksLikeOption { throw error(.unknownOption(first.text), at: first) }
    throw error(.unexpectedArgument(first.text), at: first)
  }

  /// The index of the first `-h`/`--help` before any `--`.
  private static func helpFlagIndex(in words: Words) -> Int? {
    for index in words.indices {
      if words[index].text == "--" { return nil }
      if words[index].isHelpFlag { return index }
    }
    return nil
  }

  private static func parseCommand(
    _ topic: HelpTopic, _ words: Words, lineLength: Int
  ) throws(CommandLineError) -> CommandLineInput {
    if let help = helpFlagIndex(in: words) {
      // `login … mfa-token-sign --help` asks for the subcommand's help.
      let sub = topic.children.first { child in
        words[..<help].contains { $0.text == child.commandName }
      }
      return .help(sub ?? topic)
    }
    var parsed = ParsedOptions()
    let subcommand = try readOptions(topic, words, into: &parsed, lineLength: lineLength)
    if let subcommand {
      // The only subcommand of a command is `login mfa-token-sign` (spec-digest §2.2).
      var sub = ParsedOptions()
      _ = try readOptions(
        subcommand.topic, words[(subcommand.index + 1)...], into: &sub, lineLength: lineLength)
      parsed.values["--token"] = sub.values["--token"]
      parsed.mfaTokenSign = true
    }
    return parsed.input(for: topic)
  }

  /// Reads one command's options and checks them; returns the subcommand word that ended
  /// them, if the command has subcommands and one follows.
  private static func readOptions(
    _ topic: HelpTopic, _ words: Words, into parsed: inout ParsedOptions, lineLength: Int
  ) throws(CommandLineError) -> (topic: HelpTopic, index: Int)? {
    let specs = options(for: topic)
    let subcommand = try parsed.read(words, specs: specs, subcommands: topic.children)
    let group = exclusiveGroup(for: topic)
    let given = group.compactMap { name -> Word? in parsed.firstWord[name] }
    if given.count > 1, let second = given.max(by: { $0.start < $1.start }),
      let first = given.min(by: { $0.start < $1.start })
    {
      throw error(
        .conflictingOptions(OptionWord(second).name, with: OptionWord(first).name), at: second)
    }
    var missing = specs.filter { $0.isRequired && parsed.values[$0.name] == nil }.map(\.name)
    if !group.isEmpty && given.isEmpty { missing.append(exclusiveGroupText(group, specs)) }
    guard missing.isEmpty else {
      throw CommandLineError(.missingRequired(missing), offset: lineLength)
    }
    return subcommand
  }

  /// `<--token <TOKEN>|--deregister>`, as clap names a required group.
  static func exclusiveGroupText(_ group: [String], _ specs: [OptionSpec]) -> String {
    let names = group.map { name in specs.first { $0.name == name }?.displayName ?? name }
    return "<" + names.joined(separator: "|") + ">"
  }

  static func error(_ kind: CommandLineError.Kind, at word: Word) -> CommandLineError {
    CommandLineError(kind, offset: word.start, length: max(1, word.length))
  }
}

/// The options read from one command's words, before they become a `Command`.
private struct ParsedOptions {
  var values: [String: String] = [:]
  var flags: Set<String> = []
  /// The word that gave each option, for errors about option combinations.
  var firstWord: [String: CommandLineTokenizer.Word] = [:]
  /// Whether `login` was given its `mfa-token-sign` subcommand.
  var mfaTokenSign = false

  /// Reads options until the words end or a subcommand word starts a new argument; returns
  /// that subcommand and its index.
  mutating func read(
    _ words: CommandLineParser.Words, specs: [CommandLineParser.OptionSpec],
    subcommands: [HelpTopic] = []
  ) throws(CommandLineError) -> (topic: HelpTopic, index: Int)? {
    var index = words.startIndex
    var endOfOptions = false
    while index < words.endIndex {
      let word = words[index]
      index += 1
      if !endOfOptions, let sub = subcommands.first(where: { $0.commandName == word.text }) {
        return (sub, index - 1)
      }
      if endOfOptions || !word.looksLikeOption {
        throw CommandLineParser.error(.unexpectedArgument(word.text), at: word)
      }
      if word.text == "--" {
        endOfOptions = true
        continue
      }
      let split = OptionWord(word)
      guard word.text.hasPrefix("--"), let spec = specs.first(where: { $0.name == split.name })
      else {
        throw CommandLineError(
          .unknownOption(split.name), offset: word.start, length: split.nameLength)
      }
      if values[spec.name] != nil || flags.contains(spec.name) {
        throw CommandLineError(
          .repeatedOption(spec.name), offset: word.start, length: split.nameLength)
      }
      if spec.takesValue {
        values[spec.name] = try value(of: spec, split, in: words, at: &index)
      } else if let inline = split.inlineValue {
        throw CommandLineError(
          .unexpectedValue(option: spec.name), offset: inline.offset, length: inline.length)
      } else {
        flags.insert(spec.name)
      }
      firstWord[spec.name] = word
    }
    return nil
  }

  /// The value of `spec`: after its `=`, or the next word unless that looks like an option.
  private func value(
    of spec: CommandLineParser.OptionSpec, _ split: OptionWord, in words: CommandLineParser.Words,
    at index: inout Int
  ) throws(CommandLineError) -> String {
    let value: (text: String, offset: Int, length: Int)
    if let inline = split.inlineValue {
      value = inline
    } else if index < words.endIndex, !words[index].looksLikeOption {
      value = (words[index].text, words[index].start, max(1, words[index].length))
      index += 1
    } else {
      throw CommandLineError(
        .missingValue(option: spec.name), offset: split.start, length: split.nameLength)
    }
    if spec.name == "--role" && Role(cliValue: value.text) == nil {
      throw CommandLineError(
        .invalidValue(
          option: spec.name, value: value.text, possibleValues: Role.selectable.map(\.wireName)),
        offset: value.offset, length: value.length)
    }
    switch spec.values {
    case .any: break
    case .oneOf(let allowed) where !allowed.contains(value.text):
      throw CommandLineError(
        .invalidValue(option: spec.name, value: value.text, possibleValues: allowed),
        offset: value.offset, length: value.length)
    case .oneOf: break
    case .number where ParsedOptions.number(value.text) == nil:
      throw CommandLineError(
        .invalidValue(option: spec.name, value: value.text, possibleValues: []),
        offset: value.offset, length: value.length)
    case .number: break
    }
    return value.text
  }

  /// A `u32` as clap reads it: ASCII digits only (a leading `+` is allowed by Rust's parser).
  static func number(_ text: String) -> Int? {
    var digits = Substring(text)
    if digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let value = UInt32(digits)
    else { return nil }
    return Int(value)
  }

  /// The command for `topic`; call only after the required options were checked.
  func input(for topic: HelpTopic) -> CommandLineInput {
    let username = values["--username"] ?? ""
    let role = values["--role"].flatMap(Role.init(cliValue:)) ?? .admin
    let password = values["--password"]
    let approval = values["--approval"]
    switch topic {
    case .root, .cluster, .user: return .help(topic)
    case .clusterActivate: return .command(.clusterActivate(password: password))
    case .login:
      return .command(
        .login(
          .init(
            username: username, role: role, password: password,
            mfaToken: mfaTokenSign ? values["--token"] ?? "" : nil)))
    case .logout: return .command(.logout)
    case .userList: return .command(.userList)
    case .userCreate:
      return .command(
        .userCreate(
          .init(username: username, role: role, password: password, approval: approval)))
    case .userDelete:
      return .command(.userDelete(.init(username: username, role: role, approval: approval)))
    case .userChangePassword:
      return .command(
        .userChangePassword(
          .init(
            username: username, role: role, password: password, approval: approval,
            deregisterMFA: flags.contains("--deregister-mfa"),
            deregisterQuorum: flags.contains("--deregister-quorum"))))
    case .loginMFATokenSign:
      // Reached only through `login` (the subcommand is read as part of it).
      return .help(topic)
    case .userChangeMFA, .userChangeQuorum, .userChangeQuorumTokenSign, .quorum,
      .quorumTokenSign:
      return .help(topic)
    case .userChangeMFATokenSign:
      return .command(
        .userChangeMFA(
          .init(
            username: username, role: role, password: values["--change-password"],
            token: values["--token"], approval: approval,
            changeQuorum: flags.contains("--change-quorum"))))
    case .quorumRegister:
      return .command(
        .quorumRegister(
          .init(
            publicKey: values["--public-key"] ?? "", signedToken: values["--signed-token"] ?? "")))
    case .quorumGenerate:
      return .command(.quorumGenerate(.init(service: service, token: values["--token"] ?? "")))
    case .quorumListValues: return .command(.quorumListValues)
    case .quorumSetValue:
      return .command(
        .quorumSetValue(
          .init(
            service: service, value: values["--value"].flatMap(ParsedOptions.number) ?? 0,
            approval: approval)))
    }
  }

  private var service: QuorumService {
    values["--service"].flatMap(QuorumService.init(cliValue:)) ?? .user
  }
}

/// An option word split at its first `=`, with the line offsets of both halves.
private struct OptionWord {
  var name: String
  /// Line offset of the word's first byte.
  var start: Int
  /// Line bytes from the word's start up to (not including) the `=`, at least 1.
  var nameLength: Int
  var inlineValue: (text: String, offset: Int, length: Int)?

  init(_ word: CommandLineTokenizer.Word) {
    start = word.start
    guard let (equals, equalsOffset) = word.equals else {
      name = word.text
      nameLength = max(1, word.length)
      return
    }
    let utf8 = word.text.utf8
    let equalsIndex = utf8.index(utf8.startIndex, offsetBy: equals)
    name = String(Substring(utf8[..<equalsIndex]))
    nameLength = max(1, equalsOffset - word.start)
    let valueText = String(Substring(utf8[utf8.index(after: equalsIndex)...]))
    inlineValue = (valueText, equalsOffset + 1, max(1, word.end - equalsOffset - 1))
  }
}

extension HelpTopic {
  /// The last word of the topic's path (`change-password` for `user change-password`).
  package var commandName: String {
    switch self {
    case .root: ""
    case .cluster: "cluster"
    case .clusterActivate: "activate"
    case .login: "login"
    case .logout: "logout"
    case .user: "user"
    case .userCreate: "create"
    case .userDelete: "delete"
    case .userList: "list"
    case .userChangePassword: "change-password"
    case .loginMFATokenSign: "mfa-token-sign"
    case .userChangeMFA: "change-mfa"
    case .userChangeMFATokenSign: "token-sign"
    case .userChangeQuorum: "change-quorum"
    case .userChangeQuorumTokenSign: "token-sign"
    case .quorumRegister: "register"
    case .quorum: "quorum"
    case .quorumTokenSign: "token-sign"
    case .quorumGenerate: "generate"
    case .quorumListValues: "list-quorum-values"
    case .quorumSetValue: "set-quorum-value"
    }
  }

  /// The subcommands of a group, in declaration order; empty for a command. A table rather
  /// than a computation, since the parser asks for it on every line.
  package var children: [HelpTopic] {
    switch self {
    case .root: [.cluster, .login, .logout, .quorum, .user]
    case .cluster: [.clusterActivate]
    case .login: [.loginMFATokenSign]
    case .user:
      [.userCreate, .userDelete, .userList, .userChangePassword, .userChangeMFA, .userChangeQuorum]
    case .userChangeMFA: [.userChangeMFATokenSign]
    case .userChangeQuorum: [.userChangeQuorumTokenSign]
    case .userChangeQuorumTokenSign: [.quorumRegister]
    case .quorum: [.quorumTokenSign]
    case .quorumTokenSign: [.quorumGenerate, .quorumListValues, .quorumSetValue]
    default: []
    }
  }

  /// Whether the topic is a group that needs a subcommand (`login` has one, but runs alone too).
  package var isGroup: Bool { !children.isEmpty && self != .login }
}
