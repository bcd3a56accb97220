// What a workload file exports: benchmark cases as data (better-sqlite3's layout).
// A case names what it measures and gives one implementation per contender; the
// runner (run.ts) times each implementation in its own child process (worker.ts),
// and the NumPy statement in a python3 subprocess (numpy-timer.ts).
//
// Workloads never import numnode at run time: the worker loads the library, forces
// the backend, and hands it to `setup` and to the implementation. That keeps the
// choice of backend in one place and lets the tests run the same cases on src/.
import type * as NumnodeModule from 'numnode';

/** The numnode namespace, as `import * as np from 'numnode'` gives it. */
export type Numnode = typeof NumnodeModule;

/** The JavaScript contenders (each runs in its own process). */
export type JsImpl = 'native' | 'ts' | 'plainjs';
/** Every contender; `numpy` is timed by python3. */
export type Impl = JsImpl | 'numpy';
export const JS_IMPLS: readonly JsImpl[] = ['native', 'ts', 'plainjs'];
export const IMPLS: readonly Impl[] = ['native', 'ts', 'plainjs', 'numpy'];

export interface SetupContext {
  np: Numnode;
  /** Which contender the state is for: plain JS usually wants TypedArrays, not NDArrays. */
  impl: JsImpl;
}

/** One timed call. Its result is kept alive (a sink), so the JIT cannot drop the work. */
export type ImplFn<S> = (state: S, np: Numnode) => unknown;

export interface NumpyImpl {
  /** Python run once before timing; `np` (numpy) is already imported. */
  setup?: string;
  /** The statement timed, as `timeit` takes it (`;` separates statements). */
  stmt: string;
}

export interface BenchCase<S = unknown> {
  /** The workload group, e.g. 'memory', 'views'. The case id is `group/name`. */
  group: string;
  /** What is measured, in NumPy's spelling where there is one: 'x.T.ravel()'. */
  name: string;
  /** The size, in words: '5000×5000 float64 (200 MB)'. */
  size: string;
  /** Why the case is here or how to read it (kept in the JSON). */
  description?: string;
  /** Builds the state the timed functions use; run once per process, not timed. */
  setup?: (ctx: SetupContext) => S;
  /** numnode with np.setBackend('native'). */
  native?: ImplFn<S>;
  /** numnode with np.setBackend('js'): the pure TypeScript kernels. */
  ts?: ImplFn<S>;
  /** What a user would write with Arrays / TypedArrays and loops. */
  plainjs?: ImplFn<S>;
  numpy?: NumpyImpl;
  /**
   * Whether all contenders' results hold the same values (the tests check it);
   * false when they differ by design, e.g. uninitialised memory. Default true.
   */
  sameResult?: boolean;
  /** Why a contender is missing (e.g. plain JS has no strided views). */
  absent?: Partial<Record<Impl, string>>;
}

/**
 * Declares a case; erases the state type so cases of different states can share
 * one array (the state never leaves the case's own functions).
 */
export function benchCase<S>(c: BenchCase<S>): BenchCase {
  return c as unknown as BenchCase;
}

/** The same numnode code for both backends: only np.setBackend differs between them. */
export function numnode<S>(fn: ImplFn<S>): { native: ImplFn<S>; ts: ImplFn<S> } {
  return { native: fn, ts: fn };
}

/** How long and how often to measure; the same numbers drive the JS and the Python side. */
export interface TimingSettings {
  /** Calls made before calibrating (JIT warm-up, page faults of the first call). */
  warmupMs: number;
  /** A sample is the mean over a batch of k calls; k grows 1, 2, 5, 10, 20, … until a batch lasts this long. */
  batchTargetMs: number;
  /** Keep sampling until this much time has been spent (and minSamples taken). */
  budgetMs: number;
  /** At least this many samples, however long they take (a slow case runs ~minSamples + 1 calls), unless maxMs says otherwise. */
  minSamples: number;
  /**
   * When set, stop sampling once this much time has been spent, even before minSamples
   * (there is always at least one sample): --quick's cap, so that a contender taking
   * seconds per call costs a warm-up call and about maxMs, not minSamples + 1 calls.
   */
  maxMs?: number;
}

export const QUICK: TimingSettings = { warmupMs: 20, batchTargetMs: 1, budgetMs: 60, minSamples: 3, maxMs: 500 };
export const FULL: TimingSettings = { warmupMs: 200, batchTargetMs: 5, budgetMs: 1500, minSamples: 10 };

/** Per-call times in seconds over the samples of one contender. */
export interface Stats {
  /** The statistic the table and ratios use. */
  median: number;
  min: number;
  mean: number;
  sd: number;
  samples: number;
  /** Calls per sample. */
  batch: number;
}

export type ImplResult =
  | { status: 'ok'; stats: Stats }
  | { status: 'skipped'; reason: string }
  | { status: 'error'; reason: string };
