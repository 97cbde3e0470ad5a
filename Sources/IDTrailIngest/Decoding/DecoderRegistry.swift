import IDTrailModel

/// Every decoder idtrail has, in the order the sniffer asks them.
///
/// Order matters only where two formats could both claim an input: the more specific decoder comes
/// first. A test checks that IDs are unique and that every `*Decoder.swift` file is listed here.
public enum DecoderRegistry {
  public static let all: [any FormatDecoder] = [
    GitLabAuditStreamDecoder(),
    GitLabAuditJSONLogDecoder(),
    GitLabAuditAPIDecoder(),
    GitLabAuditCSVDecoder(),
    GitLabMembersDecoder(),
    GitLabUsersDecoder(),
    GitLabAPILogDecoder(),
    GitLabProductionLogDecoder(),
    GitLabApplicationLogDecoder(),
    SCIMHARDecoder(),
    SCIMResourcesDecoder(),
    OktaSystemLogDecoder(),
    EntraProvisioningDecoder(),
    EntraAuditDecoder(),
    GoogleAdminDecoder(),
    WindowsSecurityXMLDecoder(),
    SCIMv1XMLDecoder(),
    SPMLv2XMLDecoder(),
  ]

  /// The decoder for `format`.
  ///
  /// - Throws: `UnknownFormatError` listing the valid IDs.
  public static func decoder(for format: FormatID) throws(UnknownFormatError) -> any FormatDecoder {
    guard let decoder = all.first(where: { $0.format == format }) else {
      throw UnknownFormatError(requested: format.rawValue, known: all.map(\.format.rawValue).sorted())
    }
    return decoder
  }
}

/// `--format` named a format idtrail does not have.
public struct UnknownFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  public var requested: String
  public var known: [String]

  public var description: String {
    "unknown format '\(requested)'; the formats are: \(known.joined(separator: ", "))"
  }
}
