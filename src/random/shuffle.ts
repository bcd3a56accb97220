// In-place Fisher–Yates along one axis, as NumPy's shuffle does it: for i from n-1 down to 1,
// j = draw(i) in [0, i], swap subarrays i and j. Also the positional/options argument split
// used by the random functions.
import { fail } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { normalizeAxis, describe } from '../core/shape';
import { copyInto } from '../backend/dispatch';

/** Shuffles x in place along `axis` (an NDArray, or a plain JS array along its only axis). */
export function shuffleInPlace(x: NDArray | unknown[], axis: number, draw: (i: number) => number): void {
  if (Array.isArray(x)) {
    if (axis !== 0) fail('ERR_NUMNODE_ARG', TypeError, 'Axis argument is only supported on ndarray objects');
    for (let i = x.length - 1; i >= 1; i--) {
      const j = draw(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return;
  }
  if (!(x instanceof NDArray)) fail('ERR_NUMNODE_ARG', TypeError, `shuffle() needs an NDArray or a JS array, got ${describe(x)}`);
  x._checkWriteable();
  if (x.ndim === 0) fail('ERR_NUMNODE_ARG', TypeError, 'len() of unsized object');
  const ax = normalizeAxis(axis, x.ndim);
  const n = x.shape[ax]!;
  x._checkBuffer();
  if (x.ndim === 1) {
    // Fast path: swap elements in the typed array.
    const data = x._data as unknown as { [i: number]: number | bigint };
    const s0 = x.byteOffset / x.itemsize;
    const st = x.strides[0]! / x.itemsize;
    for (let i = n - 1; i >= 1; i--) {
      const j = draw(i);
      const a = s0 + i * st, b = s0 + j * st;
      const t = data[a]!;
      data[a] = data[b]!;
      data[b] = t;
    }
    return;
  }
  if (x.size === 0) return;
  const v = ax === 0 ? x : x.swapaxes(0, ax);
  const buf = v.slice(0).copy();
  for (let i = n - 1; i >= 1; i--) {
    const j = draw(i);
    if (i === j) continue;
    copyInto(buf, v.slice(j));
    copyInto(v.slice(j), v.slice(i));
    copyInto(v.slice(i), buf);
  }
}

function isPlainOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof NDArray)
    && !ArrayBuffer.isView(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * Splits trailing arguments into positionals and one options object (the last argument
 * when it is a plain object), checking the option keys.
 */
export function splitOptions(rest: readonly unknown[], allowed: readonly string[], fn: string): [unknown[], Record<string, unknown>] {
  const pos = rest.slice();
  let opts: Record<string, unknown> = {};
  if (pos.length > 0 && isPlainOptions(pos[pos.length - 1])) opts = pos.pop() as Record<string, unknown>;
  checkOptions(opts, allowed, fn);
  // `undefined` positionals fall back to the options or defaults
  return [pos.map((v) => (v === null ? undefined : v)), opts];
}
