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

    /// The value placeholder clap shows, e.g. `<USERNAME>`; `nil` for a flag.
    package var placeholder: String? {
      takesValue ? "<" + String(name.dropFirst(2)).uppercased() + ">" : nil
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
    switch topic {
    case .root, .cluster, .user, .logout, .userList: return []
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
    }
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
      if child.children.isEmpty {
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
    if helpFlagIndex(in: words) != nil { return .help(topic) }
    let specs = options(for: topic)
    var parsed = ParsedOptions()
    try parsed.read(words, specs: specs)
    let missing = specs.filter { $0.isRequired && parsed.values[$0.name] == nil }
    guard missing.isEmpty else {
      throw CommandLineError(.missingRequired(missing.map(\.name)), offset: lineLength)
    }
    return parsed.input(for: topic)
  }

  static func error(_ kind: CommandLineError.Kind, at word: Word) -> CommandLineError {
    CommandLineError(kind, offset: word.start, length: max(1, word.length))
  }
}

/// The options read from one command's words, before they become a `Command`.
private struct ParsedOptions {
  var values: [String: String] = [:]
  var flags: Set<String> = []

  mutating func read(
    _ words: CommandLineParser.Words, specs: [CommandLineParser.OptionSpec]
  ) throws(CommandLineError) {
    var index = words.startIndex
    var endOfOptions = false
    while index < words.endIndex {
      let word = words[index]
      index += 1
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
    }
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
    return value.text
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
      return .command(.login(.init(username: username, role: role, password: password)))
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
    }
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
    }
  }

  /// The subcommands of a group, in declaration order; empty for a command. A table rather
  /// than a computation, since the parser asks for it on every line.
  package var children: [HelpTopic] {
    switch self {
    case .root: [.cluster, .login, .logout, .user]
    case .cluster: [.clusterActivate]
    case .user: [.userCreate, .userDelete, .userList, .userChangePassword]
    default: []
    }
  }
}
