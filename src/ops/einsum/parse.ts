// einsum's parser: the subscripts string ('ij,jk->ik', implicit 'ij,jk', ellipses
// '...ij') or NumPy's sublist form (einsum(a, [0, 1], b, [1, 2], [0, 2]), '...' for
// an ellipsis) into labelled operands. Labels are integers: the 52 letters are
// 0..51 in NumPy's einsum_symbols order ('A'..'Z' then 'a'..'z', which is also the
// order implicit outputs are sorted in), and the broadcast dimensions an ellipsis
// stands for are 52, 53, ... (right-aligned across operands, as NumPy broadcasts).
//
// Errors follow NumPy's C parser (np.einsum with optimize=False) in wording, with a
// second and third line that point at the offending character:
//   invalid subscript '%' in einstein sum subscripts string, subscripts must be letters
//     ij%,jk
//       ^
import { fail } from '../../core/errors';
import { NDArray } from '../../core/ndarray';
import { describe } from '../../core/shape';
import { toArray } from '../linalg';

export const EINSUM_SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The first label code of the broadcast (ellipsis) dimensions. */
export const ELLIPSIS_BASE = 52;
/** NumPy's limit on operands (NPY_MAXARGS counts the output too). */
export const MAX_OPERANDS = 63;

/** Successful parses by (subscripts, operand ndims), oldest evicted first. Entries are never mutated. */
const PARSE_CACHE = new Map<string, Omit<ParsedEinsum, 'operands'>>();
const PARSE_CACHE_SIZE = 256;

export interface ParsedEinsum {
  operands: NDArray[];
  /** Labels per operand, one per axis (repeats allowed: 'ii'). */
  inputs: number[][];
  /** Output labels (unique). */
  output: number[];
  /** Number of broadcast dimensions the ellipsis stands for in the output's space. */
  ellipsisDims: number;
  /** Whether the output was given ('->' or an output sublist). */
  explicit: boolean;
}

function einsumError(message: string, subscripts?: string, pos?: number, cls: typeof RangeError | typeof TypeError = RangeError): never {
  let msg = message;
  if (subscripts !== undefined && pos !== undefined && pos >= 0) {
    msg += `\n  ${subscripts}\n  ${' '.repeat(pos)}^`;
  }
  return fail('ERR_NUMNODE_EINSUM', cls, msg);
}

/** A term as written: its labels (letter codes) and where its ellipsis sits (-1: none). */
interface RawTerm {
  labels: number[];
  ellipsisAt: number;
  /** Position in the subscripts string of each label (for error pointers), and of the term. */
  positions: number[];
  start: number;
}

function letterCode(ch: string): number {
  return EINSUM_SYMBOLS.indexOf(ch);
}

/** Parses one comma-free term of the string form starting at `start`. */
function parseTerm(s: string, start: number, end: number, where: string): RawTerm {
  const t: RawTerm = { labels: [], ellipsisAt: -1, positions: [], start };
  for (let i = start; i < end; i++) {
    const ch = s[i]!;
    if (ch === ' ') continue;
    if (ch === '.') {
      if (t.ellipsisAt >= 0 || s[i + 1] !== '.' || s[i + 2] !== '.' || i + 2 >= end) {
        // NumPy reports a second ellipsis the same way: its dots are not part of "the" ellipsis.
        einsumError(`einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in ${where}`, s, i);
      }
      t.ellipsisAt = t.labels.length;
      i += 2;
      continue;
    }
    const code = letterCode(ch);
    if (code < 0) einsumError(`invalid subscript '${ch}' in einstein sum subscripts string, subscripts must be letters`, s, i);
    t.labels.push(code);
    t.positions.push(i);
  }
  return t;
}

