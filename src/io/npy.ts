// NumPy's .npy format (numpy/lib/format.py): magic "\x93NUMPY", version byte pair, a
// little-endian header length (uint16 for 1.0, uint32 for 2.0/3.0), a Python dict
// literal padded with spaces and a newline so that the data starts 64-byte aligned, then
// the raw data in C or Fortran order. Versions 1.0, 2.0 and 3.0 are read; numnode writes
// 1.0 (as NumPy does when the header fits) unless asked. Every malformed input is a coded
// ERR_NUMNODE_NPY error before any allocation larger than the input itself.
import { DType, ITEMSIZE } from '../core/dtype';
import { fail, shapeStr } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import { asarray, type ArrayLike } from '../core/creation';
import { allocate } from '../core/memory';
import { cStrides, fStrides } from '../core/shape';
import { npyError, parseLiteral, pyRepr, type PyValue } from './header';

export const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
export const MAGIC_LEN = 8;
export const ARRAY_ALIGN = 64;
/** NumPy's _MAX_HEADER_SIZE: longer headers are refused unless the caller raises the limit. */
export const MAX_HEADER_SIZE = 10000;
const GROWTH_AXIS_MAX_DIGITS = 21;

export type NpyVersion = [1, 0] | [2, 0] | [3, 0];

export interface NpyHeader {
  version: [number, number];
  /** Offset of the first data byte from the start of the file. */
  dataOffset: number;
  dtype: DType;
  /** Byte order of the stored data. */
  littleEndian: boolean;
  fortranOrder: boolean;
  shape: number[];
  /** Number of elements (1 for a 0-d array). */
  count: number;
  nbytes: number;
  /** The descr string as stored, e.g. '<f8'. */
  descr: string;
}

// ---- dtype descriptors -------------------------------------------------------------

const CODE_TO_DTYPE: Record<string, DType> = {
  b1: 'bool', '?': 'bool', i1: 'int8', b: 'int8', u1: 'uint8', B: 'uint8',
  i2: 'int16', h: 'int16', u2: 'uint16', H: 'uint16',
  i4: 'int32', i: 'int32', u4: 'uint32', I: 'uint32',
  i8: 'int64', l: 'int64', q: 'int64', p: 'int64', u8: 'uint64', L: 'uint64', Q: 'uint64', P: 'uint64',
  f4: 'float32', f: 'float32', f8: 'float64', d: 'float64',
  bool: 'bool', bool_: 'bool', int8: 'int8', uint8: 'uint8', int16: 'int16', uint16: 'uint16',
  int32: 'int32', uint32: 'uint32', int64: 'int64', uint64: 'uint64', float32: 'float32', float64: 'float64',
};

const DTYPE_TO_CODE: Record<DType, string> = {
  bool: 'b1', int8: 'i1', uint8: 'u1', int16: 'i2', uint16: 'u2', int32: 'i4', uint32: 'u4',
  int64: 'i8', uint64: 'u8', float32: 'f4', float64: 'f8',
};

const OBJECT_REFUSAL = 'Object arrays cannot be loaded when allow_pickle=False';

function hasObject(d: PyValue): boolean {
  if (d.t === 'str') return /^[<>|=]?O\d*$/.test(d.v) || d.v === 'object';
  if (d.t === 'list' || d.t === 'tuple') return d.items.some(hasObject);
  return false;
}

/** descr → (dtype, little-endian?), NumPy's errors for objects, ours for dtypes numnode lacks. */
export function descrToDType(d: PyValue): { dtype: DType; littleEndian: boolean; descr: string } {
  if (hasObject(d)) npyError(OBJECT_REFUSAL);
  if (d.t !== 'str') {
    if (d.t === 'list') npyError(`numnode cannot load structured arrays (descr ${pyRepr(d)})`);
    return npyError(`descr is not a valid dtype descriptor: ${pyRepr(d)}`);
  }
  const m = /^([<>|=]?)(.+)$/.exec(d.v);
  const code = m?.[2] ?? '';
  const order = m?.[1] ?? '';
  const dtype = Object.prototype.hasOwnProperty.call(CODE_TO_DTYPE, code) ? CODE_TO_DTYPE[code] : undefined;
  if (dtype === undefined) {
    if (/^([<>|=]?)(c8|c16|c32|f2|f16|e|g|F|D|G|[SUVaMm]\d*(\[.*\])?|datetime64.*|timedelta64.*|complex\d*|float(?:16|128)|longdouble|clongdouble|str|bytes|U|S)$/.test(d.v)) {
      return npyError(`numnode does not support the dtype ${pyRepr(d)} (supported: bool, int8..uint64, float32, float64)`);
    }
    return npyError(`descr is not a valid dtype descriptor: ${pyRepr(d)}`);
  }
  const littleEndian = order !== '>' || ITEMSIZE[dtype] === 1;
  return { dtype, littleEndian, descr: d.v };
}

