// np.random: the legacy module-level functions (bound to one global RandomState seeded
// from the OS, as NumPy's `np.random._rand`), RandomState itself, and the Generator API
// (defaultRng, Generator, PCG64, SeedSequence). Streams are NumPy's, value for value.
import { RandomState } from './legacy';

export { RandomState } from './legacy';
export type { LegacySeed, LegacyStateDict, LegacyStateTuple } from './legacy';
export { Generator, PCG64, defaultRng } from './generator';
export type { PCG64State, SeedLike } from './generator';
export { SeedSequence } from './seedsequence';
export type { Shape, Size } from './common';
export type { IntegerResult } from './integers';

const _rand = new RandomState();

/** A module-level function bound to the global RandomState, with the method's overloads. */
function bound<K extends keyof RandomState>(name: K): RandomState[K] {
  const f = _rand[name] as unknown as (...a: unknown[]) => unknown;
  return ((...a: unknown[]) => f.apply(_rand, a)) as unknown as RandomState[K];
}

/** Reseeds the global legacy generator (RandomState.seed: an int in [0, 2**32), an array of them, or nothing). */
export const seed = bound('seed');
/** The global generator's state (RandomState.getState). */
export const getState = bound('getState');
/** Restores the global generator's state (RandomState.setState). */
export const setState = bound('setState');
/** rand(d0, d1, …): floats in [0, 1); rand() is one float. */
export const rand = bound('rand');
/** randn(d0, d1, …): standard normal draws (NumPy's legacy polar method); randn() is one draw. */
export const randn = bound('randn');
/** random(size): floats in [0, 1) (np.random.random / random_sample). */
export const random = bound('random');
export const randomSample = bound('randomSample');
/** Standard normal draws of `size`. */
export const standardNormal = bound('standardNormal');
/** uniform(low = 0, high = 1, size). */
export const uniform = bound('uniform');
/** normal(loc = 0, scale = 1, size). */
export const normal = bound('normal');
/** randint(low, high?, size?, {dtype}): integers in [low, high) by masked rejection. */
export const randint = bound('randint');
/** choice(a, size?, {replace, p}). */
export const choice = bound('choice');
/** permutation(n | array): a shuffled copy. */
export const permutation = bound('permutation');
/** shuffle(x): in place, along the first axis. */
export const shuffle = bound('shuffle');
