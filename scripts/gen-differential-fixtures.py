#!/usr/bin/env python3
"""Generate test/fixtures/differential.json: random cases over every public function
family of numnode, with NumPy's answers (issue 9, item 1).

A case is {"f": family, "op": NumPy function name, "a": [args], "k": {kwargs}} plus
NumPy's outcome: "r" (the result) or "e" ([error class family, exception type, message]).
test/helpers/differential.ts replays every case in numnode and compares.

Array arguments are not stored element by element: {"v": [dtype, seed, n, steps]} means
"the n values of the shared value generator for `seed`, as a 1-d array of dtype, then
the view recipe `steps`" (reshape / slice / transpose / broadcast_to, the step format of
gen-core-fixtures.py). The value generator is a 32-bit integer hash that
test/helpers/differential.ts implements bit for bit (the fixture carries a check
sequence for it), so the fixture holds only recipes and results: it stays small while
every operand is a real strided view (steps, negative strides, transposes, broadcasts,
byte offsets).

Results: {"d": dtype, "s": shape, "b": base64 of the C-order little-endian bytes} (plus
"sc": 1 when NumPy returned a scalar and "m": [flat indices not compared] where C leaves
the value undefined: float -> int casts of NaN, inf or out-of-range values), a list of
those for tuple results, or {"str": text} for printing.

Isolation: NumPy runs each batch of cases in a forked child process with a timeout.
If a child dies (a NumPy crash on an odd input), its batch is re-run one case per
child and a crashing case is recorded as {"crash": signal} (skipped, and counted, by
the runner) instead of taking the generator down.

The families (each case picks its op, dtypes, shapes up to 5-d with 0 and 1 dims, views):
  unary        the 32 unary ufuncs, sometimes with dtype= or out= (a strided view)
  binary       the 27 binary ufuncs with promotion, broadcasting and weak JS-number scalars,
               dtype=/out=, plus where(c, x, y) and clip(a, lo, hi)
  reduce       sum prod mean std var min max argmin argmax all any nansum nanmean nanmin nanmax
               with axis (None, int, tuple, out of range), keepdims, ddof, dtype, out
  scan         cumsum cumprod (axis, dtype) and diff (n, axis)
  linalg       matmul (out) dot inner outer vdot tensordot trace diagonal linalg.norm, einsum (19 subscripts)
  indexing     basic, integer-array, boolean-mask and mixed a[...] (np.index) and take (raise/wrap/clip)
  sort         sort argsort(stable) partition(checked against the sorted order) unique(+returns)
               searchsorted nonzero argwhere flatnonzero bincount digitize histogram lexsort
  statistics   median percentile quantile and their nan- forms (axis, keepdims, q lists)
  manipulation concatenate stack reshape transpose swapaxes moveaxis squeeze expand_dims flip
               roll repeat tile ravel pad diag
  astype       every dtype pair
  creation     arange linspace eye
  print        str() and repr()
Where NumPy would use a float16 loop (np.sin of int8), the expected result is NumPy's
float32 loop, which is what numnode (which has no float16) runs.

Usage:
  python3 scripts/gen-differential-fixtures.py                         # seed 9001, 6000 cases
  python3 scripts/gen-differential-fixtures.py --seed 7 --count 5000 --out /tmp/d.json
"""

import argparse
import base64
import json
import math
import os
import pickle
import random
import select
import signal
import sys
import tempfile
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixture_values import DTYPES  # noqa: E402

DEFAULT_SEED = 9001
DEFAULT_COUNT = 6000
INTS = DTYPES[1:9]
FLOATS = ['float32', 'float64']
NUMERIC = DTYPES[1:]
M32 = 0xFFFFFFFF

# ---------------------------------------------------------------------------
# the shared value generator (test/helpers/differential.ts: valueAt)


def mix32(x):
    x &= M32
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & M32
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & M32
    return (x ^ (x >> 16)) & M32


def value_at(dtype, seed, i):
    r = mix32((seed + i * 0x9E3779B9) & M32)
    if dtype == 'bool':
        return bool(r & 1)
    if dtype in INTS:
        info = np.iinfo(dtype)
        sel = r % 16
        if sel == 0:
            return int(info.min)
        if sel == 1:
            return int(info.max)
        if dtype.startswith('u'):
            return (r >> 4) % 21
        return (r >> 4) % 21 - 10
    sel = r % 64
    if sel == 0:
        return math.nan
    if sel == 1:
        return math.inf
    if sel == 2:
        return -math.inf
    if sel == 3:
        return -0.0
    if sel == 4 and (r >> 6) % 4 == 0:
        return 1e30 if (r >> 8) & 1 else -1e30
    return ((r >> 6) % 2001 - 1000) / 64


def base_values(dtype, seed, n):
    return np.array([value_at(dtype, seed, i) for i in range(n)], dtype=dtype)


# ---------------------------------------------------------------------------
# views


