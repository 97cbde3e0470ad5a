import Foundation
import IDTrailModel

/// `idtrail timeline --format json`: the timeline as one document with sorted keys; every time is
/// shown in the display zone.
struct TimelineJSONRenderer {
  let timeZone: DisplayTimeZone

  private struct Document: Encodable {
    var person: PersonSummary
    var timeZone: String
    var from: String?
    var to: String?
    var identifiers: [PersonIdentifier]
    var episodes: [EpisodeView]
    var events: [EventView]
    var duplicates: [Trail.DuplicateDelivery]
  }

  private struct PersonSummary: Encodable {
    var id: PersonID
    var displayName: String
    var emails: [String]
  }

  private struct EpisodeView: Encodable {
    var id: String
    var kind: Episode.Kind
    var status: Episode.Status
    var opened: String
    var deadline: String?
    var latencySeconds: Latencies
    var steps: [StepView]
  }

  private struct StepView: Encodable {
    var role: EpisodeStep.Role
    var time: String
    var stage: Stage
    var source: FormatID
    var action: Action
    var rawAction: String
    var provisioning: ProvisioningOperation?
    var succeeded: Bool
    var httpStatus: Int?
    var evidence: EvidenceKind
    var locator: Locator
    var nativeID: String?
  }

  private struct EventView: Encodable {
    var time: String
    var originalTime: String
    var stage: Stage
    var source: FormatID
    var action: Action
    var rawAction: String
    var provisioning: ProvisioningOperation?
    var subject: [String]
    var actor: Actor
    var resource: Resource?
    var role: RoleChange?
    var outcome: Outcome
    var channel: Channel
    var evidence: EvidenceKind
    var locator: Locator
    var nativeID: String?
    var isSubject: Bool
    var isActor: Bool
    var subjectLabel: String
    var actorLabel: String
    var notes: [String]
  }

  func render(_ timeline: Timeline) throws -> String {
    let document = Document(
      person: PersonSummary(
        id: timeline.person.id, displayName: timeline.person.displayName, emails: timeline.person.emails),
      timeZone: timeZone.name, from: timeline.from.map(timeZone.format), to: timeline.to.map(timeZone.format),
      identifiers: timeline.person.identifiers,
      episodes: timeline.episodes.map { episode in
        EpisodeView(
          id: episode.id, kind: episode.kind, status: episode.status, opened: timeZone.format(episode.opened),
          deadline: episode.deadline.map(timeZone.format), latencySeconds: episode.latencySeconds,
          steps: episode.steps.map { step in
            StepView(
              role: step.role, time: timeZone.format(step.time), stage: step.stage, source: step.source,
              action: step.action, rawAction: step.rawAction, provisioning: step.provisioning,
              succeeded: step.succeeded,
              httpStatus: step.httpStatus, evidence: step.evidence, locator: step.locator,
              nativeID: step.nativeID)
          })
      },
      events: timeline.entries.map { entry in
        let event = entry.event
        return EventView(
          time: timeZone.format(event.time), originalTime: event.originalTime, stage: event.stage,
          source: event.source, action: event.action, rawAction: event.rawAction,
          provisioning: event.provisioning,
          subject: event.subject.map(\.description), actor: event.actor, resource: event.resource,
          role: event.role,
          outcome: event.outcome, channel: event.channel, evidence: event.evidence, locator: event.locator,
          nativeID: event.nativeID, isSubject: entry.isSubject, isActor: entry.isActor,
          subjectLabel: entry.subjectLabel, actorLabel: entry.actorLabel, notes: entry.notes)
      }, duplicates: timeline.duplicates)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(document)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
