// The .npy header: a Python dict literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
// parsed by a small strict recursive-descent parser for the subset of Python literal
// syntax NumPy writes (and ast.literal_eval would accept for it): dicts, tuples, lists,
// strings, integers (Python 2's 'L' suffix in format 1.0/2.0 files), True/False/None.
// Nothing is ever evaluated. Depth and sizes are bounded by the header, which the caller
// has already limited to `maxHeaderSize` characters; every rejection is ERR_NUMNODE_NPY.
import { fail } from '../core/errors';

export type PyValue =
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | { t: 'tuple'; items: PyValue[] }
  | { t: 'list'; items: PyValue[] }
  | { t: 'str'; v: string }
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'none' };

const MAX_DEPTH = 32;

export function npyError(message: string): never {
  return fail('ERR_NUMNODE_NPY', Error, message);
}

/** Python's repr of a parsed value, for error messages. */
export function pyRepr(v: PyValue): string {
  switch (v.t) {
    case 'dict': return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
    case 'tuple': return v.items.length === 1 ? `(${pyRepr(v.items[0]!)},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'list': return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'str': return `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'int': return v.v.toString();
    case 'float': return String(v.v);
    case 'bool': return v.v ? 'True' : 'False';
    case 'none': return 'None';
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string, private readonly allowLongSuffix: boolean) {}

  private err(what: string): never {
    const shown = this.s.length > 200 ? `${this.s.slice(0, 200)}...` : this.s;
    return npyError(`Cannot parse header: ${what} at character ${this.i} of ${JSON.stringify(shown)}`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) this.i++;
      else if (c === 35) {
        // '#': a Python comment, to the end of the line. ast.literal_eval (NumPy's
        // reader) skips it; the fuzzer's live check found numnode refusing such headers.
        while (this.i < s.length && s[this.i] !== '\n' && s[this.i] !== '\r') this.i++;
      }
      else if (c === 92 && (s[this.i + 1] === '\n' || (s[this.i + 1] === '\r' && s[this.i + 2] === '\n'))) {
        this.i += s[this.i + 1] === '\n' ? 2 : 3; // explicit line continuation
      } else break;
    }
  }

  parseTop(): PyValue {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i !== this.s.length) this.err('unexpected text after the literal');
    return v;
  }

  private value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.err('nesting too deep');
    this.ws();
    const s = this.s;
    if (this.i >= s.length) this.err('unexpected end');
    const c = s[this.i]!;
    if (c === '{') return this.dict(depth);
    if (c === '(') return this.paren(depth);
    if (c === '[') return this.list(depth);
    if (c === "'" || c === '"') return { t: 'str', v: this.str() };
    if ((c === 'u' || c === 'U') && (s[this.i + 1] === "'" || s[this.i + 1] === '"')) {
      this.i++;
      return { t: 'str', v: this.str() };
    }
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i, this.i + 16));
    if (word !== null) {
      const w = word[0];
      this.i += w.length;
      if (w === 'True') return { t: 'bool', v: true };
      if (w === 'False') return { t: 'bool', v: false };
      if (w === 'None') return { t: 'none' };
      this.i -= w.length;
      this.err(`name '${w}' is not a literal`);
    }
    return this.err(`unexpected character ${JSON.stringify(c)}`);
  }

  private dict(depth: number): PyValue {
    this.i++; // {
    const entries: [PyValue, PyValue][] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') { this.i++; return { t: 'dict', entries }; }
      const k = this.value(depth + 1);
      this.ws();
      if (this.s[this.i] !== ':') this.err("expected ':'");
      this.i++;
      const v = this.value(depth + 1);
      entries.push([k, v]);
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === '}') { this.i++; return { t: 'dict', entries }; }
      this.err("expected ',' or '}'");
    }
  }

  private paren(depth: number): PyValue {
    this.i++; // (
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.ws();
      if (this.s[this.i] === ')') {
        this.i++;
        if (items.length === 1 && !sawComma) return items[0]!; // (x) is just x
        return { t: 'tuple', items };
      }
      items.push(this.value(depth + 1));
      this.ws();
      if (this.s[this.i] === ',') { this.i++; sawComma = true; continue; }
      if (this.s[this.i] === ')') continue;
      this.err("expected ',' or ')'");
    }
  }

  private list(depth: number): PyValue {
    this.i++; // [
    const items: PyValue[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') { this.i++; return { t: 'list', items }; }
      items.push(this.value(depth + 1));
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === ']') continue;
      this.err("expected ',' or ']'");
    }
  }

  private str(): string {
    const s = this.s;
    const q = s[this.i]!;
    const triple = s.startsWith(q.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (this.i >= s.length) this.err('unterminated string');
      const c = s[this.i]!;
      if (triple ? s.startsWith(q.repeat(3), this.i) : c === q) {
        this.i += triple ? 3 : 1;
        return out;
      }
      if (!triple && (c === '\n' || c === '\r')) this.err('newline in string');
      if (c === '\\') {
        const e = s[this.i + 1];
        if (e === undefined) this.err('unterminated string');
        this.i += 2;
        switch (e) {
          case '\n': break;
          case '\\': out += '\\'; break;
          case "'": out += "'"; break;
          case '"': out += '"'; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case '0': out += '\0'; break;
          case 'x': {
            const h = s.slice(this.i, this.i + 2);
            if (!/^[0-9a-fA-F]{2}$/.test(h)) this.err('bad \\x escape');
            out += String.fromCharCode(parseInt(h, 16));
            this.i += 2;
            break;
          }
          case 'u': {
            const h = s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) this.err('bad \\u escape');
            out += String.fromCharCode(parseInt(h, 16));
            this.i += 4;
            break;
          }
          default: out += `\\${e}`; // Python keeps unknown escapes as written
        }
        continue;
      }
      out += c;
      this.i++;
    }
  }

  private number(): PyValue {
    const s = this.s;
    const start = this.i;
    let neg = false;
    // unary signs (ast.literal_eval allows them on numbers)
    while (s[this.i] === '-' || s[this.i] === '+') {
      if (s[this.i] === '-') neg = !neg;
      this.i++;
      this.ws();
      if (this.i - start > 64) this.err('too many signs');
    }
    const rest = s.slice(this.i, this.i + 400);
    let m = /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+/.exec(rest);
    if (m !== null) {
      this.i += m[0].length;
      this.longSuffix();
      const v = BigInt(m[0].replace(/_/g, ''));
      return { t: 'int', v: neg ? -v : v };
    }
    m = /^(?:\d(?:_?\d)*)?(?:\.\d(?:_?\d)*|\.)?(?:[eE][+-]?\d(?:_?\d)*)?/.exec(rest);
    const text = m === null ? '' : m[0];
    if (text === '' || text === '.') this.err('bad number');
    this.i += text.length;
    const clean = text.replace(/_/g, '');
    if (/^\d+$/.test(clean)) {
      if (clean.length > 1 && clean[0] === '0' && /[1-9]/.test(clean)) this.err('leading zeros in a decimal integer');
      this.longSuffix();
      const v = BigInt(clean);
      return { t: 'int', v: neg ? -v : v };
    }
    const f = Number(clean);
    return { t: 'float', v: neg ? -f : f };
  }

  private longSuffix(): void {
    if (this.allowLongSuffix && (this.s[this.i] === 'L' || this.s[this.i] === 'l')) this.i++;
  }
}

/**
 * Parses a header string. `version` decides whether Python 2's 'L' integer suffix is
 * accepted (format 1.0 and 2.0 files, as NumPy's _filter_header does).
 */
export function parseLiteral(text: string, major: number): PyValue {
  return new Parser(text, major <= 2).parseTop();
}
