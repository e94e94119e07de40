import Foundation
package import ReferenceModel

/// Token and key files on disk, as the values the model reads and the actions change.
///
/// Spec: spec-digest.md §3; sut-contract.md §2 ("Token files written and read by the SUT").
package enum TokenFiles {
  /// A token file read and validated; any problem becomes `.unreadable` with its position.
  package static func loadToken(_ path: String) -> FileInput {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .unreadable("\(path): no such file or not readable")
    }
    do {
      return .token(try TokenFileReader.read(Array(data), file: path))
    } catch {
      return .unreadable(error.description)
    }
  }

  /// A text file (a PEM public key).
  package static func loadText(_ path: String) -> FileInput {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .unreadable("\(path): no such file or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .unreadable("\(path): not UTF-8 text")
    }
    return .text(text)
  }

  /// Writes a token file (replacing it atomically); the error text on failure.
  package static func store(_ file: TokenFile, at path: String) -> String? {
    do {
      try Data(TokenFileReader.write(file)).write(to: URL(fileURLWithPath: path), options: .atomic)
      return nil
    } catch {
      return "\(path): \(error.localizedDescription)"
    }
  }

  /// Does `action` on the file at `path` on disk (reads, changes, writes back).
  package static func perform(_ action: TokenAction, at path: String, keys: KeyRing) -> String? {
    let file: TokenFile
    switch loadToken(path) {
    case .token(let token): file = token
    case .unreadable(let reason): return reason
    case .text: return "\(path) is not a token file"
    }
    switch action.apply(to: file, keys: keys) {
    case .success(let changed): return store(changed, at: path)
    case .failure(let error): return error.message
    }
  }

  /// The files a command reads before it runs, loaded from disk.
  package static func inputs(of command: Command) -> [String: FileInput] {
    var files: [String: FileInput] = [:]
    for input in command.inputFiles {
      switch input.kind {
      case .token: files[input.path] = loadToken(input.path)
      case .publicKey: files[input.path] = loadText(input.path)
      }
    }
    return files
  }

  /// The unsigned token file path of a token-sign command line, if it has one.
  package static func tokenPath(of command: Command) -> String? {
    switch command {
    case .login(let login): login.mfaToken
    case .userChangeMFA(let change): change.token
    default: nil
    }
  }
}
