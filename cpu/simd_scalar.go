package cpu

import "github.com/numgl/numgl/ufunc"

// Scalar definitions the kernel specifications (simd_kernels_*.go) are
// written with, for float32 and float64, so that a kernel's doc comment is
// a complete loop. The semantics are the op table's (package ufunc): these
// call its definitions rather than restating them.

type float interface{ float32 | float64 }

// maxNaN is NumPy's maximum (ufunc.MaximumOf): a NaN in either argument
// propagates, and a tie (+0 against -0) gives the second argument.
func maxNaN[T float](a, b T) T { return ufunc.MaximumOf(a, b) }

// minNaN is NumPy's minimum (ufunc.MinimumOf), with maxNaN's rules.
func minNaN[T float](a, b T) T { return ufunc.MinimumOf(a, b) }

// absNaN is the absolute value (ufunc.AbsoluteOf): abs(-0) is +0, a NaN
// stays NaN.
func absNaN[T float](a T) T { return ufunc.AbsoluteOf(a) }

// clipNaN is NumPy's clip (ufunc.ClipOf): min(max(a, lo), hi) where a NaN a,
// or a NaN bound a meets, is the result.
func clipNaN[T float](a, lo, hi T) T { return ufunc.ClipOf(a, lo, hi) }

// sumBlock is the number of elements the sum kernels add per block; the
// block sums are then summed pairwise (PairwiseSum).
const sumBlock = 512

// sumLanes sums x in float64 in the order the assembly sum kernels use:
// 32 partial sums (partial l takes the elements i ≡ l mod 32 of the
// whole 32-element steps, then partials 0-3 take whole 4-element steps),
// the rest added one by one on its own, the partials combined as a tree.
// Each partial adds at most sumBlock/32 elements in a row, so a block's
// rounding error is that of a pairwise sum of comparable depth.
func sumLanes[T float](x []T) float64 {
	var p [32]float64
	n := len(x)
	i := 0
	for ; i+32 <= n; i += 32 {
		for l := range 32 {
			p[l] += float64(x[i+l])
		}
	}
	for ; i+4 <= n; i += 4 {
		for l := range 4 {
			p[l] += float64(x[i+l])
		}
	}
	s := 0.0
	for ; i < n; i++ {
		s += float64(x[i])
	}
	// Register k holds p[4k:4k+4]: 0+1, 2+3, 4+5, 6+7, then 0+2, 4+6,
	// then 0+4; its two halves, then its two elements.
	var q [4]float64
	for l := range 4 {
		a := (p[l] + p[4+l]) + (p[8+l] + p[12+l])
		b := (p[16+l] + p[20+l]) + (p[24+l] + p[28+l])
		q[l] = a + b
	}
	return ((q[0] + q[2]) + (q[1] + q[3])) + s
}
