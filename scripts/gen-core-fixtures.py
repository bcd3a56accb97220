#!/usr/bin/env python3
"""Generate test/fixtures/core.json: NumPy's answers for numnode's core conformance suite.

What is recorded (every expectation comes from the running NumPy, never from memory):

  * bases:    per dtype, the 24 values of the base array every layout is cut from.
  * layouts:  recipes (a list of steps: reshape, slice, transpose, broadcast_to,
              view, copy, zeros, expand_dims) that build a layout from the base;
              test/helpers/layouts.ts replays the same steps in numnode.
  * cases:    for every dtype x layout: shape, byte strides, offset from the root
              buffer, flags, the values, and the results of copy / ravel / flatten /
              reshape / transpose / swapaxes / moveaxis / squeeze / expand_dims /
              broadcast_to / astype (to every dtype) / basic slicing expressions.
              An operation NumPy refuses is recorded as {"error": {type, msg}}.
  * pairs:    np.shares_memory / np.may_share_memory for pairs of views of one base.
  * creation: arange, linspace, eye, identity, full, zeros/ones, array (dtype
              inference), concatenate, stack.
  * errors:   exception type and message for named error cases; the test maps
              each name onto a numnode call.

Value encoding (lossless): bool -> true/false; int8..uint32 -> JSON numbers;
int64/uint64 -> decimal strings; float32/float64 -> repr() of the float64 value
('nan', 'inf', '-inf', '-0.0' included; a float32 value is recorded as the repr of
its exact float64 widening, which round-trips through JSON and JS's Number()).
Inputs given to numnode functions use JSON values plus the tags
{"$big": "digits"} (a JS bigint) and {"$array": {dtype, shape, data}} (an array).
Non-integral floats only: JS has no float 2.0 distinct from the integer 2, so a
Python float with an integral value would be inferred differently (numnode treats
integral JS numbers as Python ints, as documented in creation.ts).

astype: casts from a float to an integer dtype of NaN, +-inf or a value whose
truncation lies outside the target's range are undefined behaviour in C (NumPy
gives whatever the CPU gives, with a RuntimeWarning); those elements are recorded
as null and not compared. Everything else (float->bool, float64->float32 overflow
to inf, integer wrap-around, int64->float rounding) is defined and compared.

Usage:
  python3 scripts/gen-core-fixtures.py                      # writes test/fixtures/core.json (seed 20240611)
  python3 scripts/gen-core-fixtures.py --seed 7 --out /tmp/x.json
  python3 scripts/gen-core-fixtures.py --seed 7 --out -     # to stdout

The output is deterministic for a given seed; the file is written to a temporary
name next to the target and renamed, so a reader never sees a partial file.
"""

import argparse
import json
import math
import os
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES, INT_DTYPES, enc_scalar, enc_values  # noqa: E402

DEFAULT_SEED = 20240611
FLOAT_DTYPES = ['float32', 'float64']
N_BASE = 24

# ---------------------------------------------------------------------------
# encoding


def enc_array(a):
    """An array input for numnode ({"$array": ...})."""
    return {'$array': {'dtype': a.dtype.name, 'shape': list(a.shape), 'data': enc_values(a)}}


def dec_input(v):
    """The Python value of a JSON input (inverse of the tags above)."""
    if isinstance(v, dict):
        if '$big' in v:
            return int(v['$big'])
        if '$array' in v:
            spec = v['$array']
            return make_array(spec['dtype'], spec['shape'], spec['data'])
        raise ValueError(v)
    if isinstance(v, list):
        return [dec_input(x) for x in v]
    return v


def dec_scalar(x, dtype):
    if dtype == 'bool':
        return bool(x)
    if dtype in INT_DTYPES:
        return int(x)
    return float(x)


def make_array(dtype, shape, data):
    return np.array([dec_scalar(x, dtype) for x in data], dtype=dtype).reshape(shape)


def err(e):
    return {'type': type(e).__name__, 'msg': str(e)}


def addr(a):
    return a.__array_interface__['data'][0]


def meta(a, root):
    return {
        'shape': list(a.shape),
        'strides': list(a.strides),
        'offset': addr(a) - addr(root),
        'flags': {'c': bool(a.flags.c_contiguous), 'f': bool(a.flags.f_contiguous),
                  'writeable': bool(a.flags.writeable), 'owndata': bool(a.flags.owndata)},
    }


def is_view(r, a):
    """Whether r shares memory with a (None when either is empty: nothing to share)."""
    if r.size == 0 or a.size == 0:
        return None
    return bool(np.shares_memory(r, a))


# ---------------------------------------------------------------------------
# base data


def base_values(dtype, rng):
    n = N_BASE
    if dtype == 'bool':
        v = rng.integers(0, 2, n).astype(bool)
        v[0], v[1] = False, True
        return v
    if dtype in INT_DTYPES:
        info = np.iinfo(dtype)
        if dtype in ('int64', 'uint64'):
            v = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
            # int64 -> float32 needs one rounding, not two (via float64): 2**62 + 2**38 + 1
            # rounds up in a direct conversion and to even through a double.
            v[2] = 2 ** 62 + 2 ** 38 + 1
            v[3] = 2 ** 53 + 1
            if dtype == 'int64':
                v[4] = -(2 ** 62 + 2 ** 38 + 1)
            else:
                v[4] = 2 ** 63 + 2 ** 39 + 2 ** 38 + 1
        else:
            v = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
        v[0], v[1] = info.min, info.max
        v[5], v[6], v[7] = 0, 1, 2
        return v
    # floats: ordinary values plus the awkward ones
    v = np.round(rng.normal(0, 60, n), 3)
    specials = [np.nan, np.inf, -np.inf, -0.0, 0.5, -2.5, 255.9, -128.7, 70000.25, 3.0e9, -3.0e9,
                1.0e19, 1.0e300 if dtype == 'float64' else 3.0e38, 5e-324 if dtype == 'float64' else 1e-45,
                16777217.0, 0.1]
    idx = rng.permutation(n)[:len(specials)]
    for i, s in zip(idx, specials):
        v[i] = s
    return v.astype(dtype)


