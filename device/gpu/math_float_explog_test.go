package gpu_test

// The float32 exponential, logarithmic and hyperbolic functions of
// shaders/math_float_explog.glsl, run on the GPU through the public tensor
// API and measured two ways: every float32 row of NumPy's validation file
// for the function (within the file's ULP bound, as NumPy's own
// test_umath_accuracy.py checks), and a dense sweep over every binade
// against Go's float64 math at the float32 input (2^29 times finer than a
// float32 ulp, so a fair judge of float32 ulps), plus exact special values.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/conformance"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// feFunc is one function under test: unary (op1, ref1) or binary (op2,
// ref2). bound is NumPy's ULP bound from its validation file (file true),
// or the bound this package holds itself to where NumPy has no file.
//
// logaddexp and logaddexp2 are measured in ulps of the larger of the
// result and the larger argument: where max(a, b) is in [-1, 0) the result
// is their difference from log(1 + e^-|a-b|), and its relative condition
// number is (|a| + |b|)/|result|, unbounded. An error a fraction of an ulp
// of the arguments' size is what float arithmetic can promise there
// (NumPy's own float32 logaddexp(-1.5461174, -0.23921673) is 391 ulps of
// the result off; these kernels 57). The strict error is logged too.
type feFunc struct {
	name  string
	file  bool
	bound float64
	op1   func(a any) *tensor.Array
	ref1  func(x float64) float64
	op2   func(a, b any) *tensor.Array
	ref2  func(a, b float64) float64
}

var feFuncs = []feFunc{
	{name: "exp", file: true, bound: 3, op1: tensor.Exp, ref1: math.Exp},
	{name: "exp2", file: true, bound: 2, op1: tensor.Exp2, ref1: math.Exp2},
	{name: "expm1", file: true, bound: 3, op1: tensor.Expm1, ref1: math.Expm1},
	{name: "log", file: true, bound: 4, op1: tensor.Log, ref1: math.Log},
	{name: "log2", file: true, bound: 3, op1: tensor.Log2, ref1: math.Log2},
	{name: "log10", file: true, bound: 4, op1: tensor.Log10, ref1: math.Log10},
	{name: "log1p", file: true, bound: 2, op1: tensor.Log1p, ref1: math.Log1p},
	{name: "sinh", file: true, bound: 2, op1: tensor.Sinh, ref1: math.Sinh},
	{name: "cosh", file: true, bound: 3, op1: tensor.Cosh, ref1: math.Cosh},
	{name: "tanh", file: true, bound: 2, op1: tensor.Tanh, ref1: math.Tanh},
	{name: "arcsinh", file: true, bound: 2, op1: tensor.ArcSinh, ref1: math.Asinh},
	{name: "arccosh", file: true, bound: 2, op1: tensor.ArcCosh, ref1: math.Acosh},
	{name: "arctanh", file: true, bound: 2, op1: tensor.ArcTanh, ref1: math.Atanh},
	{name: "cbrt", file: true, bound: 2, op1: tensor.Cbrt, ref1: math.Cbrt},
	{name: "logaddexp", bound: 2, op2: tensor.LogAddExp, ref2: feLogAddExp},
	{name: "logaddexp2", bound: 2, op2: tensor.LogAddExp2, ref2: feLogAddExp2},
}

// feLogAddExp is NumPy's npy_logaddexp in float64.
func feLogAddExp(a, b float64) float64 {
	if a == b {
		return a + math.Ln2
	}
	d := a - b
	switch {
	case d > 0:
		return a + math.Log1p(math.Exp(-d))
	case d <= 0:
		return b + math.Log1p(math.Exp(d))
	}
	return d
}

// feLogAddExp2 is NumPy's npy_logaddexp2 in float64.
func feLogAddExp2(a, b float64) float64 {
	if a == b {
		return a + 1
	}
	d := a - b
	switch {
	case d > 0:
		return a + math.Log1p(math.Exp2(-d))/math.Ln2
	case d <= 0:
		return b + math.Log1p(math.Exp2(d))/math.Ln2
	}
	return d
}

