# Near-minimax polynomial fits for the float32 trig kernels of
# shaders/math_float_trig.glsl. Lawson's algorithm (iteratively reweighted
# least squares, which converges to the minimax fit) on a dense Chebyshev
# grid, weighted so the error measured is relative to the final function.
# Coefficients are rounded to float32 one at a time, lowest first, and the
# rest refitted with the rounded ones fixed. Target functions are their
# Taylor series, exact to float64 on these ranges.
#
# Run: /usr/bin/python3 shaders/testdata/fit_float_trig.py (prints each fit and its error).
import numpy as np
from math import factorial

def horner(coef, z):
    s = np.zeros_like(z)
    for c in reversed(coef):
        s = s * z + c
    return s

def lawson(y, A, W, iters=300):
    lw = np.ones(len(y)) / len(y)
    for _ in range(iters):
        sw = np.sqrt(lw) * W
        c, *_ = np.linalg.lstsq(A * sw[:, None], y * sw, rcond=None)
        e = np.abs((A @ c - y) * W)
        lw = lw * e
        lw /= lw.sum()
    return c

def fit(f, w, zmax, deg):
    n = 3000
    z = zmax * (1 - np.cos(np.pi * (np.arange(n) + 0.5) / n)) / 2
    y, W = f(z), w(z)
    fixed = []
    for k in range(deg + 1):
        rest = y - horner(fixed, z) if fixed else y.copy()
        A = np.vstack([(z / zmax) ** j * z ** k for j in range(deg + 1 - k)]).T
        c = lawson(rest, A, W)
        fixed.append(float(np.float32(c[0])))
    e = np.max(np.abs((horner(fixed, z) - y) * W))
    return fixed, e

S = lambda z: horner([(-1) ** k / factorial(2 * k + 1) for k in range(1, 20)], z)   # (sin r - r)/r^3
C = lambda z: horner([(-1) ** k / factorial(2 * k) for k in range(2, 20)], z)       # (cos r - 1 + r^2/2)/r^4
Q = lambda z: horner([(-1) ** k / (2 * k + 1) for k in range(1, 80)], z)            # (atan t - t)/t^3
P = lambda z: horner([factorial(2 * k) / (4 ** k * factorial(k) ** 2 * (2 * k + 1)) for k in range(1, 80)], z)  # (asin x - x)/x^3

zs = (np.pi / 4 * 1.001) ** 2
for name, f, w, zmax, degs in [
    ("sin S", S, lambda z: z / (1 + z * S(z)), zs, [3]),
    ("cos C", C, lambda z: z * z / np.cos(np.sqrt(z)), zs, [3]),
    ("atan Q", Q, lambda z: z / (1 + z * Q(z)), 0.4143 ** 2, [5]),
    ("asin P", P, lambda z: z / (1 + z * P(z)), 0.25, [5]),
]:
    for d in degs:
        c, e = fit(f, w, zmax, d)
        print(f"{name} deg {d} on [0, {zmax:.4g}]: rel err {e:.3g} (2^{np.log2(e):.1f})")
        print("   ", ", ".join("%.9g" % v for v in c))
