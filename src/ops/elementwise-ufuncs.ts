// The public elementwise functions: one per ufunc of src/core/ops.ts, as
// np.name(a[, b], {out, dtype}). Each is NumPy's ufunc of the same (snake_case)
// name: the same loop selection (NEP 50 weak scalars), broadcasting, casting and
// results; src/ops/elementwise.ts has the machinery and its rules.
import type { NDArray } from '../core/ndarray';
import { applyUfunc, Operand, UfuncOptions } from './elementwise';
import { UFUNC_BY_NAME } from './elementwise-types';

const U = UFUNC_BY_NAME;

/** np.add: a + b, elementwise. */
export function add(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.add, [a, b], opts);
}

/** np.subtract: a - b, elementwise. */
export function subtract(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.subtract, [a, b], opts);
}

/** np.multiply: a * b, elementwise. */
export function multiply(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.multiply, [a, b], opts);
}

/** np.divide: a / b (true division: integers give float64), elementwise. */
export function divide(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.divide, [a, b], opts);
}

/** np.floor_divide: a // b, Python's floor division (integer division by zero gives 0), elementwise. */
export function floorDivide(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.floorDivide, [a, b], opts);
}

/** np.remainder: a % b with the sign of b, as Python's % (integer remainder by zero gives 0), elementwise. */
export function remainder(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.remainder, [a, b], opts);
}

/** np.power: a ** b (integers wrap; a negative integer exponent of an integer is an error), elementwise. */
export function power(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.power, [a, b], opts);
}

/** np.negative: -a, elementwise. */
export function negative(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.negative, [a], opts);
}

/** np.positive: +a (a copy), elementwise. */
export function positive(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.positive, [a], opts);
}

/** np.absolute: |a| (np.abs), elementwise. */
export function absolute(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.absolute, [a], opts);
}

/** np.sqrt: the square root, elementwise. */
export function sqrt(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.sqrt, [a], opts);
}

/** np.square: a * a, elementwise. */
export function square(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.square, [a], opts);
}

/** np.cbrt: the cube root, elementwise. */
export function cbrt(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.cbrt, [a], opts);
}

/** np.exp: e ** a, elementwise. */
export function exp(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.exp, [a], opts);
}

/** np.exp2: 2 ** a, elementwise. */
export function exp2(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.exp2, [a], opts);
}

/** np.expm1: e ** a - 1, accurate near 0, elementwise. */
export function expm1(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.expm1, [a], opts);
}

/** np.log: the natural logarithm, elementwise. */
export function log(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.log, [a], opts);
}

/** np.log2: the base-2 logarithm, elementwise. */
export function log2(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.log2, [a], opts);
}

/** np.log10: the base-10 logarithm, elementwise. */
export function log10(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.log10, [a], opts);
}

/** np.log1p: log(1 + a), accurate near 0, elementwise. */
export function log1p(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.log1p, [a], opts);
}

/** np.sin: the sine (radians), elementwise. */
export function sin(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.sin, [a], opts);
}

/** np.cos: the cosine (radians), elementwise. */
export function cos(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.cos, [a], opts);
}

/** np.tan: the tangent (radians), elementwise. */
export function tan(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.tan, [a], opts);
}

/** np.arcsin: the inverse sine, elementwise. */
export function arcsin(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.arcsin, [a], opts);
}

/** np.arccos: the inverse cosine, elementwise. */
export function arccos(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.arccos, [a], opts);
}

/** np.arctan: the inverse tangent, elementwise. */
export function arctan(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.arctan, [a], opts);
}

/** np.arctan2: the angle of the point (b, a): atan2(a, b), elementwise. */
export function arctan2(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.arctan2, [a, b], opts);
}

/** np.sinh: the hyperbolic sine, elementwise. */
export function sinh(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.sinh, [a], opts);
}

/** np.cosh: the hyperbolic cosine, elementwise. */
export function cosh(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.cosh, [a], opts);
}

