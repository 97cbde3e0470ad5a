// A cache prefetch hint, which Swift does not expose. The trail asks for the hash-table slots of
// events a few places ahead, so that the lookups of millions of events do not each wait on memory.
static inline void idtrail_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }
