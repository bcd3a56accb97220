// Gathers and scatters of integer-array indexing, boolean-mask selection and
// nonzero. Layout assumptions and hazards:
//  - items move as opaque bytes of their size (no alignment needed for them);
//    index arrays are read as their integer dtype (aligned: the binding checks);
//  - every index is bounds-checked before it is used; a scatter checks them all
//    before writing anything, then writes in C order of the index space so a
//    repeated index keeps the last value (NumPy's result), which is why scatters
//    run on one thread;
//  - work split across threads is by C-order position with per-chunk counts, so
//    results (and which bad index is reported: the first in C order) do not depend
//    on the thread count;
//  - the count a mask kernel is given is re-checked against the mask: a mismatch is
//    Status::BadArgument, never a write out of bounds.
#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>

#include "dtypes.h"
#include "iter.h"
#include "parallel.h"
#include "sort.h"

namespace numnode {

namespace {

// An index element as int64; false for a uint64 above INT64_MAX (out of any bounds).
inline bool read_index(int dtype, const char* p, int64_t* v) noexcept {
  switch (dtype) {
    case kDType_bool: case kDType_uint8: { uint8_t x; std::memcpy(&x, p, 1); *v = x; return true; }
    case kDType_int8: { int8_t x; std::memcpy(&x, p, 1); *v = x; return true; }
    case kDType_int16: { int16_t x; std::memcpy(&x, p, 2); *v = x; return true; }
    case kDType_uint16: { uint16_t x; std::memcpy(&x, p, 2); *v = x; return true; }
    case kDType_int32: { int32_t x; std::memcpy(&x, p, 4); *v = x; return true; }
    case kDType_uint32: { uint32_t x; std::memcpy(&x, p, 4); *v = x; return true; }
    case kDType_int64: { int64_t x; std::memcpy(&x, p, 8); *v = x; return true; }
    case kDType_uint64: {
      uint64_t x;
      std::memcpy(&x, p, 8);
      if (x > static_cast<uint64_t>(INT64_MAX)) return false;
      *v = static_cast<int64_t>(x);
      return true;
    }
    default: return false;
  }
}

// The index in [0, len), or -1 when it is out of range for the mode.
inline int64_t normalise(int64_t v, bool ok, int64_t len, int mode) noexcept {
  if (len == 0) return -1;
  if (mode == kModeRaise) {
    if (!ok) return -1;
    if (v < 0) v += len;
    return v >= 0 && v < len ? v : -1;
  }
  if (mode == kModeWrap) {
    if (!ok) return -1;  // a uint64 index above INT64_MAX: NumPy would fail the intp cast too
    v %= len;
    return v < 0 ? v + len : v;
  }
  if (!ok) return len - 1;
  return v < 0 ? 0 : (v >= len ? len - 1 : v);
}

inline void copy_item(char* d, const char* s, int64_t z) noexcept {
  switch (z) {
    case 1: *d = *s; return;
    case 2: std::memcpy(d, s, 2); return;
    case 4: std::memcpy(d, s, 4); return;
    case 8: std::memcpy(d, s, 8); return;
    default: std::memcpy(d, s, static_cast<size_t>(z));
  }
}

// Copies an n-d block (shape, two sets of byte strides) item by item, C order.
void copy_block(char* d, const int64_t* ds, const char* s, const int64_t* ss, int nd, const int64_t* shape,
                int64_t z) noexcept {
  if (nd == 0) {
    copy_item(d, s, z);
    return;
  }
  for (int a = 0; a < nd; ++a)
    if (shape[a] == 0) return;
  int64_t idx[kMaxDims] = {0};
  const int64_t inner = shape[nd - 1], di = ds[nd - 1], si = ss[nd - 1];
  for (;;) {
    if (di == z && si == z) std::memcpy(d, s, static_cast<size_t>(inner * z));
    else
      for (int64_t k = 0; k < inner; ++k) copy_item(d + k * di, s + k * si, z);
    int a = nd - 2;
    for (; a >= 0; --a) {
      d += ds[a];
      s += ss[a];
      if (++idx[a] < shape[a]) break;
      d -= ds[a] * shape[a];
      s -= ss[a] * shape[a];
      idx[a] = 0;
    }
    if (a < 0) return;
  }
}

// The C-order odometer over the index space: operand and other-side offsets.
struct IndexWalk {
  int nd;
  const int64_t* shape;
  int nops;
  const IndexOperand* ops;
  const int64_t* other;  // strides of the other side (out or val) over the index space
  int64_t idx[kMaxDims];
  int64_t off[kMaxDims + 1];  // per operand, then the other side

