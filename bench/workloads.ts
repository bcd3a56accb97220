// Finds the workload files: every module in bench/workloads/ (compiled: dist/bench/
// workloads/*.js) exporting `cases`. A later issue adds a workload by adding a file.
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './types';

export interface LoadedCase {
  /** `group/name`, what --filter matches. */
  id: string;
  /** The module file, so a worker process can load the same case. */
  file: string;
  case: BenchCase;
}

export const WORKLOAD_DIR = join(__dirname, 'workloads');

/** The workload modules of this build: .js next to compiled code, .ts when run from source. */
export function workloadFiles(dir = WORKLOAD_DIR): string[] {
  const ext = extname(__filename) === '.ts' ? '.ts' : '.js';
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

export async function loadCases(file: string): Promise<BenchCase[]> {
  // import() works for both: Node loads the CommonJS build, vitest transforms the .ts.
  const mod = (await import(pathToFileURL(file).href)) as { cases?: unknown; default?: { cases?: unknown } };
  const cases = mod.cases ?? mod.default?.cases;
  if (!Array.isArray(cases)) throw new Error(`${file} does not export \`cases\` (an array of benchCase(...))`);
  return cases as BenchCase[];
}

export function caseId(c: BenchCase): string {
  return `${c.group}/${c.name}`;
}

/** Every case of every workload file, in file order, those matching `filter` only. */
export async function loadAll(filter?: RegExp, dir = WORKLOAD_DIR): Promise<LoadedCase[]> {
  const out: LoadedCase[] = [];
  const seen = new Set<string>();
  for (const file of workloadFiles(dir)) {
    for (const c of await loadCases(file)) {
      const id = caseId(c);
      if (seen.has(id)) throw new Error(`duplicate benchmark case id '${id}' (in ${file})`);
      seen.add(id);
      if (filter === undefined || filter.test(id)) out.push({ id, file, case: c });
    }
  }
  return out;
}
