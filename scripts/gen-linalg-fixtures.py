#!/usr/bin/env python3
"""Generate test/fixtures/linalg.json: NumPy's and SciPy's answers for numnode's
linear-algebra suite (matmul, dot, vdot, inner, outer, tensordot, trace, diag,
diagonal, linalg.norm, isclose, allclose, array_equal), the einsum corpus
(einsum and einsum_path) and the distance functions (cdist, pdist, squareform).

Every expectation comes from the running NumPy / SciPy, never from memory.

Format. `bases` holds named base arrays; a case's arguments reference them through
views (`{"$view": {"base": name, "steps": [...]}}`, replayed by
test/helpers/layouts.ts applySteps) so that transposed, sliced, negative-stride,
zero-stride (broadcast) and offset layouts, and two operands sharing memory (A and
A.T), are exercised exactly as built here. Other tags: {"$array": {dtype, shape,
data}} (a fresh array), {"$big": "digits"} (a bigint), {"$num": "inf" | "-inf" |
"nan"} (a float JSON cannot hold). A case is
  {"group", "fn", "args", "opts", "result" | "error", "tol"}
with `fn` numnode's name, `opts` numnode's (camelCase) options, `result` either
{"dtype", "shape", "data"} for an array or {"scalar": true, "dtype", "data": [v]}
for a NumPy scalar, and `tol` the relative tolerance for float results (0: exact;
integer-valued data make most float cases exact whatever the summation order).
Errors are {"type", "msg"} of the exception NumPy/SciPy raised.

Value encoding (as scripts/gen-core-fixtures.py): bool -> true/false, int8..uint32
-> numbers, int64/uint64 -> decimal strings, floats -> repr() of the float64 value.

The einsum corpus (>= 200 expressions) is every expression of NumPy's own
numpy/_core/tests/test_einsum.py that applies to real dtypes, with that file's
operand shapes, plus generated expressions (repeated labels, ellipses, broadcasting,
1-4 operands); each runs with optimize False and 'greedy' (and 'optimal' for the
multi-operand ones). Paths and printed reports of einsum_path are recorded for the
expressions without an ellipsis (NumPy's letters for ellipsis dimensions depend on
Python's set order).

Usage:
  python3 scripts/gen-linalg-fixtures.py                  # writes test/fixtures/linalg.json (seed 5)
  python3 scripts/gen-linalg-fixtures.py --seed 7 --out /tmp/x.json
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
from fixture_values import DTYPES  # noqa: E402
from scipy.spatial import distance as spd

DEFAULT_SEED = 5


# ---- encoding ------------------------------------------------------------------------

def enc(v, dtype):
    if dtype == 'bool':
        return bool(v)
    if dtype in ('int64', 'uint64'):
        return str(int(v))
    if dtype in ('float32', 'float64'):
        return repr(float(v))
    return int(v)


def enc_data(a):
    d = a.dtype.name
    return [enc(x, d) for x in np.asarray(a).ravel(order='C').tolist()]


def enc_array(a):
    a = np.asarray(a)
    return {'$array': {'dtype': a.dtype.name, 'shape': list(a.shape), 'data': enc_data(a)}}


def enc_result(r):
    if isinstance(r, np.ndarray):
        return {'dtype': r.dtype.name, 'shape': list(r.shape), 'data': enc_data(r)}
    if isinstance(r, (np.generic,)):
        return {'scalar': True, 'dtype': r.dtype.name, 'data': [enc(r, r.dtype.name)]}
    if isinstance(r, bool):
        return {'scalar': True, 'dtype': 'bool', 'data': [r]}
    if isinstance(r, float):
        return {'scalar': True, 'dtype': 'float64', 'data': [repr(r)]}
    if isinstance(r, int):
        return {'scalar': True, 'dtype': 'int64', 'data': [str(r)]}
    raise TypeError(f'cannot encode result {type(r)}')


def enc_opt(v):
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return {'$num': 'nan' if math.isnan(v) else ('inf' if v > 0 else '-inf')}
    if isinstance(v, tuple):
        return [enc_opt(x) for x in v]
    if isinstance(v, list):
        return [enc_opt(x) for x in v]
    return v


# ---- bases and views ---------------------------------------------------------------------

class Fixture:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.bases = {}
        self.cases = []

    def base(self, name, a):
        a = np.ascontiguousarray(a)
        if name in self.bases:
            return self.bases[name][1]
        self.bases[name] = (enc_array(a)['$array'], a)
        return a


def apply_steps(a, steps):
    for st in steps:
        op = st['op']
        if op == 'reshape':
            a = a.reshape(st['shape'])
        elif op == 'slice':
            a = a[tuple(to_index(i) for i in st['items'])]
        elif op == 'transpose':
            a = a.transpose(st['axes']) if st.get('axes') is not None else a.T
        elif op == 'broadcast_to':
            a = np.broadcast_to(a, st['shape'])
        elif op == 'copy':
            a = a.copy(order=st.get('order', 'C'))
        else:
            raise ValueError(op)
    return a


def to_index(i):
    if i is None:
        return None
    if i == '...':
        return Ellipsis
    if isinstance(i, int):
        return i
    return slice(*i['slice'])


def S(start=None, stop=None, step=None):
    return {'slice': [start, stop, step]}


class V:
    """A view of a named base: the fixture argument and the NumPy array."""

    def __init__(self, fx, base, steps):
        self.spec = {'$view': {'base': base, 'steps': steps}}
        self.np = apply_steps(fx.bases[base][1], steps)


class Zeros:
    """An operand whose values do not matter (einsum_path looks at shapes only)."""

    def __init__(self, a):
        self.np = np.zeros(np.shape(a), dtype=np.asarray(a).dtype)
        self.spec = {'$zeros': {'dtype': self.np.dtype.name, 'shape': list(self.np.shape)}}


class Sub(list):
    """An einsum sublist: '...' stands for Ellipsis."""


def arg(x):
    if isinstance(x, (V, Zeros)):
        return x.spec, x.np
    if isinstance(x, Sub):
        return list(x), [Ellipsis if e == '...' else e for e in x]
    if isinstance(x, np.ndarray):
        return enc_array(x), x
    if isinstance(x, (list, tuple)) and not isinstance(x, str):
        return [arg(e)[0] for e in x], x
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        return enc_opt(x), x
    return x, x


# ---- the NumPy side of each numnode function ---------------------------------------------

def py_opts(fn, opts):
    o = {}
    for k, v in opts.items():
        if k == 'chunkSize':
            continue  # numnode's own option: SciPy has no chunks
        if k == 'equalNan':
            o['equal_nan'] = v
        elif k == 'axes' and isinstance(v, list):
            o['axes'] = tuple(tuple(x) if isinstance(x, list) else x for x in v)
        elif k == 'axis' and isinstance(v, list):
            o['axis'] = tuple(v)
        elif k == 'optimize' and isinstance(v, list) and v and v[0] == 'einsum_path':
            o['optimize'] = [v[0]] + [tuple(p) for p in v[1:]]
        elif k == 'optimize' and isinstance(v, list):
            o['optimize'] = tuple(v)
        else:
            o[k] = v
    return o


CALL = {
    'matmul': np.matmul, 'dot': np.dot, 'vdot': np.vdot, 'inner': np.inner, 'outer': np.outer,
    'tensordot': np.tensordot, 'trace': np.trace, 'diag': np.diag, 'diagonal': np.diagonal,
    'norm': np.linalg.norm, 'isclose': np.isclose, 'allclose': np.allclose, 'arrayEqual': np.array_equal,
    'einsum': np.einsum, 'einsumPath': np.einsum_path,
    'cdist': spd.cdist, 'pdist': spd.pdist, 'squareform': spd.squareform,
}


def record(fx, group, fn, args, opts=None, tol=0.0, **extra):
    opts = opts or {}
    encoded = [arg(a)[0] for a in args]
    npargs = [arg(a)[1] for a in args]
    case = {'group': group, 'fn': fn, 'args': encoded, 'opts': {k: enc_opt(v) for k, v in opts.items()}, 'tol': tol}
    case.update(extra)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            kw = py_opts(fn, opts)
            if fn in ('cdist', 'pdist') and 'metric' in kw:
                r = CALL[fn](*npargs, metric=kw.pop('metric'), **kw)
            elif fn == 'diag':
                r = np.diag(*npargs, **kw)
            else:
                r = CALL[fn](*npargs, **kw)
            if fn == 'einsumPath':
                case['result'] = {'path': [p if isinstance(p, str) else list(p) for p in r[0]], 'report': r[1]}
            else:
                if isinstance(r, np.ndarray):
                    case['isView'] = bool(any(np.shares_memory(r, a) for a in npargs if isinstance(a, np.ndarray)))
                    case['writeable'] = bool(r.flags.writeable)
                case['result'] = enc_result(r)
        except Exception as e:  # noqa: BLE001 - the exception is the expectation
            case['error'] = {'type': type(e).__name__, 'msg': str(e)}
    fx.cases.append(case)
    return case


# ---- data ----------------------------------------------------------------------------------

def small_ints(fx, dtype, n, lo=-3, hi=4):
    if dtype == 'bool':
        return fx.rng.integers(0, 2, n).astype(bool)
    if dtype.startswith('uint'):
        lo = 0
    return fx.rng.integers(lo, hi, n).astype(dtype)


def matmul_cases(fx):
    for dt in DTYPES:
        b = f'm_{dt}'
        fx.base(b, small_ints(fx, dt, 96))
        v = lambda steps: V(fx, b, steps)  # noqa: E731
        R = lambda *shape: {'op': 'reshape', 'shape': list(shape)}  # noqa: E731
        SL = lambda *items: {'op': 'slice', 'items': list(items)}  # noqa: E731
        T = lambda axes=None: {'op': 'transpose', 'axes': axes}  # noqa: E731
        BT = lambda *shape: {'op': 'broadcast_to', 'shape': list(shape)}  # noqa: E731
        CP = lambda order: {'op': 'copy', 'order': order}  # noqa: E731
        layouts = {
            'C @ C': (v([SL(S(0, 12)), R(3, 4)]), v([SL(S(12, 32)), R(4, 5)])),
            'F @ F': (v([SL(S(0, 12)), R(3, 4), CP('F')]), v([SL(S(12, 32)), R(4, 5), CP('F')])),
            'A.T @ B': (v([SL(S(0, 12)), R(4, 3), T()]), v([SL(S(12, 32)), R(4, 5)])),
            'A @ B.T': (v([SL(S(0, 12)), R(3, 4)]), v([SL(S(12, 32)), R(5, 4), T()])),
            'A.T @ B.T': (v([SL(S(0, 12)), R(4, 3), T()]), v([SL(S(12, 32)), R(5, 4), T()])),
            'stepped': (v([R(8, 12), SL(S(1, 7, 2), S(None, None, 3))]), v([R(8, 12), SL(S(None, None, 2), S(2, None, 2))])),
            'negative strides': (v([SL(S(0, 12)), R(3, 4), SL(S(None, None, -1), S(None, None, -1))]),
                                 v([R(8, 12), SL(S(7, 3, -1), S(11, 1, -2))])),
            'offset views': (v([R(8, 12), SL(S(1, 4), S(2, 6))]), v([R(8, 12), SL(S(3, 7), S(5, 10))])),
            'zero strides': (v([SL(S(0, 4)), BT(3, 4)]), v([SL(S(4, 8)), R(4, 1), BT(4, 5)])),
            'batch broadcast': (v([SL(S(0, 24)), R(2, 3, 4)]), v([SL(S(24, 44)), R(4, 5)])),
            'batch 2x1 with 3': (v([SL(S(0, 24)), R(2, 1, 3, 4)]), v([SL(S(24, 48)), R(3, 4, 2)])),
            'batch transposed': (v([SL(S(0, 24)), R(2, 4, 3), T([0, 2, 1])]), v([SL(S(24, 64)), R(2, 4, 5)])),
            'batch zero stride': (v([SL(S(0, 12)), R(1, 3, 4), BT(3, 3, 4)]), v([SL(S(12, 72)), R(3, 4, 5)])),
            '1-D @ 2-D': (v([SL(S(0, 4))]), v([SL(S(12, 32)), R(4, 5)])),
            '2-D @ 1-D': (v([SL(S(0, 12)), R(3, 4)]), v([SL(S(12, 16))])),
            '1-D @ 1-D': (v([SL(S(0, 7))]), v([SL(S(10, 17))])),
            'strided 1-D @ 1-D': (v([SL(S(0, 21, 3))]), v([SL(S(40, 26, -2))])),
            '1-D @ batch': (v([SL(S(0, 4))]), v([SL(S(12, 52)), R(2, 4, 5)])),
            'batch @ 1-D': (v([SL(S(0, 24)), R(2, 3, 4)]), v([SL(S(30, 34))])),
            'A @ A.T (same memory)': (v([SL(S(0, 12)), R(3, 4)]), v([SL(S(0, 12)), R(3, 4), T()])),
            'A.T @ A (same memory)': (v([SL(S(0, 12)), R(3, 4), T()]), v([SL(S(0, 12)), R(3, 4)])),
            'column @ row': (v([SL(S(0, 3)), R(3, 1)]), v([SL(S(3, 8)), R(1, 5)])),
            '(0,4) @ (4,5)': (v([SL(S(0, 0)), R(0, 4)]), v([SL(S(12, 32)), R(4, 5)])),
            '(3,0) @ (0,5)': (v([SL(S(0, 0)), R(3, 0)]), v([SL(S(0, 0)), R(0, 5)])),
            '(3,4) @ (4,0)': (v([SL(S(0, 12)), R(3, 4)]), v([SL(S(0, 0)), R(4, 0)])),
            '(0,3,4) @ (4,5)': (v([SL(S(0, 0)), R(0, 3, 4)]), v([SL(S(12, 32)), R(4, 5)])),
        }
        for name, (a, bb) in layouts.items():
            record(fx, 'matmul layouts', 'matmul', [a, bb], title=f'{dt} {name}')
        # Tiles: 17 rows cross the 16-row tile, 260 columns the 256-column tile.
        big = f'mb_{dt}'
        fx.base(big, small_ints(fx, dt, 17 * 33 + 33 * 9))
        record(fx, 'matmul layouts', 'matmul', [V(fx, big, [SL(S(0, 561)), R(17, 33)]), V(fx, big, [SL(S(561, 858)), R(33, 9)])],
               title=f'{dt} (17,33) @ (33,9)')
        if dt in ('int32', 'float64', 'bool'):
            wide = f'mw_{dt}'
            fx.base(wide, small_ints(fx, dt, 3 * 40 + 40 * 260))
            record(fx, 'matmul layouts', 'matmul', [V(fx, wide, [SL(S(0, 120)), R(3, 40)]), V(fx, wide, [SL(S(120, 10520)), R(40, 260)])],
                   title=f'{dt} (3,40) @ (40,260)')
    # Wrap-around of integer products and sums, as NumPy's loops wrap.
    for dt, val in [('int8', 100), ('uint8', 200), ('int16', 30000), ('uint16', 60000), ('int32', 2 ** 30 + 7),
                    ('uint32', 2 ** 31 + 5), ('int64', 2 ** 40 + 3), ('uint64', 2 ** 63 + 9)]:
        a = np.full((2, 3), val, dtype=dt)
        record(fx, 'matmul overflow', 'matmul', [a, a.T.copy()], title=f'{dt} wraps')
    # Mixed dtypes promote first.
    for da, db in [('int8', 'float32'), ('bool', 'int8'), ('uint64', 'int64'), ('int32', 'float32'), ('uint8', 'int8'),
                   ('int16', 'uint16'), ('float32', 'float64'), ('bool', 'float32'), ('uint32', 'int8')]:
        a = small_ints(fx, da, 12).reshape(3, 4)
        b2 = small_ints(fx, db, 8).reshape(4, 2)
        record(fx, 'matmul promotion', 'matmul', [a, b2], title=f'{da} @ {db}')
    # Random floats: BLAS and NumPy may sum in different orders, and float32 sums
    # accumulate in float32: an entry near zero after cancellation is only accurate to
    # about eps * sum(|a||b|), hence an absolute tolerance too.
    for dt, tol, atol in [('float64', 1e-12, 1e-13), ('float32', 2e-6, 4e-6)]:
        a = fx.rng.standard_normal((6, 7)).astype(dt)
        b2 = fx.rng.standard_normal((7, 5)).astype(dt)
        record(fx, 'matmul floats', 'matmul', [a, b2], tol=tol, atol=atol, title=f'{dt} random')
        c = fx.rng.standard_normal((4, 3, 5)).astype(dt)
        record(fx, 'matmul floats', 'matmul', [c, b2.T.copy()], tol=tol, atol=atol, title=f'{dt} random batch')
        a2 = a.copy()
        a2[1, 2] = np.nan
        a2[3, 0] = np.inf
        record(fx, 'matmul floats', 'matmul', [a2, b2], tol=tol, atol=atol, title=f'{dt} nan and inf')
    # Errors.
    record(fx, 'matmul errors', 'matmul', [np.array(3.0), np.ones((2, 2))], title='0-d a')
    record(fx, 'matmul errors', 'matmul', [np.ones((2, 2)), np.array(3.0)], title='0-d b')
    record(fx, 'matmul errors', 'matmul', [np.ones((2, 3)), np.ones((4, 5))], title='core mismatch')
    record(fx, 'matmul errors', 'matmul', [np.ones(3), np.ones(4)], title='1-D mismatch')
    record(fx, 'matmul errors', 'matmul', [np.ones((2, 3, 4)), np.ones((3, 4, 5))], title='batch mismatch')


def product_cases(fx):
    r = lambda *shape: small_ints(fx, 'float64', int(np.prod(shape))).reshape(shape)  # noqa: E731
    ri = lambda dt, *shape: small_ints(fx, dt, int(np.prod(shape))).reshape(shape)  # noqa: E731
    g = 'products'
    for dt in ['int8', 'int64', 'uint16', 'float32', 'float64', 'bool']:
        record(fx, g, 'dot', [ri(dt, 5), ri(dt, 5)], title=f'dot 1-D {dt}')
        record(fx, g, 'dot', [ri(dt, 3, 4), ri(dt, 4, 2)], title=f'dot 2-D {dt}')
        record(fx, g, 'vdot', [ri(dt, 2, 3), ri(dt, 3, 2)], title=f'vdot {dt}')
        record(fx, g, 'inner', [ri(dt, 2, 3), ri(dt, 4, 3)], title=f'inner {dt}')
        record(fx, g, 'outer', [ri(dt, 3), ri(dt, 2, 2)], title=f'outer {dt}')
    record(fx, g, 'dot', [np.full(3, 100, np.int8), np.full(3, 100, np.int8)], title='dot int8 wraps')
    record(fx, g, 'dot', [r(3, 4), r(4)], title='dot 2-D 1-D')
    record(fx, g, 'dot', [r(4), r(4, 3)], title='dot 1-D 2-D')
    record(fx, g, 'dot', [r(2, 3, 4), r(5, 4, 2)], title='dot 3-D 3-D')
    record(fx, g, 'dot', [r(2, 3, 4), r(4)], title='dot 3-D 1-D')
    record(fx, g, 'dot', [r(2, 3), r(2, 3, 4)], title='dot 2-D 3-D')
    record(fx, g, 'dot', [np.array(2.5), r(2, 3)], title='dot 0-d 2-D')
    record(fx, g, 'dot', [r(3), np.array(3)], title='dot 1-D 0-d')
    record(fx, g, 'dot', [np.array(3), np.array(4)], title='dot 0-d 0-d')
    record(fx, g, 'dot', [r(4, 3).T, r(5, 2)[1:5]], title='dot transposed and sliced')
    record(fx, g, 'dot', [r(0), r(0)], title='dot empty')
    record(fx, g, 'dot', [r(2, 0), r(0, 3)], title='dot k = 0')
    record(fx, g, 'dot', [r(2, 3), r(4, 5)], title='dot not aligned 2-D')
    record(fx, g, 'dot', [r(3), r(4)], title='dot not aligned 1-D')
    record(fx, g, 'dot', [r(2, 3), r(2)], title='dot not aligned 2-D 1-D')
    record(fx, g, 'dot', [r(2, 3, 4), r(2, 3, 4)], title='dot not aligned 3-D')
    record(fx, g, 'vdot', [r(3), r(4)], title='vdot size mismatch')
    record(fx, g, 'vdot', [np.arange(6, dtype=np.int32), np.arange(6, dtype=np.float32)], title='vdot promotes')
    record(fx, g, 'inner', [r(4), r(4)], title='inner 1-D')
    record(fx, g, 'inner', [r(2, 3, 4), r(5, 4)], title='inner 3-D 2-D')
    record(fx, g, 'inner', [np.array(2), r(2, 3)], title='inner 0-d')
    record(fx, g, 'inner', [r(2, 3), r(2)], title='inner not aligned')
    record(fx, g, 'outer', [r(4), r(3)], title='outer 1-D')
    record(fx, g, 'outer', [ri('int8', 3), ri('float32', 2)], title='outer promotes')
    record(fx, g, 'outer', [r(0), r(3)], title='outer empty')
    for axes in [2, 1, 0, [1, 0], [[1, 0], [0, 1]], [[-1], [0]], [[2, 0], [1, 0]]]:
        a, b2 = r(3, 4, 5), r(4, 5, 2) if axes == 2 else None
        if axes == 2:
            record(fx, g, 'tensordot', [a, b2], title='tensordot axes=2 (default)')
            continue
        if axes == 1:
            record(fx, g, 'tensordot', [r(3, 4), r(4, 5)], {'axes': 1}, title='tensordot axes=1')
        elif axes == 0:
            record(fx, g, 'tensordot', [r(2, 3), r(4)], {'axes': 0}, title='tensordot axes=0 (outer)')
        elif axes == [1, 0]:
            record(fx, g, 'tensordot', [r(3, 4), r(4, 2)], {'axes': axes}, title='tensordot axes=[1, 0]')
        elif axes == [[1, 0], [0, 1]]:
            record(fx, g, 'tensordot', [r(3, 4, 2), r(4, 3, 5)], {'axes': axes}, title='tensordot paired axes')
        elif axes == [[-1], [0]]:
            record(fx, g, 'tensordot', [r(2, 3), r(3, 2)], {'axes': axes}, title='tensordot negative axes')
        else:
            record(fx, g, 'tensordot', [r(3, 4, 5), r(4, 5, 3)], {'axes': axes}, title='tensordot shape mismatch')
    record(fx, g, 'tensordot', [r(2, 3), r(3, 2)], {'axes': [[5], [0]]}, title='tensordot bad axis')
    record(fx, g, 'tensordot', [ri('int16', 3, 4), ri('uint8', 4, 2)], {'axes': 1}, title='tensordot promotes')


def diag_cases(fx):
    g = 'diagonal'
    for dt in ['int8', 'uint8', 'bool', 'int32', 'uint64', 'float32', 'float64']:
        a = small_ints(fx, dt, 12).reshape(3, 4)
        record(fx, g, 'trace', [a], title=f'trace {dt}')
        record(fx, g, 'diagonal', [a], title=f'diagonal {dt}')
    a = small_ints(fx, 'float64', 60).reshape(3, 4, 5)
    for o in [0, 1, -1, 3, -3, 5]:
        record(fx, g, 'trace', [a[0]], {'offset': o}, title=f'trace offset {o}')
        record(fx, g, 'diagonal', [a[0]], {'offset': o}, title=f'diagonal offset {o}')
        record(fx, g, 'diag', [a[0]], {'k': o}, title=f'diag 2-D k={o}')
    record(fx, g, 'trace', [a], title='trace 3-D')
    record(fx, g, 'trace', [a], {'axis1': 1, 'axis2': 2}, title='trace 3-D axes 1, 2')
    record(fx, g, 'trace', [a], {'axis1': 2, 'axis2': 0, 'offset': 1}, title='trace 3-D axes 2, 0 offset 1')
    record(fx, g, 'trace', [small_ints(fx, 'int8', 16).reshape(4, 4)], {'dtype': 'int8'}, title='trace dtype int8')
    record(fx, g, 'trace', [small_ints(fx, 'int16', 16).reshape(4, 4)], {'dtype': 'float32'}, title='trace dtype float32')
    record(fx, g, 'diagonal', [a], {'axis1': 2, 'axis2': 0}, title='diagonal 3-D axes 2, 0')
    record(fx, g, 'diagonal', [a], {'axis1': -1, 'axis2': 1, 'offset': -1}, title='diagonal 3-D negative axes')
    record(fx, g, 'diagonal', [a[:, ::-1, ::2]], title='diagonal of a strided view')
    record(fx, g, 'diagonal', [a[0, 0]], title='diagonal of 1-D')
    record(fx, g, 'diagonal', [a], {'axis1': 1, 'axis2': 1}, title='diagonal same axes')
    record(fx, g, 'diagonal', [a], {'axis1': 3}, title='diagonal bad axis')
    for k in [0, 2, -1]:
        record(fx, g, 'diag', [small_ints(fx, 'int32', 3)], {'k': k}, title=f'diag 1-D k={k}')
    record(fx, g, 'diag', [a], title='diag 3-D')
    record(fx, g, 'diag', [np.zeros(0)], title='diag empty')


def norm_cases(fx):
    g = 'norm'
    v = fx.rng.standard_normal(7)
    for o in [None, 1, 2, math.inf, -math.inf, 0, 3, 0.5, -1, -2]:
        record(fx, g, 'norm', [v], {} if o is None else {'ord': o}, tol=1e-13, title=f'vector ord={o}')
    v32 = v.astype(np.float32)
    for o in [None, 1, math.inf, 3]:
        record(fx, g, 'norm', [v32], {} if o is None else {'ord': o}, tol=1e-6, title=f'float32 vector ord={o}')
    vi = np.array([3, -4, 0, 12], dtype=np.int16)
    for o in [None, 1, 0, math.inf]:
        record(fx, g, 'norm', [vi], {} if o is None else {'ord': o}, tol=1e-15, title=f'int16 vector ord={o}')
    m = fx.rng.standard_normal((4, 5))
    for o in [None, 'fro', 1, -1, math.inf, -math.inf]:
        record(fx, g, 'norm', [m], {} if o is None else {'ord': o}, tol=1e-13, title=f'matrix ord={o}')
    t = fx.rng.standard_normal((3, 4, 5))
    record(fx, g, 'norm', [t], tol=1e-13, title='3-D default (flattened)')
    record(fx, g, 'norm', [t], {'axis': 1}, tol=1e-13, title='3-D axis=1')
    record(fx, g, 'norm', [t], {'axis': -1, 'ord': 1}, tol=1e-13, title='3-D axis=-1 ord=1')
    record(fx, g, 'norm', [t], {'axis': [2, 0]}, tol=1e-13, title='3-D axes (2, 0) fro')
    record(fx, g, 'norm', [t], {'axis': [0, 2], 'ord': math.inf}, tol=1e-13, title='3-D axes (0, 2) inf')
    record(fx, g, 'norm', [t], {'axis': [2, 1], 'ord': -1}, tol=1e-13, title='3-D axes (2, 1) -1')
    record(fx, g, 'norm', [t], {'axis': 1, 'keepdims': True}, tol=1e-13, title='keepdims axis')
    record(fx, g, 'norm', [m], {'keepdims': True}, tol=1e-13, title='keepdims all')
    record(fx, g, 'norm', [t[:, ::-1, 1:4]], {'axis': [1, 2]}, tol=1e-13, title='strided view axes (1, 2)')
    record(fx, g, 'norm', [v], {'ord': 'fro'}, title='error: fro for a vector')
    record(fx, g, 'norm', [m], {'ord': 3}, title='error: matrix ord 3')
    record(fx, g, 'norm', [t], {'axis': [0, 1, 2]}, title='error: three axes')
    record(fx, g, 'norm', [m], {'axis': [1, 1]}, title='error: duplicate axes')
    record(fx, g, 'norm', [np.zeros(0)], tol=0, title='empty vector')


def close_cases(fx):
    g = 'comparisons'
    nan, inf = math.nan, math.inf
    a = np.array([1.0, nan, inf, -inf, 1e-9, 100.0, 0.0])
    b = np.array([1.0 + 1e-6, nan, inf, inf, 0.0, 100.001, -0.0])
    record(fx, g, 'isclose', [a, b], title='isclose defaults')
    record(fx, g, 'isclose', [a, b], {'equalNan': True}, title='isclose equalNan')
    record(fx, g, 'isclose', [a, b], {'rtol': 0, 'atol': 1e-12}, title='isclose atol only')
    record(fx, g, 'isclose', [a.reshape(7, 1), b[:3]], title='isclose broadcast')
    record(fx, g, 'isclose', [np.arange(5, dtype=np.int64), np.arange(5, dtype=np.float32) + 1e-6], title='isclose int vs float32')
    record(fx, g, 'isclose', [np.float32(1.0) + np.zeros(3, np.float32), np.array([1 + 1e-6, 1 + 2e-5, 1.00001], np.float32)], title='isclose float32')
    record(fx, g, 'isclose', [np.array(1.0), np.array(1.0 + 1e-9)], title='isclose 0-d')
    record(fx, g, 'allclose', [a, b], title='allclose with nan')
    record(fx, g, 'allclose', [a, b], {'equalNan': True, 'rtol': 1e-4}, title='allclose equalNan rtol')
    record(fx, g, 'allclose', [np.ones((2, 3)), np.ones(3) + 1e-9], title='allclose broadcast')
    record(fx, g, 'arrayEqual', [np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3).astype(np.float32)], title='arrayEqual mixed dtypes')
    record(fx, g, 'arrayEqual', [np.arange(6).reshape(2, 3), np.arange(6)], title='arrayEqual shapes differ')
    record(fx, g, 'arrayEqual', [a, a], title='arrayEqual nan')
    record(fx, g, 'arrayEqual', [a, a], {'equalNan': True}, title='arrayEqual equalNan')
    big = np.array([2 ** 63 - 1, 5], dtype=np.int64)
    record(fx, g, 'arrayEqual', [big, big.astype(np.uint64)], title='arrayEqual int64 vs uint64')
    record(fx, g, 'arrayEqual', [np.array([True, False]), np.array([1, 0], dtype=np.int8)], title='arrayEqual bool vs int8')
    record(fx, g, 'arrayEqual', [np.array([2 ** 53 + 1], dtype=np.int64), np.array([2.0 ** 53])], title='arrayEqual int64 vs float64 rounding')


# ---- einsum ------------------------------------------------------------------------------

CHARS = 'abcdefghij'
SIZES = [2, 3, 4, 5, 4, 3, 2, 6, 5, 4, 3]
GLOBAL_SIZE = dict(zip(CHARS, SIZES))

# NumPy's test_einsum.py TestEinsum.optimize_compare / TestEinsumPath expressions.
OPT_COMPARE = [
    'a,ab,abc->abc', 'a,b,ab->ab',
    'ea,fb,gc,hd,abcd->efgh', 'ea,fb,abcd,gc,hd->efgh', 'abcd,ea,fb,gc,hd->efgh',
    'acdf,jbje,gihb,hfac,gfac,gifabc,hfac', 'cd,bdhe,aidb,hgca,gc,hgibcd,hgac', 'abhe,hidj,jgba,hiab,gab',
    'bde,cdh,agdb,hica,ibd,hgicd,hiac', 'chd,bde,agbc,hiad,hgc,hgi,hiad', 'chd,bde,agbc,hiad,bdi,cgh,agdb',
    'bdhe,acad,hiab,agac,hibd',
    'ab,ab,c->', 'ab,ab,c->c', 'ab,ab,cd,cd->', 'ab,ab,cd,cd->ac', 'ab,ab,cd,cd->cd', 'ab,ab,cd,cd,ef,ef->',
    'ab,cd,ef->abcdef', 'ab,cd,ef->acdf', 'ab,cd,de->abcde', 'ab,cd,de->be', 'ab,bcd,cd->abcd', 'ab,bcd,cd->abd',
    'eb,cb,fb->cef', 'dd,fb,be,cdb->cef', 'bca,cdb,dbf,afc->', 'dcc,fce,ea,dbf->ab', 'fdf,cdd,ccd,afe->ae', 'abcd,ad',
    'ed,fcd,ff,bcf->be', 'baa,dcf,af,cde->be', 'bd,db,eac->ace', 'fff,fae,bef,def->abd', 'efc,dbc,acf,fd->abe',
    'ba,ac,da->bcd',
    'ab,ab', 'ab,ba', 'abc,abc', 'abc,bac', 'abc,cba',
    'aab,fa,df,ecc->bde', 'ecb,fef,bad,ed->ac', 'bcf,bbb,fbf,fc->', 'bb,ff,be->e', 'bcb,bb,fc,fff->', 'fbb,dfd,fc,fc->',
    'afd,ba,cc,dc->bf', 'adb,bc,fa,cfc->d', 'bbd,bda,fc,db->acf', 'dba,ead,cad->bce', 'aef,fbc,dca->bde',
    'ab,bc,cd,de->ae', 'cab,cdd->ab', 'a,a,a->a', 'a,b,c->abc',
]

# (expression, operand shapes) from the other tests of test_einsum.py.
SHAPED = [
    ('...', [(2, 3)]), ('ij', [(2, 3)]), ('ji', [(2, 3)]), ('ii->i', [(3, 3)]), ('...ii->...i', [(3, 3, 3)]),
    ('ii...->...i', [(3, 3, 3)]), ('...ii->i...', [(3, 3, 3)]), ('jii->ij', [(3, 3, 3)]), ('ii...->i...', [(3, 3, 3)]),
    ('i...i->i...', [(3, 3, 3)]), ('i...i->...i', [(3, 3, 3)]), ('iii->i', [(3, 3, 3)]), ('ijk->jik', [(2, 3, 4)]),
    ('i->', [(7,)]), ('...i->...', [(2, 3, 7)]), ('i...->...', [(7, 2)]), ('i...->...', [(2, 3, 7)]), ('ii', [(5, 5)]),
    ('..., ...', [(3, 4), (2, 3, 4)]), ('...i, ...i', [(2, 3, 4), (4,)]), ('i..., i...', [(4, 3, 2), (4,)]),
    ('i,j', [(3,), (4,)]), ('ij, j', [(4, 5), (5,)]), ('ij,jk', [(4, 5), (5, 6)]), ('ij,jk,kl', [(3, 4), (4, 5), (5, 6)]),
    ('ijk, jil -> kl', [(3, 4, 5), (4, 3, 2)]), ('i,i,i->i', [(5,), (5,), (5,)]), (',i->', [(), (9,)]), ('i,->', [(9,), ()]),
    ('...,...', [(6,), (6,)]), ('i,i', [(6,), (6,)]), ('i,->i', [(6,), ()]), (',i->i', [(), (6,)]),
    ('z,mz,zm->', [(2,), (2, 2), (2, 2)]), ('ij,ij->j', [(3, 4), (3, 4)]), ('...ij,...jk->...ik', [(2, 2, 2), (2, 2)]),
    ('ji,i->', [(2, 2), (2,)]), ('i,ij->', [(2,), (2, 2)]), ('ij,i->', [(2, 2), (2,)]),
    ('ij...,j...->i...', [(1, 1, 5), (1, 5)]), ('...i,...i', [(3,), (3,)]),
    ('ijklm,ijn,ijn->', [(1, 1, 5, 4, 3), (1, 1, 2), (1, 1, 2)]), ('ijklm,ijn->', [(1, 1, 5, 4, 3), (1, 1, 2)]),
    ('x,yx,zx->xzy', [(2,), (3, 2), (4, 2)]), ('i,j', [(1,), (1,)]),
    ('ijk,j->ijk', [(4, 3, 2), (3,)]), ('ij...,j...->ij...', [(4, 3, 2), (3,)]), ('ij...,...j->ij...', [(4, 3, 2), (3,)]),
    ('ij...,j->ij...', [(4, 3, 2), (3,)]), ('ik,kj->ij', [(4, 3), (3, 2)]), ('ik...,k...->i...', [(4, 3), (3, 2)]),
    ('ik...,...kj->i...j', [(4, 3), (3, 2)]), ('...k,kj', [(4, 3), (3, 2)]), ('ik,k...->i...', [(4, 3), (3, 2)]),
    ('ijkl,k->ijl', [(2, 3, 4, 5), (4,)]), ('ijkl,k', [(2, 3, 4, 5), (4,)]), ('...kl,k', [(2, 3, 4, 5), (4,)]),
    ('...kl,k...', [(2, 3, 4, 5), (4,)]), ('...lmn,...lmno->...o', [(2, 2, 3, 2), (2, 2, 3, 2, 2)]),
    ('...lmn,lmno->...o', [(2, 2, 3, 2), (2, 3, 2, 2)]),
    ('cl, cpx->lpx', [(3, 2), (3, 4, 2)]), ('cl, cpxy->lpxy', [(3, 2), (3, 4, 2, 2)]), ('aabb->ab', [(2, 2, 3, 3)]),
    ('ijij->', [(3, 4, 3, 4)]), ('mi,mi,mi->m', [(4, 3), (4, 3), (4, 3)]), ('im,im,im->m', [(3, 4), (3, 4), (3, 4)]),
    ('ij,jk->ik', [(3, 3), (3, 3)]), ('i,i->i', [(9,), (9,)]), ('i,i->', [(9,), (9,)]), ('i,i,i->', [(9,), (9,), (9,)]),
    ('i,i,i,i->', [(9,), (9,), (9,), (9,)]), ('bbcdc->d', [(1, 1, 3, 1, 3)]),
    ('ijk,kl,jl', [(1, 5, 4), (4, 6), (5, 6)]), ('ijk,kl,jl,i->i', [(1, 5, 4), (4, 6), (5, 6), (10,)]),
    ('abjk,kl,jl', [(1, 1, 5, 4), (4, 6), (5, 6)]), ('abjk,kl,jl,ab->ab', [(1, 1, 5, 4), (4, 6), (5, 6), (7, 7)]),
    ('obk,ijk->ioj', [(2, 4, 8), (2, 4, 8)]), ('...ft,mf->...mt', [(2, 3, 5), (4, 3)]),
    ('ijp,ipq,ikq->ijk', [(3, 1, 1), (3, 1, 3), (1, 3, 3)]),
    ('jhcabhijaci,dfijejgh->fgje', [(1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1), (3, 1, 3, 1, 1, 1, 1, 2)]),
    ('baegffahgc,hdggeff->dhg', [(2, 1, 4, 1, 1, 1, 1, 2, 1, 1), (1, 1, 1, 1, 4, 1, 1)]),
    ('cehgbaifff,fhhdegih->cdghbi', [(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), (2, 1, 1, 2, 4, 1, 1, 1)]),
    ('gah,cdbcghefg->ef', [(2, 3, 1), (1, 3, 1, 1, 1, 2, 1, 4, 1)]), ('cacc,bcb->', [(1, 1, 1, 1), (1, 4, 1)]),
    ('...a->...a', [(1, 1)]), ('... a->... a', [(1, 1)]), ('Ab->bA', [(2, 3)]), ('ij,jk->ik', [(1, 3), (3, 2)]),
]

# Benchmark shapes and the lowering's special cases.
LOWERING = [
    ('ij,ij->i', [(7, 9), (7, 9)]), ('ijk,ijk->ij', [(3, 4, 5), (3, 4, 5)]), ('ik,kj->ij', [(6, 5), (5, 4)]),
    ('ij,jk,kl->il', [(5, 6), (6, 3), (3, 4)]), ('bij,bjk->bik', [(3, 2, 4), (3, 4, 5)]), ('bij,bj->bi', [(3, 2, 4), (3, 4)]),
    ('ij,kj->ik', [(3, 4), (5, 4)]), ('ji,jk->ik', [(4, 3), (4, 5)]), ('ij,jk->ki', [(3, 4), (4, 5)]),
    ('ijk,kjl->il', [(2, 3, 4), (4, 3, 5)]), ('ijk,jkl->il', [(2, 3, 4), (3, 4, 5)]), ('ij,ij->', [(4, 5), (4, 5)]),
    ('i,i->', [(40,), (40,)]), ('ij->j', [(6, 7)]), ('ij->i', [(6, 7)]), ('ij->', [(6, 7)]), ('i,j->ij', [(5,), (6,)]),
    ('ij,j->ij', [(4, 5), (5,)]), ('iij->ij', [(3, 3, 4)]), ('ij,jk->ijk', [(2, 3), (3, 4)]),
    ('abc,cd,bd->a', [(3, 4, 5), (5, 2), (4, 2)]), ('ab,bc->ac', [(3, 0), (0, 4)]), ('ab,bc->ac', [(0, 3), (3, 4)]),
    ('ij->', [(0, 3)]), ('ii->i', [(0, 0)]),
]


def gen_expression(rng):
    """A random expression with 1-4 operands: repeated labels, ellipses, implicit/explicit output."""
    nop = int(rng.integers(1, 5))
    letters = list('abcdefgh')
    sizes = {c: int(rng.integers(1, 5)) for c in letters}
    ell = int(rng.integers(0, 3)) if rng.random() < 0.3 else 0
    ell_shape = [int(rng.integers(1, 4)) for _ in range(ell)]
    terms, shapes = [], []
    for _ in range(nop):
        k = int(rng.integers(0, 4))
        t = [letters[int(i)] for i in rng.integers(0, 6, k)]
        shape = [sizes[c] for c in t]
        if ell and rng.random() < 0.8:
            # Broadcasting: some ellipsis dims may be 1 or missing in this operand.
            e = int(rng.integers(0, ell + 1))
            es = [d if rng.random() < 0.7 else 1 for d in ell_shape[ell - e:]]
            pos = int(rng.integers(0, len(t) + 1))
            t = t[:pos] + ['...'] + t[pos:]
            shape = shape[:pos] + es + shape[pos:]
        terms.append(''.join(t))
        shapes.append(tuple(shape))
    used = sorted({c for t in terms for c in t if c != '.'})
    if rng.random() < 0.4:
        expr = ','.join(terms)
    else:
        out = [c for c in used if rng.random() < 0.5]
        rng.shuffle(out)
        has_ell = any('...' in t for t in terms)
        o = ''.join(out)
        if has_ell:
            pos = int(rng.integers(0, len(o) + 1))
            o = o[:pos] + '...' + o[pos:]
        expr = ','.join(terms) + '->' + o
    return expr, shapes


def einsum_operands(fx, shapes, dtype):
    return [small_ints(fx, dtype, int(np.prod(s, dtype=np.int64)), 0 if dtype.startswith('uint') else -2, 3).reshape(s)
            if len(s) else np.array(small_ints(fx, dtype, 1, 1, 3)[0]) for s in shapes]


def einsum_cases(fx, n_random):
    g = 'einsum'
    expressions = []
    for e in OPT_COMPARE:
        terms = e.split('->')[0].split(',')
        expressions.append((e, [tuple(GLOBAL_SIZE[c] for c in t) for t in terms], 'numpy optimize_compare / einsum_path'))
    for e, shapes in SHAPED:
        expressions.append((e, shapes, 'numpy test_einsum'))
    for e, shapes in LOWERING:
        expressions.append((e, shapes, 'lowering'))
    seen = set()
    tries = 0
    random_added = 0
    while random_added < n_random and tries < 50 * n_random:
        tries += 1
        e, shapes = gen_expression(fx.rng)
        ops = einsum_operands(fx, shapes, 'float64')
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            try:
                np.einsum(e, *ops)
            except Exception:  # noqa: BLE001 - keep only valid generated expressions
                continue
        if e in seen:
            continue
        seen.add(e)
        expressions.append((e, shapes, 'generated'))
        random_added += 1
    fx.einsum_count = len({e for e, _, _ in expressions})

    for i, (e, shapes, src) in enumerate(expressions):
        dtype = 'float64'
        # Integer and bool runs on a share of the expressions; float32 too.
        if src != 'numpy optimize_compare / einsum_path' or len(shapes) <= 3:
            dtype = ['float64', 'int32', 'float32', 'int8', 'bool', 'int64', 'uint16', 'float64'][i % 8]
        ops = einsum_operands(fx, shapes, dtype)
        nterms = len(shapes)
        opts = [False, 'greedy'] + (['optimal'] if nterms >= 3 else [])
        for opt in opts:
            record(fx, g, 'einsum', [e, *ops], {'optimize': opt}, title=f'{e} [{dtype}] optimize={opt}', source=src)
        if '.' not in e and nterms >= 2:
            for opt in ['greedy', 'optimal']:
                record(fx, 'einsumPath', 'einsumPath', [e, *[Zeros(o) for o in ops]], {'optimize': opt}, title=f'{e} {opt}')
    # Sublist form.
    a = np.arange(27.0).reshape(3, 3, 3)
    for sub in [([0, 0, 0], [0]), (['...', 0, 0], ['...', 0]), ([0, 1, 2], [1, 0, 2]), ([1, 0, 0], [0, 1])]:
        record(fx, g, 'einsum', [a, Sub(sub[0]), Sub(sub[1])], {}, title=f'sublist {sub}')
    b = np.arange(12.0).reshape(3, 4)
    c = np.arange(20.0).reshape(4, 5)
    record(fx, g, 'einsum', [b, Sub([0, 1]), c, Sub([1, 2])], {}, title='sublist implicit matmul')
    record(fx, g, 'einsum', [b, Sub([0, 1]), c, Sub([1, 2]), Sub([2, 0])], {'optimize': 'greedy'}, title='sublist explicit')
    record(fx, g, 'einsum', [b, Sub([0, 51]), c, Sub([51, 26])], {}, title='sublist labels 51 and 26')
    record(fx, g, 'einsum', [a, Sub(['...', 1]), Sub([])], {}, title='sublist ellipsis sum')
    # Strided operands.
    base = fx.base('e_f64', small_ints(fx, 'float64', 240))
    A = V(fx, 'e_f64', [{'op': 'reshape', 'shape': [12, 20]}, {'op': 'slice', 'items': [S(None, None, -2), S(1, None, 3)]}])
    Bv = V(fx, 'e_f64', [{'op': 'reshape', 'shape': [20, 12]}, {'op': 'transpose', 'axes': None}, {'op': 'slice', 'items': [S(2, 9), S(None, 6)]}])
    for e in ['ij,jk->ik', 'ij->ji', 'ij,ik->jk', 'ij,ij->i']:
        ops = [A, Bv] if e == 'ij,jk->ik' else ([A] if e == 'ij->ji' else [A, A])
        for opt in [False, True]:
            record(fx, g, 'einsum', [e, *ops], {'optimize': opt}, title=f'{e} on strided views optimize={opt}')
    # Explicit paths and memory limits.
    ops = einsum_operands(fx, [(2, 3), (3, 4), (4, 5)], 'float64')
    record(fx, g, 'einsum', ['ij,jk,kl->il', *ops], {'optimize': ['einsum_path', [0, 2], [0, 1]]}, title='explicit path')
    record(fx, g, 'einsum', ['ij,jk,kl->il', *ops], {'optimize': ['einsum_path', [1, 2], [0, 1]]}, title='explicit path 2')
    record(fx, 'einsumPath', 'einsumPath', ['ij,jk,kl->il', *ops], {'optimize': ['greedy', 0]}, title='memory limit 0')
    record(fx, 'einsumPath', 'einsumPath', ['ij,jk,kl->il', *ops], {'optimize': False}, title='optimize false')
    record(fx, 'einsumPath', 'einsumPath', ['ij,jk,kl->il', *ops], {'optimize': ['einsum_path', [0, 2], [0, 1]]}, title='explicit path report')
    record(fx, g, 'einsum', ['ij,jk,kl->il', *ops], {'optimize': ['einsum_path', [0, 1]]}, title='error: path too short')
    # dtype / casting.
    ai = np.arange(6, dtype=np.int32).reshape(2, 3)
    record(fx, g, 'einsum', ['ij->i', ai], {'dtype': 'float64'}, title='dtype float64')
    record(fx, g, 'einsum', ['ij->i', ai.astype(np.float64)], {'dtype': 'int32'}, title='error: unsafe dtype')
    record(fx, g, 'einsum', ['ij->i', ai.astype(np.float64)], {'dtype': 'int32', 'casting': 'unsafe'}, title='dtype with unsafe casting')
    record(fx, g, 'einsum', [',i->i', 3, np.arange(3, dtype=np.int8)], {}, title='JS number operand')
    # Errors (NumPy's test_einsum_errors and friends).
    one, two = np.ones(2), np.ones((2, 2))
    for e, ops in [('', [0, 0]), (',', [0, [0], [0]]), (',', [[0]]), ('i', [0]), ('ij', [[0, 0]]), ('...i', [0]),
                   ('i...j', [[0, 0]]), ('i...', [0]), ('ij...', [[0, 0]]), ('i..', [[0, 0]]), ('.i...', [[0, 0]]),
                   ('j->..j', [[0, 0]]), ('j->.j...', [[0, 0]]), ('i%...', [[0, 0]]), ('...j$', [[0, 0]]),
                   ('i->&', [[0, 0]]), ('i->ij', [[0, 0]]), ('ij->jij', [[[0, 0], [0, 0]]]), ('ii', [np.arange(6).reshape(2, 3)]),
                   ('ii->i', [np.arange(6).reshape(2, 3)]), ('aabcb,abc', [np.ones((3, 3, 4, 5, 6)), np.ones((3, 4, 5))]),
                   ('i', [np.arange(6).reshape(2, 3)]), ('i-j', [one]), ('i,i', [one]), ('i->', [one, one]),
                   ('i,i', [np.ones(2), np.ones(3)]), ('ij,jk', [two, np.ones((3, 2))]), ('i->i->i', [one]),
                   ('...i->i', [two]), ('i1', [one])]:
        record(fx, 'einsum errors', 'einsum', [e, *[np.asarray(o) for o in ops]], {}, title=f'error {e!r}')
    record(fx, 'einsum errors', 'einsum', [np.ones(2), Sub([0, 52])], {}, title='error: sublist label 52')
    record(fx, 'einsum errors', 'einsum', [np.ones(2), Sub([0, 'x'])], {}, title='error: sublist label x')
    record(fx, 'einsum errors', 'einsum', [','.join(['i'] * 64) + '->', *([np.ones(2)] * 64)], {}, title='error: 64 operands')
    record(fx, 'einsum', 'einsum', [','.join(['i'] * 63) + '->', *([np.ones(2)] * 63)], {}, title='63 operands')


# ---- distances ---------------------------------------------------------------------------

def distance_cases(fx):
    g = 'cdist'
    rng = fx.rng
    X = rng.random((30, 5))
    Y = rng.random((25, 5))
    # SciPy's cosine, 1 - a.b / (|a| |b|), is only accurate to about (2d + 3) u absolutely.
    cos_atol = lambda d: (2 * d + 3) * 2.0 ** -53  # noqa: E731
    for metric in ['euclidean', 'sqeuclidean', 'cosine']:
        at = {'atol': cos_atol(5)} if metric == 'cosine' else {}
        record(fx, g, 'cdist', [X, Y], {'metric': metric}, tol=1e-12, title=f'{metric} random', **at)
        record(fx, g, 'cdist', [X, X], {'metric': metric}, tol=1e-12, title=f'{metric} cdist(X, X)', **at)
        record(fx, g, 'pdist', [X], {'metric': metric}, tol=1e-12, title=f'pdist {metric}', **at)
    Z = rng.standard_normal((40, 8))
    near = Z + 1e-9 * rng.standard_normal((40, 8))
    for metric in ['euclidean', 'sqeuclidean', 'cosine']:
        at = {'atol': cos_atol(8)} if metric == 'cosine' else {}
        record(fx, g, 'cdist', [Z, near], {'metric': metric}, tol=1e-12, title=f'{metric} near-duplicate points', **at)
    far = 1e6 + rng.random((30, 4))
    record(fx, g, 'cdist', [far, far + 1e-3 * rng.random((30, 4))], {}, tol=1e-12, title='euclidean far from the origin')
    record(fx, g, 'cdist', [far, far], {'metric': 'sqeuclidean'}, tol=1e-12, title='sqeuclidean far, same')
    hi = rng.standard_normal((16, 120))
    record(fx, g, 'cdist', [hi, hi[:13] + 1e-7], {}, tol=1e-12, title='euclidean d=300')
    scales = rng.standard_normal((25, 6)) * np.logspace(-8, 8, 25)[:, None]
    record(fx, g, 'cdist', [scales, scales[::-1]], {}, tol=1e-12, title='euclidean mixed scales')
    record(fx, g, 'cdist', [scales, scales[::-1]], {'metric': 'cosine'}, tol=1e-12, title='cosine mixed scales', atol=cos_atol(6))
    X32 = X.astype(np.float32)
    Y32 = Y.astype(np.float32)
    for metric in ['euclidean', 'sqeuclidean', 'cosine']:
        record(fx, g, 'cdist', [X32, Y32], {'metric': metric}, tol=1e-5, title=f'float32 {metric}', **({'atol': 1e-7} if metric == 'cosine' else {}))
    record(fx, g, 'cdist', [X32, X32], {}, tol=1e-5, title='float32 cdist(X, X)')
    Zr = X.copy()
    Zr[3] = 0
    record(fx, g, 'cdist', [Zr, Y], {'metric': 'cosine'}, tol=1e-12, title='cosine zero row', atol=cos_atol(5))
    record(fx, g, 'cdist', [np.arange(12, dtype=np.int16).reshape(4, 3), np.arange(6, dtype=np.int16).reshape(2, 3)], {}, tol=1e-15, title='int16 input')
    record(fx, g, 'cdist', [np.ones((2, 3), dtype=bool), np.zeros((2, 3), dtype=bool)], {}, tol=1e-15, title='bool input')
    record(fx, g, 'cdist', [np.empty((2, 0)), np.empty((3, 0))], {}, title='d = 0')
    record(fx, g, 'cdist', [np.empty((2, 0)), np.empty((3, 0))], {'metric': 'cosine'}, title='cosine d = 0')
    record(fx, g, 'cdist', [np.empty((0, 3)), np.ones((2, 3))], {}, title='m = 0')
    nanX = X[:5].copy()
    nanX[1, 2] = np.nan
    nanX[2, 0] = np.inf
    record(fx, g, 'cdist', [nanX, nanX], {}, tol=1e-12, title='nan and inf rows, same')
    big = rng.random((90, 12))
    record(fx, g, 'cdist', [big, big[:25]], {'chunkSize': 7}, tol=1e-12, title='chunkSize 7')
    record(fx, g, 'cdist', [big[::-2, ::2], big[:25, ::2].T.copy().T], {}, tol=1e-12, title='strided inputs')
    record(fx, g, 'cdist', [np.ones(3), np.ones((2, 3))], {}, title='error: XA 1-D')
    record(fx, g, 'cdist', [np.ones((2, 3)), np.ones(3)], {}, title='error: XB 1-D')
    record(fx, g, 'cdist', [np.ones((2, 3)), np.ones((2, 4))], {}, title='error: columns differ')
    record(fx, g, 'cdist', [np.ones((2, 3)), np.ones((2, 3))], {'metric': 'foo'}, title='error: unknown metric')
    record(fx, g, 'pdist', [np.ones(3)], {}, title='error: pdist 1-D')
    record(fx, g, 'pdist', [np.ones((1, 3))], {}, title='pdist one row')
    g = 'squareform'
    v = rng.random(10)
    record(fx, g, 'squareform', [v], title='vector to matrix')
    record(fx, g, 'squareform', [np.arange(3, dtype=np.int32)], title='int32 vector')
    record(fx, g, 'squareform', [np.zeros(0)], title='empty vector')
    record(fx, g, 'squareform', [spd.squareform(v)], title='matrix to vector')
    record(fx, g, 'squareform', [np.zeros((1, 1))], title='1x1 matrix')
    record(fx, g, 'squareform', [np.ones(4)], title='error: not n choose 2')
    record(fx, g, 'squareform', [np.ones((2, 3))], title='error: not square')
    record(fx, g, 'squareform', [np.array([[0, 1], [2, 0.]])], title='error: not symmetric')
    record(fx, g, 'squareform', [np.array([[1, 1], [1, 0.]])], title='error: diagonal')
    record(fx, g, 'squareform', [np.ones((2, 2, 2))], title='error: 3-D')
    record(fx, g, 'squareform', [np.array([[0, 1], [2, 0.]])], {'checks': False}, title='checks false')


def build(seed, n_random):
    fx = Fixture(seed)
    fx.einsum_count = 0
    matmul_cases(fx)
    product_cases(fx)
    diag_cases(fx)
    norm_cases(fx)
    close_cases(fx)
    einsum_cases(fx, n_random)
    distance_cases(fx)
    return {
        'generator': 'scripts/gen-linalg-fixtures.py',
        'numpy_version': np.__version__,
        'scipy_version': __import__('scipy').__version__,
        'seed': seed,
        'einsum_expressions': fx.einsum_count,
        'bases': {k: v[0] for k, v in fx.bases.items()},
        'cases': fx.cases,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seed', type=int, default=DEFAULT_SEED)
    p.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'linalg.json'))
    p.add_argument('--random-einsum', type=int, default=90, help='generated einsum expressions (default 90)')
    a = p.parse_args()
    doc = build(a.seed, a.random_einsum)
    text = json.dumps(doc, separators=(',', ':'))
    if a.out == '-':
        sys.stdout.write(text)
        return
    out = os.path.abspath(a.out)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(out), prefix='.linalg-', suffix='.json')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.replace(tmp, out)
    print(f'wrote {out}: {len(doc["cases"])} cases, {doc["einsum_expressions"]} einsum expressions, {len(text) / 1e6:.2f} MB',
          file=sys.stderr)


if __name__ == '__main__':
    main()
