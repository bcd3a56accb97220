// JS_reduce, JS_scan and JS_reduceOpTable: the reduction kernels' boundary.
// Like JS_copy, every plain argument is read and checked first, then the memory
// (ArgBytes), then bounds and alignment with checked arithmetic; the kernels
// trust what arrives here.
#include <climits>
#include <cmath>
#include <string>

#include "../kernels/dtypes.h"
#include "../kernels/iter.h"
#include "../kernels/reduce.h"
#include "args.h"
#include "async.h"  // issue 7: RunKernel (runs now, or queues for np.promises)
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMaxSafe = (int64_t{1} << 53) - 1;

int DTypeArg(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what) {
  const int64_t code = ArgInt(info, i, fn, what, INT_MIN, INT_MAX);
  if (!valid_dtype(code))
    Throw(info.Env(), kErrDType, ErrClass::TypeError,
          std::string("numnode native ") + fn + ": " + what + " " + std::to_string(code) +
              " is not a dtype code (0.." + std::to_string(kNumDTypes - 1) + ")");
  return static_cast<int>(code);
}

IntList Prefix(const IntList& shape, int n) {
  IntList r;
  r.n = n;
  for (int k = 0; k < n; ++k) r.v[k] = shape.v[k];
  return r;
}

bool Overlap(const IntList& sa, const IntList& a_strides, const char* a, int64_t a_item, const IntList& sb,
             const IntList& b_strides, const char* b, int64_t b_item) {
  int64_t alo, ahi, blo, bhi;
  if (!view_extent(sa.n, sa.v, a_strides.v, a_item, &alo, &ahi)) return false;
  if (!view_extent(sb.n, sb.v, b_strides.v, b_item, &blo, &bhi)) return false;
  return ranges_overlap(a, alo, ahi, b, blo, bhi);
}

}  // namespace

