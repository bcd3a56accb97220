// JS_matmul, JS_sumProducts and JS_cdist: the linear-algebra entry points.
// TypeScript (src/ops/linalg.ts, src/ops/einsum/, src/ops/distance.ts) plans the
// calls; this layer re-checks what would let a wrong call touch memory it does not
// own: every operand's extent inside its Uint8Array with checked arithmetic
// (including leading dimensions and transposed layouts, which are just strides
// here), alignment, an output that overlaps an input or itself through a zero
// stride. Plain arguments are read first, buffers last (see args.h).
#include <climits>
#include <cmath>

#include "../kernels/cdist.h"
#include "../kernels/dtypes.h"
#include "../kernels/einsum.h"
#include "../kernels/gemm.h"
#include "../kernels/iter.h"
#include "args.h"
#include "async.h"  // issue 7: RunKernel (runs now, or queues for np.promises)
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMaxSafe = (int64_t{1} << 53) - 1;

std::string Prefix(const char* fn) { return std::string("numnode native ") + fn + ": "; }

struct View {
  IntList shape;
  IntList strides;
  int64_t offset = 0;
  Bytes bytes;
};

int ArgDType(const Napi::CallbackInfo& info, size_t i, const char* fn, bool floats_only) {
  const int64_t code = ArgInt(info, i, fn, "dtype", INT_MIN, INT_MAX);
  if (!valid_dtype(code) || (floats_only && code != kDType_float32 && code != kDType_float64))
    Throw(info.Env(), kErrDType, ErrClass::TypeError,
          Prefix(fn) + "dtype " + std::to_string(code) + " is not " +
              (floats_only ? "float32 (9) or float64 (10)" : "a dtype code (0.." + std::to_string(kNumDTypes - 1) + ")"));
  return static_cast<int>(code);
}

IntList Concat(const IntList& head, std::initializer_list<int64_t> tail) {
  IntList out = head;
  for (int64_t v : tail) out.v[out.n++] = v;
  return out;
}

// Bounds (checked arithmetic) and alignment of one view whose buffer is known.
void CheckView(Napi::Env env, const char* fn, const char* what, const View& v, int64_t itemsize) {
  const int64_t size = CheckShape(env, fn, v.shape, v.strides, what, itemsize);
  CheckBounds(env, fn, what, v.bytes, v.shape, v.strides, v.offset, itemsize);
  if (size > 0) CheckAligned(env, fn, what, v.bytes, v.strides, v.offset, itemsize);
}

char* DataOf(const View& v) { return reinterpret_cast<char*>(v.bytes.data) + v.offset; }

// An output written from several threads must not reach one element twice
// through a zero stride, nor share bytes with an input it is computed from.
void CheckOutput(Napi::Env env, const char* fn, const View& out, int64_t itemsize, const View* const* ins,
                 const int64_t* in_items, int nin) {
  for (int k = 0; k < out.shape.n; ++k)
    if (out.shape.v[k] == 0) return;  // empty: nothing is written
  for (int k = 0; k < out.shape.n; ++k)
    if (out.shape.v[k] > 1 && out.strides.v[k] == 0)
      Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "the output has a zero stride on an axis longer than 1");
  int64_t olo, ohi;
  if (!view_extent(out.shape.n, out.shape.v, out.strides.v, itemsize, &olo, &ohi)) return;
  for (int i = 0; i < nin; ++i) {
    int64_t lo, hi;
    if (!view_extent(ins[i]->shape.n, ins[i]->shape.v, ins[i]->strides.v, in_items[i], &lo, &hi)) continue;
    if (ranges_overlap(DataOf(out), olo, ohi, DataOf(*ins[i]), lo, hi))
      Throw(env, kErrArg, ErrClass::RangeError,
            Prefix(fn) + "the output overlaps an input (the caller must compute into a temporary)");
  }
}

}  // namespace