# ---------------------------------------------------------------------------
# layouts: (name, steps). Steps replayed by test/helpers/layouts.ts.


def S(start=None, stop=None, step=None):
    return {'slice': [start, stop, step]}


E = '...'
NEW = None

LAYOUTS = [
    ('c1d', []),
    ('c2d', [{'op': 'reshape', 'shape': [4, 6]}]),
    ('c3d', [{'op': 'reshape', 'shape': [2, 3, 4]}]),
    ('t2d', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'transpose', 'axes': None}]),
    ('t3d', [{'op': 'reshape', 'shape': [2, 3, 4]}, {'op': 'transpose', 'axes': [2, 0, 1]}]),
    ('fortran', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'copy', 'order': 'F'}]),
    ('neg1d', [{'op': 'slice', 'items': [S(None, None, -1)]}]),
    ('neg2d_cols', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(), S(None, None, -2)]}]),
    ('neg2d_both', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(None, None, -1), S(None, None, -1)]}]),
    ('neg3d', [{'op': 'reshape', 'shape': [2, 3, 4]}, {'op': 'slice', 'items': [S(None, None, -1), S(), S(None, None, -3)]}]),
    ('bcast_row', [{'op': 'slice', 'items': [S(None, 6)]}, {'op': 'broadcast_to', 'shape': [4, 6]}]),
    ('bcast_col', [{'op': 'slice', 'items': [S(None, 4)]}, {'op': 'reshape', 'shape': [4, 1]},
                   {'op': 'broadcast_to', 'shape': [4, 6]}]),
    ('bcast_3d', [{'op': 'slice', 'items': [S(None, 4)]}, {'op': 'broadcast_to', 'shape': [2, 3, 4]}]),
    ('bcast_scalar', [{'op': 'slice', 'items': [3, E]}, {'op': 'broadcast_to', 'shape': [3, 2]}]),
    ('offset1d', [{'op': 'slice', 'items': [S(5)]}]),
    ('offset2d', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(1), S(2)]}]),
    ('step1d', [{'op': 'slice', 'items': [S(3, 20, 4)]}]),
    ('step2d', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(None, None, 2), S(1, None, 2)]}]),
    ('step3d', [{'op': 'reshape', 'shape': [2, 3, 4]}, {'op': 'slice', 'items': [S(), S(None, None, 2), S(1)]}]),
    ('size1_row', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(1, 2), S()]}]),
    ('size1_col', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(), S(2, 3)]}]),
    ('size1_strided', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(1, 2), S(None, None, 2)]}]),
    ('newaxis', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(), NEW, S()]}]),
    ('expanded', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'expand_dims', 'axis': [0, 2]}]),
    ('t_sliced', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'transpose', 'axes': None},
                  {'op': 'slice', 'items': [S(1, 5), S(None, None, -2)]}]),
    ('zero_d_view', [{'op': 'slice', 'items': [5, E]}]),
    ('zero_d_own', [{'op': 'slice', 'items': [5, E]}, {'op': 'copy', 'order': 'C'}]),
    ('empty1d', [{'op': 'slice', 'items': [S(0, 0)]}]),
    ('empty2d_view', [{'op': 'reshape', 'shape': [4, 6]}, {'op': 'slice', 'items': [S(None, 3), S(None, 0)]}]),
    ('empty_own', [{'op': 'zeros', 'shape': [3, 0]}]),
    ('empty_own1d', [{'op': 'zeros', 'shape': [0]}]),
]


def py_item(it):
    if isinstance(it, dict):
        return slice(*it['slice'])
    if it == '...':
        return Ellipsis
    return it  # int or None (newaxis)


def apply_steps(base, steps):
    """Returns (array, root): root is what offsets are measured from (the last owner)."""
    a = base
    root = base
    for st in steps:
        op = st['op']
        if op == 'reshape':
            a = a.reshape(st['shape'])
        elif op == 'slice':
            idx = tuple(py_item(i) for i in st['items'])
            r = a[idx]
            # numnode's slice() is always a view: an integer for every axis is a 0-d view
            # (NumPy's a[i, ...]), where a[i] alone would give NumPy a scalar copy.
            a = r if isinstance(r, np.ndarray) else a[idx + (Ellipsis,)]
        elif op == 'transpose':
            a = a.transpose() if st['axes'] is None else a.transpose(st['axes'])
        elif op == 'broadcast_to':
            a = np.broadcast_to(a, st['shape'])
        elif op == 'expand_dims':
            a = np.expand_dims(a, st['axis'])
        elif op == 'view':
            a = a.view(st['dtype'])
        elif op == 'copy':
            a = a.copy(order=st['order'])
            root = a
        elif op == 'zeros':
            a = np.zeros(st['shape'], dtype=st.get('dtype', a.dtype))
            root = a
        else:
            raise ValueError(op)
    return a, root


