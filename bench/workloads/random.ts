// NumPy's random streams and .npy files (issue 6): 1e7 draws from the legacy
// np.random (MT19937) and from default_rng (PCG64), seeded identically on every side,
// so numnode's two backends and NumPy compute the same values; and save/load of a
// 400 MB float64 array, with and without mmapMode.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NDArray, random } from 'numnode';
import { benchCase, numnode, type BenchCase, type SetupContext } from '../types';

// test/bench.test.ts runs every case once under vitest to check the contenders agree:
// it gets small sizes, so that the suite stays quick (the numbers are the benchmark's).
const UNDER_TEST = process.env.VITEST !== undefined;
const N = UNDER_TEST ? 100_000 : 10_000_000;
const SIZE = '1e7 float64 (80 MB)';
const NO_PLAIN = 'Math.random cannot be seeded and has no NumPy stream: there is no plain-JS equivalent';

interface RngState { rng: random.Generator }

// A new setup function per case: the runner (and test/bench.test.ts) rebuilds the state
// when the setup changes, so every case starts from seed 0 on every contender.
const legacySetup = () => ({ np }: SetupContext) => {
  np.random.seed(0);
  return {};
};
const rngSetup = () => ({ np }: SetupContext): RngState => ({ rng: np.random.defaultRng(0) });

const draws: BenchCase[] = [
  benchCase({
    group: 'random',
    name: 'np.random.rand(1e7)',
    size: SIZE,
    description: 'legacy MT19937 stream: 53-bit floats from two 32-bit outputs',
    setup: legacySetup(),
    ...numnode((_s, np) => np.random.rand(N)),
    numpy: { setup: 'np.random.seed(0)', stmt: `np.random.rand(${N})` },
    absent: { plainjs: NO_PLAIN },
  }),
  benchCase({
    group: 'random',
    name: 'np.random.randn(1e7)',
    size: SIZE,
    description: "legacy polar (Marsaglia) Gaussian, one libm log per pair",
    setup: legacySetup(),
    ...numnode((_s, np) => np.random.randn(N)),
    numpy: { setup: 'np.random.seed(0)', stmt: `np.random.randn(${N})` },
    absent: { plainjs: NO_PLAIN },
  }),
  benchCase({
    group: 'random',
    name: 'default_rng().random(1e7)',
    size: SIZE,
    description: 'PCG64 (128-bit LCG, XSL-RR output): one step per float',
    setup: rngSetup(),
    ...numnode((s: RngState) => s.rng.random(N)),
    numpy: { setup: 'rng = np.random.default_rng(0)', stmt: `rng.random(${N})` },
    absent: { plainjs: NO_PLAIN },
  }),
  benchCase({
    group: 'random',
    name: 'default_rng().normal(size=1e7)',
    size: SIZE,
    description: "PCG64 + NumPy's 256-level ziggurat",
    setup: rngSetup(),
    ...numnode((s: RngState) => s.rng.normal(0, 1, N)),
    numpy: { setup: 'rng = np.random.default_rng(0)', stmt: `rng.normal(size=${N})` },
    absent: { plainjs: NO_PLAIN },
  }),
  benchCase({
    group: 'random',
    name: 'default_rng().integers(0, 100, 1e7)',
    size: '1e7 int64 (80 MB)',
    description: "PCG64 + Lemire's bounded integers on 32-bit halves",
    setup: rngSetup(),
    ...numnode((s: RngState) => s.rng.integers(0, 100, N)),
    numpy: { setup: 'rng = np.random.default_rng(0)', stmt: `rng.integers(0, 100, ${N})` },
    absent: { plainjs: NO_PLAIN },
  }),
];

// ---- .npy files ---------------------------------------------------------------------

const M = UNDER_TEST ? 1_000_000 : 50_000_000; // 400 MB of float64
const FILE_SIZE = '5e7 float64 (400 MB)';
const DIR = join(tmpdir(), 'numnode-bench');
const PATH = join(DIR, UNDER_TEST ? 'random-8mb-test.npy' : 'random-400mb.npy');
const NUMPY_FILE_SETUP = `import os; os.makedirs(${JSON.stringify(DIR)}, exist_ok=True); p = ${JSON.stringify(PATH)}; a = np.arange(${M}, dtype=np.float64); np.save(p, a)`;

interface FileState { a: NDArray; path: string }

function fileSetup({ np }: SetupContext): FileState {
  mkdirSync(DIR, { recursive: true });
  const a = np.arange(M, { dtype: 'float64' });
  np.save(PATH, a);
  return { a, path: PATH };
}

const files: BenchCase[] = [
  benchCase({
    group: 'npy',
    name: 'np.save(path, a)',
    size: FILE_SIZE,
    description: 'the file rewritten in place: magic zeroed, the array memory in one call, then the header (page cache)',
    setup: fileSetup,
    sameResult: false,
    ...numnode((s: FileState, np) => np.save(s.path, s.a)),
    numpy: { setup: NUMPY_FILE_SETUP, stmt: 'np.save(p, a)' },
    absent: { plainjs: 'no .npy writer in plain JS' },
  }),
  benchCase({
    group: 'npy',
    name: 'np.load(path)',
    size: FILE_SIZE,
    description: 'header parsed, then the data read straight into the new array (page cache)',
    setup: fileSetup,
    ...numnode((s: FileState, np) => np.load(s.path)),
    numpy: { setup: NUMPY_FILE_SETUP, stmt: 'np.load(p)' },
    absent: { plainjs: 'no .npy reader in plain JS' },
  }),
  benchCase({
    group: 'npy',
    name: "np.load(path, mmap_mode='r')",
    size: FILE_SIZE,
    description: 'the addon maps the file (a live read-only mapping of it is shared): no data is read until touched (the TypeScript backend reads a copy)',
    setup: fileSetup,
    ...numnode((s: FileState, np) => np.load(s.path, { mmapMode: 'r' })),
    numpy: { setup: NUMPY_FILE_SETUP, stmt: "np.load(p, mmap_mode='r')" },
    absent: { plainjs: 'no .npy reader in plain JS' },
  }),
];

export const cases: BenchCase[] = [...draws, ...files];
