// The NumPy side: a python3 subprocess per workload file (spawnNumpyServer) that
// times its cases' statements one after another, each with fresh globals that are
// dropped and collected afterwards, with the same protocol as measure.ts (warm-up,
// timeit-style batch sizes 1, 2, 5, 10, …, the last calibration batch as the first
// sample, samples until the budget is spent, per-call median), using timeit.Timer so the
// statement runs in timeit's own tight loop. The script is embedded here rather
// than shipped as a .py file so that dist/bench works wherever dist/ is.
//
// Two differences from plain %timeit, both for parity with the JavaScript side:
// the garbage collector stays enabled (V8's cannot be switched off), and the
// statistic is the median, not the best of the repeats.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { NumpyImpl, TimingSettings } from './types';

const SCRIPT = String.raw`
import gc, json, math, os, platform, statistics, sys, time, timeit, traceback

def emit(obj):
    sys.stdout.write(json.dumps(obj))
    sys.stdout.flush()

# The first line is the request; in 'serve' mode case lines follow.
req = json.loads(sys.stdin.readline())
try:
    import numpy as np
except Exception as e:
    emit({'status': 'skipped', 'reason': 'python3 has no numpy (%s)' % e})
    if req['mode'] == 'serve':
        sys.stdout.write('\n')
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

def time_one(g, setup, stmt, s):
    # warm-up, batch size (timeit.autorange's 1, 2, 5, 10, ...), then samples until
    # the budget is spent and minSamples taken: measure.ts's steps, in Python.
    exec(setup or '', g)
    timer = timeit.Timer(stmt, setup='gc.enable()', globals=g)
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
            first = timer.timeit(k)
            if first * 1e3 >= s['batchTargetMs']:
                done = True
                break
        p *= 10
    # The last calibration batch is the first sample; then moreSamples() of measure.ts.
    first_ms = first * 1e3
    iterations = s['minSamples'] - 1
    cap = s.get('maxMs')
    if cap is not None:
        iterations = min(iterations, max(0, math.ceil((cap - first_ms) / max(first_ms, 1e-6))))
    time_ms = max(0.0, min(s['budgetMs'], cap if cap is not None else float('inf')) - first_ms)
    per_call = [first / batch]
    spent_ms = 0.0
    taken = 0
    while spent_ms < time_ms or taken < iterations:
        t = timer.timeit(batch)
        per_call.append(t / batch)
        spent_ms += t * 1e3
        taken += 1
    n = len(per_call)
    return {'status': 'ok', 'stats': {
        'median': statistics.median(per_call),
        'min': min(per_call),
        'mean': statistics.fmean(per_call),
        'sd': statistics.stdev(per_call) if n > 1 else 0.0,
        'samples': n,
        'batch': batch,
    }}

# mode 'serve': one process times the cases of one workload file, one request line
# after another; each case gets fresh globals, dropped and collected after timing.
# The statements' own prints go to stderr: stdout carries the protocol only.
proto = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
sys.stdout = sys.stderr
def answer(obj):
    proto.write(json.dumps(obj) + '\n')
    proto.flush()

s = req['settings']
answer({'type': 'ready'})
for line in sys.stdin:
    if not line.strip():
        continue
    c = json.loads(line)
    g = {'np': np, 'gc': gc}
    try:
        r = time_one(g, c.get('setup'), c['stmt'], s)
    except Exception as e:
        r = {'status': 'error', 'reason': traceback.format_exception_only(type(e), e)[-1].strip()}
    g.clear()
    del g
    gc.collect()
    answer({'type': 'result', 'id': c['id'], 'result': r})
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

/**
 * Starts a python3 process that times NumPy statements one after another ('serve'
 * mode): it answers a first line {type: 'ready'} (or {status: 'skipped'} when
 * python3 has no numpy), then one {type: 'result', id, result} line for each
 * {id, setup, stmt} line written to its stdin. Its stderr is piped for the caller.
 */
export function spawnNumpyServer(settings: TimingSettings): ChildProcessWithoutNullStreams {
  const child = spawn(PYTHON, ['-c', SCRIPT], { env: numpyEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => { /* the process died; its exit reports it */ });
  child.stdin.write(`${JSON.stringify({ mode: 'serve', settings })}\n`);
  return child;
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
