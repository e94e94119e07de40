package import ReferenceModel

/// The MFA and quorum token steps of a model program (first byte's high bit set).
///
/// Token steps run through `ModelWorkbench` with the symbolic keys `k1`, `k2`, `k3` (no real
/// cryptography; outcomes depend only on which key signed). Their fields are read against the
/// state as the other steps' are (`name`, `role`, `password`), and against the workbench's
/// token files. Token files are named for the session and what wrote them
/// (`{workdir}/s0-user.token`, `{workdir}/s1-mfa.token`, …). Step kinds 16–31, and the fields
/// each reads after the session and kind bytes:
///
/// - 16, 17: `user change-mfa token-sign … --token FILE`, answered `{sign K [twist]}` and a
///   public key path. Name, role, password, flags (1: `--change-quorum`, 2: `--approval`),
///   the approval file if flagged, key, twist, public key.
/// - 18: `user change-mfa token-sign … --deregister`. Name, role, password, flags, approval.
/// - 19, 20: `login … mfa-token-sign --token FILE`, answered `{sign K [twist]}`. Name, role,
///   password, key, twist.
/// - 21: `quorum token-sign generate --service registration`.
/// - 22: `[harness] sign FILE K [twist]` (a registration token). File, key, twist.
/// - 23: `user change-quorum token-sign register`. Key, public key, file.
/// - 24: `quorum token-sign set-quorum-value` (user or quorum, 0 to 9). Service, value,
///   approval.
/// - 25: `quorum token-sign list-quorum-values`.
/// - 26: `quorum token-sign generate --service user|quorum`. Service.
/// - 27: `[harness] approve FILE USER:K…`. File, count (1–4), then a user and a key each.
/// - 28: `[harness] tamper FILE`. File.
/// - 29–31: `user create`, `user delete` or `user change-password` with `--approval`.
///   Operation, then that command's fields as kinds 5–13 read them, with an approval file
///   instead of a coin for `approval.json`.
///
/// A file byte below 0x80 names the file this session's step would normally use (what its
/// own `generate` wrote), any other byte one of the token files there are or a missing one;
/// an approval byte below 0x40 means no `--approval`, below 0xC0 the session's own file (its
/// user-service token; for `set-quorum-value`, its quorum-service token), else as above. A key
/// byte picks the user's registered key (two values in five; `k1` when it has none; for
/// `sign` and `register`, the session's user) or `k1`…`k3`. A twist byte gives `tamper` or
/// `drop` one time in eight each; a public key byte the signing key's file, the next key's
/// (one in eight) or a missing file (one in eight). An approver byte picks an existing user,
/// upper-cased when its high bit is set, so that approvers can be unkeyed users, crypto users
/// or the same user twice. A password field that gives no password makes the command prompt;
/// one more password field, read last, answers the prompts (`""` for none).
/// Spec: spec-digest.md §2.2, §2.8–§2.10, §3; scenarios/README.md "Token files";
/// house-style.md §6.
extension ModelProgram {
  /// The names of the symbolic keys token steps sign with (public keys at
  /// `{workdir}/NAME.pem`).
  package static let keyNames = ["k1", "k2", "k3"]

  /// The file a file byte of 0x80 or more can also name: one that is never written.
  static let missingFile = "{workdir}/missing.token"

