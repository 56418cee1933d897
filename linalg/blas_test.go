package linalg

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestBLASInstalled checks that blas64 runs numgl's Dgemm and that it
// agrees with gonum's own over the transposes, alpha and beta.
func TestBLASInstalled(t *testing.T) {
	if _, ok := blas64.Implementation().(numglBLAS); !ok {
		t.Fatalf("blas64 implementation is %T, want numglBLAS", blas64.Implementation())
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, s := range [][3]int{{1, 1, 1}, {17, 5, 63}, {65, 127, 64}, {300, 257, 129}} {
		m, n, k := s[0], s[1], s[2]
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				a, b := make([]float64, m*k), make([]float64, k*n)
				for i := range a {
					a[i] = r.NormFloat64()
				}
				for i := range b {
					b[i] = r.NormFloat64()
				}
				lda, ldb := k, n
				if tA == blas.Trans {
					lda = m
				}
				if tB == blas.Trans {
					ldb = k
				}
				c := make([]float64, m*n)
				for i := range c {
					c[i] = r.NormFloat64()
				}
				want := append([]float64(nil), c...)
				gonum.Implementation{}.Dgemm(tA, tB, m, n, k, 1.5, a, lda, b, ldb, -0.5, want, n)
				blas64.Implementation().Dgemm(tA, tB, m, n, k, 1.5, a, lda, b, ldb, -0.5, c, n)
				for i := range c {
					if math.Abs(c[i]-want[i]) > 1e-12*float64(k)*(1+math.Abs(want[i])) {
						t.Fatalf("m,n,k=%d,%d,%d %v %v: [%d] = %v, want %v", m, n, k, tA, tB, i, c[i], want[i])
					}
				}
			}
		}
	}
}
