// Bulk draws through the addon (native/kernels/random.cc): the same algorithms as the
// TypeScript samplers, so a fill gives the same values on either backend. The generator
// state stays in JavaScript; a call passes a small state block that the kernel reads
// and writes back. Used for arrays of at least RANDOM_THRESHOLD elements under the
// 'auto' backend (any size under 'native'); scalar draws always run in TypeScript.
import { nativeFor } from '../backend/backend';
import type { NativeBinding } from '../backend/native/binding';
import { bytesOf, type NDArray } from '../core/ndarray';

/** Element count from which 'auto' sends a fill to the addon (a call costs ~1 µs). */
export const RANDOM_THRESHOLD = 512;

/** The kernel's Kind codes (native/kernels/random.h). */
export const FillKind = {
  PcgDouble: 0,
  PcgFloat: 1,
  PcgStdNormal: 2,
  PcgNormal: 3,
  PcgStdNormalF: 4,
  PcgExponential: 5,
  PcgUniform: 6,
  PcgBounded32: 7,
  MtDouble: 10,
  MtGauss: 11,
  MtNormal: 12,
  MtUniform: 13,
  MtBounded32: 14,
} as const;
export type FillKind = (typeof FillKind)[keyof typeof FillKind];

type RandomFill = (
  kind: number, state: Uint8Array, out: Uint8Array, outOffset: number, n: number, itemsize: number,
  a: number, b: number, offHi: number, offLo: number, rng: number,
) => void;

/** The addon's randomFill when this fill should run natively, else null. */
export function nativeFill(n: number): RandomFill | null {
  const b = nativeFor(n, RANDOM_THRESHOLD) as (NativeBinding & { randomFill?: RandomFill }) | null;
  if (b === null || typeof b.randomFill !== 'function') return null;
  return b.randomFill.bind(b);
}

/** Runs one native fill into a fresh C-contiguous array `out`. */
export function fillArray(
  f: RandomFill, kind: FillKind, state: Uint8Array, out: NDArray,
  a = 0, b = 0, offHi = 0, offLo = 0, rng = 0,
): void {
  f(kind, state, bytesOf(out.buffer), out.byteOffset, out.size, out.itemsize, a, b, offHi, offLo, rng);
}
