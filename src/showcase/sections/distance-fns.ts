// The tutorial's distance-matrix functions (3.1–3.3) ported to numnode, shared by
// the sections that time, profile and compare them, and a few helpers the
// sections' cross-checks use. Each function is written as the tutorial writes it
// (same steps, same temporaries) so that its timings and memory are the tutorial's
// algorithm's, not a better one's; distance.cdist is the fused alternative.
import * as np from '../../index';
import type { NDArray } from '../../index';

/** (N, D), (M, D) → (N, M): the (N, M, D) difference array, squared and summed over D. */
export function euclideanBroadcast(x: NDArray, y: NDArray): NDArray {
  const diff = np.subtract(x.slice(':', np.newaxis, ':'), y.slice(np.newaxis, ':', ':'));
  return np.sqrt(np.sum(np.multiply(diff, diff), { axis: 2 }));
}

/** ||x−y||² = ||x||² + ||y||² − 2⟨x, y⟩: two einsum row norms and one GEMM. */
export function euclideanTrick(x: NDArray, y: NDArray): NDArray {
  const xSqnorms = np.einsum('ij,ij->i', x, x).slice(':', np.newaxis);   // (N, 1)
  const ySqnorms = np.einsum('ij,ij->i', y, y).slice(np.newaxis, ':');   // (1, M)
  const xyDots = np.matmul(x, y.T);                                      // (N, M)
  return np.sqrt(np.abs(np.subtract(np.add(xSqnorms, ySqnorms), np.multiply(2.0, xyDots))));
}

/** Exercise 5: the broadcast version with einsum('ijk,ijk->ij') as the final reduction. */
export function euclideanBroadcastOptimized(x: NDArray, y: NDArray): NDArray {
  const diff = np.subtract(x.slice(':', np.newaxis, ':'), y.slice(np.newaxis, ':', ':'));
  return np.sqrt(np.einsum('ijk,ijk->ij', diff, diff));
}

/** 3.3: the trick on chunkSize × chunkSize blocks, written into a preallocated result. */
export function euclideanChunked(x: NDArray, y: NDArray, chunkSize = 1000): NDArray {
  const n = x.shape[0]!;
  const m = y.shape[0]!;
  const result = np.empty([n, m], { dtype: 'float64' });
  for (let i = 0; i < n; i += chunkSize) {
    const iEnd = Math.min(i + chunkSize, n);
    for (let j = 0; j < m; j += chunkSize) {
      const jEnd = Math.min(j + chunkSize, m);
      result.slice(`${i}:${iEnd}`, `${j}:${jEnd}`).assign(euclideanTrick(x.slice(`${i}:${iEnd}`), y.slice(`${j}:${jEnd}`)));
    }
  }
  return result;
}

/** The source of the functions above, as the sections show it (kept next to the code it describes). */
export const DISTANCE_SOURCE = {
  broadcast: `
function euclideanBroadcast(x: NDArray, y: NDArray): NDArray {
  // Shape: (N, 1, D) - (1, M, D) → (N, M, D)
  const diff = np.subtract(x.slice(':', np.newaxis, ':'), y.slice(np.newaxis, ':', ':'));
  // Sum of squares along the last dimension
  return np.sqrt(np.sum(np.multiply(diff, diff), { axis: 2 }));
}`,
  trick: `
function euclideanTrick(x: NDArray, y: NDArray): NDArray {
  const xSqnorms = np.einsum('ij,ij->i', x, x).slice(':', np.newaxis);   // (N, 1)
  const ySqnorms = np.einsum('ij,ij->i', y, y).slice(np.newaxis, ':');   // (1, M)
  const xyDots = np.matmul(x, y.T);                                      // x @ y.T: (N, M)
  // abs for numerical stability, as the tutorial
  return np.sqrt(np.abs(np.subtract(np.add(xSqnorms, ySqnorms), np.multiply(2.0, xyDots))));
}`,
  optimized: `
function euclideanBroadcastOptimized(x: NDArray, y: NDArray): NDArray {
  const diff = np.subtract(x.slice(':', np.newaxis, ':'), y.slice(np.newaxis, ':', ':'));
  // einsum instead of (diff * diff).sum(axis=2)
  return np.sqrt(np.einsum('ijk,ijk->ij', diff, diff));
}`,
  chunked: `
function euclideanChunked(x: NDArray, y: NDArray, chunkSize = 1000): NDArray {
  const [n, m] = [x.shape[0], y.shape[0]];
  const result = np.empty([n, m], { dtype: 'float64' });
  for (let i = 0; i < n; i += chunkSize) {
    const iEnd = Math.min(i + chunkSize, n);
    for (let j = 0; j < m; j += chunkSize) {
      const jEnd = Math.min(j + chunkSize, m);
      result.slice(\`\${i}:\${iEnd}\`, \`\${j}:\${jEnd}\`)
        .assign(euclideanTrick(x.slice(\`\${i}:\${iEnd}\`), y.slice(\`\${j}:\${jEnd}\`)));
    }
  }
  return result;
}`,
};

/** An array's elements in C order as JS numbers (bigints converted). */
export function flat(x: NDArray): number[] {
  return Array.from(x.ravel().toTypedArray() as ArrayLike<number | bigint>, Number);
}

/** max |a − b| over all elements, as a JS number (the tutorial's np.abs(a - b).max()). */
export function maxAbsDiff(a: NDArray, b: NDArray): number {
  return Number(np.max(np.abs(np.subtract(a, b))));
}

/** Seconds since t0 (process.hrtime.bigint()), the tutorial's time.time() differences. */
export function since(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** A number with its exponent, as Python's f'{x:.2e}'. */
export function sci(x: number): string {
  return x.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2');
}
