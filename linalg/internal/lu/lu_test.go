package lu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/lapack/gonum"
)

const eps = 0x1p-52

// sizes are the orders the tests factor: around the leaf width, the
// recursive splits and the look-ahead's panels, and not multiples of them.
var sizes = []int{0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 127, 200, 255, 256, 257, 333}

// forEachConfig runs f with the default tuning and kernels, with the
// look-ahead factorisation on narrow panels and chunks from small orders
// on (many panels, and chunks that do not divide the trailing matrix;
// whatever the number of cores), and with the Go kernels.
func forEachConfig(t *testing.T, f func(t *testing.T)) {
	la, bw, cw, lp, asm := lookaheadMin, blockWidth, chunkWidth, lookaheadProcs, useAVX2
	defer func() { lookaheadMin, blockWidth, chunkWidth, lookaheadProcs, useAVX2 = la, bw, cw, lp, asm }()
	t.Run("default", f)
	lookaheadMin, blockWidth, chunkWidth, lookaheadProcs = 20, 16, 24, 1
	t.Run("lookahead", f)
	lookaheadMin, blockWidth, chunkWidth, lookaheadProcs, useAVX2 = la, bw, cw, lp, false
	t.Run("go", f)
}

// randomMatrix returns a rows×cols row-major matrix with row stride ld of
// standard normal entries, the padding past column cols set to NaN so that
// a read of it shows.
func randomMatrix(r *rand.Rand, rows, cols, ld int) []float64 {
	a := make([]float64, max(0, (rows-1)*ld+cols))
	for i := range a {
		if i%ld < cols {
			a[i] = r.NormFloat64()
		} else {
			a[i] = math.NaN()
		}
	}
	return a
}

// residualPLU returns ‖A − P·L·U‖_max / (‖A‖_max · n · ε) for Factor's
// result lu, ipiv of a.
func residualPLU(n int, a, lu []float64, lda int, ipiv []int) float64 {
	// L·U, then undo the interchanges in reverse order: P·L·U.
	prod := make([]float64, n*n)
	for i := range n {
		for j := range n {
			var s float64
			for p := range min(i, j) + 1 {
				l := lu[i*lda+p]
				if p == i {
					l = 1
				}
				s += l * lu[p*lda+j]
			}
			prod[i*n+j] = s
		}
	}
	for i := n - 1; i >= 0; i-- {
		if p := ipiv[i]; p != i {
			swapRows(prod[i*n:i*n+n], prod[p*n:p*n+n])
		}
	}
	var diff, norm float64
	for i := range n {
		for j := range n {
			diff = math.Max(diff, math.Abs(a[i*lda+j]-prod[i*n+j]))
			norm = math.Max(norm, math.Abs(a[i*lda+j]))
		}
	}
	return diff / (norm * float64(max(n, 1)) * eps)
}

func TestFactor(t *testing.T) { forEachConfig(t, testFactor) }

func testFactor(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range sizes {
		for _, lda := range []int{max(n, 1), n + 3} {
			a := randomMatrix(r, n, n, lda)
			lu := slices.Clone(a)
			ipiv := make([]int, n)
			if z := Factor(n, lu, lda, ipiv); z != -1 {
				t.Fatalf("n=%d: zero pivot at %d of a random matrix", n, z)
			}
			if res := residualPLU(n, a, lu, lda, ipiv); res > 1 {
				t.Errorf("n=%d lda=%d: ‖A − PLU‖ / (‖A‖ n ε) = %.3g", n, lda, res)
			}
			for i := range n {
				if ipiv[i] < i || ipiv[i] >= n {
					t.Fatalf("n=%d: ipiv[%d] = %d", n, i, ipiv[i])
				}
				for j := range i {
					if v := lu[i*lda+j]; !(math.Abs(v) <= 1) {
						t.Fatalf("n=%d: multiplier L[%d][%d] = %v", n, i, j, v)
					}
				}
				for j := n; j < lda && i < n-1; j++ {
					if !math.IsNaN(lu[i*lda+j]) {
						t.Fatalf("n=%d lda=%d: padding [%d][%d] written", n, lda, i, j)
					}
				}
			}
			// The same pivots as gonum's Dgetrf (row-major LAPACK).
			g := slices.Clone(a)
			gp := make([]int, n)
			gonum.Implementation{}.Dgetrf(n, n, g, lda, gp)
			if !slices.Equal(ipiv, gp) {
				t.Errorf("n=%d: ipiv %v, gonum's Dgetrf %v", n, ipiv, gp)
			}
		}
	}
}

// TestFactorPivoting factors matrices that need the interchanges: zeros
// on the diagonal, a permutation, and a matrix whose largest entries lie
// in the last rows.
func TestFactorPivoting(t *testing.T) { forEachConfig(t, testFactorPivoting) }

