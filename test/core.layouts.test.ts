// Conformance with NumPy for every dtype x layout x view/copy/cast/slicing
// operation recorded in test/fixtures/core.json (scripts/gen-core-fixtures.py),
// run once per backend.
import { describeBackends } from './helpers/backends';
import { layoutSuite } from './helpers/conformance';
import { loadFixture } from './helpers/fixtures';

const fx = loadFixture();

describeBackends('core layouts', () => {
  layoutSuite(fx);
});
