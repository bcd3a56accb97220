// NumPy 2's type promotion (NEP 50) for the 11 dtypes: promoteTypes between
// dtypes, resultType over dtypes, arrays and *weak* JS scalars, and canCast.
//
// Weak scalars (NEP 50): a JS `number` or `bigint` passed where an array is
// expected behaves like a Python scalar. It does not choose the precision of the
// result, only its kind: an integral number or a bigint acts like a Python int,
// a non-integral number (or NaN / ±Infinity) like a Python float. So
// `int8 array + 2` stays int8, `int8 array + 2.5` is float64, `float32 array + 2.5`
// stays float32. JavaScript cannot tell `2.0` from `2`: both are an integral
// number, i.e. a Python int (NumPy would make `int8 array * 2.0` float64). A JS
// boolean is NumPy's bool (bool is the lowest kind, so strong and weak agree).
import { DType, ITEMSIZE, KIND, toDType } from './dtype';
import { fail } from './errors';
import { describe } from './shape';

const SIGNED_BY_SIZE: Record<number, DType> = { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' };

/** np.promote_types(a, b) for the 11 dtypes. */
export function promoteTypes(a: DType | string, b: DType | string): DType {
  const x = toDType(a);
  const y = toDType(b);
  if (x === y) return x;
  const kx = KIND[x];
  const ky = KIND[y];
  if (kx === 'b') return y;
  if (ky === 'b') return x;
  const sx = ITEMSIZE[x];
  const sy = ITEMSIZE[y];
  if (kx === 'f' || ky === 'f') {
    const [f, other] = kx === 'f' ? [x, y] : [y, x];
    if (KIND[other] === 'f') return sx >= sy ? x : y;
    // float32 holds integers of up to 16 bits exactly; wider ones need float64.
    return f === 'float32' && ITEMSIZE[other] <= 2 ? 'float32' : 'float64';
  }
  if (kx === ky) return sx >= sy ? x : y;
  const [s, u] = kx === 'i' ? [x, y] : [y, x];
  if (ITEMSIZE[s] > ITEMSIZE[u]) return s;
  return ITEMSIZE[u] < 8 ? SIGNED_BY_SIZE[ITEMSIZE[u] * 2]! : 'float64';
}

/** The kind of a weak scalar: a Python int or a Python float. */
export type WeakKind = 'int' | 'float';

/** The weak kind of a JS number or bigint (see the header comment). */
export function weakKindOf(v: number | bigint): WeakKind {
  return typeof v === 'bigint' || Number.isInteger(v) ? 'int' : 'float';
}

/**
 * The result dtype of strong dtypes combined with weak scalar kinds (NEP 50):
 * strong dtypes promote among themselves; a weak int then only lifts bool to
 * int64, a weak float lifts bool and integers to float64. Only weak scalars:
 * int64 for ints, float64 once a float is present.
 */
export function combineWeak(strong: DType | null, weak: WeakKind | null): DType {
  if (strong === null) return weak === 'float' ? 'float64' : 'int64';
  if (weak === 'float' && KIND[strong] !== 'f') return 'float64';
  if (weak === 'int' && strong === 'bool') return 'int64';
  return strong;
}

/** Something with a dtype (an NDArray, without importing the class here). */
interface HasDType { readonly dtype: DType }

function isHasDType(x: unknown): x is HasDType {
  return typeof x === 'object' && x !== null && typeof (x as { dtype?: unknown }).dtype === 'string'
    && 'shape' in (x as object);
}

/**
 * np.result_type(...): dtypes (names or aliases), arrays and JS scalars, with
 * NEP 50's weak-scalar rules (see the header comment). Like NumPy 2 it never
 * looks at scalar values: resultType('uint8', 300) is uint8.
 */
export function resultType(...args: readonly unknown[]): DType {
  if (args.length === 0) fail('ERR_NUMNODE_ARG', RangeError, 'at least one array or dtype is required');
  let strong: DType | null = null;
  let weak: WeakKind | null = null;
  for (const x of args) {
    let d: DType | null = null;
    if (typeof x === 'number' || typeof x === 'bigint') {
      const k = weakKindOf(x);
      if (weak !== 'float') weak = k;
    } else if (typeof x === 'boolean') d = 'bool';
    else if (typeof x === 'string') d = toDType(x);
    else if (isHasDType(x)) d = x.dtype;
    else {
      fail('ERR_NUMNODE_ARG', TypeError,
        `resultType() takes dtypes, arrays and scalars, got ${describe(x)}`);
    }
    if (d !== null) strong = strong === null ? d : promoteTypes(strong, d);
  }
  return combineWeak(strong, weak);
}

export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';
const CASTINGS: readonly Casting[] = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

// NumPy's kind order for same_kind casts: a cast may keep or raise the kind
// (bool < unsigned < signed < float), never lower it.
const KIND_ORDER = { b: 0, u: 1, i: 2, f: 3 } as const;

/** canCast for two canonical dtypes, no argument checks (the elementwise module's hot path). */
export function canCastDType(from: DType, to: DType, casting: Casting): boolean {
  if (from === to) return true;
  switch (casting) {
    case 'no':
    case 'equiv': return false;
    case 'safe': return promoteTypes(from, to) === to;
    case 'same_kind': return promoteTypes(from, to) === to || KIND_ORDER[KIND[from]] <= KIND_ORDER[KIND[to]];
    default: return true;
  }
}

/** Validates a casting rule name, NumPy's message otherwise. */
export function toCasting(c: unknown): Casting {
  if (typeof c !== 'string' || !(CASTINGS as readonly string[]).includes(c)) {
    return fail('ERR_NUMNODE_ARG', RangeError,
      `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got ${describe(c)})`);
  }
  return c as Casting;
}

/**
 * np.can_cast(from, to, casting='safe'): `from` is a dtype or an array (its
 * dtype). As in NumPy 2, JS numbers are refused: the answer used to depend on
 * the value.
 */
export function canCast(from: DType | string | HasDType, to: DType | string, casting: Casting = 'safe'): boolean {
  if (typeof from === 'number' || typeof from === 'bigint' || typeof from === 'boolean') {
    fail('ERR_NUMNODE_ARG', TypeError,
      'can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\n'
      + 'This change was part of adopting NEP 50, we may explicitly allow them again in the future.');
  }
  const f = isHasDType(from) ? from.dtype : toDType(from);
  return canCastDType(f, toDType(to), toCasting(casting));
}
