package lu

import (
	"math"
	"runtime"
	"sync"
)

// The kernels: subMul computes C ← C − A·B on row-major operands where
// they lie, with no packing — the right tool for the thin products of the
// LU's narrow panels and of the triangular solves, where the packing of a
// blocked GEMM costs more than the arithmetic; leafPass is one column
// step of a leaf panel's elimination; dot serves the substitutions with
// one right-hand side. Their inner loops (subMul4, subMul1, leafPass,
// dot) are assembly on amd64 with AVX2 and FMA (kernel_amd64.s, chosen by
// kernel_amd64.go when useAVX2) and the Go functions below elsewhere
// (kernel_generic.go, and the purego build tag).

// directParallel is the product size m·n·k from which subMul splits the
// rows of C over goroutines. (On the shared 2-core machine this was
// written on, 2¹⁹, 2²¹ and never splitting were level on Factor at n =
// 200, 350 and 1000: the split is kept for machines with idle cores.)
const directParallel = 1 << 19

// subMul sets C ← C − A·B for the row-major m×k A, k×n B and m×n C (row
// strides lda, ldb, ldc), without packing. C may lie in the same slice as
// A and B, but must not share elements with them.
func subMul(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	parts := min(runtime.GOMAXPROCS(0), m/16, m*n*k/directParallel)
	if parts <= 1 {
		subMulRows(m, n, k, a, lda, b, ldb, c, ldc)
		return
	}
	// Contiguous blocks of rows, a multiple of 4 each but the last.
	per := (m/parts + 3) &^ 3
	var wg sync.WaitGroup
	lo := 0
	for ; lo+per < m; lo += per {
		wg.Add(1)
		go func(lo int) {
			defer wg.Done()
			subMulRows(per, n, k, a[lo*lda:], lda, b, ldb, c[lo*ldc:], ldc)
		}(lo)
	}
	subMulRows(m-lo, n, k, a[lo*lda:], lda, b, ldb, c[lo*ldc:], ldc)
	wg.Wait()
}

// subMulRows is subMul on the calling goroutine.
func subMulRows(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	n8 := n / 8
	if n8 > 0 {
		bs := b[:(k-1)*ldb+8*n8]
		i := 0
		for ; i+4 <= m; i += 4 {
			subMul4(k, n8, a[i*lda:(i+3)*lda+k], lda, bs, ldb, c[i*ldc:(i+3)*ldc+8*n8], ldc)
		}
		for ; i < m; i++ {
			subMul1(k, n8, a[i*lda:i*lda+k], bs, ldb, c[i*ldc:i*ldc+8*n8])
		}
	}
	if n8*8 == n {
		return
	}
	// The last t = n mod 8 columns: B's copied into a k×8 block padded
	// with zeros, and C's, 4 rows at a time, into a 4×8 one, so that the
	// kernels run on them too.
	j0, t := n8*8, n-n8*8
	bp := tailPool.Get().(*[]float64)
	if cap(*bp) < 8*k {
		*bp = make([]float64, 8*k)
	}
	bt := (*bp)[:8*k]
	for p := range k {
		row := bt[p*8 : p*8+8]
		copy(row, b[p*ldb+j0:p*ldb+n])
		clear(row[t:])
	}
	var ct [4 * 8]float64
	i := 0
	for ; i+4 <= m; i += 4 {
		for r := range 4 {
			copy(ct[r*8:r*8+t], c[(i+r)*ldc+j0:(i+r)*ldc+n])
		}
		subMul4(k, 1, a[i*lda:(i+3)*lda+k], lda, bt, 8, ct[:], 8)
		for r := range 4 {
			copy(c[(i+r)*ldc+j0:(i+r)*ldc+n], ct[r*8:r*8+t])
		}
	}
	for ; i < m; i++ {
		copy(ct[:t], c[i*ldc+j0:i*ldc+n])
		subMul1(k, 1, a[i*lda:i*lda+k], bt, 8, ct[:8])
		copy(c[i*ldc+j0:i*ldc+n], ct[:t])
	}
	tailPool.Put(bp)
}

// tailPool recycles subMulRows's padded blocks of B, as *[]float64.
var tailPool = sync.Pool{New: func() any { return new([]float64) }}

// subMul4Go is subMul4 in Go.
func subMul4Go(k, n8 int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for i := range 4 {
		subMul1Go(k, n8, a[i*lda:], b, ldb, c[i*ldc:])
	}
}

// subMul1Go is subMul1 in Go.
func subMul1Go(k, n8 int, a, b []float64, ldb int, c []float64) {
	c = c[:8*n8]
	for j := range c {
		s := c[j]
		for p, av := range a[:k] {
			s -= av * b[p*ldb+j]
		}
		c[j] = s
	}
}

// leafPassGo is leafPass in Go.
func leafPassGo(rows, w int, a []float64, lda, j int, piv float64, u []float64, next bool) int {
	recip := math.Abs(piv) >= sfmin
	rinv := 1 / piv
	best, bi := -1.0, 0
	u = u[j+1 : w]
	for r := range rows {
		row := a[r*lda : r*lda+w]
		var l float64
		if recip {
			l = row[j] * rinv
		} else {
			l = row[j] / piv
		}
		row[j] = l
		upd := row[j+1:]
		upd = upd[:len(u)]
		for q, x := range u {
			upd[q] -= l * x
		}
		if next {
			if v := math.Abs(upd[0]); v > best {
				best, bi = v, r
			}
		}
	}
	return bi
}

// dotGo is dot in Go: four interleaved partial sums.
func dotGo(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}
