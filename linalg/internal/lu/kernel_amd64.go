//go:build !purego

package lu

import (
	"math"

	"golang.org/x/sys/cpu"
)

// useAVX2 reports whether the assembly kernels may run: they need AVX2
// and FMA.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// subMul4 sets C ← C − A·B for 4 rows and 8·n8 columns: A is 4×k (row
// stride lda), B k×8·n8 (row stride ldb), C 4×8·n8 (row stride ldc), all
// row-major; k ≥ 1 and n8 ≥ 1. It is
//
//	for i := range 4 {
//		for j := range 8 * n8 {
//			s := c[i*ldc+j]
//			for p := range k {
//				s -= a[i*lda+p] * b[p*ldb+j]
//			}
//			c[i*ldc+j] = s
//		}
//	}
//
// with fused multiply-adds.
func subMul4(k, n8 int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if !useAVX2 {
		subMul4Go(k, n8, a, lda, b, ldb, c, ldc)
		return
	}
	if k < 1 || n8 < 1 {
		panic("lu: subMul4 with k or n8 < 1")
	}
	_, _, _ = a[3*lda+k-1], b[(k-1)*ldb+8*n8-1], c[3*ldc+8*n8-1]
	subMul4AVX2(k, n8, a, lda, b, ldb, c, ldc)
}

// subMul1 sets c ← c − a·B for one row: a has k elements, B is k×8·n8
// (row stride ldb) and c 8·n8 elements; k ≥ 1 and n8 ≥ 1. It is
//
//	for j := range 8 * n8 {
//		s := c[j]
//		for p := range k {
//			s -= a[p] * b[p*ldb+j]
//		}
//		c[j] = s
//	}
//
// with fused multiply-adds.
func subMul1(k, n8 int, a, b []float64, ldb int, c []float64) {
	if !useAVX2 {
		subMul1Go(k, n8, a, b, ldb, c)
		return
	}
	if k < 1 || n8 < 1 {
		panic("lu: subMul1 with k or n8 < 1")
	}
	_, _, _ = a[k-1], b[(k-1)*ldb+8*n8-1], c[8*n8-1]
	subMul1AVX2(k, n8, a, b, ldb, c)
}

//go:noescape
func subMul4AVX2(k, n8 int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)

//go:noescape
func subMul1AVX2(k, n8 int, a, b []float64, ldb int, c []float64)

// leafPass does one step of the leaf's elimination on the rows below the
// pivot: for each of rows rows of the w-column panel a (row stride lda)
// it scales the entry of column j by the pivot piv into its multiplier l
// and subtracts l·u[q] from the entries of the columns q > j, u being the
// pivot's row; when next, it returns the first row whose updated column
// j+1 is largest in magnitude (NaNs passed over; 0 when none is larger
// than -1), the next pivot, and 0 otherwise. Full 8-column panels run in
// assembly, one row in two vector registers.
func leafPass(rows, w int, a []float64, lda, j int, piv float64, u []float64, next bool) int {
	if !useAVX2 || w != 8 || rows <= 0 || !(math.Abs(piv) >= sfmin) {
		return leafPassGo(rows, w, a, lda, j, piv, u, next)
	}
	// u with its entries up to column j zeroed, and a blend mask that
	// selects lane j.
	var um [8]float64
	var blend [8]uint64
	copy(um[j+1:], u[j+1:8])
	blend[j] = ^uint64(0)
	_, _ = a[(rows-1)*lda+7], u[7]
	return leafPass8AVX2(rows, a, lda, j, 1/piv, &um, &blend, next)
}

//go:noescape
func leafPass8AVX2(rows int, a []float64, lda, j int, rinv float64, u *[8]float64, blend *[8]uint64, next bool) int

// dot returns Σ x[i]·y[i] over x (len(y) ≥ len(x)), in several partial
// sums.
func dot(x, y []float64) float64 {
	if !useAVX2 {
		return dotGo(x, y)
	}
	_ = y[:len(x)]
	return dotAVX2(x, y)
}

//go:noescape
func dotAVX2(x, y []float64) float64
