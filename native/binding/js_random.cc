// JS_randomFill: bulk draws of NumPy's random streams for src/random (issue 6).
//   randomFill(kind, state: Uint8Array, out: Uint8Array, outOffset, n, itemsize, a, b, offHi, offLo, rng)
// `state` is the generator's state block (40 bytes for PCG64, 2512 for MT19937),
// read and written back in place; out receives n items of `itemsize` bytes at
// byte outOffset. a, b are the distribution's double parameters; offHi/offLo the
// high and low uint32 words of a bounded draw's 64-bit offset, rng its range.
#include <cstring>

#include "../kernels/random.h"
#include "args.h"
#include "binding.h"

namespace numnode::binding {

Napi::Value JS_randomFill(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "randomFill";
  Napi::Env env = info.Env();
  ExpectArgs(info, 11, fn);
  const int kind = static_cast<int>(ArgInt(info, 0, fn, "kind", 0, 14));
  const int64_t out_offset = ArgInt(info, 3, fn, "outOffset", 0, (int64_t{1} << 53) - 1);
  const int64_t n = ArgInt(info, 4, fn, "n", 0, (int64_t{1} << 50));
  const int itemsize = static_cast<int>(ArgInt(info, 5, fn, "itemsize", 1, 8));
  if (!info[6].IsNumber() || !info[7].IsNumber()) Throw(env, kErrArg, ErrClass::TypeError, "numnode native randomFill: a and b must be numbers");
  const double a = info[6].As<Napi::Number>().DoubleValue();
  const double b = info[7].As<Napi::Number>().DoubleValue();
  const int64_t off_hi = ArgInt(info, 8, fn, "offHi", 0, 0xffffffffLL);
  const int64_t off_lo = ArgInt(info, 9, fn, "offLo", 0, 0xffffffffLL);
  const int64_t rng = ArgInt(info, 10, fn, "rng", 0, 0xfffffffeLL);
  // Every plain argument is read; only now take the buffers' pointers.
  const Bytes state = ArgBytes(info, 1, fn, "state");
  const Bytes out = ArgBytes(info, 2, fn, "out");
  const int64_t want_state = kind < 10 ? static_cast<int64_t>(sizeof(random::Pcg64Words)) : static_cast<int64_t>(sizeof(random::Mt19937Block));
  if (state.detached || state.length != want_state) {
    Throw(env, kErrBuffer, ErrClass::RangeError, "numnode native randomFill: the state block has the wrong size");
  }
  if (reinterpret_cast<uintptr_t>(state.data) % 8 != 0) {
    Throw(env, kErrBuffer, ErrClass::RangeError, "numnode native randomFill: the state block must be 8-byte aligned");
  }
  if (n == 0) return env.Undefined();
  if (out.detached || out_offset > out.length || n * itemsize > out.length - out_offset) {
    Throw(env, kErrBuffer, ErrClass::RangeError, "numnode native randomFill: out is too small for n items");
  }
  uint8_t* dst = out.data + out_offset;
  if (reinterpret_cast<uintptr_t>(dst) % static_cast<uintptr_t>(itemsize) != 0) {
    Throw(env, kErrBuffer, ErrClass::RangeError, "numnode native randomFill: out is not aligned to the item size");
  }
  const int64_t off = static_cast<int64_t>((static_cast<uint64_t>(off_hi) << 32) | static_cast<uint64_t>(off_lo));
  if (!random::fill(static_cast<random::Kind>(kind), state.data, dst, n, itemsize, a, b, off, static_cast<uint32_t>(rng))) {
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native randomFill: unknown kind or item size");
  }
  return env.Undefined();
}

}  // namespace numnode::binding
