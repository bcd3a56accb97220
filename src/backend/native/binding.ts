// The TypeScript face of the native addon (native/addon.cc). Every function here
// is a JS_ function in native/binding/. Conventions at this boundary:
//  - buffers are Uint8Array views (so SharedArrayBuffer-backed arrays work);
//  - offsets and strides are in BYTES, relative to the start of that Uint8Array;
//  - dtypes are integer codes: the index in DTYPES (src/core/dtype.ts), the same
//    as native/kernels/dtypes.def; op codes come from src/core/ops.ts / ops.def.
// The addon re-checks every argument it cannot trust (types, integers, ndim <= 64,
// dims >= 0, and that every byte a view touches lies inside its Uint8Array's
// current length, with checked arithmetic) and throws errors carrying `code`:
//   ERR_NUMNODE_ARG     bad argument (TypeError for a wrong type, RangeError for a bad value)
//   ERR_NUMNODE_BUFFER  a view reaches outside its buffer (RangeError) or the buffer is detached (TypeError)
//   ERR_NUMNODE_DTYPE   a dtype code outside 0..10 (TypeError)
//   ERR_NUMNODE_ALLOC   a temporary could not be allocated (RangeError)
//   ERR_NUMNODE_NATIVE  anything else that failed natively (Error)

export interface NativeBinding {
  /**
   * Copies the view src into the view dst (same shape), item by item as opaque
   * bytes (no alignment needed). Source strides may be 0 (broadcast / fill).
   * Overlapping views are handled as if src were read entirely first.
   */
  copy(
    itemsize: number, shape: number[],
    src: Uint8Array, srcStrides: number[], srcOffset: number,
    dst: Uint8Array, dstStrides: number[], dstOffset: number,
  ): void;
  /**
   * Converts the view src of dtype srcDtype into the view dst of dtype dstDtype
   * (same shape) with NumPy's C cast semantics. Both views must be aligned to
   * their item size (offset, strides and the Uint8Array's byteOffset).
   */
  cast(
    srcDtype: number, dstDtype: number, shape: number[],
    src: Uint8Array, srcStrides: number[], srcOffset: number,
    dst: Uint8Array, dstStrides: number[], dstOffset: number,
  ): void;
  /** Sets the thread budget of numnode's OpenMP loops and OpenBLAS together (1..1024). */
  setNumThreads(n: number): void;
  getNumThreads(): number;
  /** The elementwise op table compiled in (native/kernels/ops.def). */
  opTable(): { name: string; code: number; nin: number }[];
  /** The dtype table compiled in (native/kernels/dtypes.def). */
  dtypeTable(): { name: string; code: number; itemsize: number }[];
  config(): NativeConfig;
  // ---- issue 4: reductions and scans (native/binding/js_reduce.cc) ----
  /**
   * Reduces x over its last `nReduce` axes into out (a view over the other, kept
   * axes). `shape` lists the kept axes first, then the reduced ones, whose order is
   * the order of each output's sequence (it fixes the summation tree). `op` is a
   * code of src/ops/reduce-ops.ts; supported (op, dtypeIn, dtypeOut) pairs are listed
   * in native/kernels/reduce.h. aux is a float64 center per output for sumsqdev, null
   * otherwise (auxStrides and auxOffset are then ignored). Floating results are
   * divided by `divisor`, then square-rooted when post is 1. out may not overlap x or aux.
   */
  reduce(
    op: number, dtypeIn: number, dtypeOut: number, shape: number[], nReduce: number,
    x: Uint8Array, xStrides: number[], xOffset: number,
    out: Uint8Array, outStrides: number[], outOffset: number,
    aux: Uint8Array | null, auxStrides: number[], auxOffset: number,
    divisor: number, post: number,
  ): void;
  /** cumsum / cumprod / diff of x along `axis` into out (diff: one shorter along the axis). */
  scan(
    op: number, dtypeIn: number, dtypeOut: number, shape: number[], axis: number,
    x: Uint8Array, xStrides: number[], xOffset: number,
    out: Uint8Array, outStrides: number[], outOffset: number,
  ): void;
  /** The reduction and scan tables compiled in (native/kernels/reduce_ops.def). */
  reduceOpTable(): { reduce: { name: string; code: number }[]; scan: { name: string; code: number }[] };
  // ---- end issue 4 ----
  // --- issue 3: elementwise ufuncs ---
  /**
   * One ufunc loop over a broadcast shape: out[i] = op(a[i], b[i]) (b ignored by
   * unary ops, pass a again). `loop` is the inputs' dtype code (the loop is uniform;
   * the output is that dtype, or bool for comparisons, logical ops and isnan/isinf/
   * isfinite), or 11 for the comparisons' (int64, uint64) loop and 12 for
   * (uint64, int64). Strides are bytes (0 for broadcast axes); views must be
   * aligned. `out` may be the very same view as an input (in place); any other
   * overlap is the caller's to resolve (src/ops/elementwise.ts copies first).
   * Throws ERR_NUMNODE_DTYPE for an (op, loop) without a kernel. desc (a Float64Array
   * the caller fills in place; native/binding/args.h, Desc): [op, loop, ndim,
   * shape..., aStrides..., aOffset, bStrides..., bOffset, outStrides..., outOffset].
   */
  elementwise(desc: Float64Array, a: Uint8Array, b: Uint8Array, out: Uint8Array): void;
  /**
   * np.where's kernel: out = cond ? x : y, items of `itemsize` bytes; cond holds bool
   * bytes. desc: [itemsize, ndim, shape..., condStrides..., condOffset, xStrides...,
   * xOffset, yStrides..., yOffset, outStrides..., outOffset].
   */
  where(desc: Float64Array, cond: Uint8Array, x: Uint8Array, y: Uint8Array, out: Uint8Array): void;

