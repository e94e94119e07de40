package import ReferenceModel

/// An inline permission policy, in the subset of the IAM policy language the model evaluates.
///
/// A document is an object with an optional `Version` and a `Statement` (one object or an
/// array). Each statement has `Effect` (`Allow` or `Deny`), `Action` and `Resource` (a string or
/// an array of strings, `*` and `?` wildcards) and an optional `Sid`. `Condition`, `NotAction`,
/// `NotResource` and `Principal` are outside the subset: such a document is malformed here.
/// Spec: iam-user-change-own-password.md "Permissions Required"; spec-digest.md §4.4
/// IAM-CHPW-004 (the documented policy and its `${aws:username}` resource).
package struct IAMPolicyDocument: Hashable, Sendable {
  package struct Statement: Hashable, Sendable {
    package var allows: Bool
    package var actions: [String]
    package var resources: [String]
  }

  package var statements: [Statement]

  /// Reads a document, or says why it is malformed.
  package static func read(_ value: JSONValue) -> Result<IAMPolicyDocument, IAMPolicyError> {
    guard case .object(let members) = value else {
      return .failure(IAMPolicyError("the policy document is not a JSON object"))
    }
    for (key, _) in members where !["Version", "Statement", "Id"].contains(key) {
      return .failure(IAMPolicyError("unsupported policy element '\(key)'"))
    }
    let items: [JSONValue]
    switch value["Statement"] {
    case .array(let list)?: items = list
    case .object?: items = [value["Statement"] ?? .null]
    default: return .failure(IAMPolicyError("the policy has no Statement"))
    }
    var statements: [Statement] = []
    for item in items {
      switch statement(item) {
      case .success(let statement): statements.append(statement)
      case .failure(let error): return .failure(error)
      }
    }
    return .success(IAMPolicyDocument(statements: statements))
  }

  private static func statement(_ item: JSONValue) -> Result<Statement, IAMPolicyError> {
    guard case .object(let members) = item else {
      return .failure(IAMPolicyError("a statement is not a JSON object"))
    }
    for (key, _) in members where !["Sid", "Effect", "Action", "Resource"].contains(key) {
      return .failure(IAMPolicyError("unsupported statement element '\(key)'"))
    }
    let allows: Bool
    switch item["Effect"] {
    case .string("Allow")?: allows = true
    case .string("Deny")?: allows = false
    default: return .failure(IAMPolicyError("a statement's Effect must be Allow or Deny"))
    }
    guard let actions = strings(item["Action"]), let resources = strings(item["Resource"]) else {
      return .failure(IAMPolicyError("a statement needs Action and Resource strings"))
    }
    return .success(Statement(allows: allows, actions: actions, resources: resources))
  }

  private static func strings(_ value: JSONValue?) -> [String]? {
    switch value {
    case .string(let text)?: return [text]
    case .array(let items)?:
      let texts = items.compactMap { item -> String? in
        if case .string(let text) = item { text } else { nil }
      }
      return texts.count == items.count && !texts.isEmpty ? texts : nil
    default: return nil
    }
  }
}

/// Why a policy document is malformed.
///
/// Spec: botocore's service model (PutUserPolicy: MalformedPolicyDocument).
package struct IAMPolicyError: Error, Hashable, Sendable {
  package var message: String
  package init(_ message: String) { self.message = message }
}

/// Glob matching with `*` (any run) and `?` (one character), as IAM policies use.
///
/// Spec: IAM policy grammar (wildcards in Action and Resource), as the self-manage example uses.
package enum PolicyPattern {
  package static func matches(_ pattern: String, _ text: String, ignoringCase: Bool) -> Bool {
    let p = Array(ignoringCase ? pattern.lowercased() : pattern)
    let t = Array(ignoringCase ? text.lowercased() : text)
    var (pi, ti) = (0, 0)
    var star: Int?
    var resume = 0
    while ti < t.count {
      if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        resume = ti
        pi += 1
      } else if let star {
        pi = star + 1
        resume += 1
        ti = resume
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