def apply_steps(a, steps):
    for st in steps:
        op = st['op']
        if op == 'reshape':
            a = a.reshape(st['shape'])
        elif op == 'slice':
            items = []
            for it in st['items']:
                if isinstance(it, dict):
                    items.append(slice(*it['slice']))
                else:
                    items.append(it)
            a = a[tuple(items)]
        elif op == 'transpose':
            a = a.transpose(st['axes']) if st.get('axes') is not None else a.transpose()
        elif op == 'broadcast_to':
            a = np.broadcast_to(a, st['shape'])
        else:
            raise ValueError(op)
    return a


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed

    def choice(self, xs):
        return self.rng.choice(xs)

    def shape(self, max_ndim=5, max_size=48):
        r = self.rng
        while True:
            ndim = r.choices([0, 1, 2, 3, 4, 5][:max_ndim + 1], [1, 3, 3, 2, 1, 1][:max_ndim + 1])[0]
            s = [0 if r.random() < 0.04 else r.choice([1, 1, 2, 2, 3, 3, 4, 5]) for _ in range(ndim)]
            if int(np.prod(s)) <= max_size:
                return s

    def view(self, shape, dtype, layout=None, writeable=False):
        """An array argument of exactly `shape`: {"v": [dtype, seed, n, steps]}."""
        r = self.rng
        s = list(shape)
        kinds = ['c', 'c', 'f', 'perm', 'step', 'step', 'bcast', 'offset', 'mix']
        kind = layout or r.choice([k for k in kinds if not (writeable and k == 'bcast')])
        nd = len(s)
        size = int(np.prod(s)) if s else 1
        seed = r.getrandbits(32)
        if kind == 'c' or nd == 0 and kind in ('f', 'perm', 'step', 'mix', 'bcast'):
            steps, n = [{'op': 'reshape', 'shape': s}], size
        elif kind == 'f':
            steps, n = [{'op': 'reshape', 'shape': s[::-1]}, {'op': 'transpose', 'axes': None}], size
        elif kind == 'perm':
            p = list(range(nd))
            r.shuffle(p)
            base = [s[p[j]] for j in range(nd)]
            q = [p.index(i) for i in range(nd)]
            steps, n = [{'op': 'reshape', 'shape': base}, {'op': 'transpose', 'axes': q}], size
        elif kind in ('step', 'mix'):
            base, items = [], []
            for d in s:
                st = r.choice([1, 2, 3, -1, -2])
                extra = r.choice([0, 0, 1, 2])
                b = d * abs(st) + extra
                base.append(b)
                if d == 0:
                    items.append({'slice': [0, 0, st]})
                elif st > 0:
                    start = r.randint(0, extra)
                    items.append({'slice': [start, start + d * st, st]})
                else:
                    start = b - 1 - r.randint(0, extra)
                    stop = start + d * st
                    items.append({'slice': [start, stop if stop >= 0 else None, st]})
            n = int(np.prod(base))
            steps = [{'op': 'reshape', 'shape': base}, {'op': 'slice', 'items': items}]
            if kind == 'mix' and nd >= 2:
                # the same strided view of a permuted shape, then transposed back
                p = list(range(nd))
                r.shuffle(p)
                q = [p.index(i) for i in range(nd)]
                perm_base = [base[p[j]] for j in range(nd)]
                perm_items = [items[p[j]] for j in range(nd)]
                steps = [{'op': 'reshape', 'shape': perm_base}, {'op': 'slice', 'items': perm_items},
                         {'op': 'transpose', 'axes': q}]
        elif kind == 'bcast':
            base = [1 if (d != 1 and r.random() < 0.5) else d for d in s]
            lead = r.randint(0, nd) if all(d == 1 for d in base[:1]) else 0
            base = base[lead:] if all(d == 1 for d in base[:lead]) else base
            n = int(np.prod(base)) if base else 1
            steps = [{'op': 'reshape', 'shape': base}, {'op': 'broadcast_to', 'shape': s}]
        else:  # offset: a contiguous view that starts inside its buffer
            off = r.randint(1, 3)
            n = size + off
            steps = [{'op': 'slice', 'items': [{'slice': [off, None, None]}]}, {'op': 'reshape', 'shape': s}]
        spec = {'v': [dtype, seed, n, steps]}
        a = build(spec)
        if list(a.shape) != s:
            raise AssertionError(f'view recipe gave {a.shape}, wanted {s}: {spec}')
        return spec

    def dtype(self, allowed=DTYPES):
        return self.choice(allowed)


def build(spec):
    dtype, seed, n, steps = spec['v']
    return apply_steps(base_values(dtype, seed, n), steps)


def decode_arg(x):
    if isinstance(x, dict):
        if 'v' in x:
            return build(x)
        if 'sl' in x:
            return slice(*x['sl'])
        if 'list' in x:
            return [decode_arg(e) for e in x['list']]
        if 'tuple' in x:
            return tuple(decode_arg(e) for e in x['tuple'])
        if 'big' in x:
            return int(x['big'])
        if 'srt' in x:  # a sorted operand (searchsorted's first argument)
            return np.sort(build(x['srt']))
        if 'ix' in x:  # an index array (numnode: an NDArray of that dtype)
            return np.array(x['ix'], dtype=x['dt'])
        raise ValueError(x)
    if x == '...':
        return Ellipsis
    return x


# ---------------------------------------------------------------------------
# the families

UNARY = ['negative', 'positive', 'absolute', 'sqrt', 'square', 'cbrt', 'exp', 'exp2', 'expm1', 'log',
         'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
         'floor', 'ceil', 'trunc', 'rint', 'sign', 'logical_not', 'isnan', 'isinf', 'isfinite', 'invert']
BINARY = ['add', 'subtract', 'multiply', 'divide', 'floor_divide', 'remainder', 'power', 'maximum', 'minimum',
          'fmax', 'fmin', 'hypot', 'arctan2', 'equal', 'not_equal', 'less', 'less_equal', 'greater',
          'greater_equal', 'logical_and', 'logical_or', 'logical_xor', 'bitwise_and', 'bitwise_or',
          'bitwise_xor', 'left_shift', 'right_shift']
REDUCE = ['sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'argmin', 'argmax', 'all', 'any',
          'nansum', 'nanmean', 'nanmin', 'nanmax']
