extension CommandLineDisplay {
  /// A rendered error: `head` (`error: <message>`), then `\n --> 1:<column>\n  |\n1 | `, the
  /// echoed line, and `\n  | ` with spaces up to the column and carets under the pieces that
  /// start in `offset..<end`.
  ///
  /// A piece is an ASCII byte, a scalar, or one byte of an ill-formed subsequence (as the
  /// stdlib's UTF-8 parser delimits them, see `ByteScan.scalar`); it goes before, under or
  /// after the carets by the line offset of its first byte. Columns count characters of the echo: when every character the echo shows is ASCII,
  /// a control picture or a scalar that `isVisibleAndAlone`, each is one grapheme cluster, so
  /// they are the scalars written; other visible characters may join their neighbours (a
  /// combining mark), so then the echo's characters are counted as a `String`.
  ///
  /// The whole text is written into the result's own storage: no piece shows more than four
  /// bytes per line byte (a `\xNN`, a control picture's three, `\u{0085}` for two bytes), and
  /// no more than four characters, so `12 * line.count + 72` bytes besides `head` hold the
  /// echo (written 40 bytes further on, then moved back behind the locator, which is at most
  /// 36 bytes) and the carets.
  /// The fuzz build traces every comparison in this module, so the loop over the line looks
  /// each byte up in a table that gives a byte that is a piece alone its bytes and width (only
  /// C2…F4 are decoded), and after a printable byte takes the next eight at a time.
  static func rendering(head: [UInt8], line: [UInt8], from offset: Int, to end: Int) -> [UInt8] {
    let echoStart = head.count + 40
    return [UInt8](unsafeUninitializedCapacity: head.count + 12 * line.count + 72) {
      output, count in
      guard let base = output.baseAddress else {
        count = 0
        return
      }
      var written = head.count
      head.withUnsafeBufferPointer { head in
        if let source = head.baseAddress { base.initialize(from: source, count: head.count) }
      }
      var echo = Echo(output: UnsafeMutableRawPointer(base + echoStart))
      let (before, through) = line.withUnsafeBufferPointer { line in
        echo.write(line, until: offset)
        let before = (echo.written, echo.scalars, echo.isSimple)
        echo.write(line, until: end)
        let through = (echo.written, echo.scalars, echo.isSimple)
        echo.write(line, until: line.count)
        return (before, through)
      }
      // Only what is echoed up to the carets' end decides the column and the carets.
      var (column, carets) = (before.1, max(1, through.1 - before.1))
      if !through.2 {
        func characters(_ count: Int) -> Int {
          String(
            decoding: UnsafeBufferPointer(start: base + echoStart, count: count), as: UTF8.self
          )
          .count
        }
        if !before.2 { column = characters(before.0) }
        carets = max(1, characters(through.0) - column)
      }
      written += write(" --> 1:\(column + 1)", at: base + written, newline: true)
      written += write("  |\n1 | ", at: base + written, newline: true)
      (base + written).update(from: base + echoStart, count: echo.written)
      written += echo.written
      written += write("  | ", at: base + written, newline: true)
      (base + written).initialize(repeating: UInt8(ascii: " "), count: column)
      written += column
      (base + written).initialize(repeating: UInt8(ascii: "^"), count: carets)
      count = written + carets
    }
  }

  /// Writes a newline (if `newline`) and `text` at `pointer`; returns the bytes written.
  private static func write(_ text: String, at pointer: UnsafeMutablePointer<UInt8>, newline: Bool)
    -> Int
  {
    var text = text
    return text.withUTF8 { utf8 in
      var pointer = pointer
      if newline {
        pointer.initialize(to: UInt8(ascii: "\n"))
        pointer += 1
      }
      if let source = utf8.baseAddress { pointer.initialize(from: source, count: utf8.count) }
      return utf8.count + (newline ? 1 : 0)
    }
  }

