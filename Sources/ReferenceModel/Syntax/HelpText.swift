/// The clap-4-style help text the CLI prints for `help …` and `… --help`.
///
/// Groups show a description, `Usage: <group> <COMMAND>` and a `Commands:` list ending with
/// `help`, as `help user change-mfa` does. Commands show a description, the usage line and an
/// `Options:` list; when an option has a multi-line description (`--role`'s possible values)
/// clap's long layout is used: every description on its own line, indented ten spaces, and
/// `--help` says "Print help (see a summary with '-h')". Descriptions are verbatim from the
/// documentation where it has them; the rest are marked inferred below.
/// Spec: cloudhsm-cli-user-change-mfa.md "Syntax"; spec-digest.md §2.0, §2.3–§2.7, §2.11;
/// rule HSM-SYNTAX-009.
package enum HelpText {
  /// The help text for `topic`, without a trailing newline.
  package static func text(for topic: HelpTopic) -> String {
    let sections: [String]
    if topic == .login {
      // A command with a subcommand: clap shows both lists.
      sections = [
        about(topic), "Usage: " + usage(topic), commandsSection(topic), optionsSection(topic),
      ]
    } else if !topic.isGroup {
      sections = [about(topic), "Usage: " + usage(topic), optionsSection(topic)]
    } else {
      sections = [about(topic), "Usage: " + usage(topic), commandsSection(topic)]
    }
    return sections.joined(separator: "\n\n")
  }

  /// The one-line description of `topic`.
  package static func about(_ topic: HelpTopic) -> String {
    switch topic {
    case .root: "CloudHSM CLI"  // inferred
    case .cluster: "Manage your cluster"  // inferred
    case .clusterActivate:
      "This command will set the initial Admin password. This process will cause your CloudHSM "
        + "cluster to move into the ACTIVE state."
    case .login: "Login to your cluster"  // inferred, after logout's text
    case .logout: "Logout of your cluster"
    case .user: "Manage the users of your cluster"  // inferred
    case .userCreate: "Create a new user"
    case .userDelete: "Delete a user"
    case .userList: "List the users in your cluster"
    case .userChangePassword: "Change a user's password"
    case .loginMFATokenSign: "Login with token-sign mfa strategy"  // inferred
    case .userChangeMFA: "Change a user's Mfa Strategy"
    case .userChangeMFATokenSign:
      "Register or Deregister a public key using token-sign mfa strategy"
    case .userChangeQuorum: "Change a user's quorum strategy"  // inferred
    case .userChangeQuorumTokenSign: "Change a user's token-sign quorum strategy"  // inferred
    case .quorumRegister: "Register a user for quorum authentication with a public key"
    case .quorum: "Manage quorum (M of N) authentication"  // inferred
    case .quorumTokenSign: "Manage quorum tokens with the token-sign strategy"  // inferred
    case .quorumGenerate: "Generate a token"
    case .quorumListValues: "List quorum values for all services"
    case .quorumSetValue: "Set a quorum value for a service"
    }
  }

  /// The usage line after `Usage: `.
  static func usage(_ topic: HelpTopic) -> String {
    if topic == .root { return "<COMMAND>" }
    if topic.isGroup { return topic.rawValue + " <COMMAND>" }
    if topic == .loginMFATokenSign {
      // As documented (spec-digest §2.2).
      return "login --username <USERNAME> --role <ROLE> mfa-token-sign --token <TOKEN>"
    }
    let options = CommandLineParser.options(for: topic)
    guard !options.isEmpty else { return topic.rawValue }
    let required = options.filter(\.isRequired).map(\.displayName)
    // The documented usage lines spell out the optional password, except login's.
    let hasPassword = options.contains { $0.name == "--password" } && topic != .login
    let password = hasPassword ? ["[--password <PASSWORD>]"] : []
    let group = CommandLineParser.exclusiveGroup(for: topic)
    let groupText = group.isEmpty ? [] : [CommandLineParser.exclusiveGroupText(group, options)]
    let hasOptional = options.contains { !$0.isRequired && !group.contains($0.name) }
    return ([topic.rawValue] + (hasOptional ? ["[OPTIONS]"] : []) + required + password + groupText)
      .joined(separator: " ")
  }

  private static let helpDescription =
    "Print this message or the help of the given subcommand(s)"

  private static func commandsSection(_ group: HelpTopic) -> String {
    var rows = group.children.map { ($0.commandName, about($0)) }
    rows.append(("help", helpDescription))
    if group == .root { rows.append(("quit", "Quit the interactive session")) }  // inferred
    let width = rows.map(\.0.count).max() ?? 0
    let lines = rows.map { name, text in
      "  " + name + String(repeating: " ", count: width - name.count + 2) + text
    }
    return (["Commands:"] + lines).joined(separator: "\n")
  }

  private static func optionsSection(_ topic: HelpTopic) -> String {
    let options = CommandLineParser.options(for: topic)
    guard !options.isEmpty else { return "Options:\n  -h, --help  Print help" }
    let hasRole = options.contains { $0.name == "--role" }
    var blocks = options.map { spec in
      (["      " + spec.displayName] + description(of: spec.name, in: topic).map(indented))
        .joined(separator: "\n")
    }
    let help = hasRole ? "Print help (see a summary with '-h')" : "Print help"
    blocks.append("  -h, --help\n" + indented(help))
    return "Options:\n" + blocks.joined(separator: "\n\n")
  }

  private static func indented(_ line: String) -> String {
    line.isEmpty ? "" : String(repeating: " ", count: 10) + line
  }

  /// The description lines of one option (an empty string is a blank line).
  private static func description(of option: String, in topic: HelpTopic) -> [String] {
    switch option {
    case "--username":
      switch topic {
      case .login: return ["Username to access the Cluster"]
      case .userChangePassword: return ["Username of the user that will be modified"]
      default: return ["Username to access the HSM cluster"]
      }
    case "--role":
      return [
        "Role the user has in the cluster", "", "Possible values:",
        "- crypto-user: A CryptoUser has the ability to manage and use keys",
        "- admin:       An Admin has the ability to manage user accounts",
      ]
    case "--password" where topic == .clusterActivate:
      return [
        "Optional: Plaintext activation password If you do not include this argument you will "
          + "be prompted for it."
      ]
    case "--password":
      return [
        "Optional: Plaintext user's password. If you do not include this argument you will be "
          + "prompted for it"
      ]
    case "--approval": return ["Filepath of signed quorum token file to approve operation"]
    case "--change-password":
      return [
        "Optional: Plaintext user's password. If you do not include this argument you will be "
          + "prompted for it"
      ]
    case "--token" where topic == .quorumGenerate:
      return ["Filepath where the unsigned token file will be written"]  // inferred
    case "--token" where topic == .loginMFATokenSign:
      return ["Filepath where the unsigned token file will be written"]
    case "--token":
      return [
        "Filepath where the unsigned token file will be written. Required for enabling MFA for "
          + "a user"
      ]
    case "--deregister": return ["Deregister the MFA public key, if present"]
    case "--change-quorum": return ["Change the Quorum public key along with the MFA key"]
    case "--public-key": return ["Filepath to public key PEM file"]
    case "--signed-token": return ["Filepath with token signed by user private key"]
    case "--service" where topic == .quorumGenerate:
      return ["Service the token will be used for", "", "Possible values:"]
        + ["- user", "- quorum", "- registration"]  // inferred descriptions omitted
    case "--service":
      return ["Service the quorum value applies to", "", "Possible values:", "- user", "- quorum"]
    case "--value": return ["Value to set. The maximum quorum value is eight (8)"]
    case "--deregister-mfa": return ["Deregister the user's mfa public key, if present"]
    case "--deregister-quorum": return ["Deregister the user's quorum public key, if present"]
    default: return []
    }
  }
}
