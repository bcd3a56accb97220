// Fuzz targets for the two parsers numnode writes itself (issue 9, item 5): the .npy
// header parser (src/io/npy.ts + src/io/header.ts) and the einsum subscripts parser
// (src/ops/einsum/parse.ts). Shared by scripts/fuzz.mjs (a million executions, outside
// the suite) and test/fuzz.test.ts (the committed corpus and a short random run).
//
// A failure is any of: a thrown error that is not numnode's coded error for that
// parser (a "crash"), one execution taking over HANG_MS (a "hang"), or a wrong
// verdict. Wrong verdicts are caught by independent oracles:
//  - npy, generated mode: the header is rendered from a model (keys in any order,
//    quoting, spacing, trailing commas, Python 2 'L' suffixes, big and negative dims,
//    unsupported and object descrs, extra or missing keys) whose verdict and fields are
//    known: an accept must give exactly the model's dtype, byte order, order and shape,
//    and a reject must happen exactly when the model is invalid.
//  - npy, mutated mode (bytes of valid files, mutated): an accept must be internally
//    consistent (count, nbytes and dataOffset agree with shape, dtype and the length
//    field) and survive a write/read round trip; the live test also compares a sample
//    with NumPy's own header reader.
//  - einsum: a reference implementation of NumPy's parsing rules written from NumPy's
//    C parser independently of parse.ts computes accept/reject and the labels; the
//    live test checks the reference itself against np.einsum.
import fc from 'fast-check';
import { parseHeader, encodeHeader, type NpyHeader } from '../../src/io/npy';
import { parseEinsum, EINSUM_SYMBOLS, ELLIPSIS_BASE, MAX_OPERANDS } from '../../src/ops/einsum/parse';
import { NDArray } from '../../src/core/ndarray';
import { emptyOf } from '../../src/core/creation';
import { ITEMSIZE, type DType } from '../../src/core/dtype';

export const HANG_MS = 1000;

export class FuzzFailure extends Error {
  constructor(message: string, readonly input: unknown) {
    super(message);
  }
}

function timed<T>(what: string, input: unknown, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const dt = performance.now() - t0;
  if (dt > HANG_MS) throw new FuzzFailure(`${what}: one execution took ${dt.toFixed(0)} ms`, input);
  return r;
}

// ======================================================================================
// .npy headers
// ======================================================================================

/** descr → [dtype, littleEndian] for the descrs numnode must accept; anything else must be refused. */
const GOOD_DESCRS: Record<string, [DType, boolean]> = {
  '<f8': ['float64', true], '>f8': ['float64', false], '=f8': ['float64', true], 'f8': ['float64', true],
  '<f4': ['float32', true], '>f4': ['float32', false], '<i8': ['int64', true], '>i8': ['int64', false],
  '<u8': ['uint64', true], '<i4': ['int32', true], '>u4': ['uint32', false], '<i2': ['int16', true],
  '>u2': ['uint16', false], '|i1': ['int8', true], '|u1': ['uint8', true], '|b1': ['bool', true],
  '<d': ['float64', true], '<f': ['float32', true], '?': ['bool', true], '|?': ['bool', true],
  '>i1': ['int8', true], '<l': ['int64', true], '<q': ['int64', true],
};
const BAD_DESCRS = ['<c16', '<c8', '|O', 'O', '<f2', '<U3', '|S5', '<M8[ns]', '<m8', '<f16', 'zz', '', '<', '<f8 ', ' <f8', '<F8', 'float128', '<i16', '|V8'];

export interface NpyModel {
  keys: ('descr' | 'fortran_order' | 'shape' | 'extra')[];
  descr: string;
  descrQuote: "'" | '"';
  fortran: 'True' | 'False' | '0' | '1' | 'None' | "'False'";
  shape: (number | bigint)[];
  shapeKind: 'tuple' | 'list' | 'int' | 'floats';
  longSuffix: boolean;
  trailingComma: boolean;
  space: string;
  version: 1 | 2 | 3;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The verdict NumPy's rules (plus numnode's documented limits) give a model. */
