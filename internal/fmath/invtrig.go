package fmath

import (
	"math"
	"math/big"
)

// Asin and Acos are own implementations: Go's compute atan(x/sqrt(1-x*x)),
// and 1-x*x loses the low bits of x near |x| = 1 (up to 1000 ULP for
// asin, 2.5e7 for acos). Atan2 is own: Go's returns +pi instead of -pi
// when y/x underflows to +0 with x < 0, y < 0, and its quotient's
// rounding takes it to 1.6 ULP. Atan is Go's.
//
// Method: asin(t) = t + t u R(u), u = t^2, on |t| <= 1/2 (R is the
// economized Taylor series); for 1/2 < |x| <= 1 the half-angle identities
// asin(x) = pi/2 - 2 asin(sqrt((1-x)/2)) and acos(x) = 2 asin(sqrt((1-x)/2))
// are used, with 1-x exact, sqrt's rounding error recovered with an FMA,
// and pi/2 - ... formed with an exact two-sum: about 0.5-1 ULP.

// R(u) on [0, 1/4]; economization error 2.3e-19 (after the u factor).
const (
	asinR0  = 0.16666666666666666
	asinR1  = 0.07500000000000125
	asinR2  = 0.04464285714253574
	asinR3  = 0.030381944476963723
	asinR4  = 0.02237215737767329
	asinR5  = 0.01735281834070849
	asinR6  = 0.013963748435199949
	asinR7  = 0.011566830427132645
	asinR8  = 0.009618864779963437
	asinR9  = 0.009335970060991405
	asinR10 = 0.0029838811037374503
	asinR11 = 0.01970071180526169
	asinR12 = -0.01944563642504257
	asinR13 = 0.0297378456439969
)

// asinTail returns asin(t) - t = t u R(u) for |t| <= 1/2, u = t*t.
func asinTail(t, u float64) float64 {
	R := asinR0 + u*(asinR1+u*(asinR2+u*(asinR3+u*(asinR4+u*(asinR5+u*(asinR6+
		u*(asinR7+u*(asinR8+u*(asinR9+u*(asinR10+u*(asinR11+u*(asinR12+u*asinR13))))))))))))
	return t * u * R
}

// halfAngle returns s = sqrt(z) as s + c (c the correction for sqrt's
// rounding) and the tail asin(s) - s, for z = (1-|x|)/2 in [0, 1/4].
func halfAngle(z float64) (s, c, tail float64) {
	s = math.Sqrt(z)
	c = -math.FMA(s, s, -z) / (2 * s)
	if s == 0 {
		c = 0
	}
	return s, c, asinTail(s, z)
}

// Asin returns the arcsine of x (NumPy arcsin).
func Asin(x float64) float64 {
	ax := math.Abs(x)
	if ax <= 0.5 {
		if ax < 0x1p-27 {
			return x // also +-0, subnormals
		}
		return x + asinTail(x, x*x)
	}
	if !(ax <= 1) {
		return math.NaN()
	}
	s, c, tail := halfAngle(float64(1-ax) * 0.5)
	// pi/2 - 2(s + c + tail)
	hi, e := twoSum(pio2Hi, -2*s)
	r := hi + (e + (pio2Lo - 2*(c+tail)))
	return math.Copysign(r, x)
}

// Acos returns the arccosine of x (NumPy arccos).
func Acos(x float64) float64 {
	ax := math.Abs(x)
	if ax <= 0.5 {
		// pi/2 - asin(x)
		tail := 0.0
		if ax >= 0x1p-27 {
			tail = asinTail(x, x*x)
		}
		hi, e := twoSum(pio2Hi, -x)
		return hi + (e + (pio2Lo - tail))
	}
	if !(ax <= 1) {
		return math.NaN()
	}
	s, c, tail := halfAngle(float64(1-ax) * 0.5)
	if x > 0 {
		return 2*s + 2*(c+tail)
	}
	// pi - 2 asin(s)
	hi, e := twoSum(piHi, -2*s)
	return hi + (e + (piLo - 2*(c+tail)))
}

