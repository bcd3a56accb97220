// The ufunc table and NumPy 2's loop selection ("type resolution"): which inner
// loop runs for given input dtypes and weak scalars, and with `dtype=`.
//
// Every numnode ufunc loop is uniform: all inputs share one dtype T, the output is
// T or bool. The one exception are the comparisons' mixed (int64, uint64) and
// (uint64, int64) loops, which NumPy 2 has so that int64 and uint64 compare
// exactly instead of through float64. Loop lists follow NumPy's `ufunc.types`
// order restricted to numnode's 11 dtypes. NumPy lists float16 loops first for the
// transcendental functions (np.sin of int8 is float16); numnode has no float16, so
// those inputs get the next loop, float32 (documented in API.md's Elementwise
// section and README).
//
// The resolution rules, checked against np.ufunc.resolve_dtypes over every input
// combination (test/elementwise.types.test.ts):
//  1. binary logical ops: the loop of the input dtype when both inputs are arrays
//     of one dtype, else the bool loop;
//  2. otherwise weak scalars first take the dtype resultType gives all inputs
//     (only weak scalars: int64 / float64);
//  3. 'uniform' ops (add, maximum, ...): that common dtype's loop, else the first
//     loop the common dtype casts to safely; 'divide' sends integers and bools to
//     float64; the others search the loops in order for the first one every
//     input casts to safely (NumPy's linear search).
// With `dtype: D` (NumPy's signature=(None, ..., D)): the loop (D, ..., D) -> D,
// inputs cast to D under same_kind; ops with a bool output accept only bool.
import { DType, KIND } from '../core/dtype';
import { fail } from '../core/errors';
import { canCastDType, combineWeak, promoteTypes, WeakKind } from '../core/promotion';
import { OPS, OpName } from '../core/ops';

const ALL: readonly DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64'];
const NUMERIC = ALL.slice(1);
const INTS = ALL.slice(1, 9);
const INTS_BOOL = ALL.slice(0, 9);
const FLOATS: readonly DType[] = ['float32', 'float64'];

export type Resolver = 'uniform' | 'divide' | 'logical' | 'linear';

/** How a kernel treats its operation, for the native OpenMP threshold and the benchmarks. */
export type Cost = 'cheap' | 'transcendental';

export interface UfuncSpec {
  readonly name: OpName;
  /** NumPy's name, used in error messages ("ufunc 'bitwise_and' not supported ..."). */
  readonly npName: string;
  readonly code: number;
  readonly nin: 1 | 2;
  /** T for every loop (T, ...) -> T (or -> bool), in NumPy's order. */
  readonly loops: readonly DType[];
  readonly boolOut: boolean;
  readonly resolver: Resolver;
  /** The comparisons' extra (int64, uint64) and (uint64, int64) loops. */
  readonly mixed64: boolean;
  readonly cost: Cost;
  /**
   * V8's Math function for this op is more than 1 ulp off for float64 (measured
   * against mpmath: log10 1.65, sinh 1.41, tanh 1.89, atan2 1.11 ulp); when the
   * addon is loaded, 'auto' sends every size to its SLEEF kernel (<= 1 ulp).
   */
  readonly jsInexact: boolean;
}

type SpecRow = [npName: string, loops: readonly DType[], resolver: Resolver, boolOut?: boolean, cost?: Cost];

const T: Cost = 'transcendental';

