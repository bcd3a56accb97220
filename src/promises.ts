// np.promises: the operations that can take long, as functions returning Promises
// whose kernels run on the libuv thread pool (like fs.promises), so that a server's
// event loop stays free while a 2048² matrix product computes.
//
// How a call runs (the native half is native/binding/async.h):
//  1. Synchronously, in the call: the options are split ({signal, threads} are
//     ours), inputs whose memory numnode does not own are copied (below), and the
//     ordinary synchronous operation runs in *capture* mode. It validates and plans
//     exactly as always (so it throws the same coded errors, which become a
//     rejected promise) and allocates its outputs, but every kernel it sends to the
//     addon is queued in a job instead of running: backend.ts's nativeFor hands it a
//     stand-in binding whose kernel entry points go through the addon's asyncAdd.
//  2. The job (all the kernels of the operation, in order: an einsum plan is a chain
//     of them) runs on a libuv pool thread, on a share of the thread budget; the
//     promise then resolves to what the operation returned, now filled in.
// Reading data a queued kernel has not produced yet cannot work in capture mode
// (the value is needed now). Such reads are detected — NDArray's `_data` getter is
// wrapped below, and the stand-in binding refuses non-queueable entry points once a
// kernel is queued — before anything is read: the capture is dropped (its kernels
// never run) and the operation is planned again with every kernel forced onto the
// addon (small ones would otherwise run in TypeScript at once); if that still reads
// pending data, the operation runs synchronously and the promise is already settled.
// So results are always the synchronous call's; promisesStats() counts fallbacks.
//
// Memory: a kernel running on the pool must never see its memory freed or moved.
// numnode's own buffers are fixed-length and marked untransferable (postMessage
// copies them instead of detaching), and a SharedArrayBuffer is never detached and
// only grows; both are used in place and referenced by the job until it settles.
// Any other buffer (a user's ArrayBuffer through frombuffer, a Buffer, a file
// read) could be transferred, detached or resized meanwhile, so the input is copied
// first, synchronously. An `out` elsewhere makes the call synchronous.
//
// Writing to an input (or reading `out`) while its promise is pending is a data
// race, as with any concurrent code: the result may hold old or new values, or a
// mix, element by element — but never touches freed memory.
import * as fs from 'node:fs';
import { ITEMSIZE, type DType } from './core/dtype';
import { fail } from './core/errors';
import { NDArray, checkOptions } from './core/ndarray';
import { asarray, type ArrayLike } from './core/creation';
import { copy as copyFn } from './core/functional';
import { allocate, allocationHooks, ownedBuffers, slabBuffers, SLAB_MAX_ALLOC } from './core/memory';
import { getBackend, setBackend, setBindingHook } from './backend/backend';
import { native } from './backend/native/loader';
import type { AsyncJob, AsyncStats, NativeBinding } from './backend/native/binding';
import * as ufuncs from './ops/elementwise-ufuncs';
import { clip as clipFn, where as whereFn } from './ops/elementwise';
import * as reduce from './ops/reduce';
import { cumsum as cumsumFn, cumprod as cumprodFn, diff as diffFn } from './ops/reduce-scan';
import * as linalg from './ops/linalg';
import { einsum as einsumFn } from './ops/einsum/execute';
import { cdist as cdistFn, pdist as pdistFn } from './ops/distance';
import { load as loadSync, NpzFile, type LoadOptions } from './io';
import { NOT_MAGIC, isMappingOf } from './io/files';
import {
  MAGIC, arrayFromData, byteswap, checkMaxHeader, encodeHeader, parseHeader, parseVersion, shortDataError,
  type ToNpyOptions,
} from './io/npy';
import { npyError } from './io/header';
import { DEFAULT_MAX_INFLATED } from './io/npz';

// ---- options -----------------------------------------------------------------------------

/** What every np.promises function takes besides the synchronous function's arguments. */
export interface AsyncOptions {
  /** Cancels the call: a call that has not started never runs; the promise rejects with an AbortError. */
  signal?: AbortSignal | null;
  /** At most this many threads of the budget for this call (1..1024; default: as many as are free). */
  threads?: number;
}

