import IDTrailModel

/// `idtrail timeline --format text`: the person, their identifiers with the record that joined
/// each, their episodes, and one line per event.
struct TimelineTextRenderer {
  let timeZone: DisplayTimeZone

  func render(_ timeline: Timeline) -> String {
    let person = timeline.person
    var text = "Timeline of \(TextTable.printable(person.displayName)) (\(person.id))\n"
    text += "Times in \(timeZone.name)"
    if timeline.from != nil || timeline.to != nil {
      text += ", from \(timeline.from.map(timeZone.format) ?? "the start")"
      text += " to \(timeline.to.map(timeZone.format) ?? "the end")"
    }
    text += "\n\nIdentifiers, with the record that joined each:\n"
    text += TextTable.render(
      header: ["KIND", "VALUE", "SOURCE", "RECORD", "RULE"],
      rows: person.identifiers.map {
        [$0.kind.rawValue, $0.value, $0.source.rawValue, $0.learnedFrom.description, $0.rule.rawValue]
      })
    text += "\nEpisodes:"
    if timeline.episodes.isEmpty {
      text += " none\n"
    } else {
      text += "\n"
      text += TextTable.render(
        header: ["KIND", "STATUS", "OPENED", "DEADLINE", "IDP->SCIM", "SCIM->GITLAB", "END-TO-END", "ID"],
        rows: timeline.episodes.map { episode in
          [
            episode.kind.rawValue, episode.status.rawValue, timeZone.format(episode.opened),
            episode.deadline.map(timeZone.format) ?? "-",
            IdentifierLabel.duration(episode.latencySeconds.idpToScim),
            IdentifierLabel.duration(episode.latencySeconds.scimToGitlab),
            IdentifierLabel.duration(episode.latencySeconds.endToEnd) + inferredMark(episode), episode.id,
          ]
        })
    }
    text += "\nEvents:"
    if timeline.entries.isEmpty {
      text += " none\n"
      return text
    }
    text += " \(timeline.entries.count)\n"
    text += TextTable.render(
      header: [
        "TIME", "STAGE", "SOURCE", "ACTION", "SUBJECT", "RESOURCE", "ROLE", "ACTOR", "OUTCOME", "LOCATOR",
        "NOTE",
      ],
      rows: timeline.entries.map { entry in
        let event = entry.event
        return [
          timeZone.format(event.time), event.stage.rawValue, event.source.rawValue,
          IdentifierLabel.action(event),
          entry.isSubject ? "self" : entry.subjectLabel, event.resource?.name ?? "-",
          IdentifierLabel.role(event.role),
          entry.isActor ? "self" : entry.actorLabel, IdentifierLabel.outcome(event.outcome),
          event.locator.description, entry.notes.isEmpty ? "-" : entry.notes.joined(separator: "; "),
        ]
      })
    if !timeline.duplicates.isEmpty {
      text += "\nRepeated deliveries dropped: \(timeline.duplicates.count)\n"
      text += TextTable.render(
        header: ["DROPPED", "REPEATS", "NATIVE ID"],
        rows: timeline.duplicates.map { [$0.dropped.description, $0.kept.description, $0.nativeID] })
    }
    return text
  }

  /// Marks a latency that rests on a snapshot rather than a log record.
  private func inferredMark(_ episode: Episode) -> String {
    episode.effect?.evidence == .inferred ? " (inferred)" : ""
  }
}
