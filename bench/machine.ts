// What the numbers were measured on: they mean little without it.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import type { NumpyInfo } from './numpy-timer';
import { UNSET_FOR_NUMPY } from './numpy-timer';
import type { Numnode } from './types';

/** Environment variables that change what the kernels or the allocator do. */
const RELEVANT_ENV = [
  'NUMNODE_BACKEND', 'NUMNODE_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS',
  'OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_',
];

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

export function describeMachine(np: Numnode, numpy: NumpyInfo) {
  const cpus = os.cpus();
  const env: Record<string, string | null> = {};
  for (const k of RELEVANT_ENV) env[k] = process.env[k] ?? null;
  return {
    cpu: {
      model: cpus[0]?.model ?? 'unknown',
      logicalCores: cpus.length,
      availableParallelism: os.availableParallelism(),
      mhz: cpus[0]?.speed ?? null,
    },
    memory: { totalBytes: os.totalmem(), freeBytesAtStart: os.freemem() },
    /** 1, 5 and 15 minute load averages when the run began: other work on the machine skews timings. */
    loadAverageAtStart: os.loadavg(),
    os: { platform: process.platform, type: os.type(), release: os.release(), version: os.version(), arch: process.arch },
    transparentHugepages: readText('/sys/kernel/mm/transparent_hugepage/enabled'),
    node: { version: process.version, v8: process.versions.v8, napi: process.versions.napi },
    numnode: np.config(),
    numpy,
    env,
    numpyEnvironment: {
      unset: [...UNSET_FOR_NUMPY],
      why: "these tune numnode's OpenBLAS on this machine; NumPy bundles its own OpenBLAS, which they would mistune",
      wereSet: UNSET_FOR_NUMPY.filter((k) => process.env[k] !== undefined),
    },
  };
}
