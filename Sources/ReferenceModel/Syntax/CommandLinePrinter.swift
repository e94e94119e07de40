/// Spells a `CommandLineInput` as the one canonical line that parses back to it.
///
/// Options come in usage order; a value is quoted only when it must be (single quotes, or
/// double quotes with `\` escapes when it holds a `'`), and a value that starts with `-` is
/// written `--opt=value`, because clap never takes such a word as the value of `--opt value`.
/// `parse(canonicalText(x)) == x` holds for every `x` the parser can produce. A value holding
/// CR or LF is printed inside quotes, so its canonical text spans several physical lines.
/// Spec: rules HSM-SYNTAX-006 and HSM-SYNTAX-008; house-style.md §6.
package enum CommandLinePrinter {
  /// The canonical line for `input` (empty for `.empty`).
  package static func text(for input: CommandLineInput) -> String {
    switch input {
    case .empty: ""
    case .quit: "quit"
    case .help(let topic): topic == .root ? "help" : "help " + topic.rawValue
    case .command(let command): words(for: command).joined(separator: " ")
    }
  }

  /// The words of `command`'s canonical line, already quoted.
  static func words(for command: Command) -> [String] {
    switch command {
    case .clusterActivate(let password):
      return ["cluster", "activate"] + option("--password", password)
    case .login(let login):
      return ["login"] + identity(login.username, login.role) + option("--password", login.password)
        + (login.mfaToken.map { ["mfa-token-sign"] + option("--token", $0) } ?? [])
    case .logout:
      return ["logout"]
    case .userCreate(let create):
      return ["user", "create"] + identity(create.username, create.role)
        + option("--password", create.password) + option("--approval", create.approval)
    case .userDelete(let delete):
      return ["user", "delete"] + identity(delete.username, delete.role)
        + option("--approval", delete.approval)
    case .userList:
      return ["user", "list"]
    case .userChangePassword(let change):
      return ["user", "change-password"] + identity(change.username, change.role)
        + option("--password", change.password) + option("--approval", change.approval)
        + (change.deregisterMFA ? ["--deregister-mfa"] : [])
        + (change.deregisterQuorum ? ["--deregister-quorum"] : [])
    case .userChangeMFA(let change):
      return ["user", "change-mfa", "token-sign"] + identity(change.username, change.role)
        + option("--change-password", change.password) + option("--token", change.token)
        + option("--approval", change.approval) + (change.deregisters ? ["--deregister"] : [])
        + (change.changeQuorum ? ["--change-quorum"] : [])
    case .quorumRegister(let register):
      return ["user", "change-quorum", "token-sign", "register"]
        + option("--public-key", register.publicKey)
        + option("--signed-token", register.signedToken)
    case .quorumGenerate(let generate):
      return ["quorum", "token-sign", "generate"]
        + option("--service", generate.service.wireName) + option("--token", generate.token)
    case .quorumListValues:
      return ["quorum", "token-sign", "list-quorum-values"]
    case .quorumSetValue(let set):
      return ["quorum", "token-sign", "set-quorum-value"]
        + option("--service", set.service.wireName) + option("--value", String(set.value))
        + option("--approval", set.approval)
    }
  }

  private static func identity(_ username: String, _ role: Role) -> [String] {
    option("--username", username) + option("--role", role.wireName)
  }

  private static func option(_ name: String, _ value: String?) -> [String] {
    guard let value else { return [] }
    // Bytes, not characters: `-` followed by a combining mark is one Character that is not
    // "-", but the parser sees a word starting with a dash (found by the fuzzer).
    if value.utf8.first == UInt8(ascii: "-") { return [name + "=" + quoted(value)] }
    return [name, quoted(value)]
  }

  /// `value` as one word: bare when every character is plain, else quoted.
  package static func quoted(_ value: String) -> String {
    if !value.isEmpty && value.unicodeScalars.allSatisfy(isPlain) { return value }
    // Scalars, not characters: a `'` with a combining mark still ends a quote (fuzzer finding).
    if !value.unicodeScalars.contains("'") { return "'" + value + "'" }
    var result = "\""
    for scalar in value.unicodeScalars {
      if scalar == "\"" || scalar == "\\" { result.append("\\") }
      result.unicodeScalars.append(scalar)
    }
    return result + "\""
  }

  /// ASCII letters, digits and `-_.,/:@%+=`, and visible non-ASCII characters.
  private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", ",", "/", ":", "@", "%", "+", "=":
        return true
      default:
        return false
      }
    }
    return CommandLineDisplay.isVisible(scalar) && !scalar.properties.isWhitespace
  }
}

extension CommandLineInput {
  /// The canonical line that parses back to this value; see `CommandLinePrinter`.
  package var canonicalText: String { CommandLinePrinter.text(for: self) }
}

/// The canonical line for `input`; see `CommandLinePrinter`.
package func canonicalText(_ input: CommandLineInput) -> String {
  CommandLinePrinter.text(for: input)
}