interface Parsed {
  signal: AbortSignal | null;
  threads: number;
}

function parseAsync(o: AsyncOptions): Parsed {
  const signal = o.signal ?? null;
  if (signal !== null && !(signal instanceof AbortSignal)) {
    fail('ERR_NUMNODE_ARG', TypeError, `signal must be an AbortSignal, got ${describe(signal)}`);
  }
  let threads = 1024;
  if (o.threads !== undefined) {
    const n = o.threads;
    // setNumThreads's check and wording (src/config.ts).
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1024) {
      fail('ERR_NUMNODE_ARG', RangeError, `number of threads must be an integer from 1 to 1024, got ${String(n)}`);
    }
    threads = n;
  }
  return { signal, threads };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/**
 * Takes {signal, threads} out of the last argument when it is an options object;
 * an object left empty is dropped, so that functions without options take them too.
 */
function splitArgs(args: unknown[]): [unknown[], AsyncOptions] {
  const last = args[args.length - 1];
  if (!isPlainObject(last) || !('signal' in last || 'threads' in last)) return [args, {}];
  const { signal, threads, ...rest } = last as AsyncOptions & Record<string, unknown>;
  const head = args.slice(0, -1);
  if (Object.keys(rest).length > 0) head.push(rest);
  return [head, { signal, threads }];
}

