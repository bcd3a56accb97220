// showConfig()/config(): what this numnode is running on, read from the running
// system (the addon asks OpenBLAS, OpenMP and the CPU itself), like NumPy's show_config.
import { fail } from './core/errors';
import { memoryPolicy, MAX_ALLOC_BYTES } from './core/memory';
import { getBackend, thresholds } from './backend/backend';
import { native } from './backend/native/loader';
import { configWarnings, threadsInfo, type ThreadsInfo } from './backend/threads';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../package.json') as { version: string };

export const version: string = pkg.version;

let jsThreads = 1;

/** Sets the compute thread budget shared by OpenMP kernels and OpenBLAS. */
export function setNumThreads(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1024) {
    fail('ERR_NUMNODE_ARG', RangeError, `number of threads must be an integer from 1 to 1024, got ${String(n)}`);
  }
  const b = native().binding;
  if (b !== null) b.setNumThreads(n);
  else jsThreads = n;
}

/** The compute thread budget (1 for the TypeScript backend's own kernels when the addon is absent). */
export function getNumThreads(): number {
  const b = native().binding;
  return b !== null ? b.getNumThreads() : jsThreads;
}

export interface NumnodeConfig {
  numnode: { version: string };
  node: { version: string; napi: string | undefined; platform: string; arch: string };
  backend: {
    mode: string;
    native: boolean;
    addonPath: string | null;
    loadError: string | null;
    tried: string[];
  };
  /** The thread budget and np.promises' jobs (src/backend/threads.ts). */
  threads: ThreadsInfo;
  memory: typeof memoryPolicy & { maxArrayBytes: number };
  thresholds: typeof thresholds;
  build: Record<string, unknown> | null;
  /** What showConfig() prints as WARNING lines (threading hazards). */
  warnings: string[];
}

export function config(): NumnodeConfig {
  const n = native();
  return {
    numnode: { version },
    node: { version: process.versions.node, napi: process.versions.napi, platform: process.platform, arch: process.arch },
    backend: {
      mode: getBackend(),
      native: n.binding !== null,
      addonPath: n.path,
      loadError: n.error,
      tried: n.tried,
    },
    threads: threadsInfo(getNumThreads()),
    memory: { ...memoryPolicy, maxArrayBytes: MAX_ALLOC_BYTES },
    thresholds: { ...thresholds },
    build: n.binding !== null ? (n.binding.config() as unknown as Record<string, unknown>) : null,
    warnings: configWarnings(n.binding !== null ? n.binding.config() : null, getNumThreads()),
  };
}

/** config() as indented "key: value" text, the layout of NumPy's show_config(). */
export function configText(cfg: NumnodeConfig = config()): string {
  const lines: string[] = [];
  const emit = (key: string, value: unknown, indent: number) => {
    const pad = '  '.repeat(indent);
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) lines.push(`${pad}${key}: [${value.join(', ')}]`);
      else { lines.push(`${pad}${key}:`); value.forEach((v, i) => emit(`- ${i}`, v, indent + 1)); }
    } else if (typeof value === 'object' && value !== null) {
      lines.push(`${pad}${key}:`);
      for (const [k, v] of Object.entries(value)) emit(k, v, indent + 1);
    } else lines.push(`${pad}${key}: ${value === null ? 'null' : String(value)}`);
  };
  for (const [k, v] of Object.entries(cfg)) emit(k, v, 0);
  return lines.join('\n');
}

export function showConfig(): void {
  const cfg = config();
  process.stdout.write(`${configText(cfg)}\n`);
  for (const w of cfg.warnings) process.stdout.write(`WARNING: ${w}\n`);
}

// NUMNODE_NUM_THREADS sets the budget at load; OMP_NUM_THREADS and OPENBLAS_NUM_THREADS are
// read by the runtimes themselves.
const envThreads = process.env.NUMNODE_NUM_THREADS;
if (envThreads !== undefined && envThreads !== '') {
  const t = Number(envThreads);
  if (Number.isInteger(t) && t >= 1) setNumThreads(t);
  else process.emitWarning(`NUMNODE_NUM_THREADS=${envThreads} is not a positive integer; ignored`);
}