const SPECS: Record<OpName, SpecRow> = {
  add: ['add', ALL, 'uniform'],
  subtract: ['subtract', NUMERIC, 'uniform'],
  multiply: ['multiply', ALL, 'uniform'],
  divide: ['divide', FLOATS, 'divide'],
  floorDivide: ['floor_divide', NUMERIC, 'uniform'],
  remainder: ['remainder', NUMERIC, 'uniform'],
  power: ['power', NUMERIC, 'linear', false, T],
  negative: ['negative', NUMERIC, 'uniform'],
  positive: ['positive', NUMERIC, 'uniform'],
  absolute: ['absolute', ALL, 'uniform'],
  sqrt: ['sqrt', FLOATS, 'linear'],
  square: ['square', NUMERIC, 'linear'],
  cbrt: ['cbrt', FLOATS, 'linear', false, T],
  exp: ['exp', FLOATS, 'linear', false, T],
  exp2: ['exp2', FLOATS, 'linear', false, T],
  expm1: ['expm1', FLOATS, 'linear', false, T],
  log: ['log', FLOATS, 'linear', false, T],
  log2: ['log2', FLOATS, 'linear', false, T],
  log10: ['log10', FLOATS, 'linear', false, T],
  log1p: ['log1p', FLOATS, 'linear', false, T],
  sin: ['sin', FLOATS, 'linear', false, T],
  cos: ['cos', FLOATS, 'linear', false, T],
  tan: ['tan', FLOATS, 'linear', false, T],
  arcsin: ['arcsin', FLOATS, 'linear', false, T],
  arccos: ['arccos', FLOATS, 'linear', false, T],
  arctan: ['arctan', FLOATS, 'linear', false, T],
  arctan2: ['arctan2', FLOATS, 'linear', false, T],
  sinh: ['sinh', FLOATS, 'linear', false, T],
  cosh: ['cosh', FLOATS, 'linear', false, T],
  tanh: ['tanh', FLOATS, 'linear', false, T],
  floor: ['floor', ALL, 'linear'],
  ceil: ['ceil', ALL, 'linear'],
  trunc: ['trunc', ALL, 'linear'],
  rint: ['rint', FLOATS, 'linear'],
  sign: ['sign', NUMERIC, 'linear'],
  maximum: ['maximum', ALL, 'uniform'],
  minimum: ['minimum', ALL, 'uniform'],
  fmax: ['fmax', ALL, 'uniform'],
  fmin: ['fmin', ALL, 'uniform'],
  hypot: ['hypot', FLOATS, 'linear', false, T],
  equal: ['equal', ALL, 'linear', true],
  notEqual: ['not_equal', ALL, 'linear', true],
  less: ['less', ALL, 'linear', true],
  lessEqual: ['less_equal', ALL, 'linear', true],
  greater: ['greater', ALL, 'linear', true],
  greaterEqual: ['greater_equal', ALL, 'linear', true],
  logicalAnd: ['logical_and', ALL, 'logical', true],
  logicalOr: ['logical_or', ALL, 'logical', true],
  logicalXor: ['logical_xor', ALL, 'logical', true],
  logicalNot: ['logical_not', ALL, 'linear', true],
  isnan: ['isnan', ALL, 'linear', true],
  isinf: ['isinf', ALL, 'linear', true],
  isfinite: ['isfinite', ALL, 'linear', true],
  bitwiseAnd: ['bitwise_and', INTS_BOOL, 'linear'],
  bitwiseOr: ['bitwise_or', INTS_BOOL, 'linear'],
  bitwiseXor: ['bitwise_xor', INTS_BOOL, 'linear'],
  invert: ['invert', INTS_BOOL, 'linear'],
  leftShift: ['left_shift', INTS, 'linear'],
  rightShift: ['right_shift', INTS, 'linear'],
};

const JS_INEXACT = new Set<OpName>(['log10', 'sinh', 'tanh', 'arctan2']);

const COMPARISONS = new Set<OpName>(['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual']);

/** Every ufunc, indexed by op code (src/core/ops.ts). */
export const UFUNCS: readonly UfuncSpec[] = OPS.map((o) => {
  const [npName, loops, resolver, boolOut = false, cost = 'cheap'] = SPECS[o.name];
  return {
    name: o.name, npName, code: o.code, nin: o.nin as 1 | 2, loops, boolOut, resolver,
    mixed64: COMPARISONS.has(o.name), cost, jsInexact: JS_INEXACT.has(o.name),
  };
});

export const UFUNC_BY_NAME: Readonly<Record<OpName, UfuncSpec>> = Object.fromEntries(
  UFUNCS.map((u) => [u.name, u]),
) as Record<OpName, UfuncSpec>;

/** One operand as type resolution sees it: a dtype (strong) or a weak scalar kind. */
export type OperandType = DType | WeakKind;

export const isWeak = (t: OperandType): t is WeakKind => t === 'int' || t === 'float';

/** The chosen loop: the dtype each input is cast to, and the output dtype. */
export interface Loop {
  readonly inputs: readonly DType[];
  readonly output: DType;
}

function loop(spec: UfuncSpec, inputs: readonly DType[]): Loop {
  return { inputs, output: spec.boolOut ? 'bool' : inputs[0]! };
}

/** Whether a (strong or weak) operand may be cast safely to t during the linear search. */
function safeInput(x: OperandType, t: DType): boolean {
  if (x === 'int') return KIND[t] !== 'b';
  if (x === 'float') return KIND[t] === 'f';
  return canCastDType(x, t, 'safe');
}

/** NumPy's linear search: the first loop every input casts to safely. */
function linearSearch(spec: UfuncSpec, ins: readonly OperandType[]): Loop | null {
  for (const t of spec.loops) {
    if (ins.every((x) => safeInput(x, t))) return loop(spec, ins.map(() => t));
    if (spec.mixed64 && t === 'uint64') {
      // NumPy lists the mixed comparison loops right after the uint64 one.
      for (const pair of [['int64', 'uint64'], ['uint64', 'int64']] as const) {
        if (safeInput(ins[0]!, pair[0]) && safeInput(ins[1]!, pair[1])) return { inputs: pair, output: 'bool' };
      }
    }
  }
  return null;
}