// matmul(dtype, batchShape, m, n, k, a, aStrides, aOffset, b, bStrides, bOffset,
//        c, cStrides, cOffset) -> path flags (native/kernels/gemm.h)
Napi::Value JS_matmul(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "matmul";
  Napi::Env env = info.Env();
  ExpectArgs(info, 14, fn);
  const int dtype = ArgDType(info, 0, fn, false);
  const int64_t itemsize = kDTypeTable[dtype].itemsize;
  const IntList batch = ArgIntList(info, 1, fn, "batchShape", 0, kMaxSafe);
  if (batch.n > kMaxDims - 2)
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "batchShape has more than " + std::to_string(kMaxDims - 2) + " entries");
  const int64_t m = ArgInt(info, 2, fn, "m", 0, kMaxSafe);
  const int64_t n = ArgInt(info, 3, fn, "n", 0, kMaxSafe);
  const int64_t k = ArgInt(info, 4, fn, "k", 0, kMaxSafe);
  View a, b, c;
  a.shape = Concat(batch, {m, k});
  b.shape = Concat(batch, {k, n});
  c.shape = Concat(batch, {m, n});
  a.strides = ArgIntList(info, 6, fn, "aStrides", -kMaxSafe, kMaxSafe);
  a.offset = ArgInt(info, 7, fn, "aOffset", 0, kMaxSafe);
  b.strides = ArgIntList(info, 9, fn, "bStrides", -kMaxSafe, kMaxSafe);
  b.offset = ArgInt(info, 10, fn, "bOffset", 0, kMaxSafe);
  c.strides = ArgIntList(info, 12, fn, "cStrides", -kMaxSafe, kMaxSafe);
  c.offset = ArgInt(info, 13, fn, "cOffset", 0, kMaxSafe);
  a.bytes = ArgBytes(info, 5, fn, "a");
  b.bytes = ArgBytes(info, 8, fn, "b");
  c.bytes = ArgBytes(info, 11, fn, "c");
  CheckView(env, fn, "a", a, itemsize);
  CheckView(env, fn, "b", b, itemsize);
  CheckView(env, fn, "c", c, itemsize);
  const View* ins[2] = {&a, &b};
  const int64_t items[2] = {itemsize, itemsize};
  CheckOutput(env, fn, c, itemsize, ins, items, 2);

  const KernelOut r = RunKernel(env, fn, [=](KernelOut& o) noexcept {
    int path = 0;
    const Status st = matmul_strided(dtype, batch.n, batch.v, m, n, k, DataOf(a), a.strides.v, DataOf(b),
                                     b.strides.v, DataOf(c), c.strides.v, &path);
    o.v[0] = path;
    return st;
  });
  return Napi::Number::New(env, r.v[0]);
}

// sumProducts(dtype, shape, nout, ops, opStrides, opOffsets, out, outStrides, outOffset, bare)
//   ops: Array of Uint8Array (1..63); opStrides: Float64Array of ops.length x
//   shape.length byte strides (row k for operand k); opOffsets: Array of numbers.
Napi::Value JS_sumProducts(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "sumProducts";
  Napi::Env env = info.Env();
  ExpectArgs(info, 10, fn);
  const int dtype = ArgDType(info, 0, fn, false);
  const int64_t itemsize = kDTypeTable[dtype].itemsize;
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMaxSafe);
  if (!info[9].IsBoolean()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "bare must be a boolean");
  const bool bare = info[9].As<Napi::Boolean>().Value();
  const int64_t nout = ArgInt(info, 2, fn, "nout", 0, shape.n);
  if (!info[3].IsArray()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "ops must be an Array");
  const Napi::Array opsArr = info[3].As<Napi::Array>();
  const uint32_t nop = opsArr.Length();
  if (nop < 1 || nop > static_cast<uint32_t>(kMaxEinsumOperands))
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + "ops must hold 1.." + std::to_string(kMaxEinsumOperands) + " operands, got " + std::to_string(nop));
  napi_value opVals[kMaxEinsumOperands];
  for (uint32_t i = 0; i < nop; ++i) opVals[i] = opsArr.Get(i);  // may run getters: before any pointer
  const IntList offsets = ArgIntList(info, 5, fn, "opOffsets", 0, kMaxSafe);
  if (offsets.n != static_cast<int>(nop))
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "opOffsets must have one entry per operand");
  View out;
  out.shape.n = static_cast<int>(nout);
  for (int l = 0; l < out.shape.n; ++l) out.shape.v[l] = shape.v[l];
  out.strides = ArgIntList(info, 7, fn, "outStrides", -kMaxSafe, kMaxSafe);
  out.offset = ArgInt(info, 8, fn, "outOffset", 0, kMaxSafe);
  // The strides table: a Float64Array is read without running JavaScript.
  const Napi::Value sv = info[4];
  if (!sv.IsTypedArray() || sv.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "opStrides must be a Float64Array");
  const Napi::Float64Array sarr = sv.As<Napi::Float64Array>();
  const size_t want = static_cast<size_t>(nop) * static_cast<size_t>(shape.n);
  if (sarr.ElementLength() != want)
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + "opStrides must have ops.length * shape.length = " + std::to_string(want) + " entries");
  View ops[kMaxEinsumOperands];
  int64_t flat[kMaxEinsumOperands * kMaxDims];
  for (uint32_t k = 0; k < nop; ++k) {
    ops[k].shape = shape;
    ops[k].strides.n = shape.n;
    ops[k].offset = offsets.v[k];
    for (int l = 0; l < shape.n; ++l) {
      const double d = sarr[k * shape.n + l];
      if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > static_cast<double>(kMaxSafe))
        Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "opStrides entries must be safe integers");
      ops[k].strides.v[l] = static_cast<int64_t>(d);
      flat[k * shape.n + l] = static_cast<int64_t>(d);
    }
  }
  // Memory last.
  const char* ptrs[kMaxEinsumOperands];
  const View* ins[kMaxEinsumOperands];
  int64_t items[kMaxEinsumOperands];
  for (uint32_t k = 0; k < nop; ++k) {
    const std::string what = "ops[" + std::to_string(k) + "]";
    ops[k].bytes = ValueBytes(env, Napi::Value(env, opVals[k]), fn, what);
    CheckView(env, fn, what.c_str(), ops[k], itemsize);
    ptrs[k] = DataOf(ops[k]);
    ins[k] = &ops[k];
    items[k] = itemsize;
  }
  out.bytes = ArgBytes(info, 6, fn, "out");
  CheckView(env, fn, "out", out, itemsize);
  CheckOutput(env, fn, out, itemsize, ins, items, static_cast<int>(nop));

  RunKernel(env, fn, [=]() noexcept {
    return sum_of_products(dtype, static_cast<int>(nop), shape.n, static_cast<int>(nout), shape.v, ptrs, flat,
                           DataOf(out), out.strides.v, bare);
  });
  return env.Undefined();
}

