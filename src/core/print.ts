// Printing: NumPy 2.x's str(a) / repr(a), character for character.
//
// This is a port of the algorithms in numpy/_core/arrayprint.py (FloatingFormat,
// IntegerFormat, BoolFormat, _leading_trailing, _formatArray, array2string,
// array_repr, array_str) and of the Dragon4 digit generator in
// numpy/_core/src/multiarray/dragon4.c (positional and scientific formatting,
// unique / exact digit modes, cutoffs, min_digits, trim modes and padding),
// written against JS BigInt. It is decoupled from the NDArray class through
// the PrintSource interface, and only reads the elements that it prints.

import type { DType } from './dtype';
import { makeError, shapeStr } from './errors';

export interface PrintSource {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The element at a full index (C order position); number for ints ≤32 bits and floats, bigint for int64/uint64, boolean for bool. */
  get(index: readonly number[]): number | bigint | boolean;
}

export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';
export type SignMode = '-' | '+' | ' ';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
  floatmode: FloatMode;
  sign: SignMode;
  nanstr: string;
  infstr: string;
}

export interface Array2StringOptions extends Partial<PrintOptions> {
  separator?: string;
  prefix?: string;
  /** Like NumPy's `suffix`: only shortens the usable line width by its length. */
  suffix?: string;
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const DEFAULT_OPTIONS: Readonly<PrintOptions> = Object.freeze({
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  floatmode: 'maxprec',
  sign: '-',
  nanstr: 'nan',
  infstr: 'inf',
});

let current: PrintOptions = { ...DEFAULT_OPTIONS };

const FLOATMODES: readonly FloatMode[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];
const SIGNS: readonly SignMode[] = ['-', '+', ' '];
const OPTION_KEYS = Object.keys(DEFAULT_OPTIONS) as (keyof PrintOptions)[];
const EXTRA_KEYS = ['separator', 'prefix', 'suffix'];

function argError(message: string): never {
  throw makeError('ERR_NUMNODE_ARG', TypeError, message);
}

function isNonNegInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/** Checks a partial options object; returns a clean copy holding only the print options. */
function validateOptions(opts: unknown, allowExtra: boolean): Partial<PrintOptions> {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    argError(`print options must be an object, got ${opts === null ? 'null' : Array.isArray(opts) ? 'an array' : typeof opts}`);
  }
  const out: Partial<PrintOptions> = {};
  const rec = opts as Record<string, unknown>;
  for (const key of Object.keys(rec)) {
    const v = rec[key];
    if (allowExtra && EXTRA_KEYS.includes(key)) {
      if (v !== undefined && typeof v !== 'string') argError(`${key} must be a string`);
      continue;
    }
    if (!(OPTION_KEYS as string[]).includes(key)) {
      argError(`unknown print option '${key}' (expected one of ${OPTION_KEYS.join(', ')})`);
    }
    if (v === undefined) continue; // like NumPy's None: leave unchanged
    switch (key as keyof PrintOptions) {
      case 'precision':
        if (!isNonNegInt(v)) argError('precision must be a non-negative integer');
        out.precision = v;
        break;
      case 'threshold':
        if (typeof v !== 'number') argError('threshold must be numeric');
        if (Number.isNaN(v)) argError('threshold must be non-NAN, try Infinity for untruncated representation');
        out.threshold = v;
        break;
      case 'edgeitems':
        if (!isNonNegInt(v)) argError('edgeitems must be a non-negative integer');
        out.edgeitems = v;
        break;
      case 'linewidth':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) argError('linewidth must be a positive integer');
        out.linewidth = v;
        break;
      case 'suppress':
        if (typeof v !== 'boolean') argError('suppress must be a boolean');
        out.suppress = v;
        break;
      case 'floatmode':
        if (!FLOATMODES.includes(v as FloatMode)) {
          argError(`floatmode option must be one of ${FLOATMODES.map((m) => `"${m}"`).join(', ')}`);
        }
        out.floatmode = v as FloatMode;
        break;
      case 'sign':
        if (!SIGNS.includes(v as SignMode)) argError("sign option must be one of ' ', '+', or '-'");
        out.sign = v as SignMode;
        break;
      case 'nanstr':
      case 'infstr':
        if (typeof v !== 'string') argError(`${key} must be a string`);
        out[key as 'nanstr' | 'infstr'] = v;
        break;
    }
  }
  return out;
}

/** A copy of the current print options. */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}

