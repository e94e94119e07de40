import ReferenceModel
package import IAMModel

/// Reading a Query API request's parameters into the model's `IAMRequest`.
///
/// Spec: sut-contract.md §3; spec-digest.md §4.1.
extension IAMWire {
  /// Why a request names no action the model knows.
  package struct UnknownAction: Error, Hashable, Sendable {
    package var action: String
  }

  /// The model's request for these decoded form pairs (`Action`, `Version` and parameters);
  /// `PolicyDocument` is also read as JSON (json-c) when it is JSON.
  package static func modelRequest(_ pairs: [(String, String)]) -> Result<
    IAMRequest, UnknownAction
  > {
    let actionName = pairs.last { $0.0 == "Action" }?.1 ?? ""
    guard let action = IAMAction(rawValue: actionName) else {
      return .failure(UnknownAction(action: actionName))
    }
    var parameters: [String: String] = [:]
    for (name, value) in pairs where name != "Action" && name != "Version" {
      parameters[name] = value
    }
    let document = parameters["PolicyDocument"].flatMap { try? JSONReader.parse(Array($0.utf8)) }
    return .success(IAMRequest(action, parameters, policyDocument: document))
  }
}
