// The elementwise op codes, generated from ops.def.
#pragma once
#include "common.h"

namespace numnode {

enum OpCode : int {
#define NUMNODE_OP(code, name, nin) kOp_##name = code,
#include "ops.def"
  kNumOps
};

struct OpInfo {
  const char* name;
  int code;
  int nin;
};

extern const OpInfo kOpTable[kNumOps];

}  // namespace numnode
