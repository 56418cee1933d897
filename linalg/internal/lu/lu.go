// Package lu is the LU factorisation with partial pivoting of row-major
// float64 matrices, and the triangular solves that use it: LAPACK's getrf
// and getrs written for row-major storage, with most of their flops in
// cpu-simd's packed GEMM (cpu.Dgemm) and the rest in a few AVX2 kernels
// of its own. Package linalg builds Solve, Inv, Det and SlogDet on it.
//
// # Algorithm
//
// A panel — the columns c…c+w of rows c… — is factored by the recursive
// LU of Toledo (LAPACK's dgetrf2), split into a left part of w₁ columns
// and a right part:
//
//	factor the left part              (recursively)
//	A₁₂ ← L₁₁⁻¹ A₁₂                   (a triangular solve, itself recursive)
//	A₂₂ ← A₂₂ − A₂₁ A₁₂               (gemmSub)
//	factor the right part, A₂₂        (recursively)
//
// down to leaves of leafWidth columns, factored column by column with one
// pass over their rows per column (leafPass: the scaling, the rank-1
// update and the search for the next column's pivot together). gemmSub
// sends wide products to cpu.Dgemm and thin ones — the narrow panels'
// and the triangular solves' — to subMul, which works on the operands
// where they lie, without the packing that would cost more than their
// arithmetic.
//
// Matrices of order lookaheadMin or more, given two cores or more, are
// factored in panels of blockWidth columns with a look-ahead of one panel
// (factorLookahead): while one goroutine factors panel k+1, the other
// updates the rest of the trailing matrix by panel k, so that the panels'
// serial work — the leaves, the row interchanges, the thin products —
// runs beside the bulk of the GEMM flops rather than before it.
//
// # Row interchanges
//
// In row-major storage a row interchange is a pair of contiguous copies,
// so a pivot's rows are exchanged as soon as it is chosen, across every
// column that nothing else is working on at the time: all of them in the
// recursive factorisation, the panel's own in the look-ahead one (the
// other columns receive the interchanges in a block, as LAPACK's dlaswp
// does, at their update or once the panel is done).
//
// # Results
//
// The factors are LAPACK's: A = P·L·U with L unit lower triangular (its
// multipliers at most 1 in magnitude) stored below the diagonal, U on and
// above it, and ipiv[i] the row interchanged with row i at step i. A zero
// pivot does not stop the factorisation, as in LAPACK; the first one's
// column is reported. Factor may run several goroutines; calls on
// different matrices may run at the same time.
package lu

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// leafWidth is the widest panel factored column by column, and the
// smallest block the recursive triangular solves split.
const leafWidth = 8

// sfmin is the smallest number whose reciprocal does not overflow
// (LAPACK's dlamch('S')): pivots at least this large are inverted once
// and multiplied by, smaller ones divided by.
const sfmin = 0x1p-1022

// Factor computes the LU factorisation with partial pivoting of the n×n
// row-major matrix a (row stride lda) in place, as LAPACK's dgetrf: on
// return the strict lower triangle holds L's multipliers, the upper
// triangle U, and ipiv[i] (len(ipiv) ≥ n) the row interchanged with row i
// at step i. It returns the index of the first exactly zero pivot, U[j][j]
// = 0 (the matrix is singular), or -1 when there is none.
func Factor(n int, a []float64, lda int, ipiv []int) int {
	if n < 0 || lda < max(1, n) || len(ipiv) < n || (n > 0 && len(a) < (n-1)*lda+n) {
		panic(fmt.Sprintf("lu: Factor with n = %d, lda = %d, len(a) = %d, len(ipiv) = %d", n, lda, len(a), len(ipiv)))
	}
	if n < lookaheadMin || runtime.GOMAXPROCS(0) < lookaheadProcs {
		f := factorizer{a: a, lda: lda, n: n, ipiv: ipiv, lo: 0, hi: n, zero: -1}
		if n > 0 {
			f.panel(0, n)
		}
		return f.zero
	}
	return factorLookahead(n, a, lda, ipiv)
}