  void seek(int64_t pos) noexcept {
    for (int k = 0; k <= nops; ++k) off[k] = 0;
    for (int a = nd - 1; a >= 0; --a) {
      idx[a] = pos % shape[a];
      pos /= shape[a];
      for (int k = 0; k < nops; ++k) off[k] += idx[a] * ops[k].strides[a];
      off[nops] += idx[a] * other[a];
    }
  }
  void next() noexcept {
    for (int a = nd - 1; a >= 0; --a) {
      for (int k = 0; k < nops; ++k) off[k] += ops[k].strides[a];
      off[nops] += other[a];
      if (++idx[a] < shape[a]) return;
      for (int k = 0; k < nops; ++k) off[k] -= ops[k].strides[a] * shape[a];
      off[nops] -= other[a] * shape[a];
      idx[a] = 0;
    }
  }
};

// Records the first bad index in C order: position * 64 + operand, minimised atomically.
inline void record_bad(std::atomic<int64_t>& best, int64_t pos, int op) noexcept {
  const int64_t code = pos * 64 + op;
  int64_t cur = best.load(std::memory_order_relaxed);
  while (code < cur && !best.compare_exchange_weak(cur, code, std::memory_order_relaxed)) {
  }
}

inline void report(const std::atomic<int64_t>& best, BadIndex* bad) noexcept {
  const int64_t code = best.load();
  if (code == INT64_MAX) return;
  bad->found = true;
  bad->position = code / 64;
  bad->operand = static_cast<int>(code % 64);
}

int64_t space_size(int nd, const int64_t* shape) noexcept {
  int64_t n = 1;
  for (int a = 0; a < nd; ++a) n *= shape[a];
  return n;
}

// The common gather (take, a[idx] on one axis): one int64 index array, one item per index.
template <class Item>
void gather_1d(const char* src, const IndexOperand& op, int64_t n, char* out, int64_t ostride, int mode,
               std::atomic<int64_t>& best) noexcept {
  parallel_for(n, n * 16, [&](int64_t b, int64_t e) noexcept {
    const int64_t len = op.len, as = op.axis_stride, is = op.strides[0];
    // Random reads miss the caches (and the TLB): prefetching a few iterations ahead
    // keeps several misses in flight.
    constexpr int64_t kAhead = 16;
    for (int64_t i = b; i < e; ++i) {
      if (i + kAhead < e) {
        int64_t w;
        std::memcpy(&w, op.data + (i + kAhead) * is, 8);
        if (w >= 0 && w < len) __builtin_prefetch(src + w * as);
      }
      int64_t v;
      std::memcpy(&v, op.data + i * is, 8);
      if (!(mode == kModeRaise && v >= 0 && v < len)) {
        v = normalise(v, true, len, mode);
        if (v < 0) {
          record_bad(best, i, 0);
          return;
        }
      }
      Item x;
      std::memcpy(&x, src + v * as, sizeof x);
      std::memcpy(out + i * ostride, &x, sizeof x);
    }
  });
}

}  // namespace

Status gather(int64_t itemsize, int mode, const char* src, int sub_ndim, const int64_t* sub_shape, const int64_t* src_sub,
              int idx_ndim, const int64_t* idx_shape, int nops, const IndexOperand* ops, char* out,
              const int64_t* out_idx, const int64_t* out_sub, BadIndex* bad) noexcept {
  if (nops < 1 || nops > 63) return Status::BadArgument;
  const int64_t n = space_size(idx_ndim, idx_shape);
  if (n == 0) return Status::Ok;
  std::atomic<int64_t> best{INT64_MAX};
  if (nops == 1 && idx_ndim == 1 && sub_ndim == 0 && ops[0].dtype == kDType_int64) {
    switch (itemsize) {
      case 1: gather_1d<uint8_t>(src, ops[0], n, out, out_idx[0], mode, best); break;
      case 2: gather_1d<uint16_t>(src, ops[0], n, out, out_idx[0], mode, best); break;
      case 4: gather_1d<uint32_t>(src, ops[0], n, out, out_idx[0], mode, best); break;
      case 8: gather_1d<uint64_t>(src, ops[0], n, out, out_idx[0], mode, best); break;
      default: goto general;
    }
    report(best, bad);
    return Status::Ok;
  }
general:
  const int64_t block = space_size(sub_ndim, sub_shape) * itemsize;
  parallel_for(n, n * (block + 8 * nops), [&](int64_t b, int64_t e) noexcept {
    IndexWalk w{idx_ndim, idx_shape, nops, ops, out_idx, {}, {}};
    w.seek(b);
    for (int64_t pos = b; pos < e; ++pos) {
      int64_t so = 0;
      for (int k = 0; k < nops; ++k) {
        int64_t v = 0;
        const bool ok = read_index(ops[k].dtype, ops[k].data + w.off[k], &v);
        const int64_t x = normalise(v, ok, ops[k].len, mode);
        if (x < 0) {
          record_bad(best, pos, k);
          return;
        }
        so += x * ops[k].axis_stride;
      }
      copy_block(out + w.off[nops], out_sub, src + so, src_sub, sub_ndim, sub_shape, itemsize);
      w.next();
    }
  });
  report(best, bad);
  return Status::Ok;
}

Status scatter(int64_t itemsize, int mode, char* dst, int sub_ndim, const int64_t* sub_shape, const int64_t* dst_sub,
               int idx_ndim, const int64_t* idx_shape, int nops, const IndexOperand* ops, const char* val,
               const int64_t* val_idx, const int64_t* val_sub, BadIndex* bad) noexcept {
  if (nops < 1 || nops > 63) return Status::BadArgument;
  const int64_t n = space_size(idx_ndim, idx_shape);
  if (n == 0) return Status::Ok;
  // Check every index first (in parallel): a failed assignment changes nothing.
  std::atomic<int64_t> best{INT64_MAX};
  parallel_for(n, n * 8 * nops, [&](int64_t b, int64_t e) noexcept {
    IndexWalk w{idx_ndim, idx_shape, nops, ops, val_idx, {}, {}};
    w.seek(b);
    for (int64_t pos = b; pos < e; ++pos) {
      for (int k = 0; k < nops; ++k) {
        int64_t v = 0;
        const bool ok = read_index(ops[k].dtype, ops[k].data + w.off[k], &v);
        if (normalise(v, ok, ops[k].len, mode) < 0) {
          record_bad(best, pos, k);
          return;
        }
      }
      w.next();
    }
  });
  report(best, bad);
  if (bad->found) return Status::Ok;
  // Then write in C order, on one thread (the last of repeated indices wins).
  IndexWalk w{idx_ndim, idx_shape, nops, ops, val_idx, {}, {}};
  w.seek(0);
  for (int64_t pos = 0; pos < n; ++pos) {
    int64_t d = 0;
    for (int k = 0; k < nops; ++k) {
      int64_t v = 0;
      const bool ok = read_index(ops[k].dtype, ops[k].data + w.off[k], &v);
      d += normalise(v, ok, ops[k].len, mode) * ops[k].axis_stride;
    }
    copy_block(dst + d, dst_sub, val + w.off[nops], val_sub, sub_ndim, sub_shape, itemsize);
    w.next();
  }
  return Status::Ok;
}

// ---- masks and nonzero ---------------------------------------------------------------------------

namespace {

// Whether the element at p is nonzero (NaN counts; -0.0 does not).
inline bool truth(int dtype, const char* p) noexcept {
  switch (dtype) {
    case kDType_float32: { float f; std::memcpy(&f, p, 4); return f != 0; }
    case kDType_float64: { double f; std::memcpy(&f, p, 8); return f != 0; }
    case kDType_int16: case kDType_uint16: { uint16_t x; std::memcpy(&x, p, 2); return x != 0; }
    case kDType_int32: case kDType_uint32: { uint32_t x; std::memcpy(&x, p, 4); return x != 0; }
    case kDType_int64: case kDType_uint64: { uint64_t x; std::memcpy(&x, p, 8); return x != 0; }
    default: return *p != 0;
  }
}

// A C-order loop over NOP views of one shape: length-1 axes dropped and neighbours
// merged only where that keeps C order (unlike prepare_loop, which reorders).
template <int NOP>
void c_order_loop(StridedLoop<NOP>& L, int ndim, const int64_t* shape, char* const ptrs[NOP],
                  const int64_t* const strides[NOP]) noexcept {
  L.size = 1;
  for (int k = 0; k < NOP; ++k) L.ptr[k] = ptrs[k];
  int m = 0;
  for (int a = 0; a < ndim; ++a) {
    if (shape[a] == 0) {
      L.size = 0;
      L.ndim = 0;
      return;
    }
    L.size *= shape[a];
    if (shape[a] == 1) continue;
    bool merge = m > 0;
    for (int k = 0; merge && k < NOP; ++k) merge = L.strides[k][m - 1] == strides[k][a] * shape[a];
    if (merge) {
      L.shape[m - 1] *= shape[a];
      for (int k = 0; k < NOP; ++k) L.strides[k][m - 1] = strides[k][a];
    } else {
      L.shape[m] = shape[a];
      for (int k = 0; k < NOP; ++k) L.strides[k][m] = strides[k][a];
      ++m;
    }
  }
  L.ndim = m;
}

// Per-chunk counts of true mask elements; returns the total. Chunks: nc equal slices of [0, size).
int64_t chunk_counts(const StridedLoop<2>& L, int mask_op, int dtype, int64_t nc, int64_t* counts) noexcept {
  parallel_for(nc, L.size, [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) {
      int64_t cnt = 0;
      for_each_run(L, L.size * c / nc, L.size * (c + 1) / nc, [&](char* const* p, int64_t n, const int64_t* s) noexcept {
        const char* m = p[mask_op];
        const int64_t ms = s[mask_op];
        for (int64_t i = 0; i < n; ++i) cnt += truth(dtype, m + i * ms) ? 1 : 0;
      });
      counts[c] = cnt;
    }
  });
  int64_t tot = 0;
  for (int64_t c = 0; c < nc; ++c) tot += counts[c];
  return tot;
}

// Copies the items whose mask byte is nonzero to o (not past end), without branches
// on the mask (it is unpredictable): every item is copied, and o advances only on a
// true mask byte; a copy that would land past `end` goes to a sink.
template <int Z>
char* masked_copy(char* o, char* end, const char* sp, int64_t ss, const char* mp, int64_t ms, int64_t n) noexcept {
  char sink[Z];
  for (int64_t i = 0; i < n; ++i) {
    std::memcpy(o < end ? o : sink, sp + i * ss, Z);
    o += (mp[i * ms] != 0) ? Z : 0;
  }
  return o;
}

inline int64_t chunks_for(int64_t size) noexcept {
  return size * 2 >= kParallelMinBytes ? std::max<int64_t>(1, std::min<int64_t>(num_threads(), 64)) : 1;
}

}  // namespace

