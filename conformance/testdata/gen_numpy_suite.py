#!/usr/bin/python3
"""Writes cases/numpy_suite.json: the corners that porting NumPy's own test
suite found (issue 16), computed by NumPy — linspace with integer and bool
dtypes (NumPy floors, then casts), arange with a bool dtype (at most two
elements) and at the edges of its length rule (a step of +-inf, an
infinite or NaN length), max/min/argmax/argmin over a zero-length axis,
and sum/prod/any/all/max/min/argmax/argmin with axis 0 or -1 on a 0-d
input (NumPy accepts them; mean/var/std do not).
Format: ../shared/conformance/FORMAT.md.

Run: /usr/bin/python3 conformance/testdata/gen_numpy_suite.py > conformance/testdata/cases/numpy_suite.json
"""
import json
import warnings

import numpy as np

from caselib import arr, enc

warnings.simplefilter("ignore")


def tol(dt):
    if dt.kind in "biu":
        return 0.0, 0.0
    return (1e-6, 1e-7) if dt == np.float32 else (1e-12, 1e-14)


def kind(e):
    if isinstance(e, np.AxisError):
        return "axis"
    if isinstance(e, IndexError):
        return "index"
    return "value"


cases = []


def add(group, op, args, kwargs, fn):
    """Adds a case whose expectation is fn()'s result or NumPy's error.
    TypeErrors have no kind in the format, so they make no case."""
    cid = "numpy_suite/%s/%03d" % (group, len(cases))
    try:
        r = np.asarray(fn())
    except TypeError:
        return
    except Exception as e:  # NumPy's verdict is the expectation
        cases.append({"id": cid, "op": op, "args": args, "kwargs": kwargs, "expect": {"error": kind(e)}})
        return
    rt, at = tol(r.dtype)
    cases.append({"id": cid, "op": op, "args": args, "kwargs": kwargs,
                  "expect": {"array": arr(r)}, "rtol": rt, "atol": at})


# linspace: computed in float64, floored for integer dtypes, then cast.
inf, nan = float("inf"), float("nan")
linspaces = [
    (-1, 3, 8), (-3, 3, 7), (-3, 3, 8), (3, -3, 8), (-0.9, 0.9, 3),
    (0, 10, 1), (0, 10, 0), (0, 10, 2), (-7.5, 7.5, 16), (2, 2, 5),
    (0, 1, 4), (-5, -1, 9), (1e9, -1e9, 6), (0, 1e10, 3), (0, inf, 3),
    (-inf, 0, 2), (0, nan, 3), (0.25, -0.25, 5),
]
for dt in ("int64", "int32", "bool", "float64", "float32"):
    for start, stop, num in linspaces:
        kw = {"start": enc(start), "stop": enc(stop), "num": num, "dtype": dt}
        add("linspace", "linspace", [], kw,
            lambda s=start, e=stop, n=num, d=dt: np.linspace(s, e, n, dtype=d))

# arange: bool results of at most two elements, and the length rule.
aranges = [
    ({"start": 0, "stop": 2, "dtype": "bool"}, lambda: np.arange(0, 2, dtype=bool)),
    ({"start": 0, "stop": 1, "dtype": "bool"}, lambda: np.arange(0, 1, dtype=bool)),
    ({"start": 0, "stop": 0, "dtype": "bool"}, lambda: np.arange(0, 0, dtype=bool)),
    ({"start": 3, "stop": 0, "dtype": "bool"}, lambda: np.arange(3, 0, dtype=bool)),
    ({"start": 1, "stop": 3, "dtype": "bool"}, lambda: np.arange(1, 3, dtype=bool)),
    ({"start": -1, "stop": 1, "dtype": "bool"}, lambda: np.arange(-1, 1, dtype=bool)),
    ({"start": 0.5, "stop": 2.0, "dtype": "bool"}, lambda: np.arange(0.5, 2.0, dtype=bool)),
    ({"start": 0, "stop": 4, "step": 2, "dtype": "bool"}, lambda: np.arange(0, 4, 2, dtype=bool)),
    ({"start": 1, "stop": -1, "step": -1, "dtype": "bool"}, lambda: np.arange(1, -1, -1, dtype=bool)),
    ({"start": 0, "stop": "inf"}, lambda: np.arange(0, inf)),
    ({"start": "-inf", "stop": 0}, lambda: np.arange(-inf, 0)),
    ({"start": 0, "stop": "-inf"}, lambda: np.arange(0, -inf)),
    ({"start": 0, "stop": "nan"}, lambda: np.arange(0, nan)),
    ({"start": 0.0, "stop": 1.0, "step": "nan"}, lambda: np.arange(0.0, 1.0, nan)),
    ({"start": 0, "stop": 1e30}, lambda: np.arange(0, 1e30)),
    ({"start": 0, "stop": -1e30}, lambda: np.arange(0, -1e30)),
    ({"start": 0.0, "stop": 1.0, "step": "inf"}, lambda: np.arange(0.0, 1.0, inf)),
    ({"start": 0.0, "stop": -1.0, "step": "inf"}, lambda: np.arange(0.0, -1.0, inf)),
    ({"start": 0.0, "stop": 1.0, "step": "-inf"}, lambda: np.arange(0.0, 1.0, -inf)),
    ({"start": 0.0, "stop": 1e-320, "step": 1e300}, lambda: np.arange(0.0, 1e-320, 1e300)),
]
rng = np.random.default_rng(16)
for _ in range(12):
    start = float(rng.normal() * 10)
    step = float(rng.random() * 3 + 0.01)
    stop = start + step * int(rng.integers(2, 40))
    aranges.append(({"start": start, "stop": stop, "step": step},
                    lambda s=start, e=stop, st=step: np.arange(s, e, st)))
for kw, fn in aranges:
    add("arange", "arange", [], kw, fn)

# Reductions over a zero-length axis: NumPy refuses max/min and
# argmax/argmin wherever a reduction has no elements, even when the result
# is empty too.
for shape in [(0, 0), (0, 3), (3, 0), (0,), (2, 0, 3)]:
    a = np.zeros(shape)
    for op in ("max", "min", "argmax", "argmin"):
        f = getattr(np, op)
        for axis in [None] + list(range(len(shape))):
            kw = {} if axis is None else {"axis": axis}
            add("empty_axis", op, [{"array": arr(a)}], kw, lambda f=f, a=a, kw=kw: f(a, **kw))

# axis 0 or -1 on a 0-d input: accepted by the ufunc reductions and by
# argmax/argmin, refused by mean/var/std; any other axis is out of bounds.
for x in (np.array(3.0), np.array(0.0), np.array(-2, np.int32), np.array(True)):
    for op in ("sum", "prod", "any", "all", "max", "min", "argmax", "argmin", "mean", "var", "std"):
        f = getattr(np, op)
        for axis in (0, -1, 1, -2):
            for keep in (False, True):
                kw = {"axis": axis}
                if keep:
                    kw["keepdims"] = True
                add("zero_dim_axis", op, [{"array": arr(x)}], kw, lambda f=f, x=x, kw=kw: f(x, **kw))

print(json.dumps({"numpy_version": np.__version__, "seed": 16, "cases": cases}))
