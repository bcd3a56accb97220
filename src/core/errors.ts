// The one place where numnode makes the errors it throws, so that every error
// carries a stable `code` and the wording stays uniform (sharp's lib/is.mjs and
// better-sqlite3's argument macros are the model).

export type ErrorCode =
  | 'ERR_NUMNODE_BROADCAST'
  | 'ERR_NUMNODE_SHAPE'
  | 'ERR_NUMNODE_AXIS'
  | 'ERR_NUMNODE_DTYPE'
  | 'ERR_NUMNODE_EINSUM'
  | 'ERR_NUMNODE_INDEX'
  | 'ERR_NUMNODE_NPY'
  | 'ERR_NUMNODE_ALLOC'
  | 'ERR_NUMNODE_NATIVE'
  | 'ERR_NUMNODE_ARG'
  | 'ERR_NUMNODE_READONLY'
  | 'ERR_NUMNODE_BUFFER';

export type ErrorClass = typeof Error | typeof TypeError | typeof RangeError;

export interface NumnodeError extends Error {
  code: ErrorCode;
}

/** Builds (does not throw) an error of the given built-in class with a `code`. */
export function makeError(code: ErrorCode, cls: ErrorClass, message: string): NumnodeError {
  const err = new cls(message) as NumnodeError;
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: false });
  return err;
}

/** Throws a coded error. Typed `never` so that callers can use it in expressions. */
export function fail(code: ErrorCode, cls: ErrorClass, message: string): never {
  throw makeError(code, cls, message);
}

/** Formats a shape the way NumPy prints a tuple: (3,), (2, 3), (). */
export function shapeStr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** NumPy's compact tuple form used in broadcast messages: (5,4) (3,). */
export function shapeStrCompact(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(',')})`;
}
