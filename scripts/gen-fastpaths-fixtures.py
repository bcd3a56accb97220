#!/usr/bin/env python3
"""NumPy's answers for the values that decide numnode's fast int64/uint64 paths.

The TypeScript backend moves int64/uint64 data as pairs of 32-bit words instead of
BigInts (src/backend/js/copy.ts, arange in src/core/creation.ts). What can go wrong
there sits at the edges: the sign and carry between the words (around 2**31, 2**32,
negative values), the exactness limit of a double (2**53), the int64/uint64 limits
(2**63, 2**64), and rounding to float32 / float64 (ties, and the int64 values that a
detour through a double would round twice). This script records, for such values
and a seeded sample of random 64-bit patterns, NumPy's `astype` between int64/uint64
and every other dtype, and a few `arange` ranges.

Casts from a float to an integer dtype whose truncation lies outside the target's
range (or NaN/inf) are undefined behaviour in C: NumPy gives whatever the CPU gives,
with a RuntimeWarning. Those results are recorded as null here; the test checks
them against numnode's model of x86-64 (castFunction) instead.

Encoding: int64/uint64 as decimal strings, floats as repr() strings ('nan', 'inf'),
bool as true/false, other integers as numbers.

Usage:
  python3 scripts/gen-fastpaths-fixtures.py                  # writes test/fixtures/fastpaths.json
  python3 scripts/gen-fastpaths-fixtures.py --seed 7 --out -  # to stdout
"""
import argparse
import json
import math
import sys
import warnings

import numpy as np

DTYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64']
INTS = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']
FLOATS = ['float32', 'float64']


def enc(v, dtype):
    if dtype == 'bool':
        return bool(v)
    if dtype in ('int64', 'uint64'):
        return str(int(v))
    if dtype in FLOATS:
        return repr(float(v))
    return int(v)


def int64_values(rng):
    p = [2 ** k for k in (31, 32, 52, 53, 62, 63)]
    vals = {0, 1, -1, 2, -2}
    for x in p:
        for d in (-1, 0, 1):
            vals.update({x + d, -x + d})
    # float32/float64 rounding: ties and the double-rounding trap (one rounding gives 2**62 + 2**39)
    vals.update({2 ** 62 + 2 ** 38 + 1, 2 ** 62 + 2 ** 38, 2 ** 62 + 2 ** 39 + 2 ** 38, -(2 ** 62 + 2 ** 38 + 1),
                 2 ** 53 + 1, 2 ** 53 + 3, 2 ** 54 + 2, 2 ** 24 + 1, 2 ** 25 + 3, 2 ** 63 - 2 ** 10, 2 ** 63 - 2 ** 9 - 1})
    vals = {v for v in vals if -(2 ** 63) <= v < 2 ** 63}
    rnd = rng.integers(-(2 ** 63), 2 ** 63 - 1, size=120, dtype=np.int64, endpoint=True).tolist()
    small = rng.integers(-(2 ** 40), 2 ** 40, size=40, dtype=np.int64).tolist()
    return sorted(vals) + rnd + small


def uint64_values(rng):
    vals = {0, 1, 2, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 1,
            2 ** 62 + 2 ** 38 + 1, 2 ** 63 - 1, 2 ** 63, 2 ** 63 + 1, 2 ** 64 - 1, 2 ** 64 - 2, 2 ** 64 - 2 ** 11,
            2 ** 64 - 2 ** 10, 2 ** 64 - 2 ** 10 - 1, 2 ** 63 + 2 ** 39 + 2 ** 38}
    rnd = rng.integers(0, 2 ** 64 - 1, size=120, dtype=np.uint64, endpoint=True).tolist()
    return sorted(vals) + rnd