/** The descr NumPy writes for a dtype on this (little-endian) machine. */
export function dtypeToDescr(dtype: DType): string {
  return `${ITEMSIZE[dtype] === 1 ? '|' : '<'}${DTYPE_TO_CODE[dtype]}`;
}

// ---- reading --------------------------------------------------------------------------

/** Bytes needed to know the header's length: magic (8) plus the length field. */
export function preambleLength(bytes: Uint8Array): number {
  if (bytes.length < MAGIC_LEN) npyError(`the magic string is not correct; expected b'\\x93NUMPY', got ${bytesRepr(bytes.subarray(0, 6))}`);
  return bytes[6] === 1 ? 10 : 12;
}

function bytesRepr(b: Uint8Array): string {
  let s = "b'";
  for (const c of b) s += c >= 32 && c < 127 && c !== 39 && c !== 92 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`;
  return `${s}'`;
}

/**
 * Parses the preamble and header of `bytes` (which must hold at least the whole header;
 * the data may be absent). Checks everything that can be checked without the data.
 */
export function parseHeader(bytes: Uint8Array, maxHeaderSize = MAX_HEADER_SIZE): NpyHeader {
  if (bytes.length < MAGIC_LEN || MAGIC.some((m, i) => bytes[i] !== m)) {
    npyError(`the magic string is not correct; expected b'\\x93NUMPY', got ${bytesRepr(bytes.subarray(0, Math.min(6, bytes.length)))}`);
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    npyError(`we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < MAGIC_LEN + lenBytes) npyError('EOF: reading array header length, expected 2 bytes got 0'.replace('2', String(lenBytes)));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? dv.getUint16(MAGIC_LEN, true) : dv.getUint32(MAGIC_LEN, true);
  const start = MAGIC_LEN + lenBytes;
  // A header longer than the limit is refused before it is decoded (utf-8 needs at most 4
  // bytes per character, so a longer byte count cannot be within the limit).
  if (headerLength > maxHeaderSize * (major === 3 ? 4 : 1)) {
    npyError(`Header info length (${headerLength}) is large and may not be safe to load securely. To allow loading, adjust \`maxHeaderSize\`.`);
  }
  if (bytes.length < start + headerLength) {
    npyError(`EOF: reading array header, expected ${headerLength} bytes got ${Math.max(0, bytes.length - start)}`);
  }
  const raw = bytes.subarray(start, start + headerLength);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return npyError('the array header is not valid UTF-8');
    }
  } else text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  if (text.length > maxHeaderSize) {
    npyError(`Header info length (${text.length}) is large and may not be safe to load securely. To allow loading, adjust \`maxHeaderSize\`.`);
  }
  const d = parseLiteral(text, major);
  if (d.t !== 'dict') npyError(`Header is not a dictionary: ${pyRepr(d)}`);
  const map = new Map<string, PyValue>();
  for (const [k, v] of d.entries) {
    if (k.t !== 'str') npyError(`Header does not contain the correct keys: ${pyRepr({ t: 'list', items: d.entries.map((e) => e[0]) })}`);
    map.set(k.v, v);
  }
  const keys = [...map.keys()].sort();
  if (keys.length !== 3 || keys[0] !== 'descr' || keys[1] !== 'fortran_order' || keys[2] !== 'shape') {
    npyError(`Header does not contain the correct keys: [${keys.map((k) => `'${k}'`).join(', ')}]`);
  }
  const shapeV = map.get('shape')!;
  if (shapeV.t !== 'tuple' || shapeV.items.some((x) => x.t !== 'int')) npyError(`shape is not valid: ${pyRepr(shapeV)}`);
  const fo = map.get('fortran_order')!;
  if (fo.t !== 'bool') npyError(`fortran_order is not a valid bool: ${pyRepr(fo)}`);
  const { dtype, littleEndian, descr } = descrToDType(map.get('descr')!);
  if (shapeV.items.length > 64) npyError(`shape has ${shapeV.items.length} dimensions; at most 64 are supported`);
  const dims = shapeV.items.map((x) => (x as { v: bigint }).v);
  if (dims.some((x) => x < 0n)) npyError(`shape is not valid: ${pyRepr(shapeV)} (negative dimensions are not allowed)`);
  let count = 1n;
  for (const x of dims) count *= x;
  const nbytes = count * BigInt(ITEMSIZE[dtype]);
  if (nbytes > BigInt(Number.MAX_SAFE_INTEGER) || dims.some((x) => x > BigInt(Number.MAX_SAFE_INTEGER))) {
    npyError(`shape ${pyRepr(shapeV)} is too large: ${nbytes} bytes of data`);
  }
  return {
    version: [major, minor], dataOffset: start + headerLength, dtype, littleEndian,
    fortranOrder: fo.v, shape: dims.map(Number), count: Number(count), nbytes: Number(nbytes), descr,
  };
}

