// Compile-time facts about the 11 dtypes, generated from dtypes.def.
#pragma once
#include <cstdint>

#include "common.h"

namespace numnode {

enum DTypeCode : int {
#define NUMNODE_DTYPE(code, name, ctype, kind) kDType_##name = code,
#include "dtypes.def"
  kNumDTypes
};

// DTypeOf<code>::type is the storage type, ::kind its kind character.
template <int Code> struct DTypeOf;
#define NUMNODE_DTYPE(code, name, ctype, kindc)              \
  template <> struct DTypeOf<code> {                         \
    using type = ctype;                                      \
    static constexpr char kind = kindc;                      \
    static constexpr const char* name_str = #name;           \
  };
#include "dtypes.def"

struct DTypeInfo {
  const char* name;
  int code;
  int itemsize;
  char kind;
};

// Indexed by code; nullptr-free for 0 <= code < kNumDTypes.
extern const DTypeInfo kDTypeTable[kNumDTypes];

inline bool valid_dtype(int64_t code) noexcept { return code >= 0 && code < kNumDTypes; }

}  // namespace numnode
