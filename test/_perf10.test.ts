import { it } from "vitest";
import * as np from '../src/index';
import { cases } from '../bench/workloads/sort';
import { execFileSync } from 'node:child_process';
const lib = np as never;
it("perf", () => {
  const only = process.env.PERF_FILTER ? new RegExp(process.env.PERF_FILTER) : null;
  const impls = (process.env.PERF_IMPLS ?? 'native,numpy').split(',');
  for (const c of cases) {
    if (only && !only.test(c.name)) continue;
    const line: string[] = [c.name];
    for (const impl of impls) {
      if (impl === 'numpy') {
        const code = `import numpy as np, time\n${c.numpy!.setup}\nb=1e9\nfor _ in range(3):\n  t=time.perf_counter(); ${c.numpy!.stmt}; b=min(b,time.perf_counter()-t)\nprint(b*1e3)`;
        const out = execFileSync('python3', ['-c', code], { encoding: 'utf8' });
        line.push(`numpy ${Number(out).toFixed(1)}`);
        continue;
      }
      if (impl === 'native') np.setBackend('native'); else if (impl === 'ts') np.setBackend('js');
      const fn = (c as any)[impl];
      if (!fn) continue;
      const st = c.setup ? c.setup({ np: lib, impl: impl as never }) : undefined;
      let best = 1e9;
      const reps = impl === 'plainjs' ? 1 : 3;
      for (let r = 0; r < reps; r++) { const t0 = performance.now(); fn(st, lib); best = Math.min(best, performance.now() - t0); }
      line.push(`${impl} ${best.toFixed(1)}`);
      np.setBackend('auto');
    }
    console.log(line.join(' | '));
  }
}, 3600000);
