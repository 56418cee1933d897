package fmath

import "math"

// Sinh, Cosh and Tanh are own implementations: Go's Sinh and Cosh use
// its Exp and so overflow early near 709.78 (their true overflow is at
// 710.48), and Go's Sinh and Tanh reach NumPy's bound of 2 ULP. Asinh,
// Acosh and Atanh are own too: Go's reach 1.4-1.7 ULP against a bound
// of 2; these form the logarithm's argument as a double-double.
//
// Method: for |x| < 1 (Tanh: < 0.55) the economized Taylor series; up to
// 22 the exponential identities, with e^x from Exp's kernel as a
// double-double and the reciprocal or quotient in double-double, so
// that only the last operation rounds (about 0.5 ULP); beyond,
// e^|x|/2 formed as exp(|x|) * 2^-1 inside Exp's scaling, so it
// overflows only where the result does.

// sinh(x) = x + x^3 S(x^2), S on [0, 1]; economization error 3e-22.
const (
	sinhS0 = 0.16666666666666666
	sinhS1 = 0.008333333333333333
	sinhS2 = 0.00019841269841269773
	sinhS3 = 2.7557319224040352e-06
	sinhS4 = 2.5052108364053986e-08
	sinhS5 = 1.6059048396945078e-10
	sinhS6 = 7.646625318417251e-13
	sinhS7 = 2.8445276524447325e-15
)

// cosh(x) = 1 + x^2/2 + x^4 C(x^2), C on [0, 1]; error 2e-20.
const (
	coshC0 = 0.041666666666666664
	coshC1 = 0.001388888888888887
	coshC2 = 2.480158730161748e-05
	coshC3 = 2.7557319205885615e-07
	coshC4 = 2.0876762156463384e-09
	coshC5 = 1.1469988248244595e-11
	coshC6 = 4.834453967996815e-14
)

// tanh(x) = x + x^3 T(x^2), T on [0, 0.3025]; economization error 7e-20
// (coefficients of the series tanh = sinh/cosh, divided exactly).
const (
	tanhT0  = -0.3333333333333333
	tanhT1  = 0.13333333333333314
	tanhT2  = -0.05396825396822103
	tanhT3  = 0.02186948853410769
	tanhT4  = -0.008863235464037536
	tanhT5  = 0.003592126783667554
	tanhT6  = -0.0014558192286440181
	tanhT7  = 0.00058990610734536
	tanhT8  = -0.00023847593378085246
	tanhT9  = 9.455922190416076e-05
	tanhT10 = -3.37317692507802e-05
	tanhT11 = 7.880858110540416e-06
)

// hyperBig is where e^-|x| no longer matters: e^-44 < 2^-63.
const hyperBig = 22

// Sinh returns the hyperbolic sine of x (NumPy sinh).
func Sinh(x float64) float64 {
	ax := math.Abs(x)
	var r float64
	switch {
	case ax < 0x1p-27:
		return x // +-0, subnormals, NaN
	case ax < 1:
		z := ax * ax
		S := sinhS0 + z*(sinhS1+z*(sinhS2+z*(sinhS3+z*(sinhS4+z*(sinhS5+z*(sinhS6+z*sinhS7))))))
		r = ax + ax*z*S
	case ax < hyperBig:
		eh, el := expDD(ax)
		ih, il := recipDD(eh, el)
		d, de := twoSum(eh, -ih)
		r = 0.5 * (d + (de + (el - il)))
	case ax <= math.MaxFloat64:
		r = expScaled(ax, -1)
	default:
		return x // +-Inf, NaN
	}
	return math.Copysign(r, x)
}

// Cosh returns the hyperbolic cosine of x (NumPy cosh).
func Cosh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case ax < 0x1p-27:
		return 1
	case ax < 1:
		z := ax * ax
		C := coshC0 + z*(coshC1+z*(coshC2+z*(coshC3+z*(coshC4+z*(coshC5+z*coshC6)))))
		return 1 + (0.5*z + z*z*C)
	case ax < hyperBig:
		eh, el := expDD(ax)
		ih, il := recipDD(eh, el)
		d, de := fastTwoSum(eh, ih)
		return 0.5 * (d + (de + (el + il)))
	case ax <= math.MaxFloat64:
		return expScaled(ax, -1)
	}
	return ax // +Inf, NaN
}