  // ---- issue 5: linear algebra (native/binding/js_linalg.cc) ------------------------------
  // Optional: an addon built before these existed lacks them, and the TypeScript kernels run.
  /**
   * C[b] = A[b] @ B[b] over the batch shape: A[b] is m x k, B[b] k x n, C[b] m x n.
   * Strides are bytes, batchShape.length + 2 per operand (batch, rows, columns);
   * batch strides may be 0. All three have dtype `dtype`. float32/float64 go to
   * OpenBLAS on the operands as they lie (copies only where BLAS cannot express the
   * layout), others to native blocked loops. C must not overlap A or B. Returns the
   * path flags of native/kernels/gemm.h (MatmulPath).
   */
  matmul?(
    dtype: number, batchShape: number[], m: number, n: number, k: number,
    a: Uint8Array, aStrides: number[], aOffset: number,
    b: Uint8Array, bStrides: number[], bOffset: number,
    c: Uint8Array, cStrides: number[], cOffset: number,
  ): number;
  /**
   * einsum's strided sum of products (native/kernels/einsum.h): out[o] = sum_r prod_k
   * ops[k][o, r], the first `nout` labels of `shape` being the output's, the rest summed.
   * opStrides holds ops.length x shape.length byte strides (0 where an operand lacks a
   * label); outStrides has nout entries. 1..63 operands of dtype `dtype`. `bare`: a
   * product without summed labels is stored as computed (np.multiply, -0.0 kept)
   * rather than added to +0.0 (einsum).
   */
  sumProducts?(
    dtype: number, shape: number[], nout: number,
    ops: Uint8Array[], opStrides: Float64Array, opOffsets: number[],
    out: Uint8Array, outStrides: number[], outOffset: number, bare: boolean,
  ): void;
  /**
   * Fused pairwise distances between the rows of XA (m x d) and XB (n x d) into out
   * (m x n); metric 0 euclidean, 1 sqeuclidean, 2 cosine; dtype float32 or float64.
   * chunkRows 0 picks the default; `same` marks XA and XB as one view.
   */
  cdist?(
    dtype: number, metric: number, m: number, n: number, d: number,
    xa: Uint8Array, xaStrides: number[], xaOffset: number,
    xb: Uint8Array, xbStrides: number[], xbOffset: number,
    out: Uint8Array, outStrides: number[], outOffset: number,
    chunkRows: number, same: boolean,
  ): { workspaceBytes: number; recomputed: number; tileRows: number; tileCols: number };

