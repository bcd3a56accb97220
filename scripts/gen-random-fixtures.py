#!/usr/bin/env python3
"""Generate numnode's random-number fixtures and the constant tables its samplers need.

Outputs, all committed:

1. src/random/ziggurat-tables.ts and native/kernels/ziggurat_tables.h -- the twelve
   256-entry tables of NumPy's ziggurat samplers (ki/wi/fi for the normal, ke/we/fe for
   the exponential, each in a double and a float flavour). They are EXTRACTED from the
   NumPy installed here, not recomputed: NumPy's tables were produced by a generator
   whose rounding cannot be reproduced from the published formulas (recomputing them
   with 60-digit mpmath from Marsaglia & Tsang's recurrences differs from NumPy's tables
   in the last bits of most entries), and the streams must be identical bit for bit.
   NumPy ships its distributions as a static library (numpy/random/lib/libnpyrandom.a)
   whose object src_distributions_distributions.c.o keeps the tables as local symbols
   (ki_double, wi_double, ...); they are read by name from the ELF symbol table.
   `--header PATH` reads them from a NumPy source checkout's ziggurat_constants.h
   instead (it gives the same numbers). The three scalar constants (ziggurat_nor_r, ...)
   are compile-time literals in NumPy, written out as such.

2. src/random/glibc-log-data.ts -- the table and coefficients of glibc's log(), read
   from the system libm (see log_data_from_libm below), for the bit-exact log that
   NumPy's legacy Gaussian needs.

3. test/fixtures/random.json -- for seeds 0, 1, 42, 2**32-1 and an array seed, the
   first 10,000 values of each function and dtype from np.random.RandomState (legacy
   MT19937) and np.random.default_rng (PCG64). To keep the file small each case stores
   the SHA-256 of the values' little-endian bytes (so any difference anywhere is
   caught), the first 8 values (for diagnostics) and the generator state after the
   calls. test/random.fixtures.test.ts recomputes the same cases in numnode on both
   backends and compares.

Usage:
  python3 scripts/gen-random-fixtures.py            # writes all outputs
  python3 scripts/gen-random-fixtures.py --tables   # only the generated tables (TS and C++)
  python3 scripts/gen-random-fixtures.py --header numpy/random/src/distributions/ziggurat_constants.h
                                                    # tables from a NumPy source checkout instead
  python3 scripts/gen-random-fixtures.py --run CASES.json  # run given cases, JSON to stdout
                                                    # (test/random.test.ts's live comparison)
"""

import argparse
import hashlib
import json
import os
import struct
import sys
from decimal import Decimal

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES_TS = os.path.join(ROOT, 'src', 'random', 'ziggurat-tables.ts')
TABLES_H = os.path.join(ROOT, 'native', 'kernels', 'ziggurat_tables.h')
FIXTURE = os.path.join(ROOT, 'test', 'fixtures', 'random.json')

TABLES = [  # name, element format in the object file, count
    ('ki_double', '<256Q'), ('wi_double', '<256d'), ('fi_double', '<256d'),
    ('ki_float', '<256I'), ('wi_float', '<256f'), ('fi_float', '<256f'),
    ('ke_double', '<256Q'), ('we_double', '<256d'), ('fe_double', '<256d'),
    ('ke_float', '<256I'), ('we_float', '<256f'), ('fe_float', '<256f'),
]


# ---- ziggurat tables -------------------------------------------------------------

def _ar_members(data):
    """Yields (name, bytes) of a System V / GNU ar archive."""
    if data[:8] != b'!<arch>\n':
        raise ValueError('not an ar archive')
    pos = 8
    longnames = b''
    while pos + 60 <= len(data):
        hdr = data[pos:pos + 60]
        name = hdr[:16].decode('ascii').strip()
        size = int(hdr[48:58].decode('ascii').strip())
        body = data[pos + 60:pos + 60 + size]
        if name == '//':
            longnames = body
        elif name.startswith('/') and name[1:].isdigit():
            off = int(name[1:])
            end = longnames.index(b'/\n', off)
            name = longnames[off:end].decode()
        yield name.rstrip('/'), body
        pos += 60 + size + (size & 1)


