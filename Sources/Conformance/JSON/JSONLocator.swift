import ReferenceModel

/// One step of a path into a JSON document: an object's key or an array's index.
///
/// Spec: RFC 6901 (JSON Pointer) in spirit; rendered as `admin.access_key_id` or `session[2]`.
package enum JSONPathComponent: Hashable, Sendable {
  case key(String)
  case index(Int)
}

/// Finds where things are in JSON text that `JSONReader` has accepted, since json-c keeps no
/// positions: the byte offset of the value at a path, or of the key that names it.
///
/// It walks `JSONToken`s (structural characters, strings and scalars) and never decodes a
/// value; a key with escapes is compared after decoding it with `JSONReader`. When a key
/// repeats, the last one is found, whose value is the one json-c keeps.
/// Spec: sut-contract.md §1 (errors name the place in the SUT file).
package struct JSONLocator {
  private let bytes: [UInt8]
  private let tokens: [JSONToken]

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
    self.tokens = JSONToken.scan(bytes)
  }

  /// The offset of the first byte of the value at `path` (`[]` is the whole document).
  package func valueOffset(at path: [JSONPathComponent]) -> Int? {
    valueToken(at: path[...]).map { tokens[$0].range.lowerBound }
  }

  /// The offset of the opening quote of the key that ends `path`.
  package func keyOffset(at path: [JSONPathComponent]) -> Int? {
    guard case .key(let key)? = path.last, let parent = valueToken(at: path.dropLast()) else {
      return nil
    }
    return member(key, of: parent).map { tokens[$0.key].range.lowerBound }
  }

  private func valueToken(at path: ArraySlice<JSONPathComponent>) -> Int? {
    var index = 0
    for component in path {
      guard index < tokens.count else { return nil }
      switch component {
      case .key(let key):
        guard let found = member(key, of: index) else { return nil }
        index = found.value
      case .index(let position):
        guard let found = element(position, of: index) else { return nil }
        index = found
      }
    }
    return index < tokens.count ? index : nil
  }

  /// The token indexes of the last member named `key` of the object starting at `object`.
  private func member(_ key: String, of object: Int) -> (key: Int, value: Int)? {
    guard kind(at: object) == .beginObject else { return nil }
    var found: (key: Int, value: Int)?
    var index = object + 1
    while kind(at: index) == .string, kind(at: index + 1) == .colon {
      if matches(key, token: index) { found = (index, index + 2) }
      index = skipValue(at: index + 2)
      guard kind(at: index) == .comma else { break }
      index += 1
    }
    return found
  }

  /// The token index of element `position` of the array starting at `array`.
  private func element(_ position: Int, of array: Int) -> Int? {
    guard kind(at: array) == .beginArray, kind(at: array + 1) != .endArray else { return nil }
    var index = array + 1
    for _ in 0..<position {
      index = skipValue(at: index)
      guard kind(at: index) == .comma else { return nil }
      index += 1
    }
    return index < tokens.count ? index : nil
  }

  /// The index of the token after the value starting at `start`.
  private func skipValue(at start: Int) -> Int {
    guard kind(at: start) == .beginObject || kind(at: start) == .beginArray else {
      return start + 1
    }
    var depth = 0
    var index = start
    while index < tokens.count {
      switch tokens[index].kind {
      case .beginObject, .beginArray: depth += 1
      case .endObject, .endArray: depth -= 1
      default: break
      }
      index += 1
      if depth == 0 { break }
    }
    return index
  }

  private func kind(at index: Int) -> JSONToken.Kind? {
    index < tokens.count ? tokens[index].kind : nil
  }

  private func matches(_ key: String, token index: Int) -> Bool {
    let text = bytes[tokens[index].range]
    guard text.contains(UInt8(ascii: "\\")) else {
      return text.count >= 2 && text.dropFirst().dropLast().elementsEqual(key.utf8)
    }
    return (try? JSONReader.parse(Array(text))) == .string(key)
  }
}

extension [JSONPathComponent] {
  /// The path as people write it: `admin.access_key_id`, `session[2]`.
  package var rendered: String {
    var text = ""
    for component in self {
      switch component {
      case .key(let key): text += text.isEmpty ? key : "." + key
      case .index(let index): text += "[\(index)]"
      }
    }
    return text
  }
}
