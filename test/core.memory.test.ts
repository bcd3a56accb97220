// np.sharesMemory / np.mayShareMemory against NumPy's shares_memory / may_share_memory
// for pairs of views of one buffer (interleaved, overlapping windows, reinterpreted
// dtypes, broadcasts, random strided pairs), and the maxWork limit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { native } from '../src/backend/native/loader';
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

describe('large buffers are advised onto transparent huge pages (as NumPy does)', () => {
  const binding = native().binding;
  const thp = (() => {
    try {
      return readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    } catch {
      return '';
    }
  })();
  it.skipIf(binding === null || !/\[(always|madvise)\]/.test(thp))('adviseHugePages covers the whole 2 MiB pages inside a buffer, and nothing below 4 MiB', () => {
    const advise = binding!.adviseHugePages!;
    const big = new Uint8Array(new ArrayBuffer(16 << 20));
    const advised = advise(big);
    // at least the 2 MiB pages that fit whatever the alignment, never past the buffer
    expect(advised).toBeGreaterThanOrEqual(14 << 20);
    expect(advised).toBeLessThanOrEqual(16 << 20);
    expect(advised % (2 << 20)).toBe(0);
    expect(advise(new Uint8Array(new ArrayBuffer((4 << 20) - 1)))).toBe(0);
    expect(advise(big.subarray(0, 1 << 20))).toBe(0);
    // a detached buffer is refused at the boundary, not touched
    const gone = new ArrayBuffer(8 << 20);
    const view = new Uint8Array(gone);
    structuredClone(gone, { transfer: [gone] });
    expect(() => advise(view)).toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_BUFFER' }));
  });

  it.skipIf(binding === null || !/\[(always|madvise)\]/.test(thp))('a fresh 64 MiB array comes on huge pages when touched', () => {
    const before = anonHugeKiB();
    const a = np.empty([8 << 20]);
    a.fill(1);
    // THP may be short of free 2 MiB pages on a fragmented machine: a loose bound
    expect(anonHugeKiB() - before).toBeGreaterThan(0);
    expect(a.get(12345)).toBe(1);
  });
});

function anonHugeKiB(): number {
  const m = /AnonHugePages:\s+(\d+)/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
  return m === null ? 0 : Number(m[1]);
}
