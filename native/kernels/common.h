// Shared vocabulary of the kernels: plain C++17, no N-API, nothing throws.
#pragma once
#include <cstddef>
#include <cstdint>

namespace numnode {

// NumPy's NPY_MAXDIMS is 64; the binding rejects more, so fixed-size arrays suffice
// and no kernel allocates for bookkeeping.
constexpr int kMaxDims = 64;

// What a kernel returns instead of throwing (exceptions must never cross an OpenMP
// region or the C boundary). The binding turns each into a coded JS error.
enum class Status : int {
  Ok = 0,
  NoMemory,    // a temporary buffer could not be allocated -> ERR_NUMNODE_ALLOC
  BadDType,    // a dtype code outside 0..10               -> ERR_NUMNODE_DTYPE
  BadArgument, // an invariant the binding should have caught -> ERR_NUMNODE_NATIVE
};

const char* status_message(Status s) noexcept;

}  // namespace numnode
