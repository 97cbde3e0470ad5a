import IDTrailModel

/// An auditor's sample of terminations: N leavers picked reproducibly from the period's leavers,
/// each with its whole chain of evidence (`idtrail report --sample N --seed S`).
///
/// The population is every leaver episode that opened in the evaluation window, in time order
/// (then person, then episode id). The pick is a partial Fisher–Yates shuffle driven by SplitMix64
/// seeded with `seed`: for i in 0..<N, swap position i with i + (next() mod (population − i)).
/// The same inputs, policy, period and seed always give the same sample; the sampled leavers are
/// listed in time order. Asking for more than the population gives all of it.
public struct TerminationSample: Sendable, Hashable, Codable {
  /// One sampled leaver and the evidence an auditor tests it with.
  public struct Item: Sendable, Hashable, Codable {
    public var person: FindingPerson
    /// The leaver episode: its steps (upstream signals, SCIM calls, GitLab effect) with locators,
    /// latencies, status and SLA deadline.
    public var episode: Episode
    /// Where the person's activity after T0 was recorded, in time order.
    public var activityAfterDeprovision: [FindingEvidence]
    /// Every finding about the person, from every control, in time order.
    public var findings: [Finding]
  }

  public var seed: UInt64
  /// How many leavers were asked for.
  public var requested: Int
  /// How many leavers the sample was drawn from.
  public var population: Int
  public var items: [Item]

  init(evaluation: ControlEvaluation, size: Int, seed: UInt64) {
    let context = evaluation.context
    let leavers = context.leavers.sorted { ($0.opened, $0.person, $0.id) < ($1.opened, $1.person, $1.id) }
    var order = Array(leavers.indices)
    var generator = SplitMix64(seed: seed)
    let count = min(max(size, 0), order.count)
    for position in 0..<count {
      let other = position + Int(generator.next() % UInt64(order.count - position))
      order.swapAt(position, other)
    }
    let findings = evaluation.findings
    self.seed = seed
    requested = size
    population = leavers.count
    items = order.prefix(count).sorted().compactMap { index in
      let leaver = leavers[index]
      guard let person = context.person(leaver.person) else { return nil }
      return Item(
        person: person, episode: leaver,
        activityAfterDeprovision: PostTerminationActivityControl.activity(after: leaver, context)
          .map(FindingEvidence.init),
        findings: findings.filter { $0.person?.id == leaver.person })
    }
  }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator whose sequence is fixed by
/// the seed on every platform, so a sample can be drawn again from its seed.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
