package import ReferenceModel

extension ReportJSON {
  /// The divergences of a `report.json` that `JSONReader` has read.
  ///
  /// `format` must be `user-rules-conformance/report@1`. Each case needs `divergences`, and
  /// each divergence `key`, `rule`, `expected`, `observed` (strings) and `unspecified` (a
  /// boolean); `run`, `level` and `sut.name` are read when present. Other keys are ignored, so
  /// that later versions of format 1 may add some (older reports also had `timing`).
  package static func parse(_ value: JSONValue) throws(ReportFormatError) -> ParsedReport {
    let root = try ReportFields(value, at: [])
    try checkFormat(of: root, accepting: [format])
    var entries: [ParsedReport.Entry] = []
    for result in try root.objects("cases") {
      for divergence in try result.objects("divergences") {
        entries.append(
          ParsedReport.Entry(
            key: try divergence.string("key"), rule: RuleID(try divergence.string("rule")),
            expected: try divergence.string("expected"),
            observed: try divergence.string("observed"),
            unspecified: try divergence.bool("unspecified")))
      }
    }
    var sut = ""
    if let value = root.optional("sut") {
      sut = try ReportFields(value, at: [.key("sut")]).optionalString("name") ?? ""
    }
    return ParsedReport(
      run: try root.optionalString("run") ?? "", sut: sut,
      level: try root.optionalString("level") ?? "", divergences: entries)
  }

  /// The divergences of the `report.json` whose text is `bytes`, read from `file` (the name
  /// used in errors).
  package static func parse(bytes: [UInt8], file: String) throws(ReportFileError) -> ParsedReport {
    let value: JSONValue
    do {
      value = try JSONReader.parse(bytes)
    } catch {
      throw ReportFileError(error, file: file)
    }
    do {
      return try parse(value)
    } catch {
      throw ReportFileError(error, file: file, bytes: bytes)
    }
  }

  /// Throws unless the object's `format` is one of `accepted`.
  static func checkFormat(of root: ReportFields, accepting accepted: [String])
    throws(ReportFormatError)
  {
    guard root.optional("format") != nil else {
      throw ReportFormatError(.unknownFormat(found: nil, expected: accepted), at: [])
    }
    let found = try root.string("format")
    guard accepted.contains(found) else {
      throw ReportFormatError(
        .unknownFormat(found: found, expected: accepted), at: [.key("format")])
    }
  }
}
