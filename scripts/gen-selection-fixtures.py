#!/usr/bin/env python3
"""Generate test/fixtures/selection.json: NumPy's answers for numnode's selection,
sorting and order-statistics suites (issue 10). Every expectation comes from the
running NumPy.

What is recorded:

  * index:  a corpus of mixed indexing expressions a[items] (integers, slices,
            np.newaxis, Ellipsis, booleans, integer and boolean arrays given as
            lists or as arrays), each on an array of some dtype and view layout
            (contiguous, transposed, negative strides, offset/strided, broadcast),
            with NumPy's result (dtype, shape, values, whether it is a view) or its
            error, and the assignment a[items] = value with the array's values
            afterwards (or the error, the array then unchanged).
  * sort:   np.sort / np.argsort (kind='stable' and the default kind) along every
            axis and axis=None, every dtype and layout, with NaNs, -0.0, ties and
            int64/uint64 extremes.
  * big:    long lanes (radix and threaded paths) built from a formula that the
            test reproduces (see `formula`), recorded as FNV-1a hashes of the
            result bytes, so the fixture stays small.
  * calls:  everything else (partition, argpartition, lexsort, searchsorted,
            unique, bincount, histogram, digitize, median, percentile, quantile
            with every method, the nan-variants, take, put, compress, extract,
            nonzero, argwhere, flatnonzero, where, choose, take_along_axis,
            put_along_axis, repeat, tile, flip, roll, pad) as {fn, args, opts,
            result | error}; the test maps fn onto the numnode call.

Value encoding (as scripts/gen-core-fixtures.py): bool -> true/false; int8..uint32
-> numbers; int64/uint64 -> decimal strings; floats -> repr() of the float64 value.
Input tags: {"$arr": {dtype, shape, data, steps}} an array built from a base and
replayed layout steps (test/helpers/layouts.ts applySteps); {"$list": nested} a
nested JS array; {"$big": "digits"} a bigint; {"$bool": b} a boolean scalar index.

Usage:
  python3 scripts/gen-selection-fixtures.py                 # test/fixtures/selection.json (seed 20241010)
  python3 scripts/gen-selection-fixtures.py --seed 7 --out /tmp/x.json
"""

import argparse
import json
import os
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES, INT_DTYPES, enc_scalar, enc_values  # noqa: E402

DEFAULT_SEED = 20241010
FLOAT_DTYPES = ['float32', 'float64']
LAYOUTS = ['contiguous', 'transposed', 'negative', 'strided', 'broadcast']

warnings.simplefilter('ignore')

# ---------------------------------------------------------------------------
# encoding


def enc_out(r):
    """A result: an array, a scalar, or a tuple/list of results."""
    if isinstance(r, (tuple, list)):
        return {'tuple': [enc_out(x) for x in r]}
    if isinstance(r, np.ndarray):
        return {'array': {'dtype': r.dtype.name, 'shape': list(r.shape), 'values': enc_values(r)}}
    if isinstance(r, np.generic):
        return {'scalar': enc_scalar(r, r.dtype.name), 'dtype': r.dtype.name}
    if isinstance(r, (bool, np.bool_)):
        return {'scalar': bool(r), 'dtype': 'bool'}
    if isinstance(r, int):
        return {'scalar': r, 'dtype': 'int'}
    if isinstance(r, float):
        return {'scalar': repr(r), 'dtype': 'float'}
    raise TypeError(type(r))


def err(e):
    return {'type': type(e).__name__, 'msg': str(e)}


def fnv(a):
    """FNV-1a 32-bit over the C-order bytes of an array (what the test hashes too)."""
    h = 0x811C9DC5
    for b in np.ascontiguousarray(a).view(np.uint8).ravel().tolist():
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# ---------------------------------------------------------------------------
# arrays and layouts


def rand_values(rng, dtype, n, special=True):
    """n values of a dtype with ties, extremes and (floats) NaN, +-0.0, +-inf."""
    if dtype == 'bool':
        return rng.integers(0, 2, n).astype(bool)
    if dtype in INT_DTYPES:
        info = np.iinfo(dtype)
        k = rng.integers(0, 3)
        if k == 0:  # small range: many ties
            lo = max(int(info.min), -5)
            v = rng.integers(lo, lo + 10, n)
        elif dtype == 'uint64':
            v = rng.integers(0, 2**64 - 1, n, endpoint=True, dtype=np.uint64)
        elif dtype == 'int64':
            v = rng.integers(-2**63, 2**63 - 1, n, endpoint=True, dtype=np.int64)
        else:
            v = rng.integers(int(info.min), int(info.max), n, endpoint=True, dtype=np.int64)
        v = np.asarray(v).astype(dtype)
        if special and n > 2:
            for x in (info.min, info.max, 0):
                v[rng.integers(0, n)] = x
        return v
    v = np.round(rng.normal(0, 10, n), 1).astype(dtype)
    if special and n > 3:
        for x in (np.nan, -0.0, 0.0, np.inf, -np.inf, np.nan):
            if rng.random() < 0.7:
                v[rng.integers(0, n)] = x
        # ties
        if n > 5:
            v[rng.integers(0, n)] = v[0]
    return v