export function npyModelVerdict(m: NpyModel): { ok: true; dtype: DType; littleEndian: boolean; fortran: boolean; shape: number[] } | { ok: false } {
  const keys = new Set(m.keys);
  if (keys.has('extra') || !keys.has('descr') || !keys.has('fortran_order') || !keys.has('shape')) return { ok: false };
  const d = GOOD_DESCRS[m.descr];
  if (d === undefined) return { ok: false };
  if (m.fortran !== 'True' && m.fortran !== 'False') return { ok: false };
  if (m.shapeKind !== 'tuple') return { ok: false };
  if (m.longSuffix && m.version === 3 && m.shape.length > 0) return { ok: false }; // 'L' is Python 2 syntax
  if (m.shape.length > 64) return { ok: false };
  const dims = m.shape.map((x) => BigInt(x));
  if (dims.some((x) => x < 0n || x > MAX_SAFE)) return { ok: false };
  const count = dims.reduce((a, b) => a * b, 1n);
  if (count * BigInt(ITEMSIZE[d[0]]) > MAX_SAFE) return { ok: false };
  return { ok: true, dtype: d[0], littleEndian: d[1] || ITEMSIZE[d[0]] === 1, fortran: m.fortran === 'True', shape: dims.map(Number) };
}

export function renderNpyModel(m: NpyModel): Uint8Array {
  const L = m.longSuffix ? 'L' : '';
  const s = m.space;
  const dim = (x: number | bigint) => `${x}${L}`;
  let shape: string;
  switch (m.shapeKind) {
    case 'tuple': shape = m.shape.length === 1 ? `(${dim(m.shape[0]!)},)` : `(${m.shape.map(dim).join(`,${s}`)})`; break;
    case 'list': shape = `[${m.shape.map(dim).join(', ')}]`; break;
    case 'int': shape = dim(m.shape[0] ?? 3); break;
    case 'floats': shape = `(${m.shape.map((x) => `${x}.0`).join(', ')},)`; break;
  }
  const q = m.descrQuote;
  const part = (k: NpyModel['keys'][number]): string => {
    switch (k) {
      case 'descr': return `'descr':${s}${q}${m.descr}${q}`;
      case 'fortran_order': return `'fortran_order':${s}${m.fortran}`;
      case 'shape': return `'shape':${s}${shape}`;
      case 'extra': return `'extra':${s}1`;
    }
  };
  const text = `{${m.keys.map(part).join(`,${s}`)}${m.trailingComma ? ',' : ''}${s}}`;
  return npyFile(text, m.version, 0);
}

/** A .npy file: magic, version, length field (the true length), header text + '\n', data. */
export function npyFile(text: string, version: number, dataBytes: number): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const body = Buffer.from(`${text}\n`, version === 3 ? 'utf8' : 'latin1');
  const out = Buffer.alloc(8 + lenBytes + body.length + dataBytes);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(out);
  if (lenBytes === 2) out.writeUInt16LE(Math.min(body.length, 0xffff), 8); else out.writeUInt32LE(body.length, 8);
  body.copy(out, 8 + lenBytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const dimArb: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53 - 1, 2 ** 53) },
  { weight: 1, arbitrary: fc.constantFrom(2n ** 63n, 2n ** 64n, 10n ** 30n, -(2n ** 63n)) },
);