export function shortDataError(h: NpyHeader, available: number): never {
  const got = Math.floor(Math.max(0, available) / ITEMSIZE[h.dtype]);
  return npyError(`Failed to read all data for array. Expected ${shapeStr(h.shape)} = ${h.count} elements, could only read ${got} elements. (file seems not to be an .npy file or is truncated)`);
}

/** Swaps the byte order of n items of `itemsize` bytes in place. */
export function byteswap(bytes: Uint8Array, itemsize: number): void {
  if (itemsize === 1 || bytes.length === 0) return;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (itemsize === 2) b.swap16();
  else if (itemsize === 4) b.swap32();
  else b.swap64();
}

/** An NDArray of the header's shape and order over `buffer` at `byteOffset` (data in native order). */
export function arrayFromData(h: NpyHeader, buffer: ArrayBufferLike, byteOffset: number, writeable = true): NDArray {
  const itemsize = ITEMSIZE[h.dtype];
  const strides = h.fortranOrder ? fStrides(h.shape, itemsize) : cStrides(h.shape, itemsize);
  return new NDArray(buffer, h.dtype, h.shape, strides, byteOffset, null, writeable);
}

export interface FromNpyOptions {
  /** Largest header accepted, in characters (NumPy's max_header_size, default 10000). */
  maxHeaderSize?: number;
  /** Always copy the data (default: share `bytes` when the data is aligned and little-endian). */
  copy?: boolean;
}

function toBytes(x: unknown): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (x instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && x instanceof SharedArrayBuffer)) return new Uint8Array(x);
  return fail('ERR_NUMNODE_ARG', TypeError, 'fromNpy() expects a Uint8Array, Buffer, ArrayBuffer or TypedArray');
}

/**
 * The array in an in-memory .npy file. Shares memory with `bytes` when the data is
 * little-endian and aligned to the item size (NumPy's files always are), else copies.
 */
export function fromNpy(bytesIn: Uint8Array | ArrayBufferLike | ArrayBufferView, opts?: FromNpyOptions): NDArray {
  checkOptions(opts, ['maxHeaderSize', 'copy'], 'fromNpy');
  const bytes = toBytes(bytesIn);
  const h = parseHeader(bytes, checkMaxHeader(opts?.maxHeaderSize));
  const available = bytes.length - h.dataOffset;
  if (available < h.nbytes) shortDataError(h, available);
  const itemsize = ITEMSIZE[h.dtype];
  const at = bytes.byteOffset + h.dataOffset;
  if (!opts?.copy && h.littleEndian && at % itemsize === 0) return arrayFromData(h, bytes.buffer, at);
  const { buffer, byteOffset } = allocate(h.nbytes, false);
  const dst = new Uint8Array(buffer, byteOffset, h.nbytes);
  dst.set(bytes.subarray(h.dataOffset, h.dataOffset + h.nbytes));
  if (!h.littleEndian) byteswap(dst, itemsize);
  return arrayFromData(h, buffer, byteOffset);
}