// feRun evaluates f on the GPU.
func feRun(fac tensor.Factory, f feFunc, xs, ys []float32) []float32 {
	if f.op2 != nil {
		return f.op2(fac.FromHost(xs), fac.FromHost(ys)).Data().([]float32)
	}
	return f.op1(fac.FromHost(xs)).Data().([]float32)
}

// feRef is f's float64 reference at float32 inputs.
func feRef(f feFunc, x, y float32) float64 {
	if f.ref2 != nil {
		return f.ref2(float64(x), float64(y))
	}
	return f.ref1(float64(x))
}

// feUlps is the error of got in float32 ulps of size (the exact value ref,
// or more where the function is ill-conditioned): the ulp of size's binade
// (of the subnormal grid below 2^-126). NaN must meet NaN and an infinity
// (or a value that rounds to one) the same float32.
func feUlps(got float32, ref, size float64) float64 {
	r32 := float32(ref)
	switch {
	case math.IsNaN(ref) || math.IsNaN(float64(got)):
		if math.IsNaN(ref) && math.IsNaN(float64(got)) {
			return 0
		}
		return math.Inf(1)
	case math.IsInf(float64(r32), 0):
		return conformance.ULPDistance32(got, r32)
	case math.IsInf(float64(got), 0):
		return math.Inf(1)
	}
	_, e := math.Frexp(math.Max(math.Abs(ref), math.Abs(size)))
	ulp := math.Ldexp(1, max(e-1, -126)-23)
	return math.Abs(float64(got)-ref) / ulp
}

// feSubnormal reports whether v is a float32 subnormal (or rounds to one).
func feSubnormal(v float64) bool {
	return v != 0 && math.Abs(v) < 0x1p-126
}