int64_t count_nonzero(int dtype, int ndim, const int64_t* shape, const int64_t* strides, const char* data) noexcept {
  StridedLoop<2> L;
  char* ptrs[2] = {const_cast<char*>(data), const_cast<char*>(data)};
  const int64_t* st[2] = {strides, strides};
  c_order_loop<2>(L, ndim, shape, ptrs, st);
  if (L.size == 0) return 0;
  int64_t counts[64];
  return chunk_counts(L, 1, dtype, chunks_for(L.size), counts);
}

Status nonzero_coords(int dtype, int ndim, const int64_t* shape, const int64_t* strides, const char* data, int64_t count,
                      int64_t* out) noexcept {
  const int64_t size = space_size(ndim, shape);
  if (size == 0 || count == 0) return Status::Ok;
  const int64_t nc = chunks_for(size);
  int64_t counts[64], start[64];
  // Count per chunk of C-order positions (an odometer over the real shape gives coordinates).
  auto walk = [&](int64_t b, int64_t e, auto&& fn) noexcept {
    int64_t idx[kMaxDims];
    int64_t off = 0, pos = b;
    for (int a = ndim - 1; a >= 0; --a) {
      idx[a] = pos % shape[a];
      pos /= shape[a];
      off += idx[a] * strides[a];
    }
    for (int64_t i = b; i < e; ++i) {
      if (truth(dtype, data + off)) fn(idx);
      for (int a = ndim - 1; a >= 0; --a) {
        off += strides[a];
        if (++idx[a] < shape[a]) break;
        off -= strides[a] * shape[a];
        idx[a] = 0;
      }
    }
  };
  parallel_for(nc, size, [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) {
      int64_t k = 0;
      walk(size * c / nc, size * (c + 1) / nc, [&](const int64_t*) noexcept { ++k; });
      counts[c] = k;
    }
  });
  int64_t tot = 0;
  for (int64_t c = 0; c < nc; ++c) {
    start[c] = tot;
    tot += counts[c];
  }
  if (tot != count) return Status::BadArgument;
  parallel_for(nc, size, [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) {
      int64_t* o = out + start[c] * ndim;
      walk(size * c / nc, size * (c + 1) / nc, [&](const int64_t* idx) noexcept {
        for (int a = 0; a < ndim; ++a) *o++ = idx[a];
      });
    }
  });
  return Status::Ok;
}

