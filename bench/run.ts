// The benchmark runner: `npm run bench`, `npx numnode bench`, or
// `node dist/bench/run.js [--filter <regex>] [--quick] [--json] [--out <dir>]`.
//
// For every case of every workload file it times each contender in a fresh
// process (worker.js for native / ts / plain JS, python3 for NumPy), prints a
// progress line, then a table of medians and ratios, and writes
// <out>/<timestamp>.json, <out>/latest.json and <out>/latest.svg (out defaults to
// bench/results). With --json the JSON document goes to stdout instead of files,
// and everything else to stderr.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import * as np from 'numnode';
import { ratioChart } from './chart';
import { describeMachine } from './machine';
import { numpyInfo, timeNumpy } from './numpy-timer';
import { progressLine, ratios, resultsTable, type CaseResult } from './report';
import { FULL, IMPLS, QUICK, type Impl, type ImplResult, type JsImpl, type TimingSettings } from './types';
import type { WorkerRequest } from './worker-core';
import { loadAll, type LoadedCase } from './workloads';

export interface RunOptions {
  filter: RegExp | undefined;
  quick: boolean;
  json: boolean;
  outDir: string;
}

export const USAGE = `usage: numnode bench [--filter <regex>] [--quick] [--json] [--out <dir>]

  --filter <regex>  run the cases whose id (group/name, e.g. 'views/x.T') matches
  --quick           shorter warm-up, batches and budgets (the whole suite in minutes)
  --json            print the JSON results to stdout only (no files, no table)
  --out <dir>       where <timestamp>.json, latest.json and latest.svg go
                    (default: bench/results in the numnode checkout)`;

/** The numnode checkout (or installed package) this runner belongs to. */
export function packageRoot(from = __dirname): string {
  for (let d = from; ; d = dirname(d)) {
    const pj = join(d, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'numnode') return d;
    if (dirname(d) === d) return process.cwd();
  }
}

export function parseArgs(argv: readonly string[]): RunOptions | { help: true } | { error: string } {
  const o: RunOptions = { filter: undefined, quick: false, json: false, outDir: join(packageRoot(), 'bench', 'results') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return { help: true };
    else if (flag === '--quick') o.quick = true;
    else if (flag === '--json') o.json = true;
    else if (flag === '--filter' || flag === '--out') {
      const v = value();
      if (v === undefined) return { error: `${flag} needs a value` };
      if (flag === '--out') o.outDir = v;
      else {
        try {
          o.filter = new RegExp(v);
        } catch (e) {
          return { error: `--filter: ${(e as Error).message}` };
        }
      }
    } else return { error: `unknown option '${a}'` };
  }
  return o;
}

