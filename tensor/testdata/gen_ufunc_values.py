#!/usr/bin/python3
"""Writes ufunc_values.json: NumPy's values for the ufunc edge cases that
tensor/ufunc_semantics_test.go replays with numgl.

Run: /usr/bin/python3 tensor/testdata/gen_ufunc_values.py > tensor/testdata/ufunc_values.json

Each case: "op", "dtypes" (of the input arrays, all 1-d of one length),
"args" (the inputs), "dtype" (NumPy's result dtype) and "out" (NumPy's
result). Floats are JSON numbers, except "nan", "inf" and "-inf"; float32
values are written exactly (as the float64 of the same value). "ulp" is
the tolerance in units in the last place of the result dtype (0: exact,
sign of zero included). "alt_out", where present, is a second accepted
answer per element (null: none): the exactly rounded one, where NumPy's
float32 arithmetic is less accurate (see floor_divide below).
"any_zero_sign" lists the elements whose sign of zero NumPy itself does
not fix (an element alone and in the whole array disagree); none do on
the machine that wrote the committed file.
"errors" are calls NumPy refuses: class and message.
"""
import json
import math
import sys
import warnings
from fractions import Fraction

import numpy as np

np._set_promotion_state("weak")
warnings.simplefilter("ignore")
rng = np.random.default_rng(20240601)

I32 = np.iinfo(np.int32)
I64 = np.iinfo(np.int64)
# Tolerances for the float functions (exp, log, sin, power, ...): 2 ulp of
# float32; 4 ulp of float64, because NumPy 1.24 on an AVX512_SKX machine
# (the one that wrote the committed file) computes float64 functions with
# its SIMD code (SVML), documented to 4 ulp: its cos(-15.731046370710743) is
# 3 ulp from the correctly rounded value that glibc and Go give.
# Arithmetic, sqrt, floor and ceil are exact.
ULP = {"float32": 2, "float64": 4}
# numgl's float64 power is Go's math.Pow, which is not correctly rounded:
# up to 9 ulp was measured on random inputs (NumPy/glibc: under 1 ulp).
POW_ULP = {"float32": 2, "float64": 16}
# Go's math.Cos and math.Tan of arguments near 2^63 lose up to ~40 ulp when
# the result is small (the reduced angle is rounded once to float64).
HUGE_TRIG_ULP = 64


def enc(v, dt):
    if dt == "bool":
        return bool(v)
    if dt.startswith("int"):
        return int(v)
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def call(op, arrays):
    if op == "clip":
        return np.clip(*arrays)
    if op == "where":
        return np.where(*arrays)
    return getattr(np, op)(*arrays)


def dump(obj, f):
    """Writes obj as JSON with one list element per line (reviewable diffs)."""
    f.write("{\n")
    items = sorted(obj.items())
    for i, (k, v) in enumerate(items):
        f.write(json.dumps(k) + ": ")
        if isinstance(v, list) and v:
            f.write("[\n" + ",\n".join(json.dumps(x, sort_keys=True) for x in v) + "\n]")
        else:
            f.write(json.dumps(v, sort_keys=True))
        f.write(",\n" if i < len(items) - 1 else "\n")
    f.write("}\n")


cases = []


