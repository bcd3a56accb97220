// Creation functions against NumPy (test/fixtures/core.json): arange with integer,
// float and negative steps and dtypes, linspace with and without the endpoint and
// with integer dtypes, eye with k and M, identity, full, zeros/ones, array's dtype
// inference from nested JS values, concatenate/stack with promotion and axes.
import { describeBackends } from './helpers/backends';
import { creationSuite } from './helpers/conformance';
import { loadFixture } from './helpers/fixtures';

const fx = loadFixture();

describeBackends('core creation', () => {
  creationSuite(fx);
});
