// JS_ functions of the sorting and selection family (issue 10): sort, argsort,
// partition, argpartition, select, gather, scatter, countNonzero, nonzero,
// maskGather, maskScatter. Their TypeScript signatures are in
// src/backend/native/binding.ts. As everywhere in native/binding/: plain arguments
// are read first (reading them may run user code), then the buffers, after which no
// JavaScript runs; every view is proved to lie inside its Uint8Array (CheckBounds),
// typed views are checked for alignment, and every index is bounds-checked by the
// kernel itself before use.
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "../kernels/dtypes.h"
#include "../kernels/sort.h"
#include "args.h"
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMax = (int64_t{1} << 53) - 1;

std::string Prefix(const char* fn) { return std::string("numnode native ") + fn + ": "; }

int ArgDType(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  const int64_t code = ArgInt(info, i, fn, "dtype", INT_MIN, INT_MAX);
  if (!valid_dtype(code))
    Throw(info.Env(), kErrDType, ErrClass::TypeError,
          Prefix(fn) + "dtype " + std::to_string(code) + " is not a dtype code (0.." + std::to_string(kNumDTypes - 1) + ")");
  return static_cast<int>(code);
}

int64_t ItemSize(int dtype) { return kDTypeTable[dtype].itemsize; }

// A view argument group: strides and offset read first, bytes taken later.
struct ViewArg {
  IntList strides;
  int64_t offset = 0;
  Bytes bytes;
};

// Checks a whole view: shape/strides agree, inside its bytes, aligned to its item size.
void CheckView(Napi::Env env, const char* fn, const char* what, const ViewArg& v, const IntList& shape, int64_t itemsize) {
  CheckShape(env, fn, shape, v.strides, what, itemsize);
  CheckBounds(env, fn, what, v.bytes, shape, v.strides, v.offset, itemsize);
  bool empty = false;
  for (int k = 0; k < shape.n; ++k) empty |= shape.v[k] == 0;
  if (!empty) CheckAligned(env, fn, what, v.bytes, v.strides, v.offset, itemsize);
}

int ArgAxis(const Napi::CallbackInfo& info, size_t i, const char* fn, const IntList& shape) {
  if (shape.n == 0) Throw(info.Env(), kErrArg, ErrClass::RangeError, Prefix(fn) + "a 0-d view has no axis");
  return static_cast<int>(ArgInt(info, i, fn, "axis", 0, shape.n - 1));
}

// The kth positions: the bytes of an int64 array, ascending, each in [0, n).
std::vector<int64_t> ReadKth(Napi::Env env, const char* fn, const Bytes& b, int64_t n) {
  if (b.detached) Throw(env, kErrBuffer, ErrClass::TypeError, Prefix(fn) + "kth is a view of a detached ArrayBuffer");
  if (b.length % 8 != 0) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "kth must hold int64 values (a multiple of 8 bytes)");
  std::vector<int64_t> k(static_cast<size_t>(b.length / 8));
  if (!k.empty()) std::memcpy(k.data(), b.data, static_cast<size_t>(b.length));
  for (size_t i = 0; i < k.size(); ++i) {
    if (k[i] < 0 || k[i] >= n)
      Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "kth[" + std::to_string(i) + "] = " + std::to_string(k[i]) +
                                                     " is out of range for a lane of " + std::to_string(n));
    if (i > 0 && k[i] <= k[i - 1]) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "kth must be strictly ascending");
  }
  return k;
}

char* At(const ViewArg& v) { return reinterpret_cast<char*>(v.bytes.data) + v.offset; }

bool Empty(const IntList& shape) {
  for (int k = 0; k < shape.n; ++k)
    if (shape.v[k] == 0) return true;
  return false;
}

Napi::Value BadIndexValue(Napi::Env env, const BadIndex& bad) {
  if (!bad.found) return env.Null();
  Napi::Array a = Napi::Array::New(env, 2);
  a.Set(uint32_t{0}, Napi::Number::New(env, bad.operand));
  a.Set(uint32_t{1}, Napi::Number::New(env, static_cast<double>(bad.position)));
  return a;
}

}  // namespace

