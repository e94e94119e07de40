package import ReferenceModel

/// Everything a run found, in deterministic order: the input of every report writer.
///
/// Writers are pure functions of this value. Nothing here depends on time or scheduling except
/// `timing`, which no report includes (`harness run` writes it to `timing.json`).
/// Spec: issue #4 "Reports"; sut-contract.md §4.
package struct RunReport: Hashable, Sendable {
  /// What was tested.
  package struct SUTSummary: Hashable, Sendable {
    package var name: String
    package var profile: String
    package var capabilities: [String]
    package init(name: String, profile: String, capabilities: [String]) {
      self.name = name
      self.profile = profile
      self.capabilities = capabilities
    }

    /// Why a case that `requires` these capabilities is skipped on this SUT; nil if it runs.
    package func skipReason(requires: [String]) -> String? {
      let missing = requires.filter { !capabilities.contains($0) }
      guard !missing.isEmpty else { return nil }
      return "needs capability \(missing.joined(separator: ", ")), which the SUT does not declare"
    }
  }

  /// One test case's result.
  package struct CaseResult: Hashable, Sendable {
    package var scenario: String
    package var path: String
    package var description: String
    package var rules: [RuleID]
    package var verdict: Verdict
    /// Every divergence, failing and unspecified, in step order.
    package var divergences: [Divergence]
    /// What the SUT wrote to standard error (kept for the report, never parsed), trimmed.
    package var stderr: String

    package init(
      scenario: String, path: String, description: String, rules: [RuleID], verdict: Verdict,
      divergences: [Divergence] = [], stderr: String = ""
    ) {
      self.scenario = scenario
      self.path = path
      self.description = description
      self.rules = rules
      self.verdict = verdict
      self.divergences = divergences
      self.stderr = stderr
    }
  }

  /// Wall-clock figures; excluded from comparisons and goldens.
  package struct Timing: Hashable, Sendable {
    package var seconds: Double
    package var steps: Int
    package init(seconds: Double, steps: Int) {
      self.seconds = seconds
      self.steps = steps
    }
  }

  package var runName: String
  package var sut: SUTSummary
  package var level: ComparisonLevel
  /// Sorted by scenario id.
  package var cases: [CaseResult]
  /// Divergence keys listed in the baseline given to the run (empty without one).
  package var baseline: Set<String>
  package var timing: Timing

  package init(
    runName: String, sut: SUTSummary, level: ComparisonLevel, cases: [CaseResult],
    baseline: Set<String> = [], timing: Timing = Timing(seconds: 0, steps: 0)
  ) {
    self.runName = runName
    self.sut = sut
    self.level = level
    self.cases = cases.sorted { $0.scenario < $1.scenario }
    self.baseline = baseline
    self.timing = timing
  }

  /// Divergences that fail the run (not unspecified), in case then step order.
  package var failingDivergences: [Divergence] {
    cases.flatMap { $0.divergences.filter { !$0.unspecified } }
  }

  /// Divergences on inferred rules, below the strict level.
  package var unspecifiedDivergences: [Divergence] {
    cases.flatMap { $0.divergences.filter(\.unspecified) }
  }

  /// Failing divergences that the baseline does not list.
  package var newDivergences: [Divergence] {
    failingDivergences.filter { !baseline.contains($0.key) }
  }

  /// The exit code of `harness run` (sut-contract.md §4): 0 conformant or only baselined
  /// divergences, 1 new divergences, 3 when every case errored (the SUT could not be run).
  package var exitCode: Int32 {
    let judged = cases.filter { if case .skipped = $0.verdict { false } else { true } }
    if !judged.isEmpty, judged.allSatisfy({ if case .error = $0.verdict { true } else { false } }) {
      return 3
    }
    return newDivergences.isEmpty && newErrors.isEmpty ? 0 : 1
  }

  /// The baseline key of a case's `error` verdict: `<scenario-id>/error`.
  package static func errorKey(_ scenario: String) -> String { scenario + "/error" }

  /// Cases with an `error` verdict that the baseline does not list (a SUT known to answer some
  /// requests with something unjudgeable, such as moto's HTML 500 for ChangePassword, lists
  /// them as `<scenario-id>/error`).
  package var newErrors: [CaseResult] {
    cases.filter { result in
      guard case .error = result.verdict else { return false }
      return !baseline.contains(Self.errorKey(result.scenario))
    }
  }

  /// Baseline keys of this run's cases that the run no longer shows: fixed (or changed), so
  /// the baseline can be pruned and would catch them if they came back. Only keys the run could
  /// have shown are judged: those of cases that ran to the end (a case that errored is judged
  /// on its `/error` key alone; skipped cases and cases not selected are left alone), and not
  /// the state check's (`/0/state`) below `state` nor message fields below `strict`.
  package var staleBaselineKeys: [String] {
    var completed: [String] = []
    var errored = Set<String>()
    var seen = Set<String>()
    for result in cases {
      switch result.verdict {
      case .skipped: continue
      case .error: errored.insert(Self.errorKey(result.scenario))
      case .pass, .fail: completed.append(result.scenario + "/")
      }
      for divergence in result.divergences { seen.insert(divergence.key) }
    }
    return baseline.filter { key in
      guard !seen.contains(key), !errored.contains(key) else { return false }
      guard completed.contains(where: { key.hasPrefix($0) }) else { return false }
      if level == .outcome && key.hasSuffix("/0/state") { return false }
      if level != .strict && key.hasSuffix("/message") { return false }
      return true
    }.sorted()
  }

  /// For each catalogue rule, the scenarios that exercise it (empty when none does).
  package var ruleCoverage: [(rule: Rule, scenarios: [String])] {
    RuleCatalogue.all.map { rule in
      (rule, cases.filter { $0.rules.contains(rule.id) }.map(\.scenario))
    }
  }
}