export const npyModelArb: fc.Arbitrary<NpyModel> = fc.record({
  keys: fc.oneof(
    { weight: 8, arbitrary: fc.shuffledSubarray(['descr', 'fortran_order', 'shape'] as const, { minLength: 3, maxLength: 3 }).map((k) => [...k]) },
    { weight: 1, arbitrary: fc.shuffledSubarray(['descr', 'fortran_order', 'shape', 'extra'] as const, { minLength: 1, maxLength: 4 }).map((k) => [...k]) },
  ),
  descr: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Object.keys(GOOD_DESCRS)) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_DESCRS) }),
  descrQuote: fc.constantFrom("'" as const, '"' as const),
  fortran: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('True' as const, 'False' as const) }, { weight: 1, arbitrary: fc.constantFrom('0' as const, '1' as const, 'None' as const, "'False'" as const) }),
  shape: fc.oneof({ weight: 10, arbitrary: fc.array(dimArb, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.array(fc.constant(1), { minLength: 60, maxLength: 70 }) }),
  shapeKind: fc.oneof({ weight: 12, arbitrary: fc.constant('tuple' as const) }, { weight: 1, arbitrary: fc.constantFrom('list' as const, 'int' as const, 'floats' as const) }),
  longSuffix: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  trailingComma: fc.boolean(),
  space: fc.constantFrom('', ' ', '  ', '\t', ' \\\n '),
  version: fc.constantFrom(1 as const, 2 as const, 3 as const),
});

/** Checks one model: the verdict and, on accept, every field. */
export function checkNpyModel(m: NpyModel): 'accepted' | 'refused' {
  const bytes = renderNpyModel(m);
  const want = npyModelVerdict(m);
  let got: NpyHeader | null = null;
  try {
    got = timed('npy header', m, () => parseHeader(bytes));
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    const code = (e as { code?: unknown }).code;
    if (code !== 'ERR_NUMNODE_NPY') throw new FuzzFailure(`npy: uncoded error ${String(code)}: ${(e as Error).stack}`, m);
    if (want.ok) throw new FuzzFailure(`npy: wrong reject of a valid header: ${(e as Error).message}`, m);
    return 'refused';
  }
  if (!want.ok) throw new FuzzFailure(`npy: wrong accept of an invalid header (got ${got.dtype} ${JSON.stringify(got.shape)})`, m);
  const fields = { dtype: got.dtype, littleEndian: got.littleEndian, fortran: got.fortranOrder, shape: got.shape };
  const expect = { dtype: want.dtype, littleEndian: want.littleEndian, fortran: want.fortran, shape: want.shape };
  if (JSON.stringify(fields) !== JSON.stringify(expect)) {
    throw new FuzzFailure(`npy: accepted with wrong fields ${JSON.stringify(fields)}, expected ${JSON.stringify(expect)}`, m);
  }
  return 'accepted';
}

// ---- mutated bytes -------------------------------------------------------------------

const TOKENS = [
  '{', '}', '(', ')', '[', ']', ',', ':', "'", '"', ' ', '\n', '\\', '\\x41', '\\u0041', '-', '+', '0', '1', '9', 'L', 'l',
  '2147483648', '18446744073709551616', '1_000', '0x10', '0o7', '0b1', '1e5', '.5', '1.', 'True', 'False', 'None',
  'descr', 'shape', 'fortran_order', "'<f8'", "'>i4'", "'|O'", "'<c16'", "'|b1'", "'<U3'", '[(', "'a'", "u'", "'''", '"""',
  '((((', '))))', '__import__', '\u00ff', '\u20ac', '\ud800', '\u0000', '#', 'lambda', '*', '...',
];

export type Mutation =
  | { k: 'flip'; at: number; v: number }
  | { k: 'cut'; at: number }
  | { k: 'insert'; at: number; tok: number }
  | { k: 'delete'; at: number; n: number }
  | { k: 'len'; v: number }
  | { k: 'version'; v: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('cut' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ k: fc.constant('insert' as const), at: fc.nat(), tok: fc.nat({ max: TOKENS.length - 1 }) }) },
  fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ k: fc.constant('len' as const), v: fc.oneof(fc.nat({ max: 300 }), fc.constantFrom(0, 0xffff, 0xffffffff, 10001, 40001)) }),
  fc.record({ k: fc.constant('version' as const), v: fc.constantFrom(0, 1, 2, 3, 4, 0x0100) }),
);

