"""What the fixture generators share: numnode's 11 dtypes and the value encoding that
test/helpers/fixtures.ts decodes (bool as is, 8-byte integers as decimal strings,
smaller ones as numbers, floats as Python's repr so that every bit survives JSON)."""
import numpy as np

DTYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32',
          'int64', 'uint64', 'float32', 'float64']
INT_DTYPES = DTYPES[1:9]


def enc_scalar(x, dtype):
    if dtype == 'bool':
        return bool(x)
    if dtype in INT_DTYPES:
        return str(int(x)) if np.dtype(dtype).itemsize == 8 else int(x)
    return repr(float(x))


def enc_values(a):
    a = np.asarray(a)
    d = a.dtype.name
    return [enc_scalar(x, d) for x in a.ravel(order='C').tolist()]
