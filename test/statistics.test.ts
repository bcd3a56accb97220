// Order statistics against NumPy (test/fixtures/selection.json): median,
// percentile and quantile with all 13 methods, scalar and array q, axis (int, list,
// null) and keepdims, the NaN-ignoring forms, every dtype and layout (int8
// differences that wrap, float32 arithmetic, infinities), on both backends.
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { loadSelectionFixture } from './helpers/selection';
import { callsSuite, selectCalls } from './helpers/selection-suite';

const fx = loadSelectionFixture();

describeBackends('order statistics', () => {
  describe('calls', () => {
    callsSuite(selectCalls(fx, ['median', 'nanmedian', 'quantile', 'percentile', 'nanquantile', 'nanpercentile']));
  });
});
