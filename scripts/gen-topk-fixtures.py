#!/usr/bin/env python3
"""Generate test/fixtures/topk.json: NumPy's answers for numnode's np.topk suite (issue 8).

np.topk(a, k) gives each row's k largest entries, best first, with one tie rule:
larger values first, NaN above every number (NumPy's sort order, which is what
np.argpartition(a, -k) selects from), -0.0 equal to +0.0, and among equal values the
smaller index first. NumPy has no top-k function; the expectation is computed with
np.lexsort over (index, -value, not-NaN), and every row whose k-th and (k+1)-th
entries are not tied is also checked here against np.argpartition(a, n - k)[n - k:]
(the same set), so the tie rule is the only thing defined beyond NumPy. Rows with
fewer than k entries end in empty slots: index -1, value -inf.

Each case: dtype, shape (rows, n), the row-major values, k, and the expected indices
and values (rows × k, row-major). Values are encoded as repr() of the float64 value
('nan', 'inf', '-inf', '-0.0' as strings; float32 values are exact in float64).
Inputs mix ties (small integers), NaN, ±0.0, ±inf and continuous draws.

Usage:
  python3 scripts/gen-topk-fixtures.py                    # test/fixtures/topk.json (seed 20260808)
  python3 scripts/gen-topk-fixtures.py --seed 7 --out /tmp/x.json --cases 40
"""

import argparse
import json
import os

import numpy as np

DEFAULT_SEED = 20260808


def enc(x):
    x = float(x)
    if x != x:
        return 'nan'
    if x == float('inf'):
        return 'inf'
    if x == float('-inf'):
        return '-inf'
    if x == 0 and np.signbit(x):
        return '-0.0'
    return x


def draw(rng, kind, dtype, shape):
    if kind == 'ties':
        a = rng.integers(-3, 4, size=shape).astype(np.float64)
    elif kind == 'special':
        a = rng.integers(-2, 3, size=shape).astype(np.float64)
        pool = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.5])
        mask = rng.random(shape) < 0.35
        a[mask] = pool[rng.integers(0, len(pool), size=int(mask.sum()))]
    else:
        a = rng.standard_normal(shape)
    return a.astype(dtype)


def expected(a, k):
    rows, n = a.shape
    idx = np.full((rows, k), -1, dtype=np.int64)
    val = np.full((rows, k), -np.inf, dtype=a.dtype)
    for r in range(rows):
        x = a[r]
        nan = np.isnan(x)
        order = np.lexsort((np.arange(n), -np.where(nan, 0, x), ~nan))
        m = min(k, n)
        idx[r, :m] = order[:m]
        val[r, :m] = x[order[:m]]
        # The same set as NumPy's argpartition wherever the boundary is not a tie.
        if 0 < k < n:
            kth, nxt = x[order[k - 1]], x[order[k]]
            tied = (np.isnan(kth) and np.isnan(nxt)) or kth == nxt
            if not tied:
                part = np.argpartition(x, n - k)[n - k:]
                assert set(part.tolist()) == set(order[:k].tolist()), (x, k)
    return idx, val


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=DEFAULT_SEED)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'topk.json'))
    ap.add_argument('--cases', type=int, default=120)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    cases = []
    fixed = [(1, 0, 3), (3, 1, 1), (2, 5, 5), (2, 5, 8), (4, 7, 0), (0, 6, 2), (3, 200, 10), (2, 1000, 25)]
    shapes = list(fixed)
    while len(shapes) < args.cases:
        rows = int(rng.integers(1, 6))
        n = int(rng.choice([2, 3, 9, 17, 33, 64, 100, 257]))
        k = int(rng.integers(0, min(n + 3, 40)))
        shapes.append((rows, n, k))
    for i, (rows, n, k) in enumerate(shapes):
        dtype = ('float32', 'float64')[i % 2]
        kind = ('ties', 'special', 'normal')[i % 3]
        a = draw(rng, kind, dtype, (rows, n))
        idx, val = expected(a, k)
        cases.append({
            'dtype': dtype, 'shape': [rows, n], 'k': k, 'kind': kind,
            'a': [enc(x) for x in a.ravel()],
            'indices': [int(x) for x in idx.ravel()],
            'values': [enc(x) for x in val.ravel()],
        })
    out = {'numpy': np.__version__, 'seed': args.seed, 'cases': cases}
    with open(args.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))


if __name__ == '__main__':
    main()
