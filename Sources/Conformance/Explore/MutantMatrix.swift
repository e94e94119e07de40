package import ReferenceModel

/// The kill matrix: which mutants the scenario suite and `explore` notice, and how fast.
///
/// A mutant is killed by the suite when any scenario diverges at the strict level (so that
/// mutants of inferred rules count too), and by explore when it finds a divergence within its
/// budget. A mutant that survives the suite is a missing scenario.
/// Spec: issue #5 "harness mutants".
package struct MutantMatrix: Sendable {
  /// One row.
  package struct Row: Sendable {
    package var mutant: Mutant
    /// Seconds until the suite's first divergence, or nil if the suite did not kill it.
    package var suiteSeconds: Double?
    /// The first scenario that diverged.
    package var suiteScenario: String?
    /// Seconds until explore's first divergence, or nil; nil also when explore was skipped.
    package var exploreSeconds: Double?
    package var exploreSteps: Int?
    /// Steps of the shrunk reproducer.
    package var shrunkSteps: Int?
    package var exploreRan: Bool
  }

  package var rows: [Row]

  package init(rows: [Row]) { self.rows = rows }

  /// Runs the suite (stopping at the first divergence) and, if `explore` is given, an
  /// exploration, against `sut(mutant)` for every mutant.
  package static func measure(
    mutants: [Mutant], scenarios: [Scenario], jobs: Int, crypto: TokenCrypto = .symbolic,
    sut: (Mutant) -> any SystemUnderTest, explore: ((any SystemUnderTest) -> Explorer)?,
    progress: (Row) -> Void = { _ in }
  ) -> MutantMatrix {
    var rows: [Row] = []
    let clock = ContinuousClock()
    for mutant in mutants {
      let target = sut(mutant)
      let start = clock.now
      let results = Runner(sut: target, level: .strict, jobs: jobs, crypto: crypto).run(
        scenarios, stopAtFirstDivergence: true)
      let killer = results.first { !$0.divergences.isEmpty }
      var row = Row(
        mutant: mutant, suiteSeconds: killer == nil ? nil : (clock.now - start).seconds,
        suiteScenario: killer?.scenario, exploreRan: explore != nil)
      if let explore {
        let exploreStart = clock.now
        let result = explore(target).run()
        if let finding = result.finding {
          row.exploreSeconds = (clock.now - exploreStart).seconds
          row.exploreSteps = finding.stepsToFind
          row.shrunkSteps = finding.shrunk.steps.count
        }
      }
      progress(row)
      rows.append(row)
    }
    return MutantMatrix(rows: rows)
  }

  /// Mutants the suite killed, out of all.
  package var suiteKills: Int { rows.filter { $0.suiteSeconds != nil }.count }
  package var exploreKills: Int { rows.filter { $0.exploreSeconds != nil }.count }

  /// The matrix as Markdown (times rounded to 10 ms, so the text is stable enough to read).
  package func markdown() -> String {
    var lines = [
      "# Mutant kill matrix", "",
      "Scenario suite: \(suiteKills) of \(rows.count) mutants killed."
        + (rows.contains { $0.exploreRan } ? " Explore: \(exploreKills) of \(rows.count)." : ""),
      "", "| mutant | rule | suite | first scenario | explore | steps to find | shrunk to |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows {
      let suite = row.suiteSeconds.map { "killed in \(Self.seconds($0))" } ?? "**survived**"
      let explore =
        !row.exploreRan
        ? "-" : row.exploreSeconds.map { "killed in \(Self.seconds($0))" } ?? "**survived**"
      lines.append(
        "| \(row.mutant.rawValue) | \(row.mutant.rule) | \(suite) | \(row.suiteScenario ?? "-") | "
          + "\(explore) | \(row.exploreSteps.map(String.init) ?? "-") | "
          + "\(row.shrunkSteps.map { "\($0) steps" } ?? "-") |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func seconds(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = String(hundredths % 100)
    return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction) s"
  }
}
