#include "args.h"

#include <cmath>
#include <cstdio>

namespace numnode::binding {

namespace {

constexpr int64_t kMaxSafe = (int64_t{1} << 53) - 1;  // Number.MAX_SAFE_INTEGER

std::string Prefix(const char* fn) { return std::string("numnode native ") + fn + ": "; }

const char* TypeName(const Napi::Value& v) {
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "boolean";
    case napi_number: return "number";
    case napi_string: return "string";
    case napi_symbol: return "symbol";
    case napi_object: return "object";
    case napi_function: return "function";
    case napi_external: return "external";
    case napi_bigint: return "bigint";
  }
  return "unknown";
}

// The argument's name in messages: `what`, or `what[index]` for an Array's entry.
// Built only when a message needs it: every call reads several integers, and
// formatting their names up front cost ~15% of a one-element ufunc call.
std::string Name(const char* what, int64_t index) {
  return index < 0 ? std::string(what) : std::string(what) + "[" + std::to_string(index) + "]";
}

int64_t ToInt(Napi::Env env, const Napi::Value& v, const char* fn, const char* what, int64_t index, int64_t lo,
              int64_t hi) {
  if (!v.IsNumber())
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + Name(what, index) + " must be a number, got " + TypeName(v));
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > static_cast<double>(kMaxSafe)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + Name(what, index) + " must be a safe integer, got " + buf);
  }
  const int64_t x = static_cast<int64_t>(d);
  if (x < lo || x > hi)
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + Name(what, index) + " must be in [" + std::to_string(lo) + ", " + std::to_string(hi) +
              "], got " + std::to_string(x));
  return x;
}

}  // namespace

Napi::Error MakeError(Napi::Env env, const char* code, ErrClass cls, const std::string& message) {
  Napi::Error err = cls == ErrClass::TypeError    ? Napi::TypeError::New(env, message)
                    : cls == ErrClass::RangeError ? Napi::RangeError::New(env, message)
                                                  : Napi::Error::New(env, message);
  err.Value().DefineProperty(
      Napi::PropertyDescriptor::Value("code", Napi::String::New(env, code), napi_enumerable));
  return err;
}

void Throw(Napi::Env env, const char* code, ErrClass cls, const std::string& message) {
  throw MakeError(env, code, cls, message);
}

Napi::Error StatusError(Napi::Env env, Status status, const char* fn) {
  const std::string msg = Prefix(fn) + status_message(status);
  switch (status) {
    case Status::NoMemory: return MakeError(env, kErrAlloc, ErrClass::RangeError, msg);
    case Status::BadDType: return MakeError(env, kErrDType, ErrClass::TypeError, msg);
    default: return MakeError(env, kErrNative, ErrClass::Error, msg);
  }
}

void ThrowStatus(Napi::Env env, Status status, const char* fn) { throw StatusError(env, status, fn); }

void ExpectArgs(const Napi::CallbackInfo& info, size_t n, const char* fn) {
  if (info.Length() != n)
    Throw(info.Env(), kErrArg, ErrClass::TypeError,
          Prefix(fn) + "expected " + std::to_string(n) + " arguments, got " + std::to_string(info.Length()));
}

int64_t ArgInt(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what, int64_t lo,
               int64_t hi) {
  return ToInt(info.Env(), info[i], fn, what, -1, lo, hi);
}

IntList ArgIntList(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what, int64_t lo,
                   int64_t hi) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  if (!v.IsArray())
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + what + " must be an Array, got " + TypeName(v));
  const Napi::Array a = v.As<Napi::Array>();
  const uint32_t n = a.Length();
  if (n > static_cast<uint32_t>(kMaxDims))
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + what + " has " + std::to_string(n) + " entries; at most " + std::to_string(kMaxDims) +
              " dimensions are supported");
  IntList out;
  out.n = static_cast<int>(n);
  for (uint32_t k = 0; k < n; ++k)
    out.v[k] = ToInt(env, a.Get(k), fn, what, k, lo, hi);
  return out;
}

