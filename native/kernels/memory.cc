#include "memory.h"

#include <climits>
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace numnode {

namespace {

MallocPolicy decide() noexcept {
  MallocPolicy p;
  const char* off = std::getenv("NUMNODE_MALLOC_TUNING");
  if (off != nullptr && std::strcmp(off, "0") == 0) {
    p.source = "disabled";
    p.detail = "NUMNODE_MALLOC_TUNING=0: glibc defaults (large buffers get fresh pages each time)";
    return p;
  }
#if defined(__GLIBC__)
  const char* env_mmap = std::getenv("MALLOC_MMAP_THRESHOLD_");
  const char* env_trim = std::getenv("MALLOC_TRIM_THRESHOLD_");
  if (env_mmap != nullptr || env_trim != nullptr) {
    // glibc already applied these at startup; overriding them would surprise.
    p.source = "environment";
    p.detail = "MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_ set by the user; numnode left them alone";
    if (env_mmap != nullptr) p.mmap_threshold = std::strtoll(env_mmap, nullptr, 10);
    if (env_trim != nullptr) p.trim_threshold = std::strtoll(env_trim, nullptr, 10);
    return p;
  }
  // mallopt takes an int, so INT_MAX (2 GiB - 1) is the largest value it can be
  // given as a positive number. glibc 2.36 accepts it for both (it no longer caps
  // M_MMAP_THRESHOLD at HEAP_MAX_SIZE/2 = 32 MiB; that cap now only bounds the
  // *dynamic* threshold). So: buffers below 2 GiB come from the heap and freed
  // ones are reused; the heap is never trimmed below 2 GiB of free top space.
  // Cost: RSS keeps its high-water mark (up to 2 GiB of free memory) until exit.
  p.mmap_threshold = INT_MAX;
  p.trim_threshold = INT_MAX;
  p.mmap_applied = mallopt(M_MMAP_THRESHOLD, INT_MAX) == 1;
  p.trim_applied = mallopt(M_TRIM_THRESHOLD, INT_MAX) == 1;
  p.tuning = p.mmap_applied || p.trim_applied;
  p.source = "mallopt";
  p.detail = p.tuning ? "glibc mmap/trim thresholds raised at addon load: freed large buffers are reused"
                      : "mallopt refused (another allocator, e.g. a sanitizer's, is in use)";
#else
  p.source = "unsupported";
  p.detail = "not glibc: allocator defaults";
#endif
  return p;
}

}  // namespace

const MallocPolicy& apply_malloc_policy() noexcept {
  static const MallocPolicy policy = decide();  // thread-safe one-time init
  return policy;
}

int64_t advise_huge_pages(void* p, int64_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (p == nullptr || n < kHugePageMinBytes) return 0;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + static_cast<uintptr_t>(n)) & ~(kHuge - 1);
  if (end <= begin) return 0;
  // Only whole 2 MiB pages inside the buffer: the advice never reaches a neighbour's memory.
  if (madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE) != 0) return 0;
  return static_cast<int64_t>(end - begin);
#else
  (void)p;
  (void)n;
  return 0;
#endif
}

}  // namespace numnode
