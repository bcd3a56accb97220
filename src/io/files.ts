// save/load of .npy and .npz files. `load` reads the header first and the data straight
// into the array's memory (one read, no intermediate buffer); with {mmapMode} the addon
// maps the file and the array is a view of the mapping. A file whose header promises more
// data than it holds, or whose header is malformed, is refused before anything large is
// allocated.
import * as fs from 'node:fs';
import { ITEMSIZE } from '../core/dtype';
import { fail } from '../core/errors';
import { NDArray, checkOptions } from '../core/ndarray';
import type { ArrayLike } from '../core/creation';
import { allocate } from '../core/memory';
import { nativeFor } from '../backend/backend';
import {
  MAGIC, MAX_HEADER_SIZE, arrayFromData, byteswap, checkMaxHeader, encodeHeader, parseHeader, parseVersion,
  shortDataError, writableLayout, type NpyHeader, type ToNpyOptions,
} from './npy';
import { npyError } from './header';
import { NpzFile, DEFAULT_MAX_INFLATED } from './npz';

const IO_CHUNK = 1 << 30; // fs.readSync/writeSync take at most 2**31 - 1 bytes per call

function ioError(op: string, path: string, e: unknown): never {
  const err = e as NodeJS.ErrnoException;
  return fail('ERR_NUMNODE_NPY', Error, `${op} ${path}: ${err.code !== undefined ? `${err.code}: ` : ''}${err.message}`);
}

function checkPath(path: unknown, fn: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    fail('ERR_NUMNODE_ARG', TypeError, `${fn}(): path must be a non-empty string`);
  }
  return path;
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let off = 0; off < data.length;) {
    off += fs.writeSync(fd, data, off, Math.min(IO_CHUNK, data.length - off));
  }
}

