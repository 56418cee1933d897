package fmath

import "math"

// twoSum returns s = fl(a+b) and the exact error a + b - s (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := float64(s - a)
	e = float64(a-float64(s-bb)) + float64(b-bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0) (Dekker).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - float64(s-a)
	return s, e
}

// twoProd returns p = fl(a*b) and the exact error a*b - p.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	return p, math.FMA(a, b, -p)
}

// pow2 returns 2^k for k in the normal exponent range [-1022, 1023].
func pow2(k int) float64 {
	return math.Float64frombits(uint64(k+1023) << 52)
}
