#!/usr/bin/python3
"""Writes cases/indexing_extra.json: more getitem/setitem/view_setitem cases
in ../shared/conformance/FORMAT.md's format, computed by NumPy — advanced
index placement (adjacent or not, mixed with ints, slices, newaxis and
ellipsis), masks over several axes, 0-d boolean indices, repeated indices,
negative steps, values with extra leading length-1 axes, and the errors
of each.

Run: /usr/bin/python3 conformance/testdata/gen_indexing.py > conformance/testdata/cases/indexing_extra.json
"""
import json
import numpy as np

rng = np.random.default_rng(7)
N = None


def arr(a):
    a = np.asarray(a)
    data = a.ravel().tolist()
    return {"dtype": str(a.dtype), "shape": list(a.shape), "data": data}


def item(x):
    if x is None:
        return {"newaxis": True}
    if x is Ellipsis:
        return {"ellipsis": True}
    if isinstance(x, slice):
        return {"slice": [x.start, x.stop, x.step]}
    if isinstance(x, int):
        return {"int": x}
    x = np.asarray(x)
    if x.dtype == bool:
        return {"mask": arr(x)}
    return {"array": arr(x.astype(np.int64))}


def tol(dt):
    return (1e-6, 1e-7) if dt == np.float32 else (0.0, 0.0) if dt.kind in "biu" else (1e-12, 1e-14)


def kind(e):
    if isinstance(e, IndexError):
        return "index"
    return "shape" if "broadcast" in str(e) or "shape" in str(e) else "value"


cases = []


def add(op, args, fn):
    cid = "indexing_extra/%s/%03d" % (op, len(cases))
    try:
        r = fn()
        rt, at = tol(r.dtype)
        cases.append({"id": cid, "op": op, "args": args, "kwargs": {}, "expect": {"array": arr(r)}, "rtol": rt, "atol": at})
    except Exception as e:  # NumPy's verdict is the expectation
        cases.append({"id": cid, "op": op, "args": args, "kwargs": {}, "expect": {"error": kind(e)}})


a3 = rng.standard_normal((4, 5, 6)).astype(np.float32)
i2 = rng.integers(-50, 50, (6, 5)).astype(np.int32)
getitems = [
    (a3, ([1, 3], slice(None), [0, 5])),          # non-adjacent: broadcast dims first
    (a3, (slice(None), [1, 3], [0, 5])),          # adjacent: in place
    (a3, (0, slice(None), [1, 2])),               # int + array, separated: first
    (a3, (slice(None), 0, [1, 2])),               # int + array, adjacent: in place
    (a3, ([[0], [3]], slice(1, None, 2), [2, 4, 5])),
    (a3, (Ellipsis, [0, -1])),
    (a3, ([0, -1], Ellipsis)),
    (a3, (None, [1, 2], None, slice(None, None, -1))),
    (a3, ([1, 2], None, [0, 1])),                 # newaxis splits them: first
    (a3, (slice(3, 0, -2), [4, 0])),
    (a3, (np.array([[True, False, True, False, True]] * 4),)),
    (a3, (slice(None), np.array([True, False, False, True, True]))),
    (a3, (np.array([True, False, True, True]), slice(None), 2)),
    (a3, ([], slice(None))),
    (a3, ([0, 4],)),
    (a3, ([0, 1], [0, 1, 2])),
    (a3, (np.array([True, False]),)),
    (i2, ([5, -6, 0],)),
    (i2, (slice(None, None, -1), slice(None, None, -1))),
    (i2, (slice(-100, 100), slice(None, None, 3))),
    (i2, (slice(None, None, -2), [[0, 1], [2, 3]])),
    (i2, (Ellipsis, None)),
    (i2, (2, -1)),
    (i2, (slice(10, 20),)),
]
for a, idx in getitems:
    add("getitem", [{"array": arr(a)}, {"index": [item(x) for x in idx]}], lambda a=a, idx=idx: a[idx])

f2 = rng.standard_normal((5, 4))
setitems = [
    (f2, ([0, 0, 2],), np.array([1.0, 2.0, 3.0])[:, None]),   # repeated index: last wins
    (f2, (slice(None, None, -1), 1), np.arange(5.0)),
    (f2, ([1, 3], slice(None, None, 2)), -1.0),
    (f2, (f2 > 0,), 0.0),
    (f2, (slice(None), [0, 3]), np.array([[7.0, 8.0]])),
    (f2, ([0, 1], [0, 1]), np.array([1.0, 2.0, 3.0])),
    (f2, (Ellipsis, -1), np.arange(4.0)),
    (i2, (slice(1, 4), slice(None)), np.array([2.9, -2.9, 0.5, 7, 8])),
]
for a, idx, v in setitems:
    def f(a=a, idx=idx, v=v):
        b = a.copy()
        b[idx] = v
        return b
    add("setitem", [{"array": arr(a)}, {"index": [item(x) for x in idx]}, {"array": arr(v)}], f)

