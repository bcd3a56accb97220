// What a worker does, apart from loading numnode: pick the backend, build the case's
// state, time the contender. Kept free of a numnode import so the tests can run it
// in-process on the library's sources.
import { measure } from './measure';
import { loadCases, caseId } from './workloads';
import type { BenchCase, ImplResult, JsImpl, Numnode, TimingSettings } from './types';

export interface WorkerRequest {
  file: string;
  id: string;
  impl: JsImpl;
  settings: TimingSettings;
}

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

export async function runImpl(np: Numnode, req: WorkerRequest): Promise<ImplResult> {
  const c = (await loadCases(req.file)).find((x) => caseId(x) === req.id);
  if (c === undefined) return { status: 'error', reason: `case ${req.id} not found in ${req.file}` };
  const p = prepare(np, c, req.impl);
  if ('skip' in p) return { status: 'skipped', reason: p.skip };
  // The setup's garbage is not the contender's: collect it before timing (the
  // worker runs with --expose-gc; the Python side calls gc.collect() likewise).
  if (typeof gc === 'function') gc();
  return { status: 'ok', stats: await measure(p.fn, req.settings) };
}
