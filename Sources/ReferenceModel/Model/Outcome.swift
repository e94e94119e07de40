/// The model's answer to one command: the JSON envelope's content and the rule that decided it.
///
/// `accepted(data)` is `error_code` 0 with `data` exactly as the documentation shows it;
/// `rejected` is a non-zero `error_code` with the rejection's message. `effects` lists the
/// state changes, each with its own rule.
/// Spec: spec-digest.md §2.0 "Output envelope"; sut-contract.md §2.
package struct Outcome: Hashable, Sendable {
  /// Success with its data, or a refusal.
  package enum Result: Hashable, Sendable {
    case accepted(JSONValue)
    case rejected(Rejection)
  }

  package var result: Result
  package var rule: RuleID
  package var effects: [Effect]
  /// A token file the command wrote (`quorum token-sign generate`), for the caller to store.
  package var written: TokenWrite?
  /// Whether the documents give this refusal's message verbatim for this command, so that the
  /// strict level compares it (sut-contract.md §2); every other message is the model's own.
  package var messageIsDocumented = false

  package init(_ result: Result, rule: RuleID, effects: [Effect] = [], written: TokenWrite? = nil) {
    self.result = result
    self.rule = rule
    self.effects = effects
    self.written = written
  }

  package static func accepted(_ data: JSONValue, _ rule: RuleID, effects: [Effect] = []) -> Self {
    Outcome(.accepted(data), rule: rule, effects: effects)
  }

  package static func rejected(_ rejection: Rejection, _ rule: RuleID, effects: [Effect] = [])
    -> Self
  {
    Outcome(.rejected(rejection), rule: rule, effects: effects)
  }

  package var isAccepted: Bool {
    if case .accepted = result { return true }
    return false
  }

  /// The JSON object the CLI prints: `{"error_code": N, "data": …}`.
  package var envelope: JSONValue {
    switch result {
    case .accepted(let data): .object([("error_code", .int(0)), ("data", data)])
    case .rejected(let rejection):
      .object([
        ("error_code", .int(Int64(rejection.errorCode))), ("data", .string(rejection.message)),
      ])
    }
  }

  /// Every rule this outcome names: the deciding rule, then each effect's.
  package var rules: [RuleID] { [rule] + effects.map(\.rule) }
}