Status mask_gather(int64_t itemsize, int ndim, const int64_t* shape, const char* src, const int64_t* src_strides,
                   const uint8_t* mask, const int64_t* mask_strides, char* out, int64_t count) noexcept {
  StridedLoop<2> L;
  char* ptrs[2] = {const_cast<char*>(src), reinterpret_cast<char*>(const_cast<uint8_t*>(mask))};
  const int64_t* st[2] = {src_strides, mask_strides};
  c_order_loop<2>(L, ndim, shape, ptrs, st);
  if (L.size == 0) return count == 0 ? Status::Ok : Status::BadArgument;
  const int64_t nc = chunks_for(L.size * itemsize);
  int64_t counts[64];
  if (chunk_counts(L, 1, kDType_bool, nc, counts) != count) return Status::BadArgument;
  int64_t start[64];
  int64_t run = 0;
  for (int64_t c = 0; c < nc; ++c) {
    start[c] = run;
    run += counts[c];
  }
  parallel_for(nc, L.size * itemsize, [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) {
      char* o = out + start[c] * itemsize;
      char* const end = o + counts[c] * itemsize;
      for_each_run(L, L.size * c / nc, L.size * (c + 1) / nc, [&](char* const* p, int64_t n, const int64_t* s) noexcept {
        switch (itemsize) {
          case 1: o = masked_copy<1>(o, end, p[0], s[0], p[1], s[1], n); break;
          case 2: o = masked_copy<2>(o, end, p[0], s[0], p[1], s[1], n); break;
          case 4: o = masked_copy<4>(o, end, p[0], s[0], p[1], s[1], n); break;
          case 8: o = masked_copy<8>(o, end, p[0], s[0], p[1], s[1], n); break;
          default:
            for (int64_t i = 0; i < n; ++i)
              if (p[1][i * s[1]] != 0 && o < end) {
                copy_item(o, p[0] + i * s[0], itemsize);
                o += itemsize;
              }
        }
      });
    }
  });
  return Status::Ok;
}