def case(name, op, dtypes, args, ulp=0, alt=None):
    arrays = [np.array(a, dtype=d) for a, d in zip(args, dtypes)]
    n = max(len(a) for a in arrays)
    assert all(len(a) == n for a in arrays), name
    r = call(op, arrays)
    c = {"name": name, "op": op, "dtypes": dtypes,
         "args": [[enc(v, d) for v in a] for a, d in zip(arrays, dtypes)],
         "dtype": str(r.dtype), "out": [enc(v, str(r.dtype)) for v in r],
         "ulp": ulp if r.dtype.kind == "f" else 0}
    # NumPy's result for each element alone (its scalar loop) against the
    # whole array (its SIMD loop): where only the sign of a zero differs,
    # NumPy does not fix it.
    if alt is not None:
        # The exactly rounded result, where it differs from NumPy's.
        alts = [enc(v, str(r.dtype)) for v in alt(arrays)]
        if alts != c["out"]:
            c["alt_out"] = [x if x != y else None for x, y in zip(alts, c["out"])]
    if r.dtype.kind == "f":
        loose = []
        for i in range(n):
            one = call(op, [a[i:i + 1] for a in arrays])[0]
            if one != r[i] and not (np.isnan(one) and np.isnan(r[i])):
                raise SystemExit("%s: element %d is %r alone and %r in the array" % (name, i, one, r[i]))
            if one == 0 and np.signbit(one) != np.signbit(r[i]):
                loose.append(i)
        if loose:
            c["any_zero_sign"] = loose
    cases.append(c)


def cross(xs, ys):
    return [x for x in xs for y in ys], [y for x in xs for y in ys]


INTS = {"int32": I32, "int64": I64}
FLOATS = ["float32", "float64"]
nan, inf = float("nan"), float("inf")

# Integer floor_divide and remainder: Python's rounding, mixed signs, zero
# divisors (NumPy gives 0), MIN // -1.
for dt, info in INTS.items():
    a, b = cross([-7, -6, -1, 0, 1, 6, 7, info.min, info.min + 1, info.max],
                 [-3, -2, -1, 0, 1, 2, 3, 7, info.min, info.max])
    for op in ["floor_divide", "remainder"]:
        case(op + " " + dt, op, [dt, dt], [a, b])

# Float floor_divide and remainder: zero divisors, signed zeros, inf, nan,
# and random values of every magnitude.
for dt in FLOATS:
    a, b = cross([-7.5, -7, -1, -0.0, 0.0, 0.5, 1, 3, 7.5, 1e30, inf, -inf, nan],
                 [-2, -0.5, -0.0, 0.0, 0.5, 2, 3, 1e-30, inf, -inf, nan])
    ra = (rng.choice([-1, 1], 400) * 10.0 ** rng.uniform(-6, 6, 400)).tolist()
    rb = (rng.choice([-1, 1], 400) * 10.0 ** rng.uniform(-6, 6, 400)).tolist()
    for op in ["floor_divide", "remainder"]:
        case(op + " " + dt + " special", op, [dt, dt], [a, b])
    case("remainder " + dt + " random", "remainder", [dt, dt], [ra, rb])
    # NumPy's float32 floor_divide works in float32: (a - fmod(a, b)) / b is
    # rounded before the floor, so where the quotient is beyond 2**24 its
    # answer can be one ulp from floor(a/b). "alt_out" holds floor(a/b)
    # computed exactly and rounded once to the dtype.
    case("floor_divide " + dt + " random", "floor_divide", [dt, dt], [ra, rb],
         alt=lambda arrs: [np.dtype(dt).type(math.floor(Fraction(float(x)) / Fraction(float(y))))
                           for x, y in zip(*arrs)])

# Integer power: wraps on overflow.
for dt, info in INTS.items():
    a, b = cross([-3, -2, -1, 0, 1, 2, 3, 7, 10, info.min, info.max],
                 [0, 1, 2, 3, 5, 10, 31, 32, 33, 62, 63, 64])
    case("power " + dt, "power", [dt, dt], [a, b])

# Float power.
for dt in FLOATS:
    a, b = cross([-2, -1.5, -1, -0.5, -0.0, 0.0, 0.5, 1, 2, 10, inf, -inf, nan],
                 [-3, -2, -0.5, -0.0, 0, 0.5, 1, 2, 3, 100, inf, -inf, nan])
    case("power " + dt + " special", "power", [dt, dt], [a, b], POW_ULP[dt])
    ra = rng.uniform(0, 10, 300).tolist()
    rb = rng.uniform(-20, 20, 300).tolist()
    case("power " + dt + " random", "power", [dt, dt], [ra, rb], POW_ULP[dt])

