/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64).
///
/// The model has no randomness of its own; generators, tests and benchmarks pass one of these
/// in, so that every run is reproducible from its printed seed.
/// Spec: house-style.md §8 "Randomness is a seeded generator passed in".
package struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
  private var state: UInt64

  package init(seed: UInt64) { self.state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension RandomNumberGenerator {
  /// One of `items` (not empty), as `next() % count`: the generators' one way to choose, so
  /// that a seed keeps giving the same traces.
  package mutating func pick<T>(_ items: [T]) -> T {
    items[Int(next() % UInt64(items.count))]
  }
}
