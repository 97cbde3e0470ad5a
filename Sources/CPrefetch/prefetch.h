// Memory hints Swift does not expose.
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

// A cache prefetch hint. The trail asks for the hash-table slots of events a few places ahead, so
// that the lookups of millions of events do not each wait on memory.
static inline void idtrail_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

// Backs the whole 4 KiB pages of [start, start + length) with memory in one call
// (MADV_POPULATE_WRITE), where writing them one by one would take a page fault each: the trail's
// events, hundreds of megabytes, are written once, front to back. A kernel without the call
// (before Linux 5.14), or with larger pages, refuses it, and the pages fault as before.
static inline void idtrail_populate(void *start, size_t length) {
#ifdef MADV_POPULATE_WRITE
  const uintptr_t page = 4096;
  uintptr_t first = ((uintptr_t)start + page - 1) & ~(page - 1);
  uintptr_t end = ((uintptr_t)start + length) & ~(page - 1);
  if (end > first) (void)madvise((void *)first, end - first, MADV_POPULATE_WRITE);
#else
  (void)start;
  (void)length;
#endif
}
