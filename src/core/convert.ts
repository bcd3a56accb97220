// Conversions of single values: JS scalars into a dtype's storage (with NumPy's
// errors for Python scalars that do not fit), and dtype-to-dtype casts as NumPy's
// C casts do them on x86-64 (float to int truncates; out-of-range or NaN gives the
// "integer indefinite" value of cvttsd2si; integers wrap).
import { DType, KIND, intRange, isBigIntDType, Scalar } from './dtype';
import { fail } from './errors';
import { describe } from './shape';

/** What a typed array of the dtype stores: number, or bigint for int64/uint64. */
export type Storage = number | bigint;

const TWO31 = 2147483648;
const TWO63 = 9223372036854775808;
const INT64_MIN = -(2n ** 63n);

/** cvttsd2si with a 32-bit destination. */
function truncI32(x: number): number {
  const t = Math.trunc(x);
  return t >= -TWO31 && t < TWO31 ? t : -TWO31;
}

/** cvttsd2si with a 64-bit destination, as a bigint. */
function truncI64(x: number): bigint {
  const t = Math.trunc(x);
  return t >= -TWO63 && t < TWO63 ? BigInt(t) : INT64_MIN;
}

/**
 * gcc's double -> uint64 sequence on x86-64: `x >= 2**63 ? cvttsd2si(x - 2**63) ^ 2**63
 * : cvttsd2si(x)`. The comparison is false for NaN, which therefore takes the direct
 * conversion and gives 2**63, as NumPy (and the addon) do.
 */
function truncU64(x: number): bigint {
  if (!(x >= TWO63)) return BigInt.asUintN(64, truncI64(x));
  return BigInt.asUintN(64, truncI64(x - TWO63) ^ INT64_MIN);
}

/** A float value cast to an integer dtype's storage. */
export function floatToInt(x: number, to: DType): Storage {
  switch (to) {
    case 'int64': return truncI64(x);
    case 'uint64': return truncU64(x);
    // gcc converts double -> uint32 through a 64-bit truncation.
    case 'uint32': return Number(BigInt.asUintN(32, truncI64(x)));
    default: return truncI32(x); // the typed array store wraps to 8/16/32 bits
  }
}

/**
 * A function converting one stored value of `from` into storage for `to`, or null
 * when assigning the raw value into the destination typed array already is the cast.
 */
export function castFunction(from: DType, to: DType): ((v: Storage) => Storage) | null {
  if (from === to) return null;
  const fk = KIND[from];
  if (to === 'bool') {
    return isBigIntDType(from) ? (v) => ((v as bigint) !== 0n ? 1 : 0) : (v) => ((v as number) !== 0 ? 1 : 0);
  }
  if (isBigIntDType(to)) {
    if (isBigIntDType(from)) return null; // BigInt64Array/BigUint64Array stores wrap
    if (fk === 'f') return (v) => floatToInt(v as number, to);
    return (v) => BigInt(v as number);
  }
  if (isBigIntDType(from)) {
    if (to === 'float64') return (v) => Number(v as bigint);
    if (to === 'float32') return (v) => bigintToFloat32(v as bigint);
    // Keep the low 32 bits exactly; the narrower typed array store wraps further.
    return (v) => Number(BigInt.asUintN(32, v as bigint));
  }
  if (fk === 'f' && KIND[to] !== 'f') return (v) => floatToInt(v as number, to);
  return null; // int/bool -> int wraps in the store; anything -> float rounds in the store
}

/**
 * A 64-bit integer rounded once to float32, as C's (float)int64 does. Going through
 * a double rounds twice: 2**62 + 2**38 + 1 becomes the tie 2**62 + 2**38 and then
 * 2**62 (ties to even), where one rounding gives 2**62 + 2**39. Above 2**53 the
 * value is first cut to 26 significant bits with the dropped bits OR-ed into the
 * lowest one (round to odd), which a double holds exactly and float32 then rounds
 * correctly.
 */
function bigintToFloat32(v: bigint): number {
  const neg = v < 0n;
  let m = neg ? -v : v;
  if (m < 2n ** 53n) return Math.fround(Number(v));
  const shift = BigInt(m.toString(2).length - 26);
  const sticky = (m & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
  m = (m >> shift) | sticky;
  const r = Math.fround(Number(m) * 2 ** Number(shift));
  return neg ? -r : r;
}

/** Reads storage as the public JS value of the dtype (boolean for bool). */
export function fromStorage(v: Storage, dtype: DType): Scalar {
  return dtype === 'bool' ? v !== 0 : v;
}

/**
 * Converts a JS scalar into storage for `dtype` as NumPy converts a Python scalar
 * on assignment: integral numbers and bigints must fit an integer dtype
 * ("Python integer 300 out of bounds for int8"), non-integral numbers truncate,
 * NaN and infinities cannot become integers, anything becomes a bool by truthiness.
 */
export function toStorage(value: unknown, dtype: DType): Storage {
  if (typeof value === 'boolean') value = value ? 1 : 0;
  if (dtype === 'bool') {
    if (typeof value === 'number') return value !== 0 ? 1 : 0;
    if (typeof value === 'bigint') return value !== 0n ? 1 : 0;
  } else if (KIND[dtype] === 'f') {
    if (typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    let big: bigint;
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return fail('ERR_NUMNODE_DTYPE', RangeError, 'cannot convert float NaN to integer');
      if (!Number.isFinite(value)) {
        return fail('ERR_NUMNODE_DTYPE', RangeError, 'cannot convert float infinity to integer');
      }
      big = BigInt(Math.trunc(value));
    } else big = value;
    const [lo, hi] = intRange(dtype);
    if (big < lo || big > hi) {
      return fail('ERR_NUMNODE_DTYPE', RangeError, `Python integer ${big} out of bounds for ${dtype}`);
    }
    return isBigIntDType(dtype) ? big : Number(big);
  }
  return fail('ERR_NUMNODE_ARG', TypeError,
    `cannot store ${describe(value)} (a ${value === null ? 'null' : typeof value}) in an array of dtype ${dtype}`);
}