function abortError(signal: AbortSignal): Error {
  const e = new Error('The operation was aborted', { cause: signal.reason }) as Error & { code: string };
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

// ---- capture -------------------------------------------------------------------------------

type AsyncBinding = NativeBinding & Required<Pick<NativeBinding,
  'asyncCapable' | 'asyncBegin' | 'asyncAdd' | 'asyncRun' | 'asyncPump' | 'asyncDiscard' | 'asyncCancel' | 'asyncStats'>>;

function asyncBinding(): AsyncBinding | null {
  const b = native().binding;
  return b !== null && typeof b.asyncAdd === 'function' ? (b as AsyncBinding) : null;
}

let capable: ReadonlySet<string> | null = null;
function capableSet(b: AsyncBinding): ReadonlySet<string> {
  if (capable === null) capable = new Set(b.asyncCapable());
  return capable;
}

/** Thrown inside a capture when the operation needs data a queued kernel has not produced. */
class NeedsData extends Error {}

/** True for memory an async kernel may keep using: numnode's own, or shared. */
function holdable(buf: ArrayBufferLike): boolean {
  return ownedBuffers.has(buf) || (typeof SharedArrayBuffer !== 'undefined' && buf instanceof SharedArrayBuffer);
}

class Capture {
  /** Buffers touched by the queued kernels. */
  readonly pending = new Set<ArrayBufferLike>();
  calls = 0;
  hazard: string | null = null;
  readonly proxy: NativeBinding;

  constructor(readonly b: AsyncBinding, readonly job: AsyncJob, readonly names: ReadonlySet<string>) {
    const handler: ProxyHandler<NativeBinding> = {
      get: (target, prop) => {
        const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
        if (typeof v !== 'function' || typeof prop !== 'string') return v;
        if (this.names.has(prop)) return (...args: unknown[]) => this.add(prop, args);
        return (...args: unknown[]) => {
          // Not queueable: it would run now, before the kernels queued so far.
          if (this.calls > 0) this.refuse(`${prop}() cannot run after a queued kernel`);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    };
    this.proxy = new Proxy(b, handler);
  }

  refuse(reason: string): never {
    this.hazard ??= reason;
    throw new NeedsData(reason);
  }

  add(name: string, args: unknown[]): unknown {
    // Array memory crosses the boundary as Uint8Arrays (binding.ts); other typed arrays
    // (sumProducts' Float64Array of strides) are tables the entry point copies at once.
    const bufs: ArrayBufferLike[] = [];
    const visit = (x: unknown): void => {
      if (x instanceof Uint8Array) bufs.push(x.buffer);
    };
    for (const a of args) {
      if (Array.isArray(a)) a.forEach(visit);
      else visit(a);
    }
    for (const buf of bufs) {
      if (!holdable(buf)) this.refuse(`${name}(): an operand lives in memory numnode does not own`);
    }
    const r = this.b.asyncAdd(this.job, name, args);
    for (const buf of bufs) this.pending.add(buf);
    this.calls++;
    return r;
  }
}

let current: Capture | null = null;
let pumpScheduled = false;

// Every TypeScript read or write of array data goes through NDArray#_data (the typed
// array over the whole buffer); during a capture, touching a buffer a queued kernel
// uses means the operation needs results that do not exist yet.
{
  const desc = Object.getOwnPropertyDescriptor(NDArray.prototype, '_data');
  if (desc === undefined || typeof desc.get !== 'function') {
    throw new Error('numnode internal: NDArray.prototype._data is not a getter');
  }
  const get = desc.get;
  Object.defineProperty(NDArray.prototype, '_data', {
    ...desc,
    get(this: NDArray) {
      if (current !== null && current.pending.has(this.buffer)) {
        current.refuse('the operation reads data a queued kernel has not produced yet');
      }
      return get.call(this);
    },
  });
}

interface Planned<T> {
  job: AsyncJob;
  value: T;
  calls: number;
}

const NONE = Symbol('none');

/** Runs `compute` with its kernels queued in a job; null when it needed pending data. */
function capture<T>(b: AsyncBinding, compute: () => T, forceNative: boolean): Planned<T> | null {
  const cap = new Capture(b, b.asyncBegin(), capableSet(b));
  const prevMode = getBackend();
  let value: T | typeof NONE = NONE;
  let error: unknown = NONE;
  current = cap;
  allocationHooks.noSlab = true;
  setBindingHook(() => cap.proxy);
  try {
    if (forceNative) setBackend('native');
    value = compute();
  } catch (e) {
    error = e;
  } finally {
    current = null;
    allocationHooks.noSlab = false;
    setBindingHook(null);
    if (forceNative) setBackend(prevMode);
  }
  if (cap.hazard !== null) {
    b.asyncDiscard(cap.job);
    stats.lastFallbackReason = cap.hazard;
    return null;
  }
  if (error !== NONE) {
    b.asyncDiscard(cap.job);
    throw error;
  }
  return { job: cap.job, value: value as T, calls: cap.calls };
}

const stats = {
  /** Calls whose kernels ran on the libuv pool. */
  async: 0,
  /** Calls computed synchronously because they needed pending data (see above). */
  syncFallbacks: 0,
  /** Calls with nothing for the addon to do (TypeScript kernels, empty arrays, js backend). */
  immediate: 0,
  lastFallbackReason: null as string | null,
};

export interface PromisesStats {
  async: number;
  syncFallbacks: number;
  immediate: number;
  lastFallbackReason: string | null;
  /** The addon's view: the budget and the jobs (null without the addon). */
  native: AsyncStats | null;
}

/** How np.promises calls ran so far (for tests and for tuning a server). */
export function promisesStats(): PromisesStats {
  const b = asyncBinding();
  return { ...stats, native: b !== null ? b.asyncStats() : null };
}

function settleNow<T>(compute: () => T): Promise<T> {
  try {
    return Promise.resolve(compute());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * The engine of every np.promises function: `compute` is the synchronous operation
 * (already given its arguments); the promise resolves to its result once the kernels
 * it queued have run. Exported for wrapping operations not listed here.
 */
export function runAsync<T>(compute: () => T, options: AsyncOptions = {}): Promise<T> {
  let parsed: Parsed;
  try {
    parsed = parseAsync(options);
  } catch (e) {
    return Promise.reject(e);
  }
  const { signal, threads } = parsed;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const b = asyncBinding();
  if (current !== null) {
    // Called while another call is being planned (from user code the planning ran,
    // an options getter say): compute it synchronously, outside that capture.
    const outer = current;
    current = null;
    setBindingHook(null);
    allocationHooks.noSlab = false;
    try {
      stats.immediate++;
      return settleNow(compute);
    } finally {
      current = outer;
      setBindingHook(() => outer.proxy);
      allocationHooks.noSlab = true;
    }
  }
  if (b === null || getBackend() === 'js') {
    stats.immediate++;
    return settleNow(compute);
  }
  let planned: Planned<T> | null;
  try {
    planned = capture(b, compute, false);
    if (planned === null && getBackend() === 'auto') planned = capture(b, compute, true);
  } catch (e) {
    return Promise.reject(e);
  }
  if (planned === null) {
    stats.syncFallbacks++;
    return settleNow(compute);
  }
  const { job, value, calls } = planned;
  if (calls === 0) {
    b.asyncDiscard(job);
    stats.immediate++;
    return Promise.resolve(value);
  }
  stats.async++;
  // Jobs started in the same tick (a burst of requests, a Promise.all) are handed to
  // the pool together at its end, so that they split the free cores evenly.
  const run = b.asyncRun(job, threads, true);
  if (!pumpScheduled) {
    pumpScheduled = true;
    queueMicrotask(() => {
      pumpScheduled = false;
      b.asyncPump();
    });
  }
  if (signal === null) return run.then(() => value);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      b.asyncCancel(job);
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // After an abort the job's own promise still settles (rejected, or resolved when it
    // had already finished); these handlers then do nothing.
    run.then(
      () => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

// ---- inputs in memory numnode cannot hold --------------------------------------------------

/**
 * The arguments with every NDArray (at the top level, or in an Array argument) whose
 * memory an async kernel may not hold replaced by a copy in numnode memory: one copy
 * per buffer, of the byte range its arrays use, so that arrays sharing memory still
 * share it (and `cdist(X, X)` still sees one view). Small arrays carved from a shared
 * slab are copied too (cheaply): the slab's other arrays are read and written freely
 * by other code. Typed arrays become NDArrays first (asarray would wrap them).
 * `out` and other options are left alone.
 */
function stabilize(args: unknown[]): unknown[] {
  const arrays: NDArray[] = [];
  const conv = (x: unknown): unknown => {
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) x = asarray(x as ArrayLike);
    if (x instanceof NDArray) arrays.push(x);
    return x;
  };
  const keep = (x: unknown): unknown => {
    if (x instanceof NDArray) arrays.push(x);
    return x;
  };
  // Typed arrays only at the top level (inside a nested list they are data for asarray).
  const out = args.map((a) => (Array.isArray(a) ? a.map(keep) : conv(a)));
  const groups = new Map<ArrayBufferLike, NDArray[]>();
  for (const a of arrays) {
    const buf = a.buffer;
    const shared = typeof SharedArrayBuffer !== 'undefined' && buf instanceof SharedArrayBuffer;
    const move = !shared && (!ownedBuffers.has(buf) || (slabBuffers.has(buf) && a.nbytes <= SLAB_MAX_ALLOC));
    if (!move) continue;
    const g = groups.get(buf);
    if (g === undefined) groups.set(buf, [a]); else if (!g.includes(a)) g.push(a);
  }
  if (groups.size === 0) return out;
  const replaced = new Map<NDArray, NDArray>();
  for (const [buf, group] of groups) {
    let lo = Infinity, hi = -Infinity;
    for (const a of group) {
      lo = Math.min(lo, a._lo);
      hi = Math.max(hi, a._hi);
    }
    // A detached or shrunk buffer: leave it, so the operation throws its own error.
    if (!(hi <= buf.byteLength)) continue;
    const start = lo - (lo % 16);  // keeps every view's alignment (fresh buffers are 16-aligned)
    const n = Math.max(0, hi - start);
    allocationHooks.noSlab = true;
    let fresh: { buffer: ArrayBufferLike; byteOffset: number };
    try {
      fresh = allocate(n, false);
    } finally {
      allocationHooks.noSlab = false;
    }
    if (n > 0) new Uint8Array(fresh.buffer, fresh.byteOffset, n).set(new Uint8Array(buf, start, n));
    for (const a of group) {
      replaced.set(a, new NDArray(fresh.buffer, a.dtype, a.shape, a.strides, fresh.byteOffset + a.byteOffset - start,
        null, a.flags.writeable));
    }
  }
  const swap = (x: unknown): unknown => (x instanceof NDArray ? replaced.get(x) ?? x : x);
  return out.map((a) => (Array.isArray(a) ? a.map(swap) : swap(a)));
}

// ---- wrapping the synchronous functions ----------------------------------------------------

type IsOptionsBag<T> = [NonNullable<T>] extends [object]
  ? [NonNullable<T>] extends [NDArray | readonly unknown[] | ArrayBufferView | ((...a: never[]) => unknown)] ? false : true
  : false;
/** A parameter list whose options object also takes {signal, threads}. */
export type AsyncArgs<A extends unknown[]> = { [K in keyof A]: IsOptionsBag<A[K]> extends true ? A[K] & AsyncOptions : A[K] };
/** The np.promises form of a synchronous function. */
export type Async<F> = F extends (...args: infer A) => infer R ? (...args: AsyncArgs<A>) => Promise<R> : never;
/** The np.promises form of a function without an options object: {signal, threads} come last. */
export type AsyncTail<F> = F extends (...args: infer A) => infer R ? (...args: [...A, AsyncOptions?]) => Promise<R> : never;

function mirror<F extends (...args: never[]) => unknown>(fn: F): Async<F> {
  const wrapped = (...all: unknown[]): Promise<unknown> => {
    let args: unknown[], opts: AsyncOptions;
    try {
      [args, opts] = splitArgs(all);
      args = stabilize(args);
    } catch (e) {
      return Promise.reject(e);
    }
    return runAsync(() => (fn as unknown as (...a: unknown[]) => unknown)(...args), opts);
  };
  return wrapped as unknown as Async<F>;
}

/**
 * A reduction that returns a JS scalar over all axes: planned with keepdims (so the
 * result is an array the kernels fill later) and read once they ran, as deliver() in
 * src/ops/reduce.ts reads its 0-d result.
 */
function mirrorReduction<F extends (...args: never[]) => unknown>(fn: F): Async<F> {
  const wrapped = (...all: unknown[]): Promise<unknown> => {
    let args: unknown[], opts: AsyncOptions;
    try {
      [args, opts] = splitArgs(all);
      args = stabilize(args);
    } catch (e) {
      return Promise.reject(e);
    }
    const o = args[1];
    const bag = isPlainObject(o) ? o : o === undefined ? {} : null;
    const whole = bag !== null && (bag.axis === undefined || bag.axis === null) && !bag.keepdims
      && (bag.out === undefined || bag.out === null);
    const call = fn as unknown as (...a: unknown[]) => unknown;
    if (!whole) return runAsync(() => call(...args), opts);
    return runAsync(() => call(args[0], { ...bag, keepdims: true }), opts).then((r) => (r as NDArray).item());
  };
  return wrapped as unknown as Async<F>;
}

// ---- save and load -------------------------------------------------------------------------

const IO_CHUNK = 1 << 30;

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

async function readInto(fh: fs.promises.FileHandle, dst: Uint8Array, position: number): Promise<number> {
  let got = 0;
  while (got < dst.length) {
    const { bytesRead } = await fh.read(dst, got, Math.min(IO_CHUNK, dst.length - got), position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** np.save with the file written by libuv's pool (the array's memory goes to the file directly). */
function save(path: string, a: ArrayLike, opts?: ToNpyOptions & AsyncOptions): Promise<void> {
  const [rest, asyncOpts] = splitArgs([path, a, opts]);
  const [p0, a0, o0] = rest as [string, ArrayLike, ToNpyOptions | undefined];
  return (async () => {
    const { signal } = parseAsync(asyncOpts);
    const checkAbort = (): void => { if (signal?.aborted) throw abortError(signal); };
    checkAbort();
    checkOptions(o0, ['version'], 'save');
    let p = checkPath(p0, 'save');
    if (!p.endsWith('.npy')) p += '.npy';
    const version = parseVersion(o0?.version);
    let arr = stabilize([a0])[0] as NDArray;
    if (!(arr instanceof NDArray)) arr = asarray(arr as ArrayLike);
    arr._checkBuffer();
    const f = arr.flags;
    let fortran = false;
    if (!f.cContiguous) {
      if (f.fContiguous) fortran = true;
      else arr = await runAsync(() => arr.copy('C'), asyncOpts);
    }
    checkAbort();
    const header = encodeHeader(arr.dtype, arr.shape, fortran, version);
    let data = new Uint8Array(arr.buffer, arr.byteOffset, arr.nbytes);
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(p, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o666);
    } catch (e) {
      return ioError('cannot open', p, e);
    }
    // The order of the synchronous save (src/io/files.ts, which says why): an existing
    // file is overwritten in place, invalid from the first write to the last.
    const writeAt = async (chunk: Uint8Array, position: number | null): Promise<void> => {
      for (let off = 0; off < chunk.length;) {
        const { bytesWritten } = await fh.write(chunk, off, Math.min(IO_CHUNK, chunk.length - off), position === null ? null : position + off);
        off += bytesWritten;
      }
    };
    let overwriting = false;
    try {
      const st = await fh.stat({ bigint: true });
      if (st.isFile()) {
        if (isMappingOf(arr.buffer, st)) {
          const c = arr.copy(fortran ? 'F' : 'C');
          data = new Uint8Array(c.buffer, c.byteOffset, data.length);
        }
        overwriting = true;
        if (st.size > 0n) await writeAt(NOT_MAGIC, 0);
        await writeAt(data, header.length);
        await writeAt(header, 0);
        const total = header.length + data.length;
        if (st.size > BigInt(total)) await fh.truncate(total);
      } else {
        await writeAt(header, null);
        await writeAt(data, null);
      }
    } catch (e) {
      if (overwriting) await fh.truncate(0).catch(() => undefined); // the write error is the one to report
      ioError('cannot write', p, e);
    } finally {
      await fh.close();
    }
  })();
}

/** np.load with the file read by libuv's pool, straight into the array's memory. */
function load(path: string, opts?: LoadOptions & AsyncOptions): Promise<NDArray | NpzFile> {
  const [rest, asyncOpts] = splitArgs([path, opts]);
  const [p0, o0] = rest as [string, LoadOptions | undefined];
  return (async () => {
    const { signal } = parseAsync(asyncOpts);
    const checkAbort = (): void => { if (signal?.aborted) throw abortError(signal); };
    checkAbort();
    checkOptions(o0, ['mmapMode', 'maxHeaderSize', 'maxInflatedBytes'], 'load');
    // A mapping costs no reading: the synchronous load maps at once.
    if (o0?.mmapMode !== undefined && o0.mmapMode !== null) return loadSync(p0, o0);
    const p = checkPath(p0, 'load');
    const maxHeader = checkMaxHeader(o0?.maxHeaderSize);
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(p, 'r');
    } catch (e) {
      return ioError('cannot open', p, e);
    }
    try {
      const size = (await fh.stat()).size;
      const head = new Uint8Array(Math.min(size, 12 + maxHeader * 4));
      await readInto(fh, head, 0);
      if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) {
        const bytes = new Uint8Array(size);
        if (await readInto(fh, bytes, 0) !== size) npyError(`${p}: file changed while reading`);
        return new NpzFile(bytes, { maxHeaderSize: maxHeader, maxInflatedBytes: o0?.maxInflatedBytes ?? DEFAULT_MAX_INFLATED, name: p });
      }
      if (head.length < 6 || MAGIC.some((m, i) => head[i] !== m)) {
        if (head.length >= 2 && head[0] === 0x80 && head[1]! <= 5) {
          npyError(`${p}: Cannot load file containing pickled data when allow_pickle=False`);
        }
        npyError(`${p}: not a .npy or .npz file (the magic string is not correct)`);
      }
      const h = parseHeader(head, maxHeader);
      if (size - h.dataOffset < h.nbytes) shortDataError(h, size - h.dataOffset);
      const { buffer, byteOffset } = allocate(h.nbytes, false);
      const dst = new Uint8Array(buffer, byteOffset, h.nbytes);
      const got = await readInto(fh, dst, h.dataOffset);
      if (got < h.nbytes) shortDataError(h, got);
      if (!h.littleEndian) byteswap(dst, ITEMSIZE[h.dtype]);
      checkAbort();
      return arrayFromData(h, buffer, byteOffset, true);
    } finally {
      await fh.close();
    }
  })();
}

// ---- the namespace -------------------------------------------------------------------------

type Ufuncs = typeof ufuncs;
type UfuncName = { [K in keyof Ufuncs]: Ufuncs[K] extends (...a: never[]) => unknown ? K : never }[keyof Ufuncs];
type AsyncUfuncs = { [K in UfuncName]: Async<Ufuncs[K]> };

function ufuncMirrors(): AsyncUfuncs {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(ufuncs)) {
    if (typeof f === 'function') out[name] = mirror(f as (...a: never[]) => unknown);
  }
  return out as AsyncUfuncs;
}

/** astype as a function: np.promises.astype(a, dtype, {copy, order, signal}). */
function astypeFn<E extends DType>(a: ArrayLike, dtype: E | string, opts?: { copy?: boolean; order?: 'C' | 'F' | 'A' | 'K' }): NDArray<E> {
  return asarray(a).astype(dtype, opts) as NDArray<E>;
}

/**
 * np.promises: every operation here takes the synchronous function's arguments, plus
 * `signal` and `threads` in its options object (or a last `{signal, threads}` argument
 * for functions without options), and resolves to the synchronous function's result.
 * Without the addon (or with setBackend('js')), and for work below the size
 * thresholds, the result is computed synchronously and the promise is already settled.
 */
export const promises = {
  ...ufuncMirrors(),
  where: mirror(whereFn),
  clip: mirror(clipFn),
  sum: mirrorReduction(reduce.sum),
  prod: mirrorReduction(reduce.prod),
  mean: mirrorReduction(reduce.mean),
  std: mirrorReduction(reduce.std),
  var: mirrorReduction(reduce.variance),
  min: mirrorReduction(reduce.min),
  max: mirrorReduction(reduce.max),
  amin: mirrorReduction(reduce.amin),
  amax: mirrorReduction(reduce.amax),
  argmin: mirrorReduction(reduce.argmin),
  argmax: mirrorReduction(reduce.argmax),
  all: mirrorReduction(reduce.all),
  any: mirrorReduction(reduce.any),
  nansum: mirrorReduction(reduce.nansum),
  nanmean: mirrorReduction(reduce.nanmean),
  nanmin: mirrorReduction(reduce.nanmin),
  nanmax: mirrorReduction(reduce.nanmax),
  cumsum: mirror(cumsumFn),
  cumprod: mirror(cumprodFn),
  diff: mirror(diffFn),
  matmul: mirror(linalg.matmul),
  dot: mirror(linalg.dot),
  vdot: mirror(linalg.vdot) as unknown as AsyncTail<typeof linalg.vdot>,
  inner: mirror(linalg.inner) as unknown as AsyncTail<typeof linalg.inner>,
  outer: mirror(linalg.outer),
  tensordot: mirror(linalg.tensordot),
  einsum: mirror(einsumFn) as (...args: unknown[]) => Promise<NDArray>,
  cdist: mirror(cdistFn),
  pdist: mirror(pdistFn),
  /** np.distance's functions, also under np.promises.distance. */
  distance: { cdist: mirror(cdistFn), pdist: mirror(pdistFn) },
  copy: mirror(copyFn) as unknown as AsyncTail<typeof copyFn>,
  astype: mirror(astypeFn),
  save,
  load,
};
