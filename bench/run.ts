// The benchmark runner: `npm run bench`, `npx numnode bench`, or
// `node dist/bench/run.js [--filter <regex>] [--quick] [--json] [--out <dir>]`.
//
// For each workload file it starts one process per contender (worker.js for
// native / ts / plain JS, python3 for NumPy) and has them time the file's cases in
// turn, case by case (each case set up, timed and dropped before the next); it prints
// a progress line per case, then a table of medians and ratios, and writes
// <out>/<timestamp>.json, <out>/latest.json and <out>/latest.svg (out defaults to
// bench/results). With --json the JSON document goes to stdout instead of files,
// and everything else to stderr.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import * as np from 'numnode';
import { ratioChart } from './chart';
import { describeMachine } from './machine';
import { numpyInfo, spawnNumpyServer } from './numpy-timer';
import { progressLine, ratios, resultsTable, type CaseResult } from './report';
import { FULL, IMPLS, QUICK, type Impl, type ImplResult, type JsImpl, type TimingSettings } from './types';
import type { WorkerInit } from './worker-core';
import { loadAll, type LoadedCase } from './workloads';

export interface RunOptions {
  filter: RegExp | undefined;
  quick: boolean;
  json: boolean;
  outDir: string;
}

export const USAGE = `usage: numnode bench [--filter <regex>] [--quick] [--json] [--out <dir>]

  --filter <regex>  run the cases whose id (group/name, e.g. 'views/x.T') matches
  --quick           shorter warm-up, batches and budgets, at most ~0.5 s of samples
                    per contender (the whole suite in under 5 minutes on 2 cores)
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

/** How long a contender may take to start (load numnode, or python3 and numpy). */
const START_TIMEOUT_MS = Number(process.env.NUMNODE_BENCH_START_TIMEOUT_MS ?? 120_000);
/** How long one case of one contender may take (setup + timing) before its process is killed. */
function caseTimeoutMs(quick: boolean): number {
  return Number(process.env.NUMNODE_BENCH_CASE_TIMEOUT_MS ?? (quick ? 300_000 : 900_000));
}

/**
 * A contender's process seen as a queue of JSON messages: IPC messages from a
 * worker, stdout lines from python3. `receive` gives the next one, or an error when
 * the process exits or the time runs out (it is then killed).
 */
class Channel {
  private readonly inbox: unknown[] = [];
  private waiter: ((m: { msg: unknown } | { error: string }) => void) | null = null;
  private exitReason: string | null = null;
  private stderr = '';
  private spawned = false;
  /** The program could not be run at all (python3 absent): its cases are skipped, not failed. */
  couldNotStart = false;

  constructor(private readonly child: ChildProcess, private readonly lines: boolean) {
    if (lines) {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line === '') continue;
          try {
            this.deliver(JSON.parse(line));
          } catch {
            this.stderr += `unparsable output: ${line.slice(0, 200)}\n`;
          }
        }
      });
    } else {
      // A workload printing to stdout must not corrupt --json output.
      child.stdout!.on('data', (d: Buffer) => process.stderr.write(d));
      child.on('message', (m) => this.deliver(m));
    }
    child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    child.on('spawn', () => { this.spawned = true; });
    child.on('error', (e) => {
      if (!this.spawned) this.couldNotStart = true;
      this.end(this.spawned ? `process error: ${e.message}` : `could not be started: ${e.message}`);
    });
    // 'close', not 'exit': it comes after the last output was read (python3 without
    // numpy prints why and exits at once).
    child.on('close', (code, signal) => this.end(`exited (${signal ?? `code ${String(code)}`})`));
  }

  private deliver(m: unknown): void {
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w({ msg: m });
    } else this.inbox.push(m);
  }

  private end(why: string): void {
    if (this.exitReason !== null) return;
    const tail = this.stderr.trim().split('\n').slice(-4).join(' | ');
    this.exitReason = `${why}${tail ? `: ${tail}` : ''}`;
    if (this.waiter !== null) {
      const w = this.waiter;
      this.waiter = null;
      w({ error: this.exitReason });
    }
  }

  receive(timeoutMs: number): Promise<{ msg: unknown } | { error: string }> {
    if (this.inbox.length > 0) return Promise.resolve({ msg: this.inbox.shift() });
    if (this.exitReason !== null) return Promise.resolve({ error: this.exitReason });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        this.kill();
        resolve({ error: `timed out after ${(timeoutMs / 1e3).toFixed(0)} s (process killed)` });
      }, timeoutMs);
      this.waiter = (m) => { clearTimeout(timer); resolve(m); };
    });
  }

  send(m: object): void {
    if (this.exitReason !== null) return; // receive() reports why
    if (this.lines) this.child.stdin!.write(`${JSON.stringify(m)}\n`);
    else this.child.send(m);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Lets the process finish by itself: a worker exits on disconnect, python3 at the end of its stdin. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
    this.child.stdin?.end();
    // Whatever still runs after a grace period is killed; the timer does not keep the runner alive.
    setTimeout(() => this.kill(), 10_000).unref();
  }
}

/**
 * One contender (native, ts, plain JS or NumPy) for the cases of one workload file:
 * a process started on the first case and then asked for one case after another.
 * If it crashes or hangs, the case it was running gets an error and the next case
 * starts a fresh process; if it cannot start at all, every case gets that reason.
 */
class Contender {
  private channel: Channel | null = null;
  private unavailable: ImplResult | null = null;

  constructor(
    private readonly start: () => { child: ChildProcess; lines: boolean },
    private readonly caseTimeout: number,
  ) {}

  private starting: { ch: Channel; first: Promise<{ msg: unknown } | { error: string }> } | null = null;

  /**
   * Starts the process without waiting for it: run.ts starts a file's contenders
   * together, while nothing is being timed, rather than one by one.
   */
  prestart(): void {
    if (this.unavailable !== null || this.channel !== null || this.starting !== null) return;
    const { child, lines } = this.start();
    const ch = new Channel(child, lines);
    this.starting = { ch, first: ch.receive(START_TIMEOUT_MS) };
  }

  async run(request: { id: string } & Record<string, unknown>): Promise<ImplResult> {
    if (this.unavailable !== null) return this.unavailable;
    if (this.channel === null) {
      this.prestart();
      const { ch, first: firstP } = this.starting!;
      this.starting = null;
      const first = await firstP;
      const m = 'msg' in first ? first.msg as { type?: string; status?: string; reason?: string } : null;
      if (m?.type !== 'ready') {
        ch.kill();
        // python3 without numpy says so ('skipped'); anything else is an error.
        this.unavailable = m?.status === 'skipped'
          ? { status: 'skipped', reason: m.reason ?? 'unavailable' }
          : ch.couldNotStart && 'error' in first ? { status: 'skipped', reason: first.error }
          : { status: 'error', reason: m?.type === 'fatal' ? m.reason ?? 'fatal' : 'error' in first ? `did not start: ${first.error}` : `unexpected first message ${JSON.stringify(m)}` };
        return this.unavailable;
      }
      this.channel = ch;
    }
    const ch = this.channel;
    if (ch === null) throw new Error('unreachable');
    ch.send(request);
    const r = await ch.receive(this.caseTimeout);
    const m = 'msg' in r ? r.msg as { type?: string; id?: string; result?: ImplResult } : null;
    if (m?.type === 'result' && m.id === request.id && m.result !== undefined) return m.result;
    ch.kill();
    this.channel = null;
    return { status: 'error', reason: 'error' in r ? `process ${r.error}` : `unexpected answer ${JSON.stringify(m).slice(0, 200)}` };
  }

  close(): void {
    this.channel?.close();
    this.channel = null;
    this.starting?.ch.kill();
    this.starting = null;
  }
}

/** The four contenders for the cases of one workload file, each a process of its own. */
function contendersFor(file: string, settings: TimingSettings, quick: boolean): Record<Impl, Contender> {
  const timeout = caseTimeoutMs(quick);
  const worker = (impl: JsImpl) => new Contender(() => ({
    child: fork(join(__dirname, 'worker.js'), [JSON.stringify({ file, impl, settings } satisfies WorkerInit)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    }),
    lines: false,
  }), timeout);
  return {
    native: worker('native'),
    ts: worker('ts'),
    plainjs: worker('plainjs'),
    numpy: new Contender(() => ({ child: spawnNumpyServer(settings), lines: true }), timeout),
  };
}

/**
 * Times one case: the contenders take turns (native, ts, plain JS, NumPy), each in
 * its own process, the others idle meanwhile with their previous case's data dropped.
 * Taking turns case by case, rather than contender by contender, also spreads a
 * change in the machine's load over all four.
 */
async function runCase(lc: LoadedCase, contenders: Record<Impl, Contender>): Promise<CaseResult> {
  const c = lc.case;
  const results = {} as Record<Impl, ImplResult>;
  // Wall time per contender (setup, timing, and the process's start on a file's first
  // case): where a run's time goes, recorded in the JSON.
  const wallSeconds = {} as Record<Impl, number>;
  for (const impl of IMPLS) {
    const t0 = performance.now();
    if (impl === 'numpy') {
      results.numpy = c.numpy === undefined
        ? { status: 'skipped', reason: c.absent?.numpy ?? 'no implementation' }
        : await contenders.numpy.run({ id: lc.id, setup: c.numpy.setup ?? '', stmt: c.numpy.stmt });
    } else if (c[impl] === undefined) {
      results[impl] = { status: 'skipped', reason: c.absent?.[impl] ?? 'no implementation' };
    } else {
      results[impl] = await contenders[impl].run({ id: lc.id });
    }
    wallSeconds[impl] = Math.round(performance.now() - t0) / 1e3;
  }
  const r: CaseResult & { wallSeconds: Record<Impl, number> } = {
    id: lc.id, group: c.group, name: c.name, size: c.size,
    ...(c.description !== undefined ? { description: c.description } : {}),
    results, ratios: ratios(results), wallSeconds,
  };
  return r;
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
  // NUMNODE_BENCH_WORKLOADS: another directory of workload files (the tests use it
  // for cases that hang or crash on purpose).
  const cases = await loadAll(o.filter, process.env.NUMNODE_BENCH_WORKLOADS || undefined);
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
  // One set of contender processes per workload file (loadAll keeps a file's cases together).
  let file: string | null = null;
  let contenders: Record<Impl, Contender> | null = null;
  const closeAll = () => { for (const impl of IMPLS) contenders?.[impl].close(); };
  try {
    for (const [i, lc] of cases.entries()) {
      if (lc.file !== file) {
        closeAll();
        file = lc.file;
        contenders = contendersFor(file, settings, o.quick);
        // Start the processes this file's cases need, together.
        const fileCases = cases.filter((x) => x.file === file).map((x) => x.case);
        for (const impl of IMPLS) {
          if (fileCases.some((c) => (impl === 'numpy' ? c.numpy : c[impl]) !== undefined)) contenders[impl].prestart();
        }
      }
      const r = await runCase(lc, contenders!);
      out.push(r);
      log(progressLine(i + 1, cases.length, r));
    }
  } finally {
    closeAll();
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
      sample: 'the mean time per call over one batch of k calls; k is the first of 1, 2, 5, 10, 20, … whose batch lasts batchTargetMs (timeit.autorange\'s rule); the last calibration batch is the first sample; samples until budgetMs is spent and minSamples taken, or, when maxMs is set (--quick), until maxMs is spent',
      javascript: 'tinybench 6 (batch timed with process.hrtime); one process per contender per workload file, run with --expose-gc, timing its cases one after another, each case set up, collected (gc()) after setup, timed, then dropped and collected',
      numpy: 'timeit.Timer; one python3 process per workload file timing its cases one after another, each with fresh globals, garbage collector enabled, gc.collect() after setup and after the case',
      order: 'case by case: for each case native, ts, plain JS, then NumPy, each in its own process',
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
