import Foundation
import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `<repo>/../shared/corpus`, when it is there.
private let corpusDirectory: URL? = {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpus")
  return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// The reader over the third-party samples in `../shared/corpus` (next to the repository in the
/// development workplace; absent from a user's clone, where the suite is skipped): the files that
/// are valid JSON read without a rejection, NDJSON gives one record per non-blank line, and the
/// invalid ones are rejected where Python's `json` module also stops.
@Suite(.enabled(if: corpusDirectory != nil, "../shared/corpus is not beside this repository"))
struct JSONCorpusTests {
  /// The invalid samples, with the first problem and its byte offset (the offsets are where
  /// Python's `json.loads` reports its error too).
  static let knownInvalid: [String: JSONSyntaxError] = [
    // Unquoted keys in `target_details`.
    "gitlab/gitlab-docs_audit-event-streaming/audit_operation_invalid_mr_approver_rules.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "t")), at: 211),
    // Trailing commas before `}` in documentation examples.
    "scim/ms-entra-docs_use-scim/02_response_201_create_user.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 507),
    "scim/ms-entra-docs_use-scim/03_response_200_GET_Users_id.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 507),
    "scim/ms-entra-docs_use-scim/10_response_200_PATCH_Users_id_singlevalued.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 519),
    "scim/ms-entra-docs_use-scim/15_response_200_GET_Groups_id_excludedAttributes.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 344),
    "scim/ms-entra-docs_use-scim/16_response_200_GET_Groups_filter_displayName.json":
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 467),
    // A raw line break inside a string.
    "scim/ms-entra-docs_use-scim/20_response_200_GET_Schemas.json":
      JSONSyntaxError(.controlCharacterInString, at: 539),
    // `"acve": tre` in a test of garbage input.
    "scim/azuread-scimreferencecode_postman/22_POST_User-tests-with-garbage-Post-junk.json":
      JSONSyntaxError(.invalidLiteral, at: 15),
  ]

  static func jsonFiles(in corpus: URL) -> [String] {
    let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
    var paths: [String] = []
    while let url = walker?.nextObject() as? URL {
      guard ["json", "jsonl", "ndjson", "log"].contains(url.pathExtension),
        !url.path.contains("/windows_xml/")
      else { continue }
      paths.append(String(url.path.dropFirst(corpus.path.count + 1)))
    }
    return paths.sorted()
  }

  @Test func everySampleReadsAsExpected() throws {
    let corpus = try #require(corpusDirectory)
    let files = Self.jsonFiles(in: corpus)
    #expect(files.count >= 100)
    var invalidSeen: Set<String> = []
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(file)))
      var records = 0
      var firstError: JSONSyntaxError?
      var layout: JSONLayout?
      bytes.withUnsafeBytes { buffer in
        layout = JSONRecordReader.detectLayout(buffer)
        guard let layout else { return }
        var reader = JSONRecordReader(path: file)
        reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: layout) { record in
          records += 1
          if case .malformed(_, let error) = record, firstError == nil { firstError = error }
          return true
        }
        if layout == .lines {
          #expect(records == JSONMutationTests.nonBlankLines(buffer), "\(file)")
        }
      }
      #expect(layout != nil, "\(file) does not start like JSON")
      if let expected = Self.knownInvalid[file] {
        invalidSeen.insert(file)
        #expect(firstError == expected, "\(file)")
      } else {
        #expect(firstError == nil, "\(file): \(firstError.map(String.init(describing:)) ?? "")")
      }
    }
    #expect(invalidSeen.count == Self.knownInvalid.count)
  }
}
