package import ReferenceModel

/// The divergences of one run, as `ReportDiff` and `Baseline` need them.
///
/// It is what `ReportJSON.parse` reads back from a `report.json`, or what a `RunReport` in
/// memory holds; both give the same value for the same run. Timing is not part of it.
/// Spec: sut-contract.md §4 (baseline); issue #4 "Reports" (`harness diff`).
package struct ParsedReport: Hashable, Sendable {
  /// One divergence: its stable key and what a person needs to recognise it.
  package struct Entry: Hashable, Sendable {
    /// `<scenario-id>/<step>/<field>`, as `Divergence.key`.
    package var key: String
    package var rule: RuleID
    package var expected: String
    package var observed: String
    /// True when it does not fail the run (an inferred rule, below the strict level).
    package var unspecified: Bool

    package init(
      key: String, rule: RuleID, expected: String, observed: String, unspecified: Bool
    ) {
      self.key = key
      self.rule = rule
      self.expected = expected
      self.observed = observed
      self.unspecified = unspecified
    }
  }

  /// The run's name (empty when the report does not give it).
  package var run: String
  /// The SUT's name (empty when the report does not give it).
  package var sut: String
  /// The comparison level's name (empty when the report does not give it).
  package var level: String
  /// Every divergence, failing and unspecified, sorted by key; a key is listed once.
  package var divergences: [Entry]

  /// Sorts `divergences` by key and keeps the first entry of a key that repeats.
  package init(run: String, sut: String, level: String, divergences: [Entry]) {
    self.run = run
    self.sut = sut
    self.level = level
    var seen: Set<String> = []
    self.divergences = divergences.filter { seen.insert($0.key).inserted }
      .sorted { $0.key < $1.key }
  }

  /// The divergences of a run in memory.
  package init(_ report: RunReport) {
    let entries = report.cases.flatMap(\.divergences).map { divergence in
      Entry(
        key: divergence.key, rule: divergence.rule, expected: divergence.expected,
        observed: divergence.observed, unspecified: divergence.unspecified)
    }
    self.init(
      run: report.runName, sut: report.sut.name, level: report.level.rawValue,
      divergences: entries)
  }

  /// The keys of the divergences that fail the run, sorted.
  package var failingKeys: [String] {
    divergences.filter { !$0.unspecified }.map(\.key)
  }
}
