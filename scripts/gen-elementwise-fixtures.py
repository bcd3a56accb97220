#!/usr/bin/env python3
"""Generate test/fixtures/elementwise.json: NumPy's answers for numnode's ufuncs.

Every expectation comes from the running NumPy (2.x), never from memory:

  * promote / result_type / can_cast: np.promote_types over the 121 dtype pairs,
    np.result_type over pairs of {11 dtypes, Python int, Python float} (the weak
    scalars of NEP 50), np.can_cast over 121 pairs x 5 casting rules.
  * resolve: ufunc.resolve_dtypes for every ufunc over every combination of
    operand types {11 dtypes, int, float}; resolve_dtype: the same with
    signature=(None, ..., D) (numnode's `dtype: D`) for every D. float16 loops
    (NumPy's choice for e.g. np.sin of int8) are recorded as NumPy gives them;
    the test expects float32 there (numnode has no float16).
  * values: for every ufunc and every input dtype, the results over fixed input
    arrays (48 elements, shape (2, 3, 8)) and over an input broadcast from shape
    (3, 1), computed with numnode's loop (the float16 loop replaced by float32:
    inputs are cast to the loop dtype numnode uses before calling NumPy).
  * mixed: binary ufuncs over pairs of different dtypes (casts before the loop).
  * scalars: binary ufuncs with a weak scalar (Python int / float) on the right
    (and some on the left): result dtype and values, or NumPy's error.
  * cases: named calls (out=, dtype=, overlap, where, clip, errors) with their
    results or errors; test/elementwise.*.test.ts replays each by name.

Value encoding (as gen-core-fixtures.py): bool -> true/false; int8..uint32 ->
numbers; int64/uint64 -> decimal strings; floats -> repr of the float64 value
('nan', 'inf', '-0.0'). Scalars given to numnode: {"$int": "digits"} (a JS number
when it is a safe integer, else a bigint) and {"$float": "repr"} (non-integral
only: JS cannot tell 2.0 from 2, an integral JS number is a Python int).

Usage:
  python3 scripts/gen-elementwise-fixtures.py                 # test/fixtures/elementwise.json
  python3 scripts/gen-elementwise-fixtures.py --seed 7 --out /tmp/ew.json
Deterministic for a given seed; written to a temporary file and renamed.
"""

import argparse
import itertools
import json
import os
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES, INT_DTYPES, enc_scalar, enc_values  # noqa: E402

DEFAULT_SEED = 20241127
FLOAT_DTYPES = ['float32', 'float64']
OPERANDS = DTYPES + ['int', 'float']
SHAPE = (2, 3, 8)
N = 48
BSHAPE = (3, 1)

# numnode name -> NumPy name, in src/core/ops.ts order.
UFUNCS = [
    ('add', 'add'), ('subtract', 'subtract'), ('multiply', 'multiply'), ('divide', 'divide'),
    ('floorDivide', 'floor_divide'), ('remainder', 'remainder'), ('power', 'power'),
    ('negative', 'negative'), ('positive', 'positive'), ('absolute', 'absolute'), ('sqrt', 'sqrt'),
    ('square', 'square'), ('cbrt', 'cbrt'), ('exp', 'exp'), ('exp2', 'exp2'), ('expm1', 'expm1'),
    ('log', 'log'), ('log2', 'log2'), ('log10', 'log10'), ('log1p', 'log1p'), ('sin', 'sin'),
    ('cos', 'cos'), ('tan', 'tan'), ('arcsin', 'arcsin'), ('arccos', 'arccos'), ('arctan', 'arctan'),
    ('arctan2', 'arctan2'), ('sinh', 'sinh'), ('cosh', 'cosh'), ('tanh', 'tanh'), ('floor', 'floor'),
    ('ceil', 'ceil'), ('trunc', 'trunc'), ('rint', 'rint'), ('sign', 'sign'), ('maximum', 'maximum'),
    ('minimum', 'minimum'), ('fmax', 'fmax'), ('fmin', 'fmin'), ('hypot', 'hypot'), ('equal', 'equal'),
    ('notEqual', 'not_equal'), ('less', 'less'), ('lessEqual', 'less_equal'), ('greater', 'greater'),
    ('greaterEqual', 'greater_equal'), ('logicalAnd', 'logical_and'), ('logicalOr', 'logical_or'),
    ('logicalXor', 'logical_xor'), ('logicalNot', 'logical_not'), ('isnan', 'isnan'), ('isinf', 'isinf'),
    ('isfinite', 'isfinite'), ('bitwiseAnd', 'bitwise_and'), ('bitwiseOr', 'bitwise_or'),
    ('bitwiseXor', 'bitwise_xor'), ('invert', 'invert'), ('leftShift', 'left_shift'),
    ('rightShift', 'right_shift'),
]
UF = {n: getattr(np, p) for n, p in UFUNCS}

