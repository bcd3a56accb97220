// The NDArray: a strided view (shape, byte strides, dtype, byte offset) over an
// ArrayBuffer or SharedArrayBuffer. Every view operation here is O(ndim) and moves
// no data; the few that must copy say so.
import { inspect } from 'node:util';
import {
  AnyTypedArray, DType, ITEMSIZE, TYPED_ARRAY, TypedArrayOf, ValueOf, Scalar, toDType, isBigIntDType,
} from './dtype';
import { fail, shapeStr } from './errors';
import {
  cStrides, fStrides, normalizeAxis, normalizeAxes, reshapeStrides,
  resolveReshape, toShape, broadcastShapes, checkedNbytes, describe, MAXDIMS,
} from './shape';
import { fromStorage, toStorage } from './convert';
import { allocate } from './memory';
import { copyInto, fillWith } from '../backend/dispatch';
import { arrayRepr, arrayStr, PrintSource } from './print';

export type Order = 'C' | 'F' | 'A' | 'K';

/** `np.s(start, stop, step)`: a slice object, like Python's `slice(...)`. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
  toString(): string {
    const f = (v: number | null) => (v === null ? '' : String(v));
    return `${f(this.start)}:${f(this.stop)}${this.step === null ? '' : `:${this.step}`}`;
  }
}

/** One item of basic indexing: an integer, 'start:stop:step', np.s(...), np.newaxis (null) or '...'. */
export type IndexItem = number | string | Slice | null;

export interface Flags {
  readonly cContiguous: boolean;
  readonly fContiguous: boolean;
  readonly ownData: boolean;
  readonly writeable: boolean;
}

type Nested = Scalar | Nested[];

/**
 * A Uint8Array over a whole buffer (length-tracking for resizable ones), as the addon
 * takes it. Made on each call (~20-50 ns), deliberately not cached per buffer: a
 * WeakMap from buffer to typed array is an ephemeron (the value references its key),
 * which V8's scavenger cannot resolve, so every buffer ever passed to the addon lived
 * until the next full mark-compact (allocate 8 MB + touch + WeakMap entry: 1.3-3 ms
 * per iteration and RSS 295 MB, against 56-107 µs and 86 MB without the entry); and
 * a cache stored as a property of the buffer cost ~0.4-0.7 µs to add to each new
 * buffer, more than it saves.
 */
export function bytesOf(buffer: ArrayBufferLike): Uint8Array {
  return new Uint8Array(buffer);
}

/** @internal A typed array of `dtype` over the whole of `buffer`, made fresh (see bytesOf). */
export function typedArrayOf<D extends DType>(buffer: ArrayBufferLike, dtype: D): TypedArrayOf<D> {
  return new TYPED_ARRAY[dtype](buffer, 0, Math.floor(buffer.byteLength / ITEMSIZE[dtype])) as TypedArrayOf<D>;
}

/** Frozen [itemsize] arrays: the strides of every 1-D contiguous view, shared. */
const UNIT_STRIDES: readonly (readonly number[])[] = Array.from({ length: 17 }, (_, n) => Object.freeze([n]));

/** A frozen copy of a caller's array, or the array itself when it already is frozen (immutable, so shareable). */
function frozen(a: readonly number[]): readonly number[] {
  if (Object.isFrozen(a)) return a;
  // A loop, not a.slice(): slice of a frozen or sealed array leaves V8's fast path (~180 ns for 2 items).
  const n = a.length;
  const c = new Array<number>(n);
  for (let i = 0; i < n; i++) c[i] = a[i]!;
  return Object.freeze(c);
}

export class NDArray<D extends DType = DType> {
  readonly dtype: D;
  /**
   * @internal The shape, for numnode's own code: never written after construction,
   * possibly not yet frozen (views made internally freeze their arrays only when
   * `shape`/`strides` is first read: two Object.freeze calls were two thirds of the
   * cost of x.T). Shared between views; treat as immutable.
   */
  readonly _shape: readonly number[];
  /** @internal The byte strides (see _shape). */
  readonly _strides: readonly number[];
  readonly buffer: ArrayBufferLike;
  /** Byte offset of element [0, …, 0] in `buffer`. */
  readonly byteOffset: number;
  /** The array that owns the memory, or null when this array is the owner. */
  readonly base: NDArray | null;
  readonly itemsize: number;
  readonly size: number;
  readonly ndim: number;
  /** @internal lowest byte touched, relative to the buffer. */
  readonly _lo: number;
  /** @internal one past the highest byte touched. */
  readonly _hi: number;
  /** @internal NumPy's C_CONTIGUOUS flag, computed once (shape and strides never change). */
  readonly _c: boolean;
  /** @internal NumPy's F_CONTIGUOUS flag. */
  readonly _f: boolean;
  private readonly _writeable: boolean;
  /** Whether _shape/_strides may still be unfrozen (private fields: invisible to equality checks). */
  #open: boolean;
  /** The typed array `_data` returns, made on first use. */
  #data: AnyTypedArray | undefined = undefined;

