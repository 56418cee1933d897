package cpu

import "fmt"

// Dgemm computes C = alpha·op(A)·op(B) + beta·C for row-major float64
// matrices, as the BLAS routine of that name (and gonum's blas64 Dgemm):
// op(X) is X, or Xᵀ when transX is true; op(A) is m×k, op(B) k×n, C m×n;
// lda, ldb and ldc are the row strides. beta == 0 does not read C. It runs
// cpu-simd's packed GEMM (AVX-512 or AVX2 micro-kernels, all cores). It
// panics on sizes or strides that do not fit the slices.
func Dgemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	am, bm, cm := blasViews(transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	gemm(gemmBlocks64(), m, n, k, alpha, am, bm, beta, cm, nil)
}

// Sgemm is Dgemm for float32.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	am, bm, cm := blasViews(transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	gemm(gemmBlocks32(), m, n, k, alpha, am, bm, beta, cm, nil)
}

// blasViews checks BLAS arguments and returns the strided views of op(A),
// op(B) and C.
func blasViews[T float32 | float64](transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, c []T, ldc int) (am, bm, cm gemmMatrix[T]) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("cpu: gemm with m, n, k = %d, %d, %d", m, n, k))
	}
	// check that a rows×cols row-major matrix with row stride ld fits s.
	check := func(name string, s []T, rows, cols, ld int) {
		if ld < max(1, cols) {
			panic(fmt.Sprintf("cpu: gemm: ld%s = %d < %d", name, ld, max(1, cols)))
		}
		if rows > 0 && cols > 0 && len(s) < (rows-1)*ld+cols {
			panic(fmt.Sprintf("cpu: gemm: %s is too short", name))
		}
	}
	am, bm, cm = gemmMatrix[T]{data: a, rs: lda, cs: 1}, gemmMatrix[T]{data: b, rs: ldb, cs: 1}, gemmMatrix[T]{data: c, rs: ldc, cs: 1}
	if transA {
		check("a", a, k, m, lda)
		am.rs, am.cs = 1, lda
	} else {
		check("a", a, m, k, lda)
	}
	if transB {
		check("b", b, n, k, ldb)
		bm.rs, bm.cs = 1, ldb
	} else {
		check("b", b, k, n, ldb)
	}
	check("c", c, m, n, ldc)
	return am, bm, cm
}