Status mask_scatter(int64_t itemsize, int ndim, const int64_t* shape, char* dst, const int64_t* dst_strides,
                    const uint8_t* mask, const int64_t* mask_strides, const char* val, int64_t val_stride,
                    int64_t count) noexcept {
  StridedLoop<2> L;
  char* ptrs[2] = {dst, reinterpret_cast<char*>(const_cast<uint8_t*>(mask))};
  const int64_t* st[2] = {dst_strides, mask_strides};
  c_order_loop<2>(L, ndim, shape, ptrs, st);
  if (L.size == 0) return count == 0 ? Status::Ok : Status::BadArgument;
  const int64_t nc = chunks_for(L.size * itemsize);
  int64_t counts[64];
  if (chunk_counts(L, 1, kDType_bool, nc, counts) != count) return Status::BadArgument;
  int64_t start[64];
  int64_t run = 0;
  for (int64_t c = 0; c < nc; ++c) {
    start[c] = run;
    run += counts[c];
  }
  parallel_for(nc, L.size * itemsize, [&](int64_t b, int64_t e) noexcept {
    for (int64_t c = b; c < e; ++c) {
      const char* v = val + start[c] * val_stride;
      for_each_run(L, L.size * c / nc, L.size * (c + 1) / nc, [&](char* const* p, int64_t n, const int64_t* s) noexcept {
        char* dp = p[0];
        const char* mp = p[1];
        for (int64_t i = 0; i < n; ++i)
          if (mp[i * s[1]] != 0) {
            copy_item(dp + i * s[0], v, itemsize);
            v += val_stride;
          }
      });
    }
  });
  return Status::Ok;
}

}  // namespace numnode
