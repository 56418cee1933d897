#!/usr/bin/python3
"""NumPy's side of gpubench: times gpubench's workloads with NumPy at any size.

usage: numpy_bench.py [--runs N] JOB [JOB ...]
       JOB is workload:dtype:size, e.g. add:float32:1000000 or matmul:float64:512

gpubench -numpy runs this script (shipped with it) whenever the sizes asked
for are not the ones of ../shared/anchors/numpy_ref.py, which it prefers when
they are. Each job prints one JSON line in numpy_ref.py's format:
  {"workload", "dtype", "size", "seconds", "gflops" or "gbps", "numexpr_seconds"?}
where seconds is the median of N timed runs after one untimed run, and
numexpr_seconds (expr_* workloads, when numexpr imports: Debian
python3-numexpr) is the same expression through numexpr. size is counted as
gpubench counts it: elements (an M x M workload takes M = isqrt(size);
expr_softmax takes rows of min(1024, isqrt(size)) elements), n for matmul,
solve and inv, the batch for mlp_forward. overhead_add's seconds are one
call's, timed over 10000 calls, as numpy_ref.py times it. The operations are
written the plain NumPy way, allocating their results, as a NumPy user would.
"""
import json
import math
import statistics
import sys
import time

import numpy as np

try:
    import numexpr as ne
except ImportError:
    ne = None