/** Applies mutations inside the header text (keeping the length field consistent, mostly) or to the raw bytes. */
export function mutateNpy(seed: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const m of muts) {
    const lenBytes = b.length > 6 && b[6] === 1 ? 2 : 4;
    const start = 8 + lenBytes;
    switch (m.k) {
      case 'flip': if (b.length > 0) b[m.at % b.length] = m.v; break;
      case 'cut': b = b.subarray(0, m.at % (b.length + 1)); break;
      case 'insert':
      case 'delete': {
        if (b.length < start) break;
        const hlen = lenBytes === 2 ? b.readUInt16LE(8) : b.readUInt32LE(8);
        const end = Math.min(b.length, start + hlen);
        const text = b.subarray(start, end);
        const at = m.at % (text.length + 1);
        const ins = m.k === 'insert' ? Buffer.from(TOKENS[m.tok]!, b[6] === 3 ? 'utf8' : 'latin1') : Buffer.alloc(0);
        const cut = m.k === 'delete' ? m.n : 0;
        const body = Buffer.concat([text.subarray(0, at), ins, text.subarray(Math.min(text.length, at + cut))]);
        const pre = Buffer.from(b.subarray(0, start));
        if (lenBytes === 2) pre.writeUInt16LE(Math.min(body.length, 0xffff), 8); else pre.writeUInt32LE(body.length, 8);
        b = Buffer.concat([pre, body, b.subarray(end)]);
        break;
      }
      case 'len': if (b.length >= start) { if (lenBytes === 2) b.writeUInt16LE(m.v & 0xffff, 8); else b.writeUInt32LE(m.v >>> 0, 8); } break;
      case 'version': if (b.length >= 8) { b[6] = m.v & 0xff; b[7] = m.v >> 8; } break;
    }
  }
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Valid files (every dtype, versions, orders, shapes) that the mutations start from. */
export function npySeeds(): Uint8Array[] {
  const seeds: Uint8Array[] = [];
  const dtypes: DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];
  for (const dt of dtypes) {
    for (const shape of [[], [0], [3], [2, 3], [1, 2, 1]]) {
      for (const v of [[1, 0], [2, 0], [3, 0]] as [number, number][]) {
        const h = encodeHeader(dt, shape, shape.length > 1 && dt === 'float64', v);
        const n = shape.reduce((a, c) => a * c, 1) * ITEMSIZE[dt];
        seeds.push(Buffer.concat([h, Buffer.alloc(n, 1)]));
      }
    }
  }
  seeds.push(npyFile("{'descr': '>f8', 'fortran_order': True, 'shape': (2L, 1L), }", 1, 16));
  seeds.push(npyFile("{\"shape\": (2,), \"descr\": u'<i4', \"fortran_order\": False}", 3, 8));
  return seeds;
}

/** Checks one byte string: coded accept/refuse only, and an accept that is consistent. */
export function checkNpyBytes(bytes: Uint8Array): 'accepted' | 'refused' {
  let h: NpyHeader;
  try {
    h = timed('npy bytes', Buffer.from(bytes).toString('base64'), () => parseHeader(bytes));
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    const code = (e as { code?: unknown }).code;
    if (code !== 'ERR_NUMNODE_NPY') throw new FuzzFailure(`npy: uncoded error ${String(code)}: ${(e as Error).stack}`, Buffer.from(bytes).toString('base64'));
    return 'refused';
  }
  const input = Buffer.from(bytes).toString('base64');
  const lenBytes = h.version[0] === 1 ? 2 : 4;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = lenBytes === 2 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const count = h.shape.reduce((a, c) => a * c, 1);
  const problems: string[] = [];
  if (!h.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) problems.push('shape entries');
  if (h.count !== count) problems.push('count');
  if (h.nbytes !== count * ITEMSIZE[h.dtype]) problems.push('nbytes');
  if (h.dataOffset !== 8 + lenBytes + hlen) problems.push('dataOffset');
  if (!(h.version[1] === 0 && h.version[0] >= 1 && h.version[0] <= 3)) problems.push('version');
  if (problems.length > 0) throw new FuzzFailure(`npy: inconsistent accept (${problems.join(', ')}): ${JSON.stringify(h)}`, input);
  // what was accepted must survive a write and a read
  const again = parseHeader(encodeHeader(h.dtype, h.shape, h.fortranOrder, null));
  if (again.dtype !== h.dtype || JSON.stringify(again.shape) !== JSON.stringify(h.shape) || again.fortranOrder !== h.fortranOrder) {
    throw new FuzzFailure('npy: accepted header does not round-trip', input);
  }
  return 'accepted';
}