/** Reads exactly `length` bytes at `position` into dst; returns how many could be read. */
function readInto(fd: number, dst: Uint8Array, position: number): number {
  let got = 0;
  while (got < dst.length) {
    const n = fs.readSync(fd, dst, got, Math.min(IO_CHUNK, dst.length - got), position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

// The first bytes of every loaded file are read here, not into a fresh array: while a
// just-mapped 400 MB buffer is young, V8 answers the next ArrayBuffer allocation with a
// scavenge ("external memory pressure"), and with a fresh 40 KB header buffer per call,
// --trace-gc showed one on every load(..., {mmapMode}) of the bench file.
// load() is synchronous and nothing keeps a reference to these bytes after it returns.
const HEAD_SCRATCH = new Uint8Array(4096);

/**
 * The file's first bytes, enough to hold its .npy header when it has one: at most
 * 12 + 4 * maxHeader bytes (a longer header is refused by parseHeader from its length
 * field alone), and no more than the header's length field asks for.
 */
function readHead(fd: number, size: number, maxHeader: number): Uint8Array {
  const cap = Math.min(size, 12 + maxHeader * 4);
  const n = Math.min(cap, HEAD_SCRATCH.length);
  let head = HEAD_SCRATCH.subarray(0, readInto(fd, HEAD_SCRATCH.subarray(0, n), 0));
  if (head.length === cap || head.length < 10 || MAGIC.some((m, i) => head[i] !== m)) return head;
  const major = head[6]!;
  if (major < 1 || major > 3 || (major > 1 && head.length < 12)) return head; // parseHeader says why
  const needed = major === 1 ? 10 + (head[8]! | (head[9]! << 8)) : 12 + ((head[8]! | (head[9]! << 8) | (head[10]! << 16)) >>> 0) + head[11]! * 2 ** 24;
  if (needed <= head.length) return head;
  head = new Uint8Array(Math.min(cap, needed));
  return head.subarray(0, readInto(fd, head, 0));
}

function writeAllAt(fd: number, data: Uint8Array, position: number): void {
  for (let off = 0; off < data.length;) {
    off += fs.writeSync(fd, data, off, Math.min(IO_CHUNK, data.length - off), position + off);
  }
}

/** Zeros: no .npy or .npz starts with them (save's first write makes the file invalid). */
export const NOT_MAGIC = new Uint8Array(MAGIC.length);

/**
 * Writes `a` to `path` as .npy (NumPy's np.save: '.npy' is appended when missing). The
 * data goes from the array's memory to the file directly when the array is contiguous.
 *
 * An existing regular file is overwritten in place, not truncated first: truncating a
 * 400 MB file and writing it again (what np.save's 'wb' does) costs its blocks' release
 * and fresh delayed allocation, and ext4 then flushes the data on close because the file
 * was truncated (auto_da_alloc); measured on the bench file, open(O_TRUNC) + write +
 * close took 240-330 ms against 45 ms for the overwrite. The file is invalid from the
 * first write to the last: its magic is zeroed first and the header written last, so a
 * save interrupted at any point leaves a file that load() refuses (as a truncated file
 * was before), never old data under a new header; a failed write empties the file. Like
 * np.save, save is not atomic: the old contents are gone once it starts.
 */
export function save(path: string, a: ArrayLike, opts?: ToNpyOptions): void {
  checkOptions(opts, ['version'], 'save');
  let p = checkPath(path, 'save');
  if (!p.endsWith('.npy')) p += '.npy';
  const layout = writableLayout(a);
  const { a: arr, fortran } = layout;
  let data = layout.data;
  const header = encodeHeader(arr.dtype, arr.shape, fortran, parseVersion(opts?.version));
  let fd: number;
  try {
    fd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o666);
  } catch (e) {
    return ioError('cannot open', p, e);
  }
  let overwriting = false;
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    if (st.isFile()) {
      // The array may be a mapping of this very file (load(p, {mmapMode}) then save(p)):
      // writing it over itself at a shifted offset would read bytes already overwritten.
      if (isMappingOf(arr.buffer, st)) {
        const c = arr.copy(fortran ? 'F' : 'C');
        data = new Uint8Array(c.buffer, c.byteOffset, data.length);
      }
      overwriting = true;
      if (st.size > 0n) writeAllAt(fd, NOT_MAGIC, 0);
      writeAllAt(fd, data, header.length);
      writeAllAt(fd, header, 0);
      const total = header.length + data.length;
      if (st.size > BigInt(total)) fs.ftruncateSync(fd, total);
    } else {
      // a FIFO, a character device...: no positioned writes, no truncation
      writeAll(fd, header);
      writeAll(fd, data);
    }
  } catch (e) {
    if (overwriting) {
      try { fs.ftruncateSync(fd, 0); } catch { /* the write error below is the one to report */ }
    }
    ioError('cannot write', p, e);
  } finally {
    fs.closeSync(fd);
  }
}

export type MmapMode = 'r' | 'c' | 'r+';

export interface LoadOptions {
  /**
   * Map the file instead of reading it: 'r' read-only, 'c' copy-on-write (writes stay in
   * memory), 'r+' writes go to the file. Needs the native addon; see README.
   */
  mmapMode?: MmapMode | null;
  /** Largest .npy header accepted, in characters (default 10000, NumPy's limit). */
  maxHeaderSize?: number;
  /** .npz: refuse members whose inflated size exceeds this many bytes (default 1 GiB). */
  maxInflatedBytes?: number;
}

/**
 * Loads an .npy file (an NDArray) or an .npz archive (an NpzFile, a lazy name → array
 * map), as np.load does: the file's magic decides, whatever its name (the overloads on
 * the '.npy'/'.npz' suffix only give TypeScript the likely type). Pickled data (object
 * arrays, pickle files) is refused.
 */
export function load(path: `${string}.npy`, opts?: LoadOptions): NDArray;
export function load(path: `${string}.npz`, opts?: LoadOptions): NpzFile;
export function load(path: string, opts?: LoadOptions): NDArray | NpzFile;
export function load(path: string, opts?: LoadOptions): NDArray | NpzFile {
  checkOptions(opts, ['mmapMode', 'maxHeaderSize', 'maxInflatedBytes'], 'load');
  const p = checkPath(path, 'load');
  const mode = opts?.mmapMode ?? null;
  if (mode !== null && mode !== 'r' && mode !== 'c' && mode !== 'r+') {
    fail('ERR_NUMNODE_ARG', RangeError, `mmapMode must be 'r', 'c', 'r+' or null, got ${String(mode)}`);
  }
  const maxHeader = checkMaxHeader(opts?.maxHeaderSize);
  let fd: number;
  try {
    fd = fs.openSync(p, mode === 'r+' ? 'r+' : 'r');
  } catch (e) {
    return ioError('cannot open', p, e);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const head = readHead(fd, size, maxHeader);
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) {
      if (mode !== null) npyError('mmapMode is not supported for .npz archives');
      const bytes = new Uint8Array(size);
      if (readInto(fd, bytes, 0) !== size) npyError(`${p}: file changed while reading`);
      return new NpzFile(bytes, { maxHeaderSize: maxHeader, maxInflatedBytes: opts?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED, name: p });
    }
    if (head.length < 6 || MAGIC.some((m, i) => head[i] !== m)) {
      if (head.length >= 2 && head[0] === 0x80 && head[1]! <= 5) {
        npyError(`${p}: Cannot load file containing pickled data when allow_pickle=False`);
      }
      npyError(`${p}: not a .npy or .npz file (the magic string is not correct)`);
    }
    const h = parseHeader(head, maxHeader);
    if (size - h.dataOffset < h.nbytes) shortDataError(h, size - h.dataOffset);
    if (mode !== null) {
      const m = mapArray(fd, p, h, mode, size);
      if (m !== null) return m;
      if (mode === 'r+') npyError(`${p}: mmapMode 'r+' needs the native addon and little-endian data aligned to the item size`);
    }
    const { buffer, byteOffset } = allocate(h.nbytes, false);
    const dst = new Uint8Array(buffer, byteOffset, h.nbytes);
    const got = readInto(fd, dst, h.dataOffset);
    if (got < h.nbytes) shortDataError(h, got);
    if (!h.littleEndian) byteswap(dst, ITEMSIZE[h.dtype]);
    // mode 'r' without a mapping: a private copy, read-only as a mapping would be
    return arrayFromData(h, buffer, byteOffset, mode !== 'r');
  } finally {
    fs.closeSync(fd);
  }
}

