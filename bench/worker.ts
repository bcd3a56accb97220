// One contender for the cases of one workload file, in a process of its own (forked
// by run.ts), so that the garbage and the JIT state of one implementation do not
// colour another's. argv[2] is a JSON WorkerInit. The worker answers
// { type: 'ready' } (or 'fatal' when the file cannot be loaded), then, for each
// { id } run.ts sends, { type: 'result', id, result } over the IPC channel. It exits
// when run.ts disconnects.
import * as np from 'numnode';
import type { ImplResult } from './types';
import { openSession, type WorkerInit, type WorkerMessage, type WorkerRequest } from './worker-core';

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => { process.send!(m, () => resolve()); });
}

async function main(): Promise<void> {
  const init = JSON.parse(process.argv[2] ?? '{}') as WorkerInit;
  process.on('disconnect', () => process.exit(0));
  let run: (id: string) => Promise<ImplResult>;
  try {
    run = await openSession(np, init);
  } catch (e) {
    await send({ type: 'fatal', reason: e instanceof Error ? e.message : String(e) });
    process.disconnect();
    return;
  }
  // run.ts sends the next request only after this one's answer: cases never overlap.
  process.on('message', (m: WorkerRequest) => {
    void run(m.id).then((result) => send({ type: 'result', id: m.id, result }));
  });
  await send({ type: 'ready' });
}

void main();