def timed(fn, runs):
    """Median wall time of runs calls of fn, after one untimed call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Inputs, drawn once per (family, dtype, size) and shared by its workloads.
def vectors(rng, dt, size):
    return {k: rng.random(size).astype(dt) for k in "abc"}


def normals(rng, dt, size):
    return {k: rng.standard_normal(size).astype(dt) for k in "xyz"}


def softmax_shape(size):
    cols = max(1, min(1024, math.isqrt(size)))
    return max(1, size // cols), cols


def softmax_matrix(rng, dt, size):
    return {"s2": rng.standard_normal(softmax_shape(size)).astype(dt)}


def normal_square(rng, dt, size):
    m = math.isqrt(size)
    return {"s3": rng.standard_normal((m, m)).astype(dt)}


def matrix(rng, dt, size):
    m = math.isqrt(size)
    return {"x": rng.random((m, m)).astype(dt), "row": rng.random(m).astype(dt),
            "col": rng.random((m, 1)).astype(dt)}


def square_pair(rng, dt, n):
    return {"p": rng.random((n, n)).astype(dt), "q": rng.random((n, n)).astype(dt)}


def system(rng, dt, n):
    # rand + n*I: diagonally dominant, so well conditioned.
    return {"m": (rng.random((n, n)) + n * np.eye(n)).astype(dt), "v": rng.random(n).astype(dt)}


LAYERS = [784, 512, 256, 10]


def network(rng, dt, batch):
    d = {"X": rng.random((batch, LAYERS[0])).astype(dt)}
    for i, (fan_in, fan_out) in enumerate(zip(LAYERS, LAYERS[1:]), 1):
        d["W%d" % i] = (rng.standard_normal((fan_in, fan_out)) * math.sqrt(2 / fan_in)).astype(dt)
        d["B%d" % i] = np.zeros(fan_out, dt)
    return d


def mlp(d):
    def forward():
        h = d["X"]
        for i in (1, 2, 3):
            h = h @ d["W%d" % i] + d["B%d" % i]
            if i < 3:
                h = np.maximum(h, 0)
        e = np.exp(h - h.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return forward


def softmax(d):
    def run():
        s2 = d["s2"]
        e = np.exp(s2 - s2.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return run


# overhead_add's calls a run: numpy_ref.py times 10000 and reports one.
CALLS = {"overhead_add": 10_000}


def calls(name, op):
    n = CALLS.get(name, 1)
    if n == 1:
        return op

    def run():
        for _ in range(n):
            op()
    return run


# The expressions numexpr evaluates too, in its syntax (numpy_ref.py's).
NUMEXPR = {
    "expr_poly_sum": "sum(x*x+2*x+1)",
    "expr_gauss": "exp(-x*x/2)",
    "expr_where": "where(x>0, x*y, -z)",
    "expr_dist": "sqrt(x*x+y*y+z*z)",
}

# workload: (inputs, operation on the inputs, work per call -> (flops, bytes)).
# bytes counts the arrays read and written, as numpy_ref.py does (for the
# expressions: each input read once and the output written once).
WORKLOADS = {
    "add": (vectors, lambda d: lambda: np.add(d["a"], d["b"]), lambda n, isz: (None, 3 * n * isz)),
    "mul": (vectors, lambda d: lambda: np.multiply(d["a"], d["b"]), lambda n, isz: (None, 3 * n * isz)),
    "fma": (vectors, lambda d: lambda: d["a"] * d["b"] + d["c"], lambda n, isz: (None, 4 * n * isz)),
    "exp": (vectors, lambda d: lambda: np.exp(d["a"]), lambda n, isz: (None, 2 * n * isz)),
    "log": (vectors, lambda d: lambda: np.log(d["a"]), lambda n, isz: (None, 2 * n * isz)),
    "sin": (vectors, lambda d: lambda: np.sin(d["a"]), lambda n, isz: (None, 2 * n * isz)),
    "tanh": (vectors, lambda d: lambda: np.tanh(d["a"]), lambda n, isz: (None, 2 * n * isz)),
    "relu": (vectors, lambda d: lambda: np.maximum(d["a"], 0), lambda n, isz: (None, 2 * n * isz)),
    "sum": (vectors, lambda d: lambda: np.sum(d["a"]), lambda n, isz: (None, n * isz)),
    "argmax": (vectors, lambda d: lambda: np.argmax(d["a"]), lambda n, isz: (None, n * isz)),
    "mask_select": (vectors, lambda d: lambda: d["a"][d["a"] > 0.5], lambda n, isz: (None, None)),
    "overhead_add": (vectors, lambda d: lambda: d["a"] + d["b"], lambda n, isz: (None, 3 * n * isz)),
    "broadcast_add_row": (matrix, lambda d: lambda: d["x"] + d["row"], lambda n, isz: (None, 2 * n * isz)),
    "broadcast_add_col": (matrix, lambda d: lambda: d["x"] + d["col"], lambda n, isz: (None, 2 * n * isz)),
    "sum_axis0": (matrix, lambda d: lambda: d["x"].sum(axis=0), lambda n, isz: (None, n * isz)),
    "sum_axis1": (matrix, lambda d: lambda: d["x"].sum(axis=1), lambda n, isz: (None, n * isz)),
    "transpose_copy": (matrix, lambda d: lambda: np.ascontiguousarray(d["x"].T), lambda n, isz: (None, 2 * n * isz)),
    "matmul": (square_pair, lambda d: lambda: d["p"] @ d["q"], lambda n, isz: (2 * n ** 3, None)),
    "solve": (system, lambda d: lambda: np.linalg.solve(d["m"], d["v"]), lambda n, isz: (2 / 3 * n ** 3, None)),
    "inv": (system, lambda d: lambda: np.linalg.inv(d["m"]), lambda n, isz: (2 * n ** 3, None)),
    "expr_poly_sum": (normals, lambda d: lambda: np.sum(d["x"] * d["x"] + 2 * d["x"] + 1),
                      lambda n, isz: (None, n * isz)),
    "expr_gauss": (normals, lambda d: lambda: np.exp(-d["x"] * d["x"] / 2), lambda n, isz: (None, 2 * n * isz)),
    "expr_where": (normals, lambda d: lambda: np.where(d["x"] > 0, d["x"] * d["y"], -d["z"]),
                   lambda n, isz: (None, 4 * n * isz)),
    "expr_dist": (normals, lambda d: lambda: np.sqrt(d["x"] * d["x"] + d["y"] * d["y"] + d["z"] * d["z"]),
                  lambda n, isz: (None, 4 * n * isz)),
    "expr_softmax": (softmax_matrix, softmax, lambda n, isz: (None, 2 * n * isz)),
    "expr_standardize": (normal_square, lambda d: lambda: (d["s3"] - d["s3"].mean(axis=0)) / d["s3"].std(axis=0),
                         lambda n, isz: (None, 2 * n * isz)),
    "mlp_forward": (network, mlp,
                    lambda n, isz: (2 * n * sum(i * o for i, o in zip(LAYERS, LAYERS[1:])), None)),
}


def main(argv):
    runs = 5
    jobs = []
    args = iter(argv)
    for arg in args:
        if arg == "--runs":
            runs = int(next(args))
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            name, dt, size = arg.split(":")
            if name not in WORKLOADS:
                print("numpy_bench.py: unknown workload %r" % name, file=sys.stderr)
                return 2
            jobs.append((name, dt, int(size)))

    rng = np.random.default_rng(0)
    cache_key, cache = None, None
    for name, dt, size in jobs:
        make, operation, work = WORKLOADS[name]
        if cache_key != (make, dt, size):
            cache_key, cache = None, None  # free the last inputs first
            cache_key, cache = (make, dt, size), make(rng, dt, size)
        n = CALLS.get(name, 1)
        secs = timed(calls(name, operation(cache)), runs) / n
        row = {"workload": name, "dtype": dt, "size": size, "seconds": secs}
        flops, nbytes = work(size, np.dtype(dt).itemsize)
        if flops:
            row["gflops"] = flops / secs / 1e9
        if nbytes:
            row["gbps"] = nbytes / secs / 1e9
        if ne is not None and name in NUMEXPR:
            expr, local = NUMEXPR[name], {k: cache[k] for k in "xyz"}
            row["numexpr_seconds"] = timed(lambda: ne.evaluate(expr, local_dict=local), runs)
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
