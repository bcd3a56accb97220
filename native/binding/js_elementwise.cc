// JS_elementwise and JS_where: one generic entry point for every ufunc loop, and
// np.where's select. Arguments are re-checked as in js_copy.cc: integer ranges,
// shapes against strides, the byte range of every view inside its Uint8Array
// (checked arithmetic), alignment, detached buffers. Plain arguments are read
// before the buffers' memory is taken (reading a JS array can run user code).
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

// An operand's argument names (literals: formatting them per call cost more than
// reading the arguments).
struct Names {
  const char* what;
  const char* strides;
  const char* offset;
};
constexpr Names kA{"a", "aStrides", "aOffset"}, kB{"b", "bStrides", "bOffset"}, kOut{"out", "outStrides", "outOffset"},
    kCond{"cond", "condStrides", "condOffset"}, kX{"x", "xStrides", "xOffset"}, kY{"y", "yStrides", "yOffset"};

void ReadView(const Napi::CallbackInfo& info, size_t at, const char* fn, const Names& nm, const IntList& shape,
              int64_t itemsize, View& v) {
  v.strides = ArgIntList(info, at + 1, fn, nm.strides, -kMaxStride, kMaxStride);
  v.offset = ArgInt(info, at + 2, fn, nm.offset, 0, kMaxStride);
  CheckShape(info.Env(), fn, shape, v.strides, nm.strides, itemsize);
}

void CheckView(const Napi::CallbackInfo& info, size_t at, const char* fn, const char* what, const IntList& shape,
               int64_t itemsize, View& v, bool empty) {
  v.bytes = ArgBytes(info, at, fn, what);
  CheckBounds(info.Env(), fn, what, v.bytes, shape, v.strides, v.offset, itemsize);
  if (!empty) CheckAligned(info.Env(), fn, what, v.bytes, v.strides, v.offset, itemsize);
}

}  // namespace

// elementwise(op, loop, shape, a, aStrides, aOffset, b, bStrides, bOffset, out, outStrides, outOffset)
Napi::Value JS_elementwise(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "elementwise";
  Napi::Env env = info.Env();
  ExpectArgs(info, 12, fn);
  const int op = static_cast<int>(ArgInt(info, 0, fn, "op", 0, kNumOps - 1));
  const int loop = static_cast<int>(ArgInt(info, 1, fn, "loop", INT_MIN, INT_MAX));
  if (loop < 0 || loop >= kNumLoops || !elementwise_has_loop(op, loop))
    Throw(env, kErrDType, ErrClass::TypeError,
          std::string("numnode native elementwise: no loop ") + std::to_string(loop) + " for op " +
              kOpTable[op].name);
  const bool binary = kOpTable[op].nin == 2;
  const int64_t in_size = elementwise_in_itemsize(loop), out_size = elementwise_out_itemsize(op, loop);
  const IntList shape = ArgIntList(info, 2, fn, "shape", 0, kMaxStride);
  View a, b, out;
  ReadView(info, 3, fn, kA, shape, in_size, a);
  if (binary) ReadView(info, 6, fn, kB, shape, in_size, b);
  ReadView(info, 9, fn, kOut, shape, out_size, out);
  // The memory last: no JavaScript runs from here until the kernel returns.
  int64_t size = 1;
  for (int k = 0; k < shape.n; ++k) size *= shape.v[k];
  CheckView(info, 3, fn, "a", shape, in_size, a, size == 0);
  if (binary) CheckView(info, 6, fn, "b", shape, in_size, b, size == 0);
  CheckView(info, 9, fn, "out", shape, out_size, out, size == 0);
  if (size == 0) return env.Undefined();

  const char* bp = binary ? reinterpret_cast<const char*>(b.bytes.data) + b.offset : nullptr;
  RunKernel(env, fn, [=]() noexcept {
    return elementwise_strided(op, loop, shape.n, shape.v, reinterpret_cast<char*>(out.bytes.data) + out.offset,
                               out.strides.v, reinterpret_cast<const char*>(a.bytes.data) + a.offset, a.strides.v,
                               bp, binary ? b.strides.v : nullptr);
  });
  return env.Undefined();
}

// where(itemsize, shape, cond, condStrides, condOffset, x, xStrides, xOffset, y, yStrides, yOffset, out, outStrides, outOffset)
Napi::Value JS_where(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "where";
  Napi::Env env = info.Env();
  ExpectArgs(info, 14, fn);
  const int64_t itemsize = ArgInt(info, 0, fn, "itemsize", 1, 8);
  if (itemsize != 1 && itemsize != 2 && itemsize != 4 && itemsize != 8)
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native where: itemsize must be 1, 2, 4 or 8");
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMaxStride);
  View c, x, y, out;
  ReadView(info, 2, fn, kCond, shape, 1, c);
  ReadView(info, 5, fn, kX, shape, itemsize, x);
  ReadView(info, 8, fn, kY, shape, itemsize, y);
  ReadView(info, 11, fn, kOut, shape, itemsize, out);
  int64_t size = 1;
  for (int k = 0; k < shape.n; ++k) size *= shape.v[k];
  CheckView(info, 2, fn, "cond", shape, 1, c, size == 0);
  CheckView(info, 5, fn, "x", shape, itemsize, x, size == 0);
  CheckView(info, 8, fn, "y", shape, itemsize, y, size == 0);
  CheckView(info, 11, fn, "out", shape, itemsize, out, size == 0);
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