EINSUM = [
    ('ij,jk->ik', 'ij,jk'), ('ii->i', 'ii'), ('ii', 'ii'), ('ij->ji', 'ij'), ('i,i', 'i,i'), ('i,j->ij', 'i,j'),
    ('...ij,...jk->...ik', '...ij,...jk'), ('ijk->', 'ijk'), ('ij,ij->i', 'ij,ij'), ('bij,bjk->bik', 'bij,bjk'),
    ('ij,jk,kl->il', 'ij,jk,kl'), ('i->', 'i'), ('ji', 'ji'), ('ij,j', 'ij,j'), ('ijk,jil->kl', 'ijk,jil'),
    ('i,i,i->', 'i,i,i'), ('...i,...i->...', '...i,...i'), ('ij->', 'ij'), ('iij->j', 'iij'),
]


def axis_arg(g, nd, allow_tuple=True, allow_none=True):
    r = g.rng
    opts = []
    if allow_none:
        opts.append(None)
    if nd > 0:
        opts += [r.randrange(-nd, nd)] * 2
        if allow_tuple and nd >= 2:
            k = r.randint(1, nd)
            ax = r.sample(range(nd), k)
            opts.append({'tuple': [a - nd if r.random() < 0.3 else a for a in ax]})
    if r.random() < 0.04:
        return nd + r.randint(0, 1)  # out of range: AxisError
    return r.choice(opts) if opts else None


def weak_scalar(g, dtype):
    r = g.rng
    if dtype in FLOATS or r.random() < 0.3:
        return r.choice([2.5, -0.75, 0.5, 1.25, -3.5, 1e-3])
    return r.choice([0, 1, 2, 3, -1, -2, 5, 7, 100, 300, -129, 70000])


def ufunc_kwargs(g, shape):
    """Sometimes dtype= (the loop's type) or out= (a writeable strided view of the result's shape)."""
    r = g.rng
    k = {}
    c = r.random()
    if c < 0.08:
        k['dtype'] = g.dtype(NUMERIC)
    elif c < 0.18:
        k['out'] = g.view(shape, g.dtype(), writeable=True)
    return k


def gen_unary(g):
    op = g.choice(UNARY)
    d = g.dtype()
    s = g.shape()
    return {'a': [g.view(s, d)], 'k': ufunc_kwargs(g, s), 'op': op}


def bshape(g, s):
    r = g.rng
    t = list(s)
    if r.random() < 0.3 and t:
        t = t[r.randint(0, len(t)):]
    t = [1 if r.random() < 0.25 else d for d in t]
    if r.random() < 0.04 and t:
        k = r.randrange(len(t))
        t[k] = t[k] + 2 if t[k] != 1 else 3  # incompatible: a broadcast error
    return t


def gen_binary(g):
    r = g.rng
    op = g.choice(BINARY)
    da = g.dtype()
    db = da if r.random() < 0.5 else g.dtype()
    s = g.shape(max_size=36)
    a = g.view(s, da)
    if r.random() < 0.15:
        b = weak_scalar(g, da)
    else:
        b = g.view(bshape(g, s), db)
    args = [a, b] if r.random() < 0.7 else [b, a]
    if isinstance(args[0], (int, float)) and isinstance(args[1], (int, float)):
        args = [a, b]
    if r.random() < 0.08:
        # where(cond, x, y) and clip(a, lo, hi): three operands, broadcast together
        if r.random() < 0.5:
            return {'op': 'where', 'a': [g.view(bshape(g, s), 'bool'), a, b], 'k': {}}
        lo = b if r.random() < 0.5 else weak_scalar(g, da)
        hi = g.view(bshape(g, s), db) if r.random() < 0.5 else weak_scalar(g, da)
        return {'op': 'clip', 'a': [a, lo, hi], 'k': {}}
    return {'op': op, 'a': args, 'k': ufunc_kwargs(g, s) if r.random() < 0.8 else {}}


def gen_reduce(g):
    r = g.rng
    op = g.choice(REDUCE)
    d = g.dtype()
    s = g.shape()
    a = g.view(s, d)
    k = {}
    if op in ('argmin', 'argmax'):
        k['axis'] = axis_arg(g, len(s), allow_tuple=r.random() < 0.1)
    else:
        k['axis'] = axis_arg(g, len(s))
    if r.random() < 0.3:
        k['keepdims'] = True
    if op in ('std', 'var') and r.random() < 0.3:
        k['ddof'] = 1
    if r.random() < 0.06 and op not in ('argmin', 'argmax'):
        # out=: a writeable strided view of the result's shape (NumPy computes it; the generator asks NumPy)
        res_shape = list(np.sum(np.zeros(s), axis=decode_arg(k['axis']), keepdims=k.get('keepdims', False)).shape) \
            if not (isinstance(k['axis'], int) and not -len(s) <= k['axis'] < len(s)) else None
        natural = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                natural = getattr(np, op)(np.ones(s, d), axis=decode_arg(k['axis']), keepdims=k.get('keepdims', False)).dtype.name
        except Exception:  # noqa: BLE001 - the case itself will record NumPy's error
            pass
        if res_shape is not None and res_shape and natural is not None:
            # out in the result's own dtype, another float one, or (sum, prod, nansum, mean) any
            # numeric dtype: NumPy then accumulates in promote(input, out) and mean divides in
            # out's type. var/std with an integer out of another dtype are not generated: NumPy
            # divides in out's type, numnode keeps the float64 moments (reported in issue 9's note).
            outs = [natural, natural, 'float64', 'float32'] if d in FLOATS else [natural]
            if op in ('sum', 'prod', 'nansum', 'mean') and r.random() < 0.5:
                outs = [g.dtype(NUMERIC)]
            k['out'] = g.view(res_shape, g.choice(outs), writeable=True)
    # (not with out=: NumPy's mean/var/std then accumulate in dtype but divide in out's type;
    # numnode divides in dtype -- reported in issue 9's note, not generated)
    if op in ('sum', 'prod', 'mean', 'std', 'var', 'nansum') and 'out' not in k and r.random() < 0.15:
        # (a float input summed in an integer dtype casts NaN/inf to int: undefined in C, not compared)
        k['dtype'] = g.dtype(FLOATS if d in FLOATS else NUMERIC)
    return {'op': op, 'a': [a], 'k': k}