  // ---- issue 10: sorting and selection (native/binding/js_sort.cc) ----------------------
  // Lanes are the 1-D runs along `axis` of a view (shape, byte strides, byte offset).
  // `kth` is the bytes of an int64 array of ascending positions, each in [0, n).
  // `kind`: 0 NumPy's default (introsort-like, not stable), 1 stable.
  /** Sorts every lane of the view in place (NaNs last). */
  sort?(dtype: number, kind: number, shape: number[], strides: number[], offset: number, data: Uint8Array, axis: number): void;
  /** Writes each lane's sorting permutation as int64 into the same lane of out (same shape). */
  argsort?(dtype: number, kind: number, shape: number[], srcStrides: number[], srcOffset: number, src: Uint8Array,
    outStrides: number[], outOffset: number, out: Uint8Array, axis: number): void;
  /** Partitions every lane in place so that each kth position holds its order statistic. */
  partition?(dtype: number, shape: number[], strides: number[], offset: number, data: Uint8Array, axis: number, kth: Uint8Array): void;
  /** Writes a permutation partitioning each lane around the kth positions, as int64 into out. */
  argpartition?(dtype: number, shape: number[], srcStrides: number[], srcOffset: number, src: Uint8Array,
    outStrides: number[], outOffset: number, out: Uint8Array, axis: number, kth: Uint8Array): void;
  /**
   * The order statistics at the kth positions of every lane, without modifying the
   * source: out (same dtype) has the lanes' shape (shape without axis) plus a last axis of nk entries.
   */
  select?(dtype: number, shape: number[], srcStrides: number[], srcOffset: number, src: Uint8Array, axis: number, kth: Uint8Array,
    outStrides: number[], outOffset: number, out: Uint8Array): void;
  /**
   * issue 8: merges each row of the (rows, cols) float32/float64 view `a` into its running
   * top-k buffer (values: a's dtype, indices: int64, both (rows, k), kept best first;
   * a negative index is an empty slot); column j enters as indexOffset + j.
   */
  topk?(dtype: number, shape: number[], aStrides: number[], aOffset: number, a: Uint8Array, k: number,
    valuesStrides: number[], valuesOffset: number, values: Uint8Array,
    indicesStrides: number[], indicesOffset: number, indices: Uint8Array, indexOffset: number): void;
  /**
   * Integer-array gather: out[i..., j...] = src[base + Σ_k idx_k[i...]·axisStride_k + Σ j·srcSub].
   * `ops` is a flat list of 6 entries per index operand: dtype code, Uint8Array, byte
   * offset, byte strides over idxShape, axis length, axis byte stride in src.
   * mode: 0 raise (negative indices count from the end), 1 wrap, 2 clip.
   * Returns null, or [operand, C-order position] of the first out-of-bounds index.
   */
  gather?(itemsize: number, mode: number, src: Uint8Array, base: number, subShape: number[], srcSub: number[], idxShape: number[],
    out: Uint8Array, outOffset: number, outIdxStrides: number[], outSubStrides: number[], ...ops: unknown[]): [number, number] | null;
  /**
   * Integer-array scatter, the inverse of gather (value in the role of out); every
   * index is checked before anything is written; repeated indices: the last value wins.
   */
  scatter?(itemsize: number, mode: number, dst: Uint8Array, base: number, subShape: number[], dstSub: number[], idxShape: number[],
    val: Uint8Array, valOffset: number, valIdxStrides: number[], valSubStrides: number[], ...ops: unknown[]): [number, number] | null;
  /** The number of nonzero elements of a view (NaN counts, -0.0 does not). */
  countNonzero?(dtype: number, shape: number[], strides: number[], offset: number, data: Uint8Array): number;
  /** Writes the C-order coordinates of the `count` nonzero elements as int64 rows of ndim entries (contiguous). */
  nonzero?(dtype: number, shape: number[], strides: number[], offset: number, data: Uint8Array, out: Uint8Array, outOffset: number, count: number): void;
  /** Copies the elements where the bool mask (same shape) is true, in C order, to a contiguous run of out. */
  maskGather?(itemsize: number, shape: number[], src: Uint8Array, srcStrides: number[], srcOffset: number,
    mask: Uint8Array, maskStrides: number[], maskOffset: number, out: Uint8Array, outOffset: number, count: number): void;
  /** Writes val[k·valStride] to the k-th element where the mask is true (valStride 0 broadcasts one value). */
  maskScatter?(itemsize: number, shape: number[], dst: Uint8Array, dstStrides: number[], dstOffset: number,
    mask: Uint8Array, maskStrides: number[], maskOffset: number, val: Uint8Array, valOffset: number, valStride: number, count: number): void;

