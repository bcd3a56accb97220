// The thread budget as config() shows it, and the warnings showConfig() prints
// about threading (issue 7). The budget itself lives in the addon
// (native/kernels/budget.h): one count of cores for OpenMP and OpenBLAS, shared by
// synchronous calls and np.promises jobs of every worker thread of the process.
import { availableParallelism } from 'node:os';
import type { AsyncStats, NativeConfig } from './native/binding';
import { native, ompWaitPolicy } from './native/loader';

export interface ThreadsInfo {
  /** getNumThreads(): the most threads one computation uses. */
  numThreads: number;
  /**
   * Where it came from: NUMNODE_NUM_THREADS, OMP_NUM_THREADS, OPENBLAS_NUM_THREADS
   * (the smaller of the two when both are set), cpus, setNumThreads; 'typescript'
   * without the addon (the TypeScript kernels run on the calling thread).
   */
  source: string;
  /** Cores held by running computations now (all threads of the process). */
  inUse: number;
  /** The most cores ever held at once. */
  peakInUse: number;
  /** libuv's pool size; np.promises keeps one pool thread free for fs, dns and crypto. */
  uvThreadpoolSize: number;
  /**
   * The nice value np.promises jobs run at, so that the event loop's thread goes first
   * on shared cores (NUMNODE_ASYNC_NICE, default 10; 0 when off or when this process
   * could not give a thread its priority back).
   */
  asyncNice: number;
  /**
   * OpenMP's wait policy (a short spin, GOMP_SPINCOUNT=1000, by numnode's choice unless
   * OMP_WAIT_POLICY or GOMP_SPINCOUNT is set: see src/backend/native/loader.ts), and where
   * it came from.
   */
  ompWaitPolicy: string;
  /** np.promises jobs of this thread: waiting for a core, on the pool; and process totals. */
  async: {
    queued: number;
    running: number;
    completed: number;
    cancelled: number;
    failed: number;
  } | null;
}

function stats(): AsyncStats | null {
  const b = native().binding;
  return b !== null && typeof b.asyncStats === 'function' ? b.asyncStats() : null;
}

export function threadsInfo(numThreads: number): ThreadsInfo {
  const s = stats();
  const pool = Number(process.env.UV_THREADPOOL_SIZE);
  return {
    numThreads,
    source: s?.source ?? (native().binding === null ? 'typescript' : 'unknown'),
    inUse: s?.inUse ?? 0,
    peakInUse: s?.peakInUse ?? 0,
    uvThreadpoolSize: s?.poolSize ?? (Number.isInteger(pool) && pool > 0 ? Math.min(pool, 1024) : 4),
    asyncNice: s?.nice ?? 0,
    ompWaitPolicy: `${ompWaitPolicy.value} (${ompWaitPolicy.source === 'numnode' ? 'numnode default: spin briefly, then sleep; OMP_WAIT_POLICY=PASSIVE never spins' : ompWaitPolicy.source})`,
    async: s === null ? null : {
      queued: s.queued, running: s.running, completed: s.completed, cancelled: s.cancelled, failed: s.failed,
    },
  };
}

/**
 * What showConfig() warns about: an OpenBLAS whose pthreads build can hang
 * child_process.spawn/exec while a BLAS call runs in the background (reproduced
 * with Debian's 0.3.21; its OpenMP build does not), and a budget above the CPUs.
 */
export function configWarnings(build: Pick<NativeConfig, 'blas'> | null, numThreads: number,
  cpus: number = availableParallelism()): string[] {
  const out: string[] = [];
  if (build !== null && build.blas.threading === 'pthreads') {
    out.push('the loaded OpenBLAS is its pthreads build: child_process.spawn/exec can hang while a '
      + 'multithreaded BLAS call runs (np.promises runs them in the background). Install the OpenMP build '
      + '(apt-get install libopenblas0-openmp) and rebuild numnode, or call setNumThreads(1).');
  }
  if (numThreads > cpus) {
    out.push(`the thread budget (${numThreads}) exceeds the ${cpus} CPUs this process may use: `
      + 'threads will share cores. setNumThreads() or NUMNODE_NUM_THREADS sets it.');
  }
  return out;
}
