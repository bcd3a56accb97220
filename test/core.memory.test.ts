// np.sharesMemory / np.mayShareMemory against NumPy's shares_memory / may_share_memory
// for pairs of views of one buffer (interleaved, overlapping windows, reinterpreted
// dtypes, broadcasts, random strided pairs), and the maxWork limit.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { describeBackends } from './helpers/backends';
import { pairsSuite } from './helpers/conformance';
import { expectNumpyError, loadFixture } from './helpers/fixtures';

const fx = loadFixture();

describeBackends('core sharesMemory', () => {
  pairsSuite(fx);
});

describe('sharesMemory maxWork', () => {
  const cube = np.zeros([4, 5, 6], { dtype: 'int8' });
  const a = cube.slice(':', '::2', '::3');
  const b = cube.slice(':', '::3', '::2');

  it('answers NumPy\'s hard case exactly by default', () => {
    expect(np.sharesMemory(a, b)).toBe(true);
  });

  it('throws NumPy\'s TooHardError (a plain Error, ERR_NUMNODE_SHAPE) past maxWork', () => {
    const py = fx.errors.shares_memory_max_work!;
    expect(py.type).toBe('TooHardError');
    expectNumpyError(() => np.sharesMemory(a, b, { maxWork: 1 }), py, 'sharesMemory(maxWork: 1)', {
      cls: Error, code: 'ERR_NUMNODE_SHAPE', msg: /^Exceeded max_work\b/,
    });
  });

  it('needs no work when the bounds do not overlap', () => {
    expect(np.sharesMemory(cube.slice(0), cube.slice(1), { maxWork: 0 })).toBe(false);
  });

  it('separate buffers never share', () => {
    const x = np.zeros(10);
    const y = np.zeros(10);
    expect(np.sharesMemory(x, y)).toBe(false);
    expect(np.mayShareMemory(x, y)).toBe(false);
  });
});

