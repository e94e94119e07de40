/// How much of a SUT's answers is compared with the model's.
///
/// `outcome`: success or failure, and on success the `data` (fields in any order).
/// `state`: as outcome, and after each test case `user list` must equal the model's users.
/// `strict`: as state, and error messages must equal the reference CLI's where the reference
/// documents give one; divergences on inferred rules fail the run too.
/// Spec: sut-contract.md §2 "What is compared, by level".
package enum ComparisonLevel: String, CaseIterable, Hashable, Sendable {
  case outcome
  case state
  case strict
}
