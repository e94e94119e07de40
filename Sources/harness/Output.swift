#if canImport(Glibc)
  import Glibc
#endif

/// Where `harness` writes: standard output for results, standard error for diagnostics.
enum Output {
  static func print(_ text: String) {
    Swift.print(text)
  }

  static func error(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    let bytes = Array(line.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
      if result <= 0 { return }
      written += result
    }
  }

  /// Whether standard output is a terminal (for progress lines).
  static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
