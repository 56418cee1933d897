package gpu_test

// The float32 trigonometric functions of shaders/math_float_trig.glsl
// (sin, cos, tan, arcsin, arccos, arctan, arctan2, hypot), run on the GPU
// through the public tensor API and measured three ways: every float32 row
// of NumPy's validation file for the function (within the file's bound, as
// NumPy's test_umath_accuracy.py checks); a dense sweep over every binade,
// the floats nearest multiples of pi/2, huge arguments and subnormals
// against Go's float64 math at the float32 input (2^29 times finer than a
// float32 ulp, so a fair judge of float32 ulps); and exact special values
// (C99 Annex F, which NumPy follows). Checks of the GLSL file's constants
// and of the argument reduction's error bound need no GPU.

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/numgl/numgl/conformance"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// mtFunc is one function under test: unary (op1) or binary (op2), with
// its float64 reference. bound is NumPy's ULP bound from the function's
// validation file (file true), or the bound this package holds itself to
// where NumPy has no file.
type mtFunc struct {
	name  string
	file  bool
	bound float64
	op1   func(a any) *tensor.Array
	op2   func(a, b any) *tensor.Array
	ref   func(x, y float64) float64
}

var mtFuncs = []mtFunc{
	{name: "sin", file: true, bound: 2, op1: tensor.Sin, ref: func(x, _ float64) float64 { return math.Sin(x) }},
	{name: "cos", file: true, bound: 2, op1: tensor.Cos, ref: func(x, _ float64) float64 { return math.Cos(x) }},
	{name: "tan", file: true, bound: 4, op1: tensor.Tan, ref: func(x, _ float64) float64 { return math.Tan(x) }},
	{name: "arcsin", file: true, bound: 4, op1: tensor.ArcSin, ref: func(x, _ float64) float64 { return math.Asin(x) }},
	{name: "arccos", file: true, bound: 3, op1: tensor.ArcCos, ref: func(x, _ float64) float64 { return math.Acos(x) }},
	{name: "arctan", file: true, bound: 3, op1: tensor.ArcTan, ref: func(x, _ float64) float64 { return math.Atan(x) }},
	{name: "arctan2", bound: 2, op2: tensor.ArcTan2, ref: math.Atan2},
	{name: "hypot", bound: 2, op2: tensor.Hypot, ref: math.Hypot},
}

// mtRun evaluates f on the GPU.
func mtRun(fac tensor.Factory, f mtFunc, xs, ys []float32) []float32 {
	if f.op2 != nil {
		return f.op2(fac.FromHost(xs), fac.FromHost(ys)).Data().([]float32)
	}
	return f.op1(fac.FromHost(xs)).Data().([]float32)
}

// mtUlps is the error of got in float32 ulps of the exact value ref: the
// ulp of ref's binade (of the subnormal grid below 2^-126). NaN must meet
// NaN, and an infinity (or a value that rounds to one) the same float32.
func mtUlps(got float32, ref float64) float64 {
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
	_, e := math.Frexp(ref)
	ulp := math.Ldexp(1, max(e-1, -126)-23)
	return math.Abs(float64(got)-ref) / ulp
}

// mtSubnormal reports whether v is a float32 subnormal (or rounds to one).
func mtSubnormal(v float64) bool { return v != 0 && math.Abs(v) < 0x1p-126 }

