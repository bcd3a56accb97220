// The TypeScript elementwise kernels: the same strided contract as the addon's
// `elementwise` entry point (operands described by typed array, element offset and
// element strides; numnode arrays are always aligned, so byte strides divide by the
// item size), one 1-D inner loop per (op, loop dtype), driven over prepared outer
// dimensions.
//
// The inner loops are generated from a table of expressions (one per op and dtype
// class) with `new Function`, one function per (op, loop): each then sees one
// typed array class and one expression, which is what V8 needs to compile a tight,
// monomorphic loop (a shared loop calling a per-op closure runs several times
// slower). Contiguous and scalar-broadcast operands get their own loops.
//
// Semantics follow NumPy's C loops: integer arithmetic wraps (the typed array store
// does it for results computed exactly in a double; 32-bit products use Math.imul,
// 64-bit integers use BigInt and the BigInt64Array store wraps); float32 loops
// compute +, -, *, /, sqrt in double and round once on the store, which is
// correctly rounded (a double holds twice float32's precision plus two bits), and
// round every step of composite operations (floor_divide, remainder).
import type { DType } from '../../core/dtype';
import type { OpName } from '../../core/ops';

export type Elements = { [i: number]: number | bigint; length: number };

/** One operand: a typed array over the whole buffer, element strides, element offset. */
export interface JsOperand {
  data: Elements;
  strides: readonly number[];
  offset: number;
}

type Inner = (
  n: number, O: Elements, io: number, so: number, A: Elements, ia: number, sa: number,
  B: Elements | null, ib: number, sb: number,
) => void;

type Domain = 'bool' | 'int' | 'uint' | 'float32' | 'float64' | 'int64' | 'uint64';

function domainOf(d: DType): Domain {
  switch (d) {
    case 'bool': return 'bool';
    case 'int8': case 'int16': case 'int32': return 'int';
    case 'uint8': case 'uint16': case 'uint32': return 'uint';
    case 'int64': return 'int64';
    case 'uint64': return 'uint64';
    default: return d;
  }
}

const BITS: Record<DType, number> = {
  bool: 8, int8: 8, uint8: 8, int16: 16, uint16: 16, int32: 32, uint32: 32, int64: 64, uint64: 64, float32: 32, float64: 64,
};

// ---- helpers the generated loops call (small: V8 inlines them) ---------------------

const f32 = Math.fround;

function copysignZero(x: number): number {
  return x < 0 || Object.is(x, -0) ? -0 : 0;
}

/** NumPy's npy_floor_divide for float64 (Python's // on floats, CPython's algorithm). */
function floorDiv64(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b; // JS % on numbers is C's fmod, exactly
  let div = (a - mod) / b;
  if (mod !== 0) {
    if ((b < 0) !== (mod < 0)) div -= 1;
  }
  if (div !== 0) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
    return fd;
  }
  return copysignZero(a / b);
}

/** The same in float32 arithmetic: every step rounded to float32, as C's float code does. */
function floorDiv32(a: number, b: number): number {
  if (b === 0) return f32(a / b);
  const mod = a % b; // exact, and representable in float32
  let div = f32(f32(a - mod) / b);
  if (mod !== 0) {
    if ((b < 0) !== (mod < 0)) div = f32(div - 1);
  }
  if (div !== 0) {
    let fd = Math.floor(div);
    if (f32(div - fd) > 0.5) fd = f32(fd + 1);
    return fd;
  }
  return copysignZero(a / b);
}

/** NumPy's npy_remainder (Python's % on floats); float32 and float64 alike (each step is exact or rounded once). */
function remainderF(a: number, b: number, round: (x: number) => number): number {
  if (b === 0) return a % b;
  let mod = a % b;
  if (mod !== 0) {
    if ((b < 0) !== (mod < 0)) mod = round(mod + b);
  } else mod = copysignZero(b);
  return mod;
}
const remainder64 = (a: number, b: number): number => remainderF(a, b, (x) => x);
const remainder32 = (a: number, b: number): number => remainderF(a, b, f32);