  /**
   * @internal Arrays are made by the creation functions (np.array, np.zeros, …); this
   * constructor trusts its arguments, which those functions have validated. `shape`
   * and `strides` are kept immutable: an already frozen array is shared, another one
   * is copied and frozen — unless `adopt` is true: then the caller hands over arrays
   * that nobody writes again, which are shared as they are and frozen in place when
   * `shape`/`strides` is first read.
   */
  constructor(
    buffer: ArrayBufferLike, dtype: D, shape: readonly number[], strides: readonly number[],
    byteOffset: number, base: NDArray | null, writeable = true, adopt = false,
  ) {
    // Every field is assigned once, always in this order, by this constructor only:
    // all arrays share one hidden class and the view methods' loads stay monomorphic.
    const itemsize = ITEMSIZE[dtype];
    const nd = shape.length;
    this.dtype = dtype;
    this._shape = adopt ? shape : frozen(shape);
    this._strides = adopt ? strides : frozen(strides);
    this.#open = adopt;
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.base = base;
    this.itemsize = itemsize;
    // One pass for the size, the touched byte range and C contiguity, as NumPy's
    // _UpdateContiguousFlags decides it (axes of length 1 may have any stride; an
    // empty array is both C and F contiguous); F contiguity needs a forward pass.
    let size = 1;
    let lo = byteOffset;
    let hi = byteOffset + itemsize;
    let c = true;
    let expect = itemsize;
    for (let i = nd - 1; i >= 0; i--) {
      const d = shape[i]!;
      const st = strides[i]!;
      size *= d;
      const span = (d - 1) * st;
      if (span < 0) lo += span; else hi += span;
      if (d !== 1) {
        if (st !== expect) c = false;
        expect *= d;
      }
    }
    let f = true;
    if (size === 0) {
      // An empty view touches no byte: it needs nothing of its buffer, wherever its offset
      // points (slicing an empty array carved near a slab's end can move the offset past
      // the buffer's end, as NumPy's data pointer can; a bound of byteOffset would make
      // _checkBuffer report such a view as resized).
      lo = hi = Math.min(byteOffset, buffer.byteLength);
      c = true;
    } else {
      expect = itemsize;
      for (let i = 0; i < nd; i++) {
        const d = shape[i]!;
        if (d !== 1) {
          if (strides[i] !== expect) { f = false; break; }
          expect *= d;
        }
      }
    }
    this.size = size;
    this.ndim = nd;
    this._lo = lo;
    this._hi = hi;
    this._c = c;
    this._f = f;
    this._writeable = writeable;
  }