def gen_scan(g):
    r = g.rng
    op = g.choice(['cumsum', 'cumprod', 'diff'])
    d = g.dtype()
    s = g.shape()
    k = {}
    if op == 'diff':
        if r.random() < 0.3:
            k['n'] = r.randint(0, 2)
        if s or r.random() < 0.2:
            k['axis'] = r.randrange(-len(s), len(s)) if s and r.random() < 0.9 else len(s)
    else:
        k['axis'] = axis_arg(g, len(s), allow_tuple=False)
        if r.random() < 0.15:
            k['dtype'] = g.dtype(FLOATS if d in FLOATS else NUMERIC)
    return {'op': op, 'a': [g.view(s, d)], 'k': k}


def gen_linalg(g):
    r = g.rng
    op = g.choice(['matmul', 'matmul', 'dot', 'inner', 'outer', 'tensordot', 'trace', 'diagonal', 'einsum', 'einsum',
                   'vdot', 'norm'])
    da = g.dtype()
    db = da if r.random() < 0.6 else g.dtype()
    dim = lambda: r.choice([0, 1, 2, 3, 4]) if r.random() < 0.1 else r.choice([1, 2, 3, 4])
    if op == 'einsum':
        subs, spec = g.choice(EINSUM)
        sizes = {c: dim() for c in 'bijkl'}
        batch = [dim() for _ in range(r.randint(0, 2))]
        ops = []
        for term in spec.split(','):
            shp = (list(batch) if term.startswith('...') else []) + [sizes[c] for c in term.replace('...', '')]
            # A size mismatch; never 0 -> 1: NumPy skips its check when a repeated
            # label's first size is 0 and then reads outside the empty view
            # (einsum('ii->i', zeros((0, 1))) returns one element of other memory).
            if r.random() < 0.03 and shp and shp[-1] != 0:
                shp[-1] += 1
            ops.append(g.view(shp, g.dtype() if r.random() < 0.2 else da))
        return {'op': 'einsum', 'a': [subs] + ops, 'k': {}}
    if op in ('matmul', 'dot'):
        m, kk, n = dim(), dim(), dim()
        form = r.choice(['2x2', '2x2', '1x2', '2x1', '1x1', 'batch'])
        batch = [dim() for _ in range(r.randint(1, 2))] if form == 'batch' else []
        sa = {'2x2': [m, kk], '1x2': [kk], '2x1': [m, kk], '1x1': [kk], 'batch': batch + [m, kk]}[form]
        sb = {'2x2': [kk, n], '1x2': [kk, n], '2x1': [kk], '1x1': [kk], 'batch': [kk, n]}[form]
        if form == 'batch' and r.random() < 0.5:
            sb = [1] * len(batch) + sb if r.random() < 0.5 else batch + sb
        if op == 'dot' and form == 'batch':
            sb = [kk, n]
        if r.random() < 0.04:
            sb = [x + 1 for x in sb]
        k = {}
        if op == 'matmul' and r.random() < 0.15:
            try:
                shp = list(np.matmul(np.zeros(sa), np.zeros(sb)).shape)
                if shp:
                    k['out'] = g.view(shp, g.dtype(NUMERIC), writeable=True)
            except ValueError:
                pass
        return {'op': op, 'a': [g.view(sa, da), g.view(sb, db)], 'k': k}
    if op == 'inner':
        kk = dim()
        sa = [dim()] * r.randint(0, 1) + [kk]
        sb = [dim()] * r.randint(0, 1) + [kk]
        return {'op': op, 'a': [g.view(sa, da), g.view(sb, db)], 'k': {}}
    if op == 'vdot':
        s = g.shape(3, 12)
        t = s if r.random() < 0.7 else [int(np.prod(s))]
        if r.random() < 0.05:
            t = [int(np.prod(s)) + 1]
        return {'op': op, 'a': [g.view(s, da), g.view(t, db)], 'k': {}}
    if op == 'norm':
        s = g.shape(3, 16)
        k = {}
        if s and r.random() < 0.5:
            k['axis'] = r.randrange(-len(s), len(s))
        if r.random() < 0.3:
            k['keepdims'] = True
        return {'op': op, 'a': [g.view(s, g.dtype(NUMERIC))], 'k': k}
    if op == 'outer':
        return {'op': op, 'a': [g.view(g.shape(2, 6), da), g.view(g.shape(2, 6), db)], 'k': {}}
    if op == 'tensordot':
        ax = r.randint(0, 2)
        shared = [dim() for _ in range(ax)]
        sa = [dim() for _ in range(r.randint(0, 2))] + shared
        sb = shared + [dim() for _ in range(r.randint(0, 2))]
        return {'op': op, 'a': [g.view(sa, da), g.view(sb, db)], 'k': {'axes': ax}}
    s = [dim() for _ in range(r.randint(2, 3))]
    k = {}
    if r.random() < 0.5:
        k['offset'] = r.randint(-2, 2)
    return {'op': op, 'a': [g.view(s, da)], 'k': k}


