// Builds in numnode the layouts that scripts/gen-core-fixtures.py builds in NumPy,
// by replaying the same recipe steps (reshape, slice, transpose, broadcast_to,
// expand_dims, view, copy, zeros) on the same base values.
import * as np from '../../src/index';
import type { DType, IndexItem, NDArray } from '../../src/index';
import { CoreFixture, Item, Step, decode } from './fixtures';

/** The 24-element base array of a dtype (an owner, C-contiguous). */
export function baseArray(fx: CoreFixture, dtype: DType): NDArray {
  return np.array(fx.bases[dtype].map((v) => decode(v, dtype)), { dtype });
}

/**
 * A fixture index item as numnode takes it. Slices alternate between the string
 * form ('1:-1:2') and np.s(1, -1, 2) so that both spellings are exercised.
 */
export function toItem(item: Item, position: number): IndexItem {
  if (item === null) return np.newaxis;
  if (item === '...') return '...';
  if (typeof item === 'number') return item;
  const [start, stop, step] = item.slice;
  if (position % 2 === 1) return np.s(start, stop, step);
  const f = (v: number | null) => (v === null ? '' : String(v));
  return step === null ? `${f(start)}:${f(stop)}` : `${f(start)}:${f(stop)}:${step}`;
}

/** NumPy's spelling of an index expression, for test titles: [::-1, None, 2]. */
export function itemsLabel(items: readonly Item[]): string {
  const one = (it: Item): string => {
    if (it === null) return 'None';
    if (it === '...') return '...';
    if (typeof it === 'number') return String(it);
    const [a, b, c] = it.slice;
    const f = (v: number | null) => (v === null ? '' : String(v));
    return c === null ? `${f(a)}:${f(b)}` : `${f(a)}:${f(b)}:${c}`;
  };
  return `[${items.map(one).join(', ')}]`;
}

export interface Built {
  /** The layout. */
  a: NDArray;
  /** What offsets are measured from: the base, or the last copy/zeros in the recipe. */
  root: NDArray;
}

/** Replays a recipe on `base`. */
export function applySteps(base: NDArray, steps: readonly Step[]): Built {
  let a = base;
  let root = base;
  for (const st of steps) {
    switch (st.op) {
      case 'reshape': a = a.reshape(st.shape!); break;
      case 'slice': a = a.slice(...st.items!.map(toItem)); break;
      case 'transpose': a = st.axes === null || st.axes === undefined ? a.transpose() : a.transpose(st.axes); break;
      case 'broadcast_to': a = np.broadcastTo(a, st.shape!); break;
      case 'expand_dims': a = np.expandDims(a, st.axis!); break;
      case 'view': a = a.view(st.dtype!); break;
      case 'copy': a = a.copy(st.order); root = a; break;
      case 'zeros': a = np.zeros(st.shape!, { dtype: st.dtype ?? a.dtype }); root = a; break;
      default: throw new Error(`unknown recipe step ${JSON.stringify(st)}`);
    }
  }
  return { a, root };
}

/** The layout `name` of `dtype`, as the fixture's case records it. */
export function buildLayout(fx: CoreFixture, name: string, dtype: DType): Built {
  const layout = fx.layouts.find((l) => l.name === name);
  if (layout === undefined) throw new Error(`no layout ${name} in the fixture`);
  return applySteps(baseArray(fx, dtype), layout.steps);
}

/** Byte offset of `a`'s first element from `root`'s (NumPy: difference of data pointers). */
export function offsetFrom(a: NDArray, root: NDArray): number {
  if (a.buffer !== root.buffer) throw new Error('offsetFrom: not views of one buffer');
  return a.byteOffset - root.byteOffset;
}