  /// A workbench for a program with `configuration`: a new cluster, and the symbolic keys of
  /// `keyNames` with their public key files.
  package static func workbench(_ configuration: ModelConfiguration) -> ModelWorkbench {
    ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: .symbolic(keyNames),
      verifier: .symbolic)
  }

  /// Where `session`'s `quorum token-sign generate --service service` writes its token.
  package static func tokenFile(_ session: SessionID, _ service: QuorumService) -> String {
    "{workdir}/\(session)-\(service.wireName).token"
  }

  /// Token step `kind` (0–15, i.e. step kinds 16–31) in `session`.
  static func tokenStep(
    _ kind: Int, _ reader: inout ByteReader, _ session: SessionID, _ state: ClusterState,
    _ files: [String: FileInput]
  ) throws(ByteReader.OutOfData) -> ModelStep {
    let userToken = tokenFile(session, .user)
    let registrationToken = tokenFile(session, .registration)
    switch kind {
    case 0, 1, 2:
      let username = try name(&reader, state)
      let role = try role(&reader)
      let password = try password(&reader, state)
      let flags = try reader.byte()
      let approval = flags & 2 != 0 ? try pickFile(&reader, files, preferred: userToken) : nil
      var change = Command.UserChangeMFA(
        username: username, role: role, password: password, token: nil, approval: approval,
        changeQuorum: flags & 1 != 0)
      guard kind < 2 else {
        let command = Command.userChangeMFA(change)
        return .tokenCommand(session, command, answers: try prompted(&reader, state, command))
      }
      change.token = "{workdir}/\(session)-mfa.token"
      let key = try signingKey(&reader, state, of: username)
      let directive = try signDirective(&reader, key)
      let publicKey = try publicKeyPath(&reader, key)
      let command = Command.userChangeMFA(change)
      return .tokenCommand(
        session, command, answers: try prompted(&reader, state, command) + [directive, publicKey])
    case 3, 4:
      let username = try name(&reader, state)
      let login = Command.Login(
        username: username, role: try role(&reader), password: try password(&reader, state),
        mfaToken: "{workdir}/\(session)-login.token")
      let directive = try signDirective(&reader, try signingKey(&reader, state, of: username))
      let command = Command.login(login)
      return .tokenCommand(
        session, command, answers: try prompted(&reader, state, command) + [directive])
    case 5:
      return .tokenCommand(
        session, .quorumGenerate(.init(service: .registration, token: registrationToken)),
        answers: [])
    case 6:
      let file = try pickFile(&reader, files, preferred: registrationToken)
      let key = try signingKey(&reader, state, of: state.logins[session] ?? "")
      return .harness(.sign(file: file, key: key, twist: try twist(&reader)))
    case 7:
      let key = try signingKey(&reader, state, of: state.logins[session] ?? "")
      let register = Command.QuorumRegister(
        publicKey: try publicKeyPath(&reader, key),
        signedToken: try pickFile(&reader, files, preferred: registrationToken))
      return .tokenCommand(session, .quorumRegister(register), answers: [])
    case 8:
      let service = try reader.pick([QuorumService.user, .quorum])
      let value = try reader.int(below: 10)
      let approval = try pickApproval(&reader, files, preferred: tokenFile(session, .quorum))
      return .tokenCommand(
        session, .quorumSetValue(.init(service: service, value: value, approval: approval)),
        answers: [])
    case 9:
      return .tokenCommand(session, .quorumListValues, answers: [])
    case 10:
      let service = try reader.pick([QuorumService.user, .quorum])
      return .tokenCommand(
        session, .quorumGenerate(.init(service: service, token: tokenFile(session, service))),
        answers: [])
    case 11:
      let file = try pickFile(&reader, files, preferred: userToken)
      var approvers: [TokenAction.Approver] = []
      for _ in 0...(try reader.int(below: 4)) {
        let username = try approver(&reader, state)
        approvers.append(
          .init(username: username, key: try signingKey(&reader, state, of: username)))
      }
      return .harness(.approve(file: file, approvers: approvers))
    case 12:
      return .harness(.tamper(file: try pickFile(&reader, files, preferred: userToken)))
    default:
      let command = try approvedOperation(&reader, state, files, preferred: userToken)
      return .tokenCommand(session, command, answers: try prompted(&reader, state, command))
    }
  }

  /// `user create`, `user delete` or `user change-password` with `--approval`, as the
  /// password and user steps read their fields, then the approval.
  private static func approvedOperation(
    _ reader: inout ByteReader, _ state: ClusterState, _ files: [String: FileInput],
    preferred: String
  ) throws(ByteReader.OutOfData) -> Command {
    let kind = try reader.pick([UserCommand.create, .delete, .changePassword])
    return try userCommand(kind, &reader, state) { reader throws(ByteReader.OutOfData) in
      try pickApproval(&reader, files, preferred: preferred)
    }
  }

  /// The answers to `command`'s password prompts, if it has any: one password field, given
  /// for both `Enter password:` and `Confirm password:`.
  private static func prompted(
    _ reader: inout ByteReader, _ state: ClusterState, _ command: Command
  ) throws(ByteReader.OutOfData) -> [String] {
    let prompts = command.prompts.count
    guard prompts > 0 else { return [] }
    let answer = try password(&reader, state) ?? ""
    return Array(repeating: answer, count: prompts)
  }

  /// A token file: `preferred` for a byte below 0x80, else one of the token files in `files`
  /// (in name order) or `missingFile`.
  private static func pickFile(
    _ reader: inout ByteReader, _ files: [String: FileInput], preferred: String
  ) throws(ByteReader.OutOfData) -> String {
    let choice = try reader.byte()
    guard choice >= 0x80 else { return preferred }
    return otherFile(Int(choice & 0x7F), files)
  }

  /// An `--approval` file: none for a byte below 0x40, `preferred` below 0xC0, else as `pickFile`.
  private static func pickApproval(
    _ reader: inout ByteReader, _ files: [String: FileInput], preferred: String
  ) throws(ByteReader.OutOfData) -> String? {
    let choice = try reader.byte()
    switch choice {
    case 0..<0x40: return nil
    case 0x40..<0xC0: return preferred
    default: return otherFile(Int(choice - 0xC0), files)
    }
  }

  /// The token file `index` picks among those in `files` (not the public keys) and
  /// `missingFile`.
  private static func otherFile(_ index: Int, _ files: [String: FileInput]) -> String {
    var names = files.compactMap { path, input -> String? in
      if case .text = input { return nil }
      return path
    }
    names.sort()
    names.append(missingFile)
    return names[index % names.count]
  }

  /// A signing key: `username`'s registered key (`k1` if it has none) for two byte values in
  /// five, else `k1`, `k2` or `k3`.
  private static func signingKey(
    _ reader: inout ByteReader, _ state: ClusterState, of username: String
  )
    throws(ByteReader.OutOfData) -> String
  {
    let choice = try reader.int(below: 5)
    guard choice < 2 else { return keyNames[choice - 2] }
    let registered = state.users[username.lowercased()]?.publicKeyPEM
    return registered.flatMap(KeyRing.symbolicName(ofPublicKey:)) ?? keyNames[0]
  }

  /// `tamper` or `drop` one time in eight each, else no twist.
  private static func twist(_ reader: inout ByteReader) throws(ByteReader.OutOfData)
    -> TokenAction.Twist?
  {
    switch try reader.int(below: 8) {
    case 0: .tamper
    case 1: .drop
    default: nil
    }
  }

  /// The answer `{sign KEY}`, with a twist read as `twist` does.
  private static func signDirective(_ reader: inout ByteReader, _ key: String)
    throws(ByteReader.OutOfData) -> String
  {
    guard let twist = try twist(&reader) else { return "{sign \(key)}" }
    return "{sign \(key) \(twist.rawValue)}"
  }

  /// The public key file of `key`; one time in eight the next key's, one in eight a missing
  /// file.
  private static func publicKeyPath(_ reader: inout ByteReader, _ key: String)
    throws(ByteReader.OutOfData) -> String
  {
    switch try reader.int(below: 8) {
    case 0:
      let index = keyNames.firstIndex(of: key) ?? 0
      return KeyRing.publicKeyPath(keyNames[(index + 1) % keyNames.count])
    case 1: return KeyRing.publicKeyPath("missing")
    default: return KeyRing.publicKeyPath(key)
    }
  }

  /// An approver's username: an existing user's, upper-cased when the byte's high bit is set
  /// (the same approver to the model, which compares names ignoring ASCII case).
  private static func approver(_ reader: inout ByteReader, _ state: ClusterState)
    throws(ByteReader.OutOfData) -> String
  {
    let choice = try reader.byte()
    let users = state.usersInListOrder
    guard !users.isEmpty else { return ModelConfiguration.adminName }
    let name = users[Int(choice & 0x7F) % users.count].name
    return choice & 0x80 != 0 ? name.uppercased() : name
  }
}