  /** The length of each axis (a frozen array). */
  get shape(): readonly number[] {
    if (this.#open) this.#publish();
    return this._shape;
  }

  /** Byte strides, as in NumPy; negative and zero allowed (a frozen array). */
  get strides(): readonly number[] {
    if (this.#open) this.#publish();
    return this._strides;
  }

  /** Freezes the arrays before they are first handed out (a frozen one is left as is). */
  #publish(): void {
    Object.freeze(this._shape);
    Object.freeze(this._strides);
    this.#open = false;
  }

  get nbytes(): number { return this.size * this.itemsize; }

  get flags(): Flags {
    return { cContiguous: this._c, fContiguous: this._f, ownData: this.base === null, writeable: this._writeable };
  }

  /** The transpose (a view). */
  get T(): NDArray<D> { return this.transpose(); }

  /**
   * @internal A typed array of the dtype over the whole buffer; element k of this
   * array lives at index (byteOffset + Σ i·stride) / itemsize.
   */
  get _data(): TypedArrayOf<D> {
    let ta = this.#data as TypedArrayOf<D> | undefined;
    const is = this.itemsize;
    // Made again when a resizable or growable buffer has grown past it.
    if (ta === undefined || ta.length * is + is <= this.buffer.byteLength) {
      ta = typedArrayOf(this.buffer, this.dtype);
      this.#data = ta;
    }
    return ta;
  }

  /** @internal Throws unless the buffer still holds every byte this view touches. */
  _checkBuffer(): void {
    if (this.buffer.byteLength < this._hi) {
      fail('ERR_NUMNODE_BUFFER', Error, this.buffer.byteLength === 0 && this._hi > 0
        ? 'the array\'s buffer has been detached'
        : `the array's buffer has been resized to ${this.buffer.byteLength} bytes; this array needs ${this._hi}`);
    }
  }

  /** @internal Throws NumPy's error unless the array may be written. */
  _checkWriteable(): void {
    if (!this._writeable) fail('ERR_NUMNODE_READONLY', RangeError, 'assignment destination is read-only');
  }

  /**
   * @internal A view sharing this array's memory. Takes ownership of `shape` and
   * `strides`: they are kept as they are (and frozen in place when first read through
   * `shape`/`strides`), not copied — pass fresh arrays that nothing writes again, or
   * frozen ones.
   */
  _view(shape: readonly number[], strides: readonly number[], byteOffset: number, writeable = this._writeable): NDArray<D> {
    return new NDArray(this.buffer, this.dtype, shape, strides, byteOffset, this.base ?? this, writeable, true);
  }

  // ---- element access -------------------------------------------------------

  private _offsetOf(index: readonly unknown[]): number {
    if (index.length !== this.ndim) {
      fail('ERR_NUMNODE_INDEX', RangeError,
        `expected ${this.ndim} indices for an array of dimension ${this.ndim}, got ${index.length}`);
    }
    let off = this.byteOffset;
    for (let ax = 0; ax < index.length; ax++) {
      off += normalizeIndex(index[ax], this._shape[ax]!, ax) * this._strides[ax]!;
    }
    return off / this.itemsize;
  }

  /** The element at an index (one integer per axis, negative counts from the end). */
  get(...index: number[]): ValueOf<D> {
    const k = this._offsetOf(index);
    this._checkBuffer();
    return fromStorage(this._data[k]!, this.dtype) as ValueOf<D>;
  }

  /** Sets the element at `index` to `value`, converted as NumPy converts a Python scalar. */
  set(index: readonly number[], value: Scalar): void {
    if (!Array.isArray(index)) fail('ERR_NUMNODE_ARG', TypeError, 'set(index, value): index must be an array of integers');
    this._checkWriteable();
    const k = this._offsetOf(index);
    const v = toStorage(value, this.dtype);
    this._checkBuffer();
    (this._data as { [i: number]: unknown })[k] = v;
  }

  /** NumPy's `item()`: the only element, the element at a flat C-order index, or at a full index. */
  item(...index: number[]): ValueOf<D> {
    if (index.length === 0) {
      if (this.size !== 1) fail('ERR_NUMNODE_SHAPE', RangeError, 'can only convert an array of size 1 to a Python scalar');
      return this.get(...new Array<number>(this.ndim).fill(0));
    }
    if (index.length === 1 && this.ndim !== 1) {
      let flat = normalizeIndex(index[0], this.size, null);
      const full = new Array<number>(this.ndim);
      for (let ax = this.ndim - 1; ax >= 0; ax--) {
        full[ax] = flat % this._shape[ax]!;
        flat = Math.floor(flat / this._shape[ax]!);
      }
      return this.get(...full);
    }
    return this.get(...index);
  }

  /** Writes a value or array into this view, broadcasting it (`a[...] = value`). */
  assign(value: unknown): this {
    this._checkWriteable();
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      fillWith(this, toStorage(value, this.dtype));
      return this;
    }
    let src = value instanceof NDArray ? value : asArrayLike(value, this.dtype);
    const target = broadcastForAssign(src._shape, this._shape);
    // The leading length-1 axes NumPy strips from the value (a (1,) value into a 0-d view).
    if (src.ndim > this.ndim) src = src.reshape(src._shape.slice(src.ndim - this.ndim));
    src = src.broadcastTo(target);
    copyInto(this, src);
    return this;
  }

  /** Fills the array with a scalar, in place. */
  fill(value: Scalar): this {
    this._checkWriteable();
    fillWith(this, toStorage(value, this.dtype));
    return this;
  }

  // ---- views ------------------------------------------------------------------

