// The elementwise ufuncs as NDArray methods (a.add(b), a.mul(2), a.sqrt(), and
// NumPy's short names add sub mul div pow neg abs), added by module augmentation
// so that src/core/ndarray.ts stays free of the ops. Imported for its side effect
// by src/index.ts.
import type { DType } from '../core/dtype';
import { NDArray } from '../core/ndarray';
import { applyUfunc, clip, Operand, UfuncOptions } from './elementwise';
import { UFUNCS, UFUNC_BY_NAME } from './elementwise-types';

declare module '../core/ndarray' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface NDArray<D extends DType = DType> {
    /** np.add(this, b, opts) */
    add(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.subtract(this, b, opts) */
    subtract(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.multiply(this, b, opts) */
    multiply(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.divide(this, b, opts) */
    divide(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.floorDivide(this, b, opts) */
    floorDivide(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.remainder(this, b, opts) */
    remainder(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.power(this, b, opts) */
    power(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.negative(this, opts) */
    negative(opts?: UfuncOptions): NDArray;
    /** np.positive(this, opts) */
    positive(opts?: UfuncOptions): NDArray;
    /** np.absolute(this, opts) */
    absolute(opts?: UfuncOptions): NDArray;
    /** np.sqrt(this, opts) */
    sqrt(opts?: UfuncOptions): NDArray;
    /** np.square(this, opts) */
    square(opts?: UfuncOptions): NDArray;
    /** np.cbrt(this, opts) */
    cbrt(opts?: UfuncOptions): NDArray;
    /** np.exp(this, opts) */
    exp(opts?: UfuncOptions): NDArray;
    /** np.exp2(this, opts) */
    exp2(opts?: UfuncOptions): NDArray;
    /** np.expm1(this, opts) */
    expm1(opts?: UfuncOptions): NDArray;
    /** np.log(this, opts) */
    log(opts?: UfuncOptions): NDArray;
    /** np.log2(this, opts) */
    log2(opts?: UfuncOptions): NDArray;
    /** np.log10(this, opts) */
    log10(opts?: UfuncOptions): NDArray;
    /** np.log1p(this, opts) */
    log1p(opts?: UfuncOptions): NDArray;
    /** np.sin(this, opts) */
    sin(opts?: UfuncOptions): NDArray;
    /** np.cos(this, opts) */
    cos(opts?: UfuncOptions): NDArray;
    /** np.tan(this, opts) */
    tan(opts?: UfuncOptions): NDArray;
    /** np.arcsin(this, opts) */
    arcsin(opts?: UfuncOptions): NDArray;
    /** np.arccos(this, opts) */
    arccos(opts?: UfuncOptions): NDArray;
    /** np.arctan(this, opts) */
    arctan(opts?: UfuncOptions): NDArray;
    /** np.arctan2(this, b, opts) */
    arctan2(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.sinh(this, opts) */
    sinh(opts?: UfuncOptions): NDArray;
    /** np.cosh(this, opts) */
    cosh(opts?: UfuncOptions): NDArray;
    /** np.tanh(this, opts) */
    tanh(opts?: UfuncOptions): NDArray;
    /** np.floor(this, opts) */
    floor(opts?: UfuncOptions): NDArray;
    /** np.ceil(this, opts) */
    ceil(opts?: UfuncOptions): NDArray;
    /** np.trunc(this, opts) */
    trunc(opts?: UfuncOptions): NDArray;
    /** np.rint(this, opts) */
    rint(opts?: UfuncOptions): NDArray;
    /** np.sign(this, opts) */
    sign(opts?: UfuncOptions): NDArray;
    /** np.maximum(this, b, opts) */
    maximum(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.minimum(this, b, opts) */
    minimum(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.fmax(this, b, opts) */
    fmax(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.fmin(this, b, opts) */
    fmin(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.hypot(this, b, opts) */
    hypot(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.equal(this, b, opts) */
    equal(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.notEqual(this, b, opts) */
    notEqual(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.less(this, b, opts) */
    less(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.lessEqual(this, b, opts) */
    lessEqual(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.greater(this, b, opts) */
    greater(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.greaterEqual(this, b, opts) */
    greaterEqual(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.logicalAnd(this, b, opts) */
    logicalAnd(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.logicalOr(this, b, opts) */
    logicalOr(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.logicalXor(this, b, opts) */
    logicalXor(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.logicalNot(this, opts) */
    logicalNot(opts?: UfuncOptions): NDArray;
    /** np.isnan(this, opts) */
    isnan(opts?: UfuncOptions): NDArray;
    /** np.isinf(this, opts) */
    isinf(opts?: UfuncOptions): NDArray;
    /** np.isfinite(this, opts) */
    isfinite(opts?: UfuncOptions): NDArray;
    /** np.bitwiseAnd(this, b, opts) */
    bitwiseAnd(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.bitwiseOr(this, b, opts) */
    bitwiseOr(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.bitwiseXor(this, b, opts) */
    bitwiseXor(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.invert(this, opts) */
    invert(opts?: UfuncOptions): NDArray;
    /** np.leftShift(this, b, opts) */
    leftShift(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.rightShift(this, b, opts) */
    rightShift(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.subtract(this, b, opts) (short name) */
    sub(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.multiply(this, b, opts) (short name) */
    mul(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.divide(this, b, opts) (short name) */
    div(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.power(this, b, opts) (short name) */
    pow(b: Operand, opts?: UfuncOptions): NDArray;
    /** np.negative(this, opts) (short name) */
    neg(opts?: UfuncOptions): NDArray;
    /** np.absolute(this, opts) (short name) */
    abs(opts?: UfuncOptions): NDArray;
    /** np.clip(this, min, max, opts) */
    clip(min?: Operand | null, max?: Operand | null, opts?: UfuncOptions): NDArray;
  }
}

type Proto = Record<string, unknown>;
const proto = NDArray.prototype as unknown as Proto;

for (const spec of UFUNCS) {
  proto[spec.name] = spec.nin === 2
    ? function (this: NDArray, b: Operand, opts?: UfuncOptions) { return applyUfunc(spec, [this, b], opts); }
    : function (this: NDArray, opts?: UfuncOptions) { return applyUfunc(spec, [this], opts); };
}
const SHORT: Record<string, keyof typeof UFUNC_BY_NAME> = {
  sub: 'subtract', mul: 'multiply', div: 'divide', pow: 'power', neg: 'negative', abs: 'absolute',
};
for (const [short, long] of Object.entries(SHORT)) proto[short] = proto[long];
proto.clip = function (this: NDArray, min?: Operand | null, max?: Operand | null, opts?: UfuncOptions) {
  return clip(this, min, max, opts);
};
