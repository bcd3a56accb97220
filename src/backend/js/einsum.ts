// The TypeScript sum-of-products kernel: the same contract as the addon's
// sumProducts (native/kernels/einsum.h), with ELEMENT strides and offsets.
//   out[o] = sum over r of prod_k ops[k][o, r]
// over labels `shape`, the first `nout` being the output's. Floats sum in double
// (float32 rounds once on the store); integers of up to 32 bits wrap with Math.imul
// and `| 0` (the store keeps the dtype's low bits, NumPy's wrap-around); int64 and
// uint64 use BigInt modulo 2^64; bool is OR of ANDs.
import type { DType } from '../../core/dtype';
import type { Elements } from './gemm';

export interface LabelledOperand {
  data: Elements;
  /** One element stride per label (0 when the operand lacks the label). */
  strides: readonly number[];
  offset: number;
}

export function sumProducts(
  dtype: DType, shape: readonly number[], nout: number, ops: readonly LabelledOperand[],
  out: { data: Elements; strides: readonly number[]; offset: number }, bare = false,
): void {
  const L = shape.length;
  const nop = ops.length;
  let totalOut = 1, totalRed = 1;
  for (let l = 0; l < L; l++) {
    if (l < nout) totalOut *= shape[l]!; else totalRed *= shape[l]!;
  }
  if (totalOut === 0) return;
  const kind = dtype === 'float32' || dtype === 'float64' ? 'float'
    : dtype === 'bool' ? 'bool' : dtype === 'int64' || dtype === 'uint64' ? 'bigint' : 'int32';
  const data = ops.map((o) => o.data);
  const O = out.data;

  // The summed labels' odometer, restarted for each output element.
  const red = shape.slice(nout);
  const nred = red.length;
  const redStrides = ops.map((o) => o.strides.slice(nout));
  const inner = nred > 0 ? red[nred - 1]! : 1;
  const innerStrides = redStrides.map((s) => (nred > 0 ? s[nred - 1]! : 0));
  const ridx = new Array<number>(Math.max(nred - 1, 0)).fill(0);
  const off = new Array<number>(nop).fill(0);

  const reduceFloat = (base: number[]): number => {
    if (totalRed === 0) return 0;
    if (nred === 0) {
      // np.multiply keeps -0.0 (bare); einsum adds into a zeroed output, giving +0.0.
      let prod = (data[0] as Float64Array)[base[0]!]!;
      for (let k = 1; k < nop; k++) prod *= (data[k] as Float64Array)[base[k]!]!;
      return bare ? prod : 0 + prod;
    }
    let acc = 0;
    ridx.fill(0);
    for (let k = 0; k < nop; k++) off[k] = base[k]!;
    for (;;) {
      if (nop === 1) {
        const x = data[0] as Float64Array, s = innerStrides[0]!;
        for (let i = 0, p = off[0]!; i < inner; i++, p += s) acc += x[p]!;
      } else if (nop === 2) {
        const x = data[0] as Float64Array, y = data[1] as Float64Array, s0 = innerStrides[0]!, s1 = innerStrides[1]!;
        for (let i = 0, p = off[0]!, q = off[1]!; i < inner; i++, p += s0, q += s1) acc += x[p]! * y[q]!;
      } else {
        for (let i = 0; i < inner; i++) {
          let prod = (data[0] as Float64Array)[off[0]! + i * innerStrides[0]!]!;
          for (let k = 1; k < nop; k++) prod *= (data[k] as Float64Array)[off[k]! + i * innerStrides[k]!]!;
          acc += prod;
        }
      }
      if (!step()) return acc;
    }
  };
  const reduceInt32 = (base: number[]): number => {
    if (totalRed === 0) return 0;
    let acc = 0;
    ridx.fill(0);
    for (let k = 0; k < nop; k++) off[k] = base[k]!;
    for (;;) {
      for (let i = 0; i < inner; i++) {
        let prod = (data[0] as Int32Array)[off[0]! + i * innerStrides[0]!]! | 0;
        for (let k = 1; k < nop; k++) prod = Math.imul(prod, (data[k] as Int32Array)[off[k]! + i * innerStrides[k]!]!);
        acc = (acc + prod) | 0;
      }
      if (!step()) return acc;
    }
  };
  const reduceBig = (base: number[]): bigint => {
    if (totalRed === 0) return 0n;
    let acc = 0n;
    ridx.fill(0);
    for (let k = 0; k < nop; k++) off[k] = base[k]!;
    for (;;) {
      for (let i = 0; i < inner; i++) {
        let prod = (data[0] as BigInt64Array)[off[0]! + i * innerStrides[0]!]!;
        for (let k = 1; k < nop; k++) prod = BigInt.asUintN(64, prod * (data[k] as BigInt64Array)[off[k]! + i * innerStrides[k]!]!);
        acc = BigInt.asUintN(64, acc + prod);
      }
      if (!step()) return acc;
    }
  };
  const reduceBool = (base: number[]): number => {
    if (totalRed === 0) return 0;
    ridx.fill(0);
    for (let k = 0; k < nop; k++) off[k] = base[k]!;
    for (;;) {
      for (let i = 0; i < inner; i++) {
        let all = true;
        for (let k = 0; k < nop && all; k++) all = (data[k] as Uint8Array)[off[k]! + i * innerStrides[k]!] !== 0;
        if (all) return 1;
      }
      if (!step()) return 0;
    }
  };
  // Advances the summed odometer (all but the innermost label); false when done.
  function step(): boolean {
    for (let d = nred - 2; d >= 0; d--) {
      for (let k = 0; k < nop; k++) off[k] = off[k]! + redStrides[k]![d]!;
      if (++ridx[d]! < red[d]!) return true;
      for (let k = 0; k < nop; k++) off[k] = off[k]! - redStrides[k]![d]! * red[d]!;
      ridx[d] = 0;
    }
    return false;
  }
  const reduce = kind === 'float' ? reduceFloat : kind === 'int32' ? reduceInt32 : kind === 'bigint' ? reduceBig : reduceBool;

  // The output odometer.
  const oidx = new Array<number>(nout).fill(0);
  const base = ops.map((o) => o.offset);
  let po = out.offset;
  for (let t = 0; t < totalOut; t++) {
    (O as { [i: number]: number | bigint })[po] = reduce(base);
    for (let d = nout - 1; d >= 0; d--) {
      for (let k = 0; k < nop; k++) base[k] = base[k]! + ops[k]!.strides[d]!;
      po += out.strides[d]!;
      if (++oidx[d]! < shape[d]!) break;
      for (let k = 0; k < nop; k++) base[k] = base[k]! - ops[k]!.strides[d]! * shape[d]!;
      po -= out.strides[d]! * shape[d]!;
      oidx[d] = 0;
    }
  }
}
