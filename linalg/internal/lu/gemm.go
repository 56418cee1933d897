package lu

import "github.com/numgl/numgl/cpu"

// gemmMin is the smallest of m, n and k from which gemmSub hands the
// update to cpu.Dgemm; thinner products run subMul, as the packing of the
// blocked GEMM would cost more than it saves. BenchmarkThin (2-core Zen 5,
// gflop/s, subMul against cpu.Dgemm): 1000×8×8 25 against 3.2, 1000×16×16
// 35 against 12, 1000×32×32 44 against 20, 1000×64×64 40 against 37,
// 8×500×8 38 against 7.5; BenchmarkFactorTuning found 64 to 128 level and
// 32 about 10% slower.
var gemmMin = 64

// gemmSub sets C ← C − A·B for the row-major m×k A, k×n B and m×n C (row
// strides lda, ldb, ldc). C may lie in the same slice as A and B, but
// must not share elements with them.
func gemmSub(m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	if min(m, n, k) >= gemmMin {
		cpu.Dgemm(false, false, m, n, k, -1, a, lda, b, ldb, 1, c, ldc)
		return
	}
	subMul(m, n, k, a, lda, b, ldb, c, ldc)
}
