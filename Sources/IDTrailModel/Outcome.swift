/// Whether the thing an event records succeeded.
public struct Outcome: Sendable, Hashable, Codable {
  public var succeeded: Bool
  /// Why it failed, in the source's words (or a short explanation of ours).
  public var reason: String?
  /// The HTTP status, for events read from request logs or HTTP captures.
  public var httpStatus: Int?

  public init(succeeded: Bool, reason: String? = nil, httpStatus: Int? = nil) {
    self.succeeded = succeeded
    self.reason = reason
    self.httpStatus = httpStatus
  }

  public static let success = Outcome(succeeded: true)

  public static func failure(_ reason: String?, httpStatus: Int? = nil) -> Outcome {
    Outcome(succeeded: false, reason: reason, httpStatus: httpStatus)
  }
}
