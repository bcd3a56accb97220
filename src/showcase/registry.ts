// The showcase in tutorial order. A later issue that makes a pending section
// possible writes it as a file under sections/, adds it to SECTIONS at its place,
// and removes it from PENDING.
import type { PendingSection, Section } from './section';
import { listsVsArrays } from './sections/lists-vs-arrays';
import { arrayInternals } from './sections/array-internals';
import { exerciseStrides } from './sections/exercise-strides';
import { viewsVsCopies } from './sections/views-vs-copies';
import { contiguity } from './sections/contiguity';
import { arrayCreation } from './sections/array-creation';
import { dtypesMemory } from './sections/dtypes-memory';
import { newaxisAndShapes } from './sections/newaxis-and-shapes';
import { showConfig } from './sections/show-config';

export const SECTIONS: readonly Section[] = [
  listsVsArrays,
  arrayInternals,
  exerciseStrides,
  viewsVsCopies,
  contiguity,
  arrayCreation,
  dtypesMemory,
  newaxisAndShapes,
  showConfig,
];

/** Tutorial sections that need capabilities this build may not have. */
export const PENDING: readonly PendingSection[] = [
  { id: '1.1', title: 'Element-wise multiplication: list comprehension vs data * 2', needs: ['multiply'] },
  { id: '1.3', title: 'Exercise 2: np.sum and arr * 2.0 in float32 vs float64', needs: ['sum', 'multiply', 'random.rand'] },
  { id: '2.1', title: 'Broadcasting arithmetic: a + 10, b + c, the multiplication table x[:, newaxis] * x, 3-D a + b', needs: ['add', 'multiply', 'random.rand'] },
  { id: '2.2', title: 'Pairwise differences of vectors (broadcast subtraction)', needs: ['subtract', 'random.seed', 'random.rand', 'diag'] },
  { id: '2.3', title: 'Vectorisation: a loop of exp + sin vs np.exp(x) + np.sin(x)', needs: ['exp', 'sin', 'add', 'allclose', 'random.rand'] },
  { id: '2.3', title: 'Exercise 4: conditional (np.where) and running average (np.cumsum)', needs: ['where', 'cumsum', 'mean', 'square', 'divide', 'allclose'] },
  { id: '3.1', title: 'Euclidean distance matrix: broadcasting vs the algebraic trick', needs: ['einsum', 'matmul', 'sqrt', 'abs', 'subtract', 'sum', 'allclose', 'random.rand'] },
  { id: '3.1', title: 'Einstein summation: einsum vs (A * A).sum(axis=1), einsum vs A @ B', needs: ['einsum', 'matmul', 'multiply', 'sum', 'allclose'] },
  { id: '3.2', title: 'Profiling breakdown and threads on dgemm (large_data @ large_data.T)', needs: ['matmul', 'einsum', 'setNumThreads', 'random.rand'] },
  { id: '3.2', title: 'Memory profiling: the trick vs broadcasting', needs: ['einsum', 'matmul', 'subtract', 'sqrt'] },
  { id: '3.3', title: 'Exercise 5 and chunked processing of the distance matrix', needs: ['einsum', 'distance.cdist', 'allclose'] },
  { id: '3.3', title: 'dtype impact: the distance matrix in float32 vs float64', needs: ['einsum', 'matmul', 'abs', 'max'] },
  { id: 'Final', title: 'The 5000×5000 distance matrix showcase', needs: ['einsum', 'matmul', 'diag', 'allclose', 'max', 'random.rand'] },
];

/** The names a pending section needs that this build's namespace does not have. */
export function missingApi(np: object, needs: readonly string[]): string[] {
  return needs.filter((path) => {
    let v: unknown = np;
    for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return typeof v !== 'function';
  });
}