function parseSublist(list: unknown, where: string): RawTerm {
  if (!Array.isArray(list)) einsumError(`the subscripts of ${where} must be a list of integers and '...', got ${describe(list)}`, undefined, undefined, TypeError);
  const t: RawTerm = { labels: [], ellipsisAt: -1, positions: [], start: -1 };
  for (const v of list as unknown[]) {
    if (v === '...') {
      if (t.ellipsisAt >= 0) einsumError(`each subscripts list may contain at most one ellipsis ('...'), in ${where}`);
      t.ellipsisAt = t.labels.length;
    } else if (typeof v === 'number' && Number.isInteger(v)) {
      if (v < 0 || v >= 52) einsumError('subscript is not within the valid range [0, 52)');
      t.labels.push(v);
      t.positions.push(-1);
    } else {
      einsumError('each subscript must be either an integer or an ellipsis', undefined, undefined, TypeError);
    }
  }
  return t;
}

/**
 * Parses einsum's positional arguments (options already removed): either
 * (subscripts, ...operands) or (op0, sublist0, op1, sublist1, ..., [outputSublist]).
 */
export function parseEinsum(args: readonly unknown[]): ParsedEinsum {
  if (args.length === 0) einsumError('must specify the einstein sum subscripts string and at least one operand');
  let terms: RawTerm[];
  let out: RawTerm | null = null;
  let operands: NDArray[];
  let subscripts: string | undefined;
  if (typeof args[0] === 'string') {
    subscripts = args[0];
    const raw = args.slice(1);
    if (raw.length === 0) einsumError('must specify the einstein sum subscripts string and at least one operand');
    if (raw.length > MAX_OPERANDS) einsumError('too many operands');
    operands = raw.map((x, i) => toArray(x, `einsum operand ${i}`));
    // The labels depend only on the string and the operands' ndims: repeated calls
    // (a loop over the same expression) skip the parse.
    const key = `${subscripts}\u0000${operands.map((o) => o.ndim).join(',')}`;
    const hit = PARSE_CACHE.get(key);
    if (hit !== undefined) return { operands, ...hit };
    const s = subscripts;
    // One '->' at most, and no stray '-' or '>'.
    const arrow = s.indexOf('->');
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if ((ch === '-' && s[i + 1] !== '>') || (ch === '>' && s[i - 1] !== '-')) {
        einsumError("einstein sum subscript string does not contain proper '->' output specified", s, i);
      }
      if (ch === '-' && i !== arrow) einsumError("einstein sum subscripts string can only contain one '->'", s, i);
    }
    const inEnd = arrow >= 0 ? arrow : s.length;
    terms = [];
    let start = 0;
    for (let i = 0; i <= inEnd; i++) {
      if (i === inEnd || s[i] === ',') {
        terms.push(parseTerm(s, start, i, `operand ${terms.length}`));
        start = i + 1;
      }
    }
    if (arrow >= 0) {
      for (let i = arrow + 2; i < s.length; i++) {
        if (s[i] === ',') einsumError("invalid subscript ',' in einstein sum subscripts string, subscripts must be letters", s, i);
      }
      out = parseTerm(s, arrow + 2, s.length, 'the output');
    }
    if (terms.length < operands.length) {
      einsumError('more operands provided to einstein sum function than specified in the subscripts string', s, s.length);
    }
    if (terms.length > operands.length) {
      einsumError('fewer operands provided to einstein sum function than specified in the subscripts string', s, terms[operands.length]!.start);
    }
  } else {
    const n = Math.floor(args.length / 2);
    if (n === 0) einsumError('must specify the einstein sum subscripts string and at least one operand');
    if (n > MAX_OPERANDS) einsumError('too many operands');
    operands = [];
    terms = [];
    for (let i = 0; i < n; i++) {
      operands.push(toArray(args[2 * i], `einsum operand ${i}`));
      terms.push(parseSublist(args[2 * i + 1], `operand ${i}`));
    }
    if (args.length % 2 === 1) out = parseSublist(args[args.length - 1], 'the output');
  }

  // Match each term to its operand's dimensions; the ellipsis takes the rest.
  let ellipsisDims = 0;
  const counts: number[] = [];
  terms.forEach((t, k) => {
    const nd = operands[k]!.ndim;
    if (t.ellipsisAt < 0) {
      if (t.labels.length > nd) {
        einsumError(`einstein sum subscripts string contains too many subscripts for operand ${k}`, subscripts, t.positions[nd] ?? t.start);
      }
      if (t.labels.length < nd) {
        einsumError("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.", subscripts, t.start);
      }
      counts.push(0);
    } else {
      if (t.labels.length > nd) {
        einsumError(`einstein sum subscripts string contains too many subscripts for operand ${k}`, subscripts, t.positions[nd] ?? t.start);
      }
      counts.push(nd - t.labels.length);
      ellipsisDims = Math.max(ellipsisDims, nd - t.labels.length);
    }
  });
  const inputs = terms.map((t, k) => {
    if (t.ellipsisAt < 0) return t.labels.slice();
    const e = counts[k]!;
    const bcast = Array.from({ length: e }, (_, j) => ELLIPSIS_BASE + ellipsisDims - e + j);
    return [...t.labels.slice(0, t.ellipsisAt), ...bcast, ...t.labels.slice(t.ellipsisAt)];
  });

  let output: number[];
  const explicit = out !== null;
  if (out !== null) {
    const seen = new Set<number>();
    const all = new Set(inputs.flat());
    out.labels.forEach((l, i) => {
      const ch = EINSUM_SYMBOLS[l]!;
      if (seen.has(l)) einsumError(`einstein sum subscripts string includes output subscript '${ch}' multiple times`, subscripts, out!.positions[i]);
      seen.add(l);
      if (!all.has(l)) einsumError(`einstein sum subscripts string included output subscript '${ch}' which never appeared in an input`, subscripts, out!.positions[i]);
    });
    if (out.ellipsisAt < 0 && ellipsisDims > 0) {
      // Broadcast dimensions of length > 1 cannot be dropped silently (NumPy's C einsum).
      einsumError("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.", subscripts, subscripts === undefined ? undefined : subscripts.length);
    }
    const bcast = Array.from({ length: ellipsisDims }, (_, j) => ELLIPSIS_BASE + j);
    output = out.ellipsisAt < 0 ? out.labels.slice()
      : [...out.labels.slice(0, out.ellipsisAt), ...bcast, ...out.labels.slice(out.ellipsisAt)];
  } else {
    // Implicit: the broadcast dimensions, then every letter used exactly once, sorted.
    const count = new Map<number, number>();
    for (const t of terms) for (const l of t.labels) count.set(l, (count.get(l) ?? 0) + 1);
    const once = [...count].filter(([, c]) => c === 1).map(([l]) => l).sort((x, y) => x - y);
    output = [...Array.from({ length: ellipsisDims }, (_, j) => ELLIPSIS_BASE + j), ...once];
  }
  if (subscripts !== undefined) {
    if (PARSE_CACHE.size >= PARSE_CACHE_SIZE) PARSE_CACHE.delete(PARSE_CACHE.keys().next().value!);
    inputs.forEach((l) => Object.freeze(l));
    Object.freeze(output);
    PARSE_CACHE.set(`${subscripts}\u0000${operands.map((o) => o.ndim).join(',')}`, { inputs, output, ellipsisDims, explicit });
  }
  return { operands, inputs, output, ellipsisDims, explicit };
}

/**
 * The letters a label prints as in reports (einsumPath): its own letter, or for a
 * broadcast dimension a letter no term uses (NumPy picks unused letters too; which
 * ones it picks depends on Python's set order, so ours are the unused letters from
 * the end of the alphabet, in order). Beyond 52 distinct labels, symbols from
 * U+00C0 on.
 */
export function labelNames(p: ParsedEinsum): Map<number, string> {
  const names = new Map<number, string>();
  const used = new Set<number>();
  for (const l of [...p.inputs.flat(), ...p.output]) if (l < ELLIPSIS_BASE) used.add(l);
  for (const l of used) names.set(l, EINSUM_SYMBOLS[l]!);
  const unused = [...EINSUM_SYMBOLS].filter((_, i) => !used.has(i));
  const take = unused.slice(Math.max(0, unused.length - p.ellipsisDims));
  for (let j = 0; j < p.ellipsisDims; j++) {
    names.set(ELLIPSIS_BASE + j, take[j] ?? String.fromCharCode(0xc0 + j));
  }
  return names;
}
