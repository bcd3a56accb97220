// The statistics both sides report, defined once here and mirrored line for line in
// numpy-timer.ts (Python's statistics.median / statistics.stdev), so that "median"
// means the same thing for numnode and for NumPy.
import type { Stats } from './types';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Stats of per-call times (seconds), each the mean of one batch of `batch` calls. */
export function summarize(perCall: readonly number[], batch: number): Stats {
  const n = perCall.length;
  const mean = perCall.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(perCall.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { median: median(perCall), min: Math.min(...perCall), mean, sd, samples: n, batch };
}

/** The batch sizes timeit.Timer.autorange tries: 1, 2, 5, 10, 20, 50, … */
export function* batchSizes(): Generator<number> {
  for (let p = 1; ; p *= 10) {
    yield p;
    yield 2 * p;
    yield 5 * p;
  }
}

/** Seconds as a short human string: 312 ns, 4.1 µs, 18.2 ms, 1.30 s. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  const units: [number, string][] = [[1, 's'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
  for (const [scale, unit] of units) {
    if (s >= scale || unit === 'ns') {
      const v = s / scale;
      return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`;
    }
  }
  return String(s);
}

/** A ratio as "3.2×" / "0.041×". */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}
