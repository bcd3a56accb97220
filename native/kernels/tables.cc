// The dtype and op tables as data, plus the status messages. Generated from the
// X-macros so that there is one source for names and codes.
#include "dtypes.h"
#include "ops.h"

namespace numnode {

const DTypeInfo kDTypeTable[kNumDTypes] = {
#define NUMNODE_DTYPE(code, name, ctype, kind) {#name, code, static_cast<int>(sizeof(ctype)), kind},
#include "dtypes.def"
};

const OpInfo kOpTable[kNumOps] = {
#define NUMNODE_OP(code, name, nin) {#name, code, nin},
#include "ops.def"
};

// The codes in the .def files are written out (they are an ABI); make sure each
// equals its position, so that a table index is a code.
namespace {
constexpr int kDTypeCodes[] = {
#define NUMNODE_DTYPE(code, name, ctype, kind) code,
#include "dtypes.def"
};
constexpr int kOpCodes[] = {
#define NUMNODE_OP(code, name, nin) code,
#include "ops.def"
};
template <size_t N>
constexpr bool dense(const int (&codes)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (codes[i] != static_cast<int>(i)) return false;
  return true;
}
static_assert(dense(kDTypeCodes), "dtypes.def: codes must be 0, 1, 2, ... in order");
static_assert(dense(kOpCodes), "ops.def: codes must be 0, 1, 2, ... in order");
}  // namespace

const char* status_message(Status s) noexcept {
  switch (s) {
    case Status::Ok: return "ok";
    case Status::NoMemory: return "out of memory allocating a temporary buffer";
    case Status::BadDType: return "invalid dtype code";
    case Status::BadArgument: return "invalid argument reached a kernel";
  }
  return "unknown status";
}

}  // namespace numnode
