// The elementwise driver: picks the kernel set for this CPU, prepares the outer
// dimensions once (iter.h: drop length-1 axes, flip negative output strides,
// sort, coalesce), and splits the elements over the thread budget above a size
// threshold measured per kernel family (cheap ops are memory-bound: two threads
// pay off only for large arrays; transcendental functions are compute-bound: two
// threads pay off early). Also np.where's select kernel.
#include "elementwise.h"

#include <cstdlib>
#include <cstring>

#include "elementwise_loops.h"
#include "iter.h"
#include "parallel.h"

namespace numnode {

namespace {

// Element counts from which a run is split over the threads: where two threads
// started to beat one on the 2-core dev machine (best of 25, float64, with the
// thresholds forced to 0; bench/workloads/elementwise.ts's 'elementwise-threads'
// cases). multiply(x, 2.0, out=o): 16384 elements 5.7 us on one thread, 6.9 us on
// two; 65536: 19.7 against 10.7 us. exp(x, out=o): 4096 elements 10.9 against
// 13.7 us; 8192: 20.3 against 18.6 us. The machine was shared (load 11-15), which
// makes a team fork/join costlier than on a quiet one: these err on the safe side.
constexpr int64_t kParallelMinCheap = int64_t{1} << 16;
constexpr int64_t kParallelMinTranscendental = int64_t{1} << 13;

// NUMNODE_EW_PARALLEL_MIN / NUMNODE_EW_PARALLEL_MIN_T override the two thresholds
// (read once), so that the benchmark can measure where two threads start to pay.
int64_t env_threshold(const char* name, int64_t fallback) noexcept {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long long x = std::strtoll(v, &end, 10);
  return (end != nullptr && *end == '\0' && x >= 0) ? static_cast<int64_t>(x) : fallback;
}

int64_t parallel_min(bool transcendental) noexcept {
  static const int64_t cheap = env_threshold("NUMNODE_EW_PARALLEL_MIN", kParallelMinCheap);
  static const int64_t trans = env_threshold("NUMNODE_EW_PARALLEL_MIN_T", kParallelMinTranscendental);
  return transcendental ? trans : cheap;
}

bool cpu_has_avx2_fma() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

// libgcc reports an AVX-512 feature only when the OS saves the ZMM registers too.
bool cpu_has_avx512() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  return cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}

template <int NOP, class F>
void drive(const StridedLoop<NOP>& L, int64_t min_n, F run) noexcept {
  parallel_for_min(L.size, min_n, [&](int64_t begin, int64_t end) noexcept {
    for_each_run(L, begin, end, [&](char* const* p, int64_t n, const int64_t* st) noexcept { run(p, n, st); });
  });
}

// np.where's select, one run: out = cond ? x : y, items of type T.
template <class T>
void where_run(char* const* p, int64_t n, const int64_t* st) noexcept {
  constexpr int64_t z = sizeof(T);
  char* o = p[0];
  const char* c = p[1];
  const char* x = p[2];
  const char* y = p[3];
  if (st[0] == z && st[1] == 1 && st[2] == z && (st[3] == z || st[3] == 0)) {
    T* __restrict od = reinterpret_cast<T*>(o);
    const uint8_t* __restrict cd = reinterpret_cast<const uint8_t*>(c);
    const T* __restrict xd = reinterpret_cast<const T*>(x);
    if (st[3] == 0) {
      T yv;
      std::memcpy(&yv, y, z);
      for (int64_t i = 0; i < n; ++i) od[i] = cd[i] != 0 ? xd[i] : yv;
    } else {
      const T* __restrict yd = reinterpret_cast<const T*>(y);
      for (int64_t i = 0; i < n; ++i) od[i] = cd[i] != 0 ? xd[i] : yd[i];
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    const char* src = c[i * st[1]] != 0 ? x + i * st[2] : y + i * st[3];
    std::memcpy(o + i * st[0], src, z);
  }
}

}  // namespace

const EwTable& elementwise_table() noexcept {
  // NUMNODE_EW_ISA=baseline or =avx2 caps the set (the tests run the conformance
  // suite on every set this way); otherwise the CPU decides.
  static const EwTable& t = [] () -> const EwTable& {
    const char* force = std::getenv("NUMNODE_EW_ISA");
    if (force != nullptr && std::strcmp(force, "baseline") == 0) return elementwise_table_base();
    const bool cap_avx2 = force != nullptr && std::strcmp(force, "avx2") == 0;
    if (!cap_avx2 && cpu_has_avx512()) return elementwise_table_avx512();
    return cpu_has_avx2_fma() ? elementwise_table_avx2() : elementwise_table_base();
  }();
  return t;
}

bool elementwise_has_loop(int op, int loop) noexcept { return ew::loop_exists(op, loop); }

int elementwise_in_itemsize(int loop) noexcept { return ew::in_itemsize(loop); }

int elementwise_out_itemsize(int op, int loop) noexcept { return ew::bool_out(op) ? 1 : ew::in_itemsize(loop); }

bool elementwise_is_transcendental(int op) noexcept { return ew::is_transcendental(op); }

Status elementwise_strided(int op, int loop, int ndim, const int64_t* shape, char* out, const int64_t* out_strides,
                           const char* a, const int64_t* a_strides, const char* b,
                           const int64_t* b_strides) noexcept {
  if (!ew::loop_exists(op, loop)) return Status::BadDType;
  if (ndim < 0 || ndim > kMaxDims) return Status::BadArgument;
  const EwRun run = elementwise_table().run[op][loop];
  if (run == nullptr) return Status::BadDType;
  const int64_t min_n = parallel_min(ew::is_transcendental(op));
  if (ew::nin_of(op) == 1) {
    StridedLoop<2> L;
    char* const ptrs[2] = {out, const_cast<char*>(a)};
    const int64_t* const strides[2] = {out_strides, a_strides};
    prepare_loop(L, ndim, shape, ptrs, strides);
    if (L.size == 0) return Status::Ok;
    drive(L, min_n, run);
  } else {
    StridedLoop<3> L;
    char* const ptrs[3] = {out, const_cast<char*>(a), const_cast<char*>(b)};
    const int64_t* const strides[3] = {out_strides, a_strides, b_strides};
    prepare_loop(L, ndim, shape, ptrs, strides);
    if (L.size == 0) return Status::Ok;
    drive(L, min_n, run);
  }
  return Status::Ok;
}

Status where_strided(int64_t itemsize, int ndim, const int64_t* shape, char* out, const int64_t* out_strides,
                     const char* cond, const int64_t* cond_strides, const char* x, const int64_t* x_strides,
                     const char* y, const int64_t* y_strides) noexcept {
  if (ndim < 0 || ndim > kMaxDims) return Status::BadArgument;
  EwRun run = nullptr;
  switch (itemsize) {
    case 1: run = &where_run<uint8_t>; break;
    case 2: run = &where_run<uint16_t>; break;
    case 4: run = &where_run<uint32_t>; break;
    case 8: run = &where_run<uint64_t>; break;
    default: return Status::BadArgument;
  }
  StridedLoop<4> L;
  char* const ptrs[4] = {out, const_cast<char*>(cond), const_cast<char*>(x), const_cast<char*>(y)};
  const int64_t* const strides[4] = {out_strides, cond_strides, x_strides, y_strides};
  prepare_loop(L, ndim, shape, ptrs, strides);
  if (L.size == 0) return Status::Ok;
  drive(L, parallel_min(false), run);
  return Status::Ok;
}

ElementwiseInfo elementwise_info() noexcept {
  return {elementwise_table().isa, "SLEEF u10 vector functions (hypot u05)", parallel_min(false), parallel_min(true)};
}

}  // namespace numnode
