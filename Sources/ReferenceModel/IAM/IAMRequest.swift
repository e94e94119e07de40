package import ReferenceModel

/// One IAM Query API request as the model reads it: the action and its parameters.
///
/// Parameter values are the strings sent on the wire (form-decoded); the model validates them
/// itself, since their limits are rules. A `PolicyDocument` arrives twice: as its text and, when
/// the text is JSON, as the value the boundary read (json-c never reaches this module).
/// Spec: spec-digest.md §4.1 (Query protocol, form-encoded parameters).
package struct IAMRequest: Hashable, Sendable {
  package var action: IAMAction
  /// Name → value; a name given twice keeps its last value.
  package var parameters: [String: String]
  /// The `PolicyDocument` parameter read as JSON, or `nil` when absent or not JSON.
  package var policyDocument: JSONValue?

  package init(
    _ action: IAMAction, _ parameters: [String: String] = [:], policyDocument: JSONValue? = nil
  ) {
    self.action = action
    self.parameters = parameters
    self.policyDocument = policyDocument
  }

  package subscript(name: String) -> String? { parameters[name] }
}

/// Who signed a request: the account's root user or one IAM user.
///
/// Spec: aws-cli-iam-change-password.rst ("called by IAM users only … AWS account (root)
/// credentials").
package enum IAMPrincipal: Hashable, Sendable {
  case root
  case user(String)
}

/// A moment, in whole seconds since an arbitrary origin; time reaches the model as a value.
///
/// Spec: house-style.md §1 (no clock in ReferenceModel).
package struct IAMInstant: Hashable, Comparable, Sendable {
  package var seconds: Int64
  package init(seconds: Int64) { self.seconds = seconds }
  package static let origin = IAMInstant(seconds: 0)
  package static func < (lhs: IAMInstant, rhs: IAMInstant) -> Bool { lhs.seconds < rhs.seconds }
}