// mtInputs returns the sweep's inputs for f: every binade of both signs
// (130000 floats uniform over bit patterns), uniform points over the
// working range, the hard spots of the function's method and special
// values; for the binary functions, pairs over all exponents and both
// signs, close to each other, far apart, near the seams of arctan2's
// reduction and near hypot's overflow and underflow thresholds.
func mtInputs(name string) (xs, ys []float32) {
	rng := rand.New(rand.NewPCG(13, uint64(len(name))))
	uni := func(lo, hi float64) float32 { return float32(lo + (hi-lo)*rng.Float64()) }
	add := func(n int, f func() float32) {
		for range n {
			xs = append(xs, f())
		}
	}
	anyFloat := func() float32 { // any finite float of either sign, uniform over bit patterns
		return math.Float32frombits(rng.Uint32N(0x7f800000) | rng.Uint32N(2)<<31)
	}
	specials := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
		1, -1, 2, 0.5, -0.5, math.MaxFloat32, -math.MaxFloat32, 0x1p-126, -0x1p-126, 0x1p-149, -0x1p-149, 0x1p-127, 1e-40, -1e-40}
	if name == "arctan2" || name == "hypot" {
		pairs := func(n int, f func() (float32, float32)) {
			for range n {
				a, b := f()
				xs, ys = append(xs, a), append(ys, b)
			}
		}
		pairs(60000, func() (float32, float32) { return anyFloat(), anyFloat() })
		pairs(30000, func() (float32, float32) { return uni(-10, 10), uni(-10, 10) })
		pairs(20000, func() (float32, float32) { a := anyFloat(); return a, a * uni(0.5, 2) })
		pairs(20000, func() (float32, float32) { // ratio near 1 and near tan(pi/8) for arctan2's seams
			a := uni(-100, 100)
			return a, a * float32([]float64{1, -1, math.Sqrt2 - 1, 1 - math.Sqrt2, math.Sqrt2 + 1}[rng.IntN(5)]*(1+(2*rng.Float64()-1)*1e-5))
		})
		pairs(10000, func() (float32, float32) { return uni(-1e38, 1e38) * 3, uni(-1e38, 1e38) * 3 }) // hypot overflows
		pairs(10000, func() (float32, float32) {
			return math.Float32frombits(rng.Uint32N(1 << 24)), math.Float32frombits(rng.Uint32N(1 << 24)) // subnormal or tiny
		})
		for _, a := range specials {
			for _, b := range specials {
				xs, ys = append(xs, a), append(ys, b)
			}
		}
		return xs, ys
	}
	add(130000, func() float32 { return anyFloat() })
	switch name {
	case "sin", "cos", "tan":
		add(30000, func() float32 { return uni(-10, 10) })
		add(30000, func() float32 { return uni(-2100, 2100) })
		add(20000, func() float32 { return uni(-1e6, 1e6) })
		// The floats nearest multiples of pi/2, and their neighbours.
		for range 20000 {
			k := rng.IntN(1 << 20)
			if rng.IntN(2) == 0 {
				k = rng.IntN(2000)
			}
			v := float32(float64(k) * math.Pi / 2)
			for d := int32(-2); d <= 2; d++ {
				xs = append(xs, math.Float32frombits(uint32(int32(math.Float32bits(v))+d)))
			}
		}
		// The float nearest a multiple of pi/2 in every binade from 1/2
		// on (found by the exhaustive search of mtReductionScan).
		for _, x := range mtClosest() {
			xs = append(xs, x, -x, math.Nextafter32(x, 0), math.Nextafter32(x, float32(math.Inf(1))))
		}
		xs = append(xs, 0.78539818, 0.7853982, 0.78539813, 2048, math.Nextafter32(2048, 0), 2.44140625e-4,
			math.Nextafter32(2.44140625e-4, 0), 252.89821, 2.1999385e+10, 1e22, 1e38)
	case "arcsin", "arccos":
		add(60000, func() float32 { return uni(-1, 1) })
		add(20000, func() float32 { return float32(1 - float64(rng.IntN(1<<16))*0x1p-24) })
		add(20000, func() float32 { return float32(-1 + float64(rng.IntN(1<<16))*0x1p-24) })
		add(10000, func() float32 { return uni(0.49, 0.51) })
		add(10000, func() float32 { return uni(-0.51, -0.49) })
		xs = append(xs, 0.5, -0.5, math.Nextafter32(0.5, 1), math.Nextafter32(-0.5, -1), math.Nextafter32(1, 0),
			math.Nextafter32(-1, 0), math.Nextafter32(1, 2), 2.44140625e-4, math.Nextafter32(2.44140625e-4, 0))
	case "arctan":
		add(40000, func() float32 { return uni(-3, 3) })
		add(20000, func() float32 { return uni(0.41, 0.42) })
		add(20000, func() float32 { return uni(0.99, 1.01) })
		add(20000, func() float32 { return uni(-1e8, 1e8) })
		xs = append(xs, 0.41421356, math.Nextafter32(0.41421356, 1), 67108864, math.Nextafter32(67108864, 1e9),
			33554432, 1, -1, 2.44140625e-4, math.Nextafter32(2.44140625e-4, 0))
	}
	return append(xs, specials...), nil
}

