// The linear-algebra methods of NDArray (a.matmul(b), a.dot(b), a.diagonal(),
// a.trace()), added by module augmentation so that src/core/ndarray.ts stays free of
// the ops. Imported for its side effect by src/index.ts.
import type { DType, Scalar } from '../core/dtype';
import { NDArray } from '../core/ndarray';
import type { ArrayLike } from '../core/creation';
import { diagonal, dot, matmul, trace, DiagonalOptions, OutOptions, TraceOptions } from './linalg';

declare module '../core/ndarray' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface NDArray<D extends DType = DType> {
    /** np.matmul(this, b, opts): the @ operator. */
    matmul(b: ArrayLike, opts?: OutOptions): NDArray;
    /** np.dot(this, b, opts): a JS scalar for two vectors. */
    dot(b: ArrayLike, opts?: OutOptions): NDArray | Scalar;
    /** np.diagonal(this, opts): a read-only view. */
    diagonal(opts?: DiagonalOptions): NDArray;
    /** np.trace(this, opts): a JS scalar for a matrix. */
    trace(opts?: TraceOptions): NDArray | Scalar;
  }
}

NDArray.prototype.matmul = function matmulMethod(this: NDArray, b: ArrayLike, opts?: OutOptions): NDArray {
  return matmul(this, b, opts);
};
NDArray.prototype.dot = function dotMethod(this: NDArray, b: ArrayLike, opts?: OutOptions): NDArray | Scalar {
  return dot(this, b, opts);
};
NDArray.prototype.diagonal = function diagonalMethod(this: NDArray, opts?: DiagonalOptions): NDArray {
  return diagonal(this, opts);
};
NDArray.prototype.trace = function traceMethod(this: NDArray, opts?: TraceOptions): NDArray | Scalar {
  return trace(this, opts);
};