MIXED_PAIRS = [('int8', 'uint8'), ('uint16', 'int32'), ('int64', 'uint64'), ('uint64', 'int64'),
               ('bool', 'float32'), ('int16', 'float32'), ('uint32', 'float64'), ('bool', 'int8')]

# ---------------------------------------------------------------------------
# encoding


def enc_weak(v):
    if isinstance(v, bool):
        raise ValueError('booleans are strong')
    if isinstance(v, int):
        return {'$int': str(v)}
    return {'$float': repr(v)}


def err(e):
    return {'type': type(e).__name__ if type(e).__name__ != 'UFuncTypeError' else 'TypeError',
            'msg': str(e).rstrip()}


def call(fn):
    """(result, None) or (None, error)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            return fn(), None
    except Exception as e:  # noqa: BLE001 - NumPy's errors are the data
        return None, err(e)


# ---------------------------------------------------------------------------
# inputs


def int_pool(dtype, rng):
    info = np.iinfo(dtype)
    special = [0, 1, 2, 3, 7, info.max, info.max - 1, info.min, info.min + 1]
    if info.min < 0:
        special += [-1, -2, -3, -7]
    small = rng.integers(max(info.min, -20), min(info.max, 20), size=16, endpoint=True).tolist()
    wide = rng.integers(info.min, info.max, size=16, endpoint=True, dtype=dtype).tolist()
    return special + small + wide


def float_special(dtype):
    """Edge values every float ufunc is checked on: zeros, infinities, NaN, the
    extremes, subnormals, and the overflow thresholds of exp, sinh and cosh."""
    f = np.finfo(dtype)
    common = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.0, -7.0, np.inf, -np.inf, np.nan,
              float(f.max), -float(f.max), float(f.tiny), -float(f.tiny), float(f.smallest_subnormal),
              -float(f.smallest_subnormal), float(f.tiny) / 3, 100.0, 0.1, -0.999, 1e10, 1e-8,
              3.141592653589793, 1.5707963267948966]
    if dtype == 'float64':
        edge = [1e-310, 709.78, 709.79, -745.13, -745.2, 710.4, 710.48, -710.4, 1e300, 1e22]
    else:
        edge = [1e-40, 88.72, 88.73, -103.9, -104.0, 89.41, 89.42, -89.41, 1e37, 1e20]
    return [float(np.array(v, dtype=dtype)) for v in common + edge]


def float_pool(dtype, rng):
    rnd = (rng.standard_normal(24) * np.exp(rng.uniform(-3, 3, 24))).tolist()
    return float_special(dtype) + rnd


def pick(pool, n, rng):
    idx = rng.permutation(len(pool))
    out = [pool[i] for i in idx]
    while len(out) < n:
        out += [pool[i] for i in rng.permutation(len(pool))]
    return out[:n]


def make_inputs(rng):
    """Per dtype: a, b (48 values), bb (3 values, shape (3, 1)); special sets for power and shifts."""
    out = {}
    for d in DTYPES:
        if d == 'bool':
            a = rng.integers(0, 2, N).astype(bool)
            b = rng.integers(0, 2, N).astype(bool)
            bb = np.array([True, False, True])
        elif d in INT_DTYPES:
            pool = int_pool(d, rng)
            a = np.array(pick(pool, N, rng), dtype=d)
            b = np.array(pick(pool, N, rng), dtype=d)
            bb = np.array(pick(pool, 3, rng), dtype=d)
        else:
            pool = float_pool(d, rng)
            # a holds every special value (then random ones); b the pool shuffled.
            special = float_special(d)
            a = np.array(special + pick(pool[len(special):], N - len(special), rng), dtype=d)
            b = np.array(pick(pool, N, rng), dtype=d)
            bb = np.array(pick(pool, 3, rng), dtype=d)
        out[d] = {'a': a, 'b': b, 'bb': bb}
    pw = {}
    sh = {}
    for d in DTYPES:
        base = out[d]
        if d in INT_DTYPES:
            # integer power: non-negative exponents (a negative one is an error, tested separately)
            e = rng.integers(0, 12, N)
            pw[d] = {'a': base['a'], 'b': e.astype(d), 'bb': np.array([0, 3, 9], dtype=d)}
            bits = np.dtype(d).itemsize * 8
            lo = -2 if d[0] == 'i' else 0
            s = rng.integers(lo, bits + 3, N)
            s[:4] = [0, 1, bits - 1, bits]
            sh[d] = {'a': base['a'], 'b': s.astype(d), 'bb': np.array([1, bits - 1, bits + 1], dtype=d)}
        else:
            pw[d] = base
            sh[d] = base
    return out, pw, sh


def inputs_for(op, d, sets):
    base, pw, sh = sets
    if op == 'power':
        return pw[d]
    if op in ('leftShift', 'rightShift'):
        return sh[d]
    return base[d]


# ---------------------------------------------------------------------------
# loop selection


def short(d):
    return str(d)


def resolve_table(messages):
    def msg_index(e):
        key = e['type'] + ': ' + e['msg']
        if key not in messages:
            messages.append(key)
        return messages.index(key)

    def conv(x):
        return {'int': int, 'float': float}.get(x) or np.dtype(x)

    resolve = {}
    resolve_dtype = {}
    for name, _ in UFUNCS:
        u = UF[name]
        rows = []
        rows_d = []
        for combo in itertools.product(OPERANDS, repeat=u.nin):
            ops = tuple(conv(c) for c in combo)
            r, e = call(lambda: u.resolve_dtypes(ops + (None,)))
            rows.append(' '.join(short(x) for x in r) if e is None else 'E%d' % msg_index(e))
            for D in DTYPES:
                r, e = call(lambda: u.resolve_dtypes(ops + (None,), signature=(None,) * u.nin + (np.dtype(D),)))
                rows_d.append(' '.join(short(x) for x in r) if e is None else 'E%d' % msg_index(e))
        resolve[name] = rows
        resolve_dtype[name] = rows_d
    return resolve, resolve_dtype


def loop_inputs(name, dts):
    """The input dtypes of the loop numnode uses (NumPy's, float16 -> float32), or None."""
    u = UF[name]
    r, e = call(lambda: u.resolve_dtypes(tuple(np.dtype(d) for d in dts) + (None,)))
    if e is not None:
        return None, e
    ins = ['float32' if str(x) == 'float16' else str(x) for x in r[:u.nin]]
    return ins, None


def run(name, arrays):
    """NumPy's result with numnode's loop: inputs cast to the loop dtypes first."""
    u = UF[name]
    ins, e = loop_inputs(name, [a.dtype.name for a in arrays])
    if e is not None:
        return None, e
    cast = [a.astype(t) for a, t in zip(arrays, ins)]
    return call(lambda: u(*cast))


# ---------------------------------------------------------------------------
# sections


def promotion():
    promote = {}
    for a in DTYPES:
        for b in DTYPES:
            promote['%s,%s' % (a, b)] = str(np.promote_types(a, b))
    conv = {'int': 1, 'float': 1.5}
    rt = {}
    for a in OPERANDS:
        for b in OPERANDS:
            x = conv.get(a, np.dtype(a) if a in DTYPES else None)
            y = conv.get(b, np.dtype(b) if b in DTYPES else None)
            rt['%s,%s' % (a, b)] = str(np.result_type(x, y))
    cc = {}
    for c in ['no', 'equiv', 'safe', 'same_kind', 'unsafe']:
        cc[c] = ''.join('1' if np.can_cast(a, b, c) else '0' for a in DTYPES for b in DTYPES)
    return promote, rt, cc


def values_section(sets):
    out = []
    for name, _ in UFUNCS:
        u = UF[name]
        for d in DTYPES:
            inp = inputs_for(name, d, sets)
            a = inp['a'].reshape(SHAPE)
            if u.nin == 1:
                r, e = run(name, [a])
                rb, _ = run(name, [np.broadcast_to(inp['bb'].reshape(BSHAPE), SHAPE)]) if e is None else (None, None)
            else:
                b = inp['b'].reshape(SHAPE)
                r, e = run(name, [a, b])
                rb, _ = run(name, [a, np.broadcast_to(inp['bb'].reshape(BSHAPE), SHAPE)]) if e is None else (None, None)
            rec = {'op': name, 'dtype': d, 'set': 'power' if name == 'power' else 'shift' if name in ('leftShift', 'rightShift') else 'base'}
            if e is not None:
                rec['error'] = e
            else:
                rec['result_dtype'] = r.dtype.name
                rec['r'] = enc_values(r)
                rec['rb'] = enc_values(rb)
            out.append(rec)
    return out


def mixed_section(sets):
    out = []
    for name, _ in UFUNCS:
        if UF[name].nin != 2:
            continue
        for da, db in MIXED_PAIRS:
            a = inputs_for(name, da, sets)['a'].reshape(SHAPE)
            b = inputs_for(name, db, sets)['b'].reshape(SHAPE)
            r, e = run(name, [a, b])
            rec = {'op': name, 'a': da, 'b': db}
            if e is not None:
                rec['error'] = e
            else:
                rec['result_dtype'] = r.dtype.name
                rec['r'] = enc_values(r)
            out.append(rec)
    return out


SCALARS_RIGHT = [3, -1, 300, -300, 2 ** 63, 2 ** 70, 2.5, -0.75, float('nan'), float('inf')]
SCALARS_LEFT = [3, 2.5, -1]
NSCALAR = 6


def scalar_call(name, arr, s, side):
    """NumPy's result for arr op s (side 1) or s op arr (side 0), loop float16 -> float32."""
    u = UF[name]
    args = (arr, s) if side == 1 else (s, arr)
    types = tuple(a.dtype if isinstance(a, np.ndarray) else type(a) for a in args)
    r, e = call(lambda: u.resolve_dtypes(types + (None,)))
    if e is not None:
        return None, e
    if any(str(x) == 'float16' for x in r):
        # numnode's float32 loop: the same call with the loop fixed.
        sig = tuple(np.dtype('float32') if str(x) == 'float16' else x for x in r)
        return call(lambda: u(*args, signature=sig))
    return call(lambda: u(*args))


def scalars_section(sets):
    out = []
    for name, _ in UFUNCS:
        if UF[name].nin != 2:
            continue
        for d in DTYPES:
            arr = inputs_for(name, d, sets)['a'][:NSCALAR]
            for side, pool in ((1, SCALARS_RIGHT), (0, SCALARS_LEFT)):
                for s in pool:
                    if name in ('power', 'leftShift', 'rightShift') and d in INT_DTYPES and side == 0:
                        continue
                    r, e = scalar_call(name, arr, s, side)
                    rec = {'op': name, 'dtype': d, 'side': side, 's': enc_weak(s)}
                    if e is not None:
                        rec['error'] = e
                    else:
                        rec['result_dtype'] = r.dtype.name
                        rec['r'] = enc_values(r)
                    out.append(rec)
    return out


def enc_input(x):
    """An operand for a named case: {"$array": ...}, a weak scalar, or a bool."""
    if isinstance(x, np.ndarray):
        return {'$array': {'dtype': x.dtype.name, 'shape': list(x.shape), 'data': enc_values(x)}}
    if isinstance(x, bool):
        return x
    return enc_weak(x)


def record(fn):
    r, e = call(fn)
    if e is not None:
        return {'error': e}
    r = np.asarray(r)
    return {'dtype': r.dtype.name, 'shape': list(r.shape), 'values': enc_values(r)}


def named_cases():
    """Calls whose numnode spelling the tests know by name (see test/elementwise.cases.test.ts)."""
    c = {}
    f8 = np.arange(12, dtype='float64').reshape(3, 4) - 4.5
    i8 = np.arange(12, dtype='int8').reshape(3, 4) - 6
    u8 = np.array([1, 200, 255, 0], dtype='uint8')
    # broadcasting and out
    c['broadcast_error'] = record(lambda: np.add(np.ones((5, 4)), np.ones(3)))
    c['broadcast_error_out'] = record(lambda: np.add(np.ones((5, 4)), np.ones(3), out=np.ones((5, 4))))
    c['out_shape_error'] = record(lambda: np.add(np.ones((2, 3)), 1, out=np.ones(3)))
    c['out_shape_error_1'] = record(lambda: np.add(np.ones((2, 3)), 1, out=np.ones((1, 3))))
    c['out_broadcasts_inputs'] = record(lambda: np.add(np.ones(3), np.arange(3.0), out=np.zeros((2, 3))))
    c['out_cast_error'] = record(lambda: np.add(np.ones(3), np.ones(3), out=np.ones(3, dtype='int64')))
    c['out_cast_bool_error'] = record(lambda: np.add(np.ones(3), np.ones(3), out=np.ones(3, dtype='bool')))
    c['out_cast_ok'] = record(lambda: np.add(i8, 100, out=np.zeros((3, 4), dtype='float32')))
    c['out_cast_downcast'] = record(lambda: np.add(f8, 0.25, out=np.zeros((3, 4), dtype='float32')))
    c['out_compare_float'] = record(lambda: np.less(i8, 1, out=np.zeros((3, 4), dtype='float32')))
    c['out_readonly'] = record(lambda: np.add(np.ones(3), 1, out=np.broadcast_to(np.ones(3), (3,))))
    c['out_not_array'] = record(lambda: np.add(np.ones(3), 1, out=[1, 2, 3]))
    # dtype=
    c['dtype_float32'] = record(lambda: np.add(i8, i8, dtype='float32'))
    c['dtype_sin_float32'] = record(lambda: np.sin(f8, dtype='float32'))
    c['dtype_cast_error'] = record(lambda: np.add(f8, 1, dtype='int32'))
    c['dtype_unary_cast_error'] = record(lambda: np.negative(f8, dtype='int8'))
    c['dtype_no_loop'] = record(lambda: np.equal(f8, 1, dtype='float64'))
    c['dtype_and_out'] = record(lambda: np.add(i8, 1, dtype='int16', out=np.zeros((3, 4), dtype='int8')))
    # refusals
    c['bool_subtract'] = record(lambda: np.subtract(np.array([True, False]), np.array([True, True])))
    c['bool_negative'] = record(lambda: np.negative(np.array([True, False])))
    c['bool_positive'] = record(lambda: np.positive(np.array([True, False])))
    c['bitwise_float'] = record(lambda: np.bitwise_and(f8, 1))
    c['shift_float'] = record(lambda: np.left_shift(np.ones(2, dtype='float32'), 1))
    c['power_negative'] = record(lambda: np.power(i8, np.int8(-1)))
    c['power_negative_array'] = record(lambda: np.power(np.array([2, 3], dtype='int32'), np.array([1, -1], dtype='int32')))
    c['power_negative_float_ok'] = record(lambda: np.power(np.array([2.0, 4.0]), -1))
    c['power_negative_unsigned_base'] = record(lambda: np.power(u8, -1))
    # weak scalars
    c['weak_uint8_300'] = record(lambda: np.add(u8, 300))
    c['weak_uint64_neg'] = record(lambda: np.add(np.array([1], dtype='uint64'), -1))
    c['weak_int8_huge'] = record(lambda: np.add(np.array([1], dtype='int8'), 2 ** 70))
    c['weak_int64_2p63'] = record(lambda: np.add(np.array([1], dtype='int64'), 2 ** 63))
    c['weak_uint64_2p63'] = record(lambda: np.add(np.array([1], dtype='uint64'), 2 ** 63))
    c['weak_float32_huge_int'] = record(lambda: np.add(np.array([1], dtype='float32'), 10 ** 40))
    c['weak_float64_too_big'] = record(lambda: np.add(np.array([1.5]), 10 ** 400))
    c['compare_uint8_300'] = record(lambda: np.less(u8, 300))
    c['compare_uint8_neg'] = record(lambda: np.greater_equal(u8, -1))
    c['compare_uint64_neg_eq'] = record(lambda: np.equal(np.array([0, 1], dtype='uint64'), -1))
    c['compare_int8_big_left'] = record(lambda: np.less(1000, i8))
    c['compare_int64_2p64'] = record(lambda: np.not_equal(np.array([1, -1], dtype='int64'), 2 ** 64))
    c['weak_only_int'] = record(lambda: np.add(2, 3))
    c['weak_only_float'] = record(lambda: np.multiply(2, 1.5))
    c['weak_bool_int'] = record(lambda: np.add(np.array([True, False]), 5))
    c['weak_int8_times_float'] = record(lambda: np.multiply(i8, 2.5))
    c['weak_float32_times_float'] = record(lambda: np.multiply(f8.astype('float32'), 2.5))
    c['int_divide'] = record(lambda: np.divide(i8, 4))
    c['int_divide_zero'] = record(lambda: np.divide(i8, 0))
    c['int64_uint64_add'] = record(lambda: np.add(np.array([2 ** 62], dtype='int64'), np.array([2 ** 63], dtype='uint64')))
    c['int64_uint64_less'] = record(lambda: np.less(np.array([-1, 2 ** 62, 5], dtype='int64'), np.array([2 ** 63, 2 ** 62, 2 ** 64 - 1], dtype='uint64')))
    c['floor_divide_min'] = record(lambda: np.floor_divide(np.array([-128, -7, 7, 5], dtype='int8'), np.array([-1, 2, -2, 0], dtype='int8')))
    c['remainder_min'] = record(lambda: np.remainder(np.array([-128, -7, 7, 5], dtype='int8'), np.array([-1, 2, -2, 0], dtype='int8')))
    c['int64_exact'] = record(lambda: np.add(np.array([2 ** 62 + 1, -(2 ** 63)], dtype='int64'), np.array([2 ** 62 + 3, -1], dtype='int64')))
    c['uint64_exact_mul'] = record(lambda: np.multiply(np.array([2 ** 63 + 7, 3], dtype='uint64'), np.array([3, 2 ** 62 + 5], dtype='uint64')))
    # where
    cond = np.array([[True, False, True, False]])
    c['where_basic'] = record(lambda: np.where(cond, f8, -1))
    c['where_weak_uint8'] = record(lambda: np.where(np.array([False, True]), u8[:2], 300))
    c['where_weak_neg'] = record(lambda: np.where(np.array([False, True]), u8[:2], -1))
    c['where_float_cond'] = record(lambda: np.where(np.array([0.0, 2.5, np.nan]), 1, 0))
    c['where_mixed'] = record(lambda: np.where(np.array([True, False]), i8[0, :2], 2.5))
    c['where_promote'] = record(lambda: np.where(np.array([True, False]), i8[0, :2], u8[:2]))
    c['where_scalars'] = record(lambda: np.where(np.array([True, False]), 1, 2))
    c['where_broadcast'] = record(lambda: np.where(np.array([[1, 0]]), np.array([1, 2, 3]).reshape(3, 1), 0))
    c['where_broadcast_error'] = record(lambda: np.where(np.array([[1, 0]]), np.array([1, 2, 3]), 0))
    c['where_huge'] = record(lambda: np.where(np.array([False]), np.array([1], dtype='int8'), 2 ** 70))
    # clip
    c['clip_basic'] = record(lambda: np.clip(f8, -2.5, 3))
    c['clip_uint8_oob'] = record(lambda: np.clip(u8, -5, 300))
    c['clip_uint8_float'] = record(lambda: np.clip(u8, -5.5, 300))
    c['clip_int8_max_oob'] = record(lambda: np.clip(i8, -2, 300))
    c['clip_int8_min_too_big'] = record(lambda: np.clip(i8, 300, 400))
    c['clip_nan'] = record(lambda: np.clip(np.array([1.0, np.nan, -3.0]), 0, 0.5))
    c['clip_nan_bound'] = record(lambda: np.clip(np.array([1.0, 2.0]), np.nan, 0.5))
    c['clip_crossed'] = record(lambda: np.clip(np.array([1.0, 2.0, 7.0]), 3, 0.5))
    c['clip_none_min'] = record(lambda: np.clip(i8, None, 2))
    c['clip_none_max'] = record(lambda: np.clip(i8, 2, None))
    c['clip_array_bounds'] = record(lambda: np.clip(f8, np.array([-1.0, 0, 1, 2]), np.array([[0.0], [1], [2]])))
    c['clip_promote'] = record(lambda: np.clip(u8, np.array([5], dtype='int16'), 100))
    return c


def parse_slice(s):
    """'start:stop:step' (parts optional) as a slice object."""
    parts = [int(p) if p else None for p in s.split(':')]
    return slice(*parts)


def overlap_cases():
    """NumPy's test_mem_overlap spirit: out partly, reversed or shifted over an input."""
    out = []
    for dtype in ('float64', 'int32', 'uint8', 'int64'):
        for (ia, io) in [(':-1', '1:'), ('1:', ':-1'), ('::-1', ':'), (':', '::-1'), (':-2', '2:'),
                         ('2:', ':-2'), ('::2', ':10'), (':10', '::2'), ('5:15', '::2'), ('::-2', ':10')]:
            for name in ('add', 'negative', 'multiply', 'maximum'):
                x = np.arange(20, dtype=dtype)
                if dtype == 'uint8':
                    x = (x * 13).astype(dtype)

                a = x[parse_slice(ia)]
                o = x[parse_slice(io)]
                if a.shape != o.shape:
                    continue
                u = UF[name]
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    if u.nin == 1:
                        u(a, out=o)
                    else:
                        u(a, x[:a.shape[0]][::-1] if name == 'multiply' else 3, out=o)
                out.append({'dtype': dtype, 'op': name, 'in': ia, 'out': io, 'values': enc_values(x)})
    # 2-D: in-place transpose-like and broadcast overlaps
    m = np.arange(16, dtype='float64').reshape(4, 4)
    np.add(m.T, m, out=m)
    out.append({'dtype': 'float64', 'op': 'add2d_T', 'values': enc_values(m)})
    m = np.arange(16, dtype='float64').reshape(4, 4)
    np.subtract(m, m[0], out=m)
    out.append({'dtype': 'float64', 'op': 'sub2d_row0', 'values': enc_values(m)})
    m = np.arange(16, dtype='float64').reshape(4, 4)
    np.multiply(m[:, ::-1], m[::-1, :], out=m)
    out.append({'dtype': 'float64', 'op': 'mul2d_flips', 'values': enc_values(m)})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=DEFAULT_SEED)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'elementwise.json'))
    ap.add_argument('--no-tables', action='store_true', help='skip the loop-selection tables (faster; for the live test)')
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    sets = make_inputs(rng)
    messages = []
    doc = {
        'generator': 'scripts/gen-elementwise-fixtures.py',
        'numpy_version': np.__version__,
        'seed': args.seed,
        'dtypes': DTYPES,
        'operands': OPERANDS,
        'shape': list(SHAPE),
        'bshape': list(BSHAPE),
        'ufuncs': [{'name': n, 'np': p, 'nin': UF[n].nin} for n, p in UFUNCS],
    }
    promote, rt, cc = promotion()
    doc['promote'] = promote
    doc['result_type'] = rt
    doc['can_cast'] = cc
    if not args.no_tables:
        resolve, resolve_dtype = resolve_table(messages)
        doc['resolve'] = resolve
        doc['resolve_dtype'] = resolve_dtype
    doc['messages'] = messages
    base, pw, sh = sets
    doc['inputs'] = {
        name: {d: {k: enc_values(v) for k, v in s[d].items()} for d in DTYPES}
        for name, s in (('base', base), ('power', pw), ('shift', sh))
    }
    doc['values'] = values_section(sets)
    doc['mixed'] = mixed_section(sets)
    doc['scalars'] = scalars_section(sets)
    doc['nscalar'] = NSCALAR
    doc['cases'] = named_cases()
    doc['overlap'] = overlap_cases()
    text = json.dumps(doc, separators=(',', ':'))
    if args.out == '-':
        sys.stdout.write(text)
        return
    target = os.path.abspath(args.out)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix='.elementwise-', suffix='.json')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


if __name__ == '__main__':
    main()
