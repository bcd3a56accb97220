// The tutorial's explain_strides(arr), shared by the internals section and the
// stride exercise: shape, strides, the strides a C-ordered 2-D array would have,
// and the elements in memory order with '|' between rows.
import type { NDArray } from '../../index';
import type { ShowcaseContext } from '../context';

export function tuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** C-order strides for a shape: the last axis moves by one item, each earlier axis by a whole row of the next. */
export function predictCStrides(shape: readonly number[], itemsize: number): number[] {
  const out = new Array<number>(shape.length);
  let step = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = step;
    step *= Math.max(shape[i]!, 1);
  }
  return out;
}

export function explainStrides(ctx: ShowcaseContext, arr: NDArray): void {
  ctx.print(`Array shape: ${tuple(arr.shape)}`, `Strides: ${tuple(arr.strides)}`, `Element size: ${arr.itemsize} bytes`);
  const expectedCol = arr.itemsize;
  const expectedRow = arr.shape[1]! * arr.itemsize;
  ctx.print(`Expected strides: (${expectedRow}, ${expectedCol})`, '', 'Memory layout (conceptual):');
  const flat = arr.ravel().toArray() as (number | bigint)[];
  let line = '';
  flat.forEach((v, i) => {
    const s = String(v).padStart(2);
    line += i % arr.shape[1]! === 0 && i > 0 ? `  |  ${s}` : ` ${s}`;
  });
  ctx.print(line);
}
