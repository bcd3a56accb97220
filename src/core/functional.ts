// NumPy's free functions over the NDArray methods (np.reshape(a, …) and friends),
// accepting anything array-like.
import { NDArray, Order, printSource } from './ndarray';
import * as print from './print';
import type { Array2StringOptions, PrintOptions } from './print';
import { ArrayLike, asarray } from './creation';
import { toShape } from './shape';
import { fail, shapeStr } from './errors';

export function reshape(a: ArrayLike, shape: number | readonly number[], opts?: { order?: Order }): NDArray {
  return asarray(a).reshape(typeof shape === 'number' ? [shape] : shape, opts ?? {});
}
export function ravel(a: ArrayLike, order: Order = 'C'): NDArray { return asarray(a).ravel(order); }
export function transpose(a: ArrayLike, axes?: readonly number[]): NDArray {
  return axes === undefined ? asarray(a).transpose() : asarray(a).transpose(axes);
}
export function swapaxes(a: ArrayLike, axis1: number, axis2: number): NDArray { return asarray(a).swapaxes(axis1, axis2); }
export function moveaxis(a: ArrayLike, source: number | number[], destination: number | number[]): NDArray {
  return asarray(a).moveaxis(source, destination);
}
export function squeeze(a: ArrayLike, axis?: number | number[]): NDArray { return asarray(a).squeeze(axis); }
export function expandDims(a: ArrayLike, axis: number | number[]): NDArray { return asarray(a).expandDims(axis); }
export function copy(a: ArrayLike, order: Order = 'K'): NDArray { return asarray(a).copy(order); }

/** A read-only view of `a` broadcast to `shape`. */
export function broadcastTo(a: ArrayLike, shape: number | readonly number[]): NDArray {
  return asarray(a).broadcastTo(shape);
}

/** The shape that broadcasting the given shapes together gives (NumPy's error when impossible). */
export function broadcastShapes(...shapes: (number | readonly number[])[]): number[] {
  return broadcastShapeOf(shapes.map((s) => toShape(s)));
}

/**
 * np.broadcast's shape discovery (PyArray_Broadcast), with its message naming the two
 * arguments that disagree: "shape mismatch: objects cannot be broadcast to a single
 * shape.  Mismatch is between arg 0 with shape (5, 4) and arg 1 with shape (3,)."
 * (np.broadcast_shapes and np.broadcast_arrays word it so; ufuncs use another message.)
 */
function broadcastShapeOf(shapes: readonly (readonly number[])[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  let src = 0;
  for (let i = 0; i < nd; i++) {
    for (let j = 0; j < shapes.length; j++) {
      const s = shapes[j]!;
      const k = i + s.length - nd;
      if (k < 0 || s[k] === 1) continue;
      if (out[i] === 1) {
        out[i] = s[k]!;
        src = j;
      } else if (out[i] !== s[k]) {
        fail('ERR_NUMNODE_BROADCAST', RangeError,
          `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${src} with shape ${shapeStr(shapes[src]!)} and arg ${j} with shape ${shapeStr(s)}.`);
      }
    }
  }
  return out;
}

/** Views of every input broadcast to their common shape (read-only where broadcast). */
export function broadcastArrays(...arrays: ArrayLike[]): NDArray[] {
  if (arrays.length === 1 && Array.isArray(arrays[0]) && (arrays[0] as unknown[]).every((x) => x instanceof NDArray)) {
    fail('ERR_NUMNODE_ARG', TypeError, 'broadcastArrays takes arrays as separate arguments: broadcastArrays(a, b)');
  }
  const arrs = arrays.map((a) => asarray(a));
  const shape = broadcastShapeOf(arrs.map((a) => a.shape));
  return arrs.map((a) => (a.shape.join() === shape.join() ? a : a.broadcastTo(shape)));
}

/** np.array2string: the bracketed body of an array's text, with `separator` between elements. */
export function array2string(a: ArrayLike, opts?: Array2StringOptions): string {
  return print.array2string(printSource(asarray(a)), opts);
}
/** np.array_repr: what console.log shows. */
export function arrayRepr(a: ArrayLike, opts?: Partial<PrintOptions>): string {
  return print.arrayRepr(printSource(asarray(a)), opts);
}
/** np.array_str: what String(a) gives. */
export function arrayStr(a: ArrayLike, opts?: Partial<PrintOptions>): string {
  return print.arrayStr(printSource(asarray(a)), opts);
}
