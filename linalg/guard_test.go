package linalg_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

// nonFinite returns n×n matrices (with a batch of 2, the second one
// spoiled) holding NaN or ±Inf in a few places, in float64 and float32.
func nonFinite(dev device.Device, v float64) map[string]*tensor.Array {
	out := map[string]*tensor.Array{}
	for _, n := range []int{2, 5, 30} {
		for _, pos := range []string{"one", "all"} {
			d := tensor.ToSlice[float64](random(dev, uint64(n), 2, n, n))
			for i := n * n; i < 2*n*n; i++ {
				if pos == "all" || i == n*n+1 || i == n*n {
					d[i] = v
				}
			}
			name := pos + " " + string(rune('0'+n%10))
			out[name+" f64"] = tensor.On(dev).FromHost(d, 2, n, n)
			out[name+" f32"] = out[name+" f64"].AsType(tensor.Float32)
		}
	}
	return out
}

// within runs f, failing the test (instead of hanging it) when f takes
// longer than a few seconds, and recovers f's panic as a failure.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	select {
	case r := <-done:
		if r != nil {
			t.Errorf("%s: panic %v", what, r)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: did not return", what)
	}
}

// wantLinAlg checks that err is a *linalg.Error with NumPy's message.
func wantLinAlg(t *testing.T, what string, err error, msg string) {
	t.Helper()
	var le *linalg.Error
	if !errors.As(err, &le) || le.Msg != msg {
		t.Errorf("%s: got error %v, want LinAlgError %q", what, err, msg)
	}
}

// allNaN reports whether every value of a is NaN.
func allNaN(a *tensor.Array) bool {
	for _, v := range tensor.ToSlice[float64](a) {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

// TestEigNonFinite: Eig and EigVals refuse NaN and ±Inf, as NumPy does
// ("Array must not contain infs or NaNs"), where gonum's balancing would
// loop forever.
func TestEigNonFinite(t *testing.T) {
	for _, dev := range devices(t) {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			for name, a := range nonFinite(dev, v) {
				what := dev.Name() + " " + name + " " + tensor.Scalar(v).String()
				within(t, "eig "+what, func() {
					_, _, _, _, err := linalg.Eig(a)
					wantLinAlg(t, "eig "+what, err, "Array must not contain infs or NaNs")
				})
				within(t, "eigvals "+what, func() {
					_, _, err := linalg.EigVals(a)
					wantLinAlg(t, "eigvals "+what, err, "Array must not contain infs or NaNs")
				})
			}
		}
	}
}

// TestSVDNonFinite: the SVD family raises "SVD did not converge" on NaN,
// as NumPy does, and gives NaN singular values (rank 0) on ±Inf; it never
// hangs and no gonum panic escapes.
func TestSVDNonFinite(t *testing.T) {
	for _, dev := range devices(t) {
		for name, a := range nonFinite(dev, math.NaN()) {
			what := dev.Name() + " " + name
			within(t, what, func() {
				_, _, _, err := linalg.SVD(a, false)
				wantLinAlg(t, "svd "+what, err, "SVD did not converge")
				_, _, _, err = linalg.SVD(a, true)
				wantLinAlg(t, "svd full "+what, err, "SVD did not converge")
				_, err = linalg.SVDVals(a)
				wantLinAlg(t, "svdvals "+what, err, "SVD did not converge")
				_, err = linalg.MatrixRank(a)
				wantLinAlg(t, "matrix_rank "+what, err, "SVD did not converge")
				_, err = linalg.Pinv(a)
				wantLinAlg(t, "pinv "+what, err, "SVD did not converge")
				m := a.Get(1)
				for _, ord := range []linalg.Ord{linalg.P(2), linalg.P(-2), linalg.OrdNuc} {
					_, err = linalg.Norm(m, ord)
					wantLinAlg(t, "norm "+ord.String()+" "+what, err, "SVD did not converge")
				}
				_, _, _, _, err = linalg.Lstsq(m, tensor.On(dev).Ones(tensor.Float64, m.Shape()[0]))
				wantLinAlg(t, "lstsq "+what, err, "SVD did not converge in Linear Least Squares")
			})
		}
		for _, v := range []float64{math.Inf(1), math.Inf(-1)} {
			for name, a := range nonFinite(dev, v) {
				what := dev.Name() + " " + name + " " + tensor.Scalar(v).String()
				within(t, what, func() {
					s := must(linalg.SVDVals(a))
					if !allNaN(s.Get(1)) || allNaN(s.Get(0)) {
						t.Errorf("svdvals %s: %v, want NaN for the second matrix only", what, s)
					}
					u, s, vh, err := linalg.SVD(a, false)
					if err != nil || !allNaN(u.Get(1)) || !allNaN(s.Get(1)) || !allNaN(vh.Get(1)) {
						t.Errorf("svd %s: %v %v", what, s, err)
					}
					if r := tensor.ToSlice[int64](must(linalg.MatrixRank(a))); r[1] != 0 || r[0] == 0 {
						t.Errorf("matrix_rank %s: %v, want [n 0]", what, r)
					}
					if p := must(linalg.Pinv(a)); !allNaN(p.Get(1)) {
						t.Errorf("pinv %s: %v", what, p)
					}
					if nv := must(linalg.Norm(a.Get(1), linalg.P(2))); !math.IsNaN(nv.Float()) {
						t.Errorf("norm 2 %s: %v, want NaN", what, nv)
					}
					m := a.Get(1)
					_, _, _, _, err = linalg.Lstsq(m, tensor.On(dev).Ones(tensor.Float64, m.Shape()[0]))
					wantLinAlg(t, "lstsq "+what, err, "SVD did not converge in Linear Least Squares")
				})
			}
		}
	}
}

// TestMatrixRankNaN is the case: NumPy raises where numgl used to
// return 0, and an all-NaN matrix used to escape gonum's "lapack: cfrom is
// NaN".
func TestMatrixRankNaN(t *testing.T) {
	nan := math.NaN()
	for _, dev := range devices(t) {
		for _, d := range [][]float64{{nan, 1, 1, 1}, {nan, nan, nan, nan}} {
			_, err := linalg.MatrixRank(tensor.On(dev).FromHost(d, 2, 2))
			wantLinAlg(t, dev.Name()+" matrix_rank", err, "SVD did not converge")
		}
	}
}

// TestOtherNonFinite: the functions NumPy does not refuse NaN or ±Inf to
// (eigh, qr, cholesky, det, slogdet, solve, inv) return, or raise their
// own LinAlgError, and never hang or panic; the values NumPy gives for
// 2×2 cases match.
func TestOtherNonFinite(t *testing.T) {
	for _, dev := range devices(t) {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			for name, a := range nonFinite(dev, v) {
				what := dev.Name() + " " + name + " " + tensor.Scalar(v).String()
				within(t, what, func() {
					okOr := func(fn string, err error, msg string) {
						var le *linalg.Error
						if err != nil && (!errors.As(err, &le) || le.Msg != msg) {
							t.Errorf("%s %s: %v", fn, what, err)
						}
					}
					_, _, err := linalg.Eigh(a)
					okOr("eigh", err, "Eigenvalues did not converge")
					_, err = linalg.Eigvalsh(a)
					okOr("eigvalsh", err, "Eigenvalues did not converge")
					_, _, err = linalg.QR(a)
					okOr("qr", err, "")
					_, err = linalg.Cholesky(a)
					okOr("cholesky", err, "Matrix is not positive definite")
					_, err = linalg.Det(a)
					okOr("det", err, "")
					_, _, err = linalg.SlogDet(a)
					okOr("slogdet", err, "")
					_, err = linalg.Inv(a)
					okOr("inv", err, "Singular matrix")
					_, err = linalg.Solve(a, tensor.On(dev).Ones(a.DType(), 2, a.Shape()[1]))
					okOr("solve", err, "Singular matrix")
				})
			}
		}
		f := tensor.On(dev)
		inf, nan := math.Inf(1), math.NaN()
		if d := must(linalg.Det(f.FromHost([]float64{inf, 1, 1, 1}, 2, 2))).Float(); !math.IsInf(d, 1) {
			t.Errorf("%s: det([[inf,1],[1,1]]) = %v, want inf", dev.Name(), d)
		}
		if d := must(linalg.Det(f.FromHost([]float64{nan, 1, 1, 1}, 2, 2))).Float(); !math.IsNaN(d) {
			t.Errorf("%s: det([[nan,1],[1,1]]) = %v, want nan", dev.Name(), d)
		}
		if x := tensor.ToSlice[float64](must(linalg.Solve(f.FromHost([]float64{inf, 1, 1, 1}, 2, 2), f.Ones(tensor.Float64, 2)))); x[0] != 0 || x[1] != 1 {
			t.Errorf("%s: solve([[inf,1],[1,1]], 1) = %v, want [0 1]", dev.Name(), x)
		}
		if w := must(linalg.Eigvalsh(f.FromHost([]float64{inf, 1, 1, 1}, 2, 2))); !allNaN(w) {
			t.Errorf("%s: eigvalsh([[inf,1],[1,1]]) = %v, want NaNs", dev.Name(), w)
		}
		_, err := linalg.Eigvalsh(f.Full(tensor.Float64, nan, 5, 5))
		wantLinAlg(t, dev.Name()+" eigvalsh(all NaN 5×5)", err, "Eigenvalues did not converge")
	}
}