// reduce(op, dtypeIn, dtypeOut, shape, nReduce, x, xStrides, xOffset,
//        out, outStrides, outOffset, aux, auxStrides, auxOffset, divisor, post)
// shape lists the kept axes first, then the nReduce reduced ones (the sequence
// order); out and aux are views over the kept axes. aux (a float64 center per
// output) is a Uint8Array for sumsqdev and null otherwise (its strides and offset
// are then ignored).
Napi::Value JS_reduce(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "reduce";
  Napi::Env env = info.Env();
  ExpectArgs(info, 16, fn);
  const int64_t op = ArgInt(info, 0, fn, "op", INT_MIN, INT_MAX);
  if (op < 0 || op >= kNumReduceOps)
    Throw(env, kErrArg, ErrClass::RangeError,
          std::string("numnode native reduce: op ") + std::to_string(op) + " is not a reduction code (0.." +
              std::to_string(kNumReduceOps - 1) + ")");
  const int din = DTypeArg(info, 1, fn, "dtypeIn");
  const int dout = DTypeArg(info, 2, fn, "dtypeOut");
  if (!reduce_supported(static_cast<int>(op), din, dout))
    Throw(env, kErrDType, ErrClass::TypeError,
          std::string("numnode native reduce: ") + kReduceOpTable[op].name + " is not implemented from " +
              kDTypeTable[din].name + " to " + kDTypeTable[dout].name);
  const int64_t s_item = kDTypeTable[din].itemsize, d_item = kDTypeTable[dout].itemsize;
  const IntList shape = ArgIntList(info, 3, fn, "shape", 0, kMaxSafe);
  const int nred = static_cast<int>(ArgInt(info, 4, fn, "nReduce", 0, shape.n));
  const int nk = shape.n - nred;
  const IntList kshape = Prefix(shape, nk);
  const IntList xs = ArgIntList(info, 6, fn, "xStrides", -kMaxSafe, kMaxSafe);
  const int64_t xoff = ArgInt(info, 7, fn, "xOffset", 0, kMaxSafe);
  const IntList os = ArgIntList(info, 9, fn, "outStrides", -kMaxSafe, kMaxSafe);
  const int64_t ooff = ArgInt(info, 10, fn, "outOffset", 0, kMaxSafe);
  const bool uses_aux = reduce_uses_aux(static_cast<int>(op));
  IntList as;
  int64_t aoff = 0;
  if (uses_aux) {
    as = ArgIntList(info, 12, fn, "auxStrides", -kMaxSafe, kMaxSafe);
    aoff = ArgInt(info, 13, fn, "auxOffset", 0, kMaxSafe);
  } else if (!info[11].IsNull()) {
    Throw(env, kErrArg, ErrClass::TypeError,
          std::string("numnode native reduce: aux must be null for ") + kReduceOpTable[op].name);
  }
  if (!info[14].IsNumber())
    Throw(env, kErrArg, ErrClass::TypeError, "numnode native reduce: divisor must be a number");
  const double divisor = info[14].As<Napi::Number>().DoubleValue();
  const int post = static_cast<int>(ArgInt(info, 15, fn, "post", 0, 1));
  if ((divisor != 1 || post != 0) && !(dout == kDType_float32 || dout == kDType_float64))
    Throw(env, kErrArg, ErrClass::RangeError,
          "numnode native reduce: divisor and post apply to floating-point results only");
  CheckShape(env, fn, shape, xs, "xStrides", s_item);
  const int64_t nout = CheckShape(env, fn, kshape, os, "outStrides", d_item);
  if (uses_aux) CheckShape(env, fn, kshape, as, "auxStrides", 8);
  int64_t n = 1;
  for (int k = nk; k < shape.n; ++k) n *= shape.v[k];
  if (nout > 0 && n == 0 && !reduce_has_identity(static_cast<int>(op)))
    Throw(env, kErrArg, ErrClass::RangeError,
          std::string("numnode native reduce: zero-size array to reduction operation ") + kReduceOpTable[op].name +
              " which has no identity");

  // The memory; from here on no JavaScript runs.
  const Bytes xb = ArgBytes(info, 5, fn, "x");
  const Bytes ob = ArgBytes(info, 8, fn, "out");
  Bytes ab;
  if (uses_aux) ab = ArgBytes(info, 11, fn, "aux");
  CheckBounds(env, fn, "x", xb, shape, xs, xoff, s_item);
  CheckBounds(env, fn, "out", ob, kshape, os, ooff, d_item);
  if (uses_aux) CheckBounds(env, fn, "aux", ab, kshape, as, aoff, 8);
  if (nout == 0) return env.Undefined();
  if (n > 0) CheckAligned(env, fn, "x", xb, xs, xoff, s_item);
  CheckAligned(env, fn, "out", ob, os, ooff, d_item);
  if (uses_aux) CheckAligned(env, fn, "aux", ab, as, aoff, 8);
  const char* xp = reinterpret_cast<const char*>(xb.data) + xoff;
  char* op_ = reinterpret_cast<char*>(ob.data) + ooff;
  const char* ap = uses_aux ? reinterpret_cast<const char*>(ab.data) + aoff : nullptr;
  if (n > 0 && Overlap(kshape, os, op_, d_item, shape, xs, xp, s_item))
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native reduce: out overlaps x; pass a separate output");
  if (uses_aux && Overlap(kshape, os, op_, d_item, kshape, as, ap, 8))
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native reduce: out overlaps aux; pass a separate output");

  // ReduceArgs points into the IntLists: built inside the kernel lambda, from its copies.
  RunKernel(env, fn, [=]() noexcept {
    ReduceArgs a;
    a.op = static_cast<int>(op);
    a.din = din;
    a.dout = dout;
    a.ndim = shape.n;
    a.shape = shape.v;
    a.nred = nred;
    a.x = xp;
    a.xs = xs.v;
    a.out = op_;
    a.os = os.v;
    a.aux = ap;
    a.as = uses_aux ? as.v : nullptr;
    a.divisor = divisor;
    a.post = post;
    return reduce_strided(a);
  });
  return env.Undefined();
}