def gen_index(g):
    r = g.rng
    d = g.dtype()
    s = g.shape(max_ndim=4)
    while not s:
        s = g.shape(max_ndim=4)
    a = g.view(s, d)
    op = g.choice(['index', 'index', 'index', 'take'])
    if op == 'take':
        axis = r.choice([None, r.randrange(-len(s), len(s))])
        n = s[axis] if axis is not None else int(np.prod(s))
        idx = [r.randint(-n, n - 1) if n else 0 for _ in range(r.randint(0, 4))]
        if r.random() < 0.1 or n == 0:
            idx.append(n + r.randint(0, 2))
        k = {'axis': axis}
        if r.random() < 0.25 and n:
            k['mode'] = r.choice(['wrap', 'clip'])
            idx = [v * 3 for v in idx]
        return {'op': 'take', 'a': [a, {'ix': idx, 'dt': 'int64'}], 'k': k}
    items = []
    ax = 0
    kind = r.choice(['basic', 'int', 'bool', 'mixed'])
    while ax < len(s) and (not items or r.random() < 0.7):
        n = s[ax]
        c = r.random()
        if kind == 'bool' and not items:
            k = r.randint(1, min(2, len(s)))
            mshape = s[:k]
            mask = np.array([r.random() < 0.5 for _ in range(int(np.prod(mshape)))]).reshape(mshape)
            if r.random() < 0.05:
                mask = mask[..., :0] if mshape[-1] > 0 else np.zeros(mshape[:-1] + [2], bool)
            items.append({'ix': mask.tolist(), 'dt': 'bool'})
            ax += k
            continue
        if kind in ('int', 'mixed') and c < 0.5:
            ishape = r.choice([[2], [3], [1], [2, 2], []])
            vals = [r.randint(-n, n - 1) if n else 0 for _ in range(int(np.prod(ishape)))]
            if r.random() < 0.05 or (n == 0 and vals):
                vals[0] = n
            items.append({'ix': np.array(vals, dtype=np.int64).reshape(ishape).tolist(), 'dt': 'int64'})
        elif c < 0.75:
            st = r.choice([1, 2, -1, -2, None])
            lo = r.choice([None, 0, 1, -1, -2])
            hi = r.choice([None, n, -1, 2])
            items.append({'sl': [lo, hi, st]})
        elif c < 0.9 and n:
            items.append(r.randint(-n, n - 1))
        else:
            items.append(None)
            continue
        ax += 1
    if r.random() < 0.1:
        items.insert(r.randint(0, len(items)), '...')
    if r.random() < 0.04:
        items.insert(r.randint(0, len(items)), r.random() < 0.5)  # a[True] / a[False]
    if r.random() < 0.03:
        items.append(s[0] + 5)  # too many indices or out of range
    return {'op': 'index', 'a': [a] + items, 'k': {}}


def gen_sort(g):
    r = g.rng
    op = g.choice(['sort', 'sort', 'argsort', 'argsort', 'partition', 'unique', 'unique', 'searchsorted',
                   'nonzero', 'argwhere', 'flatnonzero', 'bincount', 'digitize'])
    d = g.dtype(NUMERIC if r.random() < 0.9 else DTYPES)
    if r.random() < 0.12:
        if r.random() < 0.5:
            k = {'bins': r.choice([1, 3, 5, 10])}
            if r.random() < 0.3:
                k['range'] = {'tuple': [-4, 6]}
            return {'op': 'histogram', 'a': [g.view(g.shape(3, 24), g.dtype(NUMERIC))], 'k': k}
        n = r.randint(0, 8)
        return {'op': 'lexsort', 'a': [g.view([r.randint(1, 3), n], g.dtype(NUMERIC))], 'k': {}}
    if op in ('nonzero', 'argwhere', 'flatnonzero'):
        return {'op': op, 'a': [g.view(g.shape(), g.dtype())], 'k': {}}
    if op == 'bincount':
        k = {}
        if r.random() < 0.3:
            k['minlength'] = r.randint(0, 25)
        return {'op': op, 'a': [g.view([r.randint(0, 12)], g.dtype(['uint8', 'uint8', 'int8']))], 'k': k}
    if op == 'digitize':
        return {'op': op, 'a': [g.view(g.shape(3, 12), d), {'srt': g.view([r.randint(1, 6)], g.dtype(['float64', 'int64', 'int32']))}],
                'k': {'right': True} if r.random() < 0.3 else {}}
    if op == 'partition':
        n = r.randint(1, 12)
        kth = r.randint(-n, n - 1)
        return {'op': op, 'a': [g.view([n], d), kth], 'k': {}}
    if op == 'searchsorted':
        return {'op': op, 'a': [{'srt': g.view([r.randint(0, 10)], d)}, g.view(g.shape(2, 8), d)],
                'k': {'side': r.choice(['left', 'right'])}}
    s = g.shape()
    if op == 'unique':
        k = {key: True for key in ('return_index', 'return_inverse', 'return_counts') if r.random() < 0.3}
        return {'op': op, 'a': [g.view(s, d)], 'k': k}
    k = {'axis': axis_arg(g, len(s), allow_tuple=False) if s else r.choice([None, 0, -1])}
    if op == 'argsort':
        k['kind'] = 'stable'  # ties: only the stable order is implementation-independent
    return {'op': op, 'a': [g.view(s, d)], 'k': k}