def float_values(rng, dtype):
    t = np.dtype(dtype).type
    base = [0.0, -0.0, 0.5, -0.5, 0.9999, -0.9999, 1.5, -1.5, 255.5, -128.5, 2 ** 31 - 0.5, -(2 ** 31) - 0.5,
            2 ** 32 + 0.5, 2.0 ** 52 + 0.5, 2.0 ** 53, 2.0 ** 53 + 2, -(2.0 ** 53), 2.0 ** 62, 2.0 ** 63 - 1024,
            -(2.0 ** 63), -(2.0 ** 63) - 2048, 2.0 ** 63, 2.0 ** 63 + 2048, 1.8e19, 2.0 ** 64 - 2048, 2.0 ** 64,
            1e300, -1e300, 3.4e38, float('nan'), float('inf'), float('-inf'), 5e-324]
    rnd = (rng.standard_normal(60) * np.exp2(rng.integers(0, 70, 60))).tolist()
    out = []
    for x in base + rnd:
        with np.errstate(all='ignore'):
            out.append(float(t(x)))
    return out


def undefined_float_to_int(x, to):
    if not math.isfinite(x):
        return True
    info = np.iinfo(to)
    return not (info.min <= math.trunc(x) <= info.max)


def casts(rng):
    out = []
    sources = {'int64': int64_values(rng), 'uint64': uint64_values(rng),
               'float64': float_values(rng, 'float64'), 'float32': float_values(rng, 'float32')}
    # small dtypes into int64/uint64: every value of the type's range edges
    for d in ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']:
        if d == 'bool':
            sources[d] = [False, True]
        else:
            info = np.iinfo(d)
            sources[d] = sorted({int(info.min), int(info.min) + 1, -1 if info.min < 0 else 0, 0, 1, int(info.max) - 1,
                                 int(info.max)})
    for src, values in sources.items():
        a = np.array(values, dtype=src)
        targets = DTYPES if src in ('int64', 'uint64') else ['int64', 'uint64']
        for to in targets:
            if to == src:
                continue
            with warnings.catch_warnings(), np.errstate(all='ignore'):
                warnings.simplefilter('ignore')
                r = a.astype(to)
            vals = [enc(v, to) for v in r.tolist()]
            if src in FLOATS and to in INTS:
                for i, x in enumerate(a.tolist()):
                    if undefined_float_to_int(x, to):
                        vals[i] = None
            out.append({'from': src, 'to': to, 'input': [enc(v, src) for v in values], 'values': vals})
    return out


def aranges():
    specs = [
        (0, 10, 1, 'int64'), (-5, 5, 1, 'int64'), (5, -5, -1, 'int64'), (0, 2 ** 33, 2 ** 31 - 1, 'int64'),
        (-(2 ** 32) - 3, -(2 ** 32) + 3, 1, 'int64'), (2 ** 31 - 3, 2 ** 31 + 3, 1, 'int64'),
        (2 ** 53 - 6, 2 ** 53 + 6, 1, 'int64'), (-(2 ** 53) + 6, -(2 ** 53) - 6, -1, 'int64'),
        (2 ** 63 - 5, 2 ** 63 - 1, 1, 'int64'), (-(2 ** 63), -(2 ** 63) + 4, 1, 'int64'),
        (0, 10, 3, 'uint64'), (2 ** 32 - 3, 2 ** 32 + 3, 1, 'uint64'), (2 ** 64 - 4, 2 ** 64 - 1, 1, 'uint64'),
        (2 ** 53 - 3, 2 ** 53 + 3, 1, 'uint64'), (10, 0, -3, 'uint64'),
    ]
    out = []
    for start, stop, step, dtype in specs:
        r = np.arange(start, stop, step, dtype=dtype)
        out.append({'args': [str(start), str(stop), str(step)], 'dtype': dtype,
                    'values': [enc(v, dtype) for v in r.tolist()]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=20240612)
    ap.add_argument('--out', default='test/fixtures/fastpaths.json')
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    doc = {'numpy': np.__version__, 'seed': args.seed, 'casts': casts(rng), 'arange': aranges()}
    text = json.dumps(doc, separators=(',', ':'))
    if args.out == '-':
        sys.stdout.write(text)
    else:
        with open(args.out, 'w') as f:
            f.write(text)


if __name__ == '__main__':
    main()