  // ---- issue 6: random fills and memory-mapped files (native/binding/js_random.cc, mmap.cc) ----
  /**
   * Draws n values of a random stream into out (itemsize bytes each, at byte outOffset),
   * reading and writing back the generator's state block (src/random/native.ts has the
   * kinds and the layouts).
   */
  randomFill?(kind: number, state: Uint8Array, out: Uint8Array, outOffset: number, n: number, itemsize: number,
    a: number, b: number, offHi: number, offLo: number, rng: number): void;
  /** Maps a whole file as an external ArrayBuffer ('r' private, 'c' copy-on-write, 'r+' shared); unmapped when collected. */
  mmapFile?(path: string, mode: 'r' | 'c' | 'r+'): ArrayBuffer;

  // ---- issue 7: async jobs for np.promises (native/binding/async.cc) -------------------------
  // A job is a list of kernels captured from entry points called through asyncAdd
  // (they validate as usual, then queue their kernel instead of running it); asyncRun
  // runs them in order on the libuv pool on a share of the thread budget.
  /** The entry points asyncAdd accepts (those that queue their kernel when captured). */
  asyncCapable?(): string[];
  /** A new, empty job. */
  asyncBegin?(): AsyncJob;
  /**
   * Calls entry point `name` with `args` while `job` captures: the call validates and
   * throws exactly as a direct call would, then queues its kernel. The job references a
   * snapshot of the arguments until it settles. Returns what the entry point returns.
   */
  asyncAdd?(job: AsyncJob, name: string, args: unknown[]): unknown;
  /** Kernels queued in the job so far. */
  asyncSteps?(job: AsyncJob): number;
  /**
   * Runs the job's kernels in order, on up to `threads` threads of the budget; the promise
   * rejects with the coded error a synchronous call would throw, or an AbortError. With
   * `defer` the job waits for asyncPump(), so that jobs started in one tick split the cores.
   */
  asyncRun?(job: AsyncJob, threads: number, defer: boolean): Promise<void>;
  /** Hands waiting jobs to libuv's pool, as many as the free cores allow. */
  asyncPump?(): void;
  /** Drops a job that was not run. */
  asyncDiscard?(job: AsyncJob): void;
  /** Cancels a job: where it was ('running' ones stop before their next kernel). */
  asyncCancel?(job: AsyncJob): 'discarded' | 'queued' | 'submitted' | 'running' | 'done';
  asyncStats?(): AsyncStats;
  /** Restarts peakInUse from the cores in use now. */
  asyncResetPeak?(): void;
}

/** An async job's handle (an External). */
export type AsyncJob = { readonly __asyncJob: unique symbol };