def layout_steps(rng, layout, shape):
    """A base shape and the steps that turn it into a view of `shape` with the given layout."""
    nd = len(shape)
    if layout == 'contiguous' or nd == 0:
        return list(shape), []
    if layout == 'transposed':
        return list(reversed(shape)), [{'op': 'transpose', 'axes': None}]
    if layout == 'negative':
        return list(shape), [{'op': 'slice', 'items': [{'slice': [None, None, -1]}] * nd}]
    if layout == 'strided':
        base = [shape[0] + 1] + [2 * d for d in shape[1:]]
        items = [{'slice': [1, None, None]}] + [{'slice': [None, None, 2]}] * (nd - 1)
        if nd == 1:
            base = [2 * shape[0] + 1]
            items = [{'slice': [1, None, 2]}]
        return base, [{'op': 'slice', 'items': items}]
    if layout == 'broadcast':
        base = [1] + list(shape[1:])
        return base, [{'op': 'broadcast_to', 'shape': list(shape)}]
    raise ValueError(layout)


def apply_steps(a, steps):
    for st in steps:
        if st['op'] == 'transpose':
            a = a.T if st.get('axes') is None else a.transpose(st['axes'])
        elif st['op'] == 'slice':
            a = a[tuple(dec_item(i) for i in st['items'])]
        elif st['op'] == 'broadcast_to':
            a = np.broadcast_to(a, st['shape'])
        else:
            raise ValueError(st)
    return a


def make_input(rng, dtype, shape, layout='contiguous', values=None, special=True):
    """(NumPy array with that layout, its JSON input)."""
    base_shape, steps = layout_steps(rng, layout, shape)
    n = int(np.prod(base_shape)) if base_shape else 1
    base = (values if values is not None else rand_values(rng, dtype, n, special)).astype(dtype).reshape(base_shape)
    a = apply_steps(base, steps)
    spec = {'$arr': {'dtype': dtype, 'shape': list(base_shape), 'data': enc_values(base), 'steps': steps}}
    return a, spec


def dec_item(it):
    if isinstance(it, dict) and 'slice' in it:
        return slice(*it['slice'])
    if it == '...':
        return Ellipsis
    return it


# ---------------------------------------------------------------------------
# the indexing corpus


def rand_slice(rng, n):
    def part(allow_none=True):
        if allow_none and rng.random() < 0.4:
            return None
        return int(rng.integers(-n - 2, n + 3))
    step = None if rng.random() < 0.5 else int(rng.choice([-3, -2, -1, 1, 2, 3]))
    return {'slice': [part(), part(), step]}


def idx_input(arr, form):
    if form == 'list':
        return {'$list': arr.tolist()}
    return {'$idx': {'dtype': arr.dtype.name, 'shape': list(arr.shape), 'data': enc_values(arr)}}


def gen_expression(rng, shape):
    """A random index (JSON items, NumPy tuple) for an array of `shape`: items are
    added until they consume every axis (now and then one more, to test the error)."""
    nd = len(shape)
    items, py = [], []
    axis = 0
    used_ellipsis = False
    prev_ishape = None
    target = nd + (1 if rng.random() < 0.06 else 0)
    if nd > 0 and rng.random() < 0.3:
        target = int(rng.integers(1, nd + 1))  # leave trailing axes unindexed
    guard = 0
    while axis < target or (not items):
        guard += 1
        if guard > 12:
            break
        r = rng.random()
        left = nd - axis
        if r < 0.07 and not used_ellipsis:
            items.append('...'); py.append(Ellipsis); used_ellipsis = True
            continue
        if r < 0.14:
            items.append(None); py.append(None); continue
        if r < 0.18:
            b = bool(rng.random() < 0.7)
            items.append({'$bool': b}); py.append(b); continue
        n = shape[axis] if axis < nd else 3
        if nd == 0 and rng.random() < 0.8:
            continue  # a 0-d array takes no consuming items (but see the error cases)
        if r < 0.36:
            v = int(rng.integers(-n - 1, n + 1)) if rng.random() < 0.1 else (int(rng.integers(-n, n)) if n > 0 else 0)
            items.append(v); py.append(v); axis += 1; continue
        if r < 0.56:
            s = rand_slice(rng, n)
            items.append(s); py.append(slice(*s['slice'])); axis += 1; continue
        if r < 0.82:
            ishape = [int(x) for x in rng.integers(0, 4, int(rng.integers(1, 3)))]
            if rng.random() < 0.5:
                ishape = [int(rng.integers(1, 5))]
            if prev_ishape is not None and rng.random() < 0.75:
                # mostly shapes that broadcast with the previous index array
                ishape = list(prev_ishape) if rng.random() < 0.6 else [1] + list(prev_ishape)
                if rng.random() < 0.3 and ishape:
                    ishape[-1] = 1
            prev_ishape = ishape
            lo, hi = (-n, n) if n > 0 else (0, 1)
            if rng.random() < 0.06:
                hi = n + 2
            vals = rng.integers(lo, max(hi, lo + 1), ishape)
            dt = str(rng.choice(['int64', 'int32', 'uint8', 'int16'])) if rng.random() < 0.3 else 'int64'
            if dt in ('uint8',):
                vals = np.abs(vals)
            arr = vals.astype(dt)
            form = 'list' if (dt == 'int64' and rng.random() < 0.5) else 'array'
            items.append(idx_input(arr, form)); py.append(arr if form == 'array' else arr.tolist())
            axis += 1
            continue
        # boolean array over the next k axes (now and then of a wrong shape)
        k = int(rng.integers(1, left + 1)) if left > 0 else 1
        bshape = list(shape[axis:axis + k]) if left > 0 else [2]
        if rng.random() < 0.06 and bshape:
            bshape[0] += 1
        m = rng.random(bshape) < 0.5
        form = 'list' if rng.random() < 0.3 else 'array'
        items.append(idx_input(m, form)); py.append(m if form == 'array' else m.tolist())
        axis += len(bshape)
    return items, py


