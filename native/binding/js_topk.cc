// JS_topk (issue 8): the fused per-row top-k merge of native/kernels/topk.h. Its
// TypeScript signature is in src/backend/native/binding.ts. As everywhere in
// native/binding/: plain arguments are read first (reading them may run user
// code), then the buffers, after which no JavaScript runs; the three views are
// proved to lie inside their Uint8Arrays and to be aligned.
#include <climits>
#include <string>

#include "../kernels/topk.h"
#include "args.h"
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMax = (int64_t{1} << 53) - 1;

std::string Prefix(const char* fn) { return std::string("numnode native ") + fn + ": "; }

struct View2 {
  IntList strides;
  int64_t offset = 0;
  Bytes bytes;
};

void Check(Napi::Env env, const char* fn, const char* what, const View2& v, const IntList& shape, int64_t itemsize) {
  if (v.strides.n != 2) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + what + " must have 2 strides");
  CheckShape(env, fn, shape, v.strides, what, itemsize);
  CheckBounds(env, fn, what, v.bytes, shape, v.strides, v.offset, itemsize);
  if (shape.v[0] != 0 && shape.v[1] != 0) CheckAligned(env, fn, what, v.bytes, v.strides, v.offset, itemsize);
}

}  // namespace

// topk(dtype, shape, aStrides, aOffset, a, k, vStrides, vOffset, values, iStrides, iOffset, indices, indexOffset)
Napi::Value JS_topk(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "topk";
  Napi::Env env = info.Env();
  ExpectArgs(info, 13, fn);
  const int64_t dtype = ArgInt(info, 0, fn, "dtype", INT_MIN, INT_MAX);
  if (dtype != 9 && dtype != 10)
    Throw(env, kErrDType, ErrClass::TypeError, Prefix(fn) + "dtype " + std::to_string(dtype) + " is not float32 (9) or float64 (10)");
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  if (shape.n != 2) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "shape must be (rows, cols)");
  View2 a, v, ix;
  a.strides = ArgIntList(info, 2, fn, "aStrides", -kMax, kMax);
  a.offset = ArgInt(info, 3, fn, "aOffset", 0, kMax);
  const int64_t k = ArgInt(info, 5, fn, "k", 0, kMax);
  v.strides = ArgIntList(info, 6, fn, "valuesStrides", -kMax, kMax);
  v.offset = ArgInt(info, 7, fn, "valuesOffset", 0, kMax);
  ix.strides = ArgIntList(info, 9, fn, "indicesStrides", -kMax, kMax);
  ix.offset = ArgInt(info, 10, fn, "indicesOffset", 0, kMax);
  // Column indices index_offset + j must stay exact in a double and in int64.
  const int64_t index_offset = ArgInt(info, 12, fn, "indexOffset", -kMax, kMax - shape.v[1]);
  a.bytes = ArgBytes(info, 4, fn, "a");
  v.bytes = ArgBytes(info, 8, fn, "values");
  ix.bytes = ArgBytes(info, 11, fn, "indices");
  const int64_t itemsize = dtype == 9 ? 4 : 8;
  IntList bshape;
  bshape.n = 2;
  bshape.v[0] = shape.v[0];
  bshape.v[1] = k;
  Check(env, fn, "a", a, shape, itemsize);
  Check(env, fn, "values", v, bshape, itemsize);
  Check(env, fn, "indices", ix, bshape, 8);
  const auto at = [](const View2& w) { return reinterpret_cast<char*>(w.bytes.data) + w.offset; };
  const Status st = topk_merge(static_cast<int>(dtype), shape.v[0], shape.v[1], at(a), a.strides.v[0], a.strides.v[1], k,
                               at(v), v.strides.v[0], v.strides.v[1], at(ix), ix.strides.v[0], ix.strides.v[1], index_offset);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

}  // namespace numnode::binding