// TestMathFloatTrigValidation checks every float32 row of NumPy's
// validation file of each function against the file's bound.
func TestMathFloatTrigValidation(t *testing.T) {
	fac, flush := openFloat32(t)
	_, files, err := conformance.ValidationFiles()
	if err != nil {
		t.Skipf("NumPy's validation files: %v", err)
	}
	for _, f := range mtFuncs {
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
			var xs, want []float32
			var bound []int
			for _, r := range rows {
				if r.DType == dtype.Float32 {
					xs = append(xs, math.Float32frombits(uint32(r.In)))
					want = append(want, math.Float32frombits(uint32(r.Want)))
					bound = append(bound, r.ULP)
				}
			}
			if len(xs) == 0 {
				t.Fatal("no float32 rows")
			}
			got := mtRun(fac, f, xs, nil)
			worst, arg, excused := 0.0, "", 0
			for i, x := range xs {
				if flush && (mtSubnormal(float64(x)) || mtSubnormal(float64(want[i]))) {
					excused++
					continue
				}
				u := conformance.ULPDistance32(got[i], want[i])
				if u > worst {
					worst, arg = u, fmt.Sprintf("%s(%g) = %g, NumPy's file %g", f.name, x, got[i], want[i])
				}
				if u > float64(bound[i]) {
					t.Errorf("%s(%g [%#08x]) = %g, want %g: %g ulp (bound %d)",
						f.name, x, math.Float32bits(x), got[i], want[i], u, bound[i])
				}
			}
			t.Logf("%-7s %4d float32 rows: max %g ulp (bound %d) [%s]; %d excused (subnormal, flushed)",
				f.name, len(xs), worst, bound[0], arg, excused)
		})
	}
}

