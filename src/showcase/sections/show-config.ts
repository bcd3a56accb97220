// 3.2 "Understanding NumPy's Multithreading" starts with np.show_config(): which
// BLAS, which threads. (The dgemm timing that follows it needs matmul: see the end.)
import * as np from '../../index';
import { configText } from '../../config';
import type { Section } from '../section';

export const showConfig: Section = {
  id: '3.2',
  title: 'Configuration: np.showConfig()',
  run(ctx) {
    ctx.code('np.showConfig()');
    const cfg = np.config();
    ctx.print(configText(cfg));
    ctx.print('');
    ctx.check('config().numnode.version === np.version', cfg.numnode.version, np.version);
    ctx.check('build information is present exactly when the addon loaded', cfg.build !== null, cfg.backend.native);
    ctx.check('a thread budget of at least 1', cfg.threads.numThreads >= 1, true);
    ctx.print(cfg.backend.native
      ? `The native addon is loaded (${cfg.backend.addonPath ?? '?'}): copies and casts above ran in it when large enough.`
      : `The native addon is not loaded (${cfg.backend.loadError ?? '?'}): everything above ran in the TypeScript backend.`);
  },
};
