#!/usr/bin/env python3
"""Generate test/fixtures/reduce.json: NumPy's answers for numnode's reduction suite.

Every expectation comes from the running NumPy. What is recorded:

  * grid:      for every dtype x shape (0-d to 4-d, with empty axes) x reduction
               (sum prod mean std var min max argmin argmax all any nansum nanmean
               nanmin nanmax) x axis (none, every subset of the axes, and the empty
               list), and for cumsum / cumprod / diff along every axis (and none for
               the scans): the result's dtype, shape and values, or NumPy's error.
               The input is not stored: its values come from a formula that
               test/helpers/reduce.ts evaluates too (see `values` below), so the
               test can lay the same logical array out in every view layout.
  * broadcast: the same for inputs that are broadcast views (zero strides).
  * special:   NaN, +-inf, signed zeros, and 64-bit integers beyond 2^53 and near
               the limits (wrap-around), as explicit arrays.
  * dtypes:    the `dtype=` option of sum/prod/mean/var/std/nansum/nanmean/cumsum/
               cumprod, into every dtype, as explicit arrays.
  * errors:    NumPy's exception type and message for named bad calls.
  * warnings:  NumPy's RuntimeWarning text for named calls.
  * accuracy:  float sums and means of hashed data spread over 24 binades, with
               NumPy's result, the exactly rounded value (math.fsum) and the sum of
               magnitudes (for error bounds); and the 1e7 float32 sums of the issue.

Values: the element at C-order position i of a grid input is, with
k = (37 * i + 11 + 13 * salt) % 19:  bool k % 3 != 0; signed k - 9; unsigned k;
float (k - 9) / 2. Halves of small integers: every float sum of the grid is exact
in any order, so sums, means and scans compare bit for bit with NumPy's; prod,
var and std compare with a tolerance.

Value encoding (as gen-core-fixtures.py): bool -> true/false; int8..uint32 ->
numbers; int64/uint64 -> decimal strings; floats -> repr() of the float64 value.

Usage:
  python3 scripts/gen-reduce-fixtures.py                  # writes test/fixtures/reduce.json
  python3 scripts/gen-reduce-fixtures.py --seed 7 --quick --out /tmp/r.json
The --seed changes the salt of the value formula and the order of the random
data; --quick keeps the grid small (for the live differential test).
"""

import argparse
import itertools
import json
import math
import os
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES, INT_DTYPES, enc_scalar, enc_values  # noqa: E402

DEFAULT_SEED = 0
FLOAT_DTYPES = ['float32', 'float64']
REDUCTIONS = ['sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'argmin', 'argmax',
              'all', 'any', 'nansum', 'nanmean', 'nanmin', 'nanmax']
SCANS = ['cumsum', 'cumprod', 'diff']
SHAPES = [(), (0,), (1,), (7,), (300,), (3, 4), (0, 3), (5, 0), (17, 9), (2, 150), (150, 9),
          (2, 3, 4), (2, 0, 3), (2, 3, 2, 3), (1, 2, 1, 3)]
# Scans return whole arrays: only the smaller shapes.
SCAN_MAX_SIZE = 400
QUICK_SHAPES = [(), (0,), (5,), (3, 4), (2, 0, 3), (2, 3, 2, 3)]
BROADCASTS = [((1, 4), (3, 4)), ((3, 1), (3, 5)), ((4,), (2, 3, 4)), ((), (6,)), ((2, 1, 3), (2, 20, 3))]


# ---------------------------------------------------------------------------
# encoding


def enc_result(r):
    r = np.asarray(r)
    return {'dtype': r.dtype.name, 'shape': list(r.shape), 'values': enc_values(r)}


def err(e):
    return {'type': type(e).__name__, 'msg': str(e)}


def values(dtype, n, salt):
    """The grid formula (mirrored by test/helpers/reduce.ts)."""
    k = (37 * np.arange(n, dtype=np.int64) + 11 + 13 * salt) % 19
    if dtype == 'bool':
        return k % 3 != 0
    if dtype in ('int8', 'int16', 'int32', 'int64'):
        return (k - 9).astype(dtype)
    if dtype in INT_DTYPES:
        return k.astype(dtype)
    return ((k - 9) / 2).astype(dtype)


