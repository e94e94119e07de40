extension CommandLineError {
  /// The syntax rule that this error breaks (HSM-SYNTAX-*).
  package var rule: RuleID {
    switch kind {
    case .unterminatedQuote, .danglingEscape, .invalidUTF8: .quoting
    case .unknownCommand, .missingSubcommand: .unknownCommand
    case .unknownOption: .unknownOption
    case .missingValue, .unexpectedValue: .optionValueForm
    case .repeatedOption: .repeatedOption
    case .invalidValue: .roleValues
    case .missingRequired: .requiredOptionMissing
    case .unexpectedArgument: .unexpectedArgument
    }
  }
}