# maximum and minimum: NaN in either position, signed zeros, infinities.
for dt in FLOATS:
    a, b = cross([nan, -inf, -1, -0.0, 0.0, 1, inf], [nan, -inf, -1, -0.0, 0.0, 1, inf])
    for op in ["maximum", "minimum"]:
        case(op + " " + dt, op, [dt, dt], [a, b])
for dt, info in INTS.items():
    a, b = cross([info.min, -1, 0, 1, info.max], [info.min, -1, 0, 1, info.max])
    for op in ["maximum", "minimum"]:
        case(op + " " + dt, op, [dt, dt], [a, b])
a, b = cross([False, True], [False, True])
for op in ["maximum", "minimum"]:
    case(op + " bool", op, ["bool", "bool"], [a, b])

# sign: NaN, signed zeros.
for dt in FLOATS:
    case("sign " + dt, "sign", [dt], [[nan, -inf, -2.5, -0.0, 0.0, 1e-30, 3, inf]])
for dt, info in INTS.items():
    case("sign " + dt, "sign", [dt], [[info.min, -5, 0, 7, info.max]])

# reciprocal: integers truncate, 1/0 is the most negative integer.
for dt, info in INTS.items():
    case("reciprocal " + dt, "reciprocal", [dt], [[info.min, -2, -1, 0, 1, 2, 3, info.max]])
for dt in FLOATS:
    case("reciprocal " + dt, "reciprocal", [dt], [[0.0, -0.0, 2, -4, 3, 0.1, inf, -inf, nan]])

# Float functions: domains, signed zeros, infinities, and random values.
special = {
    "sqrt": [-1, -0.0, 0.0, 1e-40, 2, 4, 1e30, inf, -inf, nan],
    "log": [-1, -0.0, 0.0, 1e-30, 0.5, 1, math.e, 10, 1e30, inf, -inf, nan],
    "log1p": [-2, -1, -0.5, -0.0, 0.0, 1e-10, 1, 1e30, inf, -inf, nan],
    "exp": [-inf, -1000, -100, -1, -0.0, 0.0, 1e-10, 1, 10, 88, 89, 100, 709, 710, inf, nan],
    "expm1": [-inf, -50, -1, -1e-10, -0.0, 0.0, 1e-10, 1, 50, 88, 89, 710, inf, nan],
    "sin": [0.0, -0.0, 0.5, 1, -1, 3, 10, 100, 1e5, inf, -inf, nan],
    "cos": [0.0, -0.0, 0.5, 1, -1, 3, 10, 100, 1e5, inf, -inf, nan],
    "tan": [0.0, -0.0, 0.5, 1, -1, 3, 10, 100, 1e5, inf, -inf, nan],
    "tanh": [-inf, -20, -1, -1e-10, -0.0, 0.0, 0.5, 1, 20, inf, nan],
    "floor": [-2.5, -1, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 1e20, inf, -inf, nan],
    "ceil": [-2.5, -1, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 1e20, inf, -inf, nan],
}
domain = {"sqrt": (0, 1e6), "log": (1e-6, 1e6), "log1p": (-0.999, 100), "exp": (-80, 80),
          "expm1": (-20, 20), "sin": (-100, 100), "cos": (-100, 100), "tan": (-10, 10),
          "tanh": (-10, 10), "floor": (-1e6, 1e6), "ceil": (-1e6, 1e6)}
for op, vals in special.items():
    exact = op in ("sqrt", "floor", "ceil")
    lo, hi = domain[op]
    rand = rng.uniform(lo, hi, 300).tolist()
    for dt in FLOATS:
        case(op + " " + dt + " special", op, [dt], [vals], 0 if exact else ULP[dt])
        case(op + " " + dt + " random", op, [dt], [rand], 0 if exact else ULP[dt])
    for dt, info in INTS.items():
        big = info.max if dt == "int32" else 2**40
        case(op + " " + dt, op, [dt], [[-1, 0, 1, 4, 10, big]], 0 if exact else ULP["float64"])