function commonType(ins: readonly OperandType[]): DType {
  let strong: DType | null = null;
  let weak: WeakKind | null = null;
  for (const x of ins) {
    if (x === 'int' || x === 'float') {
      if (weak !== 'float') weak = x;
    } else strong = strong === null ? x : promoteTypes(strong, x);
  }
  return combineWeak(strong, weak);
}

function typeError(msg: string): never {
  return fail('ERR_NUMNODE_DTYPE', TypeError, msg);
}

const BOOL_SUBTRACT = 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';
const BOOL_NEGATIVE = 'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.';

/** NumPy's class name of a DType in "did not contain a loop" messages. */
function dtypeClass(x: OperandType): string {
  if (x === 'int') return '_PyLongDType';
  if (x === 'float') return '_PyFloatDType';
  const names: Record<DType, string> = {
    bool: 'BoolDType', int8: 'Int8DType', uint8: 'UInt8DType', int16: 'Int16DType', uint16: 'UInt16DType',
    int32: 'Int32DType', uint32: 'UInt32DType', int64: 'Int64DType', uint64: 'UInt64DType',
    float32: 'Float32DType', float64: 'Float64DType',
  };
  return names[x];
}

function noLoopFor(spec: UfuncSpec, ins: readonly OperandType[], out: DType | null): never {
  return typeError(`ufunc '${spec.npName}' did not contain a loop with signature matching types `
    + `${ins.map((x) => `<class 'numpy.dtypes.${dtypeClass(x)}'>`).join(', ')} -> `
    + `${out === null ? 'None' : `<class 'numpy.dtypes.${dtypeClass(out)}'>`}`);
}

/** The loop NumPy 2 selects for these operand types (throws NumPy's TypeError when none). */
export function resolveLoop(spec: UfuncSpec, operands: readonly OperandType[]): Loop {
  if (spec.resolver === 'logical') {
    const [a, b] = operands;
    if (!isWeak(a!) && a === b) return loop(spec, [a, a]);
    return loop(spec, ['bool', 'bool']);
  }
  let ins: readonly OperandType[] = operands;
  if (ins.every(isWeak)) ins = ins.map((x) => (x === 'float' ? 'float64' : 'int64'));
  const c = commonType(ins);
  if (ins.some(isWeak)) ins = ins.map((x) => (isWeak(x) ? c : x));
  if (c === 'bool') {
    if (spec.name === 'subtract') typeError(BOOL_SUBTRACT);
    if (spec.name === 'negative') typeError(BOOL_NEGATIVE);
  }
  if ((spec.name === 'positive' || spec.name === 'sign') && ins[0] === 'bool') noLoopFor(spec, ins, null);
  let found: Loop | null;
  switch (spec.resolver) {
    case 'uniform':
      found = spec.loops.includes(c) ? loop(spec, ins.map(() => c)) : linearSearch(spec, ins.map(() => c));
      break;
    case 'divide':
      found = ins.every((x) => KIND[x as DType] !== 'f')
        ? loop(spec, ins.map(() => 'float64'))
        : linearSearch(spec, ins.map(() => c));
      break;
    default:
      found = linearSearch(spec, ins);
  }
  if (found === null) {
    typeError(`ufunc '${spec.npName}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
  }
  return found;
}

function dt(x: OperandType): string {
  return `dtype('${x === 'int' ? 'int64' : x === 'float' ? 'float64' : x}')`;
}

/** The loop for `dtype: D` (NumPy's signature=(None, ..., D)), with NumPy's errors. */
export function resolveLoopWithDType(spec: UfuncSpec, operands: readonly OperandType[], d: DType): Loop {
  if (spec.boolOut) {
    if (d !== 'bool') typeError(`No loop matching the specified signature and casting was found for ufunc ${spec.npName}`);
    return resolveLoop(spec, operands);
  }
  if (d === 'bool') {
    if (spec.name === 'subtract') typeError(BOOL_SUBTRACT);
    if (spec.name === 'negative') typeError(BOOL_NEGATIVE);
    if (spec.name === 'positive' || spec.name === 'sign') noLoopFor(spec, operands, 'bool');
  }
  if (!spec.loops.includes(d)) {
    typeError(`No loop matching the specified signature and casting was found for ufunc ${spec.npName}`);
  }
  operands.forEach((x, i) => {
    const ok = x === 'int' ? KIND[d] !== 'b' : x === 'float' ? KIND[d] === 'f' : canCastDType(x, d, 'same_kind');
    if (!ok) {
      typeError(`Cannot cast ufunc '${spec.npName}' input ${spec.nin === 1 ? '' : `${i} `}from ${dt(x)} to dtype('${d}') with casting rule 'same_kind'`);
    }
  });
  return loop(spec, operands.map(() => d));
}