export function checkMaxHeader(v: unknown): number {
  if (v === undefined) return MAX_HEADER_SIZE;
  if (typeof v !== 'number' || !(v >= 0)) fail('ERR_NUMNODE_ARG', RangeError, `maxHeaderSize must be a non-negative number, got ${String(v)}`);
  return v;
}

// ---- writing ---------------------------------------------------------------------------

export interface ToNpyOptions {
  /** Format version to write: '1.0' (default when the header fits), '2.0' or '3.0'. */
  version?: '1.0' | '2.0' | '3.0' | [number, number];
}

function parseVersion(v: unknown): [number, number] | null {
  if (v === undefined || v === null) return null;
  const t = typeof v === 'string' ? v.split('.').map(Number) : Array.isArray(v) ? v : [NaN];
  const [a, b] = t as number[];
  if (!((a === 1 || a === 2 || a === 3) && b === 0 && t.length === 2)) {
    fail('ERR_NUMNODE_NPY', RangeError, `we only support format version (1,0), (2,0), and (3,0), not ${String(v)}`);
  }
  return [a!, b!];
}

/** Python's repr of a shape tuple. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 0) return '()';
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** The header bytes NumPy writes for an array of this dtype, shape and order (byte for byte). */
export function encodeHeader(dtype: DType, shape: readonly number[], fortranOrder: boolean, version: [number, number] | null): Uint8Array {
  let header = `{'descr': '${dtypeToDescr(dtype)}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[fortranOrder ? shape.length - 1 : 0]).length);
  const wrap = (ver: [number, number]): Uint8Array | null => {
    const lenBytes = ver[0] === 1 ? 2 : 4;
    const body = Buffer.from(header, ver[0] === 3 ? 'utf8' : 'latin1');
    const hlen = body.length + 1;
    const padlen = ARRAY_ALIGN - ((MAGIC_LEN + lenBytes + hlen) % ARRAY_ALIGN);
    const total = hlen + padlen;
    if (lenBytes === 2 && total > 0xffff) return null;
    const out = new Uint8Array(MAGIC_LEN + lenBytes + total);
    out.set(MAGIC, 0);
    out[6] = ver[0];
    out[7] = ver[1];
    const dv = new DataView(out.buffer);
    if (lenBytes === 2) dv.setUint16(MAGIC_LEN, total, true); else dv.setUint32(MAGIC_LEN, total, true);
    out.set(body, MAGIC_LEN + lenBytes);
    out.fill(0x20, MAGIC_LEN + lenBytes + body.length, out.length - 1);
    out[out.length - 1] = 0x0a;
    return out;
  };
  if (version !== null) {
    const h = wrap(version);
    if (h === null) fail('ERR_NUMNODE_NPY', RangeError, `Header length too big for version=(${version[0]}, ${version[1]})`);
    return h;
  }
  return wrap([1, 0]) ?? wrap([2, 0])!;
}

/** The layout an array is written in: its own memory when C- or F-contiguous, else a C-order copy. */
export function writableLayout(aIn: ArrayLike): { a: NDArray; fortran: boolean; data: Uint8Array } {
  let a = asarray(aIn);
  a._checkBuffer();
  const f = a.flags;
  let fortran = false;
  if (!f.cContiguous) {
    if (f.fContiguous) fortran = true;
    else a = a.copy('C');
  }
  const data = new Uint8Array(a.buffer, a.byteOffset, a.nbytes);
  return { a, fortran, data };
}

/** The .npy file of an array, in memory. */
export function toNpy(aIn: ArrayLike, opts?: ToNpyOptions): Uint8Array {
  checkOptions(opts, ['version'], 'toNpy');
  const { a, fortran, data } = writableLayout(aIn);
  const header = encodeHeader(a.dtype, a.shape, fortran, parseVersion(opts?.version));
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

export { parseVersion };