Bytes ArgBytes(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what) {
  Napi::Env env = info.Env();
  const Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + what + " must be a Uint8Array");
  // napi_get_typedarray_info (not napi_get_arraybuffer_info) so that views of a
  // SharedArrayBuffer work too. It reports the view's *current* length: 0 once
  // the buffer is detached or a resize left the view out of bounds.
  napi_value arraybuffer = nullptr;
  void* data = nullptr;
  size_t length = 0;
  napi_status st = napi_get_typedarray_info(env, v, nullptr, &length, &data, &arraybuffer, nullptr);
  if (st != napi_ok) Throw(env, kErrNative, ErrClass::Error, Prefix(fn) + "cannot read " + what);
  Bytes b;
  b.data = static_cast<uint8_t*>(data);
  b.length = static_cast<int64_t>(length);
  bool detached = false;
  if (arraybuffer != nullptr && napi_is_detached_arraybuffer(env, arraybuffer, &detached) == napi_ok)
    b.detached = detached;
  if (b.detached || b.data == nullptr) b.length = 0;  // never trust a length without memory
  return b;
}

Bytes ValueBytes(Napi::Env env, const Napi::Value& v, const char* fn, const std::string& what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + what + " must be a Uint8Array");
  napi_value arraybuffer = nullptr;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_typedarray_info(env, v, nullptr, &length, &data, &arraybuffer, nullptr) != napi_ok)
    Throw(env, kErrNative, ErrClass::Error, Prefix(fn) + "cannot read " + what);
  Bytes b;
  b.data = static_cast<uint8_t*>(data);
  b.length = static_cast<int64_t>(length);
  bool detached = false;
  if (arraybuffer != nullptr && napi_is_detached_arraybuffer(env, arraybuffer, &detached) == napi_ok)
    b.detached = detached;
  if (b.detached || b.data == nullptr) b.length = 0;
  return b;
}

int64_t CheckShape(Napi::Env env, const char* fn, const IntList& shape, const IntList& strides,
                   const char* strides_what, int64_t itemsize) {
  if (strides.n != shape.n)
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + strides_what + " has " + std::to_string(strides.n) + " entries for " +
              std::to_string(shape.n) + " dimensions");
  int64_t size = 1;
  for (int k = 0; k < shape.n; ++k)
    if (__builtin_mul_overflow(size, shape.v[k], &size) || size > kMaxSafe)
      Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "array is too big (more than 2^53 elements)");
  int64_t bytes = 0;
  if (__builtin_mul_overflow(size, itemsize, &bytes) || bytes > kMaxSafe)
    Throw(env, kErrArg, ErrClass::RangeError, Prefix(fn) + "array is too big (more than 2^53 bytes)");
  return size;
}

void CheckBounds(Napi::Env env, const char* fn, const char* what, const Bytes& bytes, const IntList& shape,
                 const IntList& strides, int64_t offset, int64_t itemsize) {
  for (int k = 0; k < shape.n; ++k)
    if (shape.v[k] == 0) return;  // empty: touches nothing
  int64_t lo = offset, hi = offset;
  bool overflow = false;
  for (int k = 0; k < shape.n; ++k) {
    int64_t span;
    overflow |= __builtin_mul_overflow(strides.v[k], shape.v[k] - 1, &span);
    if (span < 0) overflow |= __builtin_add_overflow(lo, span, &lo);
    else overflow |= __builtin_add_overflow(hi, span, &hi);
  }
  overflow |= __builtin_add_overflow(hi, itemsize - 1, &hi);
  if (bytes.detached)
    Throw(env, kErrBuffer, ErrClass::TypeError,
          Prefix(fn) + what + " is a view of a detached ArrayBuffer (transferred or resized away)");
  if (overflow || lo < 0 || hi >= bytes.length)
    Throw(env, kErrBuffer, ErrClass::RangeError,
          Prefix(fn) + what + (overflow ? std::string(" view's byte range overflows")
                                        : " view touches bytes [" + std::to_string(lo) + ", " +
                                              std::to_string(hi) + "]") +
              ", outside its Uint8Array of length " + std::to_string(bytes.length));
}

void CheckAligned(Napi::Env env, const char* fn, const char* what, const Bytes& bytes, const IntList& strides,
                  int64_t offset, int64_t itemsize) {
  bool ok = (reinterpret_cast<uintptr_t>(bytes.data) + static_cast<uintptr_t>(offset)) % itemsize == 0;
  for (int k = 0; ok && k < strides.n; ++k) ok = strides.v[k] % itemsize == 0;
  if (!ok)
    Throw(env, kErrArg, ErrClass::RangeError,
          Prefix(fn) + what + " view is not aligned to its item size (" + std::to_string(itemsize) +
              " bytes): offset, strides and the Uint8Array's byteOffset must be multiples of it");
}

}  // namespace numnode::binding