// feInputs returns the sweep's inputs for f: every binade of both signs
// at 2^14-pattern steps (512 points a binade, low bits random), uniform
// points over the function's working range, hard spots and special
// values; for the binary functions, pairs over wide and close ranges.
func feInputs(name string) (xs, ys []float32) {
	rng := rand.New(rand.NewPCG(7, uint64(len(name))))
	uni := func(lo, hi float64) float32 { return float32(lo + (hi-lo)*rng.Float64()) }
	add := func(n int, f func() float32) {
		for range n {
			xs = append(xs, f())
		}
	}
	specials := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
		1, -1, 2, 0.5, math.MaxFloat32, -math.MaxFloat32, 0x1p-126, -0x1p-126, 0x1p-149, -0x1p-149, 0x1p-127, 1e-40, -1e-40}
	if name == "logaddexp" || name == "logaddexp2" {
		base := 2.0
		if name == "logaddexp" {
			base = math.E
		}
		pairs := func(n int, f func() (float32, float32)) {
			for range n {
				a, b := f()
				xs, ys = append(xs, a), append(ys, b)
			}
		}
		wide := func() float32 { // any finite float, uniform over bit patterns
			for {
				v := math.Float32frombits(rng.Uint32())
				if !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) {
					return v
				}
			}
		}
		pairs(60000, func() (float32, float32) { return uni(-200, 200), uni(-200, 200) })
		pairs(60000, func() (float32, float32) { a := uni(-100, 100); return a, a + uni(-30, 30) })
		pairs(40000, func() (float32, float32) { a := uni(-5, 5); return a, uni(-5, 5) })
		pairs(20000, func() (float32, float32) { return wide(), wide() })
		pairs(20000, func() (float32, float32) { a := wide(); return a, a * float32(1+uni(-1e-3, 1e-3)) })
		pairs(20000, func() (float32, float32) { return uni(-1e-3, 1e-3), uni(-200, 200) })
		pairs(10000, func() (float32, float32) { return float32(-math.Log(base)), uni(-100, 0) })
		for _, a := range specials {
			for _, b := range specials {
				xs, ys = append(xs, a), append(ys, b)
			}
		}
		return xs, ys
	}
	for sign := uint32(0); sign < 2; sign++ {
		for hi := uint32(0); hi < 1<<17; hi++ {
			b := sign<<31 | hi<<14 | rng.Uint32N(1<<14)
			if b&0x7f800000 != 0x7f800000 {
				xs = append(xs, math.Float32frombits(b))
			}
		}
	}
	near := func(c float64, w float64) float32 { return float32(c + w*(2*rng.Float64()-1)) }
	switch name {
	case "exp":
		add(60000, func() float32 { return uni(-104, 89) })
		add(20000, func() float32 { return uni(-104, -87) }) // subnormal results
		add(10000, func() float32 { return uni(88, 89) })
	case "exp2":
		add(60000, func() float32 { return uni(-151, 129) })
		add(20000, func() float32 { return uni(-151, -125) })
		add(20000, func() float32 { return uni(-1, 1) })
	case "expm1":
		add(60000, func() float32 { return uni(-18, 89) })
		add(30000, func() float32 { return uni(-1.5, 1.5) })
	case "log", "log2", "log10":
		add(40000, func() float32 { return uni(0.5, 2) })
		add(30000, func() float32 { return near(1, 1e-3) })
		add(20000, func() float32 { return float32(1 + float64(rng.IntN(200)-100)*0x1p-24) })
		add(10000, func() float32 { return math.Float32frombits(rng.Uint32N(1 << 23)) }) // subnormal
	case "log1p":
		add(40000, func() float32 { return uni(-1, 2) })
		add(30000, func() float32 { return near(-1, 1e-3) })
		add(30000, func() float32 { return near(0, 1e-3) })
	case "sinh", "cosh":
		add(60000, func() float32 { return uni(-90, 90) })
		add(30000, func() float32 { return uni(-10, 10) })
		add(10000, func() float32 { return uni(89, 90) })
	case "tanh":
		add(60000, func() float32 { return uni(-10, 10) })
		add(30000, func() float32 { return uni(-1, 1) })
	case "arcsinh":
		add(60000, func() float32 { return uni(-10, 10) })
		add(30000, func() float32 { return uni(-5000, 5000) })
	case "arccosh":
		add(60000, func() float32 { return uni(1, 10) })
		add(30000, func() float32 { return near(1, 1e-3) })
		add(30000, func() float32 { return uni(1, 5000) })
	case "arctanh":
		add(60000, func() float32 { return uni(-1, 1) })
		add(30000, func() float32 { return near(1, 1e-3) })
		add(30000, func() float32 { return near(-1, 1e-3) })
	case "cbrt":
		add(60000, func() float32 { return uni(-10, 10) })
		add(10000, func() float32 { return math.Float32frombits(rng.Uint32N(1 << 23)) })
	}
	return append(xs, specials...), nil
}

// TestMathFloatExpLogValidation checks every float32 row of NumPy's
// validation file of each function against the file's bound.
func TestMathFloatExpLogValidation(t *testing.T) {
	fac, flush := openFloat32(t)
	_, files, err := conformance.ValidationFiles()
	if err != nil {
		t.Skipf("NumPy's validation files: %v", err)
	}
	for _, f := range feFuncs {
		if !f.file {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			path, ok := files[f.name]
			if !ok {
				t.Fatalf("no validation file for %s", f.name)
			}
			rows, err := conformance.ReadValidation(path)
			if err != nil {
				t.Fatal(err)
			}
			var xs []float32
			var want []float32
			var bound []int
			for _, r := range rows {
				if r.DType == dtype.Float32 {
					xs = append(xs, math.Float32frombits(uint32(r.In)))
					want = append(want, math.Float32frombits(uint32(r.Want)))
					bound = append(bound, r.ULP)
				}
			}
			got := feRun(fac, f, xs, nil)
			worst, excused := 0.0, 0
			for i, x := range xs {
				u := conformance.ULPDistance32(got[i], want[i])
				if flush && (feSubnormal(float64(x)) || feSubnormal(float64(want[i]))) {
					excused++
					continue
				}
				worst = max(worst, u)
				if u > float64(bound[i]) {
					t.Errorf("%s(%g [%#08x]) = %g, want %g: %g ulp (bound %d)",
						f.name, x, math.Float32bits(x), got[i], want[i], u, bound[i])
				}
			}
			t.Logf("%-8s %4d float32 rows: max %g ulp (bound %d); %d excused (subnormal, flushed)", f.name, len(xs), worst, bound[0], excused)
		})
	}
}