/** Changes the given print options (the others keep their values). Bad keys or values are a coded TypeError. */
export function setPrintOptions(opts: Partial<PrintOptions>): void {
  const clean = validateOptions(opts, false);
  current = { ...current, ...clean };
}

/** Runs fn with the given print options in force, then restores the previous ones (like `with np.printoptions(...)`). */
export function withPrintOptions<T>(opts: Partial<PrintOptions>, fn: () => T): T {
  const clean = validateOptions(opts, false);
  const saved = current;
  current = { ...current, ...clean };
  try {
    return fn();
  } finally {
    current = saved;
  }
}

function resolveOptions(opts: unknown, allowExtra: boolean): PrintOptions {
  return { ...current, ...validateOptions(opts, allowExtra) };
}

// ---------------------------------------------------------------------------
// Dragon4 (port of numpy/_core/src/multiarray/dragon4.c, with BigInt)
// ---------------------------------------------------------------------------

/** 'k': keep trailing zeros; '.': trim zeros, keep the point; '0': trim but leave one zero; '-': trim zeros and the point. */
type Trim = 'k' | '.' | '0' | '-';

const LOG10_2 = 0.30102999566398119521373889472449;
const BUFFER_SIZE = 16384;
const POW10_CACHE: bigint[] = [1n];

function pow10(n: number): bigint {
  if (n < 400) {
    while (POW10_CACHE.length <= n) POW10_CACHE.push(POW10_CACHE[POW10_CACHE.length - 1]! * 10n);
    return POW10_CACHE[n]!;
  }
  return 10n ** BigInt(n);
}

interface Digits {
  digits: string;
  /** Base-10 exponent of the first digit. */
  exp: number;
}

/**
 * Generates the decimal digits of mantissa * 2^exponent. unique: shortest digits that
 * identify the value among its neighbours of the same type (IEEE unbiased rounding);
 * otherwise exact digits. fraction: cutoffs count digits past the decimal point,
 * otherwise total digits. cutoffMax / cutoffMin: -1 for none.
 */
