package linalg_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

// hostNormal returns count n×n (or n×k) standard normal matrices, row-major
// one after the other.
func hostNormal(r *rand.Rand, count int) []float64 {
	v := make([]float64, count)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

// backwardError returns max over the columns j of
// ‖A x_j − b_j‖∞ / (‖A‖∞ ‖x_j‖∞ n ε) for the n×n row-major a and the n×k
// x and b: well below 1 when x is what a backward-stable solver gives,
// however ill-conditioned a is (NumPy's solve gives 0.002 to 0.03 on the
// matrices below).
func backwardError(n, k int, a, x, b []float64) float64 {
	var normA float64
	for i := range n {
		var s float64
		for j := range n {
			s += math.Abs(a[i*n+j])
		}
		normA = max(normA, s)
	}
	worst := 0.0
	for j := range k {
		var r, xm float64
		for i := range n {
			s := -b[i*k+j]
			for p := range n {
				s += a[i*n+p] * x[p*k+j]
			}
			r = max(r, math.Abs(s))
			xm = max(xm, math.Abs(x[i*k+j]))
		}
		if r > 0 {
			worst = max(worst, r/(normA*xm*float64(n)*eps))
		}
	}
	return worst
}

// solveCases are the matrices the solve tests use, by name: n×n row-major,
// from a seeded generator.
var solveCases = map[string]func(r *rand.Rand, n int) []float64{
	"normal": func(r *rand.Rand, n int) []float64 { return hostNormal(r, n*n) },
	// numpy_ref.py's solve workload: no interchanges at all.
	"diagonally dominant": func(r *rand.Rand, n int) []float64 {
		a := make([]float64, n*n)
		for i := range a {
			a[i] = r.Float64()
		}
		for i := range n {
			a[i*n+i] += float64(n)
		}
		return a
	},
	// Zeros on the diagonal: every step must interchange rows.
	"zero diagonal": func(r *rand.Rand, n int) []float64 {
		a := hostNormal(r, n*n)
		for i := range n {
			a[i*n+i] = 0
		}
		return a
	},
	// Rows scaled by 2^(i mod 40): the pivots come from the bottom rows.
	"graded rows": func(r *rand.Rand, n int) []float64 {
		a := hostNormal(r, n*n)
		for i := range a {
			a[i] = math.Ldexp(a[i], (i/n)%40)
		}
		return a
	},
	// Nearly singular: the last row is the first plus 1e-10 of noise, a
	// condition number near 1e10 — solvable, as in NumPy.
	"nearly singular": func(r *rand.Rand, n int) []float64 {
		a := hostNormal(r, n*n)
		if n > 1 {
			for j := range n {
				a[(n-1)*n+j] = a[j] + 1e-10*r.NormFloat64()
			}
		}
		return a
	},
}

// TestSolveBackwardError solves with one and several right-hand sides on
// every device, over orders that are and are not multiples of the LU's
// blocks, and checks each solution's backward error.
func TestSolveBackwardError(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, n := range []int{1, 2, 7, 63, 64, 65, 200, 257, 1000} {
			for name, gen := range solveCases {
				if n > 300 && name != "normal" && name != "diagonally dominant" || n == 1 && name == "zero diagonal" {
					continue
				}
				a := gen(r, n)
				for _, k := range []int{0, 1, 3} { // 0: a vector b
					cols := max(k, 1)
					b := hostNormal(r, n*cols)
					bArr := f.FromHost(b, n, cols)
					if k == 0 {
						bArr = f.FromHost(b, n)
					}
					x, err := linalg.Solve(f.FromHost(a, n, n), bArr)
					if err != nil {
						t.Fatalf("%s n=%d %s: %v", dev.Name(), n, name, err)
					}
					if want := bArr.Shape(); fmt.Sprint(x.Shape()) != fmt.Sprint(want) {
						t.Fatalf("%s n=%d k=%d: x has shape %v, want %v", dev.Name(), n, k, x.Shape(), want)
					}
					xs := tensor.ToSlice[float64](x)
					if e := backwardError(n, cols, a, xs, b); !(e < 1) {
						t.Errorf("%s n=%d k=%d %s: backward error %.3g", dev.Name(), n, k, name, e)
					}
				}
			}
		}
	}
}

// TestSolveBatched solves a stack of systems with a broadcast right-hand
// side, and checks each against the solve of its matrix alone.
func TestSolveBatched(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, n := range []int{5, 70} {
			a := hostNormal(r, 2*3*n*n)
			b := hostNormal(r, 3*n*2) // (1, 3, n, 2): broadcast over the 2
			x, err := linalg.Solve(f.FromHost(a, 2, 3, n, n), f.FromHost(b, 1, 3, n, 2))
			if err != nil {
				t.Fatal(err)
			}
			if got := x.Shape(); fmt.Sprint(got) != fmt.Sprint([]int{2, 3, n, 2}) {
				t.Fatalf("%s: batched solve gave shape %v", dev.Name(), got)
			}
			xs := tensor.ToSlice[float64](x)
			for i := range 6 {
				ai, bi := a[i*n*n:(i+1)*n*n], b[(i%3)*n*2:(i%3+1)*n*2]
				xi := xs[i*n*2 : (i+1)*n*2]
				if e := backwardError(n, 2, ai, xi, bi); !(e < 1) {
					t.Errorf("%s n=%d matrix %d: backward error %.3g", dev.Name(), n, i, e)
				}
				alone := tensor.ToSlice[float64](must(linalg.Solve(f.FromHost(ai, n, n), f.FromHost(bi, n, 2))))
				for j := range alone {
					if alone[j] != xi[j] {
						t.Fatalf("%s n=%d matrix %d: batched x[%d] = %v, alone %v", dev.Name(), n, i, j, xi[j], alone[j])
					}
				}
			}
			// Vectors: b (2, 3, n) against a (2, 3, n, n).
			v := hostNormal(r, 2*3*n)
			xv, err := linalg.Solve(f.FromHost(a, 2, 3, n, n), f.FromHost(v, 2, 3, n))
			if err != nil {
				t.Fatal(err)
			}
			xvs := tensor.ToSlice[float64](xv)
			for i := range 6 {
				if e := backwardError(n, 1, a[i*n*n:(i+1)*n*n], xvs[i*n:(i+1)*n], v[i*n:(i+1)*n]); !(e < 1) {
					t.Errorf("%s n=%d vector %d: backward error %.3g", dev.Name(), n, i, e)
				}
			}
		}
	}
}