// scan(op, dtypeIn, dtypeOut, shape, axis, x, xStrides, xOffset, out, outStrides, outOffset)
// out has x's shape, except that diff's is one shorter along the axis (empty
// when the axis is empty).
Napi::Value JS_scan(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "scan";
  Napi::Env env = info.Env();
  ExpectArgs(info, 11, fn);
  const int64_t op = ArgInt(info, 0, fn, "op", INT_MIN, INT_MAX);
  if (op < 0 || op >= kNumScanOps)
    Throw(env, kErrArg, ErrClass::RangeError,
          std::string("numnode native scan: op ") + std::to_string(op) + " is not a scan code (0.." +
              std::to_string(kNumScanOps - 1) + ")");
  const int din = DTypeArg(info, 1, fn, "dtypeIn");
  const int dout = DTypeArg(info, 2, fn, "dtypeOut");
  if (!scan_supported(static_cast<int>(op), din, dout))
    Throw(env, kErrDType, ErrClass::TypeError,
          std::string("numnode native scan: ") + kScanOpTable[op].name + " is not implemented from " +
              kDTypeTable[din].name + " to " + kDTypeTable[dout].name);
  const int64_t s_item = kDTypeTable[din].itemsize, d_item = kDTypeTable[dout].itemsize;
  const IntList shape = ArgIntList(info, 3, fn, "shape", 0, kMaxSafe);
  if (shape.n < 1) Throw(env, kErrArg, ErrClass::RangeError, "numnode native scan: shape must have at least one axis");
  const int axis = static_cast<int>(ArgInt(info, 4, fn, "axis", 0, shape.n - 1));
  const IntList xs = ArgIntList(info, 6, fn, "xStrides", -kMaxSafe, kMaxSafe);
  const int64_t xoff = ArgInt(info, 7, fn, "xOffset", 0, kMaxSafe);
  const IntList os = ArgIntList(info, 9, fn, "outStrides", -kMaxSafe, kMaxSafe);
  const int64_t ooff = ArgInt(info, 10, fn, "outOffset", 0, kMaxSafe);
  IntList oshape = shape;
  if (op == kScan_diff && oshape.v[axis] > 0) oshape.v[axis] -= 1;
  const int64_t size = CheckShape(env, fn, shape, xs, "xStrides", s_item);
  const int64_t osize = CheckShape(env, fn, oshape, os, "outStrides", d_item);

  const Bytes xb = ArgBytes(info, 5, fn, "x");
  const Bytes ob = ArgBytes(info, 8, fn, "out");
  CheckBounds(env, fn, "x", xb, shape, xs, xoff, s_item);
  CheckBounds(env, fn, "out", ob, oshape, os, ooff, d_item);
  if (size == 0 || osize == 0) return env.Undefined();
  CheckAligned(env, fn, "x", xb, xs, xoff, s_item);
  CheckAligned(env, fn, "out", ob, os, ooff, d_item);
  const char* xp = reinterpret_cast<const char*>(xb.data) + xoff;
  char* op_ = reinterpret_cast<char*>(ob.data) + ooff;
  if (Overlap(oshape, os, op_, d_item, shape, xs, xp, s_item))
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native scan: out overlaps x; pass a separate output");
  RunKernel(env, fn, [=]() noexcept {
    return scan_strided(static_cast<int>(op), din, dout, shape.n, shape.v, axis, xp, xs.v, op_, os.v);
  });
  return env.Undefined();
}

// { reduce: [{name, code}], scan: [{name, code}] }: the tables compiled in
// (native/kernels/reduce_ops.def), for the test that TypeScript agrees.
Napi::Value JS_reduceOpTable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto table = [&](const ReduceOpInfo* rows, int n) {
    Napi::Array arr = Napi::Array::New(env, static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", Napi::String::New(env, rows[i].name));
      o.Set("code", Napi::Number::New(env, rows[i].code));
      arr.Set(static_cast<uint32_t>(i), o);
    }
    return arr;
  };
  Napi::Object r = Napi::Object::New(env);
  r.Set("reduce", table(kReduceOpTable, kNumReduceOps));
  r.Set("scan", table(kScanOpTable, kNumScanOps));
  return r;
}

}  // namespace numnode::binding
