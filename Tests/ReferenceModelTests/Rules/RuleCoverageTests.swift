import ReferenceModel
import Testing

/// Every rule in the catalogue has at least one case in the per-rule tables, and every case
/// names a rule that exists.
@Suite struct RuleCoverageTests {
  static let allCases: [RuleCase] =
    ActivationRuleTests.cases + LoginRuleTests.cases + UserManagementRuleTests.cases
    + ChangePasswordRuleTests.cases + IdentifierRuleTests.cases + SyntaxRuleTests.cases
    + TokenRuleTests.cases

  /// The IAM profile's tables (IAM-… rules).
  static let iamCases: [IAMRuleCase] =
    IAMChangePasswordRuleTests.cases + IAMAuthorizationRuleTests.cases + IAMPolicyRuleTests.cases
    + IAMAdminRuleTests.cases

  @Test func everyRuleHasATestCase() {
    let tested = Set(Self.allCases.map(\.rule) + Self.iamCases.map(\.rule))
    let untested = RuleCatalogue.all.map(\.id).filter { !tested.contains($0) }
    #expect(untested.isEmpty, "rules without a test case: \(untested)")
  }

  @Test func everyCaseNamesACatalogueRule() {
    for rule in Self.allCases.map(\.rule) + Self.iamCases.map(\.rule) {
      #expect(RuleCatalogue.rule(rule) != nil, "\(rule) is not in the catalogue")
    }
  }

  @Test func catalogueIDsAreUniqueAndWellFormed() {
    let ids = RuleCatalogue.all.map(\.id.rawValue)
    #expect(Set(ids).count == ids.count)
    #expect(ids.count >= 30)
    for id in ids {
      let parts = id.split(separator: "-")
      #expect(
        parts.count == 3 && ["HSM", "IAM"].contains(parts[0]) && parts[2].count == 3, "\(id)")
    }
  }

  @Test func everyInferredRuleGivesItsReason() {
    for rule in RuleCatalogue.all {
      switch rule.source {
      case .inferred(let reason): #expect(reason.count > 20, "\(rule.id)")
      case .documented(let document, let section):
        #expect(
          (document.hasSuffix(".md") || document.hasSuffix(".rst")) && !section.isEmpty,
          "\(rule.id)")
      }
      #expect(rule.summary.hasSuffix("."), "\(rule.id)")
    }
  }
}
