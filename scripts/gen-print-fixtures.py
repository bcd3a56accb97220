#!/usr/bin/env python3
"""Generate test/fixtures/print.json: NumPy's str(a) and repr(a) for many arrays.

Each case is {dtype, shape, data, options, str, repr}:
  * data: the flat C-order values. bool -> true/false, int8..uint32 -> numbers,
    int64/uint64 -> decimal strings, float32/float64 -> repr() of the (float64)
    value, which is lossless ('nan', 'inf', '-inf', '-0.0' included); a float32
    value is stored as the repr of its exact float64 widening.
  * options: keyword arguments for np.printoptions (precision, threshold,
    edgeitems, linewidth, suppress, floatmode, sign, nanstr, infstr).

Usage:
  python3 scripts/gen-print-fixtures.py                  # writes test/fixtures/print.json
  python3 scripts/gen-print-fixtures.py --random 100 --seed 7 --out -   # random cases only, to stdout

The output is deterministic for a given seed (the committed file uses seed 20240611).
"""

import argparse
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES  # noqa: E402

INT_DTYPES = DTYPES[1:9]
FLOAT_DTYPES = ['float32', 'float64']


def encode(a):
    flat = a.ravel(order='C')
    if a.dtype == np.bool_:
        return [bool(x) for x in flat]
    if a.dtype.kind in 'iu':
        if a.dtype.itemsize == 8:
            return [str(int(x)) for x in flat]
        return [int(x) for x in flat]
    return [repr(float(x)) for x in flat]


def make_case(a, options=None):
    options = dict(options or {})
    with np.printoptions(**options):
        s = str(a)
        r = repr(a)
    return {
        'dtype': a.dtype.name,
        'shape': list(a.shape),
        'data': encode(a),
        'options': options,
        'str': s,
        'repr': r,
    }


# ---------------------------------------------------------------------------
# random data
# ---------------------------------------------------------------------------

def rand_ints(rng, dtype, n):
    info = np.iinfo(dtype)
    mode = rng.integers(0, 4)
    if mode == 0:  # small values
        lo, hi = max(info.min, -20), min(info.max, 20)
    elif mode == 1:  # full range
        lo, hi = info.min, info.max
    elif mode == 2:  # medium
        lo, hi = max(info.min, -100000), min(info.max, 100000)
    else:  # non-negative, varying width
        lo, hi = 0, min(info.max, 10 ** int(rng.integers(1, 19)))
    vals = rng.integers(lo, hi, size=n, dtype=dtype, endpoint=True)
    if n and rng.random() < 0.2:  # sprinkle extremes
        k = int(rng.integers(0, n))
        vals[k] = info.max if rng.random() < 0.5 else info.min
    return vals


SPECIALS = [0.0, -0.0, np.nan, np.inf, -np.inf, 1e-5, 1e16, 1 / 3, 0.1, 16777217.0,
            1e-300, 1e300, 5e-324, 1.5, -2.5, 100.0, 1e8, 99999999.0, 0.0001, 1e-4 * 0.999]


def rand_floats(rng, dtype, n):
    mode = int(rng.integers(0, 9))
    if mode == 0:  # uniform small
        v = rng.uniform(-1, 1, n)
    elif mode == 1:  # scaled normal
        v = rng.standard_normal(n) * 10.0 ** rng.integers(-6, 10)
    elif mode == 2:  # log-uniform magnitudes, random signs (scientific notation)
        v = 10.0 ** rng.uniform(-12, 12, n) * rng.choice([-1.0, 1.0], n)
    elif mode == 3:  # integers stored as floats
        v = rng.integers(-1000, 1000, n).astype(np.float64)
    elif mode == 4:  # rounded decimals (maxprec trims)
        v = np.round(rng.uniform(-100, 100, n), int(rng.integers(0, 5)))
    elif mode == 5:  # narrow range, positive
        v = rng.uniform(0, 1, n) * 10.0 ** rng.integers(-5, 9)
    elif mode == 6:  # mixture with specials
        v = rng.uniform(-10, 10, n)
        for i in range(n):
            if rng.random() < 0.3:
                v[i] = SPECIALS[int(rng.integers(0, len(SPECIALS)))]
    elif mode == 7:  # fractions
        v = rng.integers(-50, 50, n) / rng.integers(1, 13, n)
    else:  # tiny / huge
        v = rng.uniform(-1, 1, n) * 10.0 ** rng.choice([-200, -30, -8, 20, 40, 200])
    with np.errstate(over='ignore'):
        return np.asarray(v, dtype=np.float64).astype(dtype)


