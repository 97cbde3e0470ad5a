import Foundation
import IDTrailModel

/// What `idtrail inspect` reports: per input its format and the accounting of its records, then
/// totals. Built from decoded inputs; rendered as text or JSON.
public struct InspectSummary: Sendable, Codable, Equatable {
  public struct Input: Sendable, Codable, Equatable {
    public var path: String
    /// The format ID, or nil when no decoder recognised the input.
    public var format: String?
    public var bytes: Int
    public var records: Int
    public var decoded: Int
    public var skipped: Int
    public var skippedByReason: [ReasonCount]
    public var rejected: Int
    /// The first rejections, with locator and reason.
    public var rejections: [Rejection]
    public var events: Int
    public var facts: Int
    public var coverage: Coverage?
  }

  public struct ReasonCount: Sendable, Codable, Equatable {
    public var reason: String
    public var count: Int
  }

  public struct Coverage: Sendable, Codable, Equatable {
    public var start: Timestamp
    public var end: Timestamp
  }

  public struct Unreadable: Sendable, Codable, Equatable {
    public var path: String
    public var reason: String
  }

  public struct Totals: Sendable, Codable, Equatable {
    public var inputs = 0
    public var records = 0
    public var decoded = 0
    public var skipped = 0
    public var rejected = 0
    public var events = 0
    public var facts = 0
  }

  public var inputs: [Input]
  public var unreadable: [Unreadable]
  public var totals: Totals

  /// How many rejections each input lists.
  public static let listedRejections = 5

  public init(decoded: [DecodedInput], errors: [InputError]) {
    inputs = decoded.map { input in
      Input(
        path: input.path, format: input.format?.rawValue, bytes: input.byteCount,
        records: input.records, decoded: input.decoded, skipped: input.skippedCount,
        skippedByReason: input.skipped.map { ReasonCount(reason: $0.key, count: $0.value) }
          .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) },
        rejected: input.rejectedCount,
        rejections: Array(input.rejections.prefix(Self.listedRejections)),
        events: input.eventCount, facts: input.facts.count,
        coverage: input.coverage.map { Coverage(start: $0.lowerBound, end: $0.upperBound) })
    }
    unreadable = errors.map { error in
      switch error {
      case .cannotOpen(let path, _), .notARegularFile(let path), .corruptGzip(let path, _),
        .inflationLimit(let path, _):
        return Unreadable(path: path, reason: error.description)
      }
    }
    var totals = Totals()
    for input in inputs {
      totals.inputs += 1
      totals.records += input.records
      totals.decoded += input.decoded
      totals.skipped += input.skipped
      totals.rejected += input.rejected
      totals.events += input.events
      totals.facts += input.facts
    }
    self.totals = totals
  }

  /// How the run ended, for the exit code.
  public enum Outcome: Sendable, Equatable {
    case success
    /// Some path could not be opened (exit 74).
    case inputUnreadable
    /// No input was recognised as any format (exit 65).
    case noRecognisedInput
  }

  public var outcome: Outcome {
    if !unreadable.isEmpty { return .inputUnreadable }
    if !inputs.contains(where: { $0.format != nil }) { return .noRecognisedInput }
    return .success
  }

  /// The summary as a plain-text table, one block per input.
  public func renderText() -> String {
    var lines: [String] = []
    for input in inputs {
      lines.append(input.path)
      lines.append("  format    \(input.format ?? "unrecognised")")
      lines.append(
        "  records   \(input.records) = \(input.decoded) decoded + \(input.skipped) skipped + \(input.rejected) rejected"
      )
      lines.append("  yields    \(input.events) events, \(input.facts) state facts")
      if let coverage = input.coverage {
        lines.append("  coverage  \(coverage.start.rfc3339) .. \(coverage.end.rfc3339)")
      }
      for skip in input.skippedByReason {
        lines.append("  skipped   \(skip.count) × \(skip.reason)")
      }
      for rejection in input.rejections {
        lines.append("  rejected  \(rejection.locator): \(rejection.reason)")
      }
      if input.rejected > input.rejections.count {
        lines.append("  rejected  … and \(input.rejected - input.rejections.count) more")
      }
    }
    for problem in unreadable {
      lines.append("\(problem.path)")
      lines.append("  unreadable  \(problem.reason)")
    }
    lines.append(
      "total: \(totals.inputs) inputs, \(totals.records) records = \(totals.decoded) decoded + \(totals.skipped) skipped + \(totals.rejected) rejected; \(totals.events) events, \(totals.facts) state facts"
    )
    if !unreadable.isEmpty {
      lines.append("\(unreadable.count) path(s) could not be read")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The summary as pretty-printed JSON with sorted keys.
  public func renderJSON() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
