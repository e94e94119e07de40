/// A length of time on the command line, for `explore --time` and `fuzz --time`.
///
/// `30s`, `10m`, `8h`, `2d`, compounds such as `1h30m`, decimals such as `1.5h`, or a plain
/// number of seconds; positive and at most `maximumSeconds`. Anything else is nil, never a
/// trap: a huge number of days is refused, not multiplied into an overflow.
enum DurationText {
  /// A year and a day: longer than any run anyone means.
  static let maximumSeconds: Double = 366 * 86_400
  /// What the options' errors say a duration looks like.
  static let examples = "30s, 10m, 8h, 2d, 1h30m or a number of seconds (at most 366 days)"

  static func seconds(_ text: String) -> Double? {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
    var total = 0.0
    var number = ""
    for character in text {
      if character.isASCII, character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let scale = units[character], let value = Double(number) else { return nil }
      total += value * scale
      number = ""
    }
    if !number.isEmpty {
      guard let value = Double(number) else { return nil }
      total += value
    }
    guard total.isFinite, total > 0, total <= maximumSeconds else { return nil }
    return total
  }
}