// ======================================================================================
// einsum subscripts
// ======================================================================================

export interface EinsumCase {
  /** The subscripts string, or null for the sublist form. */
  subscripts: string | null;
  /** ndim of each operand. */
  ndims: number[];
  /** Sublist form: one list per operand, then optionally the output list. */
  sublists?: unknown[][];
  output?: unknown[] | null;
}

export type EinsumVerdict = { ok: true; inputs: number[][]; output: number[] } | { ok: false };

const LETTER = /^[A-Za-z]$/;

interface RefTerm { labels: number[]; ell: number }

/** NumPy's rules for one term of the string form (spaces ignored; '...' at most once). */
function refTerm(t: string): RefTerm | null {
  const r: RefTerm = { labels: [], ell: -1 };
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === ' ') continue;
    if (c === '.') {
      if (r.ell >= 0 || t.slice(i, i + 3) !== '...') return null;
      r.ell = r.labels.length;
      i += 2;
      continue;
    }
    if (!LETTER.test(c)) return null;
    r.labels.push(EINSUM_SYMBOLS.indexOf(c));
  }
  return r;
}

function refSublist(l: unknown): RefTerm | null {
  if (!Array.isArray(l)) return null;
  const r: RefTerm = { labels: [], ell: -1 };
  for (const v of l) {
    if (v === '...') {
      if (r.ell >= 0) return null;
      r.ell = r.labels.length;
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 52) r.labels.push(v);
    else return null;
  }
  return r;
}

/** The reference: accept/reject and the labels, written from NumPy's C einsum parser. */
export function refEinsum(c: EinsumCase): EinsumVerdict {
  const n = c.ndims.length;
  if (n === 0 || n > MAX_OPERANDS) return { ok: false };
  let terms: (RefTerm | null)[];
  let out: RefTerm | null | undefined; // undefined: implicit
  if (c.subscripts !== null) {
    const s = c.subscripts;
    const parts = s.split('->');
    if (parts.length > 2) return { ok: false };
    if (/[-]/.test(parts.join('')) || /[>]/.test(parts.join(''))) return { ok: false }; // stray '-' or '>'
    const ins = parts[0]!.split(',');
    if (ins.length !== n) return { ok: false };
    terms = ins.map(refTerm);
    if (parts.length === 2) {
      if (parts[1]!.includes(',')) return { ok: false };
      out = refTerm(parts[1]!);
      if (out === null) return { ok: false };
    }
  } else {
    terms = c.sublists!.map(refSublist);
    if (c.output !== undefined && c.output !== null) {
      out = refSublist(c.output);
      if (out === null) return { ok: false };
    }
  }
  if (terms.some((t) => t === null)) return { ok: false };
  let bdims = 0;
  const covered: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = terms[k]!;
    const nd = c.ndims[k]!;
    if (t.labels.length > nd) return { ok: false };
    if (t.ell < 0 && t.labels.length !== nd) return { ok: false };
    covered.push(t.ell < 0 ? 0 : nd - t.labels.length);
    bdims = Math.max(bdims, covered[k]!);
  }
  const inputs = terms.map((t, k) => {
    if (t!.ell < 0) return t!.labels.slice();
    const e = covered[k]!;
    const b = Array.from({ length: e }, (_, j) => ELLIPSIS_BASE + bdims - e + j);
    return [...t!.labels.slice(0, t!.ell), ...b, ...t!.labels.slice(t!.ell)];
  });
  let output: number[];
  if (out !== undefined && out !== null) {
    const all = new Set(inputs.flat());
    if (new Set(out.labels).size !== out.labels.length) return { ok: false };
    if (out.labels.some((l) => !all.has(l))) return { ok: false };
    if (out.ell < 0 && bdims > 0) return { ok: false };
    const b = Array.from({ length: bdims }, (_, j) => ELLIPSIS_BASE + j);
    output = out.ell < 0 ? out.labels.slice() : [...out.labels.slice(0, out.ell), ...b, ...out.labels.slice(out.ell)];
  } else {
    const count = new Map<number, number>();
    for (const t of terms) for (const l of t!.labels) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count].filter(([, k]) => k === 1).map(([l]) => l).sort((a, b) => a - b);
    output = [...Array.from({ length: bdims }, (_, j) => ELLIPSIS_BASE + j), ...once];
  }
  return { ok: true, inputs, output };
}