// sort(dtype, kind, shape, strides, offset, data, axis)
Napi::Value JS_sort(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "sort";
  Napi::Env env = info.Env();
  ExpectArgs(info, 7, fn);
  const int dtype = ArgDType(info, 0, fn);
  const int kind = static_cast<int>(ArgInt(info, 1, fn, "kind", 0, 1));
  const IntList shape = ArgIntList(info, 2, fn, "shape", 0, kMax);
  ViewArg v;
  v.strides = ArgIntList(info, 3, fn, "strides", -kMax, kMax);
  v.offset = ArgInt(info, 4, fn, "offset", 0, kMax);
  const int axis = ArgAxis(info, 6, fn, shape);
  v.bytes = ArgBytes(info, 5, fn, "data");
  CheckView(env, fn, "data", v, shape, ItemSize(dtype));
  if (Empty(shape)) return env.Undefined();
  const Status st = sort_lanes(dtype, kind, shape.n, shape.v, v.strides.v, At(v), axis);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// argsort(dtype, kind, shape, srcStrides, srcOffset, src, outStrides, outOffset, out, axis)
Napi::Value JS_argsort(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "argsort";
  Napi::Env env = info.Env();
  ExpectArgs(info, 10, fn);
  const int dtype = ArgDType(info, 0, fn);
  const int kind = static_cast<int>(ArgInt(info, 1, fn, "kind", 0, 1));
  const IntList shape = ArgIntList(info, 2, fn, "shape", 0, kMax);
  ViewArg s, o;
  s.strides = ArgIntList(info, 3, fn, "srcStrides", -kMax, kMax);
  s.offset = ArgInt(info, 4, fn, "srcOffset", 0, kMax);
  o.strides = ArgIntList(info, 6, fn, "outStrides", -kMax, kMax);
  o.offset = ArgInt(info, 7, fn, "outOffset", 0, kMax);
  const int axis = ArgAxis(info, 9, fn, shape);
  s.bytes = ArgBytes(info, 5, fn, "src");
  o.bytes = ArgBytes(info, 8, fn, "out");
  CheckView(env, fn, "src", s, shape, ItemSize(dtype));
  CheckView(env, fn, "out", o, shape, 8);
  if (Empty(shape)) return env.Undefined();
  const Status st = argsort_lanes(dtype, kind, shape.n, shape.v, s.strides.v, At(s), o.strides.v, At(o), axis);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// partition(dtype, shape, strides, offset, data, axis, kth)
Napi::Value JS_partition(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "partition";
  Napi::Env env = info.Env();
  ExpectArgs(info, 7, fn);
  const int dtype = ArgDType(info, 0, fn);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg v;
  v.strides = ArgIntList(info, 2, fn, "strides", -kMax, kMax);
  v.offset = ArgInt(info, 3, fn, "offset", 0, kMax);
  const int axis = ArgAxis(info, 5, fn, shape);
  v.bytes = ArgBytes(info, 4, fn, "data");
  const Bytes kb = ArgBytes(info, 6, fn, "kth");
  CheckView(env, fn, "data", v, shape, ItemSize(dtype));
  if (Empty(shape)) return env.Undefined();
  const std::vector<int64_t> kth = ReadKth(env, fn, kb, shape.v[axis]);
  const Status st = partition_lanes(dtype, shape.n, shape.v, v.strides.v, At(v), axis, kth.data(), static_cast<int64_t>(kth.size()));
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// argpartition(dtype, shape, srcStrides, srcOffset, src, outStrides, outOffset, out, axis, kth)
Napi::Value JS_argpartition(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "argpartition";
  Napi::Env env = info.Env();
  ExpectArgs(info, 10, fn);
  const int dtype = ArgDType(info, 0, fn);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg s, o;
  s.strides = ArgIntList(info, 2, fn, "srcStrides", -kMax, kMax);
  s.offset = ArgInt(info, 3, fn, "srcOffset", 0, kMax);
  o.strides = ArgIntList(info, 5, fn, "outStrides", -kMax, kMax);
  o.offset = ArgInt(info, 6, fn, "outOffset", 0, kMax);
  const int axis = ArgAxis(info, 8, fn, shape);
  s.bytes = ArgBytes(info, 4, fn, "src");
  o.bytes = ArgBytes(info, 7, fn, "out");
  const Bytes kb = ArgBytes(info, 9, fn, "kth");
  CheckView(env, fn, "src", s, shape, ItemSize(dtype));
  CheckView(env, fn, "out", o, shape, 8);
  if (Empty(shape)) return env.Undefined();
  const std::vector<int64_t> kth = ReadKth(env, fn, kb, shape.v[axis]);
  const Status st = argpartition_lanes(dtype, shape.n, shape.v, s.strides.v, At(s), o.strides.v, At(o), axis, kth.data(),
                                       static_cast<int64_t>(kth.size()));
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// select(dtype, shape, srcStrides, srcOffset, src, axis, kth, outStrides, outOffset, out)
Napi::Value JS_select(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "select";
  Napi::Env env = info.Env();
  ExpectArgs(info, 10, fn);
  const int dtype = ArgDType(info, 0, fn);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg s, o;
  s.strides = ArgIntList(info, 2, fn, "srcStrides", -kMax, kMax);
  s.offset = ArgInt(info, 3, fn, "srcOffset", 0, kMax);
  const int axis = ArgAxis(info, 5, fn, shape);
  o.strides = ArgIntList(info, 7, fn, "outStrides", -kMax, kMax);
  o.offset = ArgInt(info, 8, fn, "outOffset", 0, kMax);
  s.bytes = ArgBytes(info, 4, fn, "src");
  const Bytes kb = ArgBytes(info, 6, fn, "kth");
  o.bytes = ArgBytes(info, 9, fn, "out");
  CheckView(env, fn, "src", s, shape, ItemSize(dtype));
  const int64_t n = shape.v[axis];
  if (kb.detached) Throw(env, kErrBuffer, ErrClass::TypeError, Prefix(fn) + "kth is a view of a detached ArrayBuffer");
  IntList oshape;
  oshape.n = 0;
  for (int d = 0; d < shape.n; ++d)
    if (d != axis) oshape.v[oshape.n++] = shape.v[d];
  oshape.v[oshape.n++] = kb.length / 8;
  CheckView(env, fn, "out", o, oshape, ItemSize(dtype));
  if (Empty(oshape)) return env.Undefined();
  if (n == 0) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "no order statistics of an empty lane");
  const std::vector<int64_t> kth = ReadKth(env, fn, kb, n);
  const Status st = select_lanes(dtype, shape.n, shape.v, s.strides.v, At(s), axis, kth.data(),
                                 static_cast<int64_t>(kth.size()), o.strides.v, At(o));
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

namespace {

// The common part of gather and scatter: the arguments after the fixed 11, six per operand.
struct IndexArgs {
  int64_t itemsize = 0;
  int mode = 0;
  ViewArg side;  // src (gather) / dst (scatter): offset is the base, strides unused
  IntList sub_shape, side_sub, idx_shape;
  ViewArg other;  // out (gather) / val (scatter)
  IntList other_idx, other_sub;
  int nops = 0;
  int dtype[kMaxDims];
  ViewArg op[kMaxDims];
  int64_t len[kMaxDims], axis_stride[kMaxDims];
};

// Reads and checks everything; `side_writes` names the side view for messages.
void ReadIndexArgs(const Napi::CallbackInfo& info, const char* fn, const char* side_name, const char* other_name,
                   IndexArgs& a) {
  Napi::Env env = info.Env();
  if (info.Length() < 17 || (info.Length() - 11) % 6 != 0)
    Throw(env, kErrArg, ErrClass::TypeError,
          Prefix(fn) + "expected 11 arguments and 6 per index operand, got " + std::to_string(info.Length()));
  a.nops = static_cast<int>((info.Length() - 11) / 6);
  if (a.nops > kMaxDims) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "too many index operands");
  a.itemsize = ArgInt(info, 0, fn, "itemsize", 1, 1 << 20);
  a.mode = static_cast<int>(ArgInt(info, 1, fn, "mode", 0, 2));
  a.side.offset = ArgInt(info, 3, fn, "base", 0, kMax);
  a.sub_shape = ArgIntList(info, 4, fn, "subShape", 0, kMax);
  a.side_sub = ArgIntList(info, 5, fn, "subStrides", -kMax, kMax);
  a.idx_shape = ArgIntList(info, 6, fn, "idxShape", 0, kMax);
  a.other.offset = ArgInt(info, 8, fn, "offset", 0, kMax);
  a.other_idx = ArgIntList(info, 9, fn, "idxStrides", -kMax, kMax);
  a.other_sub = ArgIntList(info, 10, fn, "subStrides", -kMax, kMax);
  for (int k = 0; k < a.nops; ++k) {
    const size_t i = 11 + 6 * static_cast<size_t>(k);
    a.dtype[k] = ArgDType(info, i, fn);
    if (kDTypeTable[a.dtype[k]].kind == 'f')
      Throw(env, kErrDType, ErrClass::TypeError, Prefix(fn) + "index operands must have an integer dtype");
    a.op[k].offset = ArgInt(info, i + 2, fn, "operand offset", 0, kMax);
    a.op[k].strides = ArgIntList(info, i + 3, fn, "operand strides", -kMax, kMax);
    a.len[k] = ArgInt(info, i + 4, fn, "axis length", 0, kMax);
    a.axis_stride[k] = ArgInt(info, i + 5, fn, "axis stride", -kMax, kMax);
  }
  // The buffers, last.
  a.side.bytes = ArgBytes(info, 2, fn, side_name);
  a.other.bytes = ArgBytes(info, 7, fn, other_name);
  for (int k = 0; k < a.nops; ++k) a.op[k].bytes = ArgBytes(info, 11 + 6 * static_cast<size_t>(k) + 1, fn, "index operand");

  // The side view: the indexed axes (length len_k, stride axis_stride_k) and the sub-space.
  if (a.nops + a.sub_shape.n > kMaxDims)
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "more than " + std::to_string(kMaxDims) + " dimensions");
  IntList sshape, sstr;
  sshape.n = sstr.n = 0;
  for (int k = 0; k < a.nops; ++k) {
    sshape.v[sshape.n++] = a.len[k];
    sstr.v[sstr.n++] = a.axis_stride[k];
  }
  if (a.side_sub.n != a.sub_shape.n) Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "subStrides and subShape differ in length");
  for (int d = 0; d < a.sub_shape.n; ++d) {
    sshape.v[sshape.n++] = a.sub_shape.v[d];
    sstr.v[sstr.n++] = a.side_sub.v[d];
  }
  ViewArg side = a.side;
  side.strides = sstr;
  // Every index is checked into [0, len) before it is used, so this view bounds every
  // access; with an empty index space, an empty axis (all its indices fail) or an
  // empty sub-space nothing of it is touched.
  CheckBounds(env, fn, side_name, side.bytes, sshape, sstr, side.offset, a.itemsize);
  // The other side: the index space then the sub-space.
  if (a.other_idx.n != a.idx_shape.n || a.other_sub.n != a.sub_shape.n)
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "the strides do not match idxShape and subShape");
  if (a.idx_shape.n + a.sub_shape.n > kMaxDims)
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "more than " + std::to_string(kMaxDims) + " dimensions");
  IntList oshape, ostr;
  oshape.n = ostr.n = 0;
  for (int d = 0; d < a.idx_shape.n; ++d) {
    oshape.v[oshape.n++] = a.idx_shape.v[d];
    ostr.v[ostr.n++] = a.other_idx.v[d];
  }
  for (int d = 0; d < a.sub_shape.n; ++d) {
    oshape.v[oshape.n++] = a.sub_shape.v[d];
    ostr.v[ostr.n++] = a.other_sub.v[d];
  }
  CheckShape(env, fn, oshape, ostr, "strides", a.itemsize);
  CheckBounds(env, fn, other_name, a.other.bytes, oshape, ostr, a.other.offset, a.itemsize);
  // The index operands over the index space, aligned for their integer reads.
  for (int k = 0; k < a.nops; ++k) {
    if (a.op[k].strides.n != a.idx_shape.n)
      Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "an operand's strides do not match idxShape");
    CheckView(env, fn, "index operand", a.op[k], a.idx_shape, ItemSize(a.dtype[k]));
  }
}

}  // namespace

