package fmath

import (
	"math"
	"math/big"
)

// An exact reference: the functions below compute in refPrec-bit
// math/big arithmetic (series with argument reduction), so comparing a
// float64 result with them measures its error in ULPs of the true value,
// not of another libm's rounding.

const refPrec = 448

var (
	refPi   = bigPi(bigPrec)
	refLn2  = bigLn2(refPrec)
	refLn10 = bigLn10(refPrec)
)

func nf() *big.Float                  { return new(big.Float).SetPrec(refPrec) }
func bf(x float64) *big.Float         { return nf().SetFloat64(x) }
func bi(n int64) *big.Float           { return nf().SetInt64(n) }
func add(a, b *big.Float) *big.Float  { return nf().Add(a, b) }
func subB(a, b *big.Float) *big.Float { return nf().Sub(a, b) }
func mul(a, b *big.Float) *big.Float  { return nf().Mul(a, b) }
func quo(a, b *big.Float) *big.Float  { return nf().Quo(a, b) }
func sqrtB(a *big.Float) *big.Float   { return nf().Sqrt(a) }

// negligible reports whether term no longer changes sum at refPrec bits
// (a series has converged).
func negligible(term, sum *big.Float) bool {
	return term.Sign() == 0 || sum.Sign() != 0 && term.MantExp(nil) < sum.MantExp(nil)-refPrec-8
}

