// Sorting and searching against NumPy (test/fixtures/selection.json): sort and
// argsort (stable and default kinds) along every axis of every dtype and view
// layout, with NaNs, -0.0, ties and int64/uint64 extremes; long lanes that take
// the radix and threaded paths; partition/argpartition by their defining property;
// lexsort, searchsorted, unique, bincount, histogram, digitize. Both backends.
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { loadSelectionFixture } from './helpers/selection';
import { bigSuite, callsSuite, selectCalls, sortSuite } from './helpers/selection-suite';

const fx = loadSelectionFixture();

describeBackends('sort / argsort', () => {
  sortSuite(fx.sort);
});

describeBackends('long lanes', () => {
  bigSuite(fx.big);
});

describeBackends('partition, lexsort, searchsorted, unique, bincount, histogram, digitize', () => {
  describe('calls', () => {
    callsSuite(selectCalls(fx, ['partition', 'lexsort', 'searchsorted', 'unique', 'bincount', 'histogram', 'digitize']));
  });
});