def gen_stats(g):
    r = g.rng
    op = g.choice(['median', 'percentile', 'quantile', 'nanmedian', 'nanpercentile', 'nanquantile'])
    d = g.dtype(NUMERIC)
    s = g.shape()
    k = {'axis': axis_arg(g, len(s))}
    if r.random() < 0.3:
        k['keepdims'] = True
    args = [g.view(s, d)]
    if not op.endswith('median'):
        scale = 100 if op.endswith('percentile') else 1
        q = r.choice([0.5, 0.25, 0.1, 0.9, 0.75, 0.0, 1.0, 0.3])
        if r.random() < 0.3:
            args.append({'list': [v * scale for v in [0.1, 0.5, 0.95]]})
        else:
            q = q * scale if r.random() > 0.03 else 1.5 * scale
            # an integral q is a JS integer, i.e. a Python int (NumPy's quantile takes its
            # integer path for int q: np.quantile(int16 array, 0) stays int16)
            args.append(int(q) if q == int(q) else q)
    return {'op': op, 'a': args, 'k': k}


def gen_manip(g):
    r = g.rng
    op = g.choice(['concatenate', 'stack', 'reshape', 'transpose', 'swapaxes', 'moveaxis', 'squeeze',
                   'expand_dims', 'flip', 'roll', 'repeat', 'tile', 'ravel', 'pad', 'diag'])
    d = g.dtype()
    s = g.shape()
    nd = len(s)
    if op == 'pad':
        a = g.view(g.shape(3, 12), d)
        width = r.choice([1, 2, 0, {'list': [{'list': [1, 0]}] * a_ndim(a)} if a_ndim(a) else 1])
        k = {'mode': r.choice(['constant', 'edge'])}
        if k['mode'] == 'edge' and r.random() < 0.5:
            k = {}
        return {'op': op, 'a': [a, width], 'k': k}
    if op == 'diag':
        v = g.view([r.randint(0, 4)] * r.randint(1, 2) if r.random() < 0.5 else [r.randint(0, 4), r.randint(0, 4)], d)
        return {'op': op, 'a': [v, r.randint(-2, 2)], 'k': {}}
    if op in ('concatenate', 'stack'):
        axis = r.randrange(-nd - (op == 'stack'), nd + (op == 'stack')) if nd else (0 if op == 'stack' else None)
        if op == 'concatenate' and r.random() < 0.1:
            axis = None
        t = list(s)
        if op == 'concatenate' and axis is not None and nd:
            t[axis] = r.randint(0, 3)
        if r.random() < 0.05 and t:
            t[0] += 1
        arrs = [g.view(s, d), g.view(t, d if r.random() < 0.6 else g.dtype())]
        return {'op': op, 'a': [{'list': arrs}], 'k': {'axis': axis}}
    a = g.view(s, d)
    if op == 'reshape':
        size = int(np.prod(s))
        shp = []
        rest = size
        for f in (2, 3, 2, 1):
            if rest and rest % f == 0 and r.random() < 0.5:
                shp.append(f)
                rest //= f
        shp.append(rest)
        r.shuffle(shp)
        if r.random() < 0.3 and size:
            shp[r.randrange(len(shp))] = -1
        if r.random() < 0.04:
            shp.append(7)
        return {'op': op, 'a': [a, shp], 'k': {}}
    if op == 'transpose':
        p = list(range(nd))
        r.shuffle(p)
        return {'op': op, 'a': [a] + ([p] if r.random() < 0.7 else []), 'k': {}}
    if op in ('swapaxes', 'moveaxis'):
        if nd == 0:
            return {'op': op, 'a': [a, 0, 0], 'k': {}}
        return {'op': op, 'a': [a, r.randrange(-nd, nd), r.randrange(-nd, nd)], 'k': {}}
    if op == 'squeeze':
        ones = [i for i, v in enumerate(s) if v == 1]
        if ones and r.random() < 0.5:
            return {'op': op, 'a': [a, r.choice(ones)], 'k': {}}
        if nd and r.random() < 0.1:
            return {'op': op, 'a': [a, r.randrange(nd)], 'k': {}}
        return {'op': op, 'a': [a], 'k': {}}
    if op == 'expand_dims':
        return {'op': op, 'a': [a, r.randrange(-nd - 1, nd + 1)], 'k': {}}
    if op == 'flip':
        return {'op': op, 'a': [a], 'k': {'axis': axis_arg(g, nd)}}
    if op == 'roll':
        if nd >= 2 and r.random() < 0.3:
            return {'op': op, 'a': [a, {'tuple': [r.randint(-5, 5), r.randint(-5, 5)]}], 'k': {'axis': {'tuple': [0, nd - 1]}}}
        return {'op': op, 'a': [a, r.randint(-5, 5)], 'k': {'axis': r.choice([None] + list(range(nd)))}}
    if op == 'repeat':
        axis = r.choice([None] + list(range(nd)))
        if r.random() < 0.3:
            n = int(np.prod(s)) if axis is None else s[axis]
            return {'op': op, 'a': [a, {'ix': [r.randint(0, 2) for _ in range(n)], 'dt': 'int64'}], 'k': {'axis': axis}}
        return {'op': op, 'a': [a, r.randint(0, 3)], 'k': {'axis': axis}}
    if op == 'tile':
        reps = [r.randint(0, 2) + (1 if r.random() < 0.5 else 0) for _ in range(r.randint(1, 3))]
        return {'op': op, 'a': [a, reps], 'k': {}}
    return {'op': 'ravel', 'a': [a], 'k': {}}


def a_ndim(spec):
    return len(build(spec).shape)