def grid_array(dtype, shape, salt):
    n = int(np.prod(shape, dtype=np.int64))
    return values(dtype, n, salt).reshape(shape)


# ---------------------------------------------------------------------------
# calls

def call(fn, a, axis, **kw):
    """NumPy's answer, or its error; warnings are recorded separately."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            if fn == 'diff':
                r = np.diff(a, axis=axis, **kw)
            elif fn in ('cumsum', 'cumprod'):
                r = getattr(np, fn)(a, axis=axis, **kw)
            else:
                r = getattr(np, fn)(a, axis=None if axis is None else tuple(axis) if isinstance(axis, list) else axis, **kw)
            return {'result': enc_result(r)}
        except Exception as e:  # noqa: BLE001 - NumPy's error is the expectation
            return {'error': err(e)}


def axis_choices(ndim, size):
    # axis=[] reduces nothing (a copy in the result dtype): only small arrays.
    out = [None] + ([[]] if size <= 60 else [])
    if ndim == 0:
        out += [0, -1]  # ufunc.reduce accepts these integer axes on a 0-d array
    for r in range(1, ndim + 1):
        out += [list(c) for c in itertools.combinations(range(ndim), r)]
    return out


def grid_cases(a, dtype, shape, fns=REDUCTIONS, scans=SCANS):
    cases = []
    for fn in fns:
        for ax in axis_choices(len(shape), a.size):
            if fn in ('argmin', 'argmax') and isinstance(ax, list):
                if len(ax) != 1:
                    continue
                ax = ax[0]
            c = {'fn': fn, 'axis': ax}
            c.update(call(fn, a, ax))
            cases.append(c)
        if fn in ('std', 'var') and len(shape) >= 1:
            for ddof in (1, 2.5):
                c = {'fn': fn, 'axis': None, 'ddof': ddof}
                c.update(call(fn, a, None, ddof=ddof))
                cases.append(c)
    for fn in scans if a.size <= SCAN_MAX_SIZE else []:
        axes = list(range(len(shape))) + ([None] if fn != 'diff' else []) + ([0, -1] if len(shape) == 0 else [])
        for ax in axes:
            c = {'fn': fn, 'axis': ax}
            c.update(call(fn, a, ax))
            cases.append(c)
        if fn == 'diff' and len(shape) >= 1:
            c = {'fn': fn, 'axis': -1, 'n': 2}
            c.update(call(fn, a, -1, n=2))
            cases.append(c)
    return cases


def grid(salt, shapes):
    out = []
    for dtype in DTYPES:
        for shape in shapes:
            a = grid_array(dtype, shape, salt)
            out.append({'dtype': dtype, 'shape': list(shape), 'cases': grid_cases(a, dtype, shape)})
    return out


def broadcast(salt):
    out = []
    for dtype in DTYPES:
        for src, shape in BROADCASTS:
            a = np.broadcast_to(grid_array(dtype, src, salt), shape)
            out.append({'dtype': dtype, 'src': list(src), 'shape': list(shape),
                        'cases': grid_cases(a, dtype, shape, scans=['cumsum', 'diff'])})
    return out


# ---------------------------------------------------------------------------
# explicit arrays

def explicit(a):
    return {'dtype': a.dtype.name, 'shape': list(a.shape), 'data': enc_values(a)}


def special():
    nan, inf = float('nan'), float('inf')
    arrays = []
    for d in FLOAT_DTYPES:
        arrays.append(np.array([nan, 1.5, -2.0, nan], dtype=d))
        arrays.append(np.array([inf, -inf, 1.0], dtype=d))
        arrays.append(np.array([-0.0, -0.0], dtype=d))
        arrays.append(np.array([[1.5, nan, 3.0, 2.0], [nan, nan, nan, nan], [inf, -inf, 0.0, 5.0],
                                [-0.0, 0.0, 5.0, -1.0], [2.0, 2.0, -3.0, inf]], dtype=d))
    # (float32 partial sums that overflow: numnode sums float32 in float64, so
    # sum([3e38, 3e38, -3e38]) is 3e38 where NumPy's is inf; test/reduce.test.ts
    # checks that documented difference on its own.)
    big = 2 ** 62
    arrays.append(np.array([big, big, big, 1], dtype='int64'))
    # Conversions to float64 round (2^53 + 1, 2^55 + 3) but every float sum of these is exact.
    arrays.append(np.array([-2 ** 63, 2 ** 62, 2 ** 53 + 1, 2 ** 55 + 3], dtype='int64'))
    arrays.append(np.array([2 ** 63 - 1, -2 ** 63, 2 ** 62, -2 ** 62 + 1], dtype='int64'))
    arrays.append(np.array([[2 ** 64 - 1, 2], [2 ** 63, 2 ** 63], [3, 2 ** 53 + 1]], dtype='uint64'))
    arrays.append(np.array([2 ** 31 - 1, 2 ** 31 - 1, -2 ** 31], dtype='int32'))
    arrays.append(np.array([4294967295, 4294967295, 7], dtype='uint32'))
    arrays.append(np.array([[True, False, True], [False, False, False]], dtype='bool'))
    out = []
    for a in arrays:
        cases = grid_cases(a, a.dtype.name, a.shape)
        out.append({'input': explicit(a), 'cases': cases})
    return out


def dtype_cases():
    inputs = [
        np.array([[100, -100, 27], [5, 120, -3]], dtype='int8'),
        np.array([[250, 7, 0], [3, 200, 1]], dtype='uint8'),
        np.array([[1.75, -2.5, 3.25], [300.5, -0.25, 4.0]], dtype='float64'),
        np.array([[1.5, float('nan'), -2.75], [0.5, 1e18, 1e18]], dtype='float32'),
        np.array([[True, False], [True, True]], dtype='bool'),
        np.array([[2 ** 62, 3], [2 ** 62, -1]], dtype='int64'),
    ]
    fns = ['sum', 'prod', 'mean', 'var', 'std', 'nansum', 'nanmean', 'cumsum', 'cumprod']
    out = []
    for a in inputs:
        cases = []
        for fn in fns:
            for dt in DTYPES:
                if a.dtype.kind == 'f' and dt in INT_DTYPES and not float_to_int_defined(a, dt, fn):
                    continue
                for ax in (None, 0):
                    c = {'fn': fn, 'axis': ax, 'dtype': dt}
                    c.update(call(fn, a, ax, dtype=dt))
                    cases.append(c)
        out.append({'input': explicit(a), 'cases': cases})
    return out


def float_to_int_defined(a, dt, fn):
    """Whether NumPy's float -> integer casts on the way are defined behaviour in C:
    finite values inside the target's range. var/std with an integer dtype square
    the deviations from a truncated mean, which leave any small integer range."""
    if fn in ('var', 'std'):
        return False
    info = np.iinfo(dt)
    v = a.astype(np.float64)
    return bool(np.all(np.isfinite(v)) and np.all(v > info.min - 1) and np.all(v < info.max + 1))


# ---------------------------------------------------------------------------
# errors and warnings: named calls the test maps onto numnode calls

def error_cases():
    x = np.ones((2, 3))
    x3 = np.ones((2, 3, 4))
    e0 = np.zeros((0, 3))
    cases = {
        'sum axis=2': lambda: np.sum(x, axis=2),
        'sum axis=-3': lambda: np.sum(x, axis=-3),
        'sum axis=[0,2]': lambda: np.sum(x, axis=(0, 2)),
        'sum axis=[0,0]': lambda: np.sum(x, axis=(0, 0)),
        'sum axis=[1,-1]': lambda: np.sum(x, axis=(1, -1)),
        'sum 0-d axis=0': lambda: np.sum(np.array(5.0), axis=0),
        'min empty': lambda: np.min(np.zeros(0)),
        'max empty axis=0': lambda: np.max(e0, axis=0),
        'argmax empty': lambda: np.argmax(np.zeros(0)),
        'argmin empty axis=0': lambda: np.argmin(e0, axis=0),
        'nanmin empty': lambda: np.nanmin(np.zeros(0)),
        'nanmax empty int': lambda: np.nanmax(np.zeros(0, dtype='int32')),
        'out ndim': lambda: np.sum(x, axis=1, out=np.zeros((2, 1))),
        'out ndim keepdims': lambda: np.sum(x, axis=1, keepdims=True, out=np.zeros(2)),
        'out ndim scalar': lambda: np.sum(x, out=np.zeros(1)),
        'out shape broadcast': lambda: np.sum(x3, axis=1, out=np.zeros((2, 5))),
        'out shape broadcast leading': lambda: np.sum(x3, axis=0, out=np.zeros((2, 4))),
        'out shape two axes': lambda: np.sum(x3, axis=(0, 2), out=np.zeros(2)),
        'out shape one': lambda: np.sum(x3, axis=0, out=np.zeros((1, 4))),
        'out shape one inner': lambda: np.sum(x3, axis=0, out=np.zeros((3, 1))),
        'out keepdims reduced axis': lambda: np.sum(x3, axis=2, keepdims=True, out=np.zeros((2, 3, 4))),
        'out readonly': lambda: np.sum(x3, axis=1, out=np.broadcast_to(np.zeros(4), (2, 4))),
        'argmax out shape': lambda: np.argmax(x3, axis=0, out=np.zeros((2, 4), dtype=np.int64)),
        'argmax out float': lambda: np.argmax(x, axis=1, out=np.zeros(2)),
        'argmax axis list': lambda: np.argmax(x, axis=(0, 1)),
        'cumsum out size': lambda: np.cumsum(x, out=np.zeros(5)),
        'cumsum out shape': lambda: np.cumsum(x, axis=0, out=np.zeros((3, 2))),
        'cumsum axis=2': lambda: np.cumsum(x, axis=2),
        'cumsum axis list': lambda: np.cumsum(x, axis=(0, 1)),
        'diff 0-d': lambda: np.diff(np.array(5)),
        'diff n=-1': lambda: np.diff(np.arange(5), n=-1),
        'diff axis=3': lambda: np.diff(np.arange(5), axis=3),
        'var bool dtype bool': lambda: np.var(np.array([True, False]), dtype=bool),
    }
    out = {}
    for name, f in cases.items():
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                r = f()
                out[name] = {'result': enc_result(r)}
            except Exception as e:  # noqa: BLE001
                out[name] = {'error': err(e)}
    return out


def warning_cases():
    nan = float('nan')
    cases = {
        'mean empty': lambda: np.mean(np.zeros(0)),
        'mean empty axis': lambda: np.mean(np.zeros((3, 0)), axis=1),
        'var ddof': lambda: np.var(np.ones(3), ddof=3),
        'std empty': lambda: np.std(np.zeros(0)),
        'nanmean all nan': lambda: np.nanmean(np.array([[nan, nan], [1.0, nan]]), axis=1),
        'nanmax all nan': lambda: np.nanmax(np.array([[nan, 1.0], [nan, 2.0]]), axis=0),
        'nanmin all nan': lambda: np.nanmin(np.array([nan, nan])),
        'sum fine': lambda: np.sum(np.ones(3)),
    }
    out = {}
    for name, f in cases.items():
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            r = f()
        msgs = sorted({str(x.message) for x in w if issubclass(x.category, RuntimeWarning)
                       and 'invalid value' not in str(x.message) and 'divide by zero' not in str(x.message)})
        out[name] = {'result': enc_result(r), 'warnings': msgs}
    return out


# ---------------------------------------------------------------------------
# accuracy

def hash32(n, mult, xor=0):
    """(i ^ xor) * mult mod 2^32 for i < n (mirrored in JS with Math.imul)."""
    i = np.arange(n, dtype=np.uint64) ^ np.uint64(xor)
    return (i * np.uint64(mult)) % np.uint64(2 ** 32)


def hashed_float32(n):
    """Float32 values in [0, 1) from a multiplicative hash of the index (mirrored in JS)."""
    return (hash32(n, 2654435761).astype(np.float64) / 2.0 ** 32).astype(np.float32)


def spread(n, dtype, seed):
    """Values of both signs over 24 binades: (h1 / 2^32 - 0.5) * 2^(h2 % 24 - 12), exact in float64
    before the cast to dtype (mirrored in JS)."""
    h1 = hash32(n, 2654435761, seed).astype(np.float64)
    h2 = hash32(n, 0x27D4EB2D, 0x5BD1E995 ^ seed).astype(np.int64)
    return ((h1 / 2.0 ** 32 - 0.5) * np.exp2((h2 % 24 - 12).astype(np.float64))).astype(dtype)


def accuracy(seed, quick):
    out = []
    specs = [((1000,), None), ((4097,), None), ((100003,), None), ((500, 300), 0), ((500, 300), 1), ((300, 500), 0)]
    if quick:
        specs = specs[:2] + specs[3:4]
    for dtype in FLOAT_DTYPES:
        for shape, axis in specs:
            # Values spread over many binades, of both signs: rounding errors matter.
            a = spread(int(np.prod(shape)), dtype, seed).reshape(shape)
            for fn in ('sum', 'mean'):
                r = getattr(np, fn)(a, axis=axis)
                ref = exact_reduce(a, axis, fn)
                mag = exact_reduce(np.abs(a), axis, 'sum')
                out.append({'dtype': dtype, 'shape': list(shape), 'axis': axis, 'fn': fn,
                            'numpy': enc_values(np.asarray(r)), 'exact': [repr(v) for v in ref],
                            'abssum': [repr(v) for v in mag]})
    n = 10 ** 7
    big = {'n': n}
    # uniform [0, 1) (hashed_float32) and both signs over 24 binades (spread, seed 0)
    for name, x in (('uniform', hashed_float32(n)), ('spread', spread(n, 'float32', 0))):
        big[name] = {
            'numpy_float32': repr(float(np.sum(x))),
            'numpy_float64_accumulator': repr(float(np.sum(x, dtype=np.float64))),
            'exact': repr(math.fsum(x.astype(np.float64).tolist())),
        }
    return out, big


def exact_reduce(a, axis, fn):
    a64 = a.astype(np.float64)
    if axis is None:
        lines = [a64.ravel()]
    else:
        lines = list(np.moveaxis(a64, axis, -1).reshape(-1, a.shape[axis]))
    res = []
    for line in lines:
        s = math.fsum(line.tolist())
        res.append(s / len(line) if fn == 'mean' else s)
    return res


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=DEFAULT_SEED)
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'reduce.json'))
    args = ap.parse_args()
    salt = args.seed % 19
    acc, big = accuracy(args.seed, args.quick)
    doc = {
        'generator': 'scripts/gen-reduce-fixtures.py',
        'numpy_version': np.__version__,
        'seed': args.seed,
        'salt': salt,
        'quick': args.quick,
        'grid': grid(salt, QUICK_SHAPES if args.quick else SHAPES),
        'broadcast': [] if args.quick else broadcast(salt),
        'special': special(),
        'dtypes': [] if args.quick else dtype_cases(),
        'errors': error_cases(),
        'warnings': warning_cases(),
        'accuracy': acc,
        'float32_1e7': big,
    }
    text = json.dumps(doc, separators=(',', ':'))
    if args.out == '-':
        sys.stdout.write(text)
        return
    d = os.path.dirname(os.path.abspath(args.out))
    fd, tmp = tempfile.mkstemp(dir=d, prefix='.reduce-', suffix='.json')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.replace(tmp, args.out)


if __name__ == '__main__':
    main()
