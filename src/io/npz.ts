// .npz archives: a zip of .npy members (np.savez stores them, np.savez_compressed
// deflates them). The zip container is read and written by fflate (a small, dependency-free,
// widely used zip/deflate library with a synchronous API, which load() needs); numnode adds
// the limits: a member's declared inflated size must not exceed `maxInflatedBytes` and must
// be plausible for its compressed size, and a member is inflated through fflate's streaming
// API in 16 KiB steps that stop as soon as the output passes the declared size, so a zip
// bomb (or a member lying about its size) costs neither memory nor time beyond the cap.
import * as fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { Unzip, UnzipInflate, unzipSync, zipSync, type Zippable } from 'fflate';
import { fail } from '../core/errors';
import { NDArray } from '../core/ndarray';
import type { ArrayLike } from '../core/creation';
import { fromNpy, toNpy, MAX_HEADER_SIZE } from './npy';
import { npyError } from './header';

/** Default cap on the inflated size of one .npz member: 1 GiB (raise it with {maxInflatedBytes}). */
export const DEFAULT_MAX_INFLATED = 2 ** 30;
/** DEFLATE cannot expand by more than 1032:1; a larger declared ratio is a corrupt or hostile archive. */
const MAX_DEFLATE_RATIO = 1032;
/** A central directory entry takes at least 46 bytes. */
const MIN_DIR_ENTRY = 46;

/**
 * Bounds the work fflate will do on a directory before it starts: its loop runs once per
 * entry the end-of-directory record claims (a forged zip64 record can claim 2**32), so
 * the claimed count must fit in the archive. Reads the same fields fflate reads.
 */
function checkDirectory(bytes: Uint8Array, label: string): Map<string, number> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let e = bytes.length - 22;
  for (; e >= 0 && dv.getUint32(e, true) !== 0x06054b50; e--) {
    if (bytes.length - e > 65558) e = -1;
  }
  if (e < 0) npyError(`${label}: not a zip archive (no end of central directory record)`);
  let count = dv.getUint16(e + 8, true);
  if (e >= 20 && dv.getUint32(e - 20, true) === 0x07064b50) {
    const ze = dv.getUint32(e - 12, true);
    if (ze + 40 <= bytes.length && dv.getUint32(ze, true) === 0x06064b50) count = dv.getUint32(ze + 32, true);
  }
  if (count * MIN_DIR_ENTRY > bytes.length) {
    npyError(`${label}: the zip directory claims ${count} entries, more than the ${bytes.length}-byte archive can hold`);
  }
  return directoryCrcs(dv, e, label);
}

/**
 * The CRC-32 each central directory entry records, by member name (as fflate decodes
 * names: UTF-8 when flag bit 11 is set, else Latin-1), so that get() can check what it
 * inflated, as Python's zipfile does. fflate reads the same entries and does not check.
 */
function directoryCrcs(dv: DataView, eocd: number, label: string): Map<string, number> {
  const crcs = new Map<string, number>();
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    if (p + MIN_DIR_ENTRY > dv.byteLength || dv.getUint32(p, true) !== 0x02014b50) {
      // zip64 archives keep the directory offset elsewhere; their members are over 4 GiB,
      // past numnode's largest array, so only what is found is checked.
      if (count !== 0xffff && dv.getUint32(eocd + 16, true) !== 0xffffffff) npyError(`${label}: corrupt zip directory (entry ${i})`);
      break;
    }
    const utf8 = (dv.getUint16(p + 8, true) & 0x800) !== 0;
    const nameLen = dv.getUint16(p + 28, true);
    const skip = nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    if (p + MIN_DIR_ENTRY + skip > dv.byteLength) npyError(`${label}: corrupt zip directory (entry ${i})`);
    const raw = new Uint8Array(dv.buffer, dv.byteOffset + p + MIN_DIR_ENTRY, nameLen);
    const name = utf8 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw);
    if (!crcs.has(name)) crcs.set(name, dv.getUint32(p + 16, true));
    p += MIN_DIR_ENTRY + skip;
  }
  return crcs;
}

