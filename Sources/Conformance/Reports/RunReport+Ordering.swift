import ReferenceModel

extension RunReport {
  /// The cases in the order every writer uses: by scenario id, then path; each case's rules
  /// sorted and its divergences in `Divergence.precedes` order.
  ///
  /// `RunReport.init` sorts its cases, but `cases` is mutable; writers never trust the order.
  var orderedCases: [CaseResult] {
    cases
      .sorted { ($0.scenario, $0.path) < ($1.scenario, $1.path) }
      .map { result in
        var result = result
        result.rules.sort()
        result.divergences.sort { $0.precedes($1) }
        return result
      }
  }

  /// For each rule of `catalogue`, in its order, the sorted ids of the scenarios that name it.
  ///
  /// The same as `ruleCoverage` for `RuleCatalogue.all`; the catalogue is a parameter so that
  /// golden tests do not change whenever a rule is added.
  func coverage(in catalogue: [Rule]) -> [(rule: Rule, scenarios: [String])] {
    catalogue.map { rule in
      (rule, cases.filter { $0.rules.contains(rule.id) }.map(\.scenario).sorted())
    }
  }
}

extension Divergence {
  /// The report order: by step, then field, then the remaining fields as tie-breakers, so the
  /// order never depends on the order of the input.
  func precedes(_ other: Divergence) -> Bool {
    if (scenario, step, field) != (other.scenario, other.step, other.field) {
      return (scenario, step, field) < (other.scenario, other.step, other.field)
    }
    return (session, command, expected, observed, rule.rawValue)
      < (other.session, other.command, other.expected, other.observed, other.rule.rawValue)
  }
}

/// The numbers every report shows, computed once from a `RunReport`.
///
/// `divergences` counts the failing divergences (those not unspecified), `unspecified` the
/// rest, and `new` the failing ones the baseline does not list.
/// Spec: sut-contract.md §2 (unspecified divergences do not fail the run), §4 (baseline).
struct ReportCounts: Hashable, Sendable {
  var pass = 0
  var fail = 0
  var skipped = 0
  var error = 0
  var divergences: Int
  var unspecified: Int
  var new: Int

  init(_ report: RunReport) {
    divergences = report.failingDivergences.count
    unspecified = report.unspecifiedDivergences.count
    new = report.newDivergences.count
    for result in report.cases {
      switch result.verdict {
      case .pass: pass += 1
      case .fail: fail += 1
      case .skipped: skipped += 1
      case .error: error += 1
      }
    }
  }

  /// The number of cases.
  var total: Int { pass + fail + skipped + error }
}
