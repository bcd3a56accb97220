// NumPy's a[...] in numnode (a.index / a.indexSet) against a generated corpus of
// mixed indexing expressions (test/fixtures/selection.json, from
// scripts/gen-selection-fixtures.py), get and set, over every dtype and view
// layout, on both backends; and the selection functions built on the same
// kernels (take, put, compress, extract, nonzero, argwhere, flatnonzero, where,
// choose, takeAlongAxis, putAlongAxis).
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { loadSelectionFixture } from './helpers/selection';
import { callsSuite, indexSuite, selectCalls } from './helpers/selection-suite';

const fx = loadSelectionFixture();

describeBackends('indexing corpus', () => {
  indexSuite(fx.index);
});

describeBackends('selection functions', () => {
  describe('take, put, compress, extract, nonzero, argwhere, flatnonzero, where, choose, along an axis', () => {
    callsSuite(selectCalls(fx, ['take', 'put', 'compress', 'extract', 'nonzero', 'argwhere', 'flatnonzero', 'where', 'choose', 'takeAlongAxis', 'putAlongAxis']));
  });
});