def gen_astype(g):
    d = g.dtype()
    return {'op': 'astype', 'a': [g.view(g.shape(), d), g.dtype()], 'k': {}}


def gen_creation(g):
    r = g.rng
    if r.random() < 0.15:
        k = {}
        if r.random() < 0.5:
            k['k'] = r.randint(-3, 3)
        if r.random() < 0.5:
            k['dtype'] = g.dtype()
        return {'op': 'eye', 'a': [r.randint(0, 5)] + ([r.randint(0, 5)] if r.random() < 0.5 else []), 'k': k}
    if r.random() < 0.5:
        kind = r.choice(['int', 'int', 'float'])
        if kind == 'int':
            start, stop, step = r.randint(-10, 10), r.randint(-10, 20), r.choice([1, 2, 3, -1, -2, 5])
        else:
            start, stop, step = r.choice([0.5, -1.25, 2.5, 0]), r.choice([7.5, 3.25, -2.5, 10]), r.choice([0.5, 0.75, -0.5, 1.5, 1])
        args = r.choice([[stop], [start, stop], [start, stop, step]])
        k = {}
        if r.random() < 0.3:
            k['dtype'] = g.dtype(NUMERIC)
        return {'op': 'arange', 'a': args, 'k': k}
    start = r.choice([0, 1, -2.5, 0.25, 10])
    stop = r.choice([1, 5, -3.5, 7.75, 100])
    num = r.randint(0, 12)
    k = {}
    if r.random() < 0.4:
        k['endpoint'] = False
    if r.random() < 0.2:
        k['dtype'] = g.dtype(['float32', 'float64', 'int64', 'int32'])
    return {'op': 'linspace', 'a': [start, stop, num], 'k': k}


def gen_print(g):
    d = g.dtype()
    return {'op': g.choice(['str', 'repr']), 'a': [g.view(g.shape(3, 12), d)], 'k': {}}


FAMILIES = [
    ('unary', gen_unary, 900), ('binary', gen_binary, 1300), ('reduce', gen_reduce, 900),
    ('scan', gen_scan, 300), ('linalg', gen_linalg, 600), ('indexing', gen_index, 500),
    ('sort', gen_sort, 400), ('statistics', gen_stats, 300), ('manipulation', gen_manip, 500),
    ('astype', gen_astype, 400), ('creation', gen_creation, 200), ('print', gen_print, 200),
]

# ---------------------------------------------------------------------------
# evaluation (runs in the forked children)


def err_family(e):
    if isinstance(e, TypeError):
        return 'TypeError'
    if isinstance(e, (ValueError, IndexError, OverflowError, ZeroDivisionError)):
        return 'RangeError'
    return 'Error'


def enc_result(x):
    if isinstance(x, tuple):
        return [enc_result(e) for e in x]
    if isinstance(x, str):
        return {'str': x}
    sc = isinstance(x, (np.generic, int, float, bool))
    a = np.asarray(x)
    out = {'d': a.dtype.name, 's': list(a.shape),
           'b': base64.b64encode(np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()).decode()}
    if sc:
        out['sc'] = 1
    return out


class Masked:
    """A result with elements C leaves undefined (their flat indices are not compared)."""

    def __init__(self, value, mask):
        self.value = value
        self.mask = mask


def call(case):
    op = case['op']
    args = [decode_arg(x) for x in case['a']]
    k = {key: decode_arg(v) for key, v in case['k'].items()}
    if op in UNARY or op in BINARY:
        if ('out' in k or 'dtype' in k) and 'dtype' not in k:
            # out= alone keeps NumPy's loop: where that loop is float16, numnode runs float32
            try:
                if getattr(getattr(np, op)(*args), 'dtype', None) == np.float16:
                    k['dtype'] = 'float32'
            except Exception:  # noqa: BLE001 - the real call below raises it again
                pass
        res = getattr(np, op)(*args, **k)
        if getattr(res, 'dtype', None) == np.float16:
            # numnode has no float16: where NumPy picks its float16 loop (np.sin of int8),
            # numnode runs the float32 one (src/ops/elementwise-types.ts)
            res = getattr(np, op)(*args, dtype='float32')
        return res
    if op in ('mean', 'var', 'std', 'nanmean') and 'dtype' in k and np.dtype(k['dtype']).kind in 'biu':
        # a mean of nothing (or var with ddof >= n) is NaN or inf before the cast to the integer
        # dtype: undefined in C, so those elements are not compared
        res = getattr(np, op)(*args, **k)
        ref = np.asarray(getattr(np, op)(*args, **dict(k, dtype='float64')))
        bad = [int(i) for i in np.flatnonzero(~np.isfinite(ref))]
        return Masked(res, bad) if bad else res
    if op in REDUCE or op in ('cumsum', 'cumprod', 'diff', 'sort', 'argsort', 'median', 'percentile', 'quantile',
                              'concatenate', 'stack', 'reshape', 'transpose', 'swapaxes', 'moveaxis', 'squeeze',
                              'expand_dims', 'flip', 'roll', 'repeat', 'tile', 'ravel', 'matmul', 'dot', 'inner',
                              'outer', 'tensordot', 'trace', 'diagonal', 'einsum', 'take', 'searchsorted', 'unique',
                              'arange', 'linspace', 'where', 'clip', 'nanmedian', 'nanpercentile', 'nanquantile',
                              'nonzero', 'argwhere', 'flatnonzero', 'bincount', 'digitize', 'pad', 'diag', 'vdot',
                              'eye', 'histogram', 'lexsort'):
        return getattr(np, op)(*args, **k)
    if op == 'norm':
        return np.linalg.norm(*args, **k)
    if op == 'partition':
        return np.sort(args[0])  # the runner checks numnode's partition against the sorted order
    if op == 'index':
        return args[0][tuple(args[1:])]
    if op == 'astype':
        src = args[0]
        res = src.astype(args[1])
        mask = None
        if src.dtype.kind == 'f' and np.dtype(args[1]).kind in 'iu':
            info = np.iinfo(args[1])
            flat = src.ravel()
            with np.errstate(invalid='ignore'):
                t = np.trunc(flat.astype(np.float64))
                bad = ~np.isfinite(flat) | (t < info.min) | (t > info.max)
            mask = [int(i) for i in np.flatnonzero(bad)]
        return Masked(res, mask)
    if op == '__crash__':  # --self-test-crash: what a NumPy segfault looks like to the generator
        os.kill(os.getpid(), signal.SIGSEGV)
    if op == 'str':
        return str(args[0])
    if op == 'repr':
        return repr(args[0])
    raise ValueError(op)


