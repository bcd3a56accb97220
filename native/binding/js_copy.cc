// JS_copy and JS_cast: strided copy and dtype conversion between Uint8Array views.
#include <climits>

#include "../kernels/cast.h"
#include "../kernels/copy.h"
#include "../kernels/dtypes.h"
#include "args.h"
#include "async.h"
#include "binding.h"

namespace numnode::binding {

namespace {

constexpr int64_t kMaxStride = (int64_t{1} << 53) - 1;
constexpr int64_t kMaxItemsize = int64_t{1} << 20;  // far beyond any real item

struct View {
  IntList strides;
  int64_t offset;
  Bytes bytes;
};

}  // namespace

// copy(itemsize, shape, src, srcStrides, srcOffset, dst, dstStrides, dstOffset)
Napi::Value JS_copy(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "copy";
  Napi::Env env = info.Env();
  ExpectArgs(info, 8, fn);
  // Plain arguments first: reading them may run user code (see args.h).
  const int64_t itemsize = ArgInt(info, 0, fn, "itemsize", 1, kMaxItemsize);
  const IntList shape = ArgIntList(info, 1, fn, "shape", 0, kMaxStride);
  View src, dst;
  src.strides = ArgIntList(info, 3, fn, "srcStrides", -kMaxStride, kMaxStride);
  src.offset = ArgInt(info, 4, fn, "srcOffset", 0, kMaxStride);
  dst.strides = ArgIntList(info, 6, fn, "dstStrides", -kMaxStride, kMaxStride);
  dst.offset = ArgInt(info, 7, fn, "dstOffset", 0, kMaxStride);
  const int64_t size = CheckShape(env, fn, shape, src.strides, "srcStrides", itemsize);
  CheckShape(env, fn, shape, dst.strides, "dstStrides", itemsize);
  // Then the memory; from here on no JavaScript runs.
  src.bytes = ArgBytes(info, 2, fn, "src");
  dst.bytes = ArgBytes(info, 5, fn, "dst");
  CheckBounds(env, fn, "src", src.bytes, shape, src.strides, src.offset, itemsize);
  CheckBounds(env, fn, "dst", dst.bytes, shape, dst.strides, dst.offset, itemsize);
  if (size == 0) return env.Undefined();  // the buffers may even be detached

  RunKernel(env, fn, [=]() noexcept {
    return copy_strided(itemsize, shape.n, shape.v, reinterpret_cast<const char*>(src.bytes.data) + src.offset,
                        src.strides.v, reinterpret_cast<char*>(dst.bytes.data) + dst.offset, dst.strides.v);
  });
  return env.Undefined();
}

// cast(srcDtype, dstDtype, shape, src, srcStrides, srcOffset, dst, dstStrides, dstOffset)
Napi::Value JS_cast(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "cast";
  Napi::Env env = info.Env();
  ExpectArgs(info, 9, fn);
  int64_t codes[2];
  for (int k = 0; k < 2; ++k) {
    codes[k] = ArgInt(info, k, fn, k == 0 ? "srcDtype" : "dstDtype", INT_MIN, INT_MAX);
    if (!valid_dtype(codes[k]))
      Throw(env, kErrDType, ErrClass::TypeError,
            std::string("numnode native cast: ") + (k == 0 ? "srcDtype" : "dstDtype") + " " +
                std::to_string(codes[k]) + " is not a dtype code (0.." + std::to_string(kNumDTypes - 1) + ")");
  }
  const int64_t s_item = kDTypeTable[codes[0]].itemsize, d_item = kDTypeTable[codes[1]].itemsize;
  const IntList shape = ArgIntList(info, 2, fn, "shape", 0, kMaxStride);
  View src, dst;
  src.strides = ArgIntList(info, 4, fn, "srcStrides", -kMaxStride, kMaxStride);
  src.offset = ArgInt(info, 5, fn, "srcOffset", 0, kMaxStride);
  dst.strides = ArgIntList(info, 7, fn, "dstStrides", -kMaxStride, kMaxStride);
  dst.offset = ArgInt(info, 8, fn, "dstOffset", 0, kMaxStride);
  const int64_t size = CheckShape(env, fn, shape, src.strides, "srcStrides", s_item);
  CheckShape(env, fn, shape, dst.strides, "dstStrides", d_item);
  src.bytes = ArgBytes(info, 3, fn, "src");
  dst.bytes = ArgBytes(info, 6, fn, "dst");
  CheckBounds(env, fn, "src", src.bytes, shape, src.strides, src.offset, s_item);
  CheckBounds(env, fn, "dst", dst.bytes, shape, dst.strides, dst.offset, d_item);
  if (size == 0) return env.Undefined();
  CheckAligned(env, fn, "src", src.bytes, src.strides, src.offset, s_item);
  CheckAligned(env, fn, "dst", dst.bytes, dst.strides, dst.offset, d_item);

  RunKernel(env, fn, [=]() noexcept {
    return cast_strided(static_cast<int>(codes[0]), static_cast<int>(codes[1]), shape.n, shape.v,
                        reinterpret_cast<const char*>(src.bytes.data) + src.offset, src.strides.v,
                        reinterpret_cast<char*>(dst.bytes.data) + dst.offset, dst.strides.v);
  });
  return env.Undefined();
}

}  // namespace numnode::binding
