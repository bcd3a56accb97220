#!/usr/bin/env python3
"""Reference values for the accuracy of numnode's transcendental ufuncs.

For every transcendental ufunc and for float64 and float32: random finite inputs
over the function's interesting domain, and the exact result computed by mpmath
at 160 bits, stored as a double-double (hi + lo, |lo| <= ulp(hi)/2) so that the
error of a float64 result can be measured in fractions of an ulp. NumPy's own
result for the same inputs is stored too, so its error can be reported alongside.

Output: JSON {generator, mpmath_version, numpy_version, seed, n, funcs: [{op, np,
dtype, nin, x (base64 float64 LE), y (binary only), hi, lo, numpy}]}. Inputs and
NumPy results are float64 arrays (float32 values widened exactly).

Used by test/elementwise.accuracy.test.ts (committed, small n: the test asserts
<= 1 ulp on both backends) and by scripts/elementwise-accuracy.mjs and
scripts/vecmath-probe.cc (large n: the figures in the README).

Usage: python3 scripts/gen-elementwise-accuracy.py [--n 400] [--seed 1] [--out test/fixtures/elementwise-accuracy.json]
"""

import argparse
import base64
import json
import os
import tempfile
import warnings

import mpmath
import numpy as np

mp = mpmath.mp
mp.prec = 160

# op, NumPy name, arity, mpmath function, domain sampler name
FUNCS = [
    ('exp', 'exp', 1, mpmath.exp), ('exp2', 'exp2', 1, lambda x: mpmath.power(2, x)),
    ('expm1', 'expm1', 1, mpmath.expm1), ('log', 'log', 1, mpmath.log),
    ('log2', 'log2', 1, lambda x: mpmath.log(x, 2)), ('log10', 'log10', 1, mpmath.log10),
    ('log1p', 'log1p', 1, mpmath.log1p), ('sin', 'sin', 1, mpmath.sin), ('cos', 'cos', 1, mpmath.cos),
    ('tan', 'tan', 1, mpmath.tan), ('arcsin', 'arcsin', 1, mpmath.asin), ('arccos', 'arccos', 1, mpmath.acos),
    ('arctan', 'arctan', 1, mpmath.atan), ('sinh', 'sinh', 1, mpmath.sinh), ('cosh', 'cosh', 1, mpmath.cosh),
    ('tanh', 'tanh', 1, mpmath.tanh),
    ('cbrt', 'cbrt', 1, lambda x: mpmath.cbrt(x) if x >= 0 else -mpmath.cbrt(-x)),  # the real root
    ('arctan2', 'arctan2', 2, mpmath.atan2), ('hypot', 'hypot', 2, mpmath.hypot),
    ('power', 'power', 2, mpmath.power),
]