  /// How the echo shows each byte that is a piece by itself, packed: bits 0–31 the bytes shown
  /// (UTF-8, first byte lowest), bits 32–39 their number, bits 40–47 the characters; 0 for a
  /// byte that may start a multi-byte scalar (C2…F4), which must be decoded.
  /// Continuation bytes, C0, C1 and F5…FF never start a scalar: each is ill-formed alone.
  private static let byteTable: [UInt64] = (0...255).map { value in
    let byte = UInt8(value)
    var text = Text(capacity: 4)
    if byte < 0x80 {
      text.appendShownASCII(byte)
    } else if byte < 0xC2 || byte > 0xF4 {
      text.appendInvalidByte(byte)
    } else {
      return 0
    }
    var packed: UInt64 = 0
    for (index, shown) in text.bytes.enumerated() { packed |= UInt64(shown) << (8 * index) }
    let characters: UInt64 = byte < 0x80 ? 1 : 4
    return packed | UInt64(text.bytes.count) << 32 | characters << 40
  }

  /// The echo being written at `output` (which has room, see `rendering`).
  private struct Echo {
    var output: UnsafeMutableRawPointer
    /// The line offset of the next piece.
    var index = 0
    /// Bytes and scalars written.
    var written = 0
    var scalars = 0
    /// Whether every scalar written is ASCII, a control picture or `isVisibleAndAlone`.
    var isSimple = true

    init(output: UnsafeMutableRawPointer) { self.output = output }

    /// Writes the pieces that start before `limit`.
    mutating func write(_ line: UnsafeBufferPointer<UInt8>, until limit: Int) {
      let limit = min(limit, line.count)
      CommandLineDisplay.byteTable.withUnsafeBufferPointer { table in
        while index < limit {
          let entry = table[Int(line[index])]
          let length = Int(truncatingIfNeeded: (entry >> 32) & 0xFF)
          if length == 0 {
            writeScalar(line, until: limit)
            continue
          }
          // Four bytes always (there is room); `length` of them count.
          output.storeBytes(
            of: UInt32(truncatingIfNeeded: entry).littleEndian, toByteOffset: written,
            as: UInt32.self)
          written += length
          scalars += Int(truncatingIfNeeded: entry >> 40)
          index += 1
          if length == 1 { writePrintableRun(line, until: limit) }
        }
      }
    }

    /// After a printable ASCII byte, writes the eight-byte runs of them that follow as they are.
    private mutating func writePrintableRun(_ line: UnsafeBufferPointer<UInt8>, until limit: Int) {
      guard let base = line.baseAddress else { return }
      while index + 8 <= limit {
        let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if ByteScan.hasNonPrintable(chunk) { return }
        output.storeBytes(of: chunk, toByteOffset: written, as: UInt64.self)
        written += 8
        scalars += 8
        index += 8
      }
    }

    /// Writes the scalar starting at `index` (a byte from C2 to F4), or the bytes of the
    /// ill-formed subsequence there that start before `limit` (each a piece; any but the
    /// first would be ill-formed alone, so the next call may start among them).
    private mutating func writeScalar(_ line: UnsafeBufferPointer<UInt8>, until limit: Int) {
      let (decoded, length) = ByteScan.scalar(in: line, at: index)
      guard let scalar = decoded else {
        let stop = min(index + length, limit)
        for position in index..<stop {
          put(UInt8(ascii: "\\"))
          put(UInt8(ascii: "x"))
          put(CommandLineDisplay.hexDigit(line[position] >> 4))
          put(CommandLineDisplay.hexDigit(line[position]))
        }
        scalars += 4 * (stop - index)
        index = stop
        return
      }
      if CommandLineDisplay.isVisible(scalar) {
        for position in index..<(index + length) { put(line[position]) }
        scalars += 1
        if !CommandLineDisplay.isVisibleAndAlone(scalar) { isSimple = false }
      } else {
        for byte in "\\u{".utf8 { put(byte) }
        let digits = CommandLineDisplay.hexDigitCount(scalar.value, width: 4)
        for position in (0..<digits).reversed() {
          put(
            CommandLineDisplay.hexDigit(UInt8(truncatingIfNeeded: scalar.value >> (4 * position))))
        }
        put(UInt8(ascii: "}"))
        scalars += digits + 4
      }
      index += length
    }

    private mutating func put(_ byte: UInt8) {
      output.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
      written += 1
    }
  }
}