// gather(itemsize, mode, src, base, subShape, srcSub, idxShape, out, outOffset, outIdxStrides, outSubStrides, ...ops)
Napi::Value JS_gather(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "gather";
  Napi::Env env = info.Env();
  IndexArgs a;
  ReadIndexArgs(info, fn, "src", "out", a);
  if (Empty(a.idx_shape)) return env.Null();
  IndexOperand ops[kMaxDims];
  for (int k = 0; k < a.nops; ++k)
    ops[k] = IndexOperand{a.dtype[k], At(a.op[k]), a.op[k].strides.v, a.len[k], a.axis_stride[k]};
  BadIndex bad;
  const Status st = gather(a.itemsize, a.mode, At(a.side), a.sub_shape.n, a.sub_shape.v, a.side_sub.v, a.idx_shape.n,
                           a.idx_shape.v, a.nops, ops, At(a.other), a.other_idx.v, a.other_sub.v, &bad);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return BadIndexValue(env, bad);
}

// scatter(itemsize, mode, dst, base, subShape, dstSub, idxShape, val, valOffset, valIdxStrides, valSubStrides, ...ops)
Napi::Value JS_scatter(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "scatter";
  Napi::Env env = info.Env();
  IndexArgs a;
  ReadIndexArgs(info, fn, "dst", "val", a);
  if (Empty(a.idx_shape)) return env.Null();
  IndexOperand ops[kMaxDims];
  for (int k = 0; k < a.nops; ++k)
    ops[k] = IndexOperand{a.dtype[k], At(a.op[k]), a.op[k].strides.v, a.len[k], a.axis_stride[k]};
  BadIndex bad;
  const Status st = scatter(a.itemsize, a.mode, At(a.side), a.sub_shape.n, a.sub_shape.v, a.side_sub.v, a.idx_shape.n,
                            a.idx_shape.v, a.nops, ops, At(a.other), a.other_idx.v, a.other_sub.v, &bad);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return BadIndexValue(env, bad);
}

