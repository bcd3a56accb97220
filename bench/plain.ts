// Plain JavaScript building blocks for the `plainjs` contenders: what a user without
// numnode would write (a flat Float64Array in row-major order and loops over it).

/** 0, 1, 2, … as float64: the plain counterpart of np.arange(n, {dtype: 'float64'}). */
export function plainArange(n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** The transpose of a rows×cols row-major matrix, as a new row-major matrix. */
export function plainTranspose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[row + j]!;
  }
  return out;
}

/** Uninitialised float64 memory: Buffer.allocUnsafeSlow skips the zero fill (and Node's pool). */
export function plainEmpty(n: number): Float64Array {
  const b = Buffer.allocUnsafeSlow(n * 8);
  return new Float64Array(b.buffer, b.byteOffset, n);
}

/** Human size: 800 B, 8 MB, 200 MB (decimal units, as the tutorial's / 1e6). */
export function bytesLabel(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

/** Integers in [-4, 4] from a fixed LCG, as the dtype's TypedArray (exact arithmetic everywhere). */
export function ints(count: number, dtype: 'float64' | 'float32', seed: number): Float64Array | Float32Array {
  const out = dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 24) % 9 - 4;
  }
  return out;
}
