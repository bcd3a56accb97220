// What a worker does, apart from loading numnode: pick the backend, build a case's
// state, time the contender, drop the state. Kept free of a numnode import so the
// tests can run it in-process on the library's sources.
//
// One worker process serves one contender for all the cases of one workload file
// (run.ts asks for them one at a time), so numnode and the file are loaded once
// rather than once per case; each case's state is built, timed and dropped, and the
// heap collected, before the next case starts.
import { measure } from './measure';
import { loadCases, caseId } from './workloads';
import type { BenchCase, ImplResult, JsImpl, Numnode, TimingSettings } from './types';

/** What run.ts passes a worker (argv[2], JSON): the file and contender it serves. */
export interface WorkerInit {
  file: string;
  impl: JsImpl;
  settings: TimingSettings;
}

/** run.ts → worker: time this case. */
export interface WorkerRequest {
  id: string;
}

/** worker → run.ts, over the IPC channel. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; reason: string }
  | { type: 'result'; id: string; result: ImplResult };

/** Forces the backend the contender stands for; a reason when it cannot run here. */
export function selectBackend(np: Numnode, impl: JsImpl): string | null {
  if (impl === 'native') {
    const cfg = np.config();
    if (!cfg.backend.native) return `native addon not loaded: ${cfg.backend.loadError ?? 'unknown reason'}`;
    np.setBackend('native');
  } else if (impl === 'ts') {
    np.setBackend('js');
  }
  return null;
}

/** The case's state and the function to time, backend already chosen. */
export function prepare(np: Numnode, c: BenchCase, impl: JsImpl): { fn: () => unknown } | { skip: string } {
  const implFn = c[impl];
  if (implFn === undefined) return { skip: c.absent?.[impl] ?? 'no implementation' };
  const why = selectBackend(np, impl);
  if (why !== null) return { skip: why };
  const state = c.setup ? c.setup({ np, impl }) : undefined;
  return { fn: () => implFn(state, np) };
}

declare const gc: (() => void) | undefined;

/** A full collection when the process runs with --expose-gc (workers do). */
function collect(): void {
  if (typeof gc === 'function') gc();
}

/** Builds, times and drops one case; the state is unreachable once this returns. */
async function timeCase(np: Numnode, c: BenchCase, impl: JsImpl, settings: TimingSettings): Promise<ImplResult> {
  const p = prepare(np, c, impl);
  if ('skip' in p) return { status: 'skipped', reason: p.skip };
  // The setup's garbage is not the contender's: collect it before timing (the
  // Python side calls gc.collect() likewise).
  collect();
  return { status: 'ok', stats: await measure(p.fn, settings) };
}

/**
 * Loads `init.file` and returns the function that times one of its cases for
 * `init.impl`. Every call leaves the heap collected, so one case's data (often
 * hundreds of MB) and garbage are gone before the next case is set up.
 */
export async function openSession(np: Numnode, init: WorkerInit): Promise<(id: string) => Promise<ImplResult>> {
  const byId = new Map((await loadCases(init.file)).map((c) => [caseId(c), c] as const));
  return async (id) => {
    const c = byId.get(id);
    let result: ImplResult;
    if (c === undefined) result = { status: 'error', reason: `case ${id} not found in ${init.file}` };
    else {
      try {
        result = await timeCase(np, c, init.impl, init.settings);
      } catch (e) {
        result = { status: 'error', reason: e instanceof Error ? e.message : String(e) };
      }
    }
    collect();
    return result;
  };
}
