// Shapes, strides and NumPy's contiguity rules: pure functions over number arrays.
import { fail, shapeStr } from './errors';

export const MAXDIMS = 64;
/** Largest byte count numnode will try to allocate: what a V8 ArrayBuffer can hold. */
export const MAX_BYTES = Number.MAX_SAFE_INTEGER;

/** Validates a user shape (number or number[]), returning a fresh array of non-negative integers. */
export function toShape(shape: unknown, what = 'shape'): number[] {
  const dims = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(dims)) {
    return fail('ERR_NUMNODE_ARG', TypeError, `${what} must be a number or an array of numbers, got ${describe(shape)}`);
  }
  if (dims.length > MAXDIMS) {
    return fail('ERR_NUMNODE_SHAPE', RangeError,
      `maximum supported dimension for an ndarray is currently ${MAXDIMS}, found ${dims.length}`);
  }
  const out = new Array<number>(dims.length);
  for (let i = 0; i < dims.length; i++) {
    const d: unknown = dims[i];
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      return fail('ERR_NUMNODE_ARG', TypeError,
        `'${describe(d)}' object cannot be interpreted as an integer (${what} entry ${i})`);
    }
    if (d < 0) return fail('ERR_NUMNODE_SHAPE', RangeError, 'negative dimensions are not allowed');
    out[i] = d;
  }
  return out;
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  if (typeof x === 'string') return `'${x}'`;
  return typeof x === 'object' ? (x as object).constructor?.name ?? 'object' : typeof x;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** size * itemsize, with the overflow and "too big" checks NumPy makes before allocating. */
export function checkedNbytes(shape: readonly number[], itemsize: number): number {
  let n = itemsize;
  let hasZero = false;
  for (const d of shape) if (d === 0) hasZero = true;
  if (hasZero) return 0;
  for (const d of shape) {
    n *= d;
    if (n > MAX_BYTES) {
      return fail('ERR_NUMNODE_ALLOC', RangeError,
        'array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.');
    }
  }
  return n;
}

export function cStrides(shape: readonly number[], itemsize: number): number[] {
  const s = new Array<number>(shape.length);
  let acc = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return s;
}

export function fStrides(shape: readonly number[], itemsize: number): number[] {
  const s = new Array<number>(shape.length);
  let acc = itemsize;
  for (let i = 0; i < shape.length; i++) {
    s[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return s;
}

/** NumPy's rule: axes of length 1 may have any stride; an empty array is both C and F contiguous. */
export function isCContiguous(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  if (shape.includes(0)) return true;
  let expected = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d !== 1) {
      if (strides[i] !== expected) return false;
      expected *= d;
    }
  }
  return true;
}

export function isFContiguous(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  if (shape.includes(0)) return true;
  let expected = itemsize;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d !== 1) {
      if (strides[i] !== expected) return false;
      expected *= d;
    }
  }
  return true;
}

