import { it, expect } from 'vitest';
import * as np from '../src/index';
it('power hazard', async () => {
  for (const backend of ['auto', 'native'] as const) {
    np.setBackend(backend);
    const base = np.arange(100000);
    const e = np.ones([100000], { dtype: 'int64' });
    e.set([99999], -1);
    let sync: unknown; try { np.power(base, e); } catch (x) { sync = (x as Error).message; }
    const before = np.promisesStats();
    let asy: unknown; try { await np.promises.power(base, e); asy = 'resolved'; } catch (x) { asy = (x as Error).message; }
    console.log(backend, np.promisesStats().lastFallbackReason, sync, '|', asy, np.promisesStats().async - before.async, np.promisesStats().syncFallbacks - before.syncFallbacks);
  }
  np.setBackend('auto');
});
