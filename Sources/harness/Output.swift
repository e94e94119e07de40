#if canImport(Glibc)
  import Glibc
#endif

/// Where `harness` writes: standard output for results, standard error for diagnostics.
enum Output {
  static func print(_ text: String) {
    Swift.print(text)
  }

  static func error(_ text: String) {
    writeAll(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
  }

  /// Writes `text` to standard error as is (no newline added), for progress lines.
  static func errorRaw(_ text: String) {
    writeAll(text, to: STDERR_FILENO)
  }

  /// Writes `text` to standard output at once, unbuffered (for interactive sessions).
  static func write(_ text: String) {
    writeAll(text, to: STDOUT_FILENO)
  }

  private static func writeAll(_ text: String, to fd: Int32) {
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      if result <= 0 { return }
      written += result
    }
  }

  /// `text` with control characters other than the line break shown as `\u{1B}` and so on:
  /// what a SUT printed or a scenario holds must not drive the user's terminal (escape
  /// sequences, a bell, a carriage return that hides a line).
  static func printable(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0x0A || (value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value)) {
        result.unicodeScalars.append(scalar)
      } else {
        result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  /// Whether standard output is a terminal (for progress lines).
  static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