// refExpB returns e^a for |a| < 2^11.
func refExpB(a *big.Float) *big.Float {
	kf, _ := quo(a, refLn2).Float64()
	k := math.Round(kf)
	r := subB(a, mul(bf(k), refLn2))
	r.SetMantExp(r, -16) // e^r = (e^(r/2^16))^(2^16)
	sum, term := bi(1), bi(1)
	for n := int64(1); !negligible(term, sum); n++ {
		term = quo(mul(term, r), bi(n))
		sum = add(sum, term)
	}
	for i := 0; i < 16; i++ {
		sum = mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// refAtanhSeries returns atanh(s) = sum s^(2n+1)/(2n+1) for |s| <= 1/2.
func refAtanhSeries(s *big.Float) *big.Float {
	s2 := mul(s, s)
	sum, pow := nf(), nf().Set(s)
	for n := int64(0); n == 0 || !negligible(pow, sum); n++ {
		sum = add(sum, quo(pow, bi(2*n+1)))
		pow = mul(pow, s2)
	}
	return sum
}

// refLogB returns ln a for a > 0.
func refLogB(a *big.Float) *big.Float {
	m := nf()
	e := a.MantExp(m)       // a = m 2^e, m in [0.5, 1)
	if m.Cmp(bf(0.7)) < 0 { // m in [0.7, 1.4): ln m keeps its relative precision near 1
		m.SetMantExp(m, 1)
		e--
	}
	s := quo(subB(m, bi(1)), add(m, bi(1)))
	l := refAtanhSeries(s)
	l = add(l, l)
	return add(l, mul(bi(int64(e)), refLn2))
}

// refLog1pB returns ln(1 + a) for a > -1, accurate for tiny a.
func refLog1pB(a *big.Float) *big.Float {
	if a.Cmp(bf(-0.25)) > 0 && a.Cmp(bf(0.5)) < 0 {
		l := refAtanhSeries(quo(a, add(bi(2), a)))
		return add(l, l)
	}
	return refLogB(add(bi(1), a))
}

// refAtanB returns atan(a).
func refAtanB(a *big.Float) *big.Float {
	neg := a.Sign() < 0
	x := nf().Abs(a)
	pio2 := quo(nf().Set(refPi), bi(2))
	inv := x.Cmp(bi(1)) > 0
	if inv {
		x = quo(bi(1), x)
	}
	// Three halvings: atan x = 2 atan(x / (1 + sqrt(1 + x^2))).
	for i := 0; i < 3; i++ {
		x = quo(x, add(bi(1), sqrtB(add(bi(1), mul(x, x)))))
	}
	x2 := mul(x, x)
	sum, pow := nf(), nf().Set(x)
	for n := int64(0); n == 0 || !negligible(pow, sum); n++ {
		t := quo(pow, bi(2*n+1))
		if n%2 == 1 {
			t.Neg(t)
		}
		sum = add(sum, t)
		pow = mul(pow, x2)
	}
	sum.SetMantExp(sum, 3)
	if inv {
		sum = subB(pio2, sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return sum
}

// refSinCosB returns sin a and cos a; the reduction mod 2 pi uses
// bigPrec bits of pi, enough for |a| < 2^1024.
func refSinCosB(a *big.Float) (sin, cos *big.Float) {
	prec := uint(bigPrec)
	twoPi := new(big.Float).SetPrec(prec).Mul(refPi, big.NewFloat(2))
	q := new(big.Float).SetPrec(prec).Quo(a, twoPi)
	qi, _ := q.Int(nil)
	r := new(big.Float).SetPrec(prec).Sub(a, new(big.Float).SetPrec(prec).Mul(new(big.Float).SetInt(qi), twoPi))
	r = nf().Set(r)
	r.SetMantExp(r, -8) // Taylor at r/256, then 8 doublings
	r2 := mul(r, r)
	s, term := nf(), nf().Set(r)
	for n := int64(1); n == 1 || !negligible(term, s); n += 2 {
		s = add(s, term)
		term = quo(mul(term, r2), bi(-(n+1)*(n+2)))
	}
	c, term := bi(1), quo(r2, bi(-2))
	for n := int64(2); !negligible(term, c); n += 2 {
		c = add(c, term)
		term = quo(mul(term, r2), bi(-(n+1)*(n+2)))
	}
	for i := 0; i < 8; i++ {
		s, c = mul(bi(2), mul(s, c)), subB(mul(c, c), mul(s, s))
	}
	return s, c
}

// refSinhSeries returns sinh a for |a| <= 1.
func refSinhSeries(a *big.Float) *big.Float {
	a2 := mul(a, a)
	sum, term := nf(), nf().Set(a)
	for n := int64(1); n == 1 || !negligible(term, sum); n += 2 {
		sum = add(sum, term)
		term = quo(mul(term, a2), bi((n+1)*(n+2)))
	}
	return sum
}

// refSinhB returns sinh a.
func refSinhB(a *big.Float) *big.Float {
	if nf().Abs(a).Cmp(bi(1)) <= 0 {
		return refSinhSeries(a)
	}
	e := refExpB(a)
	return quo(subB(e, quo(bi(1), e)), bi(2))
}

// refFuncs maps each one-argument function to its exact reference.
var refFuncs = map[string]func(float64) *big.Float{
	"exp":  func(x float64) *big.Float { return refExpB(bf(x)) },
	"exp2": func(x float64) *big.Float { return refExpB(mul(bf(x), refLn2)) },
	"expm1": func(x float64) *big.Float {
		if math.Abs(x) < 0.5 {
			// e^x - 1 = 2 sinh(x/2) e^(x/2)
			h := quo(bf(x), bi(2))
			return mul(mul(bi(2), refSinhSeries(h)), refExpB(h))
		}
		return subB(refExpB(bf(x)), bi(1))
	},
	"log":   func(x float64) *big.Float { return refLogB(bf(x)) },
	"log2":  func(x float64) *big.Float { return quo(refLogB(bf(x)), refLn2) },
	"log10": func(x float64) *big.Float { return quo(refLogB(bf(x)), refLn10) },
	"log1p": func(x float64) *big.Float { return refLog1pB(bf(x)) },
	"sin":   func(x float64) *big.Float { s, _ := refSinCosB(bf(x)); return s },
	"cos":   func(x float64) *big.Float { _, c := refSinCosB(bf(x)); return c },
	"tan":   func(x float64) *big.Float { s, c := refSinCosB(bf(x)); return quo(s, c) },
	"sinh":  func(x float64) *big.Float { return refSinhB(bf(x)) },
	"cosh": func(x float64) *big.Float {
		e := refExpB(bf(math.Abs(x)))
		return quo(add(e, quo(bi(1), e)), bi(2))
	},
	"tanh": func(x float64) *big.Float {
		a := bf(x)
		if math.Abs(x) > 40 {
			return bf(math.Copysign(1, x)) // |tanh - 1| < 2^-115
		}
		e := refExpB(bf(math.Abs(x)))
		return quo(refSinhB(a), quo(add(e, quo(bi(1), e)), bi(2)))
	},
	"arcsin": func(x float64) *big.Float {
		if math.Abs(x) == 1 {
			return mul(bf(x), quo(nf().Set(refPi), bi(2)))
		}
		a := bf(x)
		return refAtanB(quo(a, sqrtB(subB(bi(1), mul(a, a)))))
	},
	"arccos": func(x float64) *big.Float {
		if x == -1 {
			return nf().Set(refPi)
		}
		a := bf(x)
		// acos x = 2 atan(sqrt((1-x)/(1+x)))
		t := refAtanB(sqrtB(quo(subB(bi(1), a), add(bi(1), a))))
		return add(t, t)
	},
	"arctan": func(x float64) *big.Float { return refAtanB(bf(x)) },
	"arcsinh": func(x float64) *big.Float {
		a := nf().Abs(bf(x))
		// asinh a = log1p(a + a^2/(1 + sqrt(1 + a^2)))
		t := add(a, quo(mul(a, a), add(bi(1), sqrtB(add(bi(1), mul(a, a))))))
		r := refLog1pB(t)
		if x < 0 {
			r.Neg(r)
		}
		return r
	},
	"arccosh": func(x float64) *big.Float {
		a := bf(x)
		return refLogB(add(a, sqrtB(subB(mul(a, a), bi(1)))))
	},
	"arctanh": func(x float64) *big.Float {
		a := bf(x)
		if math.Abs(x) <= 0.5 {
			return refAtanhSeries(a)
		}
		return quo(refLogB(quo(add(bi(1), a), subB(bi(1), a))), bi(2))
	},
	"cbrt": func(x float64) *big.Float {
		if x == 0 {
			return bf(x)
		}
		r := refExpB(quo(refLogB(bf(math.Abs(x))), bi(3)))
		if x < 0 {
			r.Neg(r)
		}
		return r
	},
}

// refFuncs2 maps each two-argument function to its exact reference.
var refFuncs2 = map[string]func(y, x float64) *big.Float{
	"arctan2": func(y, x float64) *big.Float {
		t := refAtanB(quo(bf(y), bf(x)))
		if x < 0 {
			if y >= 0 {
				return add(t, refPi)
			}
			return subB(t, refPi)
		}
		return t
	},
	"hypot": func(y, x float64) *big.Float {
		return sqrtB(add(mul(bf(x), bf(x)), mul(bf(y), bf(y))))
	},
}

// ulpErr returns |got - want| in ULPs of want (float64 ULPs, the
// smallest being 2^-1074). A non-finite got counts 0 if want rounds to
// it, else +Inf.
func ulpErr(got float64, want *big.Float) float64 {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		if w, _ := want.Float64(); got == w {
			return 0
		}
		return math.Inf(1)
	}
	d := nf().Sub(bf(got), want)
	d.Abs(d)
	ue := -1074
	if want.Sign() != 0 {
		if e := want.MantExp(nil) - 1 - 52; e > ue { // want in [2^(e+52), 2^(e+53))
			ue = e
		}
	}
	d.SetMantExp(d, -ue)
	f, _ := d.Float64()
	return f
}