  /** A view with a new shape when the strides allow it, otherwise a copy (NumPy's rule). */
  reshape(...args: (number | readonly number[] | { order?: Order })[]): NDArray<D> {
    let order: Order = 'C';
    if (args.length > 0 && isOptions(args[args.length - 1])) {
      order = checkOrder((args.pop() as { order?: Order }).order ?? 'C', 'CFA');
    }
    const req = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    const requested = (req as unknown[]).map((d, i) => {
      if (typeof d !== 'number' || !Number.isInteger(d)) {
        return fail('ERR_NUMNODE_ARG', TypeError, `'${describe(d)}' object cannot be interpreted as an integer (shape entry ${i})`);
      }
      return d;
    });
    if (requested.length > 64) toShape(requested);
    // NumPy's quick check (before resolving -1): the same shape is a view with the same strides.
    if (requested.length === this.ndim && requested.every((d, i) => d === this._shape[i])) {
      return this._view(this._shape, this._strides, this.byteOffset);
    }
    const shape = resolveReshape(this.size, requested);
    const fOrder = order === 'F' || (order === 'A' && this._f && !this._c);
    if (this.size === 0) {
      return this._view(shape, fOrder ? fStrides(shape, this.itemsize) : cStrides(shape, this.itemsize), this.byteOffset);
    }
    const strides = reshapeStrides(this._shape, this._strides, this.itemsize, shape, fOrder);
    if (strides !== null) return this._view(shape, strides, this.byteOffset);
    return this.copy(fOrder ? 'F' : 'C').reshape(shape, { order: fOrder ? 'F' : 'C' });
  }

  /** A 1-D view when the array is contiguous in the requested order, else a copy (NumPy's PyArray_Ravel). */
  ravel(order: Order = 'C'): NDArray<D> {
    if (order !== 'C') {
      checkOrder(order, 'CFAK');
      if (order === 'K') order = this._c ? 'C' : this._f ? 'F' : 'K';
      else if (order === 'A') order = this._f && !this._c ? 'F' : 'C';
    }
    if (order === 'K') {
      // K keeps memory order: a view when the elements are one dense block in some axis order.
      if (this.transpose(memoryOrder(this._strides))._c) return this._flatView();
    } else if (order === 'C' ? this._c : this._f) {
      return this._flatView();
    }
    return this.flatten(order);
  }

  /** The 1-D view of a contiguous array (C and F order coincide for it). */
  private _flatView(): NDArray<D> {
    const is = this.itemsize;
    return this._view([this.size], is < UNIT_STRIDES.length ? UNIT_STRIDES[is]! : [is], this.byteOffset);
  }

  /**
   * Always a copy, 1-D. 'K' reads the elements in the order NumPy's iterator does
   * (axes by decreasing |stride|, each in its own direction).
   */
  flatten(order: Order = 'C'): NDArray<D> {
    checkOrder(order, 'CFAK');
    if (order === 'A') order = this._f && !this._c ? 'F' : 'C';
    const src = order === 'C' ? this : order === 'F' ? this.transpose() : this.transpose(iterationOrderK(this._strides));
    const c = src.copy('C');
    const is = this.itemsize;
    return new NDArray(c.buffer, this.dtype, [this.size], is < UNIT_STRIDES.length ? UNIT_STRIDES[is]! : [is],
      c.byteOffset, null, true, true);
  }

  /** Permutes the axes (reversed when none are given). A view. */
  transpose(...axesArg: (number | readonly number[])[]): NDArray<D> {
    const axes = (axesArg.length === 1 && Array.isArray(axesArg[0]) ? axesArg[0] : axesArg) as unknown[];
    let perm: number[];
    if (axes.length === 0) {
      // The common case (a.T): reversed shape and strides, built directly.
      const nd = this.ndim;
      const shape = new Array<number>(nd);
      const strides = new Array<number>(nd);
      for (let i = 0; i < nd; i++) {
        shape[i] = this._shape[nd - 1 - i]!;
        strides[i] = this._strides[nd - 1 - i]!;
      }
      return this._view(shape, strides, this.byteOffset);
    } else {
      if (axes.length !== this.ndim) fail('ERR_NUMNODE_AXIS', RangeError, "axes don't match array");
      perm = axes.map((a) => normalizeAxis(a, this.ndim));
      if (new Set(perm).size !== perm.length) fail('ERR_NUMNODE_AXIS', RangeError, 'repeated axis in transpose');
    }
    return this._view(perm.map((p) => this._shape[p]!), perm.map((p) => this._strides[p]!), this.byteOffset);
  }

  swapaxes(axis1: number, axis2: number): NDArray<D> {
    const a = normalizeAxis(axis1, this.ndim, 'axis1');
    const b = normalizeAxis(axis2, this.ndim, 'axis2');
    const perm = [...Array(this.ndim).keys()];
    perm[a] = b;
    perm[b] = a;
    return this.transpose(perm);
  }

