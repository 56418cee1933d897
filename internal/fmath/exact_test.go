package fmath

import (
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// Inputs for the exact-reference test: random points over each
// function's domain plus the regions where Go's math fails or where
// float64 algorithms usually lose accuracy.

type gen struct{ r *rand.Rand }

func newGen() gen { return gen{rand.New(rand.NewPCG(13, 1))} }

// logUniform returns n values with log-uniform magnitude in [lo, hi].
func (g gen) logUniform(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	a, b := math.Log(lo), math.Log(hi)
	for i := range out {
		out[i] = math.Min(hi, math.Max(lo, math.Exp(a+(b-a)*g.r.Float64())))
	}
	return out
}

// uniform returns n values uniform in [lo, hi].
func (g gen) uniform(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = lo + (hi-lo)*g.r.Float64()
	}
	return out
}

// subnormals returns n random subnormals, the powers of two among them
// and the largest one.
func (g gen) subnormals(n int) []float64 {
	out := []float64{5e-324, math.Float64frombits(1<<52 - 1)}
	for e := -1074; e < -1022; e += 3 {
		out = append(out, math.Ldexp(1, e))
	}
	for i := 0; i < n; i++ {
		out = append(out, math.Float64frombits(g.r.Uint64()&(1<<52-1)|1))
	}
	return out
}

// anyFinite returns n positive finite doubles with random bit patterns.
func (g gen) anyFinite(n int) []float64 {
	out := make([]float64, 0, n)
	for len(out) < n {
		x := math.Float64frombits(g.r.Uint64() >> 1)
		if !math.IsInf(x, 0) && !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// ulpSteps returns x, and x moved by k ULPs for k = 1..n in both
// directions.
func ulpSteps(x float64, n int) []float64 {
	out := []float64{x}
	up, down := x, x
	for i := 0; i < n; i++ {
		up, down = math.Nextafter(up, math.Inf(1)), math.Nextafter(down, math.Inf(-1))
		out = append(out, up, down)
	}
	return out
}

// atLeast returns the xs >= lo.
func atLeast(lo float64, xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if x >= lo {
			out = append(out, x)
		}
	}
	return out
}

func neg(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = -x
	}
	return out
}

func cat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// nearPio2 returns the doubles nearest k pi/2 for random k up to kmax,
// and the classic hard case 6381956970095103 * 2^797.
func (g gen) nearPio2(n int, kmax float64) []float64 {
	out := []float64{6381956970095103 * math.Ldexp(1, 797), 77063.27}
	for i := 0; i < n; i++ {
		k := math.Floor(g.r.Float64() * kmax)
		out = append(out, k*(math.Pi/2))
	}
	return out
}

