package linalg

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/numgl/numgl/cpu"
)

// The decompositions other than the LU (solve.go) run on gonum's LAPACK,
// whose blocked algorithms (Dpotrf's Cholesky, the blocked QR and the
// reductions of Eigh and SVD) spend most of their time in Dgemm updates.
// init installs gonum's native BLAS with Dgemm replaced by cpu-simd's
// packed GEMM, so those updates run on numgl's micro-kernels.
func init() { blas64.Use(numglBLAS{}) }

// numglBLAS is gonum's native BLAS implementation with numgl's Dgemm.
type numglBLAS struct{ gonum.Implementation }

// gemmSmall is the size m·n·k below which gonum's own Dgemm runs: the
// packing of the blocked GEMM does not pay for itself on tiny products.
const gemmSmall = 16 * 16 * 16

// Dgemm computes C = alpha·op(A)·op(B) + beta·C as blas64's Dgemm does,
// with the same argument checks (and panics).
func (impl numglBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	valid := func(t blas.Transpose) bool { return t == blas.NoTrans || t == blas.Trans || t == blas.ConjTrans }
	if !valid(tA) || !valid(tB) || m < 0 || n < 0 || k < 0 || m*n*k < gemmSmall ||
		!fits(tA != blas.NoTrans, m, k, a, lda) || !fits(tB != blas.NoTrans, k, n, b, ldb) || !fits(false, m, n, c, ldc) {
		// Small products, and bad arguments (gonum panics as it should).
		impl.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	cpu.Dgemm(tA != blas.NoTrans, tB != blas.NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// fits reports whether op(X), rows×cols, stored row-major with row stride
// ld (X itself cols×rows when trans), fits s.
func fits(trans bool, rows, cols int, s []float64, ld int) bool {
	if trans {
		rows, cols = cols, rows
	}
	return ld >= max(1, cols) && (rows == 0 || cols == 0 || len(s) >= (rows-1)*ld+cols)
}