def evaluate(case):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with np.errstate(all='ignore'):
            try:
                res = call(case)
            except Exception as e:  # noqa: BLE001 - every NumPy refusal is an expected outcome
                return {'e': [err_family(e), type(e).__name__, str(e).split('\n')[0]]}
    if isinstance(res, Masked):
        out = enc_result(res.value)
        if res.mask:
            out['m'] = res.mask
        return {'r': out}
    return {'r': enc_result(res)}


def run_isolated(cases, timeout):
    """Evaluates cases in a forked child; returns the outcomes, or None if the child died."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        try:
            data = pickle.dumps([evaluate(c) for c in cases])
            with os.fdopen(wfd, 'wb') as f:
                f.write(data)
        except BaseException:  # noqa: BLE001 - a bug of this generator, not of NumPy: report and exit 3
            import traceback
            traceback.print_exc()
            os._exit(3)
        os._exit(0)
    os.close(wfd)
    chunks = []
    deadline = time.time() + timeout
    timed_out = False
    while True:
        left = deadline - time.time()
        ready = select.select([rfd], [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        b = os.read(rfd, 1 << 16)
        if not b:
            break
        chunks.append(b)
    os.close(rfd)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0:
        raise RuntimeError(f'the evaluating child failed (exit {os.WEXITSTATUS(status)}): a generator bug')
    if timed_out or os.WIFSIGNALED(status) or not chunks:
        # NumPy crashed (a signal) or hung (killed after the timeout): -9 marks a timeout
        return None, (os.WTERMSIG(status) if os.WIFSIGNALED(status) and not timed_out else -9)
    return pickle.loads(b''.join(chunks)), 0


def evaluate_all(cases, batch=400, timeout=120):
    out = []
    for i in range(0, len(cases), batch):
        chunk = cases[i:i + batch]
        res, _ = run_isolated(chunk, timeout)
        if res is None:
            res = []
            for c in chunk:
                one, sig = run_isolated([c], 30)
                res.append(one[0] if one is not None else {'crash': sig})
        out.extend(res)
    return out


def generate(seed, count, self_test_crash=False):
    g = Gen(seed)
    total = sum(n for _, _, n in FAMILIES)
    cases = []
    for fam, fn, n in FAMILIES:
        for _ in range(max(1, round(n * count / total))):
            c = fn(g)
            cases.append({'f': fam, 'op': c['op'], 'a': c['a'], 'k': c['k']})
    if self_test_crash:
        cases.insert(len(cases) // 2, {'f': 'print', 'op': '__crash__', 'a': [], 'k': {}})
    outcomes = evaluate_all(cases)
    for c, o in zip(cases, outcomes):
        c.update(o)
    check = [mix32((seed + i * 0x9E3779B9) & M32) for i in range(8)]
    # the promotion tables for test/properties.test.ts (promotion closure)
    promotion = {
        'promote': {f'{a},{b}': np.promote_types(a, b).name for a in DTYPES for b in DTYPES},
        'can_cast': {f'{a},{b}': ''.join('1' if np.can_cast(a, b, c) else '0'
                                         for c in ('no', 'equiv', 'safe', 'same_kind', 'unsafe'))
                     for a in DTYPES for b in DTYPES},
        'weak': {d: [np.result_type(np.dtype(d), 1).name, np.result_type(np.dtype(d), 0.5).name,
                     np.result_type(np.dtype(d), True).name] for d in DTYPES},
    }
    return {
        'generator': 'scripts/gen-differential-fixtures.py',
        'numpy_version': np.__version__,
        'seed': seed,
        'hash_check': {'seed': seed, 'values': check,
                       'float64': [repr(value_at('float64', seed, i)) for i in range(64)],
                       'int64': [str(value_at('int64', seed, i)) for i in range(32)]},
        'promotion': promotion,
        'cases': cases,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seed', type=int, default=DEFAULT_SEED)
    p.add_argument('--count', type=int, default=DEFAULT_COUNT)
    p.add_argument('--self-test-crash', action='store_true',
                   help='insert one case that kills its evaluating process (checks the isolation)')
    p.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'differential.json'))
    a = p.parse_args()
    fx = generate(a.seed, a.count, a.self_test_crash)
    text = json.dumps(fx, separators=(',', ':'), allow_nan=False)
    if a.out == '-':
        sys.stdout.write(text)
        return
    d = os.path.dirname(os.path.abspath(a.out))
    fd, tmp = tempfile.mkstemp(dir=d, suffix='.tmp')
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.replace(tmp, a.out)


if __name__ == '__main__':
    main()
