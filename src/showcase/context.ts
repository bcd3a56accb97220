// What a showcase section writes with: notebook-like output (a cell's code, then
// what it prints), tables, timings, and cross-checks. A cross-check compares what
// numnode did with the answer NumPy gives (or the tutorial states); any failure
// makes the showcase exit non-zero.
import { inspect } from 'node:util';
import { formatSeconds, timeit, type Timing, type TimingBudget } from './timing';

export interface ShowcaseOptions {
  /** Smaller arrays and shorter timings. */
  quick: boolean;
  /** Where the report goes (stdout by default). */
  write?: (text: string) => void;
  /** Where "working on…" notes for long steps go (stderr by default); null for none. */
  progress?: ((text: string) => void) | null;
}

export interface CheckResult {
  section: string;
  label: string;
  ok: boolean;
  detail: string;
}

/** Renders values the way the checks compare them: bigints, nested arrays, -0. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  return inspect(v, { depth: 6, breakLength: Infinity });
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return Object.is(a, b);
}

export class ShowcaseContext {
  readonly quick: boolean;
  readonly checks: CheckResult[] = [];
  private readonly writeOut: (text: string) => void;
  private readonly progressOut: ((text: string) => void) | null;
  private section = '';

  constructor(o: ShowcaseOptions) {
    this.quick = o.quick;
    if (o.progress !== undefined) {
      this.writeOut = o.write ?? ((t) => process.stdout.write(t));
      this.progressOut = o.progress;
    } else if (o.write === undefined && process.stderr.isTTY && process.stdout.isTTY) {
      // Both on one terminal: the note is one transient line, erased before the next output.
      let pending = false;
      this.progressOut = (t) => { process.stderr.write(`\r\x1b[K${t.trimEnd()}`); pending = true; };
      this.writeOut = (t) => {
        if (pending) { process.stderr.write('\r\x1b[K'); pending = false; }
        process.stdout.write(t);
      };
    } else {
      this.writeOut = o.write ?? ((t) => process.stdout.write(t));
      this.progressOut = (t) => process.stderr.write(t);
    }
  }

  get failures(): CheckResult[] { return this.checks.filter((c) => !c.ok); }

  /** A tutorial section's heading. */
  heading(id: string, title: string): void {
    this.section = `${id} ${title}`;
    this.writeOut(`\n${'='.repeat(78)}\n${id}  ${title}\n${'='.repeat(78)}\n`);
  }

  /** A sub-heading inside a section (the tutorial's ### headings). */
  sub(title: string): void {
    this.writeOut(`\n--- ${title} ---\n`);
  }

  /** The numnode code of a cell, shown before its output. */
  code(src: string): void {
    this.writeOut(`${src.trim().split('\n').map((l) => `  > ${l}`).join('\n')}\n`);
  }

  /** Text output of a cell. */
  print(...lines: string[]): void {
    for (const l of lines) this.writeOut(`${l}\n`);
  }

  /** A text table; columns of numbers, sizes, shapes and booleans are right-aligned, text left-aligned. */
  table(header: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
    const numeric = header.map((_, j) => j > 0 && rows.every((r) => /^(|[-+]?[\d.(].*|true|false)$/.test(r[j] ?? '')));
    const line = (r: readonly string[]) => r.map((v, j) => (numeric[j] ? v.padStart(widths[j]!) : v.padEnd(widths[j]!))).join('  ').trimEnd();
    this.print(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  }

  /** A note for a long step; it goes to the progress stream, not the report. */
  progress(text: string): void {
    this.progressOut?.(`  … ${text}\n`);
  }

  /** Records and prints a cross-check of `actual` against `expected`. */
  check(label: string, actual: unknown, expected: unknown): boolean {
    const ok = same(actual, expected);
    const detail = ok ? show(actual) : `got ${show(actual)}, expected ${show(expected)}`;
    this.checks.push({ section: this.section, label, ok, detail });
    this.print(`  ${ok ? '✓' : '✗ FAILED'} ${label}: ${detail}`);
    return ok;
  }

  /** Times fn (median per call); quick mode spends less time on it. */
  time(fn: () => unknown, budget?: Partial<TimingBudget>): Timing {
    const b: TimingBudget = this.quick
      ? { budgetMs: 40, batchMs: 1, minRuns: 3, ...budget }
      : { budgetMs: 400, batchMs: 5, minRuns: 7, ...budget };
    return timeit(fn, b);
  }

  /**
   * Times several labelled calls and prints them as %timeit lines in one table; a
   * budget (e.g. fewer runs) applies to every item, for calls that take long.
   */
  timeTable(items: readonly [label: string, fn: () => unknown][], budget?: Partial<TimingBudget>): Map<string, Timing> {
    const out = new Map<string, Timing>();
    for (const [label, fn] of items) {
      this.progress(`timing ${label}`);
      out.set(label, this.time(fn, budget));
    }
    this.table(['statement', 'median per call', 'best', 'calls × batches'],
      [...out].map(([label, t]) => [label, formatSeconds(t.median), formatSeconds(t.min), `${t.batch} × ${t.runs}`]));
    return out;
  }
}
