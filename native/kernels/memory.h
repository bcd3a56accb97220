// The addon's part of the memory policy. Arrays live in V8-owned ArrayBuffers
// (allocated by TypeScript, freed by the GC); the addon never owns array memory.
// What it can do is make glibc *reuse* freed memory for large buffers instead of
// mapping fresh pages for each one and unmapping them on free: faulting in 8 MB of
// new pages costs ~0.5 ms and 80 MB ~40 ms on the dev machine, reusing them ~30 us
// and ~0.6 ms (BUILD-NOTES.md, and the measurements in the report of this change).
#pragma once
#include <cstdint>

namespace numnode {

struct MallocPolicy {
  bool tuning = false;            // true when numnode raised glibc's thresholds itself
  const char* source = "default"; // "mallopt", "environment", "disabled", "unsupported"
  const char* detail = "";        // one line for humans
  int64_t mmap_threshold = -1;    // bytes; -1 = glibc's default (dynamic, <= 32 MiB)
  int64_t trim_threshold = -1;    // bytes; -1 = glibc's default (dynamic)
  bool mmap_applied = false;      // mallopt(M_MMAP_THRESHOLD) returned 1
  bool trim_applied = false;      // mallopt(M_TRIM_THRESHOLD) returned 1
};

// Applies the policy once per process (addon load; worker threads that load the
// addon again reuse the first result). Honours NUMNODE_MALLOC_TUNING=0, and leaves
// the user's own MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ alone.
const MallocPolicy& apply_malloc_policy() noexcept;

// Scratch buffers of this many bytes and more (sort's radix passes) are advised onto
// transparent huge pages, as NumPy advises its arrays (numpy/_core/src/multiarray/
// alloc.c, 4 MiB and up). Array buffers are not: see src/core/memory.ts.
constexpr int64_t kHugePageMinBytes = int64_t{4} << 20;

// madvise(MADV_HUGEPAGE) over the 2 MiB-aligned interior of [p, p + n) when n is at
// least kHugePageMinBytes: pages touched for the first time afterwards come as 2 MiB
// pages (one fault instead of 512, and far fewer TLB misses for gathers and sorts).
// Returns the bytes advised (0: too small, no THP, or the kernel refused).
int64_t advise_huge_pages(void* p, int64_t n) noexcept;

}  // namespace numnode