/** np.tanh: the hyperbolic tangent, elementwise. */
export function tanh(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.tanh, [a], opts);
}

/** np.floor: the largest integer <= a, elementwise. */
export function floor(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.floor, [a], opts);
}

/** np.ceil: the smallest integer >= a, elementwise. */
export function ceil(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.ceil, [a], opts);
}

/** np.trunc: a rounded toward zero, elementwise. */
export function trunc(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.trunc, [a], opts);
}

/** np.rint: a rounded to the nearest integer, ties to even, elementwise. */
export function rint(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.rint, [a], opts);
}

/** np.sign: -1, 0 or 1 (NaN stays NaN), elementwise. */
export function sign(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.sign, [a], opts);
}

/** np.maximum: the larger of a and b, NaN if either is NaN, elementwise. */
export function maximum(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.maximum, [a, b], opts);
}

/** np.minimum: the smaller of a and b, NaN if either is NaN, elementwise. */
export function minimum(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.minimum, [a, b], opts);
}

/** np.fmax: the larger of a and b, ignoring a NaN, elementwise. */
export function fmax(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.fmax, [a, b], opts);
}

/** np.fmin: the smaller of a and b, ignoring a NaN, elementwise. */
export function fmin(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.fmin, [a, b], opts);
}

/** np.hypot: sqrt(a*a + b*b) without overflow, elementwise. */
export function hypot(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.hypot, [a, b], opts);
}

/** np.equal: a == b, elementwise. */
export function equal(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.equal, [a, b], opts);
}

/** np.not_equal: a != b, elementwise. */
export function notEqual(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.notEqual, [a, b], opts);
}

/** np.less: a < b, elementwise. */
export function less(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.less, [a, b], opts);
}

/** np.less_equal: a <= b, elementwise. */
export function lessEqual(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.lessEqual, [a, b], opts);
}

/** np.greater: a > b, elementwise. */
export function greater(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.greater, [a, b], opts);
}

/** np.greater_equal: a >= b, elementwise. */
export function greaterEqual(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.greaterEqual, [a, b], opts);
}

/** np.logical_and: a && b (truth values), elementwise. */
export function logicalAnd(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.logicalAnd, [a, b], opts);
}

/** np.logical_or: a || b (truth values), elementwise. */
export function logicalOr(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.logicalOr, [a, b], opts);
}

/** np.logical_xor: a != b (truth values), elementwise. */
export function logicalXor(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.logicalXor, [a, b], opts);
}

/** np.logical_not: !a (truth value), elementwise. */
export function logicalNot(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.logicalNot, [a], opts);
}

/** np.isnan: whether a is NaN, elementwise. */
export function isnan(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.isnan, [a], opts);
}

/** np.isinf: whether a is +Infinity or -Infinity, elementwise. */
export function isinf(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.isinf, [a], opts);
}

/** np.isfinite: whether a is neither infinite nor NaN, elementwise. */
export function isfinite(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.isfinite, [a], opts);
}

/** np.bitwise_and: a & b (integers and bools), elementwise. */
export function bitwiseAnd(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.bitwiseAnd, [a, b], opts);
}

/** np.bitwise_or: a | b (integers and bools), elementwise. */
export function bitwiseOr(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.bitwiseOr, [a, b], opts);
}

/** np.bitwise_xor: a ^ b (integers and bools), elementwise. */
export function bitwiseXor(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.bitwiseXor, [a, b], opts);
}

/** np.invert: ~a (for bools: not), elementwise. */
export function invert(a: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.invert, [a], opts);
}

/** np.left_shift: a << b (0 once b reaches the bit width), elementwise. */
export function leftShift(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.leftShift, [a, b], opts);
}

/** np.right_shift: a >> b (arithmetic for signed integers), elementwise. */
export function rightShift(a: Operand, b: Operand, opts?: UfuncOptions): NDArray {
  return applyUfunc(U.rightShift, [a, b], opts);
}

/** np.abs, the short name of np.absolute. */
export const abs = absolute;
