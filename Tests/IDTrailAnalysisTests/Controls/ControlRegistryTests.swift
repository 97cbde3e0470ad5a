import Foundation
import IDTrailAnalysis
import Testing

/// The registry lists every control file once, sorted by id (STYLE C4).
@Suite struct ControlRegistryTests {
  private static var controlsFolder: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/IDTrailAnalysis/Controls")
  }

  @Test func idsAreUniqueAndSorted() {
    let ids = ControlRegistry.all.map { $0.description.id }
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    #expect(ids.count == 13)
  }

  @Test func idsAreTheDesignCatalog() {
    #expect(
      ControlRegistry.all.map { $0.description.id } == [
        "evidence-coverage", "impersonation", "leaver-incomplete", "leaver-sla", "manual-access-change",
        "mfa-weakened", "orphan-account", "post-termination-activity", "privileged-access",
        "provisioning-failure", "scim-token-rotation", "token-hygiene", "unmanaged-provisioning",
      ])
  }

  @Test func everyControlFileIsRegistered() throws {
    let enumerator = try #require(FileManager.default.enumerator(atPath: Self.controlsFolder.path))
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      if name.hasSuffix("Control.swift") && name != "Control.swift" {
        files.append(String(name.dropLast(".swift".count)))
      }
    }
    let registered = ControlRegistry.all.map { String(describing: $0) }
    #expect(files.sorted() == registered.sorted())
  }

  @Test func descriptionsAreComplete() {
    for control in ControlRegistry.all {
      let description = control.description
      #expect(!description.title.isEmpty, "\(description.id)")
      #expect(!description.rationale.isEmpty, "\(description.id)")
      #expect(description.criteria.allSatisfy { $0.hasPrefix("CC") }, "\(description.id)")
      #expect(!description.requires.isEmpty, "\(description.id)")
    }
  }

  @Test func unknownIdListsTheValidOnes() {
    let error = #expect(throws: UnknownControlError.self) { try ControlRegistry.control(id: "leaver-slaa") }
    #expect(
      error?.description
        == "no control has the id 'leaver-slaa'; valid ids: evidence-coverage, impersonation, leaver-incomplete, "
        + "leaver-sla, manual-access-change, mfa-weakened, orphan-account, post-termination-activity, "
        + "privileged-access, provisioning-failure, scim-token-rotation, token-hygiene, unmanaged-provisioning"
    )
  }
}