const OPERANDS = new Map<number, NDArray>();
function operand(nd: number): NDArray {
  let a = OPERANDS.get(nd);
  if (a === undefined) {
    a = emptyOf(new Array<number>(nd).fill(1), 'float64');
    OPERANDS.set(nd, a);
  }
  return a;
}

/** Runs parse.ts on a case and compares with the reference. */
export function checkEinsum(c: EinsumCase): 'accepted' | 'refused' {
  const want = refEinsum(c);
  const ops = c.ndims.map(operand);
  const args: unknown[] = c.subscripts !== null
    ? [c.subscripts, ...ops]
    : [...ops.flatMap((o, k) => [o, c.sublists![k]]), ...(c.output !== undefined && c.output !== null ? [c.output] : [])];
  let got: { inputs: number[][]; output: number[] };
  try {
    got = timed('einsum', c, () => parseEinsum(args));
  } catch (e) {
    if (e instanceof FuzzFailure) throw e;
    const code = (e as { code?: unknown }).code;
    if (code !== 'ERR_NUMNODE_EINSUM') throw new FuzzFailure(`einsum: uncoded error ${String(code)}: ${(e as Error).stack}`, c);
    if (!(e instanceof RangeError || e instanceof TypeError)) throw new FuzzFailure('einsum: error of the wrong class', c);
    if (want.ok) throw new FuzzFailure(`einsum: wrong reject: ${(e as Error).message}`, c);
    return 'refused';
  }
  if (!want.ok) throw new FuzzFailure(`einsum: wrong accept (inputs ${JSON.stringify(got.inputs)} output ${JSON.stringify(got.output)})`, c);
  if (JSON.stringify(got.inputs) !== JSON.stringify(want.inputs) || JSON.stringify(got.output) !== JSON.stringify(want.output)) {
    throw new FuzzFailure(`einsum: labels ${JSON.stringify([got.inputs, got.output])}, reference ${JSON.stringify([want.inputs, want.output])}`, c);
  }
  return 'accepted';
}

const SUB_CHARS = ['i', 'j', 'k', 'a', 'b', 'A', 'Z', 'z', ',', ',', '->', '-', '>', '.', '...', '...', ' ', '%', '1', '_', 'é', '\u0000'];

