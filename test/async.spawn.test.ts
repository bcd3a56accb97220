// child_process.spawn/exec while BLAS and OpenMP kernels run in the background must
// never hang: Debian's pthreads build of OpenBLAS hangs there (BUILD-NOTES.md), the
// OpenMP build numnode links does not. 100 of 100 children must exit.
import { exec, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { nativeLoaded, nativeSkipReason } from './helpers/backends';

function spawnOnce(useExec: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('a child process did not exit within 30 s (hang)'));
    }, 30_000);
    const done = (code: number | null): void => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`child exited with ${code}`));
    };
    const child = useExec
      ? exec('echo numnode', (err) => done(err === null ? 0 : (err.code as number | undefined) ?? 1))
      : spawn('/bin/true');
    if (!useExec) child.on('exit', (code) => done(code));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

// Without the addon there is no BLAS and nothing runs in the background.
describe.skipIf(!nativeLoaded)(`child processes during async dgemm${nativeLoaded ? '' : ` (skipped: ${nativeSkipReason})`}`, () => {
  it('100 of 100 spawn and exec calls complete while 2048² products run on the pool', async () => {
    const a = np.ones([1024, 2048]);
    const b = np.ones([2048, 1024]);
    let stop = false;
    let products = 0;
    // One loop: each product gets the whole budget (multithreaded BLAS, the case that
    // hangs with the pthreads build); then three more loops join.
    const loop = async (): Promise<void> => {
      while (!stop) {
        const c = await np.promises.matmul(a, b);
        expect(c.get(3, 7)).toBe(2048);
        products++;
      }
    };
    const loops = [loop()];
    let completed = 0;
    for (let batch = 0; batch < 10; batch++) {
      if (batch === 5) loops.push(loop(), loop(), loop());
      await Promise.all(Array.from({ length: 10 }, (_, i) => spawnOnce(i % 5 === 4).then(() => { completed++; })));
    }
    stop = true;
    await Promise.all(loops);
    expect(completed).toBe(100);
    expect(products).toBeGreaterThan(0);
  }, 600_000);
});