// Tanh returns the hyperbolic tangent of x (NumPy tanh).
func Tanh(x float64) float64 {
	ax := math.Abs(x)
	var r float64
	switch {
	case ax < 0x1p-27:
		return x // +-0, subnormals, NaN
	case ax < 0.55:
		z := ax * ax
		T := tanhT0 + z*(tanhT1+z*(tanhT2+z*(tanhT3+z*(tanhT4+z*(tanhT5+z*(tanhT6+
			z*(tanhT7+z*(tanhT8+z*(tanhT9+z*(tanhT10+z*tanhT11))))))))))
		r = ax + ax*z*T
	case ax < hyperBig:
		// 1 - 2/(e^2x + 1), the quotient as a double-double.
		eh, el := expDD(2 * ax)
		dh, dl := fastTwoSum(eh, 1)
		dl += el
		qh := 2 / dh
		ql := (math.FMA(-qh, dh, 2) - qh*dl) / dh
		s, se := fastTwoSum(1, -qh)
		r = s + (se - ql)
	case ax <= math.Inf(1):
		r = 1
	default:
		return x // NaN
	}
	return math.Copysign(r, x)
}

// recipDD returns 1/(hi + lo) as a double-double.
func recipDD(hi, lo float64) (rh, rl float64) {
	rh = 1 / hi
	rl = (math.FMA(-rh, hi, 1) - rh*lo) / hi
	return rh, rl
}

// Asinh returns the inverse hyperbolic sine of x (NumPy arcsinh):
// asinh a = log(1 + t), t = a + a^2/(1 + sqrt(1 + a^2)), with t and 1 + t
// formed as double-doubles and logDD rounding once; log(2a) beyond 2^28.
func Asinh(x float64) float64 {
	a := math.Abs(x)
	var r float64
	switch {
	case a < 0x1p-27:
		return x // +-0, subnormals, NaN
	case a < 0x1p28:
		a2, a2l := twoProd(a, a)
		qh, ql := fastTwoSum(1, a2)
		ql += a2l
		sh, sl := sqrtDD(qh, ql)
		dh, dl := fastTwoSum(1, sh) // 1 + sqrt(1 + a^2)
		dl += sl
		// a^2 / d as a double-double
		inv := 1 / dh
		vh := a2 * inv
		vl := (math.FMA(-vh, dh, a2) + a2l - vh*dl) * inv
		th, tl := twoSum(a, vh)
		tl += vl
		uh, ul := fastTwoSum(1, th)
		r = logDD(uh, ul+tl, 0)
	case a <= math.MaxFloat64:
		r = logDD(a, 0, 1)
	default:
		return x // +-Inf
	}
	return math.Copysign(r, x)
}

// Acosh returns the inverse hyperbolic cosine of x (NumPy arccosh):
// acosh x = log(x + sqrt(x^2 - 1)) with x^2 - 1 exact as a double-double
// (twoProd, then an exact two-sum) and logDD rounding once; log(2x)
// beyond 2^28.
func Acosh(x float64) float64 {
	switch {
	case x < 1 || x != x:
		return math.NaN()
	case x == 1:
		return 0
	case x < 0x1p28:
		p, pe := twoProd(x, x)
		wh, wl := twoSum(p, -1)
		wl += pe
		sh, sl := sqrtDD(wh, wl)
		uh, ul := fastTwoSum(x, sh)
		return logDD(uh, ul+sl, 0)
	case x <= math.MaxFloat64:
		return logDD(x, 0, 1)
	}
	return x // +Inf
}

// Atanh returns the inverse hyperbolic tangent of x (NumPy arctanh):
// atanh a = log((1 + a)/(1 - a))/2 with the quotient as a double-double
// and logDD rounding once.
func Atanh(x float64) float64 {
	a := math.Abs(x)
	var r float64
	switch {
	case a < 0x1p-27:
		return x // +-0, subnormals, NaN
	case a < 1:
		nh, nl := fastTwoSum(1, a)
		dh, dl := fastTwoSum(1, -a)
		qh := nh / dh
		ql := (math.FMA(-qh, dh, nh) + nl - qh*dl) / dh
		r = 0.5 * logDD(qh, ql, 0)
	case a == 1:
		r = math.Inf(1)
	default:
		return math.NaN()
	}
	return math.Copysign(r, x)
}