// countNonzero(dtype, shape, strides, offset, data)
Napi::Value JS_countNonzero(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "countNonzero";
  Napi::Env env = info.Env();
  ExpectArgs(info, 5, fn);
  const int dtype = ArgDType(info, 0, fn);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg v;
  v.strides = ArgIntList(info, 2, fn, "strides", -kMax, kMax);
  v.offset = ArgInt(info, 3, fn, "offset", 0, kMax);
  v.bytes = ArgBytes(info, 4, fn, "data");
  CheckView(env, fn, "data", v, shape, ItemSize(dtype));
  if (Empty(shape)) return Napi::Number::New(env, 0);
  return Napi::Number::New(env, static_cast<double>(count_nonzero(dtype, shape.n, shape.v, v.strides.v, At(v))));
}

// nonzero(dtype, shape, strides, offset, data, out, outOffset, count)
Napi::Value JS_nonzero(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "nonzero";
  Napi::Env env = info.Env();
  ExpectArgs(info, 8, fn);
  const int dtype = ArgDType(info, 0, fn);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg v, o;
  v.strides = ArgIntList(info, 2, fn, "strides", -kMax, kMax);
  v.offset = ArgInt(info, 3, fn, "offset", 0, kMax);
  o.offset = ArgInt(info, 6, fn, "outOffset", 0, kMax);
  const int64_t count = ArgInt(info, 7, fn, "count", 0, kMax);
  v.bytes = ArgBytes(info, 4, fn, "data");
  o.bytes = ArgBytes(info, 5, fn, "out");
  CheckView(env, fn, "data", v, shape, ItemSize(dtype));
  IntList oshape, ostr;
  oshape.n = ostr.n = 1;
  oshape.v[0] = count * shape.n;
  ostr.v[0] = 8;
  o.strides = ostr;
  CheckView(env, fn, "out", o, oshape, 8);
  if (Empty(shape) || count == 0 || shape.n == 0) return env.Undefined();
  const Status st = nonzero_coords(dtype, shape.n, shape.v, v.strides.v, At(v), count, reinterpret_cast<int64_t*>(At(o)));
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// maskGather(itemsize, shape, src, srcStrides, srcOffset, mask, maskStrides, maskOffset, out, outOffset, count)
Napi::Value JS_maskGather(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "maskGather";
  Napi::Env env = info.Env();
  ExpectArgs(info, 11, fn);
  const int64_t itemsize = ArgInt(info, 0, fn, "itemsize", 1, 1 << 20);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg s, m, o;
  s.strides = ArgIntList(info, 3, fn, "srcStrides", -kMax, kMax);
  s.offset = ArgInt(info, 4, fn, "srcOffset", 0, kMax);
  m.strides = ArgIntList(info, 6, fn, "maskStrides", -kMax, kMax);
  m.offset = ArgInt(info, 7, fn, "maskOffset", 0, kMax);
  o.offset = ArgInt(info, 9, fn, "outOffset", 0, kMax);
  const int64_t count = ArgInt(info, 10, fn, "count", 0, kMax);
  s.bytes = ArgBytes(info, 2, fn, "src");
  m.bytes = ArgBytes(info, 5, fn, "mask");
  o.bytes = ArgBytes(info, 8, fn, "out");
  CheckShape(env, fn, shape, s.strides, "srcStrides", itemsize);
  CheckBounds(env, fn, "src", s.bytes, shape, s.strides, s.offset, itemsize);
  CheckShape(env, fn, shape, m.strides, "maskStrides", 1);
  CheckBounds(env, fn, "mask", m.bytes, shape, m.strides, m.offset, 1);
  IntList oshape, ostr;
  oshape.n = ostr.n = 1;
  oshape.v[0] = count;
  ostr.v[0] = itemsize;
  CheckBounds(env, fn, "out", o.bytes, oshape, ostr, o.offset, itemsize);
  if (Empty(shape)) return env.Undefined();
  const Status st = mask_gather(itemsize, shape.n, shape.v, At(s), s.strides.v, reinterpret_cast<const uint8_t*>(At(m)),
                                m.strides.v, At(o), count);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

// maskScatter(itemsize, shape, dst, dstStrides, dstOffset, mask, maskStrides, maskOffset, val, valOffset, valStride, count)
Napi::Value JS_maskScatter(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "maskScatter";
  Napi::Env env = info.Env();
  ExpectArgs(info, 12, fn);
  const int64_t itemsize = ArgInt(info, 0, fn, "itemsize", 1, 1 << 20);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMax);
  ViewArg d, m, v;
  d.strides = ArgIntList(info, 3, fn, "dstStrides", -kMax, kMax);
  d.offset = ArgInt(info, 4, fn, "dstOffset", 0, kMax);
  m.strides = ArgIntList(info, 6, fn, "maskStrides", -kMax, kMax);
  m.offset = ArgInt(info, 7, fn, "maskOffset", 0, kMax);
  v.offset = ArgInt(info, 9, fn, "valOffset", 0, kMax);
  const int64_t vstride = ArgInt(info, 10, fn, "valStride", -kMax, kMax);
  const int64_t count = ArgInt(info, 11, fn, "count", 0, kMax);
  d.bytes = ArgBytes(info, 2, fn, "dst");
  m.bytes = ArgBytes(info, 5, fn, "mask");
  v.bytes = ArgBytes(info, 8, fn, "val");
  CheckShape(env, fn, shape, d.strides, "dstStrides", itemsize);
  CheckBounds(env, fn, "dst", d.bytes, shape, d.strides, d.offset, itemsize);
  CheckShape(env, fn, shape, m.strides, "maskStrides", 1);
  CheckBounds(env, fn, "mask", m.bytes, shape, m.strides, m.offset, 1);
  IntList vshape, vstr;
  vshape.n = vstr.n = 1;
  vshape.v[0] = count;
  vstr.v[0] = vstride;
  CheckBounds(env, fn, "val", v.bytes, vshape, vstr, v.offset, itemsize);
  if (Empty(shape)) return env.Undefined();
  const Status st = mask_scatter(itemsize, shape.n, shape.v, At(d), d.strides.v, reinterpret_cast<const uint8_t*>(At(m)),
                                 m.strides.v, At(v), vstride, count);
  if (st != Status::Ok) ThrowStatus(env, st, fn);
  return env.Undefined();
}

}  // namespace numnode::binding
