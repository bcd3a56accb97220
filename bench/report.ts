// The results of a run: ratios, the text table, the progress line.
import { formatRatio, formatSeconds } from './stats';
import { IMPLS, type Impl, type ImplResult } from './types';

export interface Ratios {
  /** numnode-native median ÷ NumPy median: below 1, numnode is faster. */
  nativeVsNumpy: number | null;
  nativeVsPlainjs: number | null;
  nativeVsTs: number | null;
  /** The TypeScript backend against NumPy (what users without the addon get). */
  tsVsNumpy: number | null;
}

export interface CaseResult {
  id: string;
  group: string;
  name: string;
  size: string;
  description?: string;
  results: Record<Impl, ImplResult>;
  ratios: Ratios;
}

export const IMPL_LABEL: Record<Impl, string> = {
  native: 'numnode native',
  ts: 'numnode ts',
  plainjs: 'plain JS',
  numpy: 'NumPy',
};

function medianOf(r: ImplResult): number | null {
  return r.status === 'ok' ? r.stats.median : null;
}

export function ratios(results: Record<Impl, ImplResult>): Ratios {
  const m = (i: Impl) => medianOf(results[i]);
  const div = (a: number | null, b: number | null) => (a === null || b === null || b <= 0 ? null : a / b);
  return {
    nativeVsNumpy: div(m('native'), m('numpy')),
    nativeVsPlainjs: div(m('native'), m('plainjs')),
    nativeVsTs: div(m('native'), m('ts')),
    tsVsNumpy: div(m('ts'), m('numpy')),
  };
}

export function cell(r: ImplResult): string {
  if (r.status === 'ok') return formatSeconds(r.stats.median);
  return r.status === 'skipped' ? '—' : 'error';
}

/** One line per finished case, printed while the run goes on. */
export function progressLine(index: number, total: number, c: CaseResult): string {
  const parts = IMPLS.map((i) => `${i} ${cell(c.results[i])}`);
  return `[${index}/${total}] ${c.id} (${c.size}): ${parts.join(', ')}`;
}

/** A plain text table; the first column left-aligned, the others right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) => r.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The results table, grouped by workload group, with the notes for skipped and failed contenders. */
export function resultsTable(cases: readonly CaseResult[]): string {
  const header = ['case', 'native', 'ts', 'plain JS', 'NumPy', 'nat/NumPy', 'nat/plain', 'nat/ts', 'ts/NumPy'];
  const rows: string[][] = [];
  let group = '';
  for (const c of cases) {
    if (c.group !== group) {
      group = c.group;
      rows.push([`[${group}]`, '', '', '', '', '', '', '', '']);
    }
    rows.push([
      `  ${c.name}  ${c.size}`,
      ...IMPLS.map((i) => cell(c.results[i])),
      formatRatio(c.ratios.nativeVsNumpy),
      formatRatio(c.ratios.nativeVsPlainjs),
      formatRatio(c.ratios.nativeVsTs),
      formatRatio(c.ratios.tsVsNumpy),
    ]);
  }
  const notes = new Map<string, string[]>();
  for (const c of cases) {
    for (const i of IMPLS) {
      const r = c.results[i];
      if (r.status === 'ok') continue;
      const key = `${IMPL_LABEL[i]} ${r.status === 'error' ? 'failed' : 'skipped'}: ${r.reason}`;
      notes.set(key, [...(notes.get(key) ?? []), c.id]);
    }
  }
  const noteLines = [...notes].map(([k, ids]) => `  - ${k} (${ids.length === cases.length ? 'all cases' : ids.join(', ')})`);
  return [
    textTable(header, rows),
    '',
    'Times are the median time per call. Ratios are numnode-native (or ts) time ÷ the other\'s time: below 1× numnode is faster.',
    ...(noteLines.length > 0 ? ['Not measured:', ...noteLines] : []),
  ].join('\n');
}
