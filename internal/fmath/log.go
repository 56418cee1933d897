package fmath

import (
	"math"
	"math/big"
)

// Log, Log2 and Log10 are own implementations: Go's amd64 assembly Log
// treats a subnormal input as if its exponent were -1022
// (log(5e-324) = -709.09, golang/go#56600), Log10 inherits that, and
// Go's Log2 loses all relative precision just above 1.
//
// Method: x = 2^e * m with m in [sqrt(1/2), sqrt(2)) (subnormals are
// first scaled by 2^54 exactly), f = m - 1 (exact), and
//
//	log(1+f) = f - f^2/2 + s (f^2/2 + R),  s = f/(2+f),
//	R = 2s^2/3 + 2s^4/5 + ... = z L(z), z = s^2,
//
// an identity of 2 atanh(s) = log(1+f) in which the rounded s only enters
// the small last term. f - f^2/2 is kept as a double-double (the square's
// error via FMA), so log(1+f) is known to about 2^-62 relative; the
// logarithm in the wanted base is then formed in double-double and
// rounded once: about 0.5 ULP.

// L(z) on z in [0, 0.02944] (|s| <= (sqrt2-1)/(sqrt2+1)); economization
// error 6e-20 on z L(z).
const (
	logL0 = 0.6666666666666666
	logL1 = 0.40000000000000885
	logL2 = 0.2857142857080076
	logL3 = 0.22222222392303262
	logL4 = 0.18181795582103566
	logL5 = 0.15386242634932326
	logL6 = 0.13268699694889355
	logL7 = 0.130873486686174
)

var (
	// ln2Hi has 42 bits so e*ln2Hi is exact for |e| < 2^11.
	ln2Hi, ln2Lo float64
	// log10of2Hi has 42 bits likewise.
	log10of2Hi, log10of2Lo float64
	// 1/ln2 and 1/ln10 as double-doubles.
	invLn2Hi, invLn2Lo   float64
	invLn10Hi, invLn10Lo float64
)

func init() {
	const prec = 256
	ln2 := bigLn2(prec)
	ln2Hi = truncBits(ln2, 42)
	ln2Lo, _ = sub(ln2, ln2Hi).Float64()
	ln10 := bigLn10(prec)
	l := new(big.Float).SetPrec(prec).Quo(ln2, ln10)
	log10of2Hi = truncBits(l, 42)
	log10of2Lo, _ = sub(l, log10of2Hi).Float64()
	one := big.NewFloat(1)
	invLn2Hi, invLn2Lo = split2(new(big.Float).SetPrec(prec).Quo(one, ln2))
	invLn10Hi, invLn10Lo = split2(new(big.Float).SetPrec(prec).Quo(one, ln10))
}

// bigLn10 returns ln 10 = 3 ln2 + ln(5/4), ln(5/4) = 2 atanh(1/9).
func bigLn10(prec uint) *big.Float {
	p := prec + 16
	sum := new(big.Float).SetPrec(p)
	pow := new(big.Float).SetPrec(p).Quo(big.NewFloat(2), big.NewFloat(9))
	term := new(big.Float).SetPrec(p)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -int(p)-8)
	for k := int64(0); pow.Cmp(eps) > 0; k++ {
		term.Quo(pow, new(big.Float).SetPrec(p).SetInt64(2*k+1))
		sum.Add(sum, term)
		pow.Quo(pow, big.NewFloat(81))
	}
	l2 := bigLn2(p)
	l2.Mul(l2, big.NewFloat(3))
	return sum.Add(sum, l2).SetPrec(prec)
}

// logSpecial returns the result for x <= 0, +Inf and NaN (C99 Annex F:
// log(+-0) = -Inf, log(x<0) = NaN, log(+Inf) = +Inf), and ok = false for
// positive finite x.
func logSpecial(x float64) (float64, bool) {
	switch {
	case x > 0 && x <= math.MaxFloat64:
		return 0, false
	case x == 0:
		return math.Inf(-1), true
	case x < 0:
		return math.NaN(), true
	}
	return x, true // +Inf or NaN
}

// logReduce splits positive finite x into x = 2^e (1+f) with
// 1+f in [sqrt(1/2), sqrt(2)), f exact.
func logReduce(x float64) (e int, f float64) {
	b := math.Float64bits(x)
	if b < 1<<52 { // subnormal: scale by 2^54 exactly
		b = math.Float64bits(x * 0x1p54)
		e = -54
	}
	e += int(b>>52) - 1023
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52)
	if m > math.Sqrt2 {
		m *= 0.5
		e++
	}
	return e, m - 1
}

// log1pDD returns log(1+f) as hi + lo for 1+f in [sqrt(1/2), sqrt(2)].
func log1pDD(f float64) (hi, lo float64) {
	s := f / (2 + f)
	z := s * s
	R := z * (logL0 + z*(logL1+z*(logL2+z*(logL3+z*(logL4+z*(logL5+z*(logL6+z*logL7)))))))
	hf := 0.5 * f
	hfsq, hfsqErr := twoProd(hf, f)
	hi, e1 := fastTwoSum(f, -hfsq)
	lo = float64(e1-hfsqErr) + s*(hfsq+R)
	return hi, lo
}

// Log returns the natural logarithm of x (NumPy log).
func Log(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	e, f := logReduce(x)
	hi, lo := log1pDD(f)
	de := float64(e)
	s, t := twoSum(de*ln2Hi, hi)
	return s + (t + (lo + de*ln2Lo))
}

// Log2 returns the base-2 logarithm of x (NumPy log2).
func Log2(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	e, f := logReduce(x)
	hi, lo := log1pDD(f)
	// (hi + lo) / ln2 as a double-double.
	ph, pl := twoProd(hi, invLn2Hi)
	pl += hi*invLn2Lo + lo*invLn2Hi
	s, t := twoSum(float64(e), ph)
	return s + (t + pl)
}

// Log10 returns the base-10 logarithm of x (NumPy log10).
func Log10(x float64) float64 {
	if r, ok := logSpecial(x); ok {
		return r
	}
	e, f := logReduce(x)
	hi, lo := log1pDD(f)
	ph, pl := twoProd(hi, invLn10Hi)
	pl += hi*invLn10Lo + lo*invLn10Hi
	de := float64(e)
	s, t := twoSum(de*log10of2Hi, ph)
	return s + (t + (pl + de*log10of2Lo))
}

// logDD returns log((xh + xl) * 2^k) rounded once, for xh positive,
// normal and finite and |xl| <= ulp(xh): the inverse hyperbolic functions
// form their logarithm's argument as a double-double. The low part enters
// to first order, log(m + l) = log(m) + l/m.
func logDD(xh, xl float64, k int) float64 {
	e, f := logReduce(xh)
	hi, lo := log1pDD(f)
	if xl != 0 {
		lo += math.Ldexp(xl, -e) / (1 + f)
	}
	de := float64(e + k)
	s, t := twoSum(de*ln2Hi, hi)
	return s + (t + (lo + de*ln2Lo))
}

// sqrtDD returns sqrt(h + l) as a double-double for h > 0.
func sqrtDD(h, l float64) (sh, sl float64) {
	sh = math.Sqrt(h)
	sl = (math.FMA(-sh, sh, h) + l) / (2 * sh)
	return sh, sl
}
