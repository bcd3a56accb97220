// One contender of one case, in a process of its own (forked by run.ts), so that
// the garbage and the JIT state of one implementation do not colour another's.
// argv[2] is a JSON WorkerRequest; the ImplResult goes back over the IPC channel.
import * as np from 'numnode';
import { runImpl, type WorkerRequest } from './worker-core';
import type { ImplResult } from './types';

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  let result: ImplResult;
  try {
    result = await runImpl(np, req);
  } catch (e) {
    result = { status: 'error', reason: e instanceof Error ? e.message : String(e) };
  }
  process.send!(result, () => process.disconnect());
}

void main();
