package fmath

import "math"

// Expm1 returns e**x - 1 (NumPy expm1). It is Go's math.Expm1 (pure Go
// on every platform), within 1 ULP of glibc over NumPy's data and a dense
// sweep up to the overflow threshold; NumPy's bound is 3.
func Expm1(x float64) float64 { return math.Expm1(x) }

// Log1p returns log(1 + x) (NumPy log1p). It is Go's math.Log1p (pure Go,
// it does not call the assembly Log for small or subnormal x), within
// 1 ULP of glibc over NumPy's data and a dense sweep; NumPy's bound is 2.
func Log1p(x float64) float64 { return math.Log1p(x) }

// Cbrt returns the cube root of x (NumPy cbrt). Own: Go's math.Cbrt is up
// to 3 ULP off (NumPy's bound is 2), so its result y is refined by one
// Newton step y - (y^3 - x)/(3 y^2) with y^3 - x computed exactly by
// FMAs, which leaves about 0.5 ULP. Tiny and huge inputs are scaled by
// 2^(+-300) first so that y^3 and its error terms stay normal and finite.
func Cbrt(x float64) float64 {
	if x == 0 || x != x || math.IsInf(x, 0) {
		return x
	}
	ax := math.Abs(x)
	scale := 1.0
	switch {
	case ax < 0x1p-900:
		ax *= 0x1p300
		scale = 0x1p-100
	case ax > 0x1p900:
		ax *= 0x1p-300
		scale = 0x1p100
	}
	y := math.Cbrt(ax)
	// y^3 - ax exactly enough: y2 + e2 = y*y, y3 + e3 = y2*y.
	y2, e2 := twoProd(y, y)
	y3, e3 := twoProd(y2, y)
	d := float64(y3-ax) + (e3 + e2*y) // y3 - ax is exact (Sterbenz)
	y -= d / (3 * y2)
	return math.Copysign(y*scale, x)
}

// Hypot returns sqrt(x*x + y*y) without undue overflow or underflow
// (NumPy hypot), with C99's special cases (an infinity wins over NaN).
// Own: Go's amd64 assembly Hypot is up to 2 ULP off. The sum of squares
// is formed as a double-double with FMAs after an exact power-of-two
// scaling, and the square root gets one correction step: about 0.5 ULP.
func Hypot(x, y float64) float64 {
	if math.IsInf(x, 0) || math.IsInf(y, 0) {
		return math.Inf(1)
	}
	if x != x || y != y {
		return math.NaN()
	}
	a, b := math.Abs(x), math.Abs(y)
	if a < b {
		a, b = b, a
	}
	if b == 0 {
		return a
	}
	if a > b*0x1p60 {
		return a + b // b^2 is below half an ULP of a^2
	}
	scale := 1.0
	switch {
	case a > 0x1p500:
		a, b, scale = a*0x1p-600, b*0x1p-600, 0x1p600
	case b < 0x1p-500:
		a, b, scale = a*0x1p600, b*0x1p600, 0x1p-600
	}
	ah, al := twoProd(a, a)
	bh, bl := twoProd(b, b)
	sh, sl := fastTwoSum(ah, bh)
	sl += al + bl
	h := math.Sqrt(sh)
	// h += (s - h^2)/(2h), with s - h^2 from an FMA.
	h += (math.FMA(-h, h, sh) + sl) / (2 * h)
	return h * scale
}

// LogAddExp returns log(exp(x) + exp(y)) as NumPy's npy_logaddexp does:
// equal arguments give x + ln2 (so inf, inf gives inf and -inf, -inf
// gives -inf), otherwise the larger plus log1p(exp(-|x-y|)); NaN
// propagates.
func LogAddExp(x, y float64) float64 {
	if x == y {
		return x + math.Ln2
	}
	d := x - y
	switch {
	case d > 0:
		return x + Log1p(Exp(-d))
	case d <= 0:
		return y + Log1p(Exp(d))
	}
	return d // NaN
}

// LogAddExp2 returns log2(2**x + 2**y) as NumPy's npy_logaddexp2 does:
// equal arguments give x + 1, otherwise the larger plus
// log1p(2**-|x-y|)/ln2; NaN propagates.
func LogAddExp2(x, y float64) float64 {
	if x == y {
		return x + 1
	}
	d := x - y
	switch {
	case d > 0:
		return x + math.Log2E*Log1p(Exp2(-d))
	case d <= 0:
		return y + math.Log2E*Log1p(Exp2(d))
	}
	return d // NaN
}