// TestMathFloatTrigSweep measures each function over its dense sweep
// against the float64 reference, within NumPy's bound, logging the
// largest error.
func TestMathFloatTrigSweep(t *testing.T) {
	fac, flush := openFloat32(t)
	for _, f := range mtFuncs {
		t.Run(f.name, func(t *testing.T) {
			xs, ys := mtInputs(f.name)
			got := mtRun(fac, f, xs, ys)
			y := func(i int) float32 { return mtAt(ys, i) }
			arg := func(i int) string {
				if ys == nil {
					return fmt.Sprintf("%g [%#08x]", xs[i], math.Float32bits(xs[i]))
				}
				return fmt.Sprintf("%g, %g", xs[i], ys[i])
			}
			worst, worstArg, nfail, nsub, excused := 0.0, "", 0, 0, 0
			for i := range xs {
				ref := f.ref(float64(xs[i]), float64(y(i)))
				if mtSubnormal(float64(xs[i])) || mtSubnormal(float64(y(i))) || mtSubnormal(ref) {
					nsub++
					if flush {
						excused++
						continue
					}
				}
				u := mtUlps(got[i], ref)
				if ref == 0 && !(got[i] == 0 && math.Signbit(float64(got[i])) == math.Signbit(ref)) {
					u = math.Inf(1) // an exact zero, by sign
				}
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
			if nfail > 10 {
				t.Errorf("%s: %d inputs over the bound", f.name, nfail)
			}
			t.Logf("%-7s %6d inputs: max %.3f ulp [%s]; %d with a subnormal input or result (%d excused: flushed)",
				f.name, len(xs), worst, worstArg, nsub, excused)
		})
	}
}

// TestMathFloatTrigSpecialValues checks C99 Annex F's (and NumPy's)
// special cases exactly, zeros by sign.
func TestMathFloatTrigSpecialValues(t *testing.T) {
	fac, _ := openFloat32(t)
	nan, inf := math.NaN(), math.Inf(1)
	negz := math.Copysign(0, -1)
	pi, pio2, pio4 := math.Pi, math.Pi/2, math.Pi/4
	type c struct{ x, want float64 }
	unary := map[string][]c{
		"sin":    {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}, {0x1p-149, 0x1p-149}},
		"cos":    {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 1}, {negz, 1}, {1e-40, 1}, {-0x1p-149, 1}},
		"tan":    {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}},
		"arcsin": {{nan, nan}, {inf, nan}, {-inf, nan}, {2, nan}, {-2, nan}, {1.0000001, nan}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {1, pio2}, {-1, -pio2}},
		"arccos": {{nan, nan}, {inf, nan}, {-inf, nan}, {2, nan}, {-1.0000001, nan}, {1, 0}, {-1, pi}, {0, pio2}, {negz, pio2}, {1e-40, pio2}},
		"arctan": {{nan, nan}, {inf, pio2}, {-inf, -pio2}, {0, 0}, {negz, negz}, {1e-40, 1e-40}, {-1e-40, -1e-40}, {1, pio4}, {-1, -pio4},
			{math.MaxFloat32, pio2}, {-math.MaxFloat32, -pio2}},
	}
	// arctan2(y, x) as C99 Annex F, F.9.1.4; hypot F.9.4.3.
	binary := map[string][][3]float64{
		"arctan2": {{0, 1, 0}, {negz, 1, negz}, {0, 0, 0}, {negz, 0, negz}, {0, negz, pi}, {negz, negz, -pi}, {0, -1, pi}, {negz, -1, -pi},
			{1, 0, pio2}, {1, negz, pio2}, {-1, 0, -pio2}, {-1, negz, -pio2}, {1e-40, 0, pio2},
			{inf, 1, pio2}, {-inf, 1, -pio2}, {inf, -1, pio2}, {inf, inf, pio4}, {-inf, inf, -pio4}, {inf, -inf, 3 * pio4},
			{-inf, -inf, -3 * pio4}, {1, inf, 0}, {-1, inf, negz}, {1, -inf, pi}, {-1, -inf, -pi}, {0, inf, 0}, {negz, -inf, -pi},
			{nan, 1, nan}, {1, nan, nan}, {nan, inf, nan}, {inf, nan, nan}, {nan, nan, nan}, {1, 1, pio4}, {-1, -1, -3 * pio4},
			{math.MaxFloat32, 0x1p-149, pio2}, {0x1p-149, math.MaxFloat32, 0}, {-0x1p-149, -math.MaxFloat32, -pi}},
		"hypot": {{inf, nan, inf}, {nan, inf, inf}, {-inf, nan, inf}, {nan, -inf, inf}, {inf, 1, inf}, {1, -inf, inf},
			{nan, 1, nan}, {1, nan, nan}, {nan, 0, nan}, {0, 0, 0}, {negz, negz, 0}, {negz, 3, 3}, {-3, 0, 3}, {3, 4, 5}, {-3, -4, 5},
			{3e38, 3e38, inf}, {2e38, 2e38, 2.8284271247461903e38}, {0x1p-149, 0x1p-149, 0x1p-149}, {3e-45, 4e-45, 5.605193857299268e-45},
			{1e30, 1, 1e30}, {0x1p-149, 0, 0x1p-149}},
	}
	same := func(got float32, want float64) bool {
		if math.IsNaN(want) {
			return math.IsNaN(float64(got))
		}
		w := float32(want)
		return got == w && math.Signbit(float64(got)) == math.Signbit(want)
	}
	for _, f := range mtFuncs {
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
		got := mtRun(fac, f, xs, ys)
		for i := range xs {
			arg := fmt.Sprintf("%g", xs[i])
			if ys != nil {
				arg = fmt.Sprintf("%g, %g", xs[i], ys[i])
			}
			if !same(got[i], want[i]) {
				t.Errorf("%s(%s) = %g, want %g", f.name, arg, got[i], float32(want[i]))
			}
			// The table itself, against Go's float64 functions.
			if g := f.ref(float64(xs[i]), float64(mtAt(ys, i))); !same(float32(g), want[i]) {
				t.Errorf("test table: Go's %s(%s) = %g, table says %g", f.name, arg, g, want[i])
			}
		}
	}
}

