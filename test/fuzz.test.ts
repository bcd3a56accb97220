// The fuzzing of issue 9 (item 5) inside the suite: the committed corpus
// (test/fuzz-corpus/: an input per kind of outcome, written by
// `node scripts/fuzz.mjs --write-corpus`, plus every failure the fuzzer ever saved),
// replayed with its recorded outcome; a short random run of every target (the long
// run is `npm run fuzz -- --runs 1000000`); and, when python3 has NumPy, the oracles
// themselves checked against NumPy: the einsum reference against np.einsum and the
// .npy header parser against numpy.lib.format's reader on mutated files.
// test/npy.fuzz.test.ts already fuzzes whole .npy/.npz files through fromNpy/load;
// this file targets the header parser and the einsum parser with verdict oracles.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { parseHeader } from '../src/io/npy';
import { ROOT, numpyAvailable } from './helpers/fixtures';
import {
  checkEinsum, checkNpyBytes, checkNpyModel, einsumOutcome, einsumSublistArb, einsumStringArb, mutateNpy, mutationArb,
  npyModelArb, npyOutcome, npySeeds, refEinsum, renderNpyModel, FuzzFailure, type EinsumCase, type NpyModel,
} from './fuzz/targets';

const CORPUS = join(ROOT, 'test', 'fuzz-corpus');
const files = (sub: string) => readdirSync(join(CORPUS, sub)).sort();

/** JSON with bigints written as '123n' (scripts/fuzz.mjs writes them so). */
function reviveBigints(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v));
}

describe('the committed fuzz corpus', () => {
  it('is there: .npy inputs and einsum cases', () => {
    expect(files('npy').filter((f) => f.endsWith('.npy')).length).toBeGreaterThan(100);
    expect(files('einsum').length).toBeGreaterThan(100);
  });

  it('every .npy input gives its recorded outcome, coded, consistent, through parseHeader and fromNpy', () => {
    let n = 0;
    for (const f of files('npy').filter((x) => x.endsWith('.npy'))) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, 'npy', f)));
      const expected = readFileSync(join(CORPUS, 'npy', f.replace(/\.npy$/, '.expected')), 'utf8').replace(/\n$/, '');
      expect(npyOutcome(bytes), f).toBe(expected);
      checkNpyBytes(bytes);
      try {
        np.fromNpy(bytes).toTypedArray();
      } catch (e) {
        expect((e as { code?: string }).code, `${f}: ${(e as Error).message}`).toBe('ERR_NUMNODE_NPY');
      }
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('every einsum case gives its recorded outcome and agrees with the reference', () => {
    let n = 0;
    for (const f of files('einsum').filter((x) => x.startsWith('seed-'))) {
      const { case: c, expected } = JSON.parse(readFileSync(join(CORPUS, 'einsum', f), 'utf8')) as { case: EinsumCase; expected: string };
      expect(einsumOutcome(c), f).toBe(expected);
      checkEinsum(c);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('every failure the fuzzer ever saved (found-*.json) now passes', () => {
    for (const sub of ['npy', 'einsum']) {
      for (const f of files(sub).filter((x) => x.startsWith('found-'))) {
        const rec = reviveBigints(readFileSync(join(CORPUS, sub, f), 'utf8')) as { target: string; input: unknown };
        if (rec.target === 'npy-model') checkNpyModel(rec.input as NpyModel);
        else if (rec.target === 'npy-bytes') checkNpyBytes(new Uint8Array(Buffer.from(rec.input as string, 'base64')));
        else checkEinsum(rec.input as EinsumCase);
      }
    }
  });
});

describe('a short random run of every target (fresh seed; the million-run is npm run fuzz)', () => {
  const seed = Number(process.env.NUMNODE_FUZZ_SEED ?? Date.now() % 2 ** 31);
  const seeds = npySeeds();
  const opts = { numRuns: 2500, seed };
  it(`npy header models (seed ${seed})`, () => {
    fc.assert(fc.property(npyModelArb, (m) => { checkNpyModel(m); }), opts);
  });
  it(`mutated .npy files (seed ${seed})`, () => {
    fc.assert(fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 5 }), (s, muts) => {
      checkNpyBytes(mutateNpy(seeds[s]!, muts));
    }), opts);
  });
  it(`einsum subscripts strings (seed ${seed})`, () => {
    fc.assert(fc.property(einsumStringArb, (c) => { checkEinsum(c); }), opts);
  });
  it(`einsum sublists (seed ${seed})`, () => {
    fc.assert(fc.property(einsumSublistArb, (c) => { checkEinsum(c); }), opts);
  });

  it('the oracles can fail: a wrong verdict is reported, not missed', () => {
    // a model the reference calls invalid (object dtype) but rendered as a valid header
    const m: NpyModel = { keys: ['descr', 'fortran_order', 'shape'], descr: '|O', descrQuote: "'", fortran: 'False', shape: [2], shapeKind: 'tuple', longSuffix: false, trailingComma: true, space: ' ', version: 1 };
    expect(() => checkNpyModel({ ...m, descr: '<f8' })).not.toThrow();
    expect(parseHeader(renderNpyModel({ ...m, descr: '<f8' })).shape).toEqual([2]);
    expect(() => checkNpyModel(m)).not.toThrow(); // refused, as the reference says
    expect(refEinsum({ subscripts: 'ij->ji', ndims: [2] })).toEqual({ ok: true, inputs: [[34, 35]], output: [35, 34] });
    expect(refEinsum({ subscripts: 'ij->jj', ndims: [2] })).toEqual({ ok: false });
    expect(new FuzzFailure('x', 1)).toBeInstanceOf(Error);
  });
});

