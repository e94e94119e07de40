import ReferenceModel

extension CommandLineSyntax {
  /// A deliberately broken parser, to show that the command-line fuzz target finds parser bugs.
  ///
  /// The bug: inside double quotes a backslash is taken literally and escapes nothing, so
  /// `"a\"b"` ends at the second quote (as if double quotes were single quotes). The printer
  /// quotes a value holding both `'` and `"` or `\` in double quotes with backslash escapes,
  /// so for such a value parse → print → parse is no longer the identity. It is built as the
  /// real parser run on a rewritten line (each backslash inside double quotes doubled), with
  /// error offsets mapped back to the line as given: only the round trip gives it away.
  ///
  /// Used only by the fuzz build made with `-DFUZZ_INJECT_BUG` and by the test that proves the
  /// target catches it; the normal build never selects it.
  /// Spec: issue #7 item 6 ("a deliberately injected parser bug … found within 60 s").
  package static let injectedBug = CommandLineSyntax { line throws(CommandLineError) in
    let (rewritten, origins) = literalBackslashesInDoubleQuotes(line)
    do throws(CommandLineError) {
      return try CommandLineParser.parse(rewritten)
    } catch {
      let start = origin(of: error.offset, origins, originalCount: line.count)
      let end = origin(of: error.offset + error.length, origins, originalCount: line.count)
      throw CommandLineError(error.kind, offset: start, length: max(1, end - start))
    }
  }

  /// `line` with every backslash inside double quotes doubled, and for each byte of the result
  /// (and one past its end) the offset in `line` it came from.
  private static func literalBackslashesInDoubleQuotes(_ line: [UInt8]) -> ([UInt8], [Int]) {
    var output: [UInt8] = []
    var origins: [Int] = []
    var quote: UInt8?
    var escaping = false
    for (offset, byte) in line.enumerated() {
      output.append(byte)
      origins.append(offset)
      if escaping {
        escaping = false
      } else if let open = quote {
        if byte == open {
          quote = nil
        } else if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
          output.append(byte)  // the bug: the backslash becomes a literal backslash
          origins.append(offset)
        }
      } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quote = byte
      } else if byte == UInt8(ascii: "\\") {
        escaping = true
      }
    }
    origins.append(line.count)
    return (output, origins)
  }

  private static func origin(of offset: Int, _ origins: [Int], originalCount: Int) -> Int {
    if offset < 0 { return offset }
    if offset < origins.count { return origins[offset] }
    return originalCount + (offset - (origins.count - 1))
  }
}