interface MmapBinding {
  /** Maps a whole file: 'r' read-only (private pages), 'c' copy-on-write, 'r+' shared. */
  mmapFile(path: string, mode: string): ArrayBuffer;
}

/** The addon's mmapFile, unless the addon is missing or the backend is forced to 'js'. */
function mapper(): MmapBinding | null {
  const b = nativeFor(Infinity, 0) as unknown as Partial<MmapBinding> | null;
  return b !== null && typeof b.mmapFile === 'function' ? (b as MmapBinding) : null;
}

/**
 * Whether load(..., {mmapMode}) really maps files: the addon provides mmapFile and the
 * backend is not forced to 'js' (then a private copy is read instead).
 */
export function mmapAvailable(): boolean {
  return mapper() !== null;
}

// Every buffer mmapFile returned, with the identity ("dev:ino") of the file it maps:
// save() must not write a file from a mapping of that same file (see there).
const mappedFiles = new WeakMap<ArrayBufferLike, string>();

/** Whether `buffer` is a mapping (load with mmapMode) of the file `st` describes. */
export function isMappingOf(buffer: ArrayBufferLike, st: fs.BigIntStats): boolean {
  return mappedFiles.get(buffer) === `${st.dev}:${st.ino}`;
}

// Read-only mappings still alive, by file identity, size and times. A load in mode 'r' of
// a file already mapped read-only shares that mapping instead of making another: mode
// 'r' arrays are read-only views of private pages that numnode never writes, and on
// Linux untouched private pages show the file's current contents, so two mappings of one
// file would show the same bytes. Why it matters: V8 counts an external buffer's whole
// length as memory pressure, so fresh 400 MB mappings keep it collecting (measured with
// --trace-gc over 500 loads of the bench file, with the header fix above: a mark-compact
// every 3-4 loads, 358 us a load in the median), while a shared one costs no collection
// (26-47 us a load, on a busy machine). The entry dies with the buffer: the mapping is still
// released when the last array over it is collected.
const readOnlyMaps = new Map<string, WeakRef<ArrayBuffer>>();
const forgetMap = new FinalizationRegistry<string>((key) => {
  if (readOnlyMaps.get(key)?.deref() === undefined) readOnlyMaps.delete(key);
});

function mapArray(fd: number, path: string, h: NpyHeader, mode: MmapMode, size: number): NDArray | null {
  const b = mapper();
  if (b === null) return null;
  // Non-native byte order or a misaligned data offset cannot be viewed in place.
  if (!h.littleEndian || h.dataOffset % ITEMSIZE[h.dtype] !== 0) return null;
  if (h.nbytes === 0 || size === 0) return null;
  const st = fs.fstatSync(fd, { bigint: true });
  const id = `${st.dev}:${st.ino}`;
  const key = `${id}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  if (mode === 'r') {
    const shared = readOnlyMaps.get(key)?.deref();
    if (shared !== undefined) return arrayFromData(h, shared, h.dataOffset, false);
  }
  let buf: ArrayBuffer;
  try {
    buf = b.mmapFile(path, mode);
  } catch (e) {
    return ioError('cannot map', path, e);
  }
  if (buf.byteLength < h.dataOffset + h.nbytes) shortDataError(h, buf.byteLength - h.dataOffset);
  mappedFiles.set(buf, id);
  // mmapFile opens the path again: share the mapping only if it is the size fstat saw
  if (mode === 'r' && BigInt(buf.byteLength) === st.size) {
    readOnlyMaps.set(key, new WeakRef(buf));
    forgetMap.register(buf, key);
  }
  return arrayFromData(h, buf, h.dataOffset, mode !== 'r');
}

// ---- .npz ------------------------------------------------------------------------------

export { NpzFile } from './npz';
export { savez, savezCompressed } from './npz';
export { MAX_HEADER_SIZE };