// atanTabBits: the kernel's breakpoints are c = i/16, i = 0..16.
const atanTabN = 16

// atanTabHi/Lo hold atan(i/16) as double-doubles (math/big at init).
var atanTabHi, atanTabLo [atanTabN + 1]float64

func init() {
	for i := range atanTabHi {
		v := bigAtan(new(big.Float).SetPrec(256).SetFloat64(float64(i)/atanTabN), 256)
		atanTabHi[i], atanTabLo[i] = split2(v)
	}
}

// atanKernel returns atan(xh + xl) as hi + lo (about 2^-62 relative) for
// 0 <= xh <= 1, |xl| <= ulp(xh). With c = i/16 the breakpoint nearest xh,
// atan(x) = atan(c) + atan(t), t = (x - c)/(1 + x c), |t| <= 1/32; t is
// formed as a double-double (x - c is exact, 1 + x c and the quotient's
// errors come from FMAs) and atan(t) = t + t^3 A(t^2) with A the Taylor
// series to t^8, truncation error below 2^-63 relative.
func atanKernel(xh, xl float64) (hi, lo float64) {
	i := int(xh*atanTabN + 0.5)
	c := float64(i) * (1.0 / atanTabN)
	nh := xh - c // exact
	p, pe := twoProd(xh, c)
	dh, dl := fastTwoSum(1, p)
	dl += pe + xl*c
	inv := 1 / dh // one division; the residual corrects th's rounding
	th := nh * inv
	tl := (math.FMA(-th, dh, nh) + xl - th*dl) * inv
	u := th * th
	poly := th * u * (-1.0/3 + u*(1.0/5+u*(-1.0/7+u*(1.0/9+u*(-1.0/11)))))
	s, e := twoSum(atanTabHi[i], th)
	return s, e + (tl + poly + atanTabLo[i])
}

// Atan returns the arctangent of x (NumPy arctan). It is Go's math.Atan
// (pure Go): 0.9 ULP from exact at most in the package's reference test
// and 0 ULP over NumPy's data, against NumPy's bound of 3, and twice as
// fast as an own double-double version; Atan2 needs that one
// (atanKernel), for its quotient's rounding error.
func Atan(x float64) float64 { return math.Atan(x) }

// Atan2 returns the angle of the point (x, y) (NumPy arctan2), with C99's
// special cases. The quotient of the smaller by the larger magnitude is
// taken as a double-double (its rounding error from an FMA), its
// arctangent from atanKernel, and pi/2 or pi are added as double-doubles;
// the sign is always y's. About 0.5 ULP.
func Atan2(y, x float64) float64 {
	if y != y || x != x || y == 0 || x == 0 || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return math.Atan2(y, x) // C99 Annex F special cases
	}
	ay, ax := math.Abs(y), math.Abs(x)
	swap := ay > ax
	num, den := ay, ax
	if swap {
		num, den = ax, ay
	}
	if den < 0x1p-900 { // keep the quotient's FMA residual normal
		num, den = num*0x1p600, den*0x1p600
	}
	q := num / den // in [0, 1]
	ql := math.FMA(-q, den, num) / den
	hi, lo := atanKernel(q, ql)
	var r float64
	switch {
	case swap && x > 0: // pi/2 - atan(q)
		s, e := twoSum(pio2Hi, -hi)
		r = s + (e + (pio2Lo - lo))
	case swap: // pi/2 + atan(q)
		s, e := twoSum(pio2Hi, hi)
		r = s + (e + (pio2Lo + lo))
	case x > 0:
		r = hi + lo
	default: // pi - atan(q)
		s, e := twoSum(piHi, -hi)
		r = s + (e + (piLo - lo))
	}
	return math.Copysign(r, y)
}
