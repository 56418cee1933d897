package main

import "math/big"

// The constants the kernels split into a float and its remainder, from
// series summed in math/big at 300 bits.

const bigPrec = 300

// bigLn2 is ln 2 = Σ_{k>=1} 1/(k·2^k).
type bigLn2 struct{}

func (bigLn2) value() *big.Float {
	sum := new(big.Float).SetPrec(bigPrec)
	for k := 1; k < 320; k++ {
		d := new(big.Float).SetPrec(bigPrec).SetMantExp(big.NewFloat(float64(k)), k) // k·2^k
		sum.Add(sum, new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(1).SetPrec(bigPrec), d))
	}
	return sum
}

// split64 returns ln 2 as the nearest float64 and the nearest float64 to
// the rest.
func (b bigLn2) split64() (float64, float64) {
	p := parts(b.value(), 2)
	return p[0], p[1]
}

// split32 is split64 for float32 (returned as float64s).
func (b bigLn2) split32() (float64, float64) {
	v := b.value()
	hi, _ := v.Float32()
	rest := new(big.Float).SetPrec(bigPrec).Sub(v, new(big.Float).SetFloat64(float64(hi)))
	lo, _ := rest.Float32()
	return float64(hi), float64(lo)
}

// parts returns v as n float64s, each the nearest to what the previous
// ones leave.
func parts(v *big.Float, n int) []float64 {
	var out []float64
	rest := new(big.Float).SetPrec(bigPrec).Set(v)
	for range n {
		f, _ := rest.Float64()
		out = append(out, f)
		rest.Sub(rest, new(big.Float).SetFloat64(f))
	}
	return out
}

// positiveParts is parts for a positive v, each part of prec bits (53:
// float64s, 24: float32s), every one but the last rounded toward zero so
// that every part is positive (sin's reduction keeps -0 only when each
// step subtracts a positive part).
func positiveParts(v *big.Float, n int, prec uint) []float64 {
	var out []float64
	rest := new(big.Float).SetPrec(bigPrec).Set(v)
	for i := range n {
		r := new(big.Float).SetPrec(prec).SetMode(big.ToZero)
		if i == n-1 {
			r.SetMode(big.ToNearestEven)
		}
		f, _ := r.Set(rest).Float64()
		out = append(out, f)
		rest.Sub(rest, new(big.Float).SetFloat64(f))
	}
	return out
}

// bigPi is π by Machin's formula, 16·atan(1/5) - 4·atan(1/239).
func bigPi() *big.Float {
	atanInv := func(n int64) *big.Float {
		// atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1))
		sum := new(big.Float).SetPrec(bigPrec)
		pow := new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(1).SetPrec(bigPrec), big.NewFloat(float64(n)))
		n2 := new(big.Float).SetPrec(bigPrec).SetInt64(n * n)
		for k := int64(0); k < 200; k++ {
			term := new(big.Float).SetPrec(bigPrec).Quo(pow, new(big.Float).SetInt64(2*k+1))
			if k%2 == 0 {
				sum.Add(sum, term)
			} else {
				sum.Sub(sum, term)
			}
			pow.Quo(pow, n2)
		}
		return sum
	}
	a := new(big.Float).SetPrec(bigPrec).Mul(big.NewFloat(16), atanInv(5))
	b := new(big.Float).SetPrec(bigPrec).Mul(big.NewFloat(4), atanInv(239))
	return a.Sub(a, b)
}