func testFactorPivoting(t *testing.T) {
	for _, n := range []int{2, 5, 9, 17, 65} {
		perm := make([]float64, n*n) // the reversal permutation
		for i := range n {
			perm[i*n+n-1-i] = float64(i + 1)
		}
		grow := make([]float64, n*n) // row i scaled by 2^i
		r := rand.New(rand.NewPCG(2, uint64(n)))
		for i := range n {
			for j := range n {
				grow[i*n+j] = r.NormFloat64() * math.Ldexp(1, i)
			}
		}
		for name, a := range map[string][]float64{"reversal": perm, "growing rows": grow} {
			lu := slices.Clone(a)
			ipiv := make([]int, n)
			if z := Factor(n, lu, n, ipiv); z != -1 {
				t.Fatalf("%s n=%d: zero pivot at %d", name, n, z)
			}
			if res := residualPLU(n, a, lu, n, ipiv); res > 1 {
				t.Errorf("%s n=%d: ‖A − PLU‖ / (‖A‖ n ε) = %.3g", name, n, res)
			}
			if name == "reversal" && ipiv[0] != n-1 {
				t.Errorf("reversal n=%d: ipiv[0] = %d, want %d", n, ipiv[0], n-1)
			}
		}
	}
}

// TestFactorSingular checks the first zero pivot that Factor reports for
// matrices whose elimination meets an exact zero: a zero matrix, a zero
// column (which stays zero through every update), and a rank-1 matrix of
// small integers. A repeated row need not cancel exactly (LAPACK need not
// see a zero either): there only the factorisation's residual is checked.
func TestFactorSingular(t *testing.T) { forEachConfig(t, testFactorSingular) }

func testFactorSingular(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{1, 2, 9, 40, 100, 300} {
		for _, kind := range []string{"zero", "zero column", "last column zero", "rank 1", "repeated row"} {
			a := randomMatrix(r, n, n, n)
			want := -1
			switch kind {
			case "zero":
				clear(a)
				want = 0
			case "zero column", "last column zero":
				c := n / 3
				if kind == "last column zero" {
					c = n - 1
				}
				for i := range n {
					a[i*n+c] = 0
				}
				want = c
			case "rank 1":
				// a = u vᵀ, u and v of powers of two: every step is exact.
				if n < 2 {
					continue
				}
				for i := range n {
					for j := range n {
						a[i*n+j] = math.Ldexp(1, (i*7)%5) * math.Ldexp(1, -(j*3)%4)
					}
				}
				want = 1
			case "repeated row":
				if n < 2 {
					continue
				}
				copy(a[(n-1)*n:], a[:n])
				want = -2
			}
			lu := slices.Clone(a)
			ipiv := make([]int, n)
			z := Factor(n, lu, n, ipiv)
			if want != -2 && z != want {
				t.Errorf("%s n=%d: first zero pivot %d, want %d", kind, n, z, want)
			}
			if res := residualPLU(n, a, lu, n, ipiv); res > 1 {
				t.Errorf("%s n=%d: ‖A − PLU‖ / (‖A‖ n ε) = %.3g", kind, n, res)
			}
		}
	}
}

// TestSolve checks ‖A·X − B‖ / (‖A‖ ‖X‖ n ε) for one and several
// right-hand sides, through both of Solve's paths.
func TestSolve(t *testing.T) { forEachConfig(t, testSolve) }

func testSolve(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, n := range append(sizes, 1000) {
		if testing.Short() && n > 200 {
			continue
		}
		lda := max(n, 1)
		a := randomMatrix(r, n, n, lda)
		lu := slices.Clone(a)
		ipiv := make([]int, n)
		if z := Factor(n, lu, lda, ipiv); z != -1 {
			t.Fatalf("n=%d: zero pivot at %d", n, z)
		}
		for _, nrhs := range []int{1, 3, vectorMax, 17, 64} {
			ldb := nrhs + 2
			b := randomMatrix(r, n, nrhs, ldb)
			x := slices.Clone(b)
			Solve(n, nrhs, lu, lda, ipiv, x, ldb)
			if res := solveResidual(n, nrhs, a, x, b, ldb); res > 10 {
				t.Errorf("n=%d nrhs=%d: ‖AX − B‖ / (‖A‖ ‖X‖ n ε) = %.3g", n, nrhs, res)
			}
			for i := range n - 1 {
				for j := nrhs; j < ldb; j++ {
					if !math.IsNaN(x[i*ldb+j]) {
						t.Fatalf("n=%d nrhs=%d: padding [%d][%d] written", n, nrhs, i, j)
					}
				}
			}
		}
	}
}

// solveResidual returns max_j ‖A·x_j − b_j‖∞ / (‖A‖∞ ‖x_j‖∞ n ε) over
// the columns of X and B.
func solveResidual(n, nrhs int, a, x, b []float64, ldb int) float64 {
	var normA float64
	for i := range n {
		var s float64
		for j := range n {
			s += math.Abs(a[i*n+j])
		}
		normA = math.Max(normA, s)
	}
	worst := 0.0
	for j := range nrhs {
		var rmax, xmax float64
		for i := range n {
			s := -b[i*ldb+j]
			for p := range n {
				s += a[i*n+p] * x[p*ldb+j]
			}
			rmax = math.Max(rmax, math.Abs(s))
			xmax = math.Max(xmax, math.Abs(x[i*ldb+j]))
		}
		if rmax > 0 {
			worst = math.Max(worst, rmax/(normA*xmax*float64(n)*eps))
		}
	}
	return worst
}