interface Member {
  name: string;
  compressedSize: number;
  size: number;
  compression: number;
}

export interface NpzOptions {
  maxHeaderSize?: number;
  maxInflatedBytes?: number;
  name?: string;
}

/**
 * The arrays of an .npz archive, read lazily: `get(name)` inflates and parses one member
 * each time it is called (as NumPy's NpzFile does). Names are the member names without
 * their '.npy' suffix; `files` lists them in archive order.
 */
export class NpzFile implements Iterable<[string, NDArray]> {
  readonly files: string[];
  private readonly members = new Map<string, Member>();
  private readonly crcs: Map<string, number>;
  private bytes: Uint8Array | null;
  private readonly maxHeaderSize: number;
  private readonly maxInflated: number;
  private readonly label: string;

  constructor(bytes: Uint8Array, opts: NpzOptions = {}) {
    this.bytes = bytes;
    this.maxHeaderSize = opts.maxHeaderSize ?? MAX_HEADER_SIZE;
    const cap = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
    if (typeof cap !== 'number' || !(cap >= 0)) fail('ERR_NUMNODE_ARG', RangeError, `maxInflatedBytes must be a non-negative number, got ${String(cap)}`);
    this.maxInflated = cap;
    this.label = opts.name ?? '<npz>';
    const list: Member[] = [];
    this.crcs = checkDirectory(bytes, this.label);
    try {
      unzipSync(bytes, {
        filter: (f) => {
          list.push({ name: f.name, compressedSize: f.size, size: f.originalSize, compression: f.compression });
          return false; // only the directory is read here
        },
      });
    } catch (e) {
      npyError(`${this.label}: not a valid zip archive (${(e as Error).message})`);
    }
    this.files = [];
    for (const m of list) {
      const key = m.name.endsWith('.npy') ? m.name.slice(0, -4) : m.name;
      if (!this.members.has(key)) {
        this.members.set(key, m);
        this.files.push(key);
      }
    }
  }

  /** Whether the archive has an array of this name. */
  has(name: string): boolean {
    return this.members.has(name);
  }

  /** The array `name` (inflated and parsed now). */
  get(name: string): NDArray {
    if (this.bytes === null) fail('ERR_NUMNODE_NPY', Error, `${this.label}: the archive is closed`);
    const m = this.members.get(name);
    if (m === undefined) fail('ERR_NUMNODE_INDEX', RangeError, `${name} is not a file in the archive`);
    if (m.compression !== 0 && m.compression !== 8) npyError(`${this.label}: member ${m.name} uses unsupported compression method ${m.compression}`);
    if (m.size > this.maxInflated) {
      npyError(`${this.label}: member ${m.name} inflates to ${m.size} bytes, more than maxInflatedBytes (${this.maxInflated})`);
    }
    if (m.compression === 8 && m.size > m.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      npyError(`${this.label}: member ${m.name} claims ${m.size} bytes from ${m.compressedSize} compressed bytes, more than DEFLATE can produce`);
    }
    if (m.compression === 0 && m.size !== m.compressedSize) npyError(`${this.label}: stored member ${m.name} has inconsistent sizes`);
    const data = readMember(this.bytes, m.name, m.size, this.label);
    const expected = this.crcs.get(m.name);
    if (expected !== undefined && crc32(data) >>> 0 !== expected) npyError(`${this.label}: Bad CRC-32 for file '${m.name}'`);
    return fromNpy(data, { maxHeaderSize: this.maxHeaderSize });
  }

  keys(): IterableIterator<string> {
    return this.files[Symbol.iterator]();
  }

  *entries(): IterableIterator<[string, NDArray]> {
    for (const k of this.files) yield [k, this.get(k)];
  }

  [Symbol.iterator](): IterableIterator<[string, NDArray]> {
    return this.entries();
  }

  get size(): number {
    return this.files.length;
  }

  /** Releases the archive's bytes; later get() calls throw. */
  close(): void {
    this.bytes = null;
  }

