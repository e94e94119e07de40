extension RuleCatalogue {
  static let identifiers: [Rule] = [
    Rule(
      .usernameMaxLength,
      "A username has at most 31 characters.",
      .digest("2.0 Identifier rules (HSM-NAME-001)")),
    Rule(
      .usernameCharacters,
      "A username consists of ASCII letters, digits and underscores only.",
      .documented(
        document: "cloudhsm-cli-user-change-mfa.md",
        section: "Arguments <USERNAME> ('The only special character permitted is an underscore')")),
    Rule(
      .usernameCaseInsensitive,
      "Usernames are case-insensitive and always shown in lowercase.",
      .changePassword("To change HSM user passwords ('user names are not case sensitive')")),
    Rule(
      .usernameNotEmpty,
      "An empty username is rejected.",
      .inferred(reason: "no minimum length is documented (spec-digest HSM-NAME-006)")),
    Rule(
      .passwordLength,
      "A new password has 8 to 32 characters; the minimum is a model parameter because older "
        + "documentation says 7.",
      .digest("2.0 Password rules (HSM-PW-001, HSM-PW-002; Q1)")),
    Rule(
      .passwordCaseSensitive,
      "Passwords are case-sensitive.",
      .changePassword(
        "To change HSM user passwords ('User types and passwords are case "
          + "sensitive')")),
    Rule(
      .passwordNoComplexity,
      "Passwords have no character-class requirements.",
      .inferred(reason: "no complexity rule is documented (spec-digest HSM-PW-005)")),
    Rule(
      .passwordCountsScalars,
      "Password length counts Unicode scalar values, not bytes.",
      .inferred(reason: "the limits say 'characters'; multi-byte handling is undocumented (Q1)")),
    Rule(
      .passwordPrompted,
      "A command whose password option is omitted prompts `Enter password:` (and `Confirm "
        + "password:` for a new password); the model, which cannot prompt, rejects it.",
      .digest("2.0 Password rules (HSM-PW-004)")),
    Rule(
      .passwordConfirmation,
      "When a new password is prompted for, the confirmation must equal it; otherwise the "
        + "command is rejected.",
      .inferred(reason: "the prompts are documented, a mismatch's handling is not (HSM-PW-004)")),
  ]

  static let syntax: [Rule] = [
    Rule(
      .unknownCommand,
      "An unknown command or subcommand, or a command group without its subcommand, is a usage "
        + "error.",
      .documented(
        document: "cloudhsm-cli-user-change-mfa.md", section: "Syntax (the Commands lists)")),
    Rule(
      .requiredOptionMissing,
      "A required option (`--username`, `--role` where the usage line has them) that is absent is "
        + "a usage error.",
      .digest("2.4, 2.5, 2.7 (usage lines)")),
    Rule(
      .unknownOption,
      "An option the command does not have is a usage error.",
      .inferred(reason: "the CLI is built on clap, which rejects unknown arguments")),
    Rule(
      .repeatedOption,
      "An option given twice is a usage error.",
      .inferred(reason: "clap's default for single-valued options")),
    Rule(
      .roleValues,
      "`--role` accepts exactly `crypto-user` and `admin` (case-sensitive); anything else is a "
        + "usage error listing the possible values.",
      .digest("2.0 Roles (possible values) and HSM-NAME-005")),
    Rule(
      .quoting,
      "Words are split on blanks; single quotes, double quotes and backslash escapes group "
        + "them; an unterminated quote, a trailing backslash or invalid UTF-8 is a usage error.",
      .inferred(reason: "the interactive line syntax is undocumented; this is a shell-like reading")
    ),
    Rule(
      .unexpectedArgument,
      "A word that no option or subcommand takes is a usage error.",
      .inferred(reason: "clap rejects unexpected positional arguments")),
    Rule(
      .optionValueForm,
      "An option value follows as the next word or after `=`; a next word that starts with `-` is "
        + "not taken as a value, and a flag given a value is a usage error.",
      .inferred(
        reason: "clap's default (allow_hyphen_values off); --deregister-mfa is read as a flag "
          + "(spec-digest Q9)")),
    Rule(
      .helpText,
      "`help`, `help <command>` and `<command> --help` (or `-h`) print clap-style help text "
        + "instead of a JSON answer.",
      .documented(document: "cloudhsm-cli-user-change-mfa.md", section: "Syntax")),
  ]
}
