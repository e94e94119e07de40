/// A JSON value with its object keys in order, as the CloudHSM CLI prints them.
///
/// The model builds its answers (`data` of the JSON envelope) from these; the harness reads SUT
/// output into them (through json-c, outside this module). Equality is structural and
/// order-sensitive; use `normalized` to compare objects regardless of key order.
/// Spec: spec-digest.md §2.0 "Output envelope".
package enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  package func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .int(let i): hasher.combine(i)
    case .double(let d): hasher.combine(d)
    case .string(let s): hasher.combine(s)
    case .array(let a): hasher.combine(a)
    case .object(let pairs):
      hasher.combine(pairs.count)
      for pair in pairs {
        hasher.combine(pair.key)
        hasher.combine(pair.value)
      }
    }
  }

  /// The value of `key` in an object (the first one, if a key repeats); `nil` otherwise.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.key == key }?.value
  }

  /// The same value with every object's keys sorted, so that key order no longer matters.
  package var normalized: JSONValue {
    switch self {
    case .array(let items): .array(items.map(\.normalized))
    case .object(let pairs):
      .object(pairs.map { ($0.key, $0.value.normalized) }.sorted { $0.key < $1.key })
    default: self
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral {
  package init(stringLiteral value: String) { self = .string(value) }
}