# ---------------------------------------------------------------------------
# per-case operations


def reshape_targets(a):
    n = a.size
    t = [[n], [-1], [1, n], [n, 1], [1, -1, 1]]
    if n == 0:
        t += [[0, 5], [5, 0, 2], [0, -1], [-1, 0], [2, -1]]
    elif n == 1:
        t += [[], [1, 1, 1]]
    else:
        divs = [d for d in range(2, n) if n % d == 0]
        if divs:
            d = divs[0]
            t += [[d, n // d], [n // d, d], [d, -1], [-1, d]]
        if n == 24:
            t += [[2, 3, 4], [4, 3, 2], [2, 1, 12], [3, 8], [6, 4]]
        t += [[n + 1], [-1, n + 1], [-1, -1]]  # errors
    if list(a.shape) not in t:
        t.append(list(a.shape))
    return t


def view_ops(a):
    nd = a.ndim
    ops = [('transpose', [])]
    if nd >= 2:
        ops.append(('transpose', [list(range(1, nd)) + [0]]))
        ops.append(('transpose', [[0] * nd]))  # repeated axis: an error
    ops.append(('transpose', [list(range(nd + 1))]))  # wrong length: an error
    ops += [('swapaxes', [0, -1]), ('swapaxes', [-1, nd]), ('moveaxis', [0, -1]), ('moveaxis', [-1, 0])]
    if nd >= 3:
        ops.append(('moveaxis', [[0, 1], [-1, -2]]))
        ops.append(('moveaxis', [[0, 1], [2]]))  # length mismatch
    ops.append(('squeeze', []))
    for ax in range(nd):
        ops.append(('squeeze', [ax]))
    ops += [('expand_dims', [0]), ('expand_dims', [-1]), ('expand_dims', [[0, -1]]), ('expand_dims', [nd + 2])]
    ops.append(('broadcast_to', [[2] + list(a.shape)]))
    ops.append(('broadcast_to', [list(a.shape)]))  # nothing stretched: still read-only
    ops.append(('broadcast_to', [[3, 7]]))  # usually an error
    for d in DTYPES:  # reinterpreting the bytes (values recorded too)
        ops.append(('view', [d]))
    return ops


def run_view_op(a, name, args):
    if name == 'transpose':
        return a.transpose(*args)
    if name == 'swapaxes':
        return a.swapaxes(*args)
    if name == 'moveaxis':
        return np.moveaxis(a, *args)
    if name == 'squeeze':
        return a.squeeze(*args)
    if name == 'expand_dims':
        return np.expand_dims(a, *args)
    if name == 'broadcast_to':
        return np.broadcast_to(a, *args)
    if name == 'view':
        return a.view(*args)
    raise ValueError(name)


def astype_values(a, to):
    """Values of a.astype(to), with None where C leaves the cast undefined."""
    src = a.dtype.name
    with warnings.catch_warnings(), np.errstate(all='ignore'):
        warnings.simplefilter('ignore')
        r = a.astype(to)
    vals = enc_values(r)
    if src in FLOAT_DTYPES and to in INT_DTYPES:
        info = np.iinfo(to)
        flat = a.ravel(order='C').tolist()
        for i, x in enumerate(flat):
            if not math.isfinite(x) or not (info.min <= math.trunc(x) <= info.max):
                vals[i] = None
    return r, vals


def slice_exprs(a, rng, n_random):
    nd = a.ndim
    shape = a.shape
    out = []
    # fixed expressions
    out.append([E])
    out.append([])
    out.append([NEW])
    out.append([E, NEW])
    out.append([NEW, E, NEW])
    out.append([E, E])  # two ellipses: an error
    out.append([0] * (nd + 1))  # too many indices
    if nd >= 1:
        n0 = shape[0]
        out += [[0], [-1], [n0], [-n0 - 1], [S(None, None, -1)], [S(1, None)], [S(-2, None, -2)],
                [S(1, 100)], [S(-100, 3)], [S(10, 0, -3)], [S(5, 2)], [S(None, None, 3)],
                [S(1, -1, 2)], [S(None, None, 0)], [E, 0], [0, E], [S(100, None)], [S(-100, -50, -1)],
                [S(None, -100, -1)], [S(2, 2)]]
    if nd >= 2:
        out += [[1, S()], [-1, 2], [S(), 0], [S(), -1], [S(None, None, -1), S(1, None)], [E, 0], [0, E],
                [NEW, S(), NEW], [S(1, 3), S(None, None, -2)], [S(), NEW, S(None, None, 2)], [-1, -1],
                [E, NEW], [S(), S(), S()], [0, 0, 0], [S(None, None, -1), E, S(None, None, -1)]]
    if nd >= 3:
        out += [[0, S(), 1], [E, -1], [-1, E, 1], [S(None, None, -1), NEW, 1, S(None, None, 2)]]
    # random expressions
    for _ in range(n_random):
        k = int(rng.integers(0, nd + 1))
        items = []
        for ax in range(k):
            n = shape[ax]
            r = rng.random()
            if r < 0.3:
                # an integer: in range, or (one time in ten) just out of it
                if rng.random() < 0.1 or n == 0:
                    items.append([n, -n - 1][int(rng.integers(0, 2))])
                else:
                    items.append(int(rng.integers(-n, n)))
            else:
                def bound():
                    return None if rng.random() < 0.3 else int(rng.integers(-n - 3, n + 4))
                step = [None, 1, 2, 3, -1, -2, -3][int(rng.integers(0, 7))]
                items.append(S(bound(), bound(), step))
        for _ in range(int(rng.integers(0, 3))):
            items.insert(int(rng.integers(0, len(items) + 1)), NEW)
        if rng.random() < 0.4:
            items.insert(int(rng.integers(0, len(items) + 1)), E)
        out.append(items)
    return out


ASSIGN_OPS = ['reversed', 'shifted', 'row', 'scalar']


def run_assign(a, op):
    """Writes through the layout; the numnode side (conformance.ts) does the same."""
    if op == 'reversed':  # overlapping self-assignment: NumPy copies first
        a[...] = a[..., ::-1] if a.ndim else a
    elif op == 'shifted':  # memmove-style overlap along axis 0
        if a.ndim:
            a[1:] = a[:-1]
        else:
            a[...] = a
    elif op == 'row':  # broadcast of an int64 row (cast to the dtype; small values, so every cast is defined)
        a[...] = np.arange(a.shape[-1] if a.ndim else 1, dtype=np.int64) % 50 + 1
    elif op == 'scalar':
        a[...] = 3
    else:
        raise ValueError(op)


def assign_cases(steps, base):
    out = {}
    for op in ASSIGN_OPS:
        a, root = apply_steps(base.copy(), steps)
        try:
            run_assign(a, op)
            out[op] = {'root': enc_values(root)}
        except Exception as ex:  # noqa: BLE001
            out[op] = {'error': err(ex)}
    return out


def case_for(layout_name, steps, dtype, base, rng, n_random_slices):
    a, root = apply_steps(base, steps)
    c = {'layout': layout_name, 'dtype': dtype}
    c.update(meta(a, root))
    c['values'] = enc_values(a)
    c['copy'] = {}
    for order in 'CFAK':
        r = a.copy(order=order)
        c['copy'][order] = {'strides': list(r.strides), 'c': bool(r.flags.c_contiguous), 'f': bool(r.flags.f_contiguous)}
    for fn in ('ascontiguousarray', 'asfortranarray'):
        r = getattr(np, fn)(a)
        c['copy'][fn] = {'shape': list(r.shape), 'strides': list(r.strides), 'view': is_view(r, a), 'values': enc_values(r)}
    c['ravel'] = {}
    for order in 'CFAK':
        r = a.ravel(order=order)
        c['ravel'][order] = {'strides': list(r.strides), 'view': is_view(r, a), 'values': enc_values(r)}
    c['flatten'] = {order: enc_values(a.flatten(order=order)) for order in 'CFAK'}
    c['reshape'] = []
    for target in reshape_targets(a):
        for order in 'CF':
            e = {'shape': target, 'order': order}
            try:
                r = a.reshape(target, order=order)
                e.update({'result_shape': list(r.shape), 'strides': list(r.strides), 'view': is_view(r, a)})
                if order == 'F':  # C-order reshapes keep the case's values, in the same order
                    e['values'] = enc_values(r)
                else:
                    assert enc_values(r) == enc_values(a)
            except Exception as ex:  # noqa: BLE001
                e['error'] = err(ex)
            c['reshape'].append(e)
    c['views'] = []
    for name, args in view_ops(a):
        e = {'op': name, 'args': args}
        try:
            r = run_view_op(a, name, args)
            e.update({'shape': list(r.shape), 'strides': list(r.strides), 'offset': addr(r) - addr(root),
                      'writeable': bool(r.flags.writeable)})
            if name == 'view':
                e['values'] = enc_values(r)
        except Exception as ex:  # noqa: BLE001
            e['error'] = err(ex)
        c['views'].append(e)
    c['astype'] = {}
    for to in DTYPES:
        r, vals = astype_values(a, to)
        c['astype'][to] = {'strides': list(r.strides), 'values': vals}
    c['assign'] = assign_cases(steps, base)
    c['slicing'] = []
    for items in slice_exprs(a, rng, n_random_slices):
        e = {'items': items}
        try:
            r = a[tuple(py_item(i) for i in items)]
            if not isinstance(r, np.ndarray):
                # An integer for every axis gives NumPy a scalar; numnode's slice() always
                # gives a view, which is NumPy's a[..., ...] with an ellipsis added (a 0-d view).
                r = a[tuple(py_item(i) for i in items) + (Ellipsis,)]
            e.update({'shape': list(r.shape), 'strides': list(r.strides), 'offset': addr(r) - addr(root),
                      'values': enc_values(r)})
        except Exception as ex:  # noqa: BLE001
            e['error'] = err(ex)
        c['slicing'].append(e)
    return c


# ---------------------------------------------------------------------------
# shares_memory pairs (float64 base of 120 elements)

PAIR_BASE = 120


def X(*items):
    return [{'op': 'reshape', 'shape': [10, 12]}, {'op': 'slice', 'items': list(items)}]


def V(*items):
    return [{'op': 'slice', 'items': list(items)}]


FIXED_PAIRS = [
    ('even_odd', V(S(None, None, 2)), V(S(1, None, 2))),
    ('even_even', V(S(None, None, 2)), V(S(2, None, 2))),
    ('col0_col1', X(S(), 0), X(S(), 1)),
    ('col0_row0', X(S(), 0), X(0, S())),
    ('blocks_overlap', X(S(1, 3), S(1, 3)), X(S(2, 4), S(2, 4))),
    ('blocks_apart', X(S(None, 2), S(None, 3)), X(S(2, None), S(3, None))),
    ('blocks_interleaved', X(S(None, 2), S(3, None)), X(S(1, None), S(None, 3))),
    ('windows_overlap', V(S(0, 10)), V(S(5, 15))),
    ('windows_adjacent', V(S(0, 5)), V(S(5, 10))),
    ('transpose', X(), X(S(), S()) + [{'op': 'transpose', 'axes': None}]),
    ('reversed', V(), V(S(None, None, -1))),
    ('reversed_halves', V(S(None, 60)), V(S(None, 59, -1))),
    ('view_i32_hi_even', [{'op': 'view', 'dtype': 'int32'}, {'op': 'slice', 'items': [S(1, None, 2)]}], V(S(None, None, 2))),
    ('view_i32_lo_odd', [{'op': 'view', 'dtype': 'int32'}, {'op': 'slice', 'items': [S(None, None, 4)]}], V(S(1, None, 2))),
    ('view_u8_b7_odd', [{'op': 'view', 'dtype': 'uint8'}, {'op': 'slice', 'items': [S(7, None, 16)]}], V(S(1, None, 2))),
    ('view_u8_b15_odd', [{'op': 'view', 'dtype': 'uint8'}, {'op': 'slice', 'items': [S(15, None, 16)]}], V(S(1, None, 2))),
    ('thirds', V(S(None, None, 3)), V(S(1, None, 3))),
    ('three_four', V(S(None, None, 3)), V(S(None, None, 4))),
    ('diophantine', V(S(1, None, 3)), V(S(2, None, 4))),
    ('diophantine_none', V(S(1, None, 6)), V(S(2, None, 4))),
    ('bcast_hit', V(S(None, 6)) + [{'op': 'broadcast_to', 'shape': [4, 6]}], V(S(5, 10))),
    ('bcast_miss', V(S(None, 6)) + [{'op': 'broadcast_to', 'shape': [4, 6]}], V(S(6, None))),
    ('empty', V(S(0, 0)), V()),
    ('zero_d_hit', V(3, E), V(S(3, 4))),
    ('zero_d_miss', V(3, E), V(S(4, None))),
    ('separate', V(), [{'op': 'zeros', 'shape': [120]}]),
    ('copy', V(), [{'op': 'copy', 'order': 'C'}]),
    ('cube_rows', [{'op': 'reshape', 'shape': [2, 6, 10]}, {'op': 'slice', 'items': [S(), S(None, None, 2), S()]}],
     [{'op': 'reshape', 'shape': [2, 6, 10]}, {'op': 'slice', 'items': [S(), 1, S()]}]),
    ('cube_first', [{'op': 'reshape', 'shape': [2, 6, 10]}, {'op': 'slice', 'items': [0]}],
     [{'op': 'reshape', 'shape': [2, 6, 10]}, {'op': 'slice', 'items': [S(), 0]}]),
    ('numpy_api_test', [{'op': 'reshape', 'shape': [4, 5, 6]}, {'op': 'slice', 'items': [S(), S(None, None, 2), S(None, None, 3)]}],
     [{'op': 'reshape', 'shape': [4, 5, 6]}, {'op': 'slice', 'items': [S(), S(None, None, 3), S(None, None, 2)]}]),
]


def random_pair_steps(rng):
    def one():
        shape = [[120], [10, 12], [4, 5, 6]][int(rng.integers(0, 3))]
        items = []
        for n in shape:
            if rng.random() < 0.15:
                items.append(int(rng.integers(0, n)))
            else:
                step = [1, 2, 3, 4, 5, -1, -2, -3][int(rng.integers(0, 8))]
                a, b = sorted(int(x) for x in rng.integers(0, n + 1, 2))
                items.append(S(a, b, step) if step > 0 else S(b - 1 if b > 0 else None, a - 1 if a > 0 else None, step))
        steps = [{'op': 'reshape', 'shape': shape}, {'op': 'slice', 'items': items}]
        if rng.random() < 0.2:
            steps.append({'op': 'transpose', 'axes': None})
        return steps
    return one(), one()


def pair_case(name, s1, s2, base):
    a, _ = apply_steps(base, s1)
    b, _ = apply_steps(base, s2)
    return {'name': name, 'a': s1, 'b': s2, 'shares': bool(np.shares_memory(a, b)),
            'may': bool(np.may_share_memory(a, b))}


# ---------------------------------------------------------------------------
# creation


def arr(dtype, shape, values):
    return enc_array(np.array(values, dtype=dtype).reshape(shape))


def creation_cases():
    cs = []

    def add(fn, args, opts=None):
        cs.append({'fn': fn, 'args': args, 'opts': opts or {}})

    for args in ([10], [0, 10, 3], [10, 0, -3], [-5, 5], [-7, -20, -4], [3, 3], [5, 0], [0, 1, 0.1],
                 [-3.5, 2, 0.5], [1, 2, 0.3], [0.5, 5], [10.5, 0, -1.5], [0, -1, -0.25], [2 ** 40, 2 ** 40 + 5]):
        add('arange', args)
    for args, dt in (([5], 'float32'), ([0, 10, 3], 'int8'), ([1, 2, 0.3], 'float32'), ([0.5, 5], 'int32'),
                     ([0.7, 3, 0.6], 'int64'), ([-2.5, 2, 1.5], 'int64'), ([250, 260], 'uint8'), ([0, 3], 'bool'),
                     ([0, 1, 0.1], 'float32'), ([10, 0, -2], 'uint16'), ([0, 6, 2], 'uint64'), ([-1, 1, 0.5], 'float64'),
                     ([0, 2], 'bool'), ([16777216, 16777220], 'float32'), ([0, 300, 100], 'int8'), ([250, 260], 'int8'),
                     ([0.5, 3.5, 0.7], 'float32'), ([-0.5, -3.5, -0.7], 'int16'), ([2 ** 40, 2 ** 40 + 3], 'float32'),
                     ([1, 0.5, -0.1], 'uint8')):
        add('arange', args, {'dtype': dt})
    for args, opts in (([0, 1, 5], {}), ([0, 1, 5], {'endpoint': False}), ([2, 3, 0], {}), ([2, 3, 1], {}),
                       ([2, 3, 1], {'endpoint': False}), ([-1, 1, 7], {}), ([10, -10, 4], {}), ([0, 1, 11], {}),
                       ([0, 10, 5], {'dtype': 'int64'}), ([0, 10, 4], {'dtype': 'int32', 'endpoint': False}),
                       ([-5, 5, 6], {'dtype': 'int8'}), ([0, 1, 3], {'dtype': 'float32'}), ([1.5, -2.5, 9], {}),
                       ([0.1, 0.7, 4], {}), ([-3.7, 3.7, 5], {'dtype': 'int16'}), ([0, 255, 4], {'dtype': 'uint8'})):
        add('linspace', args, opts)
    for args, opts in (([3], {}), ([3, 4], {}), ([4, 3, 1], {}), ([4, 3, -2], {}), ([3, 3, 5], {}), ([3, None, -1], {}),
                       ([2], {'dtype': 'int8'}), ([3, 2, 1], {'dtype': 'bool'}), ([0], {}), ([2, 0], {}),
                       ([3, 5, 2], {'dtype': 'uint64'})):
        add('eye', args, opts)
    add('identity', [3])
    add('identity', [2], {'dtype': 'int32'})
    for args, opts in (([[2, 3], 7], {}), ([[2, 3], 1.5], {}), ([[2], True], {}), ([[2, 2], 1.5], {'dtype': 'int8'}),
                       ([[3], -1], {'dtype': 'uint8'}), ([[2, 2], 300], {'dtype': 'int8'}), ([[2], {'$big': str(2 ** 63)}], {}),
                       ([[2], {'$big': str(2 ** 63 - 1)}], {'dtype': 'int64'}), ([[2], -0.5], {'dtype': 'bool'}),
                       ([[], 3], {}), ([[2, 0], 1.5], {}), ([5, 2.5], {'dtype': 'float32'})):
        add('full', args, opts)
    for fn in ('zeros', 'ones'):
        for args, opts in (([[2, 3]], {}), ([4], {'dtype': 'int16'}), ([[]], {}), ([[0, 3]], {'dtype': 'bool'}),
                           ([[2, 2]], {'dtype': 'uint64'}), ([[2, 3]], {'order': 'F'})):
            add(fn, args, opts)
    nested = [
        [1, 2, 3], [1.5, 2, 3], [True, False], [True, 2], [True, 2.5], [[1, 2], [3, 4.5]], [[True], [3]],
        [[[1], [2]], [[3], [4]]], [], [[], []], 5, 2.5, True, [-1, 2],
        [{'$big': str(2 ** 63)}], [{'$big': str(2 ** 63)}, 1], [{'$big': str(2 ** 64 - 1)}, True],
        [{'$big': str(-2 ** 63)}, 5], [1, 2.5, True], [[1.5, -2.5]],
    ]
    for v in nested:
        add('array', [v])
    for v, dt in (([1, 2, 300], 'int16'), ([1.7, -1.7], 'int32'), ([0, 1, 2], 'bool'), ([1.5, 2.5], 'float32'),
                  ([[1, 2], [3, 4]], 'uint8'), ([True, False], 'float64'), ([{'$big': str(2 ** 64 - 1)}], 'uint64'),
                  ([-1], 'uint8'), ([300], 'int8'), ([{'$big': str(2 ** 64)}], None), ([-1, {'$big': str(2 ** 63)}], None),
                  ([[1, 2], [3]], None)):
        add('array', [v], {} if dt is None else {'dtype': dt})
    i8 = arr('int8', [2, 3], [1, -2, 3, -4, 5, -6])
    u8 = arr('uint8', [2, 3], [200, 0, 1, 2, 3, 255])
    u16 = arr('uint16', [1, 3], [65535, 1, 2])
    f32 = arr('float32', [2, 3], [0.5, 1.5, -2.5, 3.25, 1e30, -0.0])
    b = arr('bool', [2, 3], [True, False, True, False, False, True])
    i64 = arr('int64', [2, 1], [-(2 ** 63), 2 ** 63 - 1])
    u64 = arr('uint64', [2, 1], [2 ** 64 - 1, 0])
    i32 = arr('int32', [2, 2], [1, 2, 3, 4])
    for arrays, opts in (([i8, u8], {}), ([i8, u8], {'axis': 1}), ([i8, u16], {}), ([i8, f32], {'axis': -1}),
                         ([b, i8], {}), ([b, b], {}), ([i64, u64], {'axis': 1}), ([u8, u16], {'axis': 0}),
                         ([i8, u8], {'axis': None}), ([i8, i32], {'axis': None}), ([i8, u8], {'dtype': 'float32'}),
                         ([i8, i32], {}), ([i8, i32], {'axis': 1}), ([i8, arr('int8', [3], [1, 2, 3])], {}),
                         ([arr('float64', [], [1.5]), arr('float64', [], [2.5])], {}), ([i8, u8], {'axis': 2}),
                         ([arr('int8', [0, 3], []), i8], {}), ([i32, f32], {'axis': None})):
        add('concatenate', [arrays], opts)
    for arrays, opts in (([i8, u8], {}), ([i8, u8], {'axis': 1}), ([i8, u8], {'axis': 2}), ([i8, u8], {'axis': -1}),
                         ([b, f32], {}), ([i8, u8], {'axis': 3}), ([i8, u16], {}), ([u64, i64], {}),
                         ([arr('float64', [], [1.5]), arr('int64', [], [2])], {}), ([i8, u8], {'dtype': 'int16'})):
        add('stack', [arrays], opts)
    out = []
    for c in cs:
        e = dict(c)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('error')
                r = run_creation(c)
            e['result'] = {'dtype': r.dtype.name, 'shape': list(r.shape), 'strides': list(r.strides),
                           'values': enc_values(r)}
        except Exception as ex:  # noqa: BLE001
            e['error'] = err(ex)
        out.append(e)
    return out


def run_creation(c):
    args = dec_input(c['args'])
    opts = dict(c['opts'])
    fn = c['fn']
    if fn == 'arange':
        return np.arange(*args, **opts)
    if fn == 'linspace':
        return np.linspace(args[0], args[1], args[2], **opts)
    if fn == 'eye':
        n = args[0]
        m = args[1] if len(args) > 1 else None
        k = args[2] if len(args) > 2 else 0
        return np.eye(n, m, k, **opts)
    if fn == 'identity':
        return np.identity(*args, **opts)
    if fn == 'full':
        return np.full(args[0], args[1], **opts)
    if fn in ('zeros', 'ones'):
        return getattr(np, fn)(args[0], **opts)
    if fn == 'array':
        return np.array(args[0], **opts)
    if fn == 'concatenate':
        return np.concatenate(args[0], **opts)
    if fn == 'stack':
        return np.stack(args[0], **opts)
    raise ValueError(fn)


# ---------------------------------------------------------------------------
# named error cases: test/core.errors.test.ts maps each name to a numnode call.


def error_cases():
    x = np.arange(24.0).reshape(4, 6)
    i8 = np.zeros(3, np.int8)
    cube = np.zeros((4, 5, 6), np.int8)

    def setitem(a, idx, v):
        a[idx] = v

    cases = {
        'zeros_negative_dim': lambda: np.zeros((2, -1)),
        'empty_negative_dim': lambda: np.empty(-3),
        'zeros_too_many_dims': lambda: np.zeros((1,) * 65),
        'reshape_too_many_dims': lambda: np.zeros(1).reshape((1,) * 65),
        'zeros_hostile': lambda: np.zeros((2 ** 40, 2 ** 40)),
        'empty_hostile': lambda: np.empty(2 ** 60),
        'reshape_incompatible': lambda: np.arange(6).reshape(4, 2),
        'reshape_incompatible_1d': lambda: np.arange(6).reshape(4),
        'reshape_incompatible_unknown': lambda: np.arange(6).reshape(-1, 4),
        'reshape_two_unknown': lambda: np.arange(6).reshape(-1, -1),
        'reshape_negative': lambda: np.arange(6).reshape(-2, 3),
        'reshape_empty_unknown': lambda: np.zeros((3, 0)).reshape(0, -1),
        'index_out_of_range': lambda: x[10],
        'index_out_of_range_negative': lambda: x[:, -7],
        'get_out_of_range': lambda: x[1, 6],
        'too_many_indices': lambda: x[0, 0, 0],
        'two_ellipses': lambda: x[..., ...],
        'slice_step_zero': lambda: x[::0],
        'squeeze_non_one': lambda: x[:1].squeeze(1),
        'squeeze_axis_out_of_range': lambda: x[:1].squeeze(2),
        'transpose_repeated_axis': lambda: x.transpose(0, 0),
        'transpose_wrong_length': lambda: x.transpose(0),
        'swapaxes_out_of_range': lambda: x.swapaxes(0, 2),
        'moveaxis_mismatch': lambda: np.moveaxis(x, [0, 1], [0]),
        'expand_dims_out_of_range': lambda: np.expand_dims(x, 3),
        'expand_dims_repeated': lambda: np.expand_dims(x, [0, 0]),
        'broadcast_to_failure': lambda: np.broadcast_to(np.ones(3), (4, 2)),
        'broadcast_to_fewer_dims': lambda: np.broadcast_to(np.ones((2, 3)), (3,)),
        'broadcast_shapes_failure': lambda: np.broadcast_shapes((5, 4), (3,)),
        'broadcast_shapes_three': lambda: np.broadcast_shapes((2, 1), (1, 3), (4, 1)),
        'broadcast_shapes_three_later': lambda: np.broadcast_shapes((2, 1), (1, 3), (2, 4)),
        'broadcast_arrays_failure': lambda: np.broadcast_arrays(np.zeros((5, 4)), np.zeros(3)),
        'moveaxis_source_out_of_range': lambda: np.moveaxis(x, 5, 0),
        'moveaxis_destination_repeated': lambda: np.moveaxis(x, [0, 1], [1, 1]),
        'zero_d_index': lambda: np.zeros(())[0],
        'concatenate_ndim_mismatch': lambda: np.concatenate([np.zeros((2, 3)), np.zeros(3)]),
        'concatenate_shape_mismatch': lambda: np.concatenate([np.zeros((2, 3)), np.zeros((2, 4))]),
        'concatenate_zero_d': lambda: np.concatenate([np.float64(1.0).reshape(()), np.float64(2.0).reshape(())]),
        'concatenate_empty_list': lambda: np.concatenate([]),
        'concatenate_axis_out_of_range': lambda: np.concatenate([np.zeros(3), np.zeros(3)], axis=1),
        'stack_shape_mismatch': lambda: np.stack([np.zeros(3), np.zeros(4)]),
        'stack_empty_list': lambda: np.stack([]),
        'frombuffer_size': lambda: np.frombuffer(b'\x00' * 7, dtype=np.float64),
        'frombuffer_offset': lambda: np.frombuffer(b'\x00' * 8, dtype=np.uint8, offset=9),
        'frombuffer_negative_offset': lambda: np.frombuffer(b'\x00' * 8, dtype=np.uint8, offset=-1),
        'frombuffer_count': lambda: np.frombuffer(b'\x00' * 16, dtype=np.float64, count=3),
        'frombuffer_offset_count': lambda: np.frombuffer(b'\x00' * 16, dtype=np.float64, offset=8, count=2),
        'set_out_of_bounds_int8': lambda: setitem(i8, 0, 300),
        'set_out_of_bounds_uint8': lambda: setitem(np.zeros(3, np.uint8), 0, -1),
        'set_out_of_bounds_int64': lambda: setitem(np.zeros(3, np.int64), 0, 2 ** 63),
        'set_out_of_bounds_uint64': lambda: setitem(np.zeros(3, np.uint64), 0, -1),
        'set_nan_int': lambda: setitem(np.zeros(3, np.int32), 0, float('nan')),
        'set_inf_int': lambda: setitem(np.zeros(3, np.int32), 0, float('inf')),
        'full_out_of_bounds': lambda: np.full(3, 300, dtype=np.int8),
        'array_out_of_bounds': lambda: np.array([300], dtype=np.int8),
        'fill_out_of_bounds': lambda: np.zeros(3, np.uint16).fill(70000),
        'broadcast_view_readonly': lambda: setitem(np.broadcast_to(np.zeros(3), (2, 3)), 0, 1.0),
        'broadcast_view_fill_readonly': lambda: np.broadcast_to(np.zeros(3), (2, 3)).fill(1.0),
        'item_not_size_one': lambda: x.item(),
        'item_out_of_range': lambda: x.item(24),
        'view_dtype_zero_d': lambda: np.zeros((), np.float64).view(np.int32),
        'view_dtype_not_contiguous': lambda: x[:, ::2].view(np.int32),
        'view_dtype_not_divisor': lambda: np.zeros(3, np.int8).view(np.int16),
        'linspace_negative_num': lambda: np.linspace(0, 1, -1),
        'arange_zero_step': lambda: np.arange(0, 5, 0),
        'unknown_dtype': lambda: np.zeros(3, dtype='float17'),
        'array_ragged': lambda: np.array([[1, 2], [3]]),
        'shares_memory_max_work': lambda: np.shares_memory(cube[:, ::2, ::3], cube[:, ::3, ::2], max_work=1),
    }
    out = {}
    for name, fn in cases.items():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('error')
                fn()
        except Exception as ex:  # noqa: BLE001
            out[name] = err(ex)
        else:
            out[name] = None  # NumPy accepts it
    return out


# ---------------------------------------------------------------------------


def generate(seed, n_random_slices=6, n_random_pairs=60):
    rng = np.random.default_rng(seed)
    bases = {d: base_values(d, rng) for d in DTYPES}
    cases = []
    for name, steps in LAYOUTS:
        for d in DTYPES:
            cases.append(case_for(name, steps, d, bases[d], rng, n_random_slices))
    pair_base = np.arange(PAIR_BASE, dtype=np.float64)
    pairs = [pair_case(n, s1, s2, pair_base) for n, s1, s2 in FIXED_PAIRS]
    for i in range(n_random_pairs):
        s1, s2 = random_pair_steps(rng)
        pairs.append(pair_case(f'random{i}', s1, s2, pair_base))
    return {
        'generator': 'scripts/gen-core-fixtures.py',
        'numpy_version': np.__version__,
        'seed': seed,
        'dtypes': DTYPES,
        'bases': {d: enc_values(bases[d]) for d in DTYPES},
        'layouts': [{'name': n, 'steps': s} for n, s in LAYOUTS],
        'cases': cases,
        'pair_base': PAIR_BASE,
        'pairs': pairs,
        'creation': creation_cases(),
        'errors': error_cases(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seed', type=int, default=DEFAULT_SEED)
    p.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'core.json'))
    p.add_argument('--random-slices', type=int, default=6, help='random slicing expressions per case')
    p.add_argument('--random-pairs', type=int, default=60, help='random shares_memory pairs')
    args = p.parse_args()
    data = generate(args.seed, args.random_slices, args.random_pairs)
    text = json.dumps(data, separators=(',', ':'), allow_nan=False) + '\n'
    if args.out == '-':
        sys.stdout.write(text)
        return
    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix='.core-', suffix='.json', dir=os.path.dirname(out))
    try:
        with os.fdopen(fd, 'w') as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    n = len(data['cases'])
    print(f'wrote {out}: {n} layout cases, {len(data["pairs"])} pairs, {len(data["creation"])} creation cases, '
          f'{len(data["errors"])} error cases (seed {args.seed}, NumPy {np.__version__})', file=sys.stderr)


if __name__ == '__main__':
    main()