export const einsumStringArb: fc.Arbitrary<EinsumCase> = fc.oneof(
  // free-form strings over a small alphabet
  fc.record({
    subscripts: fc.array(fc.constantFrom(...SUB_CHARS), { maxLength: 14 }).map((x) => x.join('')),
    ndims: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
  }),
  // structured: terms of letters with an optional ellipsis, operand count and ndims mostly right
  fc.record({
    terms: fc.array(fc.record({
      letters: fc.array(fc.constantFrom('i', 'j', 'k', 'l', 'A', 'z'), { maxLength: 4 }),
      ell: fc.option(fc.nat({ max: 4 }), { freq: 3 }),
      extra: fc.integer({ min: -1, max: 2 }),
    }), { minLength: 1, maxLength: 4 }),
    out: fc.option(fc.record({ letters: fc.array(fc.constantFrom('i', 'j', 'k', 'l', 'A', 'z', 'q'), { maxLength: 4 }), ell: fc.option(fc.nat({ max: 4 }), { freq: 2 }) }), { freq: 2 }),
    dropOperand: fc.integer({ min: 0, max: 9 }),
  }).map(({ terms, out, dropOperand }) => {
    const term = (letters: string[], ell: number | null) => {
      if (ell === null) return letters.join('');
      const at = Math.min(ell, letters.length);
      return `${letters.slice(0, at).join('')}...${letters.slice(at).join('')}`;
    };
    const subscripts = terms.map((t) => term(t.letters, t.ell)).join(',') + (out === null ? '' : `->${term(out.letters, out.ell)}`);
    let ndims = terms.map((t) => Math.max(0, t.letters.length + (t.ell === null ? (t.extra === 2 ? 1 : 0) : Math.max(0, t.extra))));
    if (dropOperand === 0) ndims = ndims.slice(1);
    if (dropOperand === 1) ndims = [...ndims, 1];
    if (ndims.length === 0) ndims = [0];
    return { subscripts, ndims };
  }),
);

const labelArb = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 2, arbitrary: fc.constant('...') },
  { weight: 1, arbitrary: fc.constantFrom(-1, 51, 52, 1.5, NaN, '0', null, 2 ** 53, [0] as unknown) },
);

export const einsumSublistArb: fc.Arbitrary<EinsumCase> = fc.record({
  lists: fc.array(fc.array(labelArb, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  output: fc.option(fc.array(labelArb, { maxLength: 4 }), { freq: 2 }),
  ndimDelta: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 4, maxLength: 4 }),
}).map(({ lists, output, ndimDelta }) => ({
  subscripts: null,
  sublists: lists,
  output,
  ndims: lists.map((l, k) => Math.max(0, l.filter((v) => v !== '...').length + (l.includes('...') ? Math.max(0, ndimDelta[k]!) : (ndimDelta[k] === 2 ? 1 : 0)))),
}));

// ======================================================================================
// outcomes, for the committed corpus: what an input gives, in one stable line
// ======================================================================================

/** 'accepted <dtype> <byte order> <order> <shape>' or 'refused <message>' for a .npy byte string. */
export function npyOutcome(bytes: Uint8Array): string {
  try {
    const h = parseHeader(bytes);
    return `accepted ${h.dtype} ${h.littleEndian ? '<' : '>'} ${h.fortranOrder ? 'F' : 'C'} (${h.shape.join(',')})`;
  } catch (e) {
    return `refused ${(e as Error).message}`;
  }
}

/** 'accepted <inputs> -> <output>' or 'refused <first line of the message>' for an einsum case. */
export function einsumOutcome(c: EinsumCase): string {
  const ops = c.ndims.map(operand);
  const args: unknown[] = c.subscripts !== null
    ? [c.subscripts, ...ops]
    : [...ops.flatMap((o, k) => [o, c.sublists![k]]), ...(c.output !== undefined && c.output !== null ? [c.output] : [])];
  try {
    const p = parseEinsum(args);
    return `accepted ${JSON.stringify(p.inputs)} -> ${JSON.stringify(p.output)}`;
  } catch (e) {
    return `refused ${(e as Error).message.split('\n')[0]}`;
  }
}

/** A coarse key for "a new kind of outcome" (numbers and quoted text folded), to pick corpus entries. */
export function outcomeKind(outcome: string): string {
  return outcome.replace(/'[^']*'/g, "'_'").replace(/"[^"]*"/g, '"_"').replace(/\d+/g, '#')
    .replace(/#(,#)+/g, '#..').slice(0, 90);
}