// cdist(dtype, metric, m, n, d, xa, xaStrides, xaOffset, xb, xbStrides, xbOffset,
//       out, outStrides, outOffset, chunkRows, same)
//   -> { workspaceBytes, recomputed, tileRows, tileCols }
Napi::Value JS_cdist(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "cdist";
  Napi::Env env = info.Env();
  ExpectArgs(info, 16, fn);
  const int dtype = ArgDType(info, 0, fn, true);
  const int64_t itemsize = kDTypeTable[dtype].itemsize;
  const int metric = static_cast<int>(ArgInt(info, 1, fn, "metric", kCdistEuclidean, kCdistCosine));
  const int64_t m = ArgInt(info, 2, fn, "m", 0, kMaxSafe);
  const int64_t n = ArgInt(info, 3, fn, "n", 0, kMaxSafe);
  const int64_t d = ArgInt(info, 4, fn, "d", 0, INT_MAX);
  View xa, xb, out;
  xa.shape.n = xb.shape.n = out.shape.n = 2;
  xa.shape.v[0] = m;
  xa.shape.v[1] = d;
  xb.shape.v[0] = n;
  xb.shape.v[1] = d;
  out.shape.v[0] = m;
  out.shape.v[1] = n;
  xa.strides = ArgIntList(info, 6, fn, "xaStrides", -kMaxSafe, kMaxSafe);
  xa.offset = ArgInt(info, 7, fn, "xaOffset", 0, kMaxSafe);
  xb.strides = ArgIntList(info, 9, fn, "xbStrides", -kMaxSafe, kMaxSafe);
  xb.offset = ArgInt(info, 10, fn, "xbOffset", 0, kMaxSafe);
  out.strides = ArgIntList(info, 12, fn, "outStrides", -kMaxSafe, kMaxSafe);
  out.offset = ArgInt(info, 13, fn, "outOffset", 0, kMaxSafe);
  const int64_t chunk = ArgInt(info, 14, fn, "chunkRows", 0, INT_MAX);
  if (!info[15].IsBoolean()) Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + "same must be a boolean");
  const bool same = info[15].As<Napi::Boolean>().Value();
  xa.bytes = ArgBytes(info, 5, fn, "xa");
  xb.bytes = ArgBytes(info, 8, fn, "xb");
  out.bytes = ArgBytes(info, 11, fn, "out");
  CheckView(env, fn, "xa", xa, itemsize);
  CheckView(env, fn, "xb", xb, itemsize);
  CheckView(env, fn, "out", out, itemsize);
  const View* ins[2] = {&xa, &xb};
  const int64_t items[2] = {itemsize, itemsize};
  CheckOutput(env, fn, out, itemsize, ins, items, 2);
  // `same` lets the kernel reuse XB's scratch for XA: only sound for one view.
  const bool same_view = same && m == n && DataOf(xa) == DataOf(xb) && xa.strides.v[0] == xb.strides.v[0] &&
                         xa.strides.v[1] == xb.strides.v[1];

  const KernelOut k = RunKernel(env, fn, [=](KernelOut& o) noexcept {
    CdistStats stats;
    const Status st = cdist(dtype, metric, m, n, d, DataOf(xa), xa.strides.v[0], xa.strides.v[1], DataOf(xb),
                            xb.strides.v[0], xb.strides.v[1], DataOf(out), out.strides.v[0], out.strides.v[1], chunk,
                            same_view, &stats);
    o.v[0] = static_cast<double>(stats.workspace_bytes);
    o.v[1] = static_cast<double>(stats.recomputed);
    o.v[2] = static_cast<double>(stats.tile_rows);
    o.v[3] = static_cast<double>(stats.tile_cols);
    return st;
  });
  Napi::Object r = Napi::Object::New(env);
  r.Set("workspaceBytes", Napi::Number::New(env, k.v[0]));
  r.Set("recomputed", Napi::Number::New(env, k.v[1]));
  r.Set("tileRows", Napi::Number::New(env, k.v[2]));
  r.Set("tileCols", Napi::Number::New(env, k.v[3]));
  return r;
}

}  // namespace numnode::binding