// lookaheadMin is the order from which Factor runs factorLookahead;
// blockWidth is the width of its panels, and chunkWidth that of the
// column blocks its trailing updates are split into. They were set by
// BenchmarkFactorTuning on the 2-core AMD EPYC (Zen 5) this was written
// on, configurations interleaved run by run against the noise of a shared
// machine: at n = 1000, block 192 and chunk 384 took a median 9.2 ms to
// the recursive factorisation's 11.2 ms (block 128: 10.4 ms, 64: 11.8);
// at n = 500 the two are level.
var lookaheadMin, blockWidth, chunkWidth = 384, 192, 384

// lookaheadProcs is the number of cores (GOMAXPROCS) from which Factor
// runs factorLookahead: on one, its repeated packing would only cost.
var lookaheadProcs = 2

// factorLookahead is Factor as a blocked right-looking LU with a look-ahead
// of one panel, for two or more cores. Panels of blockWidth columns are
// factored by the recursive algorithm; after panel k, the columns of
// panel k+1 are updated first, and then panel k+1 is factored while the
// rest of the trailing matrix is updated by panel k, in chunks of columns
// that both goroutines take in turn once the panel is done. A panel's row
// interchanges cover its own columns only while it is factored (the
// update of the columns to its right runs beside it); they reach the
// columns to its right at their update by this panel, and those to its
// left once it is done.
func factorLookahead(n int, a []float64, lda int, ipiv []int) int {
	zero := -1
	panel := func(c, w int) {
		f := factorizer{a: a, lda: lda, n: n, ipiv: ipiv, lo: c, hi: c + w, zero: -1}
		f.panel(c, w)
		if zero < 0 {
			zero = f.zero
		}
	}
	// update applies panel [k, k+kb)'s interchanges, triangular solve and
	// GEMM update to the columns [j0, j1).
	update := func(k, kb, j0, j1 int) {
		laswp(a, lda, j0, j1, ipiv, k, k+kb)
		trsmLowerUnit(kb, j1-j0, a[k*lda+k:], lda, a[k*lda+j0:], lda)
		gemmSub(n-k-kb, j1-j0, kb, a[(k+kb)*lda+k:], lda, a[k*lda+j0:], lda, a[(k+kb)*lda+j0:], lda)
	}
	nb := blockWidth
	panel(0, min(nb, n))
	// left is the last panel's interchanges still to apply to the columns
	// on its left: [0, left) with ipiv[left:left+nb].
	left := 0
	for k := 0; k+nb < n; k += nb {
		next := k + nb
		nb2 := min(nb, n-next)
		update(k, nb, next, next+nb2)
		// Beside the panel: the interchanges left over on the left, then
		// the rest of the trailing matrix in chunks (taken in turn from
		// taken, by the panel's goroutine too once it is done).
		rest := next + nb2
		var taken atomic.Int64
		work := func() {
			for {
				j0 := rest + int(taken.Add(1)-1)*chunkWidth
				if j0 >= n {
					return
				}
				update(k, nb, j0, min(j0+chunkWidth, n))
			}
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func(left int) {
			defer wg.Done()
			laswp(a, lda, 0, left, ipiv, left, left+nb)
			work()
		}(left)
		panel(next, nb2)
		work()
		wg.Wait()
		left = next
	}
	laswp(a, lda, 0, left, ipiv, left, min(left+nb, n))
	return zero
}

// laswp applies the row interchanges ipiv[k0:k1] (row i with row
// ipiv[i], in order) to the columns [j0, j1) of a (LAPACK's dlaswp).
func laswp(a []float64, lda, j0, j1 int, ipiv []int, k0, k1 int) {
	if j0 >= j1 {
		return
	}
	for i := k0; i < k1; i++ {
		if p := ipiv[i]; p != i {
			swapRows(a[i*lda+j0:i*lda+j1], a[p*lda+j0:p*lda+j1])
		}
	}
}

// factorizer is the recursive factorisation of one panel.
type factorizer struct {
	a      []float64
	lda    int
	n      int
	ipiv   []int
	lo, hi int // the columns the row interchanges are applied to
	zero   int // the first zero pivot's column, or -1
}

// split returns the width of the left part of a block of w > leafWidth
// columns or rows: about half, a multiple of leafWidth.
func split(w int) int {
	return max(leafWidth, w/2/leafWidth*leafWidth)
}

// panel factors the w columns c… of rows c… (whose earlier columns are
// already factored), swapping whole rows as it pivots.
func (f *factorizer) panel(c, w int) {
	if w <= leafWidth {
		f.leaf(c, w)
		return
	}
	a, lda := f.a, f.lda
	w1 := split(w)
	f.panel(c, w1)
	// A₁₂ ← L₁₁⁻¹ A₁₂, then A₂₂ ← A₂₂ − A₂₁ A₁₂.
	trsmLowerUnit(w1, w-w1, a[c*lda+c:], lda, a[c*lda+c+w1:], lda)
	gemmSub(f.n-c-w1, w-w1, w1, a[(c+w1)*lda+c:], lda, a[c*lda+c+w1:], lda, a[(c+w1)*lda+c+w1:], lda)
	f.panel(c+w1, w-w1)
}

// leaf factors the w ≤ leafWidth columns c0… of rows c0… column by
// column (LAPACK's dgetf2). Each column takes one pass over the rows
// below its pivot (leafPass), which scales the multipliers, updates the
// panel's remaining columns and finds the largest entry of the next
// column: its pivot.
func (f *factorizer) leaf(c0, w int) {
	a, lda, n := f.a, f.lda, f.n
	p := c0 + idamaxCol(a[c0*lda+c0:], lda, n-c0)
	for j := range w {
		c := c0 + j
		f.ipiv[c] = p
		if p != c {
			f.swap(c, p)
		}
		piv := a[c*lda+c]
		next := j+1 < w
		if piv == 0 {
			// The column below is zero too: nothing to eliminate.
			if f.zero < 0 {
				f.zero = c
			}
			if next {
				p = c + 1 + idamaxCol(a[(c+1)*lda+c+1:], lda, n-c-1)
			}
			continue
		}
		if c+1 == n {
			break
		}
		p = c + 1 + leafPass(n-c-1, w, a[(c+1)*lda+c0:], lda, j, piv, a[c*lda+c0:c*lda+c0+w], next)
	}
}

// idamaxCol returns the index of the first element of largest magnitude
// among x[0], x[inc], …, x[(n-1)·inc] (BLAS idamax), passing over NaNs
// (0 when all are NaN), as the leaf's own search does.
func idamaxCol(x []float64, inc, n int) int {
	best, bi := -1.0, 0
	for i := range n {
		if v := math.Abs(x[i*inc]); v > best {
			best, bi = v, i
		}
	}
	return bi
}

// swap exchanges rows i and j of the matrix in the columns [f.lo, f.hi).
func (f *factorizer) swap(i, j int) {
	a, lda := f.a, f.lda
	swapRows(a[i*lda+f.lo:i*lda+f.hi], a[j*lda+f.lo:j*lda+f.hi])
}

// swapRows exchanges the contents of x and y (of equal length): long rows
// a block at a time through a buffer on the stack, with memmoves, faster
// than an exchange element by element.
func swapRows(x, y []float64) {
	y = y[:len(x)]
	if len(x) <= 32 {
		for i, v := range x {
			x[i], y[i] = y[i], v
		}
		return
	}
	var buf [256]float64
	for len(x) > 0 {
		k := copy(buf[:], x)
		copy(x, y[:k])
		copy(y, buf[:k])
		x, y = x[k:], y[k:]
	}
}