  /** An archive already in memory (the bytes of an .npz file). */
  static fromBytes(bytes: Uint8Array, opts?: NpzOptions): NpzFile {
    return new NpzFile(bytes, opts);
  }
}

/**
 * Inflation step: fflate inflates at most this much input before its output is counted,
 * so a lying member costs at most ~1032 × STEP bytes of work past its declared size.
 */
const STEP = 1 << 14;

/**
 * The bytes of member `name`, inflated by fflate's streaming Unzip fed in STEP-sized
 * pieces, stopping as soon as more than `size` bytes come out.
 */
function readMember(bytes: Uint8Array, name: string, size: number, label: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  let found = false;
  let error: string | null = null;
  const unzip = new Unzip((file) => {
    if (found || file.name !== name) return; // other members are skipped, never inflated
    found = true;
    file.ondata = (err, data, final) => {
      if (error !== null) return;
      if (err) { error = err.message; return; }
      if (data !== undefined && data !== null && data.length > 0) {
        total += data.length;
        if (total > size) {
          error = `inflates to more than the ${size} bytes its directory entry declares`;
          file.terminate();
          return;
        }
        chunks.push(data);
      }
      if (final) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let off = 0; off < bytes.length && !done && error === null; off += STEP) {
      const end = Math.min(bytes.length, off + STEP);
      unzip.push(bytes.subarray(off, end), end === bytes.length);
    }
  } catch (e) {
    if (error === null) error = (e as Error).message;
  }
  if (error !== null) npyError(`${label}: cannot read member ${name}: ${error}`);
  if (!done) npyError(`${label}: member ${name} could not be read (truncated archive?)`);
  if (total !== size) npyError(`${label}: member ${name} inflated to ${total} bytes, expected ${size}`);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, ArrayLike> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof NDArray)
    && !ArrayBuffer.isView(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * Member map of savez's arguments, in NumPy's order: named arrays (plain objects) first,
 * then the positional ones as arr_0, arr_1, ….
 */
function members(args: readonly unknown[], level: number): Zippable {
  const named: [string, unknown][] = [];
  const positional: unknown[] = [];
  for (const a of args) {
    if (isPlainObject(a)) named.push(...Object.entries(a));
    else positional.push(a);
  }
  const out: Zippable = {};
  const add = (name: string, a: unknown) => {
    if (Object.prototype.hasOwnProperty.call(out, `${name}.npy`)) {
      fail('ERR_NUMNODE_ARG', RangeError, `Cannot use un-named variables and keyword ${name}`);
    }
    out[`${name}.npy`] = [toNpy(a as ArrayLike), { level: level as 0 | 6 }];
  };
  for (const [name, a] of named) add(name, a);
  positional.forEach((a, i) => add(`arr_${i}`, a));
  return out;
}

function writeZip(path: string, args: readonly unknown[], level: number, fn: string): void {
  if (typeof path !== 'string' || path.length === 0) fail('ERR_NUMNODE_ARG', TypeError, `${fn}(): path must be a non-empty string`);
  let p = path;
  if (!p.endsWith('.npz')) p += '.npz';
  const zipped = zipSync(members(args, level));
  try {
    fs.writeFileSync(p, zipped);
  } catch (e) {
    fail('ERR_NUMNODE_NPY', Error, `cannot write ${p}: ${(e as Error).message}`);
  }
}

/**
 * np.savez: several arrays in one uncompressed .npz ('.npz' appended when missing).
 * Positional arrays are named arr_0, arr_1, …; a plain object maps names to arrays:
 * `savez('f.npz', x, y)` or `savez('f.npz', {weights: w, bias: b})`.
 */
export function savez(path: string, ...arrays: (ArrayLike | Record<string, ArrayLike>)[]): void {
  writeZip(path, arrays, 0, 'savez');
}

/** np.savez_compressed: as savez, with each member deflated. */
export function savezCompressed(path: string, ...arrays: (ArrayLike | Record<string, ArrayLike>)[]): void {
  writeZip(path, arrays, 6, 'savezCompressed');
}
