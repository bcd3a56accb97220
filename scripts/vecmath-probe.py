#!/usr/bin/env python3
"""Builds and runs scripts/vecmath-probe.cc on reference values from
scripts/gen-elementwise-accuracy.py: worst/mean ulp error against mpmath and
single-thread speed of glibc libm, SLEEF u10 (AVX2) and glibc libmvec (AVX2) for
every transcendental ufunc, float64 and float32 (the measurements behind numnode's
choice of SLEEF; see README "Elementwise").

Usage: python3 scripts/vecmath-probe.py [reference.json]   (default: a fresh 20000-point set)
Needs g++, libsleef-dev and an AVX2 CPU.
"""
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    tmp = tempfile.mkdtemp(prefix='vecmath-probe-')
    ref = sys.argv[1] if len(sys.argv) > 1 else None
    if ref is None:
        ref = os.path.join(tmp, 'ref.json')
        subprocess.run([sys.executable, os.path.join(HERE, 'gen-elementwise-accuracy.py'), '--n', '20000', '--seed', '2', '--out', ref], check=True)
    doc = json.load(open(ref))
    order = [f['op'] for f in doc['funcs']]
    ops = list(dict.fromkeys(order))
    binpath = os.path.join(tmp, 'records.bin')
    with open(binpath, 'wb') as out:
        for f in doc['funcs']:
            out.write(struct.pack('<4i', ops.index(f['op']), f['dtype'] == 'float32', f['nin'], f['n']))
            for key in ('x', 'y', 'hi', 'lo'):
                if key in f:
                    out.write(base64.b64decode(f[key]))
    exe = os.path.join(tmp, 'vecmath-probe')
    subprocess.run(['g++', '-O2', '-mavx2', '-mfma', '-std=c++17', os.path.join(HERE, 'vecmath-probe.cc'), '-o', exe,
                    '-lsleef', '-lmvec', '-lm'], check=True)
    print('reference: %s (n=%d per function and dtype, mpmath %s)' % (ref, doc['n'], doc['mpmath_version']))
    sys.stdout.flush()
    subprocess.run([exe, binpath], check=True)


if __name__ == '__main__':
    main()