def rand_array(rng, dtype, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    if dtype == 'bool':
        vals = rng.random(n) < 0.5
    elif dtype in INT_DTYPES:
        vals = rand_ints(rng, dtype, n)
    else:
        vals = rand_floats(rng, dtype, n)
    return np.asarray(vals, dtype=dtype).reshape(shape)


def rand_shape(rng, max_size=60):
    ndim = int(rng.choice([0, 1, 1, 1, 2, 2, 3, 4]))
    while True:
        shape = tuple(int(rng.integers(1, 8 if ndim > 1 else 25)) for _ in range(ndim))
        if int(np.prod(shape)) <= max_size:
            return shape


def rand_options(rng):
    opts = {}
    if rng.random() < 0.3:
        opts['precision'] = int(rng.choice([0, 1, 2, 3, 4, 6, 10, 16]))
    if rng.random() < 0.25:
        opts['suppress'] = True
    if rng.random() < 0.3:
        opts['floatmode'] = str(rng.choice(['fixed', 'unique', 'maxprec', 'maxprec_equal']))
    if rng.random() < 0.25:
        opts['sign'] = str(rng.choice(['-', '+', ' ']))
    if rng.random() < 0.25:
        opts['linewidth'] = int(rng.choice([10, 20, 30, 50, 100, 150]))
    if rng.random() < 0.2:
        opts['threshold'] = int(rng.choice([0, 5, 10, 20, 50]))
        opts['edgeitems'] = int(rng.choice([0, 1, 2, 3, 4]))
    if rng.random() < 0.05:
        opts['nanstr'] = 'NaN'
        opts['infstr'] = 'Infinity'
    return opts


def random_case(rng):
    dtype = str(rng.choice(DTYPES + FLOAT_DTYPES * 2))
    shape = rand_shape(rng)
    return make_case(rand_array(rng, dtype, shape), rand_options(rng))


# ---------------------------------------------------------------------------
# the committed, curated set
# ---------------------------------------------------------------------------

FLOAT_LISTS = [
    [1e-5], [1e16], [1 / 3], [0.1, 0.2, 0.3], [1.0, 2.0, 3.0], [-0.0], [0.0, -0.0],
    [np.nan], [np.inf], [-np.inf], [np.nan, np.inf, -np.inf], [1.5, np.nan, -np.inf],
    [1e20, np.nan, -np.inf], [1e-5, 1.0], [1.0, 1000.0], [1.0, 1001.0], [1e-4, 2e-4],
    [0.0001, 1.0], [99999999.0, 1.0], [1e8, 1.0], [1e7, 1.5], [1e6, 1.0], [999999.94, 1.0],
    [123456.7], [1234567.0], [16777217.0], [0.1, 16777217.0, 1 / 3], [1e-300, 1e300],
    [5e-324], [1.7976931348623157e308, -1.7976931348623157e308], [2.2250738585072014e-308],
    [1e15], [1e23], [9007199254740993.0], [0.5, 0.25, 0.125, 0.0625], [-1.5, 2.25, -3.125],
    [1e-10, 1.0, 1e10], [3.14159265358979, 2.718281828459045], [100.0, -200.0, 300.5],
    [1.23456789012345e-7, 1.0], [0.0, 0.0, 0.0], [-1.0, -2.0], [1e-100, -1e-100],
    [0.3333333333333333, 0.6666666666666666, 1.0], [1e4, 1e5, 1e6, 1e7],
    [12345678.9, 0.1], [2.5e-5, 3.5e-3, 4.5e2], [np.nan, 0.0], [np.inf, 1e-8],
    [-0.0, 1.0, -1.0, np.nan], [1.0000001, 1.0], [0.1 + 0.2], [1.1, 2.2, 3.3000000000000003],
    [65504.0, -65504.0], [3.4028234663852886e38, 1.1754943508222875e-38],
    [1.401298464324817e-45], [0.1 * 3, 1e-9, 7.0], [-123.456, 0.001, 45.6],
]

INT_EXTREMES = {
    'int8': [-128, 127, 0, -1], 'uint8': [0, 255, 1], 'int16': [-32768, 32767, 5],
    'uint16': [0, 65535], 'int32': [-2147483648, 2147483647, 0],
    'uint32': [0, 4294967295, 17], 'int64': [-(2 ** 63), 2 ** 63 - 1, 0, -1],
    'uint64': [0, 2 ** 64 - 1, 2 ** 63], 'bool': [True, False, True],
}

SHAPES = [(), (0,), (2, 0), (0, 3, 1), (1,), (5,), (3, 4), (2, 3, 4), (2, 2, 2, 3), (1, 1, 1), (4, 1)]


def curated_cases(rng):
    cases = []
    # every dtype x every shape, random values
    for dtype in DTYPES:
        for shape in SHAPES:
            cases.append(make_case(rand_array(rng, dtype, shape)))
    # float stress lists, both float types, 1-d and as a column / 0-d
    for lst in FLOAT_LISTS:
        for dtype in FLOAT_DTYPES:
            with np.errstate(over='ignore'):
                a = np.array(lst, dtype=np.float64).astype(dtype)
            cases.append(make_case(a))
            if len(lst) == 1:
                cases.append(make_case(a.reshape(())))
    for dtype in FLOAT_DTYPES:
        for v in SPECIALS:
            with np.errstate(over='ignore'):
                cases.append(make_case(np.array(v).astype(dtype)))
    # integer extremes
    for dtype, vals in INT_EXTREMES.items():
        a = np.array(vals, dtype=dtype)
        cases.append(make_case(a))
        cases.append(make_case(a[:1].reshape(())))
        cases.append(make_case(a.reshape(len(vals), 1)))
        cases.append(make_case(a, {'sign': '+'}))
        cases.append(make_case(a, {'sign': ' '}))
    # summarised arrays
    for dtype in DTYPES:
        n = 1001 + int(rng.integers(0, 500))
        if dtype == 'bool':
            a = rng.random(n) < 0.5
        elif dtype in FLOAT_DTYPES:
            a = np.arange(n, dtype=dtype) / 7
        else:
            a = np.arange(n).astype(dtype)
        cases.append(make_case(a))
        cases.append(make_case(rand_array(rng, dtype, (40, 30))))
        cases.append(make_case(rand_array(rng, dtype, (12, 10, 11))))
    for dtype in ['int64', 'float64', 'float32', 'uint8', 'bool']:
        a = rand_array(rng, dtype, (4, 5, 6))
        for threshold, edgeitems in [(10, 1), (10, 2), (50, 3), (5, 0), (100, 5), (0, 3), (119, 2), (120, 2)]:
            cases.append(make_case(a, {'threshold': threshold, 'edgeitems': edgeitems}))
        cases.append(make_case(a.reshape(120), {'threshold': 20, 'edgeitems': 4}))
        cases.append(make_case(a[0, 0, :1].reshape(()), {'threshold': 0}))
    cases.append(make_case(np.arange(2000, dtype=np.float64) * 1e-7))
    cases.append(make_case(np.linspace(0, 10, 10), {'precision': 2, 'suppress': True, 'threshold': 5}))
    # line wrapping
    for dtype in ['int64', 'float64', 'float32', 'bool', 'int8', 'uint64']:
        a = rand_array(rng, dtype, (60,))
        for lw in [10, 20, 40, 75, 100, 200]:
            cases.append(make_case(a, {'linewidth': lw}))
        b = rand_array(rng, dtype, (3, 30))
        for lw in [30, 75]:
            cases.append(make_case(b, {'linewidth': lw}))
        cases.append(make_case(rand_array(rng, dtype, (2, 2, 25)), {'linewidth': 50}))
    cases.append(make_case(np.arange(1500, dtype=np.int64), {'linewidth': 30}))
    cases.append(make_case(np.array([1e-10, 2.0] * 20), {'linewidth': 60}))
    # repr extras wrapping onto a new line
    for n in range(14, 20):
        cases.append(make_case(np.arange(n, dtype=np.int16)))
        cases.append(make_case(np.arange(n, dtype=np.float32) + 0.5))
    # non-default options
    option_sets = [
        {'precision': 3}, {'precision': 0}, {'precision': 1}, {'precision': 12},
        {'suppress': True}, {'suppress': True, 'precision': 3},
        {'sign': '+'}, {'sign': ' '},
        {'floatmode': 'fixed'}, {'floatmode': 'fixed', 'precision': 3},
        {'floatmode': 'unique'}, {'floatmode': 'maxprec_equal'},
        {'floatmode': 'maxprec_equal', 'precision': 4}, {'floatmode': 'unique', 'sign': '+'},
        {'nanstr': 'NaN', 'infstr': 'Inf'}, {'nanstr': 'not-a-number', 'infstr': 'infinity'},
    ]
    stress = [
        [1e-5, 1.0, np.nan], [1 / 3, 2 / 3, -1.0], [1e16, -1.5, np.inf], [0.1, 0.25, 100.0],
        [1e-9, 1.0, 2.0], [-0.0, 0.5, -np.inf], [123.456, 0.001, 1e-7],
    ]
    for opts in option_sets:
        for lst in stress:
            for dtype in FLOAT_DTYPES:
                cases.append(make_case(np.array(lst).astype(dtype), opts))
        cases.append(make_case(rand_array(rng, 'float64', (3, 4)), opts))
        cases.append(make_case(np.array([-3, 0, 7], dtype=np.int32), opts))
        cases.append(make_case(np.array(2.5), opts))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', type=int, default=20240611)
    ap.add_argument('--random', type=int, default=None,
                    help='emit only this many random cases (for live tests)')
    ap.add_argument('--out', default=None, help="output path, or '-' for stdout")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    if args.random is not None:
        cases = [random_case(rng) for _ in range(args.random)]
    else:
        cases = curated_cases(rng)
        cases += [random_case(rng) for _ in range(150)]

    # one case per line keeps the file compact and its diffs readable
    head = json.dumps({'numpy': np.__version__, 'seed': args.seed})[:-1]
    text = (head + ', "cases": [\n'
            + ',\n'.join(json.dumps(c, ensure_ascii=False) for c in cases)
            + '\n]}\n')
    out = args.out
    if out is None:
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'print.json')
    if out == '-':
        sys.stdout.write(text)
    else:
        with open(out, 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'wrote {len(cases)} cases to {os.path.normpath(out)}', file=sys.stderr)


if __name__ == '__main__':
    main()
