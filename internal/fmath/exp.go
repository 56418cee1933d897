package fmath

import (
	"math"
	"math/big"
)

// Exp and Exp2 are own implementations: Go's amd64 assembly Exp returns
// +Inf for x in [709.44, 709.78], and both share this table kernel.
//
// Method: x = (k/128) ln2 + r with |r| <= ln2/256, so
// exp(x) = 2^(k>>7) * 2^((k&127)/128) * exp(r). The table holds
// 2^(j/128) as hi + lo (computed with math/big at init) and exp(r) - 1 is
// its Taylor polynomial to degree 5, whose truncation error is below
// 2^-60. The result before scaling, T*(1+p), carries one rounding, so the
// error is about 0.5 ULP; results near overflow or in the subnormal range
// are scaled in two steps so that only the last one rounds.

const (
	expTableBits = 7
	expN         = 1 << expTableBits
	// expShift rounds to an integer when added: 1.5 * 2^52.
	expShift = 0x1.8p52
)

var (
	expTabHi, expTabLo [expN]float64
	// ln2/128 split: expLn2Hi has 33 bits so k*expLn2Hi is exact for
	// |k| < 2^20.
	expLn2Hi, expLn2Lo float64
	expInvLn2N         float64 // 128/ln2
	// exp2Coef[i] = ln2^(i+1)/(i+1)!, the Taylor coefficients of 2^r - 1.
	exp2Coef [5]float64
)

func init() {
	const prec = 256
	ln2 := bigLn2(prec)
	ln2N := new(big.Float).SetPrec(prec).Quo(ln2, big.NewFloat(expN))
	expLn2Hi = truncBits(ln2N, 33)
	expLn2Lo, _ = sub(ln2N, expLn2Hi).Float64()
	inv := new(big.Float).SetPrec(prec).Quo(big.NewFloat(expN), ln2)
	expInvLn2N, _ = inv.Float64()

	// 2^(1/128) by seven square roots, then its powers.
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for i := 0; i < expTableBits; i++ {
		root.Sqrt(root)
	}
	v := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := 0; j < expN; j++ {
		expTabHi[j], expTabLo[j] = split2(v)
		v.Mul(v, root)
	}

	c := new(big.Float).SetPrec(prec).SetInt64(1)
	for i := range exp2Coef {
		c.Mul(c, ln2)
		c.Quo(c, new(big.Float).SetPrec(prec).SetInt64(int64(i+1)))
		exp2Coef[i], _ = c.Float64()
	}
}

// expPoly returns exp(r) - 1 for |r| <= ln2/256 (Taylor to degree 5).
func expPoly(r float64) float64 {
	r2 := r * r
	return r + r2*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120))))
}

// exp2Poly returns 2^r - 1 for |r| <= 1/256.
func exp2Poly(r float64) float64 {
	c := &exp2Coef
	return r * (c[0] + r*(c[1]+r*(c[2]+r*(c[3]+r*c[4]))))
}

// expTable returns 2^(j/128) * (1 + p) for j = k & 127, rounded once.
func expTable(k int64, p float64) float64 {
	j := k & (expN - 1)
	hi := expTabHi[j]
	return hi + (hi*p + expTabLo[j])
}

// scaleExp returns y * 2^m for y in about [0.99, 2.01], rounding once,
// for any m with a representable or overflowing or underflowing result.
func scaleExp(y float64, m int64) float64 {
	switch {
	case m > 1023:
		if m > 1100 {
			return math.Inf(1)
		}
		return y * pow2(int(m-1023)) * pow2(1023)
	case m < -1022:
		if m < -1200 {
			return 0
		}
		// y*2^(m+600) is exact; the second product rounds once.
		return y * pow2(int(m+600)) * pow2(-600)
	}
	return y * pow2(int(m))
}

// Exp returns e**x (NumPy exp).
func Exp(x float64) float64 {
	if !(math.Abs(x) <= 708) {
		return expSlow(x, 0)
	}
	t := float64(x*expInvLn2N) + expShift
	k := int64(int32(uint32(math.Float64bits(t))))
	kf := t - expShift
	r := float64(x-kf*expLn2Hi) - kf*expLn2Lo
	y := expTable(k, expPoly(r))
	return y * pow2(int(k>>expTableBits))
}

// expDD returns e**x as a double-double hi + lo, accurate to about
// 2^-60 relative, for |x| <= 708.
func expDD(x float64) (hi, lo float64) {
	t := float64(x*expInvLn2N) + expShift
	k := int64(int32(uint32(math.Float64bits(t))))
	kf := t - expShift
	r := float64(x-kf*expLn2Hi) - kf*expLn2Lo
	p := expPoly(r)
	j := k & (expN - 1)
	th := expTabHi[j]
	hi, lo = fastTwoSum(th, th*p+expTabLo[j])
	s := pow2(int(k >> expTableBits))
	return hi * s, lo * s
}

// expScaled returns e**x * 2**s without intermediate overflow, for the
// large-argument sinh and cosh (s = -1).
func expScaled(x float64, s int64) float64 {
	return expSlow(x, s)
}

// expSlow is Exp for NaN, infinities and |x| > 708, times 2**s.
func expSlow(x float64, s int64) float64 {
	switch {
	case x != x:
		return x
	case x > 1000:
		return math.Inf(1)
	case x < -1000:
		return 0
	}
	t := float64(x*expInvLn2N) + expShift
	k := int64(int32(uint32(math.Float64bits(t))))
	kf := t - expShift
	r := float64(x-kf*expLn2Hi) - kf*expLn2Lo
	y := expTable(k, expPoly(r))
	return scaleExp(y, k>>expTableBits+s)
}

// Exp2 returns 2**x (NumPy exp2). With k = round(128 x), r = x - k/128 is
// exact, so only the polynomial and the table product round.
func Exp2(x float64) float64 {
	if !(math.Abs(x) <= 1020) {
		switch {
		case x != x:
			return x
		case x > 1100:
			return math.Inf(1)
		case x < -1100:
			return 0
		}
	}
	t := float64(x*expN) + expShift
	k := int64(int32(uint32(math.Float64bits(t))))
	r := x - float64(t-expShift)*(1.0/expN)
	y := expTable(k, exp2Poly(r))
	return scaleExp(y, k>>expTableBits)
}
