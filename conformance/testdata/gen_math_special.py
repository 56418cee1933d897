#!/usr/bin/python3
"""Writes cases/math_special.json: NumPy's answers for the math and bitwise
ufuncs at the inputs where implementations go wrong — NaN, +-inf, +-0,
subnormals, the edges of each domain, values near overflow, huge trig
arguments; integer division by zero and MIN % -1 for fmod; negative and
oversized shift counts; NaN for fmax/fmin; halves for rint and round.
Format: ../shared/conformance/FORMAT.md.

Run: /usr/bin/python3 conformance/testdata/gen_math_special.py > conformance/testdata/cases/math_special.json
"""
import json
import warnings

import numpy as np

from caselib import arr

warnings.simplefilter("ignore")


def tol(dt):
    if dt.kind in "biu":
        return 0.0, 0.0
    # NumPy's float32 functions are within 4 ulp, its float64 ones 4 ulp.
    return (5e-7, 0.0) if dt == np.float32 else (1e-15, 0.0)


cases = []


def case(op, fn, *args, **kw):
    r = fn(*args, **kw)
    rtol, atol = tol(r.dtype)
    cases.append({"id": "math_special/%s/%03d" % (op, len(cases)), "op": op,
                  "args": [{"array": arr(a)} for a in args], "kwargs": kw,
                  "expect": {"array": arr(r)}, "rtol": rtol, "atol": atol})


SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, -1e-300,
           5e-324, -5e-324, 2.2250738585072014e-308, 1e-8, -1e-8, 0.999999, 1.000001, 700.0,
           709.78, 710.4, 711.0, -745.0, -708.0, 1e10, 1e22, 1e300, 1.7976931348623157e308,
           -1.7976931348623157e308, 77063.27, 3.141592653589793, 1.5707963267948966]
SPECIAL32 = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-38, -1e-38,
             1e-45, -1e-45, 1.1754944e-38, 1e-4, -1e-4, 0.99999994, 1.0000001, 88.0, 88.72,
             89.0, -103.0, -87.0, 1e5, 1e10, 1e30, 3.4028235e38, -3.4028235e38, 3.1415927,
             1.5707964, 8.8e-4, 2.98e-8]

UNARY = ["arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "sinh", "cosh",
         "exp2", "log2", "log10", "cbrt", "deg2rad", "rad2deg", "rint", "trunc", "positive",
         "signbit", "isnan", "isinf", "isfinite", "exp", "log", "log1p", "expm1", "sin", "cos",
         "tan", "tanh"]
for name in UNARY:
    for dt, vals in ((np.float64, SPECIAL), (np.float32, SPECIAL32)):
        case(name, getattr(np, name), np.array(vals, dtype=dt))

# Binary float functions over every pair of a smaller special set.
PAIR = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 3.0, -2.5, 1e-300, 1e300, 5e-324]
PAIR32 = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 3.0, -2.5, 1e-38, 1e38, 1e-45]
for name in ["arctan2", "hypot", "logaddexp", "logaddexp2", "copysign", "fmod", "fmax", "fmin"]:
    for dt, vals in ((np.float64, PAIR), (np.float32, PAIR32)):
        a = np.array(vals, dtype=dt)
        case(name, getattr(np, name), a[:, None], a[None, :])

# Integers: fmod by 0 and MIN % -1, fmax/fmin, shifts by every count.
for dt in (np.int32, np.int64):
    info = np.iinfo(dt)
    a = np.array([info.min, info.min + 1, -7, -1, 0, 1, 7, info.max], dtype=dt)
    b = np.array([-3, -1, 0, 1, 3], dtype=dt)
    case("fmod", np.fmod, a[:, None], b[None, :])
    case("fmax", np.fmax, a[:, None], b[None, :])
    bits = 8 * np.dtype(dt).itemsize
    counts = np.array([-65, -64, -33, -32, -1, 0, 1, 2, bits - 2, bits - 1, bits, bits + 1, 100, info.max, info.min], dtype=dt)
    for name in ("left_shift", "right_shift"):
        case(name, getattr(np, name), a[:, None], counts[None, :])
    for name in ("bitwise_and", "bitwise_or", "bitwise_xor"):
        case(name, getattr(np, name), a[:, None], a[None, :])
    case("invert", np.invert, a)
    case("isnan", np.isnan, a)
    case("signbit", np.signbit, a)
case("invert", np.invert, np.array([True, False]))
case("bitwise_xor", np.bitwise_xor, np.array([True, False])[:, None], np.array([True, False])[None, :])

# Rounding: halves go to even; decimals both ways.
halves = np.array([-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 2.675, 1.005, 0.125, 1e16 + 2, np.nan, np.inf, -0.0])
for dt in (np.float64, np.float32):
    case("rint", np.rint, halves.astype(dt))
    for d in (-2, -1, 0, 1, 2, 3):
        case("round", np.round, halves.astype(dt), decimals=d)
for dt in (np.int32, np.int64):
    case("round", np.round, np.array([-155, -150, -145, -50, -5, 0, 5, 15, 25, 149, 150, 151, 1234567], dtype=dt), decimals=-1)
    case("round", np.round, np.array([-155, -150, -145, -50, 0, 50, 149, 150, 250, 1234567], dtype=dt), decimals=-2)

json.dump({"numpy_version": np.__version__, "cases": cases}, __import__("sys").stdout, indent=None)
print()