/** Normalises one axis against ndim, NumPy's AxisError wording (`prefix` is its msg_prefix, e.g. 'axis2'). */
export function normalizeAxis(axis: unknown, ndim: number, prefix?: string): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    return fail('ERR_NUMNODE_ARG', TypeError, `'${describe(axis)}' object cannot be interpreted as an integer`);
  }
  if (axis < -ndim || axis >= ndim) {
    return fail('ERR_NUMNODE_AXIS', RangeError,
      `${prefix === undefined ? '' : `${prefix}: `}axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Normalises an axis or list of axes; duplicates are an error as in NumPy. */
export function normalizeAxes(axes: unknown, ndim: number, argname?: string): number[] {
  const list = Array.isArray(axes) ? axes : [axes];
  const out = list.map((a) => normalizeAxis(a, ndim, argname));
  if (new Set(out).size !== out.length) {
    fail('ERR_NUMNODE_AXIS', RangeError, argname === undefined ? 'repeated axis' : `repeated axis in \`${argname}\` argument`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when impossible.
 * This is NumPy's _attempt_nocopy_reshape: walk groups of old and new axes whose products
 * match, and require each group of old axes to be mergeable (contiguous among themselves).
 */
export function reshapeStrides(
  shape: readonly number[], strides: readonly number[], itemsize: number,
  newShape: readonly number[], fOrder: boolean,
): number[] | null {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) { oldDims.push(shape[i]!); oldStrides.push(strides[i]!); }
  }
  const newnd = newShape.length;
  const oldnd = oldDims.length;
  const newStrides = new Array<number>(newnd).fill(0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < newnd && oi < oldnd) {
    let np = newShape[ni]!;
    let op = oldDims[oi]!;
    while (np !== op) {
      if (np < op) np *= newShape[nj++]!;
      else op *= oldDims[oj++]!;
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      if (fOrder) {
        if (oldStrides[ok + 1] !== oldDims[ok]! * oldStrides[ok]!) return null;
      } else if (oldStrides[ok] !== oldDims[ok + 1]! * oldStrides[ok + 1]!) return null;
    }
    if (fOrder) {
      newStrides[ni] = oldStrides[oi]!;
      for (let nk = ni + 1; nk < nj; nk++) newStrides[nk] = newStrides[nk - 1]! * newShape[nk - 1]!;
    } else {
      newStrides[nj - 1] = oldStrides[oj - 1]!;
      for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk]! * newShape[nk]!;
    }
    ni = nj++;
    oi = oj++;
  }
  let last = ni >= 1 ? newStrides[ni - 1]! : itemsize;
  if (fOrder && ni >= 1) last *= newShape[ni - 1]!;
  for (let nk = ni; nk < newnd; nk++) newStrides[nk] = last;
  return newStrides;
}

/** Resolves one -1 in a requested shape against a size; NumPy's messages. */
export function resolveReshape(size: number, requested: readonly number[]): number[] {
  const shape = requested.slice();
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d === -1) {
      if (unknown >= 0) fail('ERR_NUMNODE_SHAPE', RangeError, 'can only specify one unknown dimension');
      unknown = i;
    } else if (d < 0) {
      fail('ERR_NUMNODE_SHAPE', RangeError, 'negative dimensions are not allowed');
    } else known *= d;
  }
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      fail('ERR_NUMNODE_SHAPE', RangeError, `cannot reshape array of size ${size} into shape ${reshapeStr(requested)}`);
    }
    shape[unknown] = size / known;
  } else if (known !== size) {
    fail('ERR_NUMNODE_SHAPE', RangeError, `cannot reshape array of size ${size} into shape ${reshapeStr(requested)}`);
  }
  return shape;
}

/**
 * NumPy's convert_shape_to_string for reshape errors: no spaces, leading unknown (-1)
 * dimensions dropped, later ones printed as 'newaxis', a trailing comma only for one
 * entry: (4,2), (4,), (4) for (-1, 4), (0,newaxis) for (0, -1).
 */
function reshapeStr(dims: readonly number[]): string {
  let i = 0;
  while (i < dims.length && dims[i]! < 0) i++;
  if (i === dims.length) return '()';
  const parts = dims.slice(i).map((d, k) => (k > 0 && d < 0 ? 'newaxis' : String(d)));
  return dims.length === 1 ? `(${parts[0]},)` : `(${parts.join(',')})`;
}

/** Resulting shape of broadcasting shapes together, NumPy's message on failure. */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  let nd = 0;
  for (const s of shapes) nd = Math.max(nd, s.length);
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const k = nd - s.length + i;
      const d = s[i]!;
      if (d === 1) continue;
      if (out[k] === 1) out[k] = d;
      else if (out[k] !== d) {
        return fail('ERR_NUMNODE_BROADCAST', RangeError,
          `operands could not be broadcast together with shapes ${shapes.map(compact).join(' ')}`);
      }
    }
  }
  return out;
}

function compact(s: readonly number[]): string {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(',')})`;
}
