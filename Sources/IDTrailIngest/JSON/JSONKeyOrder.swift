/// The member names that the last object of one kind had at each position, so that the next
/// such object's names are each checked against one guess before the table is asked.
///
/// The records of one stream are written by one serialiser, member after member in one order, so
/// the guess is mostly right: a name is then matched by comparing its length and two words with
/// the guess, with no hash and no probe. A miss costs the lookup it saves and a store; the answer
/// is the table's either way. Names over 16 bytes, which two words do not settle, are always
/// looked up.
///
/// Each part of an input keeps its own (in `DecodedInput`): it changes on every miss, so it is
/// never shared between threads.
struct JSONKeyOrder: Sendable {
  /// The most member positions guessed; members after these are looked up.
  static let capacity = 64

  /// The guess at each position: a name's words and its slot in `table` (-1 for none); after
  /// `prepare(for:)`, `capacity` entries, those not yet seen with length -1.
  private var guesses: [Guess] = []
  /// The table the slots are of.
  private var table: JSONKeyTable?

  private struct Guess {
    var words: NameWords
    var slot: Int
  }

  /// Readies the guesses for a walk with `table`, dropping them when they were of another.
  @inline(__always)
  mutating func prepare(for table: JSONKeyTable) {
    guard self.table !== table else { return }
    var unseen = NameWords()
    unseen.length = -1
    guesses = Array(repeating: Guess(words: unseen, slot: -1), count: Self.capacity)
    self.table = table
  }

  /// The slot in `table` (the one of `prepare(for:)`) of the name `name` (UTF-8, unescaped) at
  /// member `position`, or nil when it is not in the table; the guess for `position` is checked
  /// first and corrected on a miss.
  @inline(__always)
  mutating func slot(_ name: UnsafeRawBufferPointer, at position: Int, in table: JSONKeyTable) -> Int? {
    let words = NameWords(name)
    guard position < guesses.count else { return table.slot(name, words: words) }
    let guess = guesses[position]
    if guess.words == words && words.length <= 16 {
      return guess.slot >= 0 ? guess.slot : nil
    }
    let slot = table.slot(name, words: words)
    guesses[position] = Guess(words: words, slot: slot ?? -1)
    return slot
  }
}