/** Runs one JavaScript contender of one case in a worker process. */
function runWorker(req: WorkerRequest, timeoutMs = 900_000): Promise<ImplResult> {
  return new Promise((resolve) => {
    const child = fork(join(__dirname, 'worker.js'), [JSON.stringify(req)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let result: ImplResult | null = null;
    let err = '';
    // A workload printing to stdout must not corrupt --json output.
    child.stdout!.on('data', (d: Buffer) => process.stderr.write(d));
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('message', (m) => { result = m as ImplResult; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== null) return resolve(result);
      const tail = err.trim().split('\n').slice(-4).join(' | ');
      resolve({ status: 'error', reason: `worker exited (${signal ?? `code ${String(code)}`})${tail ? `: ${tail}` : ''}` });
    });
  });
}

async function runCase(lc: LoadedCase, settings: TimingSettings): Promise<CaseResult> {
  const c = lc.case;
  const results = {} as Record<Impl, ImplResult>;
  for (const impl of IMPLS) {
    if (impl === 'numpy') {
      results.numpy = c.numpy === undefined
        ? { status: 'skipped', reason: c.absent?.numpy ?? 'no implementation' }
        : await timeNumpy(c.numpy, settings);
    } else if (c[impl] === undefined) {
      results[impl] = { status: 'skipped', reason: c.absent?.[impl] ?? 'no implementation' };
    } else {
      results[impl] = await runWorker({ file: lc.file, id: lc.id, impl: impl as JsImpl, settings });
    }
  }
  return {
    id: lc.id, group: c.group, name: c.name, size: c.size,
    ...(c.description !== undefined ? { description: c.description } : {}),
    results, ratios: ratios(results),
  };
}

export async function runBench(o: RunOptions): Promise<number> {
  const log = (s: string) => (o.json ? process.stderr : process.stdout).write(`${s}\n`);
  const started = new Date();
  const settings = o.quick ? QUICK : FULL;
  try {
    await import('tinybench');
  } catch {
    process.stderr.write('numnode bench needs tinybench, a development dependency: run it from a numnode checkout after `npm install`\n');
    return 1;
  }
  const cases = await loadAll(o.filter);
  if (cases.length === 0) {
    process.stderr.write(`no benchmark case matches ${String(o.filter)}\n`);
    return 2;
  }
  const numpy = await numpyInfo();
  const machine = describeMachine(np, numpy);
  log(`numnode ${np.version} bench${o.quick ? ' --quick' : ''}: ${cases.length} cases on ${machine.cpu.model} `
    + `(${machine.cpu.logicalCores} cores), Node ${process.version}, `
    + `${numpy.status === 'ok' ? `NumPy ${numpy.numpy ?? '?'}` : `no NumPy (${numpy.reason ?? ''})`}, `
    + `native addon ${machine.numnode.backend.native ? 'loaded' : 'not loaded'}`);
  const busy = (load: number[]) => load[0]! > 0.5 * machine.cpu.logicalCores;
  if (busy(machine.loadAverageAtStart)) {
    log(`warning: the machine is busy (load average ${machine.loadAverageAtStart[0]!.toFixed(2)} on ${machine.cpu.logicalCores} cores): timings will be noisy`);
  }

  const out: CaseResult[] = [];
  for (const [i, lc] of cases.entries()) {
    const r = await runCase(lc, settings);
    out.push(r);
    log(progressLine(i + 1, cases.length, r));
  }
  const finished = new Date();
  // Recorded, not judged: it includes this run's own processes.
  const loadAverageAtEnd = loadavg();

  const doc = {
    schema: 'numnode-bench/1',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationSeconds: (finished.getTime() - started.getTime()) / 1e3,
    command: process.argv.slice(2),
    options: { quick: o.quick, filter: o.filter?.source ?? null },
    protocol: {
      statistic: 'median of per-call times',
      sample: 'the mean time per call over one batch of k calls; k is the first of 1, 2, 5, 10, 20, … whose batch lasts batchTargetMs (timeit.autorange\'s rule)',
      javascript: 'tinybench 6 (batch timed with process.hrtime), one fresh process per contender, run with --expose-gc and collected after setup',
      numpy: 'timeit.Timer in a fresh python3 process per case, garbage collector enabled, gc.collect() after setup',
      settings,
    },
    machine: { ...machine, loadAverageAtEnd },
    cases: out,
  };

  const failed = out.some((c) => IMPLS.some((i) => c.results[i].status === 'error'));
  if (o.json) {
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  log('');
  log(resultsTable(out));
  mkdirSync(o.outDir, { recursive: true });
  const stamp = started.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  writeFileSync(join(o.outDir, `${stamp}.json`), json);
  writeFileSync(join(o.outDir, 'latest.json'), json);
  const title = `numnode ${np.version} vs NumPy ${numpy.numpy ?? '(absent)'}, ${machine.cpu.model}, ${started.toISOString().slice(0, 10)}${o.quick ? ' (quick)' : ''}`;
  writeFileSync(join(o.outDir, 'latest.svg'), ratioChart(out, title));
  log(`\nwrote ${join(o.outDir, `${stamp}.json`)}, latest.json and latest.svg`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  const parsed = parseArgs(process.argv.slice(2));
  if ('help' in parsed) {
    process.stdout.write(`${USAGE}\n`);
  } else if ('error' in parsed) {
    process.stderr.write(`numnode bench: ${parsed.error}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    runBench(parsed).then((code) => { process.exitCode = code; }, (e: unknown) => {
      process.stderr.write(`numnode bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
  }
}
