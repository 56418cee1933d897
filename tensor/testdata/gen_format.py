#!/usr/bin/env python3
"""Generates format_cases.json: NumPy's repr of arrays, the expected output
of tensor.Array.String (see format_test.go).

Run from the repository root with a NumPy 1.24 at default print options:

    python3 tensor/testdata/gen_format.py > tensor/testdata/format_cases.json

Each case holds the dtype, the shape, the elements in C order as strings
(repr of the Python value: "1.5", "nan", "-inf", "True", "-7") and
repr(array). The elements are stored, not regenerated, so the Go test does
not depend on NumPy's random streams.
"""
import json
import sys

import numpy as np

assert np.get_printoptions()["linewidth"] == 75

cases = []


def add(name, a):
    a = np.asarray(a)
    assert a.dtype.name in ("bool", "int32", "int64", "float32", "float64"), a.dtype
    if a.dtype == np.bool_:
        data = ["True" if x else "False" for x in a.ravel()]
    elif a.dtype.kind == "i":
        data = [str(int(x)) for x in a.ravel()]
    else:
        # repr of the float64 value: exact for float32 too, and
        # strconv.ParseFloat reads nan, inf and -inf.
        data = [repr(float(x)) for x in a.ravel()]
    cases.append({
        "name": name,
        "dtype": a.dtype.name,
        "shape": list(a.shape),
        "data": data,
        "repr": repr(a),
    })


f32, f64, i32, i64, b = np.float32, np.float64, np.int32, np.int64, np.bool_
ALL = [b, i32, i64, f32, f64]

# The basics, each dtype.
for dt in ALL:
    n = np.dtype(dt).name
    add(f"2x2 {n}", np.array([[1, 0], [3, 4]], dtype=dt))
    add(f"1-d {n}", np.array([1, 2, 0], dtype=dt))
    add(f"0-d {n}", np.array(1, dtype=dt))
    add(f"empty {n}", np.zeros(0, dtype=dt))
    add(f"empty 0x3 {n}", np.zeros((0, 3), dtype=dt))
    add(f"empty 3x0 {n}", np.zeros((3, 0), dtype=dt))
    add(f"empty 2x0x1 {n}", np.zeros((2, 0, 1), dtype=dt))
    add(f"1x1x1 {n}", np.ones((1, 1, 1), dtype=dt))
add("0-d False", np.array(False))
add("0-d 3.5", np.array(3.5))
add("0-d 3.5 f32", np.array(3.5, dtype=f32))
add("0-d -7 i32", np.array(-7, dtype=i32))
add("0-d 1e-10", np.array(1e-10))
add("0-d 1e8", np.array(1e8))
add("0-d nan", np.array(np.nan))
add("0-d -inf f32", np.array(-np.inf, dtype=f32))
add("0-d 0.1 f32", np.array(0.1, dtype=f32))
add("0-d -0.0", np.array(-0.0))

# Float rules: unique shortest digits, padding, scientific switch, non-finite.
floats = {
    "halves": [0.5, 1.0],
    "pad right": [1.5, 2.25, 10.0],
    "negative zero": [-0.0, 1.5],
    "nonfinite": [np.nan, np.inf, -np.inf],
    "nan and big": [np.nan, 1e10],
    "nan -inf 1.5": [np.nan, -np.inf, 1.5],
    "only nan": [np.nan, np.nan],
    "inf and tiny": [np.inf, 1e-5],
    "exp 1e-5": [1e-5, 1.5],
    "exp 0.7": [0.7, 1.2345678e-5],
    "cutoff sum": [0.1 + 0.2, 1e-5],
    "cutoff positional": [0.1 + 0.2, 1.0],
    "thirds": [1 / 3, 2 / 3, 1.0],
    "1e8": [1e8, 1.0],
    "just below 1e8": [99999999.0, 1.0],
    "1e-4": [1e-4, 0.01],
    "just below 1e-4": [0.0000999, 0.01],
    "ratio 1000": [0.001, 1.0],
    "ratio above 1000": [0.000999, 1.0],
    "ratio 1000 negative": [-1000.0, 1.0],
    "zeros": [0.0, 0.0],
    "zero and tiny": [0.0, 1e-5],
    "huge exponents": [1e100, -1e-100, 1.0],
    "max and subnormal": [np.finfo(f64).max, 5e-324],
    "mixed signs": [-1.25, 3.5, -0.001, 100.0],
    "pi": [np.pi, -np.e, np.sqrt(2)],
    "many digits": [123456.789, 0.001234],
    "rounds up": [0.999999999, 9.9999999999],
    "e+100 and e+99": [1e100, 1e99],
    "round half even": [0.125, 0.375, 2.5e-9],
}
for name, vals in floats.items():
    add(name, np.array(vals, dtype=f64))
    with np.errstate(over="ignore"):
        add(name + " f32", np.array(vals, dtype=f32))
add("f32 1e-4", np.array([1e-4, 0.5], dtype=f32))
add("f32 max and subnormal", np.array([np.finfo(f32).max, np.finfo(f32).tiny / 8], dtype=f32))
add("f32 0.1 0.2 0.3", np.array([0.1, 0.2, 0.3, 0.7], dtype=f32))
add("f32 ratio", np.array([1.0, 1000.0001], dtype=f32))

