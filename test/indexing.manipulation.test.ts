// repeat, tile, flip, roll and pad (constant, edge, reflect, symmetric, wrap)
// against NumPy (test/fixtures/selection.json), on both backends.
import { describe } from 'vitest';
import { describeBackends } from './helpers/backends';
import { loadSelectionFixture } from './helpers/selection';
import { callsSuite, selectCalls } from './helpers/selection-suite';

const fx = loadSelectionFixture();

describeBackends('repeat, tile, flip, roll, pad', () => {
  describe('calls', () => {
    callsSuite(selectCalls(fx, ['repeat', 'tile', 'flip', 'roll', 'pad']));
  });
});
