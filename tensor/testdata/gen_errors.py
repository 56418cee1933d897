#!/usr/bin/python3
"""Writes errors.json: NumPy's exception class and message for each misuse
that tensor/errors_test.go reproduces with numgl's API (same names).

Run: /usr/bin/python3 tensor/testdata/gen_errors.py > tensor/testdata/errors.json
"""
import json
import numpy as np

a = np.arange(24.0).reshape(4, 6)
cases = {
    "broadcast_to": lambda: np.broadcast_to(np.ones((1, 3)), (3, 1)),
    "setitem_slice_shape": lambda: a.__setitem__((slice(None), 0), np.ones(3)),
    "setitem_fancy_shape": lambda: a.__setitem__([0, 1], np.ones(3)),
    "fancy_broadcast": lambda: a[[0, 1], [1, 2, 3]],
    "mask_mismatch": lambda: a[np.array([True, False])],
    "reshape_size": lambda: a.reshape(5, -1),
    "reshape_two_unknown": lambda: a.reshape(-1, -1),
    "reshape_size_known": lambda: a.reshape(5, 5),
    "arange_zero_step": lambda: np.arange(0, 10, 0),
    "transpose_axes": lambda: a.transpose(0),
    "too_many_indices": lambda: a[1, 2, 3],
    "index_out_of_bounds": lambda: a[4],
    "index_negative_out_of_bounds": lambda: a[:, -7],
    "fancy_out_of_bounds": lambda: a[[0, 9]],
    "two_ellipses": lambda: a[..., ...],
    "concatenate_mismatch": lambda: np.concatenate([a, np.ones((2, 3))], 1),
    "concatenate_ndim": lambda: np.concatenate([a, np.ones(3)], 0),
    "concatenate_empty": lambda: np.concatenate([], 0),
    "stack_mismatch": lambda: np.stack([a, np.ones((2, 3))], 0),
    "squeeze_not_one": lambda: np.ones((1, 3)).squeeze(1),
    "float_index": lambda: a[np.array([0.0, 1.0])],
    "broadcast_read_only": lambda: np.broadcast_to(np.ones(3), (2, 3)).__setitem__(0, 1.0),
    "linspace_negative": lambda: np.linspace(0, 1, -1),
    "item_size": lambda: a.item(),
}
out = {}
for name, f in cases.items():
    try:
        f()
        out[name] = None
    except Exception as e:  # the class and message are what we record
        out[name] = {"class": type(e).__name__, "msg": str(e)}
print(json.dumps({"numpy_version": np.__version__, "errors": out}, indent=1, sort_keys=True))
