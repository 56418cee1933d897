#!/usr/bin/python3
"""Writes NumPy's result dtype (or its exception) for every numgl ufunc over
every combination of numgl dtypes and Python scalar kinds, under NEP 50's
weak-scalar promotion (np._set_promotion_state('weak')), which numgl
implements.

Outputs (paths relative to the repository root):
  tensor/testdata/ufunc_types.json  every call: tensor/ufunc_types_test.go
  ufunc/testdata/resolve.json       array-only calls, NumPy's loop lists and
                                    can_cast tables: ufunc/resolve_test.go

Run: /usr/bin/python3 tensor/testdata/gen_ufunc_types.py

Operand notation: a dtype name ("int32") is a 1-element array of that
dtype; "py:bool", "py:int", "py:float" are the Python scalars True, 2 and
2.5 (Go's true, int(2), float64(2.5)); "none" is a missing clip bound.
Each case has "dtype" (NumPy's result dtype, not yet widened: numgl has no
int8/int16/uint8/float16) or "error" {"class": the builtin exception class,
"numpy_class": NumPy's own class name, "msg"}.

np.where is not a ufunc, and NumPy 1.24 applies the weak-scalar rule only in
ufuncs: its where turns Python scalars into 0-d arrays of the default dtype
(np.where(c, int32 array, 2) is int64 there). NumPy 2 made where follow NEP
50. Where the two differ, a where case also has "nep50_dtype": NumPy's own
NEP 50 answer, np.result_type(x, y) under the weak state, which is what
NumPy >= 2 gives. A few clip cases have one too, for a NumPy 1.24 bug in
promoting a bool with a Python int (see the clip section below).
"""
import itertools
import json
import os
import sys
import warnings

import numpy as np

np._set_promotion_state("weak")
warnings.simplefilter("ignore")

DTYPES = ["bool", "int32", "int64", "float32", "float64"]
SCALARS = {"py:bool": True, "py:int": 2, "py:float": 2.5}
CLIP_LO = {"none": None, "py:bool": False, "py:int": 1, "py:float": 1.5}
CLIP_HI = {"none": None, "py:bool": True, "py:int": 3, "py:float": 3.5}

UNARY = ["negative", "absolute", "square", "sqrt", "exp", "log", "log1p", "expm1",
         "sin", "cos", "tan", "tanh", "floor", "ceil", "sign", "reciprocal", "logical_not",
         "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "sinh", "cosh", "exp2",
         "log2", "log10", "cbrt", "deg2rad", "rad2deg", "rint", "trunc", "positive", "signbit",
         "isnan", "isinf", "isfinite", "invert"]
BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
          "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
          "greater_equal", "logical_and", "logical_or", "logical_xor",
          "arctan2", "hypot", "logaddexp", "logaddexp2", "copysign", "fmod", "fmax", "fmin",
          "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"]


def operand(name, scalars=SCALARS):
    if name in scalars:
        return scalars[name]
    return np.ones(1, dtype=name)


def builtin_class(e):
    for c in type(e).__mro__:
        if c.__module__ == "builtins":
            return c.__name__
    return type(e).__name__


def call(f):
    try:
        r = f()
    except Exception as e:  # the class and message are what we record
        return {"error": {"class": builtin_class(e), "numpy_class": type(e).__name__, "msg": str(e)}}
    return {"dtype": str(r.dtype)}


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


def add(op, args, f, **extra):
    c = {"op": op, "args": args}
    c.update(call(f))
    c.update(extra)
    cases.append(c)


# Unary: arrays of every dtype, and the Python scalars alone.
for op in UNARY:
    for a in DTYPES + list(SCALARS):
        add(op, [a], lambda: getattr(np, op)(operand(a)))

# Binary: every pair of array dtypes, array with scalar both ways, two scalars.
for op in BINARY:
    for a in DTYPES + list(SCALARS):
        for b in DTYPES + list(SCALARS):
            add(op, [a, b], lambda: getattr(np, op)(operand(a), operand(b)))

# out=: every array pair (and unary array) into every dtype (casting='same_kind').
out_cases = []
for op in UNARY:
    for a in DTYPES:
        for o in DTYPES:
            c = {"op": op, "args": [a], "out": o}
            c.update(call(lambda: getattr(np, op)(operand(a), out=np.ones(1, dtype=o))))
            out_cases.append(c)
for op in BINARY:
    for a in DTYPES:
        for b in DTYPES:
            for o in DTYPES:
                c = {"op": op, "args": [a, b], "out": o}
                c.update(call(lambda: getattr(np, op)(operand(a), operand(b), out=np.ones(1, dtype=o))))
                out_cases.append(c)

# where: conditions of every dtype with array x, y; bool condition with
# scalar x and/or y.
for c in DTYPES:
    for x in DTYPES:
        for y in DTYPES:
            add("where", [c, x, y], lambda: np.where(operand(c), operand(x), operand(y)))
