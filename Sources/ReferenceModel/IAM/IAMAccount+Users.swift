import ReferenceModel

/// The arrangement actions on users: CreateUser, DeleteUser, GetUser, CreateLoginProfile,
/// CreateAccessKey, PutUserPolicy and the Delete… actions the harness cleans up with.
///
/// Parameters are checked first (ValidationError), then authorization, then whether the user
/// exists (NoSuchEntity).
/// Spec: sut-contract.md §3 (the admin arranges each test case); botocore's service model for
/// the shapes and error codes (spec-digest.md §1 BOTO).
extension IAMAccount {
  /// The user a request targets: its `UserName`, or the caller when `optional` and absent.
  /// A failure is the outcome to return.
  func target(
    _ request: IAMRequest, caller: IAMPrincipal, rule: RuleID, optional: Bool = false,
    mustExist: Bool = true
  ) -> Result<String, IAMFailure> {
    let given = request["UserName"] ?? (optional ? name(of: caller) : nil)
    if let problem = IAMParameters.name(given, parameter: "userName", maximum: 64) {
      return .failure(
        IAMFailure(.rejected(.validationError, problem, rule, codeRule: .iamValidationErrorCode)))
    }
    let name = given ?? ""
    if case .denied(let denial, let message) = authorize(
      caller, request.action, resource: userARN(name, path: request["Path"]))
    {
      return .failure(IAMFailure(.rejected(.accessDenied, message, denial)))
    }
    if mustExist, user(name) == nil {
      return .failure(
        IAMFailure(
          .rejected(
            .noSuchEntity, "The user with name \(name) cannot be found.", rule)))
    }
    return .success(user(name)?.name ?? name)
  }