  /** Moves axes to new positions, the others keeping their order (np.moveaxis). */
  moveaxis(source: number | number[], destination: number | number[]): NDArray<D> {
    const src = normalizeAxes(source, this.ndim, 'source');
    const dst = normalizeAxes(destination, this.ndim, 'destination');
    if (src.length !== dst.length) {
      fail('ERR_NUMNODE_AXIS', RangeError, '`source` and `destination` arguments must have the same number of elements');
    }
    const order = [...Array(this.ndim).keys()].filter((a) => !src.includes(a));
    const pairs = dst.map((d, i) => [d, src[i]!] as const).sort((x, y) => x[0] - y[0]);
    for (const [d, s] of pairs) order.splice(d, 0, s);
    return this.transpose(order);
  }

  /** Removes axes of length one (all of them, or those named). A view. */
  squeeze(axis?: number | number[]): NDArray<D> {
    let drop: number[];
    if (axis === undefined || axis === null) drop = this._shape.flatMap((d, i) => (d === 1 ? [i] : []));
    else {
      drop = normalizeAxes(axis, this.ndim);
      for (const a of drop) {
        if (this._shape[a] !== 1) {
          fail('ERR_NUMNODE_SHAPE', RangeError, 'cannot select an axis to squeeze out which has size not equal to one');
        }
      }
    }
    const keep = [...Array(this.ndim).keys()].filter((a) => !drop.includes(a));
    return this._view(keep.map((a) => this._shape[a]!), keep.map((a) => this._strides[a]!), this.byteOffset);
  }

  /** Inserts axes of length one at the given positions of the result. A view. */
  expandDims(axis: number | number[]): NDArray<D> {
    const nd = this.ndim + (Array.isArray(axis) ? axis.length : 1);
    const at = normalizeAxes(axis, nd);
    const shape: number[] = [];
    let k = 0;
    for (let i = 0; i < nd; i++) shape.push(at.includes(i) ? 1 : this._shape[k++]!);
    toShape(shape);
    // NumPy's expand_dims is a.reshape(shape): inserting length-1 axes never needs a copy.
    return this.reshape(shape);
  }