def sample(op, dtype, n, rng):
    """Inputs (x, y) as float64 arrays holding values of `dtype`, results finite and normal."""
    big = 700.0 if dtype == 'float64' else 88.0
    def u(lo, hi, k=n):
        return rng.uniform(lo, hi, k)

    def logu(lo, hi, k=n):
        return np.exp(rng.uniform(np.log(lo), np.log(hi), k))

    def sgn(v):
        return v * rng.choice([-1.0, 1.0], len(v))
    q = n // 4
    y = None
    if op == 'exp':
        x = np.concatenate([u(-big, big, n - q), sgn(logu(1e-12, 1.0, q))])
    elif op == 'exp2':
        x = np.concatenate([u(-1.44 * big, 1.44 * big, n - q), sgn(logu(1e-12, 1.0, q))])
    elif op == 'expm1':
        x = np.concatenate([u(-30, big, n - q), sgn(logu(1e-12, 1.0, q))])
    elif op in ('log', 'log2', 'log10'):
        hi = 1e300 if dtype == 'float64' else 1e37
        x = np.concatenate([logu(1e-300 if dtype == 'float64' else 1e-37, hi, n - q), u(0.5, 2.0, q)])
    elif op == 'log1p':
        x = np.concatenate([logu(1e-12, 1e30, n // 2), -logu(1e-12, 0.999, n - n // 2)])
    elif op in ('sin', 'cos', 'tan'):
        x = np.concatenate([u(-10, 10, n - q), sgn(logu(1e-6, 1e6 if dtype == 'float64' else 1e4, q))])
    elif op in ('arcsin', 'arccos'):
        x = np.concatenate([u(-1, 1, n - q), sgn(logu(1e-10, 1.0, q))])
    elif op == 'arctan':
        x = sgn(logu(1e-10, 1e10, n))
    elif op in ('sinh', 'cosh'):
        x = np.concatenate([u(-big, big, n - q), sgn(logu(1e-10, 1.0, q))])
    elif op == 'tanh':
        x = np.concatenate([u(-20, 20, n - q), sgn(logu(1e-10, 1.0, q))])
    elif op == 'cbrt':
        x = sgn(logu(1e-300 if dtype == 'float64' else 1e-37, 1e300 if dtype == 'float64' else 1e37, n))
    elif op == 'arctan2':
        x = sgn(logu(1e-10, 1e10, n))
        y = sgn(logu(1e-10, 1e10, n))
    elif op == 'hypot':
        x = sgn(logu(1e-100 if dtype == 'float64' else 1e-15, 1e100 if dtype == 'float64' else 1e15, n))
        y = x * sgn(logu(1e-3, 1e3, n))
    elif op == 'power':
        x = logu(1e-3, 1e3, n)
        y = u(-40, 40, n) if dtype == 'float64' else u(-12, 12, n)
    else:
        raise ValueError(op)
    x = x.astype(dtype).astype('float64')
    if y is not None:
        y = y.astype(dtype).astype('float64')
    return x, y


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype='<f8').tobytes()).decode('ascii')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=400)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'elementwise-accuracy.json'))
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    funcs = []
    for op, npname, nin, f in FUNCS:
        for dtype in ('float64', 'float32'):
            x, y = sample(op, dtype, args.n, rng)
            hi = np.empty(args.n)
            lo = np.empty(args.n)
            keep = np.ones(args.n, dtype=bool)
            for i in range(args.n):
                v = f(mpmath.mpf(x[i])) if y is None else f(mpmath.mpf(x[i]), mpmath.mpf(y[i]))
                h = float(v)
                if not np.isfinite(h) or (h != 0 and abs(h) < (2.2250738585072014e-308 if dtype == 'float64' else 1.1754943508222875e-38)) \
                        or (dtype == 'float32' and abs(h) > 3.4028234663852886e38):
                    keep[i] = False  # overflow or subnormal results: not an accuracy question
                    hi[i] = lo[i] = 0.0
                    continue
                hi[i] = h
                lo[i] = float(v - mpmath.mpf(h))
            x, hi, lo = x[keep], hi[keep], lo[keep]
            if y is not None:
                y = y[keep]
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                u = getattr(np, npname)
                xs = x.astype(dtype)
                r = u(xs) if y is None else u(xs, y.astype(dtype))
            rec = {'op': op, 'np': npname, 'dtype': dtype, 'nin': nin, 'n': int(len(x)),
                   'x': b64(x), 'hi': b64(hi), 'lo': b64(lo), 'numpy': b64(r.astype('float64'))}
            if y is not None:
                rec['y'] = b64(y)
            funcs.append(rec)
    doc = {'generator': 'scripts/gen-elementwise-accuracy.py', 'mpmath_version': mpmath.__version__,
           'numpy_version': np.__version__, 'seed': args.seed, 'n': args.n, 'funcs': funcs}
    target = os.path.abspath(args.out)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix='.ew-acc-', suffix='.json')
    with os.fdopen(fd, 'w') as fh:
        json.dump(doc, fh, separators=(',', ':'))
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


if __name__ == '__main__':
    main()