describe('regressions found by the fuzzers', () => {
  it("a '#' comment in a header is skipped, as NumPy's ast.literal_eval does (was refused)", () => {
    const text = "{'descr': '<f8', # a comment\n 'fortran_order': False, 'shape': (2,), }    # trailing";
    for (const v of [1, 2, 3]) {
      const lenBytes = v === 1 ? 2 : 4;
      const body = Buffer.from(`${text}\n`, 'latin1');
      const b = Buffer.alloc(8 + lenBytes + body.length + 16);
      Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, v, 0]).copy(b);
      if (v === 1) b.writeUInt16LE(body.length, 8); else b.writeUInt32LE(body.length, 8);
      body.copy(b, 8 + lenBytes);
      const h = parseHeader(b);
      expect([h.dtype, h.shape, h.fortranOrder]).toEqual(['float64', [2], false]);
    }
    // a comment that swallows the closing brace leaves the dict open: refused, as by NumPy
    expect(() => parseHeader(Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 17, 0]), Buffer.from("{'descr': # x }\n")])))
      .toThrow(expect.objectContaining({ code: 'ERR_NUMNODE_NPY' }));
  });

  it("'float128' is refused as a dtype numnode lacks, not as an invalid descr", () => {
    const text = "{'descr': 'float128', 'fortran_order': False, 'shape': (2,), }";
    const body = Buffer.from(`${text}\n`, 'latin1');
    const b = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, body.length, 0]), body]);
    expect(() => parseHeader(b)).toThrow(/numnode does not support the dtype 'float128'/);
  });
});

// ---- live: the oracles against NumPy -------------------------------------------------

const py = numpyAvailable();