// TestMathFloatExpLogSweep measures each function over its dense sweep
// against the float64 reference, logging the largest error.
func TestMathFloatExpLogSweep(t *testing.T) {
	fac, flush := openFloat32(t)
	for _, f := range feFuncs {
		t.Run(f.name, func(t *testing.T) {
			xs, ys := feInputs(f.name)
			got := feRun(fac, f, xs, ys)
			y := func(i int) float32 {
				if ys == nil {
					return 0
				}
				return ys[i]
			}
			arg := func(i int) string {
				if ys == nil {
					return fmt.Sprintf("%g [%#08x]", xs[i], math.Float32bits(xs[i]))
				}
				return fmt.Sprintf("%g, %g", xs[i], ys[i])
			}
			worst, worstArg, nfail, nsub, excused, strict := 0.0, "", 0, 0, 0, 0.0
			for i := range xs {
				ref := feRef(f, xs[i], y(i))
				sub := feSubnormal(float64(xs[i])) || feSubnormal(float64(y(i))) || feSubnormal(ref)
				if sub {
					nsub++
					if flush {
						excused++
						continue
					}
				}
				size := ref
				if f.op2 != nil {
					size = math.Max(float64(xs[i]), float64(y(i)))
					strict = max(strict, feUlps(got[i], ref, ref))
				}
				u := feUlps(got[i], ref, size)
				if u > worst {
					worst, worstArg = u, fmt.Sprintf("%s(%s) = %g, exact %.9g", f.name, arg(i), got[i], ref)
				}
				if !(u <= f.bound) {
					nfail++
					if nfail <= 10 {
						t.Errorf("%s(%s) = %g, exact %.9g: %.3g ulp (bound %g)", f.name, arg(i), got[i], ref, u, f.bound)
					}
				}
			}
			t.Logf("%-10s %6d inputs: max %.3f ulp [%s]; %d with a subnormal input or result (%d excused: flushed)",
				f.name, len(xs), worst, worstArg, nsub, excused)
			if f.op2 != nil {
				t.Logf("%-10s in ulps of the result alone: max %.3g (where it cancels)", f.name, strict)
			}
		})
	}
}