  mutating func createUser(_ request: IAMRequest, caller: IAMPrincipal, now: IAMInstant)
    -> IAMOutcome
  {
    let path = request["Path"] ?? "/"
    if let problem = IAMParameters.path(path) {
      return .rejected(
        .validationError, problem, .iamCreateUser, codeRule: .iamValidationErrorCode)
    }
    let name: String
    switch target(request, caller: caller, rule: .iamCreateUser, mustExist: false) {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let key = name.lowercased()
    guard users[key] == nil else {
      return .rejected(
        .entityAlreadyExists, "User with name \(name) already exists.", .iamCreateUser)
    }
    var user = IAMUser(name: name, path: path)
    if let deleted = deletedAt[key],
      now.seconds - deleted.seconds < configuration.temporarilyUnmodifiableSeconds
    {
      user.recreatedAt = now
    }
    users[key] = user
    userOrder.append(key)
    return .accepted(
      .user(name: name, path: path, arn: user.arn(account: configuration.accountID)),
      .iamCreateUser)
  }

  mutating func deleteUser(_ request: IAMRequest, caller: IAMPrincipal, now: IAMInstant)
    -> IAMOutcome
  {
    let name: String
    switch target(request, caller: caller, rule: .iamDeleteUser) {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let key = name.lowercased()
    guard let user = users[key], !user.hasLoginProfile, user.accessKeys.isEmpty,
      user.policies.isEmpty
    else {
      return .rejected(
        .deleteConflict,
        "Cannot delete entity, must delete login profile, access keys and "
          + "policies first.", .iamDeleteUser)
    }
    users[key] = nil
    userOrder.removeAll { $0 == key }
    deletedAt[key] = now
    return .accepted(.empty, .iamDeleteUser)
  }

  func getUser(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    switch target(request, caller: caller, rule: .iamGetUser, optional: true) {
    case .failure(let failure): return failure.outcome
    case .success(let name):
      let user = user(name) ?? IAMUser(name: name, path: "/")
      return .accepted(
        .user(name: user.name, path: user.path, arn: user.arn(account: configuration.accountID)),
        .iamGetUser)
    }
  }

  mutating func createLoginProfile(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    if let problem = IAMParameters.password(request["Password"], name: "password") {
      return .rejected(
        .validationError, problem, .iamLoginProfile, codeRule: .iamValidationErrorCode)
    }
    if IAMParameters.boolean(request["PasswordResetRequired"]) == nil {
      return .rejected(
        .validationError, "PasswordResetRequired must be true or false", .iamLoginProfile,
        codeRule: .iamValidationErrorCode)
    }
    let name: String
    switch target(request, caller: caller, rule: .iamLoginProfile) {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let key = name.lowercased()
    guard users[key]?.hasLoginProfile == false else {
      return .rejected(
        .entityAlreadyExists, "Login Profile for user \(name) already exists.", .iamLoginProfile)
    }
    let password = request["Password"] ?? ""
    if let (_, message) = policyViolation(password, history: []) {
      return .rejected(.passwordPolicyViolation, message, .iamLoginProfilePolicy)
    }
    users[key]?.hasLoginProfile = true
    users[key]?.passwords.insert(password, at: 0)
    return .accepted(.loginProfile(userName: name), .iamLoginProfile)
  }

  mutating func createAccessKey(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    let name: String
    switch target(request, caller: caller, rule: .iamAccessKey, optional: true) {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let number = String(nextAccessKeyNumber)
    let id = "AKIAMODEL" + String(repeating: "0", count: max(0, 11 - number.count)) + number
    nextAccessKeyNumber += 1
    users[name.lowercased()]?.accessKeys.append(id)
    return .accepted(.accessKey(id: id, userName: name), .iamAccessKey)
  }

  mutating func putUserPolicy(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    if let problem = IAMParameters.name(
      request["PolicyName"], parameter: "policyName", maximum: 128)
    {
      return .rejected(
        .validationError, problem, .iamPutUserPolicy, codeRule: .iamValidationErrorCode)
    }
    guard let text = request["PolicyDocument"], !text.isEmpty else {
      return .rejected(
        .validationError, "Value null at 'policyDocument' failed to satisfy constraint",
        .iamPutUserPolicy, codeRule: .iamValidationErrorCode)
    }
    let name: String
    switch target(request, caller: caller, rule: .iamPutUserPolicy) {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let document: IAMPolicyDocument
    switch request.policyDocument.map(IAMPolicyDocument.read) {
    case .success(let read)?: document = read
    case .failure(let error)?:
      return .rejected(.malformedPolicyDocument, error.message, .iamPutUserPolicy)
    case nil:
      return .rejected(
        .malformedPolicyDocument, "Syntax errors in policy.", .iamPutUserPolicy)
    }
    let policyName = request["PolicyName"] ?? ""
    let key = name.lowercased()
    if let index = users[key]?.policies.firstIndex(where: { $0.name == policyName }) {
      users[key]?.policies[index].document = document
    } else {
      users[key]?.policies.append((policyName, document))
    }
    return .accepted(.empty, .iamPutUserPolicy)
  }

  /// DeleteLoginProfile, DeleteAccessKey and DeleteUserPolicy.
  mutating func deleteAttachment(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    let rule = RuleID.iamDeleteAttachments
    let name: String
    switch target(
      request, caller: caller, rule: rule, optional: request.action == .deleteAccessKey)
    {
    case .failure(let failure): return failure.outcome
    case .success(let found): name = found
    }
    let key = name.lowercased()
    guard var user = users[key] else { return .rejected(.noSuchEntity, "No such user", rule) }
    switch request.action {
    case .deleteLoginProfile:
      guard user.hasLoginProfile else {
        return .rejected(.noSuchEntity, "Login profile for \(name) not found", rule)
      }
      user.hasLoginProfile = false
      user.passwords = []
    case .deleteAccessKey:
      let id = request["AccessKeyId"] ?? ""
      guard user.accessKeys.contains(id) else {
        return .rejected(.noSuchEntity, "The Access Key with id \(id) cannot be found", rule)
      }
      user.accessKeys.removeAll { $0 == id }
    default:
      let policyName = request["PolicyName"] ?? ""
      guard user.policies.contains(where: { $0.name == policyName }) else {
        return .rejected(
          .noSuchEntity, "The user policy with name \(policyName) cannot be found.", rule)
      }
      user.policies.removeAll { $0.name == policyName }
    }
    users[key] = user
    return .accepted(.empty, rule)
  }
}

/// A refusal found while resolving a request's target, carried out as a `Result` failure.
///
/// Spec: house-style.md §4 (rejections are values).
struct IAMFailure: Error, Hashable {
  var outcome: IAMOutcome
  init(_ outcome: IAMOutcome) { self.outcome = outcome }
}