for x in DTYPES + list(SCALARS):
    for y in DTYPES + list(SCALARS):
        if x in DTYPES and y in DTYPES:
            continue
        extra = {}
        r = call(lambda: np.where(operand("bool"), operand(x), operand(y)))
        nep = call(lambda: np.empty(0, dtype=np.result_type(operand(x), operand(y))))
        if nep != r:
            extra["nep50_dtype"] = nep["dtype"]
        add("where", ["bool", x, y], lambda: np.where(operand("bool"), operand(x), operand(y)), **extra)

# clip: array a with scalar (or missing) bounds, and with array bounds.
#
# NumPy 1.24's weak promotion of three operands depends on their order when
# a bool meets a Python int: np.result_type(float32 array, False, 3) is
# float64 but np.result_type(float32 array, 3, False) is float32 (bool and
# the Python int are combined first, to int64). NumPy 1.26 fixed this (PR
# #24681: one fixed order "floats > pyfloat > ints > pyint > bool"). Where
# np.clip's answer is one of several that the orders give, the case also
# has "nep50_dtype": NumPy's two-operand answers folded, the strong operand
# first: r = a's dtype, then r = np.result_type(array of r, bound) per bound.


def clip_nep50(a, bounds):
    vals = [operand(a)] + [b for b in bounds if b is not None]
    answers = {str(np.result_type(*p)) for p in itertools.permutations(vals)}
    r = np.dtype(a)
    for b in bounds:
        if b is not None:
            r = np.result_type(np.ones(1, dtype=r), b)
    return answers, str(r)


for a in DTYPES:
    for lo in CLIP_LO:
        for hi in CLIP_HI:
            extra = {}
            r = call(lambda: np.clip(operand(a), CLIP_LO[lo], CLIP_HI[hi]))
            if "dtype" in r:
                answers, fold = clip_nep50(a, [CLIP_LO[lo], CLIP_HI[hi]])
                if r["dtype"] != fold and len(answers) > 1:
                    extra["nep50_dtype"] = fold
            add("clip", [a, lo, hi], lambda: np.clip(operand(a), CLIP_LO[lo], CLIP_HI[hi]), **extra)
    for lo in DTYPES:
        for hi in DTYPES:
            add("clip", [a, lo, hi], lambda: np.clip(operand(a), operand(lo), operand(hi)))

# Errors of two kinds at once: NumPy resolves the loop before it broadcasts.
both = []
for op, dts in [("subtract", ["bool", "bool"]), ("divide", ["int32", "int32"])]:
    c = {"op": op, "args": dts, "shapes": [[2], [3]]}
    c.update(call(lambda: getattr(np, op)(np.ones(2, dtype=dts[0]), np.ones(3, dtype=dts[1]))))
    both.append(c)
c = {"op": "negative", "args": ["bool"], "shapes": [[2]], "out_shape": [3]}
c.update(call(lambda: np.negative(np.ones(2, dtype=bool), out=np.ones(3, dtype=bool))))
both.append(c)

# A Python int that the array's dtype cannot hold.
overflow = []
for op, args in [("add", ["int32", 2**40]), ("add", [-2**40, "int32"]), ("maximum", ["int32", 2**31]),
                 ("add", ["int32", 2**31 - 1]), ("add", ["int32", -2**31]), ("add", ["int64", 2**40]),
                 ("add", ["float32", 2**40]), ("add", ["bool", 2**40])]:
    c = {"op": op, "args": [a if isinstance(a, str) else "py:int=%d" % a for a in args]}
    c.update(call(lambda: getattr(np, op)(*[operand(a) if isinstance(a, str) else a for a in args])))
    overflow.append(c)
# (np.where(c, int32 array, 2**40) is left out: NumPy 1.24's where is not
# NEP 50's and gives int64; see numpy PR #30803 for where in NumPy >= 2.)

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
with open(os.path.join(root, "tensor", "testdata", "ufunc_types.json"), "w") as f:
    dump({"numpy_version": np.__version__, "promotion_state": np._get_promotion_state(),
          "scalars": {"py:bool": True, "py:int": 2, "py:float": 2.5},
          "clip_bounds": {"lo": CLIP_LO, "hi": CLIP_HI},
          "cases": cases, "out_cases": out_cases, "both_errors": both, "overflow": overflow}, f)

# ufunc/testdata/resolve.json: for package ufunc, array dtypes only.
resolve = [c for c in cases if all(a in DTYPES for a in c["args"]) and c["op"] != "where"]
resolve += [c for c in cases if c["op"] == "where" and c["args"][0] == "bool" and all(a in DTYPES for a in c["args"])]
types = {op: getattr(np, op).types for op in UNARY + BINARY}
types["clip"] = np.core.umath.clip.types
can_cast = [[a, b, bool(np.can_cast(a, b, "safe")), bool(np.can_cast(a, b, "same_kind"))]
            for a in DTYPES for b in DTYPES]
with open(os.path.join(root, "ufunc", "testdata", "resolve.json"), "w") as f:
    dump({"numpy_version": np.__version__, "types": types, "can_cast": can_cast, "cases": resolve}, f)
print("wrote %d cases, %d out= cases, %d resolve cases" % (len(cases), len(out_cases), len(resolve)), file=sys.stderr)