def _elf_symbols(obj):
    """{name: bytes} for the sized OBJECT symbols of a little-endian ELF64 object."""
    if obj[:4] != b'\x7fELF' or obj[4] != 2 or obj[5] != 1:
        raise ValueError('not a little-endian ELF64 object')
    shoff, = struct.unpack_from('<Q', obj, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', obj, 0x3A)
    sections = [struct.unpack_from('<IIQQQQIIQQ', obj, shoff + i * shentsize) for i in range(shnum)]
    out = {}
    for sec in sections:
        if sec[1] != 2:  # SHT_SYMTAB
            continue
        strtab = sections[sec[6]]
        for k in range(sec[5] // 24):
            st_name, st_info, _other, st_shndx, st_value, st_size = struct.unpack_from('<IBBHQQ', obj, sec[4] + k * 24)
            if (st_info & 0xF) != 1 or st_shndx == 0 or st_shndx >= len(sections):  # STT_OBJECT
                continue
            s = strtab[4] + st_name
            name = obj[s:obj.index(b'\0', s)].decode()
            base = sections[st_shndx][4]
            out[name] = obj[base + st_value: base + st_value + st_size]
    return out


def tables_from_numpy():
    lib = os.path.join(os.path.dirname(np.random.__file__), 'lib', 'libnpyrandom.a')
    with open(lib, 'rb') as f:
        data = f.read()
    for name, body in _ar_members(data):
        if name.endswith('distributions.c.o') or name.endswith('distributions.o'):
            syms = _elf_symbols(body)
            if all(t in syms for t, _ in TABLES):
                return {t: list(struct.unpack(fmt, syms[t])) for t, fmt in TABLES}
    raise RuntimeError(f'ziggurat tables not found in {lib}')


def tables_from_header(path):
    import re
    src = open(path).read()
    out = {}
    for m in re.finditer(r'static const (\w+) (\w+)\[\] = \{(.*?)\};', src, re.S):
        typ, name, body = m.groups()
        vals = [v.strip() for v in body.replace('\n', ' ').split(',') if v.strip()]
        if typ.startswith('uint'):
            out[name] = [int(v.rstrip('ULul'), 16) for v in vals]
        elif typ == 'double':
            out[name] = [float(v) for v in vals]
        else:  # a C float literal rounds the decimal straight to float32
            out[name] = [_decimal_to_f32(Decimal(v.rstrip('fF'))) for v in vals]
    return out


def _decimal_to_f32(d):
    from fractions import Fraction
    target = Fraction(d)
    a = np.float32(float(target))
    best = min((a, np.nextafter(a, np.float32(np.inf)), np.nextafter(a, np.float32(-np.inf))),
               key=lambda c: abs(Fraction(float(c)) - target))
    return float(best)


def _chunks(items, n):
    return [items[i:i + n] for i in range(0, len(items), n)]


def write_tables_ts(tables):
    def f64(v):
        return repr(float(v))

    def f32(v):
        return repr(float(np.float32(v)))  # the exact float32 value, as its float64 widening
    lines = [
        '// GENERATED by scripts/gen-random-fixtures.py -- do not edit.',
        "// NumPy's ziggurat tables, read from the NumPy installed where the script ran",
        '// (numpy/random/lib/libnpyrandom.a, symbols ki_double ... fe_float), so that',
        "// numnode's standard_normal/standard_exponential streams equal NumPy's bit for bit.",
        '// ki/ke entries are integers below 2**53 (exact as numbers); float tables hold float32 values.',
        '// native/kernels/ziggurat_tables.h holds the same numbers for the addon.',
        '',
    ]
    for name, _fmt in TABLES:
        vals = tables[name]
        assert len(vals) == 256, name
        if name.startswith('k'):
            text = [str(int(v)) for v in vals]
            assert all(int(v) < 2 ** 53 for v in vals)
            ctor = 'Float64Array' if name.endswith('double') else 'Uint32Array'
        elif name.endswith('double'):
            text = [f64(v) for v in vals]
            ctor = 'Float64Array'
        else:
            text = [f32(v) for v in vals]
            ctor = 'Float32Array'
        lines.append(f'export const {name} = new {ctor}([')
        lines += ['  ' + ', '.join(c) + ',' for c in _chunks(text, 4)]
        lines.append(']);')
    lines += [
        '',
        "// NumPy's ziggurat_constants.h literals (compile-time constants, not symbols in the library).",
        'export const ZIGGURAT_NOR_R = 3.6541528853610087963519472518;',
        'export const ZIGGURAT_NOR_INV_R = 0.27366123732975827203338247596;',
        'export const ZIGGURAT_EXP_R = 7.6971174701310497140446280481;',
        f'export const ZIGGURAT_NOR_R_F = {f32(_decimal_to_f32(Decimal("3.6541528853610087963519472518")))};',
        f'export const ZIGGURAT_NOR_INV_R_F = {f32(_decimal_to_f32(Decimal("0.27366123732975827203338247596")))};',
        f'export const ZIGGURAT_EXP_R_F = {f32(_decimal_to_f32(Decimal("7.6971174701310497140446280481")))};',
        '',
    ]
    with open(TABLES_TS, 'w') as f:
        f.write('\n'.join(lines))
    write_tables_h(tables)


def write_tables_h(tables):
    """The same tables for native/kernels/random.cc, as exact hex-float literals."""
    ctype = {'Q': 'uint64_t', 'd': 'double', 'I': 'uint32_t', 'f': 'float'}
    lines = [
        '// GENERATED by scripts/gen-random-fixtures.py -- do not edit.',
        "// NumPy's ziggurat tables (see src/random/ziggurat-tables.ts for their origin).",
        '#pragma once',
        '#include <cstdint>',
        '',
        'namespace numnode::zig {',
        '',
    ]
    for name, fmt in TABLES:
        t = ctype[fmt[-1]]
        vals = tables[name]
        if t == 'uint64_t':
            text = [f'0x{int(v):016X}ULL' for v in vals]
        elif t == 'uint32_t':
            text = [f'0x{int(v):08X}U' for v in vals]
        elif t == 'double':
            text = [float(v).hex() for v in vals]
        else:
            text = [float(np.float32(v)).hex() + 'f' for v in vals]
        lines.append(f'alignas(64) static const {t} {name}[256] = {{')
        lines += ['    ' + ', '.join(c) + ',' for c in _chunks(text, 4)]
        lines.append('};')
    lines += [
        '',
        'static const double ziggurat_nor_r = 3.6541528853610087963519472518;',
        'static const double ziggurat_nor_inv_r = 0.27366123732975827203338247596;',
        'static const double ziggurat_exp_r = 7.6971174701310497140446280481;',
        'static const float ziggurat_nor_r_f = 3.6541528853610087963519472518f;',
        'static const float ziggurat_nor_inv_r_f = 0.27366123732975827203338247596f;',
        '',
        '}  // namespace numnode::zig',
        '',
    ]
    with open(TABLES_H, 'w') as f:
        f.write('\n'.join(lines))


# ---- glibc's log table -----------------------------------------------------------
# NumPy's legacy Gaussian calls the C library's log(); V8's Math.log differs from glibc's
# in the last bit for ~7% of inputs. src/random/glibc-math.ts reproduces glibc 2.28+'s log
# (the algorithm of ARM's optimized-routines, MIT-licensed, as glibc's FMA build evaluates
# it); its 128-entry table and polynomial coefficients are read here from the system libm
# by locating the __log_data structure through its first two constants (ln2hi, ln2lo).

LOG_DATA_SIGNATURE = struct.pack('<dd', float.fromhex('0x1.62e42fefa3800p-1'), float.fromhex('0x1.ef35793c76730p-45'))
LIBM_TS = os.path.join(ROOT, 'src', 'random', 'glibc-log-data.ts')


def libm_path():
    import ctypes.util
    for cand in ('/lib/x86_64-linux-gnu/libm.so.6', '/usr/lib/x86_64-linux-gnu/libm.so.6', '/lib64/libm.so.6'):
        if os.path.exists(cand):
            return cand
    name = ctypes.util.find_library('m')
    if name and os.path.exists(name):
        return name
    raise RuntimeError('libm.so.6 not found')


def log_data_from_libm():
    data = open(libm_path(), 'rb').read()
    at = data.find(LOG_DATA_SIGNATURE)
    if at < 0:
        raise RuntimeError('glibc __log_data not found in libm (glibc older than 2.28?)')
    vals = struct.unpack_from('<' + 'd' * (2 + 5 + 11 + 256), data, at)
    return {'ln2hi': vals[0], 'ln2lo': vals[1], 'A': vals[2:7], 'B': vals[7:18], 'tab': vals[18:18 + 256]}


def write_libm_ts(d):
    f = lambda v: repr(float(v))
    lines = [
        '// GENERATED by scripts/gen-random-fixtures.py -- do not edit.',
        "// glibc's log() data (__log_data: ln2 split, polynomial coefficients, 128 (invc, logc)",
        '// pairs), read from the system libm; the same numbers as ARM optimized-routines',
        '// math/log_data.c (MIT), from which glibc 2.28+ took its log.',
        '',
        f"export const LN2HI = {f(d['ln2hi'])};",
        f"export const LN2LO = {f(d['ln2lo'])};",
        f"export const LOG_A = [{', '.join(f(v) for v in d['A'])}] as const;",
        'export const LOG_B = [',
        *[f'  {f(v)},' for v in d['B']],
        '] as const;',
        '/** tab[2i] = invc, tab[2i + 1] = logc. */',
        'export const LOG_TAB = new Float64Array([',
        *[f"  {f(d['tab'][2 * i])}, {f(d['tab'][2 * i + 1])}," for i in range(128)],
        ']);',
        '',
    ]
    with open(LIBM_TS, 'w') as fh:
        fh.write('\n'.join(lines))


# ---- fixture cases ----------------------------------------------------------------

N = 10000
SEEDS = [0, 1, 42, 2 ** 32 - 1, [1, 2, 3, 4, 5]]
P5 = [0.1, 0.2, 0.3, 0.15, 0.25]
P10 = [0.05, 0.05, 0.1, 0.1, 0.2, 0.0, 0.1, 0.15, 0.05, 0.2]


def C(fn, *args, **kw):
    """One call: fn name (Python's), positional args, keyword args."""
    return {'fn': fn, 'args': list(args), 'kw': kw}


def arange_arg(n, shape=None, dtype='int64'):
    return {'$arange': n, 'shape': shape, 'dtype': dtype}


def legacy_calls():
    out = {
        'random_sample': [C('random_sample', size=N)],
        'rand': [C('rand', 100, 100)],
        'randn': [C('randn', N)],
        'randn_odd_then_scalar': [C('randn', N - 1), C('standard_normal'), C('standard_normal'), C('randn')],
        'standard_normal_2d': [C('standard_normal', size=[100, 100])],
        'uniform': [C('uniform', -3.0, 5.0, size=N)],
        'normal': [C('normal', 2.0, 3.0, size=N)],
        'randint_default': [C('randint', 0, 100, size=N)],
        'randint_one_arg': [C('randint', 7, size=N)],
        'randint_scalars': [C('randint', 0, 10) for _ in range(20)] + [C('randint', 0, 10, dtype='uint8') for _ in range(20)],
        'choice_replace': [C('choice', 1000, size=N)],
        'choice_noreplace': [C('choice', 1000, size=500, replace=False)],
        'choice_p': [C('choice', 5, size=N, p=P5)],
        'choice_p_noreplace': [C('choice', 10, size=5, replace=False, p=P10)],
        'choice_array': [C('choice', arange_arg(50, dtype='float64'), size=N)],
        'choice_scalar': [C('choice', 10) for _ in range(10)],
        'permutation': [C('permutation', N)],
        'permutation_2d': [C('permutation', arange_arg(200, [50, 4]))],
        'shuffle': [C('shuffle', arange_arg(N))],
        'shuffle_2d': [C('shuffle', arange_arg(300, [100, 3]))],
        'mixed': [C('rand'), C('randn'), C('randint', 5), C('uniform'), C('randn', 3), C('random_sample', size=3)],
    }
    ranges = {
        'bool': [(0, 2)], 'int8': [(-100, 100), (-128, 128)], 'uint8': [(0, 256), (3, 40)],
        'int16': [(-1000, 1000), (-32768, 32768)], 'uint16': [(0, 65536), (0, 777)],
        'int32': [(-2 ** 31, 2 ** 31), (0, 1000)], 'uint32': [(0, 2 ** 32), (5, 2 ** 31 + 7)],
        'int64': [(-2 ** 40, 2 ** 40), (-2 ** 63, 2 ** 63), (0, 2 ** 32), (0, 2 ** 32 + 1)],
        'uint64': [(0, 2 ** 64), (0, 2 ** 33 + 3), (7, 2 ** 63 + 5)],
    }
    for dt, rs in ranges.items():
        for k, (lo, hi) in enumerate(rs):
            out[f'randint_{dt}_{k}'] = [C('randint', lo, hi, size=N, dtype=dt)]
    return out


def generator_calls():
    out = {
        'random': [C('random', size=N)],
        'random_f32': [C('random', size=N, dtype='float32')],
        'standard_normal': [C('standard_normal', size=N)],
        'standard_normal_f32': [C('standard_normal', size=N, dtype='float32')],
        'normal': [C('normal', 1.0, 2.0, size=N)],
        'uniform': [C('uniform', -1.0, 4.0, size=N)],
        'exponential': [C('exponential', 2.0, size=N)],
        'integers_default': [C('integers', 0, 100, size=N)],
        'integers_endpoint': [C('integers', -5, 5, size=N, endpoint=True)],
        'choice_replace': [C('choice', 100, size=N)],
        'choice_floyd': [C('choice', 100000, size=200, replace=False)],
        'choice_tail': [C('choice', 20000, size=1000, replace=False)],
        'choice_small': [C('choice', 50, size=20, replace=False)],
        'choice_small_noshuffle': [C('choice', 50, size=20, replace=False, shuffle=False)],
        'choice_p': [C('choice', 5, size=N, p=P5)],
        'choice_p_noreplace': [C('choice', 10, size=5, replace=False, p=P10)],
        'choice_axis1': [C('choice', arange_arg(60, [3, 20]), size=7, axis=1)],
        'permutation': [C('permutation', N)],
        'permutation_axis1': [C('permutation', arange_arg(60, [3, 20]), axis=1)],
        'shuffle': [C('shuffle', arange_arg(N))],
        'shuffle_2d': [C('shuffle', arange_arg(300, [100, 3]))],
        'shuffle_2d_axis1': [C('shuffle', arange_arg(300, [3, 100]), axis=1)],
        'scalars_interleaved': sum([[C('random'), C('random', dtype='float32'), C('integers', 0, 1000),
                                     C('standard_normal'), C('integers', 0, 10, dtype='uint8')] for _ in range(8)], []),
    }
    ranges = {
        'bool': [(0, 2, False), (0, 1, True)], 'int8': [(-100, 100, False), (-128, 127, True)],
        'uint8': [(0, 256, False), (3, 40, True)], 'int16': [(-1000, 1000, False), (-32768, 32767, True)],
        'uint16': [(0, 65536, False), (0, 777, False)], 'int32': [(-2 ** 31, 2 ** 31, False), (0, 1000, True)],
        'uint32': [(0, 2 ** 32, False), (5, 2 ** 31 + 7, False)],
        'int64': [(-2 ** 40, 2 ** 40, False), (-2 ** 63, 2 ** 63 - 1, True), (0, 2 ** 32, False), (0, 2 ** 32 + 1, False)],
        'uint64': [(0, 2 ** 64 - 1, True), (0, 2 ** 33 + 3, False), (7, 2 ** 63 + 5, False)],
    }
    for dt, rs in ranges.items():
        for k, (lo, hi, ep) in enumerate(rs):
            kw = {'size': N, 'dtype': dt}
            if ep:
                kw['endpoint'] = True
            out[f'integers_{dt}_{k}'] = [C('integers', lo, hi, **kw)]
    return out


def _materialize(a):
    if isinstance(a, dict) and '$arange' in a:
        x = np.arange(a['$arange']).astype(a['dtype'])
        return x.reshape(a['shape']) if a['shape'] else x
    return a


def run_call(obj, call):
    args = [_materialize(a) for a in call['args']]
    fn = getattr(obj, call['fn'])
    if call['fn'] == 'shuffle':
        fn(args[0], **call['kw'])
        return args[0]
    return fn(*args, **call['kw'])


def encode(res):
    a = np.asarray(res)
    if a.dtype == object:
        raise TypeError(f'unexpected result {res!r}')
    if a.dtype.byteorder == '>':
        a = a.astype(a.dtype.newbyteorder('<'))
    return a


def state_of(kind, obj):
    if kind == 'legacy':
        name, key, pos, has_gauss, gauss = obj.get_state()
        return {'key_sha256': hashlib.sha256(np.asarray(key, '<u4').tobytes()).hexdigest(), 'pos': int(pos),
                'has_gauss': int(has_gauss), 'gauss': float(gauss).hex()}
    st = obj.bit_generator.state
    return {'state': str(st['state']['state']), 'inc': str(st['state']['inc']),
            'has_uint32': int(st['has_uint32']), 'uinteger': int(st['uinteger'])}


def make(kind, seed):
    return np.random.RandomState(seed) if kind == 'legacy' else np.random.default_rng(seed)


def run_case(case):
    obj = make(case['gen'], case['seed'])
    digest = hashlib.sha256()
    results = []
    for call in case['calls']:
        a = encode(run_call(obj, call))
        digest.update(a.tobytes())
        results.append({'dtype': a.dtype.name, 'shape': list(a.shape)})
    first = encode(run_call(make(case['gen'], case['seed']), case['calls'][0])).ravel()
    head = [v.hex() if isinstance(v, float) else str(v) for v in (first[:8].astype(np.float64).tolist()
            if first.dtype.kind == 'f' else [int(x) if first.dtype.kind in 'iu' else bool(x) for x in first[:8]])]
    return {'results': results, 'sha256': digest.hexdigest(), 'head': head, 'after': state_of(case['gen'], obj)}


def all_cases():
    cases = []
    for kind, calls in (('legacy', legacy_calls()), ('pcg64', generator_calls())):
        for seed in SEEDS:
            for name, cl in calls.items():
                sid = 'array' if isinstance(seed, list) else str(seed)
                cases.append({'id': f'{kind}/{name}/seed={sid}', 'gen': kind, 'seed': seed, 'calls': cl})
    return cases


def to_json_args(x):
    """Python ints beyond 2**53 become {"$big": "..."} for JavaScript."""
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, int) and abs(x) > 2 ** 53:
        return {'$big': str(x)}
    if isinstance(x, list):
        return [to_json_args(v) for v in x]
    if isinstance(x, dict):
        return {k: to_json_args(v) for k, v in x.items()}
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tables', action='store_true', help='write only src/random/ziggurat-tables.ts')
    ap.add_argument('--header', help='read the ziggurat tables from this ziggurat_constants.h instead of the installed NumPy')
    ap.add_argument('--run', help='run the cases of this JSON file (a list) and print results as JSON')
    args = ap.parse_args()
    if args.run:
        cases = json.load(open(args.run))
        json.dump([run_case(c) for c in cases], sys.stdout)
        return
    tables = tables_from_header(args.header) if args.header else tables_from_numpy()
    write_tables_ts(tables)
    print(f'wrote {os.path.relpath(TABLES_TS, ROOT)} and {os.path.relpath(TABLES_H, ROOT)}')
    write_libm_ts(log_data_from_libm())
    print(f'wrote {os.path.relpath(LIBM_TS, ROOT)}')
    if args.tables:
        return
    cases = all_cases()
    out = {
        'numpy': np.__version__,
        'n': N,
        'cases': [{**{k: to_json_args(v) for k, v in c.items()}, **run_case(c)} for c in cases],
    }
    with open(FIXTURE, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.relpath(FIXTURE, ROOT)}: {len(cases)} cases, {os.path.getsize(FIXTURE)} bytes')


if __name__ == '__main__':
    main()