// TestMatrixRankVector: NumPy's rank of a 0-d or 1-d array is 1 unless
// every value is zero.
func TestMatrixRankVector(t *testing.T) {
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		for _, c := range []struct {
			a    *tensor.Array
			want int64
		}{
			{f.FromHost([]float64{1, 2}, 2), 1},
			{f.Zeros(tensor.Float64, 2), 0},
			{f.Zeros(tensor.Float32, 0), 0},
			{f.FromHost([]float64{0, math.NaN()}, 2), 1},
			{f.Full(tensor.Float64, 5.0), 1},
			{f.Full(tensor.Float64, 0.0), 0},
			{f.FromHost([]int32{0, 0, 3}, 3), 1},
		} {
			r := must(linalg.MatrixRank(c.a))
			if r.NDim() != 0 || r.DType() != tensor.Int64 || int64(r.Float()) != c.want {
				t.Errorf("%s: matrix_rank(%v) = %v, want %d", dev.Name(), c.a, r, c.want)
			}
		}
	}
}

// TestExtremeFiniteTerminates: finite values at float64's range ends
// reach LAPACK (they are not refused) and must come back.
func TestExtremeFiniteTerminates(t *testing.T) {
	a := tensor.FromSlice([]float64{1e308, -1e308, 1e308, 1e-308, 5e-324, 1e308, -1e308, 1, 1e308}, 3, 3)
	within(t, "extreme values", func() {
		for _, f := range []func() error{
			func() error { _, _, _, _, err := linalg.Eig(a); return err },
			func() error { _, _, _, err := linalg.SVD(a, true); return err },
			func() error { _, _, err := linalg.Eigh(a); return err },
			func() error { _, err := linalg.Pinv(a); return err },
		} {
			if err := f(); err != nil && !strings.Contains(err.Error(), "converge") {
				t.Errorf("extreme values: %v", err)
			}
		}
	})
}
