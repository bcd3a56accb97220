// The reduction and scan op codes: mirrors native/kernels/reduce_ops.def line for
// line (test/reduce.native.test.ts checks it against the file and against the
// addon's reduceOpTable()). Codes are an ABI between TypeScript and the addon:
// append, never reorder.

export const REDUCE_OPS = [
  'sum', 'prod', 'min', 'max', 'all', 'any', 'nansum', 'nanmin', 'nanmax', 'argmin', 'argmax', 'sumsqdev', 'count',
] as const;
export type ReduceOpName = (typeof REDUCE_OPS)[number];

export const SCAN_OPS = ['cumsum', 'cumprod', 'diff'] as const;
export type ScanOpName = (typeof SCAN_OPS)[number];

export const REDUCE_CODE: Readonly<Record<ReduceOpName, number>> = Object.fromEntries(
  REDUCE_OPS.map((n, i) => [n, i]),
) as Record<ReduceOpName, number>;

export const SCAN_CODE: Readonly<Record<ScanOpName, number>> = Object.fromEntries(
  SCAN_OPS.map((n, i) => [n, i]),
) as Record<ScanOpName, number>;

/** Elements per leaf of the summation tree and accumulators per leaf (native/kernels/reduce.h). */
export const REDUCE_LEAF = 128;
export const REDUCE_LANES = 16;