// mtAt is ys[i], or 0 for a unary function's nil ys.
func mtAt(ys []float32, i int) float32 {
	if ys == nil {
		return 0
	}
	return ys[i]
}

// ---- checks of the GLSL source (no GPU) ----

// mtSource returns shaders/math_float_trig.glsl.
func mtSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../shaders/math_float_trig.glsl")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mtPi is pi to 600 bits by Machin's formula, pi = 16 atan(1/5) -
// 4 atan(1/239), each arctangent by its series.
var mtPi = sync.OnceValue(func() *big.Float {
	const prec = 600
	atanInv := func(n int64) *big.Float {
		x := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), big.NewFloat(float64(n)))
		x2 := new(big.Float).SetPrec(prec).Mul(x, x)
		sum, pow := new(big.Float).SetPrec(prec).Set(x), new(big.Float).SetPrec(prec).Set(x)
		for k := int64(1); pow.MantExp(nil) > -prec-8; k++ {
			pow.Mul(pow, x2)
			term := new(big.Float).SetPrec(prec).Quo(pow, big.NewFloat(float64(2*k+1)))
			if k%2 == 1 {
				sum.Sub(sum, term)
			} else {
				sum.Add(sum, term)
			}
		}
		return sum
	}
	a := atanInv(5)
	a.Mul(a, big.NewFloat(16))
	b := atanInv(239)
	b.Mul(b, big.NewFloat(4))
	return a.Sub(a, b)
})

// mtMulPi returns pi * num / den to 600 bits.
func mtMulPi(num, den float64) *big.Float {
	v := new(big.Float).SetPrec(600).Mul(mtPi(), big.NewFloat(num))
	return v.Quo(v, big.NewFloat(den))
}

// mtConstFloat returns the value of `const float NAME = uintBitsToFloat(0x...u)`.
func mtConstFloat(t *testing.T, src, name string) float32 {
	t.Helper()
	m := regexp.MustCompile(`const float ` + name + ` = uintBitsToFloat\(0x([0-9a-fA-F]{8})u\)`).FindStringSubmatch(src)
	if m == nil {
		t.Fatalf("no constant %s", name)
	}
	b, _ := strconv.ParseUint(m[1], 16, 32)
	return math.Float32frombits(uint32(b))
}

func TestMathFloatTrigHasEveryFunction(t *testing.T) {
	src := mtSource(t)
	for _, sig := range []string{"float nsin(float x)", "float ncos(float x)", "float ntan(float x)", "float nasin(float x)",
		"float nacos(float x)", "float natan(float x)", "float natan2(float y, float x)", "float nhypot(float a, float b)"} {
		if !strings.Contains(src, sig) {
			t.Errorf("math_float_trig.glsl does not define %s", sig)
		}
	}
	// No built-in does the work: GLSL promises nothing of their accuracy.
	for _, b := range []string{"sin(", "cos(", "tan(", "asin(", "acos(", "atan(", "fma(", "double"} {
		if regexp.MustCompile(`[^\w]` + regexp.QuoteMeta(b)).MatchString(mtStripComments(src)) {
			t.Errorf("math_float_trig.glsl calls the built-in %s", strings.TrimSuffix(b, "("))
		}
	}
}

