#!/usr/bin/env python3
"""NumPy's verdicts for test/fuzz.test.ts's live checks (issue 9): reads JSON lines
from stdin, writes one JSON line per input to stdout.

  {"npy": "<base64 bytes>"}  -> {"ok": true, "dtype": "float64", "le": true, "fortran": false, "shape": [2, 3]}
                                or {"ok": false, "error": "ValueError: ..."}
     NumPy's own header reader (numpy.lib.format: read_magic, then _read_array_header
     with the default max_header_size), nothing else: the data is not read.
  {"einsum": "ij,jk", "ndims": [2, 2]}           -> {"ok": true, "ndim": 2} or {"ok": false, ...}
  {"einsum": null, "sublists": [[0, "..."]], "output": [0] | null, "ndims": [...]}
     np.einsum on arrays of ones with every dimension of length 2, "..." as Ellipsis.
Each input is isolated in try/except; a crash of NumPy itself would end the process
(the caller reports it).
"""
import base64
import io
import json
import sys
import warnings

import numpy as np
try:  # NumPy 2 keeps the private helpers in numpy.lib._format_impl
    import numpy.lib._format_impl as fmt
except ImportError:  # NumPy 1.x
    import numpy.lib.format as fmt

warnings.simplefilter("ignore")


def npy(b64):
    f = io.BytesIO(base64.b64decode(b64))
    try:
        version = fmt.read_magic(f)
        fmt._check_version(version)
        shape, fortran, dtype = fmt._read_array_header(f, version)
        return {"ok": True, "dtype": dtype.name if dtype.names is None else "structured",
                "kind": dtype.kind, "le": dtype.byteorder != ">", "fortran": bool(fortran),
                "shape": [int(x) for x in shape]}
    except Exception as e:  # noqa: BLE001 -- every refusal is a verdict
        return {"ok": False, "error": f"{type(e).__name__}: {e}"[:200]}


def lab(v):
    return Ellipsis if v == "..." else v


def einsum(q):
    ops = [np.ones((2,) * nd) for nd in q["ndims"]]
    try:
        if q["einsum"] is not None:
            r = np.einsum(q["einsum"], *ops)
        else:
            args = []
            for o, l in zip(ops, q["sublists"]):
                args += [o, [lab(v) for v in l]]
            if q.get("output") is not None:
                args.append([lab(v) for v in q["output"]])
            r = np.einsum(*args)
        return {"ok": True, "ndim": int(np.ndim(r))}
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "error": f"{type(e).__name__}: {e}"[:200]}


for line in sys.stdin:
    q = json.loads(line)
    out = npy(q["npy"]) if "npy" in q else einsum(q)
    sys.stdout.write(json.dumps(out) + "\n")
