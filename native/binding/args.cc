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
  // One N-API call: napi_get_value_double refuses anything but a number (each call
  // costs ~20 ns, and a ufunc call reads a dozen integers).
  double d = 0;
  if (napi_get_value_double(env, v, &d) != napi_ok)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + Name(what, index) + " must be a number, got " + TypeName(v));
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

// A Uint8Array's current memory, in one N-API call when all is well. napi_get_typedarray_info
// (not napi_get_arraybuffer_info) so that views of a SharedArrayBuffer work too. It
// reports the view's *current* length: 0 once the buffer is detached or a resize left
// the view out of bounds; only then is it asked whether the buffer was detached (for
// the message).
Bytes ReadBytes(Napi::Env env, const Napi::Value& v, const char* fn, const char* what) {
  napi_typedarray_type type = napi_int8_array;
  napi_value arraybuffer = nullptr;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &arraybuffer, nullptr) != napi_ok ||
      type != napi_uint8_array)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + what + " must be a Uint8Array");
  Bytes b;
  b.data = static_cast<uint8_t*>(data);
  b.length = static_cast<int64_t>(length);
  if (length == 0 || data == nullptr) {
    bool detached = false;
    if (arraybuffer != nullptr && napi_is_detached_arraybuffer(env, arraybuffer, &detached) == napi_ok)
      b.detached = detached;
    b.length = 0;  // never trust a length without memory
  }
  return b;
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
  uint32_t n = 0;  // napi_get_array_length refuses anything but an Array (one call, not two)
  if (napi_get_array_length(env, v, &n) != napi_ok)
    Throw(env, kErrArg, ErrClass::TypeError, Prefix(fn) + what + " must be an Array, got " + TypeName(v));
  const Napi::Array a = v.As<Napi::Array>();
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
  return ReadBytes(info.Env(), info[i], fn, what);
}

Bytes ValueBytes(Napi::Env env, const Napi::Value& v, const char* fn, const std::string& what) {
  return ReadBytes(env, v, fn, what.c_str());
}

Desc::Desc(const Napi::CallbackInfo& info, size_t i, const char* fn) : env_(info.Env()), fn_(fn) {
  napi_typedarray_type type = napi_int8_array;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_typedarray_info(env_, info[i], &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_float64_array)
    Throw(env_, kErrArg, ErrClass::TypeError, Prefix(fn) + "desc must be a Float64Array");
  v_ = static_cast<const double*>(data);
  n_ = data == nullptr ? 0 : length;
}

int64_t Desc::Next(const char* what, int64_t lo, int64_t hi) {
  if (at_ >= n_)
    Throw(env_, kErrArg, ErrClass::RangeError,
          Prefix(fn_) + "desc has " + std::to_string(n_) + " entries, too few for its shape (at " + what + ")");
  const double d = v_[at_++];
  if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > static_cast<double>(kMaxSafe)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    Throw(env_, kErrArg, ErrClass::RangeError, Prefix(fn_) + what + " must be a safe integer, got " + buf);
  }
  const int64_t x = static_cast<int64_t>(d);
  if (x < lo || x > hi)
    Throw(env_, kErrArg, ErrClass::RangeError,
          Prefix(fn_) + what + " must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
              std::to_string(x));
  return x;
}

IntList Desc::NextList(int n, const char* what, int64_t lo, int64_t hi) {
  IntList out;
  out.n = n;
  for (int k = 0; k < n; ++k) out.v[k] = Next(what, lo, hi);
  return out;
}

void Desc::Done() const {
  if (at_ != n_)
    Throw(env_, kErrArg, ErrClass::RangeError,
          Prefix(fn_) + "desc has " + std::to_string(n_) + " entries, " + std::to_string(at_) + " expected");
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