// mtStripComments drops // comments.
func mtStripComments(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i] + "\n"
		}
		b.WriteString(line)
	}
	return b.String()
}

// TestMathFloatTrigConstants checks the table of 2/pi's bits and the
// float-float constants against a 600-bit pi, and the Cody-Waite parts of
// pi/2 for the properties the reduction relies on.
func TestMathFloatTrigConstants(t *testing.T) {
	src := mtSource(t)
	m := regexp.MustCompile(`const uint MF_2_OVER_PI\[8\] = uint\[8\]\(([^)]*)\)`).FindStringSubmatch(src)
	if m == nil {
		t.Fatal("no MF_2_OVER_PI table")
	}
	var words []uint32
	for _, w := range strings.Split(m[1], ",") {
		v, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(w), "0x"), "u"), 16, 32)
		if err != nil {
			t.Fatalf("MF_2_OVER_PI word %q: %v", w, err)
		}
		words = append(words, uint32(v))
	}
	// 2/pi = sum words[i] 2^(-32 i): the first word stands for the bits
	// above the binary point (none).
	frac := new(big.Float).SetPrec(600).Quo(big.NewFloat(2), mtPi())
	for i, w := range words {
		want, _ := frac.Uint64()
		if i > 0 && uint64(w) != want || i == 0 && w != 0 {
			t.Errorf("MF_2_OVER_PI[%d] = %#08x, want %#08x", i, w, want)
		}
		frac.Sub(frac, new(big.Float).SetUint64(want))
		frac.Mul(frac, big.NewFloat(1<<32))
	}

	// Float-float pairs: hi the correctly rounded value, lo the rounded rest.
	for _, c := range []struct {
		hi, lo   string
		num, den float64
	}{{"MF_PIO2_HI", "MF_PIO2_LO", 1, 2}, {"MF_PI_HI", "MF_PI_LO", 1, 1}, {"MF_PIO4_HI", "MF_PIO4_LO", 1, 4}} {
		v := mtMulPi(c.num, c.den)
		hi, lo := mtConstFloat(t, src, c.hi), mtConstFloat(t, src, c.lo)
		if want, _ := v.Float32(); hi != want {
			t.Errorf("%s = %g, want %g", c.hi, hi, want)
		}
		rest := new(big.Float).SetPrec(600).Sub(v, big.NewFloat(float64(hi)))
		if want, _ := rest.Float32(); lo != want {
			t.Errorf("%s = %g, want %g", c.lo, lo, want)
		}
	}
	if got, want := mtConstFloat(t, src, "MF_3PIO4"), float32(3*math.Pi/4); got != want {
		t.Errorf("MF_3PIO4 = %g, want %g", got, want)
	}
	if got, want := mtConstFloat(t, src, "MF_2_PI"), float32(2/math.Pi); got != want {
		t.Errorf("MF_2_PI = %g, want %g", got, want)
	}

	// Cody-Waite: C1..C3 have at most 13 significant bits (so n * Ci is
	// exact for n < 2^11), C4 is the rounded rest, and the four sum to
	// pi/2 within 2^-60.
	sum := new(big.Float).SetPrec(600)
	for i, name := range []string{"MF_C1", "MF_C2", "MF_C3", "MF_C4"} {
		c := mtConstFloat(t, src, name)
		if i < 3 {
			if sig := 24 - bits.TrailingZeros32(math.Float32bits(c)|1<<23); sig > 13 {
				t.Errorf("%s = %g has %d significant bits, want <= 13", name, c, sig)
			}
		} else {
			rest := new(big.Float).SetPrec(600).Sub(mtMulPi(1, 2), sum)
			if want, _ := rest.Float32(); c != want {
				t.Errorf("%s = %g, want the rest of pi/2 %g", name, c, want)
			}
		}
		sum.Add(sum, big.NewFloat(float64(c)))
	}
	d, _ := sum.Sub(sum, mtMulPi(1, 2)).Float64()
	if math.Abs(d) > 0x1p-60 {
		t.Errorf("MF_C1 + MF_C2 + MF_C3 + MF_C4 - pi/2 = %g, want under 2^-60", d)
	}
}

