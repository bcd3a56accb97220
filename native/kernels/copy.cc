// Strided copy. Layout assumptions and hazards:
//  - items are opaque bytes moved with fixed-size memcpy (compiled to plain moves),
//    so neither view needs to be aligned;
//  - overlapping views are staged through a temporary (see copy.h), so the loops
//    below may assume src and dst do not overlap and may reorder freely;
//  - byte offsets are int64: the binding proved every touched byte lies inside a
//    buffer, so no offset computed here can overflow.
#include "copy.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "iter.h"
#include "parallel.h"

namespace numnode {

namespace {

template <size_t N>
struct Bytes {
  unsigned char b[N];
};

// One run along the innermost axis: n items, byte strides ds (dst) and ss (src).
// The three cases are the ones the compiler can make fast: one memcpy for
// contiguous runs, a vectorisable fill for a broadcast source, a strided loop.
template <class T>
void copy_run(char* d, int64_t ds, const char* s, int64_t ss, int64_t n) noexcept {
  constexpr int64_t z = sizeof(T);
  if (ds == z && ss == z) {
    std::memcpy(d, s, static_cast<size_t>(n * z));
  } else if (ss == 0) {
    T v;
    std::memcpy(&v, s, z);
    for (int64_t i = 0; i < n; ++i) std::memcpy(d + i * ds, &v, z);
  } else {
    for (int64_t i = 0; i < n; ++i) std::memcpy(d + i * ds, s + i * ss, z);
  }
}

// Any other item size (e.g. a structured or padded item from a view(dtype)).
void copy_run_any(int64_t z, char* d, int64_t ds, const char* s, int64_t ss, int64_t n) noexcept {
  if (ds == z && ss == z) {
    std::memcpy(d, s, static_cast<size_t>(n * z));
  } else {
    for (int64_t i = 0; i < n; ++i) std::memcpy(d + i * ds, s + i * ss, static_cast<size_t>(z));
  }
}

// A B x cols band of a 2-D transposed copy, in B x B tiles. Within a tile the
// source rows (contiguous in src) and destination rows (contiguous in dst) both
// stay in L1 (2 x 8 KiB for float64), so each cache line is fetched once instead
// of once per item as a naive column walk would.
template <class T>
void transpose_band(char* d, int64_t dr, int64_t dc, const char* s, int64_t sr, int64_t sc,
                    int64_t rows, int64_t cols, int64_t B) noexcept {
  constexpr int64_t z = sizeof(T);
  for (int64_t j0 = 0; j0 < cols; j0 += B) {
    const int64_t j1 = std::min(cols, j0 + B);
    for (int64_t i = 0; i < rows; ++i) {
      char* dp = d + i * dr;
      const char* sp = s + i * sr;
      if (dc == z) {  // contiguous destination rows (ravel, copy): a constant store stride
        for (int64_t j = j0; j < j1; ++j) std::memcpy(dp + j * z, sp + j * sc, z);
      } else {
        for (int64_t j = j0; j < j1; ++j) std::memcpy(dp + j * dc, sp + j * sc, z);
      }
    }
  }
}

template <class T>
void transpose_copy(const StridedLoop<2>& L, int64_t itemsize) noexcept {
  // Axes r = nd-2 (rows) and c = nd-1 (columns, dst's fastest); any leading axes
  // are batch axes. Work is split into (batch, band of B rows) tasks.
  const int nd = L.ndim;
  const int r = nd - 2, c = nd - 1;
  const int64_t B = std::clamp<int64_t>(kTransposeTileBytes / itemsize, 8, 64);
  const int64_t rows = L.shape[r], cols = L.shape[c];
  const int64_t bands = (rows + B - 1) / B;
  int64_t batches = 1;
  for (int a = 0; a < r; ++a) batches *= L.shape[a];
  parallel_for(batches * bands, L.size * itemsize, [&](int64_t t0, int64_t t1) noexcept {
    for (int64_t t = t0; t < t1; ++t) {
      int64_t batch = t / bands, band = t % bands;
      int64_t doff = 0, soff = 0;
      for (int a = r - 1; a >= 0; --a) {
        const int64_t i = batch % L.shape[a];
        batch /= L.shape[a];
        doff += i * L.strides[0][a];
        soff += i * L.strides[1][a];
      }
      const int64_t i0 = band * B;
      transpose_band<T>(L.ptr[0] + doff + i0 * L.strides[0][r], L.strides[0][r], L.strides[0][c],
                        L.ptr[1] + soff + i0 * L.strides[1][r], L.strides[1][r], L.strides[1][c],
                        std::min(B, rows - i0), cols, B);
    }
  });
}

// Whether the prepared loop is a (batched) transpose: the source's fastest axis
// is the destination's row axis, and walking the destination's row reads the
// source with a stride of at least a cache line.
bool is_transpose(const StridedLoop<2>& L) noexcept {
  if (L.ndim < 2) return false;
  const int r = L.ndim - 2, c = L.ndim - 1;
  const int64_t sr = std::llabs(L.strides[1][r]), sc = std::llabs(L.strides[1][c]);
  return sc > sr && sc >= 64 && L.shape[r] >= 8 && L.shape[c] >= 8;
}

// Copies run on both threads from parallel.h's kParallelMinBytes up, whatever
// their size. Measured for memcpy (best of ~185 interleaved runs over 20 minutes,
// 2-core EPYC VM, other builds running): 8 MiB 222 us on 1 thread / 104 us on 2
// (in cache), 32 MiB 2.6 / 1.5 ms, 64 MiB 6.6 / 6.6 ms, 200 MiB 28 / 22 ms (DRAM:
// no loss); strided gathers (v[::8] of 8e6) 3.4 / 2.4 ms. A cap on streaming copies
// was tried and dropped: the second thread never lost in the best case; it only
// loses when the machine is oversubscribed and the fork/join waits for a core.
template <class T>
void copy_prepared_typed(const StridedLoop<2>& L) noexcept {
  if (is_transpose(L)) {
    transpose_copy<T>(L, sizeof(T));
    return;
  }
  parallel_for(L.size, L.size * static_cast<int64_t>(sizeof(T)), [&](int64_t b, int64_t e) noexcept {
    for_each_run(L, b, e, [](char* const* p, int64_t n, const int64_t* st) noexcept {
      copy_run<T>(p[0], st[0], p[1], st[1], n);
    });
  });
}

void copy_prepared(const StridedLoop<2>& L, int64_t itemsize) noexcept {
  switch (itemsize) {
    case 1: return copy_prepared_typed<uint8_t>(L);
    case 2: return copy_prepared_typed<uint16_t>(L);
    case 4: return copy_prepared_typed<uint32_t>(L);
    case 8: return copy_prepared_typed<uint64_t>(L);
    case 16: return copy_prepared_typed<Bytes<16>>(L);
    default: break;
  }
  parallel_for(L.size, L.size * itemsize, [&](int64_t b, int64_t e) noexcept {
    for_each_run(L, b, e, [itemsize](char* const* p, int64_t n, const int64_t* st) noexcept {
      copy_run_any(itemsize, p[0], st[0], p[1], st[1], n);
    });
  });
}

Status copy_nonoverlapping(int64_t itemsize, int ndim, const int64_t* shape, const char* src,
                           const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept {
  StridedLoop<2> L;
  // The loop machinery is generic over operands; the source is only read.
  char* const ptrs[2] = {dst, const_cast<char*>(src)};
  const int64_t* const strides[2] = {dst_strides, src_strides};
  prepare_loop(L, ndim, shape, ptrs, strides);
  if (L.size == 0) return Status::Ok;
  copy_prepared(L, itemsize);
  return Status::Ok;
}

}  // namespace

Status copy_strided(int64_t itemsize, int ndim, const int64_t* shape, const char* src,
                    const int64_t* src_strides, char* dst, const int64_t* dst_strides) noexcept {
  if (itemsize < 1 || ndim < 0 || ndim > kMaxDims) return Status::BadArgument;
  int64_t dlo = 0, dhi = 0, slo = 0, shi = 0;
  if (!view_extent(ndim, shape, dst_strides, itemsize, &dlo, &dhi)) return Status::Ok;  // empty
  view_extent(ndim, shape, src_strides, itemsize, &slo, &shi);
  if (!ranges_overlap(src, slo, shi, dst, dlo, dhi))
    return copy_nonoverlapping(itemsize, ndim, shape, src, src_strides, dst, dst_strides);

  // Copying a view onto itself is a no-op.
  if (src == dst && std::equal(src_strides, src_strides + ndim, dst_strides)) return Status::Ok;
  // Stage the source's byte extent (never more than the buffer it lies in, even
  // when zero strides make the logical size huge), then copy from the stage with
  // the same strides.
  const size_t bytes = static_cast<size_t>(shi - slo + 1);
  char* stage = static_cast<char*>(std::malloc(bytes));
  if (stage == nullptr) return Status::NoMemory;
  std::memcpy(stage, src + slo, bytes);
  const Status st = copy_nonoverlapping(itemsize, ndim, shape, stage - slo, src_strides, dst, dst_strides);
  std::free(stage);
  return st;
}

}  // namespace numnode