# Integers: widths, signs, extremes.
add("int widths", np.array([-5, 10, 100, -1000], dtype=i64))
add("int64 extremes", np.array([np.iinfo(i64).min, np.iinfo(i64).max, 0], dtype=i64))
add("int32 extremes", np.array([np.iinfo(i32).min, np.iinfo(i32).max], dtype=i32))
add("bool mixed", np.array([[True, False], [False, True]]))

# Wrapping at 75 columns, and the dtype moved to its own line.
for n in range(1, 31):
    add(f"arange f32 {n}", np.arange(n, dtype=f32))
for n in (10, 13, 14, 15, 16, 17, 18, 19, 20, 25, 26, 27, 30, 40):
    add(f"arange i32 {n}", np.arange(n, dtype=i32) * 10000)
    add(f"arange i64 {n}", np.arange(n, dtype=i64) * 10000)
    add(f"bool {n}", np.arange(n) % 3 == 0)
add("arange 30.", np.arange(30.0))
add("arange 100", np.arange(100))
add("linspace 30", np.linspace(0, 1, 30))
add("linspace 2x15", np.linspace(-1, 1, 30).reshape(2, 15))
add("linspace 2x3x7 f32", np.linspace(-1, 1, 42, dtype=f32).reshape(2, 3, 7))

# Summarisation: more than 1000 elements, three items at each edge of
# every axis longer than 6.
add("sum 1001", np.arange(1001))
add("sum 1001 f32", np.arange(1001, dtype=f32) / 7)
add("sum 40x50", np.arange(2000.0).reshape(40, 50))
add("sum 10x10x11 i32", np.arange(1100, dtype=i32).reshape(10, 10, 11))
add("sum 3x400", np.arange(1200).reshape(3, 400))
add("sum 400x3", np.arange(1200).reshape(400, 3) * 1.5)
add("sum 2x2x300", np.arange(1200).reshape(2, 2, 300))
add("sum 4x5x6x10", np.arange(1200, dtype=f32).reshape(4, 5, 6, 10))
add("sum bool", np.arange(1001) % 2 == 0)
add("sum 1000 not", np.arange(1000))
# the formatter sees only the elements shown: 1e-9 hidden in the middle
mid = np.ones(2000)
mid[1000] = 1e-9
add("sum hidden small", mid)
mid = np.arange(1500, dtype=i64)
mid[700] = -10**12
add("sum hidden wide int", mid)

# Random arrays (values stored, so only NumPy's printing is tested).
rng = np.random.RandomState(20240601)
shapes = [(5,), (3, 4), (2, 3, 4), (7,), (1, 9), (4, 1, 3), (12,), (2, 2, 2, 2)]
for k in range(48):
    shape = shapes[k % len(shapes)]
    dt = ALL[k % 5]
    if dt == b:
        a = rng.rand(*shape) < 0.5
    elif np.dtype(dt).kind == "i":
        a = rng.randint(-(10 ** (k % 7)), 10 ** (k % 7) + 1, size=shape).astype(dt)
    else:
        kind = k % 4
        if kind == 0:
            a = rng.randn(*shape)
        elif kind == 1:
            a = rng.randn(*shape) * 10.0 ** rng.randint(-6, 9)
        elif kind == 2:
            a = np.sign(rng.randn(*shape)) * 10.0 ** rng.uniform(-12, 12, size=shape)
        else:
            a = np.round(rng.randn(*shape) * 100) / 8
        a = a.astype(dt)
    add(f"random {k}", a)

# Many small float arrays over every range of magnitudes: the choice of
# notation, digit counts past the precision cut-off, rounding.
for k in range(160):
    dt = f32 if k % 2 else f64
    n = 1 + k % 6
    lo = rng.uniform(-14, 10)
    hi = lo + rng.choice([0.5, 2, 3, 4, 8, 20])
    a = np.sign(rng.randn(n)) * 10.0 ** rng.uniform(lo, hi, size=n)
    if k % 5 == 0:
        a = np.round(a, rng.randint(0, 10))
    if k % 7 == 0:
        a[0] = 0.0
    if k % 11 == 0:
        a[-1] = [np.nan, np.inf, -np.inf][k % 3]
    with np.errstate(over="ignore"):
        add(f"float sweep {k}", a.astype(dt))

# Wide 2-d arrays that wrap, in both notations.
for k, (shape, scale) in enumerate([((3, 12), 1.0), ((2, 9), 1e-6), ((4, 20), 1e3),
                                    ((2, 2, 15), 1e9), ((3, 7), 1e-3)]):
    add(f"wide {k}", (rng.randn(*shape) * scale).astype(f64 if k % 2 else f32))
    add(f"wide int {k}", rng.randint(-10 ** (2 * k + 2), 10 ** (2 * k + 2), size=shape))

# One case a line.
sys.stdout.write("[\n" + ",\n".join(json.dumps(c) for c in cases) + "\n]\n")