# Trigonometry of huge arguments (the reduction modulo pi/2 needs more than
# float64 precision; NumPy's answers here are the correctly rounded ones).
for op in ["sin", "cos", "tan"]:
    case(op + " float64 huge argument", op, ["float64"], [[2.0**63, 1e22, 1e300]], HUGE_TRIG_ULP)
    case(op + " int64 max", op, ["int64"], [[I64.max]], HUGE_TRIG_ULP)

# Arithmetic: exact, integers wrap.
for dt, info in INTS.items():
    a = [info.max, info.min, info.max, info.min, -7, 0]
    b = [1, -1, info.max, info.min, 3, -5]
    for op in ["add", "subtract", "multiply"]:
        case(op + " " + dt + " wraps", op, [dt, dt], [a, b])
    case("divide " + dt, "divide", [dt, dt], [[1, -1, 0, 7, info.max, info.min], [0, 0, 0, 2, 3, -1]])
    for op in ["negative", "absolute", "square"]:
        case(op + " " + dt, op, [dt], [[info.min, info.min + 1, -3, 0, 5, info.max]])
for dt in FLOATS:
    a, b = cross([-0.0, 0.0, -1, 1, inf, -inf, nan], [-0.0, 0.0, -1, 1, inf, -inf, nan])
    ra = (rng.choice([-1, 1], 300) * 10.0 ** rng.uniform(-20, 20, 300)).tolist()
    rb = (rng.choice([-1, 1], 300) * 10.0 ** rng.uniform(-20, 20, 300)).tolist()
    for op in ["add", "subtract", "multiply", "divide"]:
        case(op + " " + dt + " special", op, [dt, dt], [a, b])
        case(op + " " + dt + " random", op, [dt, dt], [ra, rb])
    for op in ["negative", "absolute", "square"]:
        case(op + " " + dt, op, [dt], [[-0.0, 0.0, -1.5, 2, 1e30, inf, -inf, nan]])

# Comparisons and logic with NaN and signed zeros.
for dt in FLOATS:
    a, b = cross([nan, -0.0, 0.0, 1, inf], [nan, -0.0, 0.0, 1, inf])
    for op in ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
               "logical_and", "logical_or", "logical_xor"]:
        case(op + " " + dt, op, [dt, dt], [a, b])
    case("logical_not " + dt, "logical_not", [dt], [[nan, -0.0, 0.0, 1, -inf]])

# where and clip, NaN propagating through clip.
for dt in FLOATS:
    case("clip " + dt, "clip", [dt, dt, dt],
         [[nan, -5, 0.5, 5, 0.5, 0.5, -0.0, 2],
          [0, 0, 0, 0, nan, 3, 0.0, 0],
          [1, 1, 1, 1, 1, 1, 1, nan]])
    case("where " + dt, "where", ["bool", dt, dt],
         [[True, False, True, False], [1, 2, nan, -0.0], [-1, nan, 3, 0.0]])
for dt, info in INTS.items():
    case("clip " + dt, "clip", [dt, dt, dt],
         [[info.min, -5, 0, 5, info.max, 4], [0, 0, 0, 0, 0, 3], [1, 1, 1, 1, 1, 1]])

# Calls NumPy refuses.
errors = []
for name, f in [
        ("power int32 negative exponent", lambda: np.power(np.array([2, 3], np.int32), np.array([1, -1], np.int32))),
        ("power int64 negative scalar", lambda: np.power(np.array([2], np.int64), -1)),
        ("power bool negative scalar", lambda: np.power(np.array([True]), -2))]:
    try:
        f()
        errors.append({"name": name, "error": None})
    except Exception as e:
        errors.append({"name": name, "class": type(e).__name__, "msg": str(e)})

dump({"numpy_version": np.__version__, "cases": cases, "errors": errors}, sys.stdout)
