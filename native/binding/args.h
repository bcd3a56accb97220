// Argument checking and error translation for the JS_ functions: the only place
// (with the JS_ files) that includes napi.h. The TypeScript side validates first;
// this layer re-checks everything that would let a buggy or hostile caller make
// a kernel touch memory it does not own, because a crash cannot be caught.
//
// Hazard this layout defends against: reading an element of a JS array can run
// user code (an index getter), and user code can detach or shrink an ArrayBuffer.
// So every JS_ function reads all of its plain arguments first and only then takes
// the raw pointers of its buffers (ArgBytes), after which no JavaScript runs until
// the kernel returns.
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>

#include "../kernels/common.h"

namespace numnode::binding {

enum class ErrClass { Error, TypeError, RangeError };

// Error codes shared with src/core/errors.ts.
constexpr const char* kErrArg = "ERR_NUMNODE_ARG";
constexpr const char* kErrBuffer = "ERR_NUMNODE_BUFFER";
constexpr const char* kErrDType = "ERR_NUMNODE_DTYPE";
constexpr const char* kErrNative = "ERR_NUMNODE_NATIVE";
constexpr const char* kErrAlloc = "ERR_NUMNODE_ALLOC";

// Makes a built-in error with an enumerable `code` (as makeError does in TS).
Napi::Error MakeError(Napi::Env env, const char* code, ErrClass cls, const std::string& message);
// Throws it as a C++ exception; node-addon-api rethrows it into JavaScript.
[[noreturn]] void Throw(Napi::Env env, const char* code, ErrClass cls, const std::string& message);
// Translates a kernel's status (anything but Ok) into a coded error.
[[noreturn]] void ThrowStatus(Napi::Env env, Status status, const char* fn);
// The same error as a value, for rejecting a promise (async.cc).
Napi::Error StatusError(Napi::Env env, Status status, const char* fn);

// Wraps a JS_ function so that C++ exceptions other than Napi::Error (bad_alloc
// from a std container, say) become coded JS errors instead of std::terminate.
template <Napi::Value (*F)(const Napi::CallbackInfo&)>
Napi::Value Guarded(const Napi::CallbackInfo& info) {
  try {
    return F(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    Throw(info.Env(), kErrAlloc, ErrClass::RangeError, "numnode native: out of memory");
  } catch (const std::exception& e) {
    Throw(info.Env(), kErrNative, ErrClass::Error, std::string("numnode native: ") + e.what());
  }
}

void ExpectArgs(const Napi::CallbackInfo& info, size_t n, const char* fn);

// A JS number that is an integer (no fraction, not NaN/Infinity, |x| < 2^53) in [lo, hi].
int64_t ArgInt(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what, int64_t lo,
               int64_t hi);

struct IntList {
  int n = 0;
  int64_t v[kMaxDims];
};
// A JS Array of at most kMaxDims integers, each in [lo, hi].
IntList ArgIntList(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what, int64_t lo,
                   int64_t hi);

// A call descriptor: a Float64Array of integers that the TypeScript side fills in
// place (op codes, shape, strides, offsets), read with one N-API call instead of
// one or two per number: reading a dozen numbers and four Arrays was ~0.5 us of a
// one-element ufunc call. Entries are taken in order, each once (a SharedArrayBuffer
// could change under us; a value is checked and used from the same read), and the
// table must be used up exactly (Done).
class Desc {
 public:
  Desc(const Napi::CallbackInfo& info, size_t i, const char* fn);
  // The next entry, an integer in [lo, hi] (as ArgInt); `what` names it in messages.
  int64_t Next(const char* what, int64_t lo, int64_t hi);
  // The next n entries as a list (n <= kMaxDims), each in [lo, hi].
  IntList NextList(int n, const char* what, int64_t lo, int64_t hi);
  // Throws unless every entry was read.
  void Done() const;
  Napi::Env Env() const { return env_; }

 private:
  Napi::Env env_;
  const char* fn_;
  const double* v_ = nullptr;
  size_t n_ = 0;
  size_t at_ = 0;
};

// A Uint8Array's current memory. For a detached buffer (or a fixed-length view
// that a resize left out of bounds) length is 0 and data may be null.
struct Bytes {
  uint8_t* data = nullptr;
  int64_t length = 0;
  bool detached = false;
};
Bytes ArgBytes(const Napi::CallbackInfo& info, size_t i, const char* fn, const char* what);
// The same for a Uint8Array held in a value already read (an element of an Array
// argument; read every such element before taking any pointer, as above).
Bytes ValueBytes(Napi::Env env, const Napi::Value& v, const char* fn, const std::string& what);

// Checks shape (n >= 0) and strides agree in length, and returns the number of
// elements, refusing views whose element count or byte size passes 2^53.
int64_t CheckShape(Napi::Env env, const char* fn, const IntList& shape, const IntList& strides,
                   const char* strides_what, int64_t itemsize);

// Proves with checked arithmetic that every byte the view touches,
// [offset + lowest, offset + highest + itemsize - 1], lies inside `bytes`.
// Empty views touch nothing and always pass.
void CheckBounds(Napi::Env env, const char* fn, const char* what, const Bytes& bytes, const IntList& shape,
                 const IntList& strides, int64_t offset, int64_t itemsize);

// Typed access needs item-aligned addresses: the view's first element and every
// stride must be multiples of the item size.
void CheckAligned(Napi::Env env, const char* fn, const char* what, const Bytes& bytes, const IntList& strides,
                  int64_t offset, int64_t itemsize);

}  // namespace numnode::binding