views = [
    (f2, (slice(None, None, -1),), ([1, 3],), np.array(5.0)),
    (f2, (slice(1, None), slice(None, None, -2)), (Ellipsis, 0), np.array([1.0, 2.0, 3.0, 4.0])),
    (f2, (None, 2), (0, slice(1, 3)), np.array(-3.0)),
]
for a, i1, i2_, v in views:
    def f(a=a, i1=i1, i2_=i2_, v=v):
        b = a.copy()
        w = b[i1]
        w[i2_] = v
        return b
    add("view_setitem", [{"array": arr(a)}, {"index": [item(x) for x in i1]}, {"index": [item(x) for x in i2_]}, {"array": arr(v)}], f)

# Issue 16: 0-d boolean indices (True adds an axis of length 1, False one
# of length 0; they consume no axis and count as index arrays), alone and
# mixed with other items, on 0-d, 1-d and 2-d arrays.
T, F = np.array(True), np.array(False)
s0 = np.array(2.5)
v3 = np.arange(3.0)
m34 = rng.integers(-9, 9, (3, 4)).astype(np.int64)
getitems0d = [
    (s0, (T,)), (s0, (F,)), (s0, (None, T)), (s0, (T, F)), (s0, (Ellipsis, T)),
    (v3, (T,)), (v3, (F,)), (v3, (Ellipsis, T)), (v3, (T, Ellipsis)), (v3, (T, T)),
    (v3, (T, [2, 0])), (v3, (1, T)), (v3, (T, slice(None, None, -1))),
    (m34, (T,)), (m34, (F,)), (m34, (slice(None), T)), (m34, (0, T)), (m34, (T, 0)),
    (m34, ([0, 1], T)), (m34, ([0, 1], slice(None), T)), (m34, (T, [0, 2])),
    (m34, (T, slice(None), [0, 2])), (m34, (slice(None), T, [0, 2])),
    (m34, (F, [0, 2])), (m34, (T, np.array([[0], [1]]))),
    (m34, (np.array([True, False, True]), T)), (m34, (0, 1, T)), (m34, (None, F, Ellipsis)),
]
for a, idx in getitems0d:
    add("getitem", [{"array": arr(a)}, {"index": [item(x) for x in idx]}], lambda a=a, idx=idx: a[idx])

# Issue 16: assignment through 0-d boolean indices, and values with extra
# leading axes of length 1 (NumPy strips them, except for a single mask
# of the whole shape, which takes at most one axis).
z32 = np.zeros((3, 2))
setitems16 = [
    (m34, (T,), np.array(7)),
    (m34, (F,), np.arange(5)),
    (m34, (T, 1), np.array([9])),
    (m34, (slice(None), T), np.arange(4)[None, None]),
    (m34, (T, [0, 2]), np.array([[1, 2, 3, 4]])),
    (m34, (F, slice(None)), np.arange(4)),
    (s0, (T,), np.array([4.0])),
    (v3, (T, [0, 2]), np.array([-1.0, -2.0])),
    (z32, (Ellipsis,), np.ones((1, 3, 2))),
    (z32, (Ellipsis,), np.ones((1, 1, 3, 2))),
    (z32, (slice(None),), np.arange(2.0).reshape(1, 1, 1, 2)),
    (z32, (0, 0), np.ones((1, 1))),
    (z32, ([0, 2],), np.arange(4.0).reshape(1, 2, 2)),
    (z32, ([[0], [2]], [1, 0]), np.arange(4.0).reshape(1, 1, 2, 2)),
    (z32, (np.array([True, False, True]),), np.arange(4.0).reshape(1, 2, 2)),
    (z32, (np.array([True, False, True]), 1), np.ones((1, 1, 2))),
    (z32, ([0], [0]), np.ones((1, 1, 1))),
    (z32, (Ellipsis,), np.ones((1, 2, 3, 2))),
    (z32, (Ellipsis,), np.ones((2, 1, 3, 2))),
    (z32, ([0, 2],), np.ones((2, 1, 2, 2))),
    (z32, (z32 == 0,), np.arange(6.0)[None]),
    (z32, (z32 == 0,), np.ones((1, 1, 1))),
]
for a, idx, v in setitems16:
    def f(a=a, idx=idx, v=v):
        b = a.copy()
        b[idx] = v
        return b
    add("setitem", [{"array": arr(a)}, {"index": [item(x) for x in idx]}, {"array": arr(v)}], f)

print(json.dumps({"numpy_version": np.__version__, "seed": 7, "cases": cases}))
