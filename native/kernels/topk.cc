// Fused per-row top-k merge (see topk.h for the order and the buffer contract).
#include "topk.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "parallel.h"

namespace numnode {

namespace {

// Whether (v, i) ranks before (w, j): NaN first, then larger values, then the
// smaller index. Empty slots (negative index) are handled by the callers.
template <class T>
inline bool better(T v, int64_t i, T w, int64_t j) noexcept {
  const bool vn = v != v, wn = w != w;
  if (vn != wn) return vn;
  if (!vn && v != w) return v > w;
  return i < j;
}

// One row's running buffer over strided memory.
template <class T>
struct RowBuf {
  char* v;
  int64_t vs;
  char* ix;
  int64_t is;
  int64_t k;
  T& val(int64_t s) const noexcept { return *reinterpret_cast<T*>(v + s * vs); }
  int64_t& idx(int64_t s) const noexcept { return *reinterpret_cast<int64_t*>(ix + s * is); }
  // Whether slot s ranks before (x, j): filled slots beat empty ones.
  bool slot_before(int64_t s, T x, int64_t j) const noexcept {
    const int64_t si = idx(s);
    if (si < 0) return false;
    return better(val(s), si, x, j);
  }
};

// Sorts the buffer best first, empty slots last; returns the number of filled slots.
template <class T>
int64_t sort_buffer(const RowBuf<T>& b) noexcept {
  int64_t filled = 0;
  for (int64_t s = 0; s < b.k; ++s) {
    const T x = b.val(s);
    const int64_t j = b.idx(s);
    if (j < 0) continue;  // empty slots are squeezed out, and re-marked below
    int64_t p = filled;
    while (p > 0 && !b.slot_before(p - 1, x, j)) {
      b.val(p) = b.val(p - 1);
      b.idx(p) = b.idx(p - 1);
      --p;
    }
    b.val(p) = x;
    b.idx(p) = j;
    ++filled;
  }
  for (int64_t s = filled; s < b.k; ++s) {
    b.val(s) = -std::numeric_limits<T>::infinity();
    b.idx(s) = -1;
  }
  return filled;
}

// Inserts (x, j) into a buffer with `filled` slots in use, if it ranks high enough.
// The slot is found by binary search over the sorted prefix and the worse entries
// move down one slot (memmove when the buffer is contiguous): O(log k) compares, so
// that a large k (hundreds) costs moves, not a compare per slot.
template <class T>
inline void offer(const RowBuf<T>& b, int64_t& filled, T x, int64_t j) noexcept {
  int64_t last;  // the slot that receives the shifted tail's last entry (or x)
  if (filled < b.k) {
    last = filled++;
  } else {
    if (!better(x, j, b.val(b.k - 1), b.idx(b.k - 1))) return;
    last = b.k - 1;
  }
  int64_t lo = 0, hi = last;  // slots [0, lo) rank before x; slots [hi, last) after it
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (b.slot_before(mid, x, j)) lo = mid + 1;
    else hi = mid;
  }
  const int64_t n = last - lo;
  if (n > 0) {
    if (b.vs == static_cast<int64_t>(sizeof(T))) std::memmove(&b.val(lo + 1), &b.val(lo), static_cast<size_t>(n) * sizeof(T));
    else for (int64_t s = last; s > lo; --s) b.val(s) = b.val(s - 1);
    if (b.is == 8) std::memmove(&b.idx(lo + 1), &b.idx(lo), static_cast<size_t>(n) * 8);
    else for (int64_t s = last; s > lo; --s) b.idx(s) = b.idx(s - 1);
  }
  b.val(lo) = x;
  b.idx(lo) = j;
}

template <class T>
void row(const char* a, int64_t cols, int64_t as, const RowBuf<T>& b, int64_t off) noexcept {
  int64_t filled = sort_buffer(b);
  int64_t j = 0;
  // Until the buffer is full every element is offered.
  for (; j < cols && filled < b.k; ++j) offer(b, filled, *reinterpret_cast<const T*>(a + j * as), off + j);
  if (j >= cols) return;
  // Then an element can only enter if it is not below the k-th best (NaN and ties
  // take the slow path, which settles them exactly).
  T thr = b.val(b.k - 1);
  if (as == static_cast<int64_t>(sizeof(T))) {
    const T* p = reinterpret_cast<const T*>(a);
    constexpr int64_t B = 64 / sizeof(T) * 2;  // two cache lines, one vector compare each
    for (; j < cols && (j % B) != 0; ++j)
      if (!(p[j] < thr)) { offer(b, filled, p[j], off + j); thr = b.val(b.k - 1); }
    for (; j + B <= cols; j += B) {
      // Counting (not or-ing bools) is the form GCC turns into vector compares
      // (vcmpnltps: "not less than" is also true for NaN, which must take the slow path).
      int any = 0;
      for (int64_t t = 0; t < B; ++t) any += (p[j + t] < thr) ? 0 : 1;
      if (any == 0) continue;
      for (int64_t t = 0; t < B; ++t)
        if (!(p[j + t] < thr)) { offer(b, filled, p[j + t], off + j + t); thr = b.val(b.k - 1); }
    }
    for (; j < cols; ++j)
      if (!(p[j] < thr)) { offer(b, filled, p[j], off + j); thr = b.val(b.k - 1); }
  } else {
    for (; j < cols; ++j) {
      const T x = *reinterpret_cast<const T*>(a + j * as);
      if (!(x < thr)) { offer(b, filled, x, off + j); thr = b.val(b.k - 1); }
    }
  }
}

template <class T>
void run(int64_t rows, int64_t cols, const char* a, int64_t a_s0, int64_t a_s1, int64_t k, char* values,
         int64_t v_s0, int64_t v_s1, char* indices, int64_t i_s0, int64_t i_s1, int64_t off) noexcept {
  const int64_t bytes = rows * (cols + k) * static_cast<int64_t>(sizeof(T));
  parallel_for(rows, bytes, [&](int64_t r0, int64_t r1) noexcept {
    for (int64_t r = r0; r < r1; ++r) {
      const RowBuf<T> b{values + r * v_s0, v_s1, indices + r * i_s0, i_s1, k};
      row<T>(a + r * a_s0, cols, a_s1, b, off);
    }
  });
}

}  // namespace

Status topk_merge(int dtype, int64_t rows, int64_t cols, const char* a, int64_t a_s0, int64_t a_s1, int64_t k,
                  char* values, int64_t v_s0, int64_t v_s1, char* indices, int64_t i_s0, int64_t i_s1,
                  int64_t index_offset) noexcept {
  if (rows <= 0 || k <= 0) return Status::Ok;
  if (dtype == 9) run<float>(rows, cols, a, a_s0, a_s1, k, values, v_s0, v_s1, indices, i_s0, i_s1, index_offset);
  else if (dtype == 10) run<double>(rows, cols, a, a_s0, a_s1, k, values, v_s0, v_s1, indices, i_s0, i_s1, index_offset);
  else return Status::BadDType;
  return Status::Ok;
}

}  // namespace numnode
