# Coefficients of internal/fmath polynomial kernels: Chebyshev economization
# of each Taylor series in exact rational arithmetic. Run with a Python 3
# (standard library only): python3 coefficients.py
from fractions import Fraction as F
from math import factorial, comb

def poly_compose_affine(a, c0, c1):
    # returns coefficients of p(c0 + c1 v) in v
    n = len(a); out = [F(0)]*n
    for k, ak in enumerate(a):
        for j in range(k+1):
            out[j] += ak * comb(k, j) * c0**(k-j) * c1**j
    return out

def cheb_T(n):
    T = [[F(1)], [F(0), F(1)]]
    for k in range(2, n+1):
        prev, pp = T[-1], T[-2]
        t = [F(0)] + [2*c for c in prev]
        for i, c in enumerate(pp): t[i] -= c
        T.append(t)
    return T

def economize(a, Z0, Z1, deg):
    """a: Taylor coeffs in z (exact). Interval z in [Z0, Z1]. Returns power coeffs (z) of degree deg and error bound."""
    mid = (F(Z0)+F(Z1))/2; half = (F(Z1)-F(Z0))/2
    b = poly_compose_affine(a, mid, half)  # in v
    M = len(b)-1
    T = cheb_T(M)
    # convert to chebyshev: solve from top
    c = [F(0)]*(M+1); rem = b[:]
    for k in range(M, -1, -1):
        lead = T[k][k]
        c[k] = rem[k]/lead
        for i, t in enumerate(T[k]): rem[i] -= c[k]*t
    err = sum(abs(x) for x in c[deg+1:])
    pv = [F(0)]*(deg+1)
    for k in range(deg+1):
        for i, t in enumerate(T[k]): pv[i] += c[k]*t
    # back to z: v = (z - mid)/half
    pz = poly_compose_affine(pv, -mid/half, 1/half)
    return pz, err

def show(name, pz, err, tail):
    print("//", name, "economization error %.3g, Taylor tail %.3g" % (float(err), float(tail)))
    for i, c in enumerate(pz):
        print("\t%s%d = %r" % (name, i, float(c)))
from fractions import Fraction as F
from math import factorial
M = 60
def pick(name, a, Z0, Z1, target, scale=1):
    for deg in range(2, 30):
        pz, err = economize(a, Z0, Z1, deg)
        if err*scale < target:
            show(name, pz, err*scale, 0); return
log_ = [F(2, 2*k+3) for k in range(M)]
pick("logL", log_, 0, F(2944,100000), 1e-19, scale=0.0295)
sin_ = [F((-1)**(k+1), factorial(2*k+3)) for k in range(M)]
pick("sinS", sin_, 0, F(62,100), 2e-19, 0.62)
cos_ = [F((-1)**k, factorial(2*k+4)) for k in range(M)]
pick("cosC", cos_, 0, F(62,100), 1e-19, 0.39)
asin_ = [F(factorial(2*n), 4**n * factorial(n)**2 * (2*n+1)) for n in range(1, 120)]
pick("asinR", asin_, 0, F(1,4), 1.5e-18, 0.25)
sinh_ = [F(1, factorial(2*k+3)) for k in range(M)]
pick("sinhS", sinh_, 0, 1, 1e-19)
cosh_ = [F(1, factorial(2*k+4)) for k in range(M)]
pick("coshC", cosh_, 0, 1, 1e-19)
# tanh = sinh/cosh power series in x; use z=x^2 series: sinh(x)/x = sum z^k/(2k+1)!, cosh = sum z^k/(2k)!
N = 120
s = [F(1, factorial(2*k+1)) for k in range(N)]
c = [F(1, factorial(2*k)) for k in range(N)]
q = [F(0)]*N  # tanh(x)/x = q(z)
for k in range(N):
    q[k] = (s[k] - sum(q[j]*c[k-j] for j in range(k))) / c[0]
# tanh = x + x z T(z): T = (q - 1)/z
T = q[1:]
pick("tanhT", T, 0, F(3025,10000), 1e-18, 0.3025)