// mtPoly returns the coefficients, lowest degree first, of the Horner
// polynomial in the GLSL function fn (its `float p = c;` and
// `p = c + z * p;` lines, and a final `return c + z * p;`).
func mtPoly(t *testing.T, src, fn string) []float64 {
	t.Helper()
	i := strings.Index(src, fn+"(")
	if i < 0 {
		t.Fatalf("no function %s", fn)
	}
	body := src[i:]
	body = body[:strings.Index(body, "\n}")]
	re := regexp.MustCompile(`(?:float p = |p = |return )(-?[0-9.]+(?:e[-+]?[0-9]+)?)(?: \+ zh? \* p)?;`)
	var c []float64
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		v, err := strconv.ParseFloat(m[1], 32)
		if err != nil {
			t.Fatal(err)
		}
		c = append([]float64{v}, c...)
	}
	if len(c) < 3 {
		t.Fatalf("%s: found %d coefficients", fn, len(c))
	}
	return c
}

// TestMathFloatTrigPolynomials checks the kernels' polynomials in float64
// against Go's math over their ranges: the relative error each adds to
// its function stays near what its fit claims, far below a float32 ulp.
func TestMathFloatTrigPolynomials(t *testing.T) {
	src := mtSource(t)
	horner := func(c []float64, z float64) float64 {
		p := 0.0
		for i := len(c) - 1; i >= 0; i-- {
			p = c[i] + z*p
		}
		return p
	}
	for _, k := range []struct {
		fn     string
		hi     float64 // the range of the argument r, [0, hi]
		approx func(c []float64, r float64) float64
		exact  func(r float64) float64
		claim  float64 // the relative error the header comment claims
	}{
		{"mf_sin_kernel", math.Pi / 4 * 1.001, func(c []float64, r float64) float64 { return r + r*r*r*horner(c, r*r) }, math.Sin, math.Exp2(-32.5)},
		{"mf_cos_kernel", math.Pi / 4 * 1.001, func(c []float64, r float64) float64 { return 1 - r*r/2 + r*r*r*r*horner(c, r*r) }, math.Cos, math.Exp2(-37)},
		{"mf_asin_poly", 0.5, func(c []float64, r float64) float64 { return r + r*r*r*horner(c, r*r) }, math.Asin, math.Exp2(-31.7)},
		{"mf_atan_poly", math.Sqrt2 - 1, func(c []float64, r float64) float64 { return r + r*r*r*horner(c, r*r) }, math.Atan, math.Exp2(-33.9)},
	} {
		c := mtPoly(t, src, k.fn)
		worst := 0.0
		for i := 1; i <= 20000; i++ {
			r := k.hi * float64(i) / 20000
			worst = max(worst, math.Abs(k.approx(c, r)/k.exact(r)-1))
		}
		t.Logf("%-14s %d coefficients: max relative error %.3g (2^%.1f)", k.fn, len(c), worst, math.Log2(worst))
		if worst > k.claim*1.1+0x1p-50 {
			t.Errorf("%s: relative error %.3g, the comment claims %.3g", k.fn, worst, k.claim)
		}
	}
}

// mtScan is the exhaustive search behind the reductions' error bounds:
// for every float in every binade from 1/2 up, the distance of x 2/pi from
// the nearest integer (in units of pi/2: r = d pi/2), with x 2/pi mod 1
// stepped through each binade in 128-bit fixed point (x = m 2^(e-23), one
// step of 2^(e-23) 2/pi per m, accumulated error under 2^-100).
type mtScanResult struct {
	closest []float32 // per binade, the float nearest a multiple of pi/2
	minD    []float64 // its distance d = |x 2/pi - n|
}

