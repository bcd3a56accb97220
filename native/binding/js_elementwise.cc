// JS_elementwise and JS_where: one generic entry point for every ufunc loop, and
// np.where's select. Shapes, strides and offsets come in one Float64Array descriptor
// (args.h, Desc), the buffers as Uint8Arrays. Everything is re-checked as in
// js_copy.cc: integer ranges, shapes against strides, the byte range of every view
// inside its Uint8Array (checked arithmetic), alignment, detached buffers.
#include <climits>
#include <string>

#include "../kernels/elementwise.h"
#include "args.h"
#include "async.h"  // issue 7: RunKernel (runs now, or queues for np.promises)
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMaxStride = (int64_t{1} << 53) - 1;

struct View {
  IntList strides;
  int64_t offset = 0;
  Bytes bytes;
};

// An operand's strides and offset from the descriptor; `what` names the strides in
// messages. Returns the element count (CheckShape's, bounded below 2^53).
int64_t ReadView(Desc& d, const char* fn, const char* what, const IntList& shape, int64_t itemsize, View& v) {
  v.strides = d.NextList(shape.n, what, -kMaxStride, kMaxStride);
  v.offset = d.Next(what, 0, kMaxStride);
  return CheckShape(d.Env(), fn, shape, v.strides, what, itemsize);
}

void CheckView(const Napi::CallbackInfo& info, size_t at, const char* fn, const char* what, const IntList& shape,
               int64_t itemsize, View& v, bool empty) {
  v.bytes = ArgBytes(info, at, fn, what);
  CheckBounds(info.Env(), fn, what, v.bytes, shape, v.strides, v.offset, itemsize);
  if (!empty) CheckAligned(info.Env(), fn, what, v.bytes, v.strides, v.offset, itemsize);
}

}  // namespace

// elementwise(desc, a, b, out); desc: Float64Array [op, loop, ndim, shape (ndim),
// aStrides (ndim), aOffset, bStrides (ndim), bOffset, outStrides (ndim), outOffset]
// (a unary op reads no b: pass a's strides and buffer again).
Napi::Value JS_elementwise(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "elementwise";
  Napi::Env env = info.Env();
  ExpectArgs(info, 4, fn);
  Desc d(info, 0, fn);
  const int op = static_cast<int>(d.Next("op", 0, kNumOps - 1));
  const int loop = static_cast<int>(d.Next("loop", INT_MIN, INT_MAX));
  if (loop < 0 || loop >= kNumLoops || !elementwise_has_loop(op, loop))
    Throw(env, kErrDType, ErrClass::TypeError,
          std::string("numnode native elementwise: no loop ") + std::to_string(loop) + " for op " +
              kOpTable[op].name);
  const bool binary = kOpTable[op].nin == 2;
  const int64_t in_size = elementwise_in_itemsize(loop), out_size = elementwise_out_itemsize(op, loop);
  const int nd = static_cast<int>(d.Next("ndim", 0, kMaxDims));
  const IntList shape = d.NextList(nd, "shape", 0, kMaxStride);
  View a, b, out;
  const int64_t size = ReadView(d, fn, "aStrides", shape, in_size, a);
  ReadView(d, fn, "bStrides", shape, in_size, b);
  ReadView(d, fn, "outStrides", shape, out_size, out);
  d.Done();
  CheckView(info, 1, fn, "a", shape, in_size, a, size == 0);
  if (binary) CheckView(info, 2, fn, "b", shape, in_size, b, size == 0);
  CheckView(info, 3, fn, "out", shape, out_size, out, size == 0);
  if (size == 0) return env.Undefined();

  const char* bp = binary ? reinterpret_cast<const char*>(b.bytes.data) + b.offset : nullptr;
  RunKernel(env, fn, [=]() noexcept {
    return elementwise_strided(op, loop, shape.n, shape.v, reinterpret_cast<char*>(out.bytes.data) + out.offset,
                               out.strides.v, reinterpret_cast<const char*>(a.bytes.data) + a.offset, a.strides.v,
                               bp, binary ? b.strides.v : nullptr);
  });
  return env.Undefined();
}

// where(desc, cond, x, y, out); desc: Float64Array [itemsize, ndim, shape (ndim),
// condStrides (ndim), condOffset, xStrides (ndim), xOffset, yStrides (ndim), yOffset,
// outStrides (ndim), outOffset]
Napi::Value JS_where(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "where";
  Napi::Env env = info.Env();
  ExpectArgs(info, 5, fn);
  Desc d(info, 0, fn);
  const int64_t itemsize = d.Next("itemsize", 1, 8);
  if (itemsize != 1 && itemsize != 2 && itemsize != 4 && itemsize != 8)
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native where: itemsize must be 1, 2, 4 or 8");
  const int nd = static_cast<int>(d.Next("ndim", 0, kMaxDims));
  const IntList shape = d.NextList(nd, "shape", 0, kMaxStride);
  View c, x, y, out;
  const int64_t size = ReadView(d, fn, "condStrides", shape, 1, c);
  ReadView(d, fn, "xStrides", shape, itemsize, x);
  ReadView(d, fn, "yStrides", shape, itemsize, y);
  ReadView(d, fn, "outStrides", shape, itemsize, out);
  d.Done();
  CheckView(info, 1, fn, "cond", shape, 1, c, size == 0);
  CheckView(info, 2, fn, "x", shape, itemsize, x, size == 0);
  CheckView(info, 3, fn, "y", shape, itemsize, y, size == 0);
  CheckView(info, 4, fn, "out", shape, itemsize, out, size == 0);
  if (size == 0) return env.Undefined();
  RunKernel(env, fn, [=]() noexcept {
    return where_strided(itemsize, shape.n, shape.v, reinterpret_cast<char*>(out.bytes.data) + out.offset,
                         out.strides.v, reinterpret_cast<const char*>(c.bytes.data) + c.offset, c.strides.v,
                         reinterpret_cast<const char*>(x.bytes.data) + x.offset, x.strides.v,
                         reinterpret_cast<const char*>(y.bytes.data) + y.offset, y.strides.v);
  });
  return env.Undefined();
}

}  // namespace numnode::binding
