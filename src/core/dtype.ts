// The 11 dtypes, their storage, and the facts about them that every module needs.
import { fail } from './errors';

export type DType =
  | 'bool' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32'
  | 'int64' | 'uint64' | 'float32' | 'float64';

/** In NumPy's type-number order; the index is the dtype code shared with the addon (native/kernels/dtypes.def). */
export const DTYPES: readonly DType[] = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
];

export const DTYPE_CODE: Readonly<Record<DType, number>> = Object.fromEntries(
  DTYPES.map((d, i) => [d, i]),
) as Record<DType, number>;

export type Scalar = number | bigint | boolean;
/** The JS type of one element of an array of dtype D. */
export type ValueOf<D extends DType> = D extends 'bool' ? boolean : D extends 'int64' | 'uint64' ? bigint : number;

export type TypedArrayOf<D extends DType> =
  D extends 'bool' ? Uint8Array :
  D extends 'int8' ? Int8Array :
  D extends 'uint8' ? Uint8Array :
  D extends 'int16' ? Int16Array :
  D extends 'uint16' ? Uint16Array :
  D extends 'int32' ? Int32Array :
  D extends 'uint32' ? Uint32Array :
  D extends 'int64' ? BigInt64Array :
  D extends 'uint64' ? BigUint64Array :
  D extends 'float32' ? Float32Array :
  D extends 'float64' ? Float64Array : never;

export type AnyTypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

type TypedArrayCtor = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): AnyTypedArray;
  new (length: number): AnyTypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

export const TYPED_ARRAY: Readonly<Record<DType, TypedArrayCtor>> = {
  bool: Uint8Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  float32: Float32Array, float64: Float64Array,
} as Record<DType, TypedArrayCtor>;

export const ITEMSIZE: Readonly<Record<DType, number>> = {
  bool: 1, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4,
  int64: 8, uint64: 8, float32: 4, float64: 8,
};

export type Kind = 'b' | 'i' | 'u' | 'f';
export const KIND: Readonly<Record<DType, Kind>> = {
  bool: 'b', int8: 'i', uint8: 'u', int16: 'i', uint16: 'u', int32: 'i', uint32: 'u',
  int64: 'i', uint64: 'u', float32: 'f', float64: 'f',
};

export const isBigIntDType = (d: DType): d is 'int64' | 'uint64' => d === 'int64' || d === 'uint64';
export const isFloatDType = (d: DType): d is 'float32' | 'float64' => d === 'float32' || d === 'float64';
export const isIntegerDType = (d: DType): boolean => KIND[d] === 'i' || KIND[d] === 'u';

/** Inclusive value range of an integer dtype, as bigints. */
export function intRange(d: DType): [bigint, bigint] {
  switch (d) {
    case 'bool': return [0n, 1n];
    case 'int8': return [-128n, 127n];
    case 'uint8': return [0n, 255n];
    case 'int16': return [-32768n, 32767n];
    case 'uint16': return [0n, 65535n];
    case 'int32': return [-2147483648n, 2147483647n];
    case 'uint32': return [0n, 4294967295n];
    case 'int64': return [-(2n ** 63n), 2n ** 63n - 1n];
    case 'uint64': return [0n, 2n ** 64n - 1n];
    default: return fail('ERR_NUMNODE_DTYPE', TypeError, `${d} is not an integer dtype`);
  }
}

// NumPy accepts several spellings; so do we (the canonical name is what `dtype` holds).
const ALIASES: Record<string, DType> = {
  bool: 'bool', bool_: 'bool', '?': 'bool', b1: 'bool',
  int8: 'int8', i1: 'int8', byte: 'int8',
  uint8: 'uint8', u1: 'uint8', ubyte: 'uint8',
  int16: 'int16', i2: 'int16', short: 'int16',
  uint16: 'uint16', u2: 'uint16', ushort: 'uint16',
  int32: 'int32', i4: 'int32', intc: 'int32',
  uint32: 'uint32', u4: 'uint32', uintc: 'uint32',
  int64: 'int64', i8: 'int64', int: 'int64', int_: 'int64', intp: 'int64', long: 'int64', longlong: 'int64',
  uint64: 'uint64', u8: 'uint64', uint: 'uint64', uintp: 'uint64', ulong: 'uint64', ulonglong: 'uint64',
  float32: 'float32', f4: 'float32', single: 'float32',
  float64: 'float64', f8: 'float64', double: 'float64', float: 'float64', float_: 'float64',
};

/** Resolves a dtype name (or alias) to its canonical name; anything else is a coded TypeError. */
export function toDType(x: unknown): DType {
  if (typeof x === 'string' && Object.prototype.hasOwnProperty.call(ALIASES, x)) return ALIASES[x]!;
  return fail('ERR_NUMNODE_DTYPE', TypeError, `data type ${typeof x === 'string' ? `'${x}'` : String(x)} not understood`);
}

/** The dtype of a TypedArray's elements (Uint8ClampedArray reads as uint8). */
export function dtypeOfTypedArray(t: AnyTypedArray): DType {
  if (t instanceof Float64Array) return 'float64';
  if (t instanceof Float32Array) return 'float32';
  if (t instanceof Int32Array) return 'int32';
  if (t instanceof Uint32Array) return 'uint32';
  if (t instanceof Int16Array) return 'int16';
  if (t instanceof Uint16Array) return 'uint16';
  if (t instanceof Int8Array) return 'int8';
  if (t instanceof Uint8Array || t instanceof Uint8ClampedArray) return 'uint8';
  if (t instanceof BigInt64Array) return 'int64';
  if (t instanceof BigUint64Array) return 'uint64';
  return fail('ERR_NUMNODE_DTYPE', TypeError, 'unsupported TypedArray');
}

export function isTypedArray(x: unknown): x is AnyTypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}