def gen_index(rng, count):
    cases = []
    shapes = [(5,), (7,), (3, 4), (4, 3), (2, 3, 4), (3, 1, 5), (2, 2, 3, 2), (0, 3), (4, 0), ()]
    while len(cases) < count:
        shape = shapes[int(rng.integers(0, len(shapes)))]
        dtype = DTYPES[int(rng.integers(0, len(DTYPES)))]
        layout = LAYOUTS[int(rng.integers(0, len(LAYOUTS)))] if len(shape) > 0 else 'contiguous'
        if layout == 'broadcast' and rng.random() < 0.6:
            layout = 'strided'
        if layout == 'broadcast' and (len(shape) == 0 or shape[0] == 0):
            layout = 'contiguous'
        a, spec = make_input(rng, dtype, shape, layout)
        items, py = gen_expression(rng, shape)
        case = {'arr': spec, 'items': items}
        try:
            r = a[tuple(py)]
            r = np.asarray(r)
            case['get'] = {'dtype': r.dtype.name, 'shape': list(r.shape), 'values': enc_values(r),
                           'view': bool(r.size > 0 and np.shares_memory(r, a))}
        except Exception as e:  # noqa: BLE001
            case['get'] = {'error': err(e)}
        # the assignment: a scalar or an array shaped like the result (sometimes broadcastable, sometimes not)
        value, vin = set_value(rng, dtype, case['get'])
        # assign through the same layout over a fresh copy of the base (read-only when broadcast)
        w = apply_steps(decode_base(spec), spec['$arr']['steps'])
        try:
            w[tuple(py)] = value
            case['set'] = {'value': vin, 'values': enc_values(w)}
        except Exception as e:  # noqa: BLE001
            case['set'] = {'value': vin, 'error': err(e)}
        cases.append(case)
    return cases


def decode_base(spec):
    s = spec['$arr']
    d = s['dtype']
    vals = []
    for x in s['data']:
        if d == 'bool':
            vals.append(bool(x))
        elif d in INT_DTYPES:
            vals.append(int(x))
        else:
            vals.append(float(x))
    return np.array(vals, dtype=d).reshape(s['shape'])


def set_value(rng, dtype, get):
    """A value to assign: a Python scalar, or an array of the result's shape (or one that broadcasts)."""
    r = rng.random()
    shape = get.get('shape')
    if shape is None or r < 0.35:
        if dtype == 'bool':
            v = bool(rng.random() < 0.5)
        elif dtype in FLOAT_DTYPES:
            v = float(rng.integers(-50, 50)) + 0.5
        else:
            info = np.iinfo(dtype)
            v = int(rng.integers(max(int(info.min), -100), min(int(info.max), 100)))
        if isinstance(v, bool):
            return v, {'$bool': v}
        return v, v
    vshape = list(shape)
    if r < 0.55 and vshape:
        vshape = vshape[1:]  # broadcasts along the first axis
    elif r < 0.65 and vshape:
        vshape = [1] + vshape  # leading length-1 axis, which NumPy strips
    elif r < 0.72:
        vshape = [d + 1 for d in vshape] or [2]  # does not broadcast
    n = int(np.prod(vshape)) if vshape else 1
    vdt = dtype if rng.random() < 0.8 else str(rng.choice(['int16', 'float64']))
    vals = rand_values(rng, vdt, n, special=False).reshape(vshape)
    if vdt in FLOAT_DTYPES and dtype in INT_DTYPES + ['bool']:
        vals = np.nan_to_num(vals, nan=1.5, posinf=2.5, neginf=-2.5)
    return vals, {'$idx': {'dtype': vals.dtype.name, 'shape': list(vals.shape), 'data': enc_values(vals)}}


# ---------------------------------------------------------------------------
# sorting


def gen_sort(rng):
    cases = []
    shapes = [(0,), (1,), (2,), (17,), (100,), (700,), (3, 5), (4, 0), (2, 3, 4), (5, 40)]
    for dtype in DTYPES:
        for shape in shapes:
            if shape == (700,) and dtype not in ('uint8', 'int32', 'int64', 'float64'):
                continue
            for layout in LAYOUTS:
                if layout == 'broadcast' and shape[0] == 0:
                    continue
                if len(shape) == 1 and shape[0] > 100 and layout not in ('contiguous', 'negative'):
                    continue
                a, spec = make_input(rng, dtype, shape, layout)
                for axis in list(range(-1, len(shape))) + [None]:
                    if axis == -1 and len(shape) == 1:
                        continue
                    c = {'arr': spec, 'axis': axis}
                    c['sort'] = enc_out(np.sort(a, axis=axis, kind='stable'))
                    c['argsort'] = enc_out(np.argsort(a, axis=axis, kind='stable'))
                    cases.append(c)
    return cases