  /** A read-only view broadcast to `shape` (zero strides on the new or stretched axes). */
  broadcastTo(shape: number | readonly number[]): NDArray<D> {
    const target = toShape(shape);
    const nd = target.length;
    const fit = () => fail('ERR_NUMNODE_BROADCAST', RangeError,
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeStr(this._shape).replace(/ /g, '')}  and requested shape ${shapeStr(target).replace(/ /g, '')}`);
    if (this.ndim > nd) {
      fail('ERR_NUMNODE_BROADCAST', RangeError, 'input operand has more dimensions than allowed by the axis remapping');
    }
    const strides = new Array<number>(nd).fill(0);
    for (let i = 0; i < this.ndim; i++) {
      const k = nd - this.ndim + i;
      const d = this._shape[i]!;
      // NumPy's iterator gives every length-1 axis a zero stride, stretched or not.
      if (d === 1) strides[k] = 0;
      else if (d === target[k]) strides[k] = this._strides[i]!;
      else fit();
    }
    // np.broadcast_to always returns a read-only view, even when nothing is stretched.
    return this._view(target, strides, this.byteOffset, false);
  }

  /** The same bytes seen as another dtype (NumPy's `a.view(dtype)`). */
  view<E extends DType = D>(dtype?: E | string): NDArray<E> {
    const to = (dtype === undefined ? this.dtype : toDType(dtype)) as E;
    const newSize = ITEMSIZE[to];
    const shape = [...this._shape];
    const strides = [...this._strides];
    if (newSize !== this.itemsize) {
      if (this.ndim === 0) {
        fail('ERR_NUMNODE_DTYPE', RangeError, 'Changing the dtype of a 0d array is only supported if the itemsize is unchanged');
      }
      const last = this.ndim - 1;
      if (this._shape[last]! !== 1 && this.size !== 0 && this._strides[last] !== this.itemsize) {
        fail('ERR_NUMNODE_DTYPE', RangeError, 'To change to a dtype of a different size, the last axis must be contiguous');
      }
      const lastBytes = this._shape[last]! * this.itemsize;
      if (lastBytes % newSize !== 0) {
        fail('ERR_NUMNODE_DTYPE', RangeError, newSize > this.itemsize
          ? 'When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.'
          : 'When changing to a smaller dtype, its size must be a divisor of the size of original dtype');
      }
      shape[last] = lastBytes / newSize;
      strides[last] = newSize;
    }
    if (this.byteOffset % newSize !== 0 || strides.some((s, i) => shape[i]! > 1 && s % newSize !== 0)) {
      fail('ERR_NUMNODE_DTYPE', RangeError,
        `numnode requires arrays aligned to their itemsize: this memory cannot be viewed as ${to}`);
    }
    return new NDArray(this.buffer, to, shape, strides, this.byteOffset, this.base ?? this, this._writeable, true);
  }

  /**
   * Basic indexing (NumPy's `a[...]` with integers, slices, newaxis and one ellipsis):
   * always a view. `a.slice(':', np.newaxis)` is `a[:, np.newaxis]`.
   */
  slice(...items: IndexItem[]): NDArray<D> {
    let ellipsis = -1;
    let consumed = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (it === '...') {
        if (ellipsis >= 0) fail('ERR_NUMNODE_INDEX', RangeError, "an index can only have a single ellipsis ('...')");
        ellipsis = i;
      } else if (it !== null && it !== undefined) consumed++;
    }
    if (consumed > this.ndim) {
      fail('ERR_NUMNODE_INDEX', RangeError,
        `too many indices for array: array is ${this.ndim}-dimensional, but ${consumed} were indexed`);
    }
    const shape: number[] = [];
    const strides: number[] = [];
    let offset = this.byteOffset;
    let ax = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (i === ellipsis) {
        const fill = this.ndim - consumed;
        for (let k = 0; k < fill; k++) { shape.push(this._shape[ax]!); strides.push(this._strides[ax]!); ax++; }
        continue;
      }
      if (it === null || it === undefined) { shape.push(1); strides.push(0); continue; }
      const n = this._shape[ax]!;
      const st = this._strides[ax]!;
      if (typeof it === 'number') {
        offset += normalizeIndex(it, n, ax) * st;
      } else {
        const sl = typeof it === 'string' ? parseSliceCached(it) : it instanceof Slice ? it : badItem(it);
        const [start, len, step] = sliceIndices(sl, n);
        // An empty slice keeps the axis stride and the offset, as NumPy's get_view_from_index does.
        if (len > 0) offset += start * st;
        shape.push(len);
        strides.push(len > 0 && st !== 0 ? st * step : st);
      }
      ax++;
    }
    for (; ax < this.ndim; ax++) { shape.push(this._shape[ax]!); strides.push(this._strides[ax]!); }
    // Every entry is a length computed above; only the dimension limit remains to check.
    if (shape.length > MAXDIMS) toShape(shape);
    return this._view(shape, strides, offset);
  }

  // ---- copies -----------------------------------------------------------------

  /** A copy in the given memory order ('K' keeps this array's axis order in memory). */
  copy(order: Order = 'C'): NDArray<D> {
    const out = emptyLikeOrder(this, this.dtype, checkOrder(order, 'CFAK'));
    copyInto(out, this);
    return out;
  }

  /** A copy converted to `dtype` with NumPy's (unsafe) cast: floats truncate toward zero, integers wrap. */
  astype<E extends DType>(dtype: E | string, opts: { copy?: boolean; order?: Order } = {}): NDArray<E> {
    checkOptions(opts, ['copy', 'order'], 'astype');
    const to = toDType(dtype) as E;
    const order = checkOrder(opts.order ?? 'K', 'CFAK');
    if (opts.copy === false && to === (this.dtype as DType)) return this as unknown as NDArray<E>;
    const out = emptyLikeOrder(this, to, order);
    copyInto(out, this);
    return out;
  }

  /** Nested JS arrays of the elements (numbers, bigints for int64/uint64, booleans). */
  toArray(): Nested {
    this._checkBuffer();
    const data = this._data as { [i: number]: number | bigint };
    const is = this.itemsize;
    const rec = (ax: number, off: number): Nested => {
      if (ax === this.ndim) return fromStorage(data[off / is]!, this.dtype);
      const out = new Array<Nested>(this._shape[ax]!);
      for (let i = 0; i < out.length; i++) out[i] = rec(ax + 1, off + i * this._strides[ax]!);
      return out;
    };
    return rec(0, this.byteOffset);
  }

  /** A new TypedArray of the dtype's class holding the elements in C order (Uint8Array of 0/1 for bool). */
  toTypedArray(): TypedArrayOf<D> {
    const ta = new TYPED_ARRAY[this.dtype](this.size) as TypedArrayOf<D>;
    const out = new NDArray(ta.buffer, this.dtype, this._shape, cStrides(this._shape, this.itemsize), 0, null, true, true);
    copyInto(out, this);
    return ta;
  }

  // ---- printing -----------------------------------------------------------------

  /** NumPy's str(a). */
  toString(): string {
    this._checkBuffer();
    return arrayStr(printSource(this));
  }

  /** NumPy's repr(a); used by console.log and util.inspect. */
  [inspect.custom](): string {
    if (this.buffer.byteLength < this._hi) return 'array(<detached buffer>)';
    return arrayRepr(printSource(this));
  }
}

/** @internal The printing module's view of an array. */
export function printSource(a: NDArray): PrintSource {
  return {
    shape: a.shape,
    dtype: a.dtype,
    get: (index: readonly number[]) => a.get(...index) as Scalar,
  };
}

/** Resolves an integer index against an axis length, NumPy's IndexError wording. */
export function normalizeIndex(i: unknown, n: number, axis: number | null): number {
  if (typeof i !== 'number' || !Number.isInteger(i)) {
    return fail('ERR_NUMNODE_INDEX', TypeError,
      `only integers, slices ('start:stop:step'), np.newaxis (null) and '...' are valid indices, got ${describe(i)}`);
  }
  if (i < -n || i >= n) {
    return fail('ERR_NUMNODE_INDEX', RangeError, axis === null
      ? `index ${i} is out of bounds for size ${n}`
      : `index ${i} is out of bounds for axis ${axis} with size ${n}`);
  }
  return i < 0 ? i + n : i;
}

const SLICE_RE = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

/** Parses 'start:stop:step' (parts optional); a plain integer string is not a slice. */
export function parseSlice(s: string): Slice {
  const m = SLICE_RE.exec(s);
  if (m === null) {
    return fail('ERR_NUMNODE_INDEX', TypeError, `invalid slice string '${s}': expected 'start:stop:step', '...' or an integer`);
  }
  const n = (x: string | undefined) => (x === undefined ? null : Number(x));
  return new Slice(n(m[1]), n(m[2]), n(m[3]));
}

// Parsed slice strings: a regex match per axis was a third of a.slice('1:4', '::2').
// Slice objects are immutable, so the parsed ones can be shared; the cache is bounded.
const sliceCache = new Map<string, Slice>();
function parseSliceCached(s: string): Slice {
  let sl = sliceCache.get(s);
  if (sl === undefined) {
    sl = parseSlice(s);
    if (sliceCache.size >= 512) sliceCache.clear();
    sliceCache.set(s, sl);
  }
  return sl;
}

function badItem(it: unknown): never {
  return fail('ERR_NUMNODE_INDEX', TypeError,
    `only integers, slices ('start:stop:step'), np.newaxis (null) and '...' are valid indices, got ${describe(it)}`);
}

/** Python's slice.indices(n) → [start, length, step]. */
export function sliceIndices(sl: Slice, n: number): [number, number, number] {
  const step = sl.step ?? 1;
  if (!Number.isInteger(step)) badItem(step);
  if (step === 0) fail('ERR_NUMNODE_INDEX', RangeError, 'slice step cannot be zero');
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (!Number.isInteger(v)) badItem(v);
    if (v < 0) { v += n; if (v < 0) v = step < 0 ? -1 : 0; } else if (v >= n) v = step < 0 ? n - 1 : n;
    return v;
  };
  const start = clamp(sl.start, step < 0 ? n - 1 : 0);
  const stop = clamp(sl.stop, step < 0 ? -1 : n);
  let len = 0;
  if (step < 0) { if (stop < start) len = Math.floor((start - stop - 1) / -step) + 1; } else if (start < stop) len = Math.floor((stop - start - 1) / step) + 1;
  return [start, len, step];
}

/** Axis permutation from largest to smallest |stride| (NumPy's 'K' order), stable among equals. */
function memoryOrder(strides: readonly number[]): number[] {
  return [...strides.keys()].sort((a, b) => Math.abs(strides[b]!) - Math.abs(strides[a]!) || a - b);
}

/**
 * The axis order (outermost first) in which NumPy's iterator visits an array in 'K'
 * order without negating strides (PyArray_CopyAsFlat): npyiter_find_best_axis_ordering's
 * insertion sort by |stride|, in which a zero stride compares as ambiguous (its axis
 * keeps its place). This differs from memoryOrder() when strides are zero.
 */
function iterationOrderK(strides: readonly number[]): number[] {
  const it = [...strides.keys()].reverse(); // innermost first, as the iterator stores them
  for (let i0 = 1; i0 < it.length; i0++) {
    const j0 = it[i0]!;
    let pos = i0;
    for (let i1 = i0 - 1; i1 >= 0; i1--) {
      const s0 = strides[j0]!;
      const s1 = strides[it[i1]!]!;
      if (s0 === 0 || s1 === 0) continue; // ambiguous
      if (Math.abs(s1) <= Math.abs(s0)) break;
      pos = i1;
    }
    if (pos !== i0) {
      it.splice(i0, 1);
      it.splice(pos, 0, j0);
    }
  }
  return it.reverse();
}

/** A fresh uninitialised array with `src`'s shape laid out in `order` ('K' follows src's strides). */
export function emptyLikeOrder<E extends DType>(src: NDArray, dtype: E, order: Order): NDArray<E> {
  const itemsize = ITEMSIZE[dtype];
  const shape = src._shape;
  const nbytes = checkedNbytes(shape, itemsize);
  const { buffer, byteOffset } = allocate(nbytes, false);
  let strides: number[];
  if (order === 'F' || (order === 'A' && src._f && !src._c)) strides = fStrides(shape, itemsize);
  else if (order === 'K' && !src._c) {
    if (src._f) strides = fStrides(shape, itemsize);
    else {
      const perm = memoryOrder(src._strides);
      const permShape = perm.map((p) => shape[p]!);
      const ps = cStrides(permShape, itemsize);
      strides = new Array<number>(shape.length);
      perm.forEach((p, i) => { strides[p] = ps[i]!; });
    }
  } else strides = cStrides(shape, itemsize);
  // NumPy gives a freshly allocated empty array all-zero strides.
  if (src.size === 0) strides.fill(0);
  // src's shape is immutable (shared, not copied); strides is ours to give away.
  return new NDArray(buffer, dtype, shape, strides, byteOffset, null, true, true);
}

function isOptions(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function checkOrder(order: unknown, allowed: string): Order {
  if (typeof order !== 'string' || order.length !== 1 || !allowed.includes(order)) {
    return fail('ERR_NUMNODE_ARG', TypeError, `order must be one of ${allowed.split('').map((c) => `'${c}'`).join(', ')}, got ${describe(order)}`);
  }
  return order as Order;
}

/** Unknown option keys are a coded TypeError, as API.md requires. */
export function checkOptions(opts: unknown, allowed: readonly string[], fn: string): void {
  if (opts === undefined) return;
  if (!isOptions(opts)) fail('ERR_NUMNODE_ARG', TypeError, `${fn}(): options must be an object, got ${describe(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) {
      fail('ERR_NUMNODE_ARG', TypeError, `${fn}() got an unexpected option '${k}' (allowed: ${allowed.join(', ')})`);
    }
  }
}

function broadcastForAssign(src: readonly number[], dst: readonly number[]): number[] {
  // NumPy strips leading length-1 axes of the value before broadcasting into the target.
  let s = src.slice();
  while (s.length > dst.length && s[0] === 1) s = s.slice(1);
  const out = broadcastShapesForAssign(s, dst);
  return out;
}

function broadcastShapesForAssign(src: number[], dst: readonly number[]): number[] {
  if (src.length > dst.length) {
    fail('ERR_NUMNODE_BROADCAST', RangeError,
      `could not broadcast input array from shape ${shapeStr(src).replace(/ /g, '')} into shape ${shapeStr(dst).replace(/ /g, '')}`);
  }
  for (let i = 0; i < src.length; i++) {
    const d = src[i]!;
    const t = dst[dst.length - src.length + i]!;
    if (d !== t && d !== 1) {
      fail('ERR_NUMNODE_BROADCAST', RangeError,
        `could not broadcast input array from shape ${shapeStr(src).replace(/ /g, '')} into shape ${shapeStr(dst).replace(/ /g, '')}`);
    }
  }
  return dst.slice();
}

// Set by creation.ts to avoid a module cycle at load time.
let arrayLikeFactory: ((x: unknown, dtype: DType) => NDArray) | null = null;
export function _setArrayLikeFactory(f: (x: unknown, dtype: DType) => NDArray): void { arrayLikeFactory = f; }
function asArrayLike(x: unknown, dtype: DType): NDArray {
  return arrayLikeFactory!(x, dtype);
}

export { broadcastShapes, isBigIntDType };
