// The built package's entry points: CommonJS (dist/index.js via require) and ESM
// (dist/index.mjs via import), by path and through package.json's "exports" (a
// package may import itself by name). Each runs in a fresh Node process, as a user's
// program would. Skipped, with the reason in the title, when dist/ is not built.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures';

const CJS = join(ROOT, 'dist', 'index.js');
const ESM = join(ROOT, 'dist', 'index.mjs');
const ESM_URL = pathToFileURL(ESM).href;

/** A script exercising the namespace `np`; prints one JSON line. */
const PROBE = `
  const a = np.arange(6, { dtype: np.int16 }).reshape(2, 3).T;
  const out = {
    version: typeof np.version,
    float32: np.float32,
    shape: a.shape,
    strides: a.strides,
    values: a.copy().toArray(),
    big: String(np.array([2n ** 63n - 1n]).get(0)),
    isNDArray: a instanceof np.NDArray,
    shares: np.sharesMemory(a, a.T),
    native: np.config().backend.native,
    error: (() => { try { np.zeros([-1]); } catch (e) { return [e.constructor.name, e.code, e.message]; } })(),
  };
  console.log(JSON.stringify(out));
`;

const EXPECTED = {
  version: 'string',
  float32: 'float32',
  shape: [3, 2],
  strides: [2, 6],
  values: [[0, 3], [1, 4], [2, 5]],
  big: '9223372036854775807',
  isNDArray: true,
  shares: true,
  error: ['RangeError', 'ERR_NUMNODE_SHAPE', 'negative dimensions are not allowed'],
};

function run(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

const cjsBuilt = existsSync(CJS);
const esmBuilt = existsSync(ESM);
const why = (f: string) => `skipped: ${f} is not built (run \`node scripts/setup.mjs\` or \`npm run build:ts\`)`;

describe('package entry points', () => {
  it.skipIf(!cjsBuilt)(cjsBuilt ? 'require(\'./dist/index.js\') (CommonJS)' : `CommonJS entry: ${why('dist/index.js')}`, () => {
    const r = run(['-e', `const np = require(${JSON.stringify(CJS)});\n${PROBE}`]);
    expect(r).toMatchObject(EXPECTED);
  });

  it.skipIf(!cjsBuilt)(cjsBuilt ? 'require(\'numnode\') resolves through "exports"' : `require('numnode'): ${why('dist/index.js')}`, () => {
    const r = run(['-e', `const np = require('numnode');\n${PROBE}`]);
    expect(r).toMatchObject(EXPECTED);
  });

  it.skipIf(!esmBuilt)(esmBuilt ? 'import(\'./dist/index.mjs\') (ESM)' : `ESM entry: ${why('dist/index.mjs')}`, () => {
    const r = run(['--input-type=module', '-e', `const np = await import(${JSON.stringify(ESM_URL)});\n${PROBE}`]);
    expect(r).toMatchObject(EXPECTED);
  });

  it.skipIf(!esmBuilt)(esmBuilt ? 'import * as np from \'numnode\' resolves through "exports"' : `import 'numnode': ${why('dist/index.mjs')}`, () => {
    const r = run(['--input-type=module', '-e', `import * as np from 'numnode';\n${PROBE}`]);
    expect(r).toMatchObject(EXPECTED);
  });

  it.skipIf(!cjsBuilt || !esmBuilt)(cjsBuilt && esmBuilt ? 'CommonJS and ESM export the same names and see the same addon'
    : `CJS/ESM agreement: ${why('dist/index.js and dist/index.mjs')}`, () => {
    const cjs = run(['-e', `const np = require(${JSON.stringify(CJS)}); console.log(JSON.stringify({ keys: Object.keys(np).sort(), native: np.config().backend.native }));`]);
    const esm = run(['--input-type=module', '-e', `const np = await import(${JSON.stringify(ESM_URL)}); console.log(JSON.stringify({ keys: Object.keys(np).filter((k) => k !== 'default').sort(), native: np.config().backend.native }));`]);
    expect(esm).toEqual(cjs);
  });
});