function askNumpy(queries: object[]): Record<string, unknown>[] {
  const r = spawnSync('python3', [join(ROOT, 'scripts', 'fuzz-oracle.py')], {
    input: queries.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe.skipIf(!py.ok)(`live against NumPy${py.ok ? '' : ` (skipped: ${py.reason})`}`, () => {
  it('the einsum reference agrees with np.einsum on 3,000 random cases', () => {
    const cases = [
      ...fc.sample(einsumStringArb, { numRuns: 2000, seed: 99 }),
      // NumPy's sublist form takes ints and Ellipsis only: other junk is numnode's own TypeError
      ...fc.sample(einsumSublistArb, { numRuns: 3000, seed: 98 })
        .filter((c) => [...c.sublists!, ...(c.output ? [c.output] : [])].every((l) => l.every((v) => v === '...' || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 52))))
        .slice(0, 1000),
    ].filter((c) => c.subscripts === null || !c.subscripts.includes('\u0000'));
    const answers = askNumpy(cases.map((c) => (c.subscripts !== null
      ? { einsum: c.subscripts, ndims: c.ndims }
      : { einsum: null, sublists: c.sublists, output: c.output ?? null, ndims: c.ndims })));
    const bad: string[] = [];
    cases.forEach((c, i) => {
      const ref = refEinsum(c);
      const a = answers[i]!;
      const same = ref.ok === a.ok && (!ref.ok || ref.output.length === a.ndim);
      if (!same && bad.length < 10) bad.push(`${JSON.stringify(c)}: reference ${JSON.stringify(ref)}, NumPy ${JSON.stringify(a)}`);
    });
    expect(bad).toEqual([]);
    expect(cases.length).toBeGreaterThan(2500);
  }, 120_000);

  it('parseHeader agrees with NumPy\'s header reader on 3,000 mutated files', () => {
    const seeds = npySeeds();
    const inputs = fc.sample(fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 })), { numRuns: 3000, seed: 97 })
      .map(([s, m]) => mutateNpy(seeds[s]!, m));
    // and the models, rendered
    inputs.push(...fc.sample(npyModelArb, { numRuns: 1000, seed: 96 }).map(renderNpyModel));
    const answers = askNumpy(inputs.map((b) => ({ npy: Buffer.from(b).toString('base64') })));
    const bad: string[] = [];
    let agreeAccept = 0;
    inputs.forEach((b, i) => {
      const a = answers[i]! as { ok: boolean; dtype?: string; le?: boolean; fortran?: boolean; shape?: number[]; kind?: string };
      let got: ReturnType<typeof parseHeader> | null = null;
      let msg = '';
      try { got = parseHeader(b); } catch (e) { msg = (e as Error).message; }
      let ok: boolean;
      if (got !== null) {
        ok = a.ok && a.dtype === got.dtype && a.fortran === got.fortranOrder && JSON.stringify(a.shape) === JSON.stringify(got.shape)
          && (a.le === got.littleEndian || got.dtype === 'bool' || got.dtype === 'int8' || got.dtype === 'uint8');
        if (ok) agreeAccept++;
      } else if (!a.ok) {
        ok = true;
      } else {
        // NumPy accepts; numnode may refuse only for its documented limits: dtypes it does not
        // have (complex, float16, strings, structured...), more than 64 dimensions, or more than
        // 2^53 bytes of data.
        // NumPy's header reader leaves negative dimensions and object dtypes to the
        // allocation and the unpickling that follow it; numnode refuses them in the header.
        const shape = a.shape ?? [];
        const size = shape.reduce((x, y) => x * y, 1);
        ok = /does not support the dtype|cannot load structured/.test(msg)
          || (shape.length > 64 && /at most 64/.test(msg))
          || (/too large/.test(msg) && (size >= 2 ** 50 || shape.some((d) => d > Number.MAX_SAFE_INTEGER)))
          || (shape.some((d) => d < 0) && /negative dimensions/.test(msg))
          || (a.dtype === 'object' && /Object arrays cannot be loaded/.test(msg));
      }
      if (!ok && bad.length < 10) bad.push(`${Buffer.from(b).toString('latin1').slice(0, 140)} -> numnode ${got ? JSON.stringify(got) : msg}; NumPy ${JSON.stringify(a)}`);
    });
    expect(bad).toEqual([]);
    expect(agreeAccept).toBeGreaterThan(200);
  }, 120_000);
});