# Long lanes from a formula both sides compute (test/helpers/selection.ts formulaValues).
def mix32(i):
    """A 32-bit mixing hash of the integers in i (uint32 arithmetic)."""
    x = (np.asarray(i, dtype=np.uint64) * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(13)
    x = (x * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    return x


def formula(dtype, n, salt):
    i = np.arange(n, dtype=np.uint64) + np.uint64(salt * 1000003)
    h = mix32(i)
    h2 = mix32(i + np.uint64(0x5BD1E995))
    if dtype == 'bool':
        return (h & np.uint64(1)).astype(bool)
    if dtype in ('int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32'):
        bits = np.dtype(dtype).itemsize * 8
        v = (h & np.uint64((1 << bits) - 1)).astype(np.uint64)
        return v.astype('u%d' % np.dtype(dtype).itemsize).view(dtype)
    if dtype in ('int64', 'uint64'):
        v = (h << np.uint64(32)) | h2
        # ties: every 8th value repeats a small one
        v = np.where(h % np.uint64(8) == 0, h % np.uint64(5), v)
        return v.view(dtype) if dtype == 'int64' else v
    f = (h.astype(np.float64) / 4294967296.0 - 0.5) * 1000.0
    f = np.where(h % np.uint64(97) == 0, np.nan, f)
    f = np.where(h % np.uint64(89) == 0, -0.0, f)
    f = np.where(h % np.uint64(83) == 0, 0.0, f)
    f = np.where(h % np.uint64(11) == 0, np.round(f), f)  # ties
    return f.astype(dtype)


def gen_big(rng):
    cases = []
    for dtype in DTYPES:
        for (shape, axis) in [((20000,), -1), ((3, 5000), -1), ((4000, 3), 0)]:
            n = int(np.prod(shape))
            salt = int(rng.integers(0, 1000))
            a = formula(dtype, n, salt).reshape(shape)
            s = np.sort(a, axis=axis, kind='stable')
            i = np.argsort(a, axis=axis, kind='stable')
            kth = [0, shape[axis] // 3, shape[axis] - 1]
            cases.append({'dtype': dtype, 'shape': list(shape), 'axis': axis, 'salt': salt,
                          'input': fnv(a), 'sort': fnv(s), 'argsort': fnv(i.astype(np.int64)), 'kth': kth,
                          'median': enc_out(np.median(a, axis=axis)) if dtype != 'bool' else None,
                          'percentile': enc_out(np.percentile(a, [5, 50, 95], axis=axis)) if dtype != 'bool' else None})
    return cases


# ---------------------------------------------------------------------------
# everything else: calls


class Calls:
    def __init__(self, rng):
        self.rng = rng
        self.cases = []

    def add(self, fn, args, opts, run):
        """args/opts are the JSON inputs; run() computes NumPy's answer."""
        c = {'fn': fn, 'args': args, 'opts': opts}
        try:
            c['result'] = enc_out(run())
        except Exception as e:  # noqa: BLE001
            c['error'] = err(e)
        self.cases.append(c)

    def arr(self, dtype, shape, layout='contiguous', values=None, special=True):
        return make_input(self.rng, dtype, shape, layout, values, special)


def enc_py(x):
    """A Python scalar / list argument as JSON."""
    if isinstance(x, bool):
        return {'$bool': x}
    return x


def gen_calls(rng):
    C = Calls(rng)
    r = rng

    # partition / argpartition: checked by their defining property against np.sort
    # (recorded once per input; the test runs every kth of the case).
    for dtype in DTYPES:
        for shape, axis in [((9,), -1), ((30,), 0), ((4, 6), 0), ((4, 6), 1), ((2, 3, 5), -1), ((600,), -1)]:
            a, s = C.arr(dtype, shape, LAYOUTS[int(r.integers(0, 4))])
            n = shape[axis]
            C.add('partition', [s, {'$kths': [0, n - 1, n // 2, [1, n // 2, n - 2], -1]}], {'axis': axis},
                  lambda a=a, axis=axis: np.sort(a, axis=axis, kind='stable'))
    a, s = C.arr('float64', (5,))
    for kth in [5, -6, [0, 7]]:
        C.add('partition', [s, kth], {}, lambda a=a, kth=kth: np.partition(a, kth))
    C.add('partition', [s, 1], {'axis': None}, lambda a=a: np.sort(a, axis=None))

    # lexsort
    for n in [0, 1, 6, 40]:
        k1 = r.integers(0, 3, n)
        k2 = r.integers(0, 3, n)
        k3 = np.round(r.normal(size=n), 0)
        C.add('lexsort', [[{'$arr': {'dtype': 'int64', 'shape': [n], 'data': enc_values(k1), 'steps': []}},
                           {'$arr': {'dtype': 'int64', 'shape': [n], 'data': enc_values(k2), 'steps': []}},
                           {'$arr': {'dtype': 'float64', 'shape': [n], 'data': enc_values(k3), 'steps': []}}]], {},
              lambda k1=k1, k2=k2, k3=k3: np.lexsort((k1, k2, k3)))
    a, s = C.arr('int16', (3, 8))
    C.add('lexsort', [s], {}, lambda a=a: np.lexsort(a))
    C.add('lexsort', [s], {'axis': 0}, lambda a=a: np.lexsort(a, axis=0))

    # searchsorted
    for dtype in DTYPES:
        a = np.sort(rand_values(r, dtype, 12))
        sa = {'$arr': {'dtype': dtype, 'shape': [12], 'data': enc_values(a), 'steps': []}}
        v = rand_values(r, dtype, 7)
        sv = {'$arr': {'dtype': dtype, 'shape': [7], 'data': enc_values(v), 'steps': []}}
        for side in ['left', 'right']:
            C.add('searchsorted', [sa, sv], {'side': side}, lambda a=a, v=v, side=side: np.searchsorted(a, v, side=side))
        perm = r.permutation(12)
        un = a[perm]
        sorter = np.argsort(un, kind='stable')
        C.add('searchsorted', [{'$arr': {'dtype': dtype, 'shape': [12], 'data': enc_values(un), 'steps': []}}, sv],
              {'sorter': {'$arr': {'dtype': 'int64', 'shape': [12], 'data': enc_values(sorter), 'steps': []}}},
              lambda un=un, v=v, sorter=sorter: np.searchsorted(un, v, sorter=sorter))
    a = np.array([1, 2, 2, 3, 5], dtype='int32')
    sa = {'$arr': {'dtype': 'int32', 'shape': [5], 'data': enc_values(a), 'steps': []}}
    for v in [2, 2.5, -7, 100]:
        for side in ['left', 'right']:
            C.add('searchsorted', [sa, v], {'side': side}, lambda v=v, side=side: np.searchsorted(a, v, side=side))
    C.add('searchsorted', [sa, 2], {'side': 'middle'}, lambda: np.searchsorted(a, 2, side='middle'))
    two = {'$arr': {'dtype': 'int32', 'shape': [1, 5], 'data': enc_values(a), 'steps': []}}
    C.add('searchsorted', [two, 2], {}, lambda: np.searchsorted(a.reshape(1, 5), 2))

    # unique
    for dtype in DTYPES:
        for shape in [(0,), (1,), (12,), (3, 4)]:
            a, s = C.arr(dtype, shape, LAYOUTS[int(r.integers(0, 4))])
            C.add('unique', [s], {}, lambda a=a: np.unique(a))
            C.add('unique', [s], {'returnIndex': True, 'returnInverse': True, 'returnCounts': True},
                  lambda a=a: np.unique(a, return_index=True, return_inverse=True, return_counts=True))
            C.add('unique', [s], {'returnCounts': True}, lambda a=a: np.unique(a, return_counts=True))
    for dtype in ['int8', 'int64', 'float64', 'bool']:
        vals = rand_values(r, dtype, 6, special=False)
        rows = np.stack([vals[:3], vals[3:], vals[:3], vals[3:][::-1], vals[:3]])
        s = {'$arr': {'dtype': dtype, 'shape': list(rows.shape), 'data': enc_values(rows), 'steps': []}}
        for axis in [0, 1, -1]:
            C.add('unique', [s], {'axis': axis, 'returnIndex': True, 'returnInverse': True, 'returnCounts': True},
                  lambda rows=rows, axis=axis: np.unique(rows, axis=axis, return_index=True, return_inverse=True, return_counts=True))
            C.add('unique', [s], {'axis': axis}, lambda rows=rows, axis=axis: np.unique(rows, axis=axis))
    nanv = np.array([np.nan, 1.0, np.nan, -0.0, 1.0, np.nan])
    sn = {'$arr': {'dtype': 'float64', 'shape': [6], 'data': enc_values(nanv), 'steps': []}}
    C.add('unique', [sn], {'equalNan': False}, lambda: np.unique(nanv, equal_nan=False))
    C.add('unique', [sn], {'returnIndex': True, 'returnInverse': True, 'returnCounts': True},
          lambda: np.unique(nanv, return_index=True, return_inverse=True, return_counts=True))
    C.add('unique', [sn], {'axis': 3}, lambda: np.unique(nanv, axis=3))

    # bincount / histogram / digitize
    for n in [0, 1, 10, 50]:
        x = r.integers(0, 8, n)
        sx = {'$arr': {'dtype': 'int64', 'shape': [n], 'data': enc_values(x), 'steps': []}}
        C.add('bincount', [sx], {}, lambda x=x: np.bincount(x))
        C.add('bincount', [sx], {'minlength': 12}, lambda x=x: np.bincount(x, minlength=12))
        w = np.round(r.random(n), 2)
        sw = {'$arr': {'dtype': 'float64', 'shape': [n], 'data': enc_values(w), 'steps': []}}
        C.add('bincount', [sx], {'weights': sw}, lambda x=x, w=w: np.bincount(x, weights=w))
    C.add('bincount', [{'$list': [1, -1]}], {}, lambda: np.bincount([1, -1]))
    C.add('bincount', [{'$list': [[1]]}], {}, lambda: np.bincount(np.array([[1]])))
    C.add('bincount', [{'$arr': {'dtype': 'float64', 'shape': [1], 'data': ['1.5'], 'steps': []}}], {}, lambda: np.bincount(np.array([1.5])))
    for dtype in ['float64', 'float32', 'int32', 'int64', 'uint8']:
        for n in [0, 1, 7, 100]:
            vals = rand_values(r, dtype, n, special=False)
            s = {'$arr': {'dtype': dtype, 'shape': [n], 'data': enc_values(vals), 'steps': []}}
            for bins in [1, 3, 10]:
                C.add('histogram', [s], {'bins': bins}, lambda v=vals, b=bins: np.histogram(v, bins=b))
            C.add('histogram', [s], {'bins': 4, 'range': [-5.5, 12.25]}, lambda v=vals: np.histogram(v, bins=4, range=(-5.5, 12.25)))
            C.add('histogram', [s], {'bins': 5, 'density': True}, lambda v=vals: np.histogram(v, bins=5, density=True))
            edges = [-20.5, -3.25, 0.5, 7.75, 30.5]
            C.add('histogram', [s], {'bins': {'$list': edges}}, lambda v=vals: np.histogram(v, bins=edges))
            w = np.round(r.random(n), 3).astype('float32')
            sw = {'$arr': {'dtype': 'float32', 'shape': [n], 'data': enc_values(w), 'steps': []}}
            C.add('histogram', [s], {'bins': 3, 'weights': sw}, lambda v=vals, w=w: np.histogram(v, bins=3, weights=w))
    same = np.full(5, 3.25)
    ss = {'$arr': {'dtype': 'float64', 'shape': [5], 'data': enc_values(same), 'steps': []}}
    C.add('histogram', [ss], {'bins': 4}, lambda: np.histogram(same, bins=4))
    bad = np.array([1.5, np.nan])
    sb = {'$arr': {'dtype': 'float64', 'shape': [2], 'data': enc_values(bad), 'steps': []}}
    C.add('histogram', [sb], {}, lambda: np.histogram(bad))
    C.add('histogram', [ss], {'bins': {'$list': [3.5, 1.5]}}, lambda: np.histogram(same, bins=[3.5, 1.5]))
    C.add('histogram', [ss], {'range': [3.5, 1.5]}, lambda: np.histogram(same, range=(3.5, 1.5)))
    C.add('histogram', [ss], {'bins': 0}, lambda: np.histogram(same, bins=0))
    for right in [False, True]:
        x = np.array([-1.5, 0.5, 1.0, 2.0, 2.5, 7.5, np.nan])
        sx = {'$arr': {'dtype': 'float64', 'shape': [7], 'data': enc_values(x), 'steps': []}}
        for bins in [[0.5, 1.0, 2.5], [2.5, 1.0, 0.5], [1.0, 1.0, 3.5], [0.5]]:
            C.add('digitize', [sx, {'$list': bins}], {'right': right}, lambda x=x, b=bins, right=right: np.digitize(x, b, right=right))
    C.add('digitize', [{'$list': [1]}, {'$list': [3, 1, 2]}], {}, lambda: np.digitize([1], [3, 1, 2]))

    # order statistics
    methods = ['inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen',
               'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest']
    for dtype in DTYPES:
        for shape, axis in [((1,), None), ((7,), None), ((8,), None), ((4, 5), 0), ((4, 5), 1), ((2, 3, 4), [0, 2]), ((3, 4), None)]:
            a, s = C.arr(dtype, shape, LAYOUTS[int(r.integers(0, 4))])
            opts = {} if axis is None else {'axis': axis}
            ax = tuple(axis) if isinstance(axis, list) else axis
            C.add('median', [s], opts, lambda a=a, ax=ax: np.median(a, axis=ax))
            C.add('nanmedian', [s], opts, lambda a=a, ax=ax: np.nanmedian(a, axis=ax))
            for q in [0.5, 0.1, 0.9]:
                m = methods[int(r.integers(0, len(methods)))]
                C.add('quantile', [s, q], dict(opts, method=m), lambda a=a, ax=ax, q=q, m=m: np.quantile(a, q, axis=ax, method=m))
            qs = [0.05, 0.5, 0.95, 0.0, 0.99]
            sq = {'$list': qs}
            for m in methods:
                C.add('quantile', [s, sq], dict(opts, method=m), lambda a=a, ax=ax, m=m: np.quantile(a, qs, axis=ax, method=m))
            C.add('percentile', [s, 90], dict(opts, keepdims=True), lambda a=a, ax=ax: np.percentile(a, 90, axis=ax, keepdims=True))
            C.add('percentile', [s, 37.5], opts, lambda a=a, ax=ax: np.percentile(a, 37.5, axis=ax))
            C.add('nanpercentile', [s, {'$list': [10, 50]}], opts, lambda a=a, ax=ax: np.nanpercentile(a, [10, 50], axis=ax))
            C.add('nanquantile', [s, 0.25], dict(opts, method='weibull'), lambda a=a, ax=ax: np.nanquantile(a, 0.25, axis=ax, method='weibull'))
            C.add('quantile', [s, 1], opts, lambda a=a, ax=ax: np.quantile(a, 1, axis=ax))
            C.add('median', [s], dict(opts, keepdims=True), lambda a=a, ax=ax: np.median(a, axis=ax, keepdims=True))
    q32 = np.array([0.3, 0.7], dtype='float32')
    for dtype in ['float32', 'int16', 'float64']:
        a, s = C.arr(dtype, (9,), special=False)
        C.add('quantile', [s, {'$arr': {'dtype': 'float32', 'shape': [2], 'data': enc_values(q32), 'steps': []}}], {},
              lambda a=a: np.quantile(a, q32))
    i8 = np.array([-100, 100, 7], dtype='int8')
    si8 = {'$arr': {'dtype': 'int8', 'shape': [3], 'data': enc_values(i8), 'steps': []}}
    C.add('percentile', [si8, 25], {}, lambda: np.percentile(i8, 25))
    C.add('percentile', [si8, 75], {}, lambda: np.percentile(i8, 75))
    infs = np.array([1.0, np.inf, np.inf, -np.inf])
    sinf = {'$arr': {'dtype': 'float64', 'shape': [4], 'data': enc_values(infs), 'steps': []}}
    for q in [0, 50, 100, 62.5]:
        C.add('percentile', [sinf, q], {}, lambda q=q: np.percentile(infs, q))
    C.add('median', [sinf], {}, lambda: np.median(infs))
    allnan = np.array([[np.nan, np.nan], [1.0, np.nan]])
    san = {'$arr': {'dtype': 'float64', 'shape': [2, 2], 'data': enc_values(allnan), 'steps': []}}
    C.add('nanmedian', [san], {'axis': 1}, lambda: np.nanmedian(allnan, axis=1))
    C.add('nanquantile', [san, {'$list': [0.2, 0.8]}], {'axis': 1}, lambda: np.nanquantile(allnan, [0.2, 0.8], axis=1))
    C.add('nanpercentile', [san, 50], {}, lambda: np.nanpercentile(allnan, 50))
    empty = {'$arr': {'dtype': 'float64', 'shape': [0], 'data': [], 'steps': []}}
    C.add('percentile', [empty, 50], {}, lambda: np.percentile(np.zeros(0), 50))
    C.add('median', [empty], {}, lambda: np.median(np.zeros(0)))
    e03 = {'$arr': {'dtype': 'float64', 'shape': [0, 3], 'data': [], 'steps': []}}
    C.add('median', [e03], {'axis': 0}, lambda: np.median(np.zeros((0, 3)), axis=0))
    x7 = {'$arr': {'dtype': 'float64', 'shape': [3], 'data': ['1.5', '2.5', '3.5'], 'steps': []}}
    xx = np.array([1.5, 2.5, 3.5])
    C.add('quantile', [x7, 1.5], {}, lambda: np.quantile(xx, 1.5))
    C.add('percentile', [x7, -1], {}, lambda: np.percentile(xx, -1))
    C.add('quantile', [x7, 0.5], {'method': 'foo'}, lambda: np.quantile(xx, 0.5, method='foo'))
    bools = {'$arr': {'dtype': 'bool', 'shape': [2], 'data': [True, False], 'steps': []}}
    C.add('percentile', [bools, 50], {}, lambda: np.percentile(np.array([True, False]), 50))
    C.add('percentile', [bools, 50], {'method': 'lower'}, lambda: np.percentile(np.array([True, False]), 50, method='lower'))

    # take / put / compress / extract / nonzero / argwhere / flatnonzero / where / choose / along-axis
    for dtype in DTYPES:
        a, s = C.arr(dtype, (3, 4), LAYOUTS[int(r.integers(0, 5))])
        idx = r.integers(-4, 4, (2, 3))
        si = {'$arr': {'dtype': 'int64', 'shape': [2, 3], 'data': enc_values(idx), 'steps': []}}
        for axis in [None, 0, 1, -1]:
            C.add('take', [s, si], {'axis': axis}, lambda a=a, axis=axis: np.take(a, idx, axis=axis))
        big = {'$list': [0, 5, -7, 13]}
        for mode in ['raise', 'wrap', 'clip']:
            C.add('take', [s, big], {'axis': 1, 'mode': mode}, lambda a=a, mode=mode: np.take(a, [0, 5, -7, 13], axis=1, mode=mode))
        C.add('take', [s, 2], {'axis': 0}, lambda a=a: np.take(a, 2, axis=0))
        b, sb = C.arr(dtype, (3, 4), ['contiguous', 'transposed', 'negative', 'strided'][int(r.integers(0, 4))])
        vals = rand_values(r, dtype, 3, special=False)
        sv = {'$arr': {'dtype': dtype, 'shape': [3], 'data': enc_values(vals), 'steps': []}}
        for ind, mode in [([0, 5, 11, 5], 'raise'), ([-1, 30], 'wrap'), ([-3, 99], 'clip'), ([2, 12], 'raise')]:
            def run_put(b=b, ind=ind, mode=mode):
                c = b.copy()
                np.put(c, ind, vals, mode=mode)
                return c
            C.add('put', [sb, {'$list': ind}, sv], {'mode': mode}, run_put)
        cond = r.random(4) < 0.5
        sc = {'$list': cond.tolist()}
        C.add('compress', [sc, s], {'axis': 1}, lambda a=a, cond=cond: np.compress(cond, a, axis=1))
        C.add('compress', [{'$list': [True, False, True]}, s], {}, lambda a=a: np.compress([True, False, True], a))
        C.add('compress', [{'$list': [False, True, False, False, True]}, s], {'axis': 0}, lambda a=a: np.compress([False, True, False, False, True], a, axis=0))
        m = r.random((3, 4)) < 0.4
        sm = {'$arr': {'dtype': 'bool', 'shape': [3, 4], 'data': enc_values(m), 'steps': []}}
        C.add('extract', [sm, s], {}, lambda a=a, m=m: np.extract(m, a))
        C.add('nonzero', [s], {}, lambda a=a: np.nonzero(a))
        C.add('argwhere', [s], {}, lambda a=a: np.argwhere(a))
        C.add('flatnonzero', [s], {}, lambda a=a: np.flatnonzero(a))
        C.add('where', [s], {}, lambda a=a: np.where(a))
        ia = np.argsort(a, axis=1, kind='stable')[:, :3]
        sia = {'$arr': {'dtype': 'int64', 'shape': [3, 3], 'data': enc_values(ia), 'steps': []}}
        C.add('takeAlongAxis', [s, sia], {'axis': 1}, lambda a=a, ia=ia: np.take_along_axis(a, ia, axis=1))
        i0 = np.array([[2, 0, 1, -1]])
        si0 = {'$arr': {'dtype': 'int64', 'shape': [1, 4], 'data': enc_values(i0), 'steps': []}}
        C.add('takeAlongAxis', [s, si0], {'axis': 0}, lambda a=a: np.take_along_axis(a, i0, axis=0))

        def run_pal(b=b, ia=ia):
            c = b.copy()
            np.put_along_axis(c, ia, vals[0], axis=1)
            return c
        C.add('putAlongAxis', [sb, sia, enc_scalar_in(vals[0], dtype)], {'axis': 1}, run_pal)
    for d in ['int64', 'float64', 'bool']:
        z, sz = C.arr(d, (0,))
        C.add('nonzero', [sz], {}, lambda z=z: np.nonzero(z))
    zero_d = {'$arr': {'dtype': 'float64', 'shape': [], 'data': ['3.5'], 'steps': []}}
    C.add('nonzero', [zero_d], {}, lambda: np.nonzero(np.array(3.5)))
    C.add('argwhere', [zero_d], {}, lambda: np.argwhere(np.array(3.5)))
    C.add('take', [{'$arr': {'dtype': 'float64', 'shape': [0], 'data': [], 'steps': []}}, {'$list': [0]}], {},
          lambda: np.take(np.zeros(0), [0]))
    C.add('takeAlongAxis', [s, {'$list': [5]}], {'axis': 1}, lambda a=a: np.take_along_axis(a, np.array([5]), axis=1))
    C.add('takeAlongAxis', [s, {'$list': [[5]]}], {'axis': 1}, lambda a=a: np.take_along_axis(a, np.array([[5]]), axis=1))
    C.add('compress', [{'$list': [[True]]}, s], {}, lambda a=a: np.compress([[True]], a))
    choice_a = np.array([[0, 1, 2, 1], [2, 2, 0, 0]])
    sca = {'$arr': {'dtype': 'int64', 'shape': [2, 4], 'data': enc_values(choice_a), 'steps': []}}
    c0 = np.arange(4, dtype='int16')
    c1 = np.array([[10], [20]], dtype='int8')
    sc0 = {'$arr': {'dtype': 'int16', 'shape': [4], 'data': enc_values(c0), 'steps': []}}
    sc1 = {'$arr': {'dtype': 'int8', 'shape': [2, 1], 'data': enc_values(c1), 'steps': []}}
    C.add('choose', [sca, [sc0, sc1, 7]], {}, lambda: np.choose(choice_a, [c0, c1, 7]))
    C.add('choose', [sca, [sc0, sc1]], {}, lambda: np.choose(choice_a, [c0, c1]))
    for mode in ['wrap', 'clip']:
        C.add('choose', [sca, [sc0, sc1]], {'mode': mode}, lambda mode=mode: np.choose(choice_a, [c0, c1], mode=mode))
    C.add('choose', [sca, [sc0, sc1, 2.5]], {}, lambda: np.choose(choice_a, [c0, c1, 2.5]))

    # repeat / tile / flip / roll / pad
    for dtype in ['int32', 'float64', 'bool', 'uint64']:
        a, s = C.arr(dtype, (2, 3), LAYOUTS[int(r.integers(0, 5))])
        C.add('repeat', [s, 2], {}, lambda a=a: np.repeat(a, 2))
        C.add('repeat', [s, {'$list': [1, 0, 3]}], {'axis': 1}, lambda a=a: np.repeat(a, [1, 0, 3], axis=1))
        C.add('repeat', [s, {'$list': [1, 2]}], {}, lambda a=a: np.repeat(a, [1, 2]))
        C.add('repeat', [s, -1], {}, lambda a=a: np.repeat(a, -1))
        for reps in [2, [2, 1], [1, 2, 2], [0, 3], -1]:
            C.add('tile', [s, {'$list': reps} if isinstance(reps, list) else reps], {}, lambda a=a, reps=reps: np.tile(a, reps))
        for axis in [None, 0, 1, [0, 1], 2]:
            C.add('flip', [s], {'axis': axis}, lambda a=a, axis=axis: np.flip(a, axis=tuple(axis) if isinstance(axis, list) else axis))
        for shift, axis in [(1, None), (-2, 0), (4, 1), ([1, 2], [0, 1]), (1, [0, 1, 0]), ([1, 2], [0])]:
            C.add('roll', [s, {'$list': shift} if isinstance(shift, list) else shift],
                  {'axis': ({'$list': axis} if isinstance(axis, list) else axis)},
                  lambda a=a, shift=shift, axis=axis: np.roll(a, shift, axis=tuple(axis) if isinstance(axis, list) else axis))
        for pw in [1, [1, 2], [[0, 2], [3, 1]], [[1, 2]], 7, -1, [[1, 2], [3, 4], [5, 6]]]:
            for mode in ['constant', 'edge', 'reflect', 'symmetric', 'wrap']:
                C.add('pad', [s, {'$list': pw} if isinstance(pw, list) else pw], {'mode': mode},
                      lambda a=a, pw=pw, mode=mode: np.pad(a, pw, mode=mode))
        C.add('pad', [s, 2], {'mode': 'constant', 'constantValues': {'$list': [[1, 2], [3, 4]]}},
              lambda a=a: np.pad(a, 2, mode='constant', constant_values=((1, 2), (3, 4))))
        C.add('pad', [s, 1], {'mode': 'foo'}, lambda a=a: np.pad(a, 1, mode='foo'))
    one = {'$arr': {'dtype': 'int64', 'shape': [1], 'data': ['4'], 'steps': []}}
    C.add('pad', [one, 3], {'mode': 'reflect'}, lambda: np.pad(np.array([4]), 3, mode='reflect'))
    e02 = {'$arr': {'dtype': 'int64', 'shape': [0, 2], 'data': [], 'steps': []}}
    C.add('pad', [e02, 1], {'mode': 'edge'}, lambda: np.pad(np.zeros((0, 2), dtype=np.int64), 1, mode='edge'))
    C.add('pad', [e02, 1], {}, lambda: np.pad(np.zeros((0, 2), dtype=np.int64), 1))
    return C.cases


def enc_scalar_in(x, dtype):
    if dtype == 'bool':
        return {'$bool': bool(x)}
    if dtype in ('int64', 'uint64'):
        return {'$big': str(int(x))}
    if dtype in INT_DTYPES:
        return int(x)
    v = float(x)
    return {'$float': repr(v)}


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=DEFAULT_SEED)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'selection.json'))
    ap.add_argument('--index-cases', type=int, default=800)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    doc = {
        'generator': 'scripts/gen-selection-fixtures.py',
        'numpy_version': np.__version__,
        'seed': args.seed,
        'index': gen_index(rng, args.index_cases),
        'sort': gen_sort(rng),
        'big': gen_big(rng),
        'calls': gen_calls(rng),
    }
    text = json.dumps(doc, separators=(',', ':'), allow_nan=False)
    if args.out == '-':
        sys.stdout.write(text)
        return
    out = os.path.abspath(args.out)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(out), suffix='.tmp')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    print(f'wrote {out}: {len(text) / 1e6:.2f} MB, {len(doc["index"])} index expressions, '
          f'{len(doc["sort"])} sort cases, {len(doc["big"])} long lanes, {len(doc["calls"])} calls')


if __name__ == '__main__':
    main()