var mtScan = sync.OnceValue(func() mtScanResult {
	const emin, emax = -1, 127
	n := emax - emin + 1
	res := mtScanResult{closest: make([]float32, n), minD: make([]float64, n)}
	twoOverPi := new(big.Float).SetPrec(600).Quo(big.NewFloat(2), mtPi())
	// fixed128 returns frac(2/pi 2^k) in 128-bit fixed point.
	fixed128 := func(k int) (hi, lo uint64) {
		v := new(big.Float).SetPrec(600).SetMantExp(twoOverPi, k)
		ip, _ := v.Int(nil)
		v.Sub(v, new(big.Float).SetInt(ip))
		v.SetMantExp(v, 128)
		f, _ := v.Int(nil)
		lo = f.Uint64()
		hi = f.Rsh(f, 64).Uint64()
		return hi, lo
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for e := emin + w; e <= emax; e += 2 {
				sh, sl := fixed128(e - 23)
				yh, yl := fixed128(e)
				bestH, bestL, bestM := uint64(math.MaxUint64), uint64(math.MaxUint64), uint32(0)
				for m := uint32(1 << 23); m < 1<<24; m++ {
					dh, dl := yh, yl
					if dh>>63 != 0 { // above 1/2: the distance is to the next integer
						var b uint64
						dl, b = bits.Sub64(0, dl, 0)
						dh, _ = bits.Sub64(0, dh, b)
					}
					if dh < bestH || dh == bestH && dl < bestL {
						bestH, bestL, bestM = dh, dl, m
					}
					var c uint64
					yl, c = bits.Add64(yl, sl, 0)
					yh, _ = bits.Add64(yh, sh, c)
				}
				i := e - emin
				res.closest[i] = float32(math.Ldexp(float64(bestM), e-23))
				res.minD[i] = math.Ldexp(float64(bestH), -64) + math.Ldexp(float64(bestL), -128)
			}
		})
	}
	wg.Wait()
	return res
})

// mtClosest returns the float nearest a multiple of pi/2 in each binade
// from 1/2 up (those below pi/4 are not reduced and are harmless).
func mtClosest() []float32 { return mtScan().closest }

// TestMathFloatTrigReductionBound reproduces the exhaustive search the
// reduction's comments rely on: below 2048 no float is closer to a
// multiple of pi/2 than 2^-27.9 (so Cody-Waite's error under 2^-56 is
// 2^-28 of r at worst), and from 2048 up |x 2/pi - n| >= 2^-30 (so
// Payne-Hanek's fraction has at most 29 leading zeros of its 96 bits).
func TestMathFloatTrigReductionBound(t *testing.T) {
	s := mtScan()
	cw, ph := math.Inf(1), math.Inf(1)
	var cwX, phX float32
	for i, x := range s.closest {
		if x < 0.78539818 {
			continue
		}
		r := s.minD[i] * math.Pi / 2
		if x < 2048 && r < cw {
			cw, cwX = r, x
		}
		if x >= 2048 && s.minD[i] < ph {
			ph, phX = s.minD[i], x
		}
	}
	t.Logf("below 2048: min |r| %.3g (2^%.2f) at %v; from 2048: min |x 2/pi - n| %.3g (2^%.2f) at %v",
		cw, math.Log2(cw), cwX, ph, math.Log2(ph), phX)
	if cw < math.Exp2(-27.9) {
		t.Errorf("below 2048 a float is %g from a multiple of pi/2, the comment says 2^-27.9", cw)
	}
	if ph < 0x1p-30 {
		t.Errorf("from 2048 |x 2/pi - n| reaches %g, the comment says 2^-30", ph)
	}
}
