#!/usr/bin/env python3
"""Fixtures for numgl's npy package, written and checked by NumPy.

    python3 npyfixtures.py write DIR   # NumPy writes every fixture into DIR
    python3 npyfixtures.py check DIR   # NumPy checks every file numgl wrote in DIR

The committed fixtures in numpy/ were made with `write numpy` (NumPy 1.24.2).
The Go tests read them without NumPy, and also compare numgl's own output
with them byte for byte; with NumPy installed they run both directions live.

A .npy file's name says what it holds:

    {dtype}_{shape}_{order}_{endian}_v{version}.npy
    dtype    bool int32 int64 float32 float64
    shape    2x3x4, 7, 0x3, or 0d (a 0-d array)
    order    C or F (np.asfortranarray)
    endian   le, be, or na for bool (one byte: '|b1')
    version  1, 2 or 3 (numpy.lib.format.write_array's version)

and its elements, in C order, are values(dtype, size) below (mirrored by
values in the Go tests). arrays_stored.npz (np.savez) and
arrays_deflated.npz (np.savez_compressed) hold NPZ_ARRAYS, and strings.npz
holds string arrays (NumPy str and bytes).
"""
import os
import sys

import numpy as np

DTYPES = ["bool", "int32", "int64", "float32", "float64"]
SHAPES = {"2x3x4": (2, 3, 4), "7": (7,), "0x3": (0, 3), "0d": ()}


def values(dt, n):
    """The elements of a fixture of dtype dt and n elements, in C order."""
    i = np.arange(n, dtype=np.int64)
    if dt == "bool":
        return i % 3 == 0
    if dt in ("int32", "int64"):
        step = 98765431 if dt == "int32" else 123456789012345
        v = ((i - 7) * step).astype(dt)
        info = np.iinfo(dt)
        if n > 1:
            v[0], v[1] = info.min, info.max
        return v
    v = ((i - 7) * 0.375).astype(dt)
    if n > 5:
        v[1], v[2], v[3], v[4] = -0.0, np.inf, -np.inf, np.nan
        v[5] = np.array(np.pi).astype(dt)
    return v


def array(dt, shape, order, endian):
    size = int(np.prod(shape)) if shape else 1
    a = values(dt, size).reshape(shape)
    if endian == "be":
        a = a.astype(a.dtype.newbyteorder(">"))
    if order == "F" and a.ndim > 1:  # asfortranarray makes a 0-d array 1-d
        a = np.asfortranarray(a)
    return a


def names():
    """Every .npy fixture: (name, dtype, shape, order, endian, version)."""
    out = []
    for dt in DTYPES:
        endians = ["na"] if dt == "bool" else ["le", "be"]
        for sname, shape in SHAPES.items():
            for order in ["C", "F"]:
                for endian in endians:
                    versions = [1, 2, 3] if sname == "2x3x4" else [1]
                    for v in versions:
                        name = f"{dt}_{sname}_{order}_{endian}_v{v}.npy"
                        out.append((name, dt, shape, order, endian, v))
    return out


def npz_arrays():
    return {
        "f32": array("float32", (2, 3, 4), "C", "le"),
        "f64_F": array("float64", (2, 3, 4), "F", "le"),
        "i64_be": array("int64", (7,), "C", "be"),
        "i32_0d": array("int32", (), "C", "le"),
        "b": array("bool", (0, 3), "C", "na"),
        "layer0.dense.weight": array("float32", (2, 3, 4), "F", "be"),
    }


STRINGS = {
    "activation": np.array("relu"),
    "labels": np.array([["a", "bc"], ["d\u00e9f", ""]]),
    "labels_F": np.asfortranarray(np.array([["a", "bc", "x"], ["d\u00e9f", "", "yz"]])),
    "bytes": np.array([b"x", b"yz\x00w"]),
}


def write(d):
    os.makedirs(d, exist_ok=True)
    for name, dt, shape, order, endian, v in names():
        with open(os.path.join(d, name), "wb") as f:
            np.lib.format.write_array(f, array(dt, shape, order, endian), version=(v, 0))
    np.savez(os.path.join(d, "arrays_stored.npz"), **npz_arrays())
    np.savez_compressed(os.path.join(d, "arrays_deflated.npz"), **npz_arrays())
    np.savez(os.path.join(d, "strings.npz"), **STRINGS)


def same(got, want):
    if got.dtype.newbyteorder("=") != want.dtype.newbyteorder("=") or got.shape != want.shape:
        return False
    if got.dtype.kind == "f":
        return np.array_equal(got, want, equal_nan=True) and np.array_equal(np.signbit(got), np.signbit(want))
    return np.array_equal(got, want)


def check(d):
    """Check every file numgl wrote in d against what its name says."""
    bad, n = [], 0
    for fname in sorted(os.listdir(d)):
        path = os.path.join(d, fname)
        if fname.endswith(".npy"):
            dt, sname, order, endian, v = fname[:-4].split("_")
            want = array(dt, SHAPES[sname], order, endian)
            with open(path, "rb") as f:
                version = np.lib.format.read_magic(f)
            got = np.load(path)
            problems = []
            if version != (int(v[1:]), 0):
                problems.append(f"version {version}")
            if not same(got, want):
                problems.append(f"got {got!r}, want {want!r}")
            if endian != "na" and got.dtype.byteorder not in ({"le": "<=", "be": ">"}[endian]):
                problems.append(f"byte order {got.dtype.byteorder!r}")
            if got.ndim > 1 and got.size > 0 and np.isfortran(got) != (order == "F"):
                problems.append(f"isfortran {np.isfortran(got)}")
            if problems:
                bad.append(f"{fname}: " + "; ".join(problems))
            n += 1
        elif fname.endswith(".npz"):
            with np.load(path) as z:
                want = npz_arrays()
                if sorted(z.files) != sorted(want):
                    bad.append(f"{fname}: entries {sorted(z.files)}")
                for k in z.files:
                    if k in want and not same(z[k], want[k]):
                        bad.append(f"{fname}[{k}]: got {z[k]!r}, want {want[k]!r}")
            n += 1
    for b in bad:
        print(b)
    print(f"checked {n} files, {len(bad)} bad")
    return not bad


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif not check(sys.argv[2]):
        sys.exit(1)
