#!/usr/bin/python3
"""Writes reduce.json: NumPy's answers for the reduction tests in
tensor/reduce_test.go — accuracy of float32 sums, NaN handling, empty
reductions and result dtypes. Non-finite values are written as strings.

Run: /usr/bin/python3 tensor/testdata/gen_reduce.py > tensor/testdata/reduce.json
"""
import json
import warnings

import numpy as np

warnings.simplefilter("ignore")


def enc(x):
    x = np.asarray(x)
    vals = [v if np.isfinite(v) else str(v) for v in x.astype(np.float64).ravel().tolist()] if x.dtype.kind == "f" else x.ravel().tolist()
    return {"dtype": str(x.dtype), "shape": list(x.shape), "data": vals}


def err(f):
    try:
        return enc(f())
    except Exception as e:  # the expectation is NumPy's error
        return {"error": type(e).__name__, "msg": str(e)}


out = {"numpy_version": np.__version__}
tenth = np.full(1_000_000, 0.1, dtype=np.float32)
out["sum_million_tenths_f32"] = enc(tenth.sum())
out["mean_million_tenths_f32"] = enc(tenth.mean())
# Accuracy on a harder input: values of very different magnitude, from a
# formula that Go reproduces bit for bit (exact integer arithmetic, one
# correctly rounded division and product, then a cast to float32).
i = np.arange(1 << 20, dtype=np.int64)
scale = np.array([10.0 ** k for k in range(-3, 4)])
mixed = (((i * 7919) % 10007 - 5003) / 1000.0 * scale[i % 7]).astype(np.float32)
out["mixed_sum_f32"] = enc(mixed.sum())
out["mixed_sum_exact"] = float(np.sum(mixed.astype(np.float64)))

nan = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
out["nan_input"] = enc(nan)
for name in ["max", "min", "sum", "mean", "argmax", "argmin"]:
    out["nan_" + name + "_all"] = enc(getattr(np, name)(nan))
    out["nan_" + name + "_axis0"] = enc(getattr(np, name)(nan, axis=0))
    out["nan_" + name + "_axis1"] = enc(getattr(np, name)(nan, axis=1))
ties = np.array([3, 7, 7, 1, 1, 7], dtype=np.int32)
out["ties_input"] = enc(ties)
out["ties_argmax"] = enc(np.argmax(ties))
out["ties_argmin"] = enc(np.argmin(ties))

empty = np.zeros((0, 3), dtype=np.float32)
out["empty_sum_all"] = enc(empty.sum())
out["empty_sum_axis0"] = enc(empty.sum(axis=0))
out["empty_prod_axis0"] = enc(empty.prod(axis=0))
out["empty_any_axis0"] = enc(empty.any(axis=0))
out["empty_all_axis0"] = enc(empty.all(axis=0))
out["empty_mean_axis0"] = enc(empty.mean(axis=0))
out["empty_max_axis1"] = enc(empty.max(axis=1))
out["empty_max_axis0"] = err(lambda: empty.max(axis=0))
out["empty_min_all"] = err(lambda: empty.min())
out["empty_argmax_all"] = err(lambda: empty.argmax())
out["empty_argmin_axis0"] = err(lambda: empty.argmin(axis=0))
out["empty_cumsum"] = enc(np.cumsum(empty, axis=0))

ints = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32)
out["int_input"] = enc(ints)
for name in ["sum", "prod", "mean", "var", "std", "max", "cumsum", "cumprod"]:
    out["int_" + name] = enc(getattr(np, name)(ints, axis=0))
out["bool_sum"] = enc(np.array([True, False, True]).sum())
out["var_ddof1"] = enc(np.var(ints, axis=1, ddof=1))
out["var_ddof3"] = enc(np.var(ints, axis=1, ddof=3))
out["big_int64_sum"] = enc(np.array([2**62, 2**62, -5], dtype=np.int64).sum())
print(json.dumps(out))
