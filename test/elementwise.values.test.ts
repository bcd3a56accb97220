// Conformance with NumPy for every ufunc (test/fixtures/elementwise.json, from
// scripts/gen-elementwise-fixtures.py), run once per backend: every input dtype
// over contiguous, Fortran-ordered, reversed, strided-with-offset and broadcast
// views, 0-d and empty arrays; mixed dtype pairs; weak scalars.
import { describe, expect, it } from 'vitest';
import * as np from '../src/index';
import { describeBackends } from './helpers/backends';
import { loadEwFixture } from './helpers/elementwise';
import { mixedSuite, scalarsSuite, valuesSuite } from './helpers/elementwise-suite';

const fx = loadEwFixture();

describeBackends('elementwise values', () => {
  describe('every ufunc x dtype x layout', () => valuesSuite(fx));
  describe('mixed dtypes', () => mixedSuite(fx));
  describe('weak scalars', () => scalarsSuite(fx));
});

describe('kernel set [native]', () => {
  it.skipIf(process.env.NUMNODE_EW_ISA !== 'baseline' || !np.config().backend.native)('NUMNODE_EW_ISA=baseline selects the baseline kernels', () => {
    expect((np.config().build as { elementwise: { isa: string } }).elementwise.isa).toBe('baseline');
  });
  it.skipIf(process.env.NUMNODE_EW_ISA !== 'avx2' || !np.config().backend.native)('NUMNODE_EW_ISA=avx2 selects the AVX2 kernels', () => {
    expect((np.config().build as { elementwise: { isa: string } }).elementwise.isa).toBe('avx2+fma');
  });
});
