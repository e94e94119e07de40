extension CommandLineError {
  /// The syntax rule that this error breaks (HSM-SYNTAX-*).
  package var rule: RuleID {
    switch kind {
    case .unterminatedQuote, .danglingEscape, .invalidUTF8: .quoting
    case .unknownCommand, .missingSubcommand: .unknownCommand
    case .unknownOption: .unknownOption
    case .missingValue, .unexpectedValue: .optionValueForm
    case .repeatedOption: .repeatedOption
    case .invalidValue(let option, _, _): option == "--role" ? .roleValues : .optionValues
    case .conflictingOptions: .mfaTokenOrDeregister
    case .missingRequired(let options):
      options.contains { $0.hasPrefix("<") } ? .mfaTokenOrDeregister : .requiredOptionMissing
    case .unexpectedArgument: .unexpectedArgument
    }
  }
}