/** Python's % on integers (b != 0). */
function imod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}
function bigFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}
function bigMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/**
 * Integer power by squaring with wrapping (NumPy's loop); up to 32 bits. Products
 * are taken modulo 2^32 (Math.imul), which the store then reduces to the dtype's
 * width: reduction modulo 2^k commutes with multiplication.
 */
function ipow(a: number, b: number): number {
  if (b === 0 || a === 1) return 1;
  let out = b % 2 === 1 ? a : 1;
  b = Math.floor(b / 2);
  while (b > 0) {
    a = Math.imul(a, a);
    if (b % 2 === 1) out = Math.imul(out, a);
    b = Math.floor(b / 2);
  }
  return out;
}
function bigPow(a: bigint, b: bigint, signed: boolean): bigint {
  const wrap = signed ? (x: bigint) => BigInt.asIntN(64, x) : (x: bigint) => BigInt.asUintN(64, x);
  if (b === 0n || a === 1n) return 1n;
  let out = (b & 1n) === 1n ? a : 1n;
  b >>= 1n;
  while (b > 0n) {
    a = wrap(a * a);
    if ((b & 1n) === 1n) out = wrap(out * a);
    b >>= 1n;
  }
  return out;
}

/** C's pow: pow(1, y) and pow(x, ±0) are 1 even for NaN, pow(-1, ±inf) is 1 (Math.pow gives NaN). */
function cpow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** C's rint in the default rounding mode: to nearest, ties to even; keeps -0. */
function rint(x: number): number {
  const r = Math.round(x); // ties toward +Infinity
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves

/** a * b exactly, as [product, error] (Dekker's two-product; |a|, |b| below 2^996). */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/**
 * hypot(x, y) within ~0.5 ulp: Math.hypot is up to 1.76 ulp off (measured against
 * mpmath, scripts/gen-elementwise-accuracy.py). sqrt(x² + y²) is corrected by the
 * exactly computed residual (x² + y² - h²) / 2h; the operands are scaled by a power
 * of two so that no square overflows or underflows.
 */
function hypot(x: number, y: number): number {
  x = Math.abs(x);
  y = Math.abs(y);
  if (x === Infinity || y === Infinity) return Infinity;
  if (x !== x || y !== y) return NaN;
  if (x < y) {
    const t = x;
    x = y;
    y = t;
  }
  if (y === 0 || x / y > 2 ** 60) return x + y;
  let scale = 1;
  if (x > 2 ** 500) {
    x *= 2 ** -600;
    y *= 2 ** -600;
    scale = 2 ** 600;
  } else if (x < 2 ** -500) {
    x *= 2 ** 600;
    y *= 2 ** 600;
    scale = 2 ** -600;
  }
  const h = Math.sqrt(x * x + y * y);
  const [xx, xe] = twoProd(x, x);
  const [yy, ye] = twoProd(y, y);
  const [hh, he] = twoProd(h, h);
  const r = ((xx - hh) + yy) + ((xe + ye) - he);
  return (h + r / (2 * h)) * scale;
}

const H = {
  hypot,
  floorDiv64, floorDiv32, remainder64, remainder32, imod, bigFloorDiv, bigMod, ipow, bigPow, cpow, rint,
  exp2: (x: number): number => cpow(2, x),
};

// ---- the expression table -------------------------------------------------------

/**
 * The expression computing one element from `a` (and `b`) in the loop's domain,
 * or null when numnode has no such loop. `bits` is the dtype's width.
 */
function expression(op: OpName, dom: Domain, bits: number): string | null {
  const big = dom === 'int64' || dom === 'uint64';
  const float = dom === 'float32' || dom === 'float64';
  const intish = dom === 'int' || dom === 'uint';
  const z = big ? '0n' : '0';
  const wide32 = intish && bits === 32;
  switch (op) {
    case 'add': return dom === 'bool' ? 'a | b' : 'a + b';
    case 'subtract': return dom === 'bool' ? null : 'a - b';
    case 'multiply': return dom === 'bool' ? 'a & b' : wide32 ? 'Math.imul(a, b)' : 'a * b';
    case 'divide': return float ? 'a / b' : null;
    case 'floorDivide':
      if (dom === 'bool') return null;
      if (float) return dom === 'float32' ? 'H.floorDiv32(a, b)' : 'H.floorDiv64(a, b)';
      return big ? 'b === 0n ? 0n : H.bigFloorDiv(a, b)' : 'b === 0 ? 0 : Math.floor(a / b)';
    case 'remainder':
      if (dom === 'bool') return null;
      if (float) return dom === 'float32' ? 'H.remainder32(a, b)' : 'H.remainder64(a, b)';
      return big ? 'b === 0n ? 0n : H.bigMod(a, b)' : 'b === 0 ? 0 : H.imod(a, b)';
    case 'power':
      if (dom === 'bool') return null;
      if (float) return 'H.cpow(a, b)';
      return big ? `H.bigPow(a, b, ${dom === 'int64'})` : 'H.ipow(a, b)';
    case 'negative': return dom === 'bool' ? null : '-a';
    case 'positive': return dom === 'bool' ? null : 'a';
    case 'absolute':
      if (float) return 'Math.abs(a)';
      if (dom === 'bool' || dom === 'uint' || dom === 'uint64') return 'a';
      return `a < ${z} ? -a : a`;
    case 'sqrt': return float ? 'Math.sqrt(a)' : null;
    case 'square': return dom === 'bool' ? null : wide32 ? 'Math.imul(a, a)' : 'a * a';
    case 'cbrt': return float ? 'Math.cbrt(a)' : null;
    case 'exp': return float ? 'Math.exp(a)' : null;
    case 'exp2': return float ? 'H.exp2(a)' : null;
    case 'expm1': return float ? 'Math.expm1(a)' : null;
    case 'log': return float ? 'Math.log(a)' : null;
    case 'log2': return float ? 'Math.log2(a)' : null;
    case 'log10': return float ? 'Math.log10(a)' : null;
    case 'log1p': return float ? 'Math.log1p(a)' : null;
    case 'sin': return float ? 'Math.sin(a)' : null;
    case 'cos': return float ? 'Math.cos(a)' : null;
    case 'tan': return float ? 'Math.tan(a)' : null;
    case 'arcsin': return float ? 'Math.asin(a)' : null;
    case 'arccos': return float ? 'Math.acos(a)' : null;
    case 'arctan': return float ? 'Math.atan(a)' : null;
    case 'arctan2': return float ? 'Math.atan2(a, b)' : null;
    case 'sinh': return float ? 'Math.sinh(a)' : null;
    case 'cosh': return float ? 'Math.cosh(a)' : null;
    case 'tanh': return float ? 'Math.tanh(a)' : null;
    case 'hypot': return float ? 'H.hypot(a, b)' : null;
    case 'floor': return float ? 'Math.floor(a)' : 'a';
    case 'ceil': return float ? 'Math.ceil(a)' : 'a';
    case 'trunc': return float ? 'Math.trunc(a)' : 'a';
    case 'rint': return float ? 'H.rint(a)' : null;
    case 'sign':
      if (dom === 'bool') return null;
      if (float) return 'a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : a';
      return big ? 'a > 0n ? 1n : a < 0n ? -1n : 0n' : 'a > 0 ? 1 : a < 0 ? -1 : 0';
    // NumPy: maximum/minimum propagate NaN and return b when a == b (so for
    // maximum(-0.0, 0.0) the second zero); fmax/fmin ignore a NaN.
    case 'maximum': return float ? '(a > b || a !== a) ? a : b' : 'a > b ? a : b';
    case 'minimum': return float ? '(a < b || a !== a) ? a : b' : 'a < b ? a : b';
    case 'fmax': return float ? '(a > b || b !== b) ? a : b' : 'a > b ? a : b';
    case 'fmin': return float ? '(a < b || b !== b) ? a : b' : 'a < b ? a : b';
    case 'equal': return '+(a === b)';
    case 'notEqual': return '+(a !== b)';
    case 'less': return '+(a < b)';
    case 'lessEqual': return '+(a <= b)';
    case 'greater': return '+(a > b)';
    case 'greaterEqual': return '+(a >= b)';
    case 'logicalAnd': return `+(a !== ${z} && b !== ${z})`;
    case 'logicalOr': return `+(a !== ${z} || b !== ${z})`;
    case 'logicalXor': return `+((a !== ${z}) !== (b !== ${z}))`;
    case 'logicalNot': return `+(a === ${z})`;
    case 'isnan': return float ? '+(a !== a)' : '0';
    case 'isinf': return float ? '+(a === Infinity || a === -Infinity)' : '0';
    case 'isfinite': return float ? '+(a - a === 0)' : '1';
    case 'bitwiseAnd': return float ? null : 'a & b';
    case 'bitwiseOr': return float ? null : 'a | b';
    case 'bitwiseXor': return float ? null : 'a ^ b';
    case 'invert': return float ? null : dom === 'bool' ? 'a ^ 1' : '~a';
    // C: (size_t)b < bits ? a << b : 0 — a negative shift count is huge as size_t.
    case 'leftShift':
      if (float || dom === 'bool') return null;
      return big ? '(b >= 0n && b < 64n) ? a << b : 0n' : `(b >= 0 && b < ${bits}) ? a << b : 0`;
    case 'rightShift':
      if (float || dom === 'bool') return null;
      if (dom === 'int64') return '(b >= 0n && b < 64n) ? a >> b : (a < 0n ? -1n : 0n)';
      if (dom === 'uint64') return 'b < 64n ? a >> b : 0n';
      if (dom === 'uint') return `b < ${bits} ? a >>> b : 0`;
      return `(b >= 0 && b < ${bits}) ? a >> b : (a < 0 ? -1 : 0)`;
    default: return null;
  }
}

// Unrolling: V8 re-checks every typed array (map, length, data pointer) after each
// element store, since it cannot prove the store left them alone; eight loads, then
// eight stores share one set of checks. Measured on a + b float64 with the arrays
// passed in (as here), 1024 elements: 2.49 -> 1.12 us; 100 elements: 315 -> 155 ns.
// Results are stored only after all eight are computed, which is safe because the
// caller passes an output that is either exactly an input or overlaps none.
const UNROLL = 8;

function generate(expr: string, nin: number): Inner {
  // ia/ib/io name the element indices; `hoist` says which input is a scalar read once.
  const one = (ia: string, ib: string, hoist: 'a' | 'b' | null) =>
    `${hoist === 'a' ? '' : `const a = A[${ia}];`} ${nin === 2 && hoist !== 'b' ? `const b = B[${ib}];` : ''}`;
  const contiguous = (hoist: 'a' | 'b' | null) => {
    const lanes = Array.from({ length: UNROLL }, (_, j) => j);
    const at = (base: string, j: number) => `${base} + k + ${j}`;
    return `
        let k = 0;
        for (; k + ${UNROLL} <= n; k += ${UNROLL}) {
          let ${lanes.map((j) => `r${j}`).join(', ')};
          ${lanes.map((j) => `{ ${one(at('ia', j), at('ib', j), hoist)} r${j} = ${expr}; }`).join('\n          ')}
          ${lanes.map((j) => `O[${at('io', j)}] = r${j};`).join(' ')}
        }
        for (; k < n; k++) { ${one('ia + k', 'ib + k', hoist)} O[io + k] = ${expr}; }
        return;`;
  };
  let src: string;
  if (nin === 1) {
    src = `
      if (so === 1 && sa === 1) {${contiguous(null)}
      }
      for (let k = 0; k < n; k++, io += so, ia += sa) { ${one('ia', '', null)} O[io] = ${expr}; }`;
  } else {
    src = `
      if (so === 1 && sa === 1 && sb === 1) {${contiguous(null)}
      }
      if (so === 1 && sa === 1 && sb === 0) {
        const b = B[ib];${contiguous('b')}
      }
      if (so === 1 && sa === 0 && sb === 1) {
        const a = A[ia];${contiguous('a')}
      }
      for (let k = 0; k < n; k++, io += so, ia += sa, ib += sb) { ${one('ia', 'ib', null)} O[io] = ${expr}; }`;
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('H', `'use strict'; return function kernel(n, O, io, so, A, ia, sa, B, ib, sb) {${src}\n};`);
  return make(H) as Inner;
}

const cache = new Map<string, Inner | null>();

/**
 * The inner loop of `op` for inputs of dtype `dtype` (the mixed comparisons pass
 * 'int64' for (int64, uint64) and (uint64, int64): BigInt compares them exactly),
 * or null when there is none.
 */
export function jsInnerLoop(op: OpName, dtype: DType, nin: number): Inner | null {
  const key = `${op}:${dtype}`;
  let k = cache.get(key);
  if (k === undefined) {
    const expr = expression(op, domainOf(dtype), BITS[dtype]);
    k = expr === null ? null : generate(expr, nin);
    cache.set(key, k);
  }
  return k;
}

/**
 * Runs an inner loop over `shape`. Outer dimensions are prepared once, as the
 * addon's iter.h does: length-1 axes dropped, axes ordered by the output's stride
 * (largest outermost), neighbours that are one axis for every operand merged, so
 * that contiguous operands of any shape become one call of the inner loop. The
 * caller guarantees bounds, and that the output does not overlap an input unless
 * it is the very same view.
 */
export function runJs(inner: Inner, shape: readonly number[], out: JsOperand, a: JsOperand, b: JsOperand | null): void {
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const nd0 = shape.length;
  if (nd0 === 0) {
    inner(1, out.data, out.offset, 0, a.data, a.offset, 0, b ? b.data : null, b ? b.offset : 0, 0);
    return;
  }
  // Fast path: one axis, or every operand C-contiguous (or one scalar) over the whole shape.
  if (nd0 === 1) {
    inner(size, out.data, out.offset, out.strides[0]!, a.data, a.offset, a.strides[0]!,
      b ? b.data : null, b ? b.offset : 0, b ? b.strides[0]! : 0);
    return;
  }
  if (isContiguous(shape, out.strides)) {
    const sa = flatStride(shape, a.strides);
    const sb = b === null ? 0 : flatStride(shape, b.strides);
    if (sa >= 0 && sb >= 0) {
      inner(size, out.data, out.offset, 1, a.data, a.offset, sa, b ? b.data : null, b ? b.offset : 0, sb);
      return;
    }
  }
  // Prepare: drop length-1 axes, sort by |output stride| (stable), coalesce.
  const axes: number[] = [];
  for (let i = 0; i < nd0; i++) if (shape[i] !== 1) axes.push(i);
  axes.sort((x, y) => Math.abs(out.strides[y]!) - Math.abs(out.strides[x]!) || x - y);
  const dims: number[] = [];
  const so: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  for (const ax of axes) {
    const d = shape[ax]!;
    const o = out.strides[ax]!, x = a.strides[ax]!, y = b ? b.strides[ax]! : 0;
    const m = dims.length - 1;
    if (m >= 0 && so[m] === o * d && sa[m] === x * d && sb[m] === y * d) {
      dims[m]! *= d;
      so[m] = o; sa[m] = x; sb[m] = y;
    } else {
      dims.push(d); so.push(o); sa.push(x); sb.push(y);
    }
  }
  const nd = dims.length;
  if (nd === 0) {
    inner(1, out.data, out.offset, 0, a.data, a.offset, 0, b ? b.data : null, b ? b.offset : 0, 0);
    return;
  }
  const n = dims[nd - 1]!;
  const iso = so[nd - 1]!, isa = sa[nd - 1]!, isb = sb[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let po = out.offset, pa = a.offset, pb = b ? b.offset : 0;
  const bd = b ? b.data : null;
  for (;;) {
    inner(n, out.data, po, iso, a.data, pa, isa, bd, pb, isb);
    let ax = nd - 2;
    for (; ax >= 0; ax--) {
      po += so[ax]!; pa += sa[ax]!; pb += sb[ax]!;
      if (++idx[ax]! < dims[ax]!) break;
      po -= so[ax]! * dims[ax]!; pa -= sa[ax]! * dims[ax]!; pb -= sb[ax]! * dims[ax]!;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}

function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d !== 1) {
      if (strides[i] !== expected) return false;
      expected *= d;
    }
  }
  return true;
}

/** 1 when C-contiguous over `shape`, 0 when every stride is 0 (a scalar), else -1. */
function flatStride(shape: readonly number[], strides: readonly number[]): number {
  let zero = true;
  for (const s of strides) if (s !== 0) { zero = false; break; }
  if (zero) return 0;
  return isContiguous(shape, strides) ? 1 : -1;
}

/**
 * np.where's kernel: out = cond ? x : y elementwise, over four operands of one
 * shape (cond holds 0/1 bytes; x, y and out share a dtype). No preparation beyond
 * a contiguous fast path: the odometer walks the axes in C order.
 */
export function runWhereJs(shape: readonly number[], out: JsOperand, c: JsOperand, x: JsOperand, y: JsOperand): void {
  let size = 1;
  for (const d of shape) size *= d;
  if (size === 0) return;
  const O = out.data, C = c.data, X = x.data, Y = y.data;
  const nd = shape.length;
  if (nd === 0 || isContiguous(shape, out.strides)) {
    const sc = nd === 0 ? 0 : flatStride(shape, c.strides);
    const sx = nd === 0 ? 0 : flatStride(shape, x.strides);
    const sy = nd === 0 ? 0 : flatStride(shape, y.strides);
    if (sc >= 0 && sx >= 0 && sy >= 0) {
      let ic = c.offset, ix = x.offset, iy = y.offset;
      const io = out.offset;
      if (sc === 1 && sx === 1 && sy === 0) {
        const yv = Y[iy]!;
        for (let k = 0; k < size; k++) O[io + k] = C[ic + k] !== 0 ? X[ix + k]! : yv;
        return;
      }
      for (let k = 0; k < size; k++, ic += sc, ix += sx, iy += sy) O[io + k] = C[ic] !== 0 ? X[ix]! : Y[iy]!;
      return;
    }
  }
  const idx = new Array<number>(nd).fill(0);
  const n = shape[nd - 1]!;
  const so = out.strides[nd - 1]!, sc = c.strides[nd - 1]!, sx = x.strides[nd - 1]!, sy = y.strides[nd - 1]!;
  let po = out.offset, pc = c.offset, px = x.offset, py = y.offset;
  for (;;) {
    for (let k = 0, io = po, ic = pc, ix = px, iy = py; k < n; k++, io += so, ic += sc, ix += sx, iy += sy) {
      O[io] = C[ic] !== 0 ? X[ix]! : Y[iy]!;
    }
    let ax = nd - 2;
    for (; ax >= 0; ax--) {
      po += out.strides[ax]!; pc += c.strides[ax]!; px += x.strides[ax]!; py += y.strides[ax]!;
      if (++idx[ax]! < shape[ax]!) break;
      const d = shape[ax]!;
      po -= out.strides[ax]! * d; pc -= c.strides[ax]! * d; px -= x.strides[ax]! * d; py -= y.strides[ax]! * d;
      idx[ax] = 0;
    }
    if (ax < 0) return;
  }
}
