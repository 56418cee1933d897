package fmath

import "math/big"

// bigPrec is the precision, in bits, of the constants computed at init.
// It must cover the 1216 bits of 2/pi that the Payne-Hanek reduction
// reads for the largest float64, plus a margin.
const bigPrec = 1400

// bigAtanInv returns atan(1/n) to prec bits by its Taylor series
// sum (-1)^k / ((2k+1) n^(2k+1)).
func bigAtanInv(n int64, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	inv := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1).SetPrec(prec), new(big.Float).SetPrec(prec).SetInt64(n))
	n2 := new(big.Float).SetPrec(prec).SetInt64(n * n)
	pow := new(big.Float).SetPrec(prec).Set(inv) // 1/n^(2k+1)
	term := new(big.Float).SetPrec(prec)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -int(prec)-8)
	for k := int64(0); ; k++ {
		term.Quo(pow, new(big.Float).SetPrec(prec).SetInt64(2*k+1))
		if k%2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		if term.Cmp(eps) < 0 {
			return sum
		}
		pow.Quo(pow, n2)
	}
}

// bigPi returns pi to prec bits by Machin's formula
// pi = 16 atan(1/5) - 4 atan(1/239).
func bigPi(prec uint) *big.Float {
	a := bigAtanInv(5, prec+16)
	b := bigAtanInv(239, prec+16)
	a.Mul(a, big.NewFloat(16))
	b.Mul(b, big.NewFloat(4))
	return new(big.Float).SetPrec(prec).Sub(a, b)
}

// bigLn2 returns ln 2 to prec bits as 2 atanh(1/3), whose series is
// sum 2 / ((2k+1) 3^(2k+1)).
func bigLn2(prec uint) *big.Float {
	p := prec + 16
	sum := new(big.Float).SetPrec(p)
	pow := new(big.Float).SetPrec(p).Quo(big.NewFloat(2), big.NewFloat(3)) // 2/3^(2k+1)
	term := new(big.Float).SetPrec(p)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -int(p)-8)
	for k := int64(0); pow.Cmp(eps) > 0; k++ {
		term.Quo(pow, new(big.Float).SetPrec(p).SetInt64(2*k+1))
		sum.Add(sum, term)
		pow.Quo(pow, big.NewFloat(9))
	}
	return sum.SetPrec(prec)
}

// split2 returns v as hi + lo, hi the float64 nearest v and lo the
// float64 nearest v - hi.
func split2(v *big.Float) (hi, lo float64) {
	hi, _ = v.Float64()
	r := new(big.Float).SetPrec(v.Prec()).Sub(v, big.NewFloat(hi))
	lo, _ = r.Float64()
	return hi, lo
}

// truncBits returns v truncated (toward zero) to its leading n bits, so
// that multiples of it by small integers are exact in float64.
func truncBits(v *big.Float, n uint) float64 {
	t := new(big.Float).SetPrec(n).SetMode(big.ToZero).Set(v)
	f, _ := t.Float64()
	return f
}

// sub returns a - b at a's precision.
func sub(a *big.Float, b float64) *big.Float {
	return new(big.Float).SetPrec(a.Prec()).Sub(a, big.NewFloat(b))
}

// bigAtan returns atan(x) for 0 <= x <= 1 to prec bits: three halvings
// atan x = 2 atan(x / (1 + sqrt(1 + x^2))) bring x below 0.2, then the
// Taylor series sum (-1)^n x^(2n+1)/(2n+1).
func bigAtan(x *big.Float, prec uint) *big.Float {
	p := prec + 16
	one := big.NewFloat(1)
	a := new(big.Float).SetPrec(p).Set(x)
	for i := 0; i < 3; i++ {
		s := new(big.Float).SetPrec(p).Mul(a, a)
		s.Add(s, one).Sqrt(s).Add(s, one)
		a.Quo(a, s)
	}
	a2 := new(big.Float).SetPrec(p).Mul(a, a)
	sum := new(big.Float).SetPrec(p)
	pow := new(big.Float).SetPrec(p).Set(a)
	term := new(big.Float).SetPrec(p)
	for n := int64(0); n < 1000; n++ {
		term.Quo(pow, new(big.Float).SetPrec(p).SetInt64(2*n+1))
		if n%2 == 1 {
			term.Neg(term)
		}
		sum.Add(sum, term)
		if pow.Sign() == 0 || pow.MantExp(nil) < sum.MantExp(nil)-int(p)-8 {
			break
		}
		pow.Mul(pow, a2)
	}
	sum.SetMantExp(sum, 3)
	return sum.SetPrec(prec)
}
