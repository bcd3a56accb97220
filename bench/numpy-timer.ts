// The NumPy side: a python3 subprocess per case that times a statement with the
// same protocol as measure.ts (warm-up, timeit-style batch sizes 1, 2, 5, 10, …,
// samples until the budget is spent, per-call median), using timeit.Timer so the
// statement runs in timeit's own tight loop. The script is embedded here rather
// than shipped as a .py file so that dist/bench works wherever dist/ is.
//
// Two differences from plain %timeit, both for parity with the JavaScript side:
// the garbage collector stays enabled (V8's cannot be switched off), and the
// statistic is the median, not the best of the repeats.
import { spawn } from 'node:child_process';
import type { ImplResult, NumpyImpl, TimingSettings } from './types';

const SCRIPT = String.raw`
import gc, json, platform, statistics, sys, time, timeit, traceback

def emit(obj):
    sys.stdout.write(json.dumps(obj))
    sys.stdout.flush()

req = json.load(sys.stdin)
try:
    import numpy as np
except Exception as e:
    emit({'status': 'skipped', 'reason': 'python3 has no numpy (%s)' % e})
    sys.exit(0)

if req['mode'] == 'info':
    info = {'status': 'ok', 'python': platform.python_version(), 'numpy': np.__version__}
    try:
        info['showConfig'] = np.show_config(mode='dicts')
    except Exception as e:
        info['showConfig'] = 'unavailable: %s' % e
    try:
        import threadpoolctl
        info['threadpoolctl'] = threadpoolctl.threadpool_info()
    except Exception as e:
        info['threadpoolctl'] = 'unavailable: %s' % e
    emit(info)
    sys.exit(0)

if req['mode'] == 'check':
    # Run each case's setup and statement once; report the result's shape and dtype
    # when the statement is an expression (the tests compare them with numnode's).
    out = []
    for c in req['cases']:
        g = {'np': np}
        try:
            exec(c.get('setup') or '', g)
            try:
                code = compile(c['stmt'], '<stmt>', 'eval')
            except SyntaxError:
                exec(c['stmt'], g)
                out.append({'status': 'ok'})
                continue
            r = eval(code, g)
            out.append({'status': 'ok', 'shape': list(getattr(r, 'shape', [])), 'dtype': str(getattr(r, 'dtype', type(r).__name__))})
        except Exception as e:
            out.append({'status': 'error', 'reason': traceback.format_exception_only(type(e), e)[-1].strip()})
        del g
    emit({'status': 'ok', 'results': out})
    sys.exit(0)

s = req['settings']
g = {'np': np, 'gc': gc}
try:
    exec(req.get('setup') or '', g)
    timer = timeit.Timer(req['stmt'], setup='gc.enable()', globals=g)
    gc.collect()
    warm_end = time.perf_counter() + s['warmupMs'] / 1e3
    while True:
        timer.timeit(1)
        if time.perf_counter() >= warm_end:
            break
    p = 1
    batch = 1
    done = False
    while not done:
        for k in (p, 2 * p, 5 * p):
            batch = k
            if timer.timeit(k) * 1e3 >= s['batchTargetMs']:
                done = True
                break
        p *= 10
    per_call = []
    spent_ms = 0.0
    while spent_ms < s['budgetMs'] or len(per_call) < s['minSamples']:
        t = timer.timeit(batch)
        per_call.append(t / batch)
        spent_ms += t * 1e3
    n = len(per_call)
    emit({'status': 'ok', 'stats': {
        'median': statistics.median(per_call),
        'min': min(per_call),
        'mean': statistics.fmean(per_call),
        'sd': statistics.stdev(per_call) if n > 1 else 0.0,
        'samples': n,
        'batch': batch,
    }})
except Exception as e:
    emit({'status': 'error', 'reason': traceback.format_exception_only(type(e), e)[-1].strip()})
`;

/**
 * OpenBLAS tuning variables that may be set on this machine for numnode's own
 * OpenBLAS; NumPy bundles another OpenBLAS that they would mistune, so they are
 * removed from the NumPy subprocess's environment, and only there.
 */
export const UNSET_FOR_NUMPY = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

export function numpyEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of UNSET_FOR_NUMPY) delete env[k];
  return env;
}

export const PYTHON = process.env.NUMNODE_BENCH_PYTHON ?? 'python3';

function runPython(request: object, timeoutMs: number): Promise<{ out: string; err: string; code: number | null; spawnError?: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, ['-c', SCRIPT], { env: numpyEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', (e) => { clearTimeout(timer); resolve({ out, err, code: null, spawnError: e.message }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ out, err, code }); });
    child.stdin.end(JSON.stringify(request));
  });
}

/** Times one NumPy statement in a fresh python3 process. */
export async function timeNumpy(impl: NumpyImpl, settings: TimingSettings, timeoutMs = 600_000): Promise<ImplResult> {
  const r = await runPython({ mode: 'time', setup: impl.setup ?? '', stmt: impl.stmt, settings }, timeoutMs);
  if (r.spawnError !== undefined) return { status: 'skipped', reason: `${PYTHON} could not be started: ${r.spawnError}` };
  try {
    return JSON.parse(r.out) as ImplResult;
  } catch {
    const tail = r.err.trim().split('\n').slice(-3).join(' | ');
    return { status: 'error', reason: `python exited with code ${String(r.code)}${tail ? `: ${tail}` : ''}` };
  }
}

export type NumpyCheck = { status: 'ok'; shape?: number[]; dtype?: string } | { status: 'error' | 'skipped'; reason: string };

/**
 * Runs each statement once (setup first) in one python3 process and reports the
 * result's shape and dtype: a check that a case's NumPy statement computes what its
 * numnode contenders compute. All skipped when python3 or numpy is missing.
 */
export async function checkNumpy(impls: readonly NumpyImpl[]): Promise<NumpyCheck[]> {
  const r = await runPython({ mode: 'check', cases: impls }, 600_000);
  const all = (reason: string): NumpyCheck[] => impls.map(() => ({ status: 'skipped', reason }));
  if (r.spawnError !== undefined) return all(`${PYTHON} could not be started: ${r.spawnError}`);
  let parsed: { status: string; reason?: string; results?: NumpyCheck[] };
  try {
    parsed = JSON.parse(r.out) as typeof parsed;
  } catch {
    return impls.map(() => ({ status: 'error', reason: `python exited with code ${String(r.code)}: ${r.err.trim().split('\n').slice(-1)[0] ?? ''}` }));
  }
  return parsed.results ?? all(parsed.reason ?? 'no results');
}

export interface NumpyInfo {
  status: 'ok' | 'skipped' | 'error';
  reason?: string;
  python?: string;
  numpy?: string;
  showConfig?: unknown;
  threadpoolctl?: unknown;
}

/** numpy's version, show_config() as dicts and threadpoolctl's view, when python3 has them. */
export async function numpyInfo(): Promise<NumpyInfo> {
  const r = await runPython({ mode: 'info' }, 60_000);
  if (r.spawnError !== undefined) return { status: 'skipped', reason: `${PYTHON} could not be started: ${r.spawnError}` };
  try {
    return JSON.parse(r.out) as NumpyInfo;
  } catch {
    return { status: 'error', reason: `python exited with code ${String(r.code)}: ${r.err.trim().split('\n').slice(-1)[0] ?? ''}` };
  }
}
