import { it } from "vitest";
import * as np from '../src/index';
import { selectInto } from '../src/backend/selection';
it("perf", () => {
  np.setBackend('native');
  const n = 1e7;
  const t = (name: string, f: () => unknown, reps = 5) => {
    const ts: number[] = [];
    for (let i = 0; i < reps; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
    ts.sort((a, b) => a - b);
    console.log(`${name}: min ${ts[0]!.toFixed(1)} med ${ts[reps >> 1]!.toFixed(1)} ms`);
  };
  const x = np.random.defaultRng(0).random([n]) as np.NDArray;
  for (const ks of [[n / 2], [n / 2 - 1, n / 2], [n / 2, n - 1], [n / 2 - 1, n / 2, n - 1], [9e6], [9e6, n - 1], [1e6], [0]]) {
    const out = np.empty([ks.length]);
    t(`select ${ks}`, () => selectInto(x, 0, ks, out));
  }
}, 600000);