export interface AsyncStats {
  /** getNumThreads(). */
  budget: number;
  /** Where the budget came from: NUMNODE_NUM_THREADS, OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, cpus, setNumThreads. */
  source: string;
  /** Cores held by running computations now (synchronous calls and async jobs, all threads). */
  inUse: number;
  /** The most ever held at once since the last asyncResetPeak(). */
  peakInUse: number;
  /** libuv's pool size (UV_THREADPOOL_SIZE). */
  poolSize: number;
  /** The nice value async jobs run at (NUMNODE_ASYNC_NICE; 0: off, or not restorable here). */
  nice: number;
  /** Jobs of this thread waiting for a core. */
  queued: number;
  /** Jobs of this thread on the libuv pool. */
  running: number;
  /** Jobs of all threads on the libuv pool. */
  runningAllThreads: number;
  /** Jobs that started / finished / were cancelled / failed (process totals). */
  started: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** Kernels run by async jobs (process total). */
  kernelsRun: number;
}

export interface NativeConfig {
  /** The package version the addon was built from. */
  version: string;
  /** NAPI_VERSION the addon was compiled against. */
  napiVersion: number;
  /** Highest Node-API version the running Node supports. */
  napiRuntimeVersion: number;
  /** The compiler (`__VERSION__`), e.g. "gcc 12.2.0". */
  compiler: string;
  /** The compile flags the build files passed. */
  flags: string;
  buildType: string;
  /** "cmake-js" (source builds) or "node-gyp" (prebuilds). */
  buildSystem: string;
  /** Built with -fsanitize=address,undefined. */
  sanitize: boolean;
  /** "native": -march=native (local source build); "portable": baseline ISA (prebuilds). */
  arch: 'native' | 'portable';
  blas: {
    name: 'OpenBLAS';
    /** Parsed from `config`, e.g. "0.3.21". */
    version: string;
    /** openblas_get_config() */
    config: string;
    /** openblas_get_corename() */
    corename: string;
    /** openblas_get_parallel(): 0 sequential, 1 pthreads, 2 OpenMP. */
    parallel: number;
    threading: 'sequential' | 'pthreads' | 'openmp' | 'unknown';
    /** openblas_get_num_threads() */
    numThreads: number;
  };
  openmp: {
    enabled: boolean;
    /** The _OPENMP macro (yyyymm), 0 when built without OpenMP. */
    version: number;
    /** omp_get_max_threads() */
    maxThreads: number;
    numProcs: number;
  };
  sleef: {
    linked: boolean;
    version: string;
    /** A SLEEF call gave the right answer at run time. */
    works: boolean;
  };
  cpu: {
    /** SIMD features of the CPU we run on (__builtin_cpu_supports). */
    found: string[];
    /** SIMD features the compiler was allowed to use everywhere (__AVX2__, __FMA__, ...). */
    compiled: string[];
  };
  /** The glibc malloc policy in force (see native/kernels/memory.h). */
  malloc: {
    /** numnode raised the thresholds itself. */
    tuning: boolean;
    /** "mallopt" | "environment" (the user's MALLOC_*_THRESHOLD_) | "disabled" (NUMNODE_MALLOC_TUNING=0) | "unsupported". */
    source: string;
    detail: string;
    /** Bytes; null = glibc's dynamic default. */
    mmapThreshold: number | null;
    trimThreshold: number | null;
    mmapApplied: boolean;
    trimApplied: boolean;
  };
  copy: {
    /** Below this many bytes moved, copy and cast run on one thread. */
    parallelMinBytes: number;
    /** Row length in bytes of a tile of the blocked transpose-copy. */
    transposeTileBytes: number;
  };
  /** Elementwise kernels (issue 3). */
  elementwise?: {
    /** Which compiled kernel set runs: "avx512", "avx2+fma" or "baseline" (SSE2), chosen at load from the CPU. */
    isa: string;
    /** Vector math library used for the transcendental functions. */
    vectorMath: string;
    /** Elements from which a cheap op (+, *, comparisons, ...) runs on all threads. */
    parallelMinElements: number;
    /** Elements from which a transcendental op (exp, sin, power, ...) runs on all threads. */
    parallelMinElementsTranscendental: number;
  };
  /** The current thread budget (getNumThreads()). */
  numThreads: number;
}
