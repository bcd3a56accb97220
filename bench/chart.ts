// latest.svg: one row per case, one bar per ratio, on a log scale centred on 1×
// (bars to the left: numnode-native is faster; to the right: slower).
import type { CaseResult, Ratios } from './report';
import { formatRatio } from './stats';

const SERIES: { key: keyof Ratios; label: string; color: string }[] = [
  { key: 'nativeVsNumpy', label: 'native ÷ NumPy', color: '#4c72b0' },
  { key: 'nativeVsPlainjs', label: 'native ÷ plain JS', color: '#dd8452' },
  { key: 'nativeVsTs', label: 'native ÷ numnode ts', color: '#55a868' },
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function ratioChart(cases: readonly CaseResult[], title: string): string {
  const logs = cases.flatMap((c) => SERIES.map((s) => c.ratios[s.key]))
    .filter((r): r is number => r !== null && r > 0 && Number.isFinite(r))
    .map((r) => Math.log10(r));
  // Whole decades, at least 0.1× … 10×.
  const lo = Math.min(-1, Math.floor(Math.min(0, ...logs)));
  const hi = Math.max(1, Math.ceil(Math.max(0, ...logs)));

  const labelW = 430;
  const plotW = 520;
  const barH = 7;
  const rowH = SERIES.length * barH + 10;
  const top = 70;
  const groupGap = 18;
  const groups = [...new Set(cases.map((c) => c.group))];
  const height = top + cases.length * rowH + groups.length * groupGap + 50;
  const width = labelW + plotW + 90;
  const x = (log: number) => labelW + ((log - lo) / (hi - lo)) * plotW;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(`<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(`<text x="10" y="38">Median time ratios, log scale; left of 1× numnode-native is faster.</text>`);
  SERIES.forEach((s, i) => {
    const lx = labelW + i * 170;
    out.push(`<rect x="${lx}" y="48" width="12" height="8" fill="${s.color}"/><text x="${lx + 16}" y="56">${esc(s.label)}</text>`);
  });
  const bottom = height - 40;
  for (let d = lo; d <= hi; d++) {
    const gx = x(d);
    out.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${bottom}" stroke="${d === 0 ? '#333' : '#ddd'}" stroke-width="${d === 0 ? 1.5 : 1}"/>`);
    out.push(`<text x="${gx}" y="${bottom + 14}" text-anchor="middle">${esc(formatRatio(10 ** d))}</text>`);
  }

  let y = top;
  let group = '';
  for (const c of cases) {
    if (c.group !== group) {
      group = c.group;
      out.push(`<text x="10" y="${y + 12}" font-weight="bold">${esc(group)}</text>`);
      y += groupGap;
    }
    // Name above, size below in small grey type, clipped to the label column.
    const size = c.size.length > 75 ? `${c.size.slice(0, 74)}…` : c.size;
    out.push(`<text x="20" y="${y + 12}">${esc(c.name)}</text>`);
    out.push(`<text x="20" y="${y + 24}" font-size="9" fill="#666">${esc(size)}</text>`);
    SERIES.forEach((s, i) => {
      const r = c.ratios[s.key];
      const by = y + 3 + i * barH;
      if (r === null || !(r > 0) || !Number.isFinite(r)) {
        out.push(`<text x="${x(0) + 4}" y="${by + barH - 1}" font-size="8" fill="#999">n/a</text>`);
        return;
      }
      const l = Math.max(lo, Math.min(hi, Math.log10(r)));
      const x0 = Math.min(x(0), x(l));
      const w = Math.max(1, Math.abs(x(l) - x(0)));
      out.push(`<rect x="${x0.toFixed(1)}" y="${by}" width="${w.toFixed(1)}" height="${barH - 1}" fill="${s.color}"/>`);
      const tx = l >= 0 ? x0 + w + 3 : x0 - 3;
      out.push(`<text x="${tx.toFixed(1)}" y="${by + barH - 1}" font-size="8" text-anchor="${l >= 0 ? 'start' : 'end'}">${esc(formatRatio(r))}</text>`);
    });
    y += rowH;
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
