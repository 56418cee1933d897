#!/usr/bin/python3
"""Writes promote.json: NumPy's result_type for every pair of numgl dtypes.

Run: /usr/bin/python3 dtype/testdata/gen_promote.py > dtype/testdata/promote.json
"""
import json
import numpy as np

names = ["bool", "int32", "int64", "float32", "float64"]
table = [[a, b, str(np.result_type(np.dtype(a), np.dtype(b)))] for a in names for b in names]
print(json.dumps({"numpy_version": np.__version__, "result_type": table}, indent=1))