// TestSingular checks that exactly singular matrices — wherever the LU
// meets its zero pivot — are a *linalg.Error "Singular matrix" for Solve
// and Inv (also when one matrix of a stack is), and have determinant 0,
// as in NumPy.
func TestSingular(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, n := range []int{3, 64, 200, 300} {
			for _, c := range []int{0, n / 2, n - 1} {
				a := hostNormal(r, 2*n*n)
				for i := range n { // the second matrix has a zero column c
					a[n*n+i*n+c] = 0
				}
				stack := f.FromHost(a, 2, n, n)
				var le *linalg.Error
				if _, err := linalg.Solve(stack, f.Ones(tensor.Float64, 2, n)); !errors.As(err, &le) || le.Msg != "Singular matrix" {
					t.Errorf("%s n=%d column %d: solve gave %v", dev.Name(), n, c, err)
				}
				if _, err := linalg.Inv(stack); !errors.As(err, &le) || le.Msg != "Singular matrix" {
					t.Errorf("%s n=%d column %d: inv gave %v", dev.Name(), n, c, err)
				}
				d := tensor.ToSlice[float64](must(linalg.Det(stack)))
				if d[0] == 0 || d[1] != 0 {
					t.Errorf("%s n=%d column %d: det = %v, want [≠0 0]", dev.Name(), n, c, d)
				}
				sign, logdet := must2(linalg.SlogDet(stack))
				if s, l := sign.Float(1), logdet.Float(1); s != 0 || !math.IsInf(l, -1) {
					t.Errorf("%s n=%d column %d: slogdet = %v, %v, want 0, -inf", dev.Name(), n, c, s, l)
				}
			}
		}
	}
}

// TestInvResidual checks ‖A·inv(A) − I‖∞ / (‖A‖∞ ‖inv(A)‖∞ n ε).
func TestInvResidual(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, n := range []int{1, 7, 65, 300} {
			for _, name := range []string{"normal", "zero diagonal"} {
				if n == 1 && name == "zero diagonal" {
					continue
				}
				a := solveCases[name](r, n)
				inv := tensor.ToSlice[float64](must(linalg.Inv(f.FromHost(a, n, n))))
				eye := make([]float64, n*n)
				for i := range n {
					eye[i*n+i] = 1
				}
				if e := backwardError(n, n, a, inv, eye); !(e < 1) {
					t.Errorf("%s n=%d %s: ‖A·inv(A) − I‖ / (‖A‖‖inv(A)‖nε) = %.3g", dev.Name(), n, name, e)
				}
			}
		}
	}
}

// TestDetKnown checks Det and SlogDet on P·U, a row permutation of an
// upper triangular matrix, whose determinant is the sign of the
// permutation times the product of U's diagonal.
func TestDetKnown(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 15))
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, n := range []int{1, 2, 9, 100, 300} {
			u := make([]float64, n*n)
			want := 1.0
			logWant := 0.0
			for i := range n {
				for j := i; j < n; j++ {
					u[i*n+j] = r.NormFloat64()
				}
				d := (1 + r.Float64()) * float64(1-2*r.IntN(2)) // |d| in [1, 2)
				u[i*n+i] = d
				want *= d
				logWant += math.Log(math.Abs(d))
			}
			perm := r.Perm(n)
			a := make([]float64, n*n)
			for i, p := range perm {
				copy(a[p*n:(p+1)*n], u[i*n:(i+1)*n])
			}
			// The sign of perm, by counting its cycles' transpositions.
			seen := make([]bool, n)
			for i := range n {
				for j, l := i, 0; !seen[j]; j, l = perm[j], l+1 {
					seen[j] = true
					if l > 0 {
						want = -want
					}
				}
			}
			got := must(linalg.Det(f.FromHost(a, n, n))).Float()
			if math.Abs(got-want) > 1e-12*float64(n)*math.Abs(want) {
				t.Errorf("%s n=%d: det = %v, want %v", dev.Name(), n, got, want)
			}
			sign, logdet := must2(linalg.SlogDet(f.FromHost(a, n, n)))
			if s, l := sign.Float(), logdet.Float(); s != math.Copysign(1, want) || math.Abs(l-logWant) > 1e-12*float64(n) {
				t.Errorf("%s n=%d: slogdet = %v, %v, want %v, %v", dev.Name(), n, s, l, math.Copysign(1, want), logWant)
			}
		}
	}
}