// exactInputs returns the test points per function (n random points per
// region).
func exactInputs(n int) map[string][]float64 {
	g := newGen()
	ord := func() []float64 { // ordinary magnitudes, both signs
		a := g.logUniform(1e-8, 1e3, n)
		return cat(a, neg(a), g.uniform(-2, 2, n))
	}
	trig := func() []float64 {
		huge := g.logUniform(1e306, math.MaxFloat64, n)
		all := g.anyFinite(n)
		return cat(ord(), huge, neg(huge), all, neg(all), g.nearPio2(n, 1<<20), g.nearPio2(n, 1<<28), g.nearPio2(n, 1<<40),
			g.logUniform(1e3, 1e22, n), []float64{math.MaxFloat64, -math.MaxFloat64})
	}
	logs := func() []float64 {
		return cat(g.subnormals(n), g.anyFinite(n), g.uniform(0.5, 2, n), ulpSteps(1, 50),
			g.logUniform(1e-300, 1e300, n), []float64{math.MaxFloat64, math.SmallestNonzeroFloat64})
	}
	return map[string][]float64{
		"exp": cat(ord(), g.uniform(709.4, 709.78, n), ulpSteps(709.782712893384, 20),
			g.uniform(-745.14, -708, n), ulpSteps(-745.1332191019411, 20), g.uniform(-708, 708, n)),
		"exp2": cat(ord(), g.uniform(1020, 1024, n), g.uniform(-1075, -1020, n), g.uniform(-1022, 1023, n)),
		"expm1": cat(ord(), g.uniform(-40, 709.78, n), g.uniform(709.4, 709.78, n), g.subnormals(n/10),
			neg(g.subnormals(n/10)), g.logUniform(1e-300, 1e-8, n)),
		"log":     logs(),
		"log2":    logs(),
		"log10":   logs(),
		"log1p":   cat(g.anyFinite(n), g.subnormals(n/10), neg(g.subnormals(n/10)), g.uniform(-1, 1, n), g.logUniform(1e-300, 1, n), neg(g.logUniform(1e-300, 0.99, n))),
		"sin":     trig(),
		"cos":     trig(),
		"tan":     trig(),
		"sinh":    cat(ord(), g.uniform(-710.47, 710.47, n), g.uniform(709, 710.475, n), g.subnormals(n/10)),
		"cosh":    cat(ord(), g.uniform(-710.47, 710.47, n), g.uniform(709, 710.475, n), g.subnormals(n/10)),
		"tanh":    cat(ord(), g.uniform(-25, 25, n), g.uniform(0.5, 0.6, n), g.subnormals(n/10), g.logUniform(1e-300, 1e-8, n)),
		"arcsin":  cat(g.uniform(-1, 1, n), neg(g.uniform(0.49, 0.51, n)), ulpSteps(0.5, 10), cat(ulpSteps(1, 0), g.uniform(0.99, 1, n)), neg(g.uniform(0.999999, 1, n)), g.logUniform(1e-300, 1, n), g.subnormals(n/10)),
		"arccos":  cat(g.uniform(-1, 1, n), neg(g.uniform(0.49, 0.51, n)), ulpSteps(0.5, 10), g.uniform(0.99, 1, n), neg(g.uniform(0.999999, 1, n)), g.logUniform(1e-300, 1, n), []float64{1, -1}),
		"arctan":  cat(ord(), g.anyFinite(n), neg(g.anyFinite(n)), g.subnormals(n/10)),
		"arcsinh": cat(ord(), g.anyFinite(n), neg(g.anyFinite(n)), g.subnormals(n/10)),
		"arccosh": cat(g.logUniform(1, 1e300, n), atLeast(1, ulpSteps(1, 50)), g.uniform(1, 2, n), []float64{math.MaxFloat64}),
		"arctanh": cat(g.uniform(-1, 1, n), g.uniform(0.999, 1, n), g.logUniform(1e-300, 1, n), g.subnormals(n/10)),
		"cbrt":    cat(ord(), g.anyFinite(n), neg(g.anyFinite(n)), g.subnormals(n/10), []float64{math.MaxFloat64, -math.MaxFloat64}),
	}
}

// exactTol is the largest error, in ULPs of the true value, allowed by
// the exact-reference test: 1 for own implementations; for the functions
// that are Go's, NumPy's float64 bound.
var exactTol = map[string]float64{"expm1": 3, "log1p": 2, "arctan": 3}

// TestExactReference compares every function with a math/big reference
// over random and hard inputs.
func TestExactReference(t *testing.T) {
	n := 400
	if s := os.Getenv("FMATH_EXACT_N"); s != "" {
		n, _ = strconv.Atoi(s)
	} else if testing.Short() {
		n = 60
	}
	inputs := exactInputs(n)
	for _, name := range sortedNames(funcs1) {
		f, ref := funcs1[name], refFuncs[name]
		tol, ok := exactTol[name]
		if !ok {
			tol = 1
		}
		t.Run(name, func(t *testing.T) {
			var maxErr, worst float64
			for _, x := range inputs[name] {
				got := f(x)
				e := ulpErr(got, ref(x))
				if e > maxErr {
					maxErr, worst = e, x
				}
				if e > tol {
					t.Errorf("%s(%v) = %v: %.3f ULP from exact > %g", name, x, got, e, tol)
				}
			}
			t.Logf("%-8s %s max %.3f ULP over %d points (x=%v)", name, source(name), maxErr, len(inputs[name]), worst)
		})
	}
	g := newGen()
	for _, name := range sortedNames(funcs2) {
		f, ref := funcs2[name], refFuncs2[name]
		t.Run(name, func(t *testing.T) {
			xs := cat(g.logUniform(1e-300, 1e300, 4*n), g.uniform(-10, 10, 4*n), g.subnormals(n))
			var maxErr float64
			for i, x := range xs {
				y := xs[(i*7919+13)%len(xs)]
				if i%2 == 0 {
					y = -y
				}
				if i%3 == 0 {
					x = -x
				}
				got := f(y, x)
				e := ulpErr(got, ref(y, x))
				maxErr = math.Max(maxErr, e)
				if e > 1 {
					t.Errorf("%s(%v, %v) = %v: %.3f ULP from exact > 1", name, y, x, got, e)
				}
			}
			t.Logf("%-8s max %.3f ULP over %d points", name, maxErr, len(xs))
		})
	}
}