function dragon4(
  mantissa: bigint, exponent: number, mantissaBit: number, hasUnequalMargins: boolean,
  unique: boolean, fraction: boolean, cutoffMax: number, cutoffMin: number, bufferSize: number,
): Digits {
  if (mantissa === 0n) return { digits: '0', exp: 0 };
  const isEven = (mantissa & 1n) === 0n;
  let scale: bigint;
  let value: bigint;
  let marginLow: bigint;
  if (hasUnequalMargins) {
    if (exponent > 0) {
      value = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      value = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    value = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    value = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  // scaledMarginHigh is 2 * scaledMarginLow with unequal margins, else the same.

  let digitExponent = Math.ceil((mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fraction && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const p = pow10(-digitExponent);
    value *= p;
    marginLow *= p;
  }
  if (value >= scale) {
    digitExponent += 1;
  } else {
    value *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - bufferSize;
  if (cutoffMax >= 0) {
    const desired = fraction ? -cutoffMax : digitExponent - cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = fraction ? -cutoffMin : digitExponent - cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const out: number[] = [];
  let low = false;
  let high = false;
  let outputDigit = 0;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      outputDigit = Number(q);
      value -= q * scale;
      const marginHigh = hasUnequalMargins ? marginLow * 2n : marginLow;
      const valueHigh = value + marginHigh;
      low = isEven ? value <= marginLow : value < marginLow;
      high = isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      const q = value / scale;
      outputDigit = Number(q);
      value -= q * scale;
      if (value === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
    }
  }

  let roundDown = low;
  if (low === high) {
    const twice = value * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }
  if (roundDown) {
    out.push(outputDigit);
  } else if (outputDigit === 9) {
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExponent += 1;
        break;
      }
      const last = out.pop()!;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  } else {
    out.push(outputDigit + 1);
  }
  return { digits: out.join(''), exp: outExponent };
}

interface FloatParts {
  negative: boolean;
  /** 'nan' | 'inf' for non-finite values. */
  special: 'nan' | 'inf' | null;
  mantissa: bigint;
  exponent: number;
  mantissaBit: number;
  hasUnequalMargins: boolean;
}

const f64 = new Float64Array(1);
const f64bits = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const f32bits = new Uint32Array(f32.buffer);

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

function decompose(x: number, single: boolean): FloatParts {
  if (single) {
    f32[0] = x;
    const bits = f32bits[0]!;
    const fm = bits & 0x7fffff;
    const fe = (bits >>> 23) & 0xff;
    const negative = bits >>> 31 !== 0;
    if (fe === 0xff) return { negative, special: fm === 0 ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, hasUnequalMargins: false };
    if (fe !== 0) {
      return { negative, special: null, mantissa: BigInt(fm | 0x800000), exponent: fe - 127 - 23, mantissaBit: 23, hasUnequalMargins: fe !== 1 && fm === 0 };
    }
    const m = BigInt(fm);
    return { negative, special: null, mantissa: m, exponent: 1 - 127 - 23, mantissaBit: fm === 0 ? 0 : bitLength(m) - 1, hasUnequalMargins: false };
  }
  f64[0] = x;
  const bits = f64bits[0]!;
  const fm = bits & 0xfffffffffffffn;
  const fe = Number((bits >> 52n) & 0x7ffn);
  const negative = bits >> 63n !== 0n;
  if (fe === 0x7ff) return { negative, special: fm === 0n ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, hasUnequalMargins: false };
  if (fe !== 0) {
    return { negative, special: null, mantissa: fm | (1n << 52n), exponent: fe - 1023 - 52, mantissaBit: 52, hasUnequalMargins: fe !== 1 && fm === 0n };
  }
  return { negative, special: null, mantissa: fm, exponent: 1 - 1023 - 52, mantissaBit: fm === 0n ? 0 : bitLength(fm) - 1, hasUnequalMargins: false };
}

interface PositionalOpts {
  precision?: number;
  minDigits?: number;
  unique?: boolean;
  fractional?: boolean;
  trim?: Trim;
  sign?: boolean;
  padLeft?: number;
  padRight?: number;
}

interface ScientificOpts {
  precision?: number;
  minDigits?: number;
  unique?: boolean;
  trim?: Trim;
  sign?: boolean;
  padLeft?: number;
  expDigits?: number;
}

function signChar(p: FloatParts, sign: boolean): string {
  return p.negative ? '-' : sign ? '+' : '';
}

function infNan(p: FloatParts, signbit: string): string {
  return p.special === 'inf' ? signbit + 'inf' : 'nan';
}

/** np._core.multiarray.dragon4_positional for a float32 (single) or float64 value. */
function dragon4Positional(x: number, single: boolean, o: PositionalOpts = {}): string {
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const unique = o.unique ?? true;
  const fraction = o.fractional ?? true;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  const digitsRight = o.padRight ?? -1;
  const p = decompose(x, single);
  const signbit = signChar(p, o.sign ?? false);
  if (p.special) return infNan(p, signbit);
  const hasSign = signbit ? 1 : 0;

  const d = dragon4(p.mantissa, p.exponent, p.mantissaBit, p.hasUnequalMargins, unique, fraction,
    precision, minDigits, BUFFER_SIZE - 1 - hasSign);
  const numDigits = d.digits.length;
  let numWholeDigits: number;
  let numFractionDigits = 0;
  let body: string;
  if (d.exp >= 0) {
    numWholeDigits = d.exp + 1;
    if (numDigits <= numWholeDigits) {
      body = d.digits + '0'.repeat(numWholeDigits - numDigits);
    } else {
      numFractionDigits = numDigits - numWholeDigits;
      body = d.digits.slice(0, numWholeDigits) + '.' + d.digits.slice(numWholeDigits);
    }
  } else {
    const numFractionZeros = -(d.exp + 1);
    body = '0.' + '0'.repeat(numFractionZeros) + d.digits;
    numFractionDigits = numDigits + numFractionZeros;
    numWholeDigits = 1;
  }
  if (trim !== '-' && numFractionDigits === 0) body += '.';

  const addDigits = unique ? minDigits : precision;
  let desiredFractionalDigits = addDigits < 0 ? 0 : addDigits;
  if (!fraction) desiredFractionalDigits = addDigits - numWholeDigits;

  if (trim === '0') {
    if (numFractionDigits === 0) {
      body += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k' && desiredFractionalDigits > numFractionDigits) {
    body += '0'.repeat(desiredFractionalDigits - numFractionDigits);
    numFractionDigits = desiredFractionalDigits;
  }

  if (trim !== 'k' && numFractionDigits > 0) {
    let end = body.length;
    while (body[end - 1] === '0') {
      end--;
      numFractionDigits--;
    }
    body = body.slice(0, end);
    if (body[end - 1] === '.') {
      if (trim === '0') {
        body += '0';
        numFractionDigits++;
      } else if (trim === '-') {
        body = body.slice(0, end - 1);
      }
    }
  }

  let res = signbit + body;
  if (digitsRight >= numFractionDigits) {
    if (trim === '-' && numFractionDigits === 0) res += ' ';
    res += ' '.repeat(digitsRight - numFractionDigits);
  }
  if (digitsLeft > numWholeDigits + hasSign) res = ' '.repeat(digitsLeft - (numWholeDigits + hasSign)) + res;
  return res;
}

/** np._core.multiarray.dragon4_scientific for a float32 (single) or float64 value. */
function dragon4Scientific(x: number, single: boolean, o: ScientificOpts = {}): string {
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const unique = o.unique ?? true;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  let expDigits = o.expDigits ?? -1;
  const p = decompose(x, single);
  const signbit = signChar(p, o.sign ?? false);
  if (p.special) return infNan(p, signbit);

  let res = '';
  const leftchars = 1 + (signbit ? 1 : 0);
  if (digitsLeft > leftchars) res += ' '.repeat(digitsLeft - leftchars);
  res += signbit;

  const d = dragon4(p.mantissa, p.exponent, p.mantissaBit, p.hasUnequalMargins, unique, false,
    precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1, BUFFER_SIZE - res.length);
  let mant = d.digits[0]!;
  let numFractionDigits = d.digits.length - 1;
  if (numFractionDigits > 0) mant += '.' + d.digits.slice(1);
  if (trim !== '-' && numFractionDigits === 0) mant += '.';

  const addDigits = Math.max(unique ? minDigits : precision, 0);
  if (trim === '0') {
    if (numFractionDigits === 0) {
      mant += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k') {
    if (addDigits > numFractionDigits) {
      mant += '0'.repeat(addDigits - numFractionDigits);
      numFractionDigits = addDigits;
    }
  }
  if (trim !== 'k' && numFractionDigits > 0) {
    let end = mant.length;
    while (mant[end - 1] === '0') {
      end--;
      numFractionDigits--;
    }
    mant = mant.slice(0, end);
    if (trim === '0' && mant[end - 1] === '.') {
      mant += '0';
      numFractionDigits++;
    }
  }

  if (expDigits > 5) expDigits = 5;
  if (expDigits < 0) expDigits = 2;
  let e = d.exp;
  const esign = e >= 0 ? '+' : '-';
  if (e < 0) e = -e;
  const edigits = String(e).padStart(expDigits, '0');
  return res + mant + 'e' + esign + edigits;
}

// ---------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------

/** str() of a NumPy scalar of the given dtype: 1.5, 1e+20, -0.0, nan, True, 3. */
export function formatScalar(value: number | bigint | boolean, dtype: DType): string {
  switch (dtype) {
    case 'bool':
      return value ? 'True' : 'False';
    case 'float32':
    case 'float64': {
      const single = dtype === 'float32';
      const x = single ? Math.fround(Number(value)) : Number(value);
      if (Number.isNaN(x)) return 'nan';
      if (x === Infinity) return 'inf';
      if (x === -Infinity) return '-inf';
      const absval = Math.abs(x);
      const maxPositional = single ? 1e6 : 1e16;
      if (absval === 0 || (absval >= 1e-4 && absval < maxPositional)) {
        return dragon4Positional(x, single, { unique: true, trim: '0' });
      }
      return dragon4Scientific(x, single, { unique: true, trim: '-' });
    }
    default:
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'boolean') return value ? '1' : '0';
      return Object.is(value, -0) ? '0' : String(value);
  }
}

// ---------------------------------------------------------------------------
// Element formatters (arrayprint.py's BoolFormat, IntegerFormat, FloatingFormat)
// ---------------------------------------------------------------------------

type Elem = number | bigint | boolean;
type FormatFn = (x: Elem) => string;

function boolFormat(zeroDim: boolean): FormatFn {
  const truestr = zeroDim ? 'True' : ' True';
  return (x) => (x ? truestr : 'False');
}

function intFormat(data: readonly Elem[], sign: SignMode): FormatFn {
  let maxStrLen = 0;
  let s: SignMode = sign;
  if (data.length > 0) {
    let max = data[0] as number | bigint;
    let min = max;
    for (const v of data) {
      const x = v as number | bigint;
      if (x > max) max = x;
      if (x < min) min = x;
    }
    let dataMaxStrLen = formatInt(max).length;
    if (s === ' ' && min < 0) s = '-';
    if (max >= 0 && (s === '+' || s === ' ')) dataMaxStrLen += 1;
    maxStrLen = Math.max(dataMaxStrLen, formatInt(min).length);
  }
  return (x) => {
    const v = x as number | bigint;
    let str = formatInt(v);
    if (v >= 0) {
      if (s === '+') str = '+' + str;
      else if (s === ' ') str = ' ' + str;
    }
    return str.padStart(maxStrLen, ' ');
  };
}

function formatInt(v: number | bigint): string {
  return typeof v === 'bigint' ? v.toString() : Object.is(v, -0) ? '0' : String(v);
}

/** np.signbit for a finite value (true for -0.0). */
function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

class FloatingFormat {
  private readonly single: boolean;
  private readonly floatmode: FloatMode;
  private precision: number;
  private readonly suppressSmall: boolean;
  private readonly sign: SignMode;
  private readonly nanstr: string;
  private readonly infstr: string;
  private expFormat = false;
  private padLeft = 0;
  private padRight = 0;
  private trim: Trim = '.';
  private expSize = -1;
  private unique = true;
  private minDigits = -1;

  constructor(data: readonly number[], dtype: DType, opts: PrintOptions) {
    this.single = dtype === 'float32';
    this.floatmode = opts.floatmode;
    this.precision = opts.floatmode === 'unique' ? -1 : opts.precision;
    this.suppressSmall = opts.suppress;
    this.sign = opts.sign;
    this.nanstr = opts.nanstr;
    this.infstr = opts.infstr;
    this.fillFormat(data);
  }

  private fillFormat(data: readonly number[]): void {
    const single = this.single;
    const finite = data.filter((x) => Number.isFinite(x));
    let maxVal = -Infinity;
    let minVal = Infinity;
    let anyNonZero = false;
    for (const x of finite) {
      if (x === 0) continue;
      const a = Math.abs(x);
      anyNonZero = true;
      if (a > maxVal) maxVal = a;
      if (a < minVal) minVal = a;
    }
    if (anyNonZero) {
      // In NumPy the comparisons are made in the array's own precision (float32 for float32).
      const expCutoffMax = single ? 1e6 : 1e8;
      const small = single ? Math.fround(0.0001) : 0.0001;
      const ratio = single ? Math.fround(maxVal / minVal) : maxVal / minVal;
      if (maxVal >= expCutoffMax || (!this.suppressSmall && (minVal < small || ratio > 1000))) {
        this.expFormat = true;
      }
    }

    if (finite.length === 0) {
      this.padLeft = 0;
      this.padRight = 0;
      this.trim = '.';
      this.expSize = -1;
      this.unique = true;
      this.minDigits = -1;
    } else if (this.expFormat) {
      let trim: Trim = '.';
      let unique = true;
      if (this.floatmode === 'fixed') {
        trim = 'k';
        unique = false;
      }
      let maxInt = 0;
      let maxFrac = 0;
      let maxExp = 0;
      for (const x of finite) {
        const s = dragon4Scientific(x, single, { precision: this.precision, unique, trim, sign: this.sign === '+' });
        const e = s.indexOf('e');
        const mant = s.slice(0, e);
        const dot = mant.indexOf('.');
        maxInt = Math.max(maxInt, dot);
        maxFrac = Math.max(maxFrac, mant.length - dot - 1);
        maxExp = Math.max(maxExp, s.length - e - 1);
      }
      this.expSize = maxExp - 1;
      this.trim = 'k';
      this.precision = maxFrac;
      this.minDigits = maxFrac;
      this.unique = unique;
      this.padLeft = maxInt;
      this.padRight = this.expSize + 2 + this.precision;
    } else {
      let trim: Trim = '.';
      let unique = true;
      if (this.floatmode === 'fixed') {
        trim = 'k';
        unique = false;
      }
      let maxInt = 0;
      let maxFrac = 0;
      for (const x of finite) {
        const s = dragon4Positional(x, single, { precision: this.precision, fractional: true, unique, trim, sign: this.sign === '+' });
        const dot = s.indexOf('.');
        maxInt = Math.max(maxInt, dot);
        maxFrac = Math.max(maxFrac, s.length - dot - 1);
      }
      this.padLeft = maxInt;
      this.padRight = maxFrac;
      this.expSize = -1;
      this.unique = unique;
      if (this.floatmode === 'fixed' || this.floatmode === 'maxprec_equal') {
        this.precision = this.minDigits = this.padRight;
        this.trim = 'k';
      } else {
        this.trim = '.';
        this.minDigits = 0;
      }
    }

    if (this.sign === ' ' && !finite.some(signbit)) this.padLeft += 1;

    if (data.length !== finite.length) {
      const neginf = this.sign !== '-' || data.some((x) => x === -Infinity);
      const offset = this.padRight + 1;
      this.padLeft = Math.max(this.padLeft, this.nanstr.length - offset, this.infstr.length + (neginf ? 1 : 0) - offset);
    }
  }

  format(x: number): string {
    if (!Number.isFinite(x)) {
      let ret: string;
      if (Number.isNaN(x)) {
        ret = (this.sign === '+' ? '+' : '') + this.nanstr;
      } else {
        ret = (x < 0 ? '-' : this.sign === '+' ? '+' : '') + this.infstr;
      }
      return ' '.repeat(Math.max(0, this.padLeft + this.padRight + 1 - ret.length)) + ret;
    }
    if (this.expFormat) {
      return dragon4Scientific(x, this.single, {
        precision: this.precision, minDigits: this.minDigits, unique: this.unique, trim: this.trim,
        sign: this.sign === '+', padLeft: this.padLeft, expDigits: this.expSize,
      });
    }
    return dragon4Positional(x, this.single, {
      precision: this.precision, minDigits: this.minDigits, unique: this.unique, fractional: true,
      trim: this.trim, sign: this.sign === '+', padLeft: this.padLeft, padRight: this.padRight,
    });
  }
}

function makeFormatter(data: readonly Elem[], dtype: DType, zeroDim: boolean, opts: PrintOptions): FormatFn {
  if (dtype === 'bool') return boolFormat(zeroDim);
  if (dtype === 'float32' || dtype === 'float64') {
    const single = dtype === 'float32';
    const nums = data.map((v) => (single ? Math.fround(Number(v)) : Number(v)));
    const ff = new FloatingFormat(nums, dtype, opts);
    return (x) => ff.format(single ? Math.fround(Number(x)) : Number(x));
  }
  return intFormat(data, opts.sign);
}

// ---------------------------------------------------------------------------
// Layout (arrayprint.py's _leading_trailing, _formatArray, _extendLine)
// ---------------------------------------------------------------------------

function extendLine(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  let needsWrap = line.length + word.length > lineWidth;
  // don't wrap lines if it won't help
  if (line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += line.trimEnd() + '\n';
    line = nextLinePrefix;
  }
  line += word;
  return [s, line];
}

function formatArray(
  shape: readonly number[], leaf: (index: number[]) => string, lineWidth: number, nextLinePrefix: string,
  separator: string, edgeItems: number, summaryInsert: string,
): string {
  const ndim = shape.length;
  const sepTrim = separator.trimEnd();
  const recurser = (index: number[], hangingIndent: string, currWidth: number): string => {
    const axis = index.length;
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return leaf(index);
    const nextHangingIndent = hangingIndent + ' ';
    const nextWidth = currWidth - 1;
    const aLen = shape[axis]!;
    const showSummary = summaryInsert !== '' && 2 * edgeItems < aLen;
    const leadingItems = showSummary ? edgeItems : 0;
    const trailingItems = showSummary ? edgeItems : aLen;
    let s = '';
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(sepTrim.length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leadingItems; i++) {
        const word = recurser([...index, i], nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailingItems; i > 1; i--) {
        const word = recurser([...index, aLen - i], nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      const word = recurser([...index, aLen - 1], nextHangingIndent, nextWidth);
      [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
      s += line;
    } else {
      const lineSep = sepTrim + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < leadingItems; i++) {
        s += hangingIndent + recurser([...index, i], nextHangingIndent, nextWidth) + lineSep;
      }
      if (showSummary) s += hangingIndent + summaryInsert + lineSep;
      for (let i = trailingItems; i > 1; i--) {
        s += hangingIndent + recurser([...index, aLen - i], nextHangingIndent, nextWidth) + lineSep;
      }
      s += hangingIndent + recurser([...index, aLen - 1], nextHangingIndent, nextWidth);
    }
    return '[' + s.slice(hangingIndent.length) + ']';
  };
  return recurser([], nextLinePrefix, lineWidth);
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Reads the elements that will be printed (all of them, or the leading and trailing
 * edges of every axis when summarising) and returns the formatted array body.
 */
function array2stringImpl(a: PrintSource, opts: PrintOptions, separator: string, prefix: string): string {
  const shape = a.shape;
  const ndim = shape.length;
  const summarise = sizeOf(shape) > opts.threshold;
  const e = opts.edgeitems;
  // kept[k]: the indices of axis k that _leading_trailing keeps.
  const kept: number[][] = [];
  for (let k = 0; k < ndim; k++) {
    const n = shape[k]!;
    const idx: number[] = [];
    if (summarise && n > 2 * e) {
      for (let i = 0; i < e; i++) idx.push(i);
      // a[-0:] is the whole axis, as in NumPy
      for (let i = e === 0 ? 0 : n - e; i < n; i++) idx.push(i);
    } else {
      for (let i = 0; i < n; i++) idx.push(i);
    }
    kept.push(idx);
  }
  // Gather the kept elements in C order of the kept sub-array.
  const values: Elem[] = [];
  const cur: number[] = new Array<number>(ndim).fill(0);
  const gather = (k: number): void => {
    if (k === ndim) {
      values.push(a.get(cur.slice()));
      return;
    }
    for (const i of kept[k]!) {
      cur[k] = i;
      gather(k + 1);
    }
  };
  gather(0);
  const strides: number[] = new Array<number>(ndim).fill(1);
  for (let k = ndim - 2; k >= 0; k--) strides[k] = strides[k + 1]! * kept[k + 1]!.length;

  const fmt = makeFormatter(values, a.dtype, ndim === 0, opts);
  const leaf = (index: number[]): string => {
    let pos = 0;
    for (let k = 0; k < ndim; k++) {
      const i = index[k]!;
      const n = shape[k]!;
      const klen = kept[k]!.length;
      // position within kept[k]: leading part maps directly, trailing part from the end
      const p = klen === n || i < e ? i : klen - (n - i);
      pos += p * strides[k]!;
    }
    return fmt(values[pos]!);
  };
  return formatArray(shape, leaf, opts.linewidth, ' ' + ' '.repeat(prefix.length), separator, e,
    summarise ? '...' : '');
}

/** NumPy's array2string: the bracketed body, with `separator` between elements. */
export function array2string(a: PrintSource, opts?: Array2StringOptions): string {
  const o = resolveOptions(opts, true);
  const separator = opts?.separator ?? ' ';
  const prefix = opts?.prefix ?? '';
  const suffix = opts?.suffix ?? '';
  o.linewidth -= suffix.length;
  if (sizeOf(a.shape) === 0) return '[]';
  return array2stringImpl(a, o, separator, prefix);
}

/** str(a): like NumPy's array_str (a 0-d array prints as its scalar). */
export function arrayStr(a: PrintSource, opts?: Partial<PrintOptions>): string {
  const o = resolveOptions(opts, false);
  if (a.shape.length === 0) return formatScalar(a.get([]), a.dtype);
  if (sizeOf(a.shape) === 0) return '[]';
  return array2stringImpl(a, o, ' ', '');
}

const IMPLIED_DTYPES: ReadonlySet<DType> = new Set<DType>(['int64', 'float64', 'bool']);

/** repr(a): like NumPy's array_repr, `array([...], shape=..., dtype=...)`. */
export function arrayRepr(a: PrintSource, opts?: Partial<PrintOptions>): string {
  const o = resolveOptions(opts, false);
  const prefix = 'array(';
  const size = sizeOf(a.shape);
  let lst: string;
  if (size === 0) {
    lst = '[]';
  } else {
    lst = array2stringImpl(a, { ...o, linewidth: o.linewidth - 1 }, ', ', prefix);
  }
  const extras: string[] = [];
  if ((size === 0 && !(a.shape.length === 1 && a.shape[0] === 0)) || size > o.threshold) {
    extras.push(`shape=${shapeStr(a.shape)}`);
  }
  if (!IMPLIED_DTYPES.has(a.dtype) || size === 0) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return prefix + lst + ')';
  const arrStr = prefix + lst + ',';
  const extraStr = extras.join(', ') + ')';
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf('\n') + 1);
  const spacer = lastLineLen + extraStr.length + 1 > o.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ';
  return arrStr + spacer + extraStr;
}
