package linalg_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

const eps = 2.220446049250313e-16

// devices are the devices the tests run on: every registered one that opens.
func devices(t *testing.T) []device.Device {
	var ds []device.Device
	for _, name := range device.Backends() {
		if d, err := device.Get(name); err == nil {
			ds = append(ds, d)
		} else if name == "gpu" && device.RequireGPU() {
			t.Fatalf("%s=1 and the GPU does not open: %v", device.EnvRequireGPU, err)
		}
	}
	return ds
}

func random(dev device.Device, seed uint64, shape ...int) *tensor.Array {
	return tensor.NewGenerator(seed).On(dev).Normal(tensor.Float64, 0, 1, shape...)
}

// spd returns a symmetric positive-definite n×n matrix: M Mᵀ + n I.
func spd(dev device.Device, seed uint64, n int) *tensor.Array {
	m := random(dev, seed, n, n)
	return tensor.Add(tensor.MatMul(m, m.T()), tensor.On(dev).Eye(tensor.Float64, n, n, 0).Multiply(float64(n)))
}

// fro is the Frobenius norm.
func fro(a *tensor.Array) float64 {
	return tensor.Sqrt(tensor.Multiply(a, a).Sum()).Float()
}

// relResidual returns ‖r‖ / (‖a‖ · n · ε): small multiples of 1 mean the
// result is as accurate as the problem's conditioning allows.
func relResidual(r, a *tensor.Array, n int) float64 {
	return fro(r) / (fro(a) * float64(n) * eps)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestSolveInvDet(t *testing.T) {
	for _, dev := range devices(t) {
		for _, n := range []int{1, 5, 40} {
			a := random(dev, 1, 2, 3, n, n)
			b := random(dev, 2, 2, 3, n, 4)
			x := must(linalg.Solve(a, b))
			if r := relResidual(tensor.Subtract(tensor.MatMul(a, x), b), tensor.MatMul(a, x), n); r > 100 {
				t.Errorf("%s n=%d: solve residual %.1f", dev.Name(), n, r)
			}
			v := random(dev, 3, 2, 3, n)
			xv := must(linalg.Solve(a, v))
			if got := xv.Shape(); len(got) != 3 || got[2] != n {
				t.Errorf("%s: vector right-hand side gave shape %v", dev.Name(), got)
			}
			inv := must(linalg.Inv(a))
			eye := tensor.On(dev).Eye(tensor.Float64, n, n, 0)
			if r := relResidual(tensor.Subtract(tensor.MatMul(a, inv), eye), eye, n) / 1e3; r > 100 {
				t.Errorf("%s n=%d: ‖A·inv(A) − I‖ too large: %.1f", dev.Name(), n, r)
			}
			// det(A B) = det(A) det(B), and slogdet agrees with det.
			bsq := random(dev, 4, 2, 3, n, n)
			dab := must(linalg.Det(tensor.MatMul(a, bsq)))
			prod := tensor.Multiply(must(linalg.Det(a)), must(linalg.Det(bsq)))
			if d := tensor.Abs(tensor.Subtract(dab, prod)).Max().Float(); d > 1e-9*tensor.Abs(prod).Max().Float() {
				t.Errorf("%s n=%d: det(AB) ≠ det(A)det(B) by %g", dev.Name(), n, d)
			}
			sign, logdet := must2(linalg.SlogDet(a))
			det := must(linalg.Det(a))
			back := tensor.Multiply(sign, tensor.Exp(logdet))
			if d := tensor.Abs(tensor.Subtract(back, det)).Max().Float(); d > 1e-9*tensor.Abs(det).Max().Float() {
				t.Errorf("%s n=%d: slogdet disagrees with det by %g", dev.Name(), n, d)
			}
			if x.Device() != dev {
				t.Errorf("the result moved to %s", x.Device().Name())
			}
		}
	}
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

func TestEighCholeskyQR(t *testing.T) {
	for _, dev := range devices(t) {
		for _, n := range []int{1, 6, 30} {
			a := spd(dev, 5, n)
			w, v := must2(linalg.Eigh(a))
			av := tensor.MatMul(a, v)
			vl := tensor.Multiply(v, w.ExpandDims(0))
			if r := relResidual(tensor.Subtract(av, vl), a, n); r > 100 {
				t.Errorf("%s n=%d: ‖AV − VΛ‖/(‖A‖nε) = %.1f", dev.Name(), n, r)
			}
			ws := tensor.ToSlice[float64](w)
			for i := 1; i < len(ws); i++ {
				if ws[i] < ws[i-1] {
					t.Errorf("%s: eigenvalues not ascending: %v", dev.Name(), ws)
				}
			}
			if d := tensor.Abs(tensor.Subtract(must(linalg.Eigvalsh(a)), w)).Max().Float(); d > 1e-12*ws[len(ws)-1] {
				t.Errorf("%s: eigvalsh differs from eigh by %g", dev.Name(), d)
			}
			l := must(linalg.Cholesky(a))
			if r := relResidual(tensor.Subtract(tensor.MatMul(l, l.T()), a), a, n); r > 100 {
				t.Errorf("%s n=%d: ‖LLᵀ − A‖/(‖A‖nε) = %.1f", dev.Name(), n, r)
			}
			if u := tensor.Abs(l.Get(tensor.Colon, tensor.Colon)).Float(0, n-1); n > 1 && u != 0 {
				t.Errorf("%s: L is not lower triangular", dev.Name())
			}
			m := random(dev, 6, n+3, n)
			q, r := must2(linalg.QR(m))
			if res := relResidual(tensor.Subtract(tensor.MatMul(q, r), m), m, n); res > 100 {
				t.Errorf("%s n=%d: ‖QR − A‖/(‖A‖nε) = %.1f", dev.Name(), n, res)
			}
			eye := tensor.On(dev).Eye(tensor.Float64, n, n, 0)
			if res := relResidual(tensor.Subtract(tensor.MatMul(q.T(), q), eye), eye, n); res > 100 {
				t.Errorf("%s n=%d: ‖QᵀQ − I‖ = %.1f", dev.Name(), n, res)
			}
		}
	}
}

func TestSVDPinvRankLstsq(t *testing.T) {
	for _, dev := range devices(t) {
		for _, shape := range [][2]int{{1, 1}, {7, 4}, {4, 7}, {20, 20}} {
			m, n := shape[0], shape[1]
			a := random(dev, 7, m, n)
			u, s, vh := must3(linalg.SVD(a, false))
			back := tensor.MatMul(tensor.Multiply(u, s.ExpandDims(0)), vh)
			if r := relResidual(tensor.Subtract(back, a), a, max(m, n)); r > 100 {
				t.Errorf("%s %v: ‖USVh − A‖ = %.1f", dev.Name(), shape, r)
			}
			uf, _, vf := must3(linalg.SVD(a, true))
			if uf.Shape()[1] != m || vf.Shape()[0] != n {
				t.Errorf("%s: full SVD shapes %v %v", dev.Name(), uf.Shape(), vf.Shape())
			}
			if d := tensor.Abs(tensor.Subtract(must(linalg.SVDVals(a)), s)).Max().Float(); d > 1e-12*s.Max().Float() {
				t.Errorf("%s: svdvals differs by %g", dev.Name(), d)
			}
			p := must(linalg.Pinv(a))
			if r := relResidual(tensor.Subtract(tensor.MatMul(tensor.MatMul(a, p), a), a), a, max(m, n)); r > 1000 {
				t.Errorf("%s %v: ‖A A⁺ A − A‖ = %.1f", dev.Name(), shape, r)
			}
		}
		// A rank-deficient matrix: rank 2 from two outer products.
		x, y := random(dev, 8, 6, 2), random(dev, 9, 2, 5)
		low := tensor.MatMul(x, y)
		if r := must(linalg.MatrixRank(low)).Item().(int64); r != 2 {
			t.Errorf("%s: rank %d, want 2", dev.Name(), r)
		}
		b := random(dev, 10, 6)
		sol, _, rank, _, err := linalg.Lstsq(low, b)
		if err != nil || rank.Item().(int64) != 2 {
			t.Fatalf("%s: lstsq rank %v, %v", dev.Name(), rank, err)
		}
		// The least-squares solution satisfies the normal equations.
		normal := tensor.MatMul(low.T(), tensor.Subtract(tensor.MatMul(low, sol), b))
		if d := tensor.Abs(normal).Max().Float(); d > 1e-10*fro(low)*fro(low) {
			t.Errorf("%s: normal equations residual %g", dev.Name(), d)
		}
	}
}

func must3[A, B, C any](a A, b B, c C, err error) (A, B, C) {
	if err != nil {
		panic(err)
	}
	return a, b, c
}

// TestEig checks A V = V Λ in complex arithmetic for a matrix with a
// complex pair of eigenvalues.
func TestEig(t *testing.T) {
	for _, dev := range devices(t) {
		a := tensor.On(dev).FromHost([]float64{0, -2, 1, 2, 0, 0, 0, 0, 3}, 3, 3)
		wr, wi, vr, vi := must4(linalg.Eig(a))
		// (A)(vr + i vi) = (vr + i vi)(wr + i wi), column by column.
		lhsR, lhsI := tensor.MatMul(a, vr), tensor.MatMul(a, vi)
		rhsR := tensor.Subtract(tensor.Multiply(vr, wr.ExpandDims(0)), tensor.Multiply(vi, wi.ExpandDims(0)))
		rhsI := tensor.Add(tensor.Multiply(vr, wi.ExpandDims(0)), tensor.Multiply(vi, wr.ExpandDims(0)))
		if d := math.Max(fro(tensor.Subtract(lhsR, rhsR)), fro(tensor.Subtract(lhsI, rhsI))); d > 1e-12 {
			t.Errorf("%s: ‖AV − VΛ‖ = %g", dev.Name(), d)
		}
		im := tensor.ToSlice[float64](wi)
		if math.Abs(math.Abs(im[0])-2) > 1e-12 || im[0] != -im[1] || im[2] != 0 {
			t.Errorf("%s: eigenvalue imaginary parts %v, want ±2 and 0", dev.Name(), im)
		}
	}
}

func must4[A, B, C, D any](a A, b B, c C, d D, err error) (A, B, C, D) {
	if err != nil {
		panic(err)
	}
	return a, b, c, d
}

func TestErrors(t *testing.T) {
	for _, dev := range devices(t) {
		sing := tensor.On(dev).FromHost([]float64{1, 2, 2, 4}, 2, 2)
		var le *linalg.Error
		if _, err := linalg.Solve(sing, tensor.On(dev).Ones(tensor.Float64, 2)); !errors.As(err, &le) || le.Msg != "Singular matrix" {
			t.Errorf("%s: solve of a singular matrix: %v", dev.Name(), err)
		}
		if _, err := linalg.Inv(sing); !errors.As(err, &le) || le.Msg != "Singular matrix" {
			t.Errorf("%s: inv of a singular matrix: %v", dev.Name(), err)
		}
		if _, err := linalg.Inv(tensor.On(dev).Ones(tensor.Float64, 3, 4)); !errors.As(err, &le) || le.Msg != "Last 2 dimensions of the array must be square" {
			t.Errorf("%s: inv of a 3×4 matrix: %v", dev.Name(), err)
		}
		neg := tensor.On(dev).Eye(tensor.Float64, 2, 2, 0).Multiply(-1)
		if _, err := linalg.Cholesky(neg); !errors.As(err, &le) || le.Msg != "Matrix is not positive definite" {
			t.Errorf("%s: cholesky of -I: %v", dev.Name(), err)
		}
		if d := must(linalg.Det(sing)).Float(); d != 0 {
			t.Errorf("%s: det of a singular matrix = %v", dev.Name(), d)
		}
	}
}

func TestFloat32StaysFloat32(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	v := make([]float32, 9)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	v[0], v[4], v[8] = 5, 5, 5
	a := tensor.FromSlice(v, 3, 3)
	for name, r := range map[string]*tensor.Array{
		"inv": must(linalg.Inv(a)), "det": must(linalg.Det(a)), "solve": must(linalg.Solve(a, tensor.Ones(tensor.Float32, 3))),
	} {
		if r.DType() != tensor.Float32 {
			t.Errorf("%s of float32 gave %v", name, r.DType())
		}
	}
	if r := must(linalg.Det(tensor.Eye(tensor.Int32, 3, 3, 0))); r.DType() != tensor.Float64 || r.Float() != 1 {
		t.Errorf("det of an int32 identity: %v", r)
	}
}