// TestMathFloatExpLogSpecialValues checks C99 Annex F's (and NumPy's)
// special cases exactly, zeros by sign.
func TestMathFloatExpLogSpecialValues(t *testing.T) {
	fac, _ := openFloat32(t)
	nan, inf := math.NaN(), math.Inf(1)
	negz := math.Copysign(0, -1)
	type c struct{ x, want float64 }
	unary := map[string][]c{
		"exp":     {{nan, nan}, {inf, inf}, {-inf, 0}, {0, 1}, {negz, 1}, {89, inf}, {88.73, inf}, {-104, 0}, {-1e30, 0}, {1e-40, 1}},
		"exp2":    {{nan, nan}, {inf, inf}, {-inf, 0}, {0, 1}, {negz, 1}, {128, inf}, {-149, 0x1p-149}, {-150, 0}, {-126, 0x1p-126}, {10, 1024}, {-1, 0.5}},
		"expm1":   {{nan, nan}, {inf, inf}, {-inf, -1}, {0, 0}, {negz, negz}, {89, inf}, {-18, -1}, {-1e30, -1}, {1e-40, 1e-40}, {-1e-40, -1e-40}},
		"log":     {{nan, nan}, {-1, nan}, {-inf, nan}, {-1e-40, nan}, {0, -inf}, {negz, -inf}, {inf, inf}, {1, 0}},
		"log2":    {{nan, nan}, {-1, nan}, {-inf, nan}, {0, -inf}, {negz, -inf}, {inf, inf}, {1, 0}, {8, 3}, {0x1p-149, -149}, {0x1p127, 127}, {0.125, -3}},
		"log10":   {{nan, nan}, {-1, nan}, {-inf, nan}, {0, -inf}, {negz, -inf}, {inf, inf}, {1, 0}, {10, 1}, {1000, 3}, {0.001, -3}},
		"log1p":   {{nan, nan}, {-1, -inf}, {-2, nan}, {-inf, nan}, {inf, inf}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}},
		"sinh":    {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}, {90, inf}, {-90, -inf}},
		"cosh":    {{nan, nan}, {inf, inf}, {-inf, inf}, {0, 1}, {negz, 1}, {90, inf}, {-90, inf}},
		"tanh":    {{nan, nan}, {inf, 1}, {-inf, -1}, {0, 0}, {negz, negz}, {10, 1}, {-10, -1}, {1e-40, 1e-40}, {-1e-40, -1e-40}},
		"arcsinh": {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}},
		"arccosh": {{nan, nan}, {inf, inf}, {-inf, nan}, {1, 0}, {0.5, nan}, {0, nan}, {-1, nan}},
		"arctanh": {{nan, nan}, {1, inf}, {-1, -inf}, {2, nan}, {-2, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1e-40, 1e-40}},
		"cbrt":    {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {8, 2}, {-27, -3}, {0x1p-147, 0x1p-49}, {-1000, -10}},
	}
	binary := map[string][][3]float64{
		"logaddexp": {{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, inf, inf}, {nan, 1, nan}, {1, nan, nan},
			{nan, inf, nan}, {-inf, 0, 0}, {0, -inf, 0}, {negz, -200, 0}, {-inf, negz, 0}, {negz, negz, math.Ln2}, {0, 0, math.Ln2}, {3e38, -3e38, 3e38}},
		"logaddexp2": {{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, inf, inf}, {nan, 1, nan}, {1, nan, nan},
			{nan, inf, nan}, {-inf, 0, 0}, {0, -inf, 0}, {negz, -200, 0}, {-inf, negz, 0}, {negz, negz, 1}, {0, 0, 1}, {3, 3, 4}, {3e38, -3e38, 3e38}},
	}
	same := func(got float32, want float64) bool {
		w := float32(want)
		if math.IsNaN(want) {
			return math.IsNaN(float64(got))
		}
		return got == w && math.Signbit(float64(got)) == math.Signbit(want)
	}
	for _, f := range feFuncs {
		var xs, ys []float32
		var want []float64
		if f.op2 != nil {
			for _, cs := range binary[f.name] {
				xs, ys, want = append(xs, float32(cs[0])), append(ys, float32(cs[1])), append(want, cs[2])
			}
		} else {
			for _, cs := range unary[f.name] {
				xs, want = append(xs, float32(cs.x)), append(want, cs.want)
			}
		}
		if len(xs) == 0 {
			t.Errorf("%s: no special cases", f.name)
			continue
		}
		got := feRun(fac, f, xs, ys)
		for i := range xs {
			if !same(got[i], want[i]) {
				if ys != nil {
					t.Errorf("%s(%g, %g) = %g, want %g", f.name, xs[i], ys[i], got[i], want[i])
				} else {
					t.Errorf("%s(%g) = %g, want %g", f.name, xs[i], got[i], want[i])
				}
			}
		}
	}
}
