// Package fmath holds the float64 math functions as NumPy computes them:
// one function per NumPy ufunc that numgl implements, each within the
// ULP bound of NumPy's validation data
// (numpy/core/tests/data/umath-validation-set-*.csv) for every float64
// input and, rounded once to float32, for every float32 input.
//
// cpu-loop uses these as its op table, and every other device is checked
// against cpu-loop, so they must be right everywhere, not just on
// ordinary arguments. Go's math package is not: on amd64 its assembly Exp
// overflows early (x in [709.44, 709.78] gives +Inf), its assembly Log
// ignores subnormal inputs (golang/go#56600), its Sin/Cos/Tan reduce huge
// arguments to an absolute, not relative, precision, its Asin/Acos lose
// bits near |x| = 1, its Log2 loses them just above 1, its Cbrt reaches
// 3 ULP, and its Tanh, Sinh, Acosh, Asinh, Atanh and Atan2 reach 1.4-2
// ULP against bounds of 2.
//
// Own implementations (see each file): Exp, Exp2, Log, Log2, Log10, Sin,
// Cos, Tan, Sinh, Cosh, Tanh, Asin, Acos, Atan2, Asinh, Acosh, Atanh,
// Cbrt, Hypot, LogAddExp, LogAddExp2, all within 0.8 ULP of the exact
// value in the package's math/big reference test. Go's math is kept where
// that reference, a dense sweep and NumPy's data show it well within
// NumPy's bound (at most 0.9 ULP against bounds of 2 and 3): Expm1, Log1p
// and Atan (all pure Go on every platform).
//
// Polynomial coefficients were computed for this package by Chebyshev
// economization of each function's Taylor series in exact rational
// arithmetic (Python fractions; testdata/coefficients.py prints them),
// truncated where the economization error is below about 2^-62
// relative; the constants that need more than a
// float64 (2/pi, pi/2, ln2, the 2^(j/128) table) are computed at init with
// math/big.
//
// Expressions whose rounding matters are written so that a compiler that
// fuses a*b+c into an FMA cannot change the result: exact products are
// taken with math.FMA, and roundings that must happen use float64().
package fmath
