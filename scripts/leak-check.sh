#!/usr/bin/env bash
# `npm run test:leak`: valgrind over every native entry point family (sharp's
# test/leak/leak.sh is the model). scripts/leak/exercise.cjs runs elementwise ops,
# casts and copies, reductions and scans, matmul/einsum/cdist, sort and selection,
# random streams, .npy/.npz files (also memory-mapped), np.promises jobs on the libuv
# pool (with an abort and a rejection) and errors thrown from inside the addon, all on
# the native backend with small arrays, then forces garbage collections so that the
# finalizers of collected objects have run. valgrind must report 0 bytes definitely
# lost and no memory errors outside the suppressions for node/V8 (scripts/leak/node.supp).
#
#   scripts/leak-check.sh [rounds]        (default 3 rounds; about 30 s on 2 cores)
#
# The addon is built for valgrind in build-valgrind/ (NUMNODE_LEAK_BUILD_DIR overrides):
# without -march=native, because valgrind cannot decode AVX-512 instructions
# ("unhandled instruction bytes: 0x62 ..." then SIGILL). OpenBLAS and the SIMD
# dispatch pick their kernels from CPUID at run time, which valgrind reports without
# AVX-512, so the same code paths a portable binary takes are checked.
# One thread (NUMNODE_NUM_THREADS=1): valgrind serialises threads anyway, and OpenMP's
# idle workers would only add noise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
BUILD=${NUMNODE_LEAK_BUILD_DIR:-build-valgrind}
ADDON="$ROOT/$BUILD/Release/numnode.node"
LOG="$ROOT/$BUILD/valgrind.log"
say() { echo "[test:leak] $*"; }

# ---- valgrind: install it when missing and allowed (as scripts/system-deps.mjs does)
if ! command -v valgrind >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "valgrind is missing: apt-get install -y valgrind"
    DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >/dev/null || {
      apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >/dev/null; }
  else
    say "valgrind is missing; install it (Debian/Ubuntu: sudo apt-get install valgrind) and rerun"
    exit 1
  fi
fi

# ---- the addon, built without -march=native; rebuilt when a native source is newer
if [ ! -f "$ADDON" ] || [ -n "$(find native CMakeLists.txt -newer "$ADDON" -print -quit)" ]; then
  say "building $BUILD/Release/numnode.node (portable: NUMNODE_NATIVE_ARCH=OFF)"
  npx cmake-js compile --out "$BUILD" --CDNUMNODE_NATIVE_ARCH=OFF --parallel "$(nproc)" >"$ROOT/$BUILD-build.log" 2>&1 || {
    tail -30 "$ROOT/$BUILD-build.log"; say "build FAILED"; exit 1; }
fi
# ---- the TypeScript build the exercise loads
if [ ! -f dist/index.js ] || [ -n "$(find src -newer dist/index.js -print -quit)" ]; then
  say "building dist/"
  node scripts/build-ts.mjs >/dev/null
fi

say "valgrind --leak-check=full over scripts/leak/exercise.cjs ($ROUNDS rounds)"
start=$(date +%s)
set +e
NUMNODE_ADDON_PATH="$ADDON" NUMNODE_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
  valgrind \
    --suppressions="$ROOT/scripts/leak/node.supp" \
    --leak-check=full \
    --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite \
    --error-exitcode=99 \
    --num-callers=30 \
    --gen-suppressions=all \
    --log-file="$LOG" \
    node --expose-gc scripts/leak/exercise.cjs "$ROUNDS"
status=$?
set -e
secs=$(( $(date +%s) - start ))

definite=$(grep -E 'definitely lost:' "$LOG" | tail -1 | sed -E 's/.*definitely lost: ([0-9,]+) bytes in ([0-9,]+) blocks.*/\1 bytes in \2 blocks/')
indirect=$(grep -E 'indirectly lost:' "$LOG" | tail -1 | sed -E 's/.*indirectly lost: ([0-9,]+) bytes in ([0-9,]+) blocks.*/\1 bytes in \2 blocks/')
errors=$(grep -E 'ERROR SUMMARY' "$LOG" | tail -1 | sed -E 's/.*ERROR SUMMARY: ([0-9,]+) errors from ([0-9,]+) contexts \(suppressed: ([0-9,]+).*/\1 errors (\3 suppressed)/')
# no leak summary at all means nothing was left allocated at exit that valgrind tracks
say "definitely lost: ${definite:-0 bytes}; indirectly lost: ${indirect:-0 bytes}; ${errors}; ${secs} s"
say "full report: ${LOG#"$ROOT"/}"
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 99 ]; then say "FAILED: valgrind found leaks or memory errors (see the report)"; else say "FAILED: the exercise exited with $status"; fi
  exit 1
fi
say "ok"
