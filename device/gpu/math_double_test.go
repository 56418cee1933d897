package gpu_test

// The float64 exp, log, log1p, expm1, sin, cos, tan, tanh and power of
// shaders/math_double.glsl, run on the GPU through the public tensor API
// and measured two ways: against Go's math package (relative error, the
// bound the project asks for) and against a 320-bit math/big reference
// (error in ulps of the correctly rounded result, which says how close to
// correct rounding the kernels are: Go's own functions are only within
// about 1 ulp, and math.Pow drifts for large exponents).

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/numgl/numgl/conformance"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// Bounds. Every function measures under 0.75 ulp against the exact value
// on llvmpipe (see the log of TestMathDoubleAccuracy). The quotients in
// the kernels are corrected from exact remainders, so a GPU whose division
// is not correctly rounded should stay within 1 ulp too. Against Go the
// bound is the project's 1e-14, checked where Go itself is within half
// of it of the exact value.
const (
	mdMaxRelVsGo  = 1e-14
	mdMaxUlpVsRef = 1.0
)

// mdOpen returns a factory on the GPU, skipping without one (or without
// fp64) unless NUMGL_REQUIRE_GPU=1.
func mdOpen(t *testing.T) tensor.Factory {
	t.Helper()
	d := openGPU(t)
	if !d.Supports(dtype.Float64) {
		t.Skipf("%s has no fp64", d.Name())
	}
	return tensor.On(d)
}

// mdFunc is one function under test.
type mdFunc struct {
	name string
	gpu  func(a, b *tensor.Array) *tensor.Array
	gof  func(x, y float64) float64
	ref  func(x, y float64) *big.Float // nil for ±inf or NaN: then Go's value is exact
}

var mdFuncs = []mdFunc{
	{"exp", func(a, _ *tensor.Array) *tensor.Array { return a.Exp() }, func(x, _ float64) float64 { return math.Exp(x) },
		func(x, _ float64) *big.Float { return mdExp(mdBig(x)) }},
	{"log", func(a, _ *tensor.Array) *tensor.Array { return a.Log() }, func(x, _ float64) float64 { return math.Log(x) },
		func(x, _ float64) *big.Float { return mdLog(mdBig(x)) }},
	{"log1p", func(a, _ *tensor.Array) *tensor.Array { return a.Log1p() }, func(x, _ float64) float64 { return math.Log1p(x) },
		func(x, _ float64) *big.Float { return mdLog1p(x) }},
	{"expm1", func(a, _ *tensor.Array) *tensor.Array { return a.Expm1() }, func(x, _ float64) float64 { return math.Expm1(x) },
		func(x, _ float64) *big.Float { return mdExpm1(x) }},
	{"sin", func(a, _ *tensor.Array) *tensor.Array { return a.Sin() }, func(x, _ float64) float64 { return math.Sin(x) },
		func(x, _ float64) *big.Float { s, _ := mdSinCos(x); return s }},
	{"cos", func(a, _ *tensor.Array) *tensor.Array { return a.Cos() }, func(x, _ float64) float64 { return math.Cos(x) },
		func(x, _ float64) *big.Float { _, c := mdSinCos(x); return c }},
	{"tan", func(a, _ *tensor.Array) *tensor.Array { return a.Tan() }, func(x, _ float64) float64 { return math.Tan(x) },
		func(x, _ float64) *big.Float { s, c := mdSinCos(x); return s.Quo(s, c) }},
	{"tanh", func(a, _ *tensor.Array) *tensor.Array { return a.Tanh() }, func(x, _ float64) float64 { return math.Tanh(x) },
		func(x, _ float64) *big.Float { return mdTanh(x) }},
	{"power", func(a, b *tensor.Array) *tensor.Array { return a.Power(b) }, math.Pow, mdPow},
	{"exp2", func(a, _ *tensor.Array) *tensor.Array { return a.Exp2() }, func(x, _ float64) float64 { return math.Exp2(x) },
		func(x, _ float64) *big.Float { return mdExp(mdNew().Mul(mdBig(x), mdLn2())) }},
	{"log2", func(a, _ *tensor.Array) *tensor.Array { return a.Log2() }, func(x, _ float64) float64 { return math.Log2(x) },
		func(x, _ float64) *big.Float { return mdQuo(mdLog(mdBig(x)), mdLn2()) }},
	{"log10", func(a, _ *tensor.Array) *tensor.Array { return a.Log10() }, func(x, _ float64) float64 { return math.Log10(x) },
		func(x, _ float64) *big.Float { return mdQuo(mdLog(mdBig(x)), mdLn10()) }},
	{"sinh", func(a, _ *tensor.Array) *tensor.Array { return a.Sinh() }, func(x, _ float64) float64 { return math.Sinh(x) }, mdSinh},
	{"cosh", func(a, _ *tensor.Array) *tensor.Array { return a.Cosh() }, func(x, _ float64) float64 { return math.Cosh(x) }, mdCosh},
	{"arcsinh", func(a, _ *tensor.Array) *tensor.Array { return a.ArcSinh() }, func(x, _ float64) float64 { return math.Asinh(x) }, mdAsinh},
	{"arccosh", func(a, _ *tensor.Array) *tensor.Array { return a.ArcCosh() }, func(x, _ float64) float64 { return math.Acosh(x) }, mdAcosh},
	{"arctanh", func(a, _ *tensor.Array) *tensor.Array { return a.ArcTanh() }, func(x, _ float64) float64 { return math.Atanh(x) }, mdAtanh64},
	{"cbrt", func(a, _ *tensor.Array) *tensor.Array { return a.Cbrt() }, func(x, _ float64) float64 { return math.Cbrt(x) }, mdCbrt},
	{"arcsin", func(a, _ *tensor.Array) *tensor.Array { return a.ArcSin() }, func(x, _ float64) float64 { return math.Asin(x) }, mdAsin},
	{"arccos", func(a, _ *tensor.Array) *tensor.Array { return a.ArcCos() }, func(x, _ float64) float64 { return math.Acos(x) }, mdAcos},
	{"arctan", func(a, _ *tensor.Array) *tensor.Array { return a.ArcTan() }, func(x, _ float64) float64 { return math.Atan(x) }, mdAtan64},
	{"arctan2", func(a, b *tensor.Array) *tensor.Array { return a.ArcTan2(b) }, math.Atan2, mdAtan2},
	{"hypot", func(a, b *tensor.Array) *tensor.Array { return a.Hypot(b) }, math.Hypot, mdHypot},
	{"logaddexp", func(a, b *tensor.Array) *tensor.Array { return a.LogAddExp(b) }, mdGoLogAddExp, mdLogAddExp},
	{"logaddexp2", func(a, b *tensor.Array) *tensor.Array { return a.LogAddExp2(b) }, mdGoLogAddExp2, mdLogAddExp2},
}

// mdFuncNamed returns the function under test called name.
func mdFuncNamed(name string) mdFunc {
	for _, f := range mdFuncs {
		if f.name == name {
			return f
		}
	}
	panic("no function " + name)
}

// mdInputs returns the accuracy inputs of a function: random over wide
// ranges and the hard spots (x, and y for power).
func mdInputs(name string) (xs, ys []float64) {
	rng := rand.New(rand.NewPCG(1, uint64(len(name))))
	uni := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	logUni := func(lo, hi float64) float64 { return math.Exp(uni(math.Log(lo), math.Log(hi))) }
	signed := func(v float64) float64 {
		if rng.IntN(2) == 0 {
			return -v
		}
		return v
	}
	bits := func() float64 { // any finite double, uniform over bit patterns
		for {
			v := math.Float64frombits(rng.Uint64())
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				return v
			}
		}
	}
	add := func(n int, f func() float64) {
		for range n {
			xs = append(xs, f())
		}
	}
	switch name {
	case "exp":
		add(2000, func() float64 { return uni(-745, 709.78) })
		add(1000, func() float64 { return signed(logUni(1e-20, 1)) })
		add(500, func() float64 { return uni(-2, 2) })
		add(200, func() float64 { return uni(709, 709.782712893384) })
		add(200, func() float64 { return uni(-708.4, -700) })
		xs = append(xs, 709.782712893384, 709.7827128933839, -708.3964185322641, 1, -1, 0.5, math.Ln2, -math.Ln2/2, math.Ln2/2)
	case "log":
		add(2000, func() float64 { return logUni(1e-307, 1e308) })
		add(1000, func() float64 { return 1 + signed(logUni(1e-16, 0.3)) })
		add(1000, func() float64 { return math.Abs(bits()) })
		add(300, func() float64 { return uni(0.5, 2) })
		add(100, func() float64 { return math.Float64frombits(rng.Uint64N(1 << 52)) }) // subnormal
		xs = append(xs, math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, 2, 0.5, math.E, math.Sqrt2, 1/math.Sqrt2, 1+0x1p-52, 1-0x1p-53)
	case "log1p":
		add(1500, func() float64 { return logUni(1e-300, 1e300) })
		add(1000, func() float64 { return -logUni(1e-300, 1) })
		add(500, func() float64 { return -1 + logUni(1e-16, 0.5) })
		add(500, func() float64 { return uni(-0.5, 1) })
		xs = append(xs, math.MaxFloat64, 1e-17, -1e-17, 0x1p-53, -0x1p-53, 0x1p-52, -0.29, 0.41, math.Sqrt2-1, 1/math.Sqrt2-1)
	case "expm1":
		add(1500, func() float64 { return uni(-40, 709.78) })
		add(1500, func() float64 { return signed(logUni(1e-300, 1)) })
		add(500, func() float64 { return uni(-3, 3) })
		add(300, func() float64 { return uni(-60, -30) })
		xs = append(xs, 709.782712893384, math.Ln2/2, -math.Ln2/2, math.Ln2, -math.Ln2, 0.3465, -0.3466, 1e-17, -1e-17)
	case "sin", "cos", "tan":
		add(1500, func() float64 { return uni(-10, 10) })
		add(1500, func() float64 { return uni(-1e5, 1e5) })
		add(1000, func() float64 { return signed(logUni(1e-10, 1e22)) })
		add(500, func() float64 { return bits() })
		// The doubles nearest multiples of pi/2 (where the reduction
		// cancels), and a famously close one (6381956970095103 * 2^797,
		// within 2^-61 of a multiple).
		add(1000, func() float64 { return float64(1+rng.IntN(100000)) * math.Pi / 2 })
		xs = append(xs, math.Ldexp(6381956970095103, 797), 1e22, 1e300, math.MaxFloat64, 1048575.9, 1048576, 524288, 0x1p-27, 0x1p-26,
			math.Pi/4, math.Nextafter(math.Pi/4, 1), 3*math.Pi/4, math.Pi, math.Pi/2, 1e5)
	case "tanh":
		add(2000, func() float64 { return uni(-25, 25) })
		add(1000, func() float64 { return signed(logUni(1e-300, 1)) })
		add(500, func() float64 { return signed(uni(0.4, 0.7)) })
		xs = append(xs, 0.55, math.Nextafter(0.55, 0), 22, 19.1, 0x1p-28, -0x1p-28, 1, -1)
	case "power":
		for range 1500 { // general
			xs = append(xs, logUni(1e-5, 1e5))
			ys = append(ys, uni(-60, 60))
		}
		for range 1000 { // wide bases, exponents that keep the result in range
			a := logUni(1e-300, 1e300)
			xs = append(xs, a)
			ys = append(ys, uni(-700, 700)/math.Log(a))
		}
		for range 700 { // bases near 1, large exponents: needs log in double-double
			a := 1 + signed(logUni(1e-15, 1e-2))
			xs = append(xs, a)
			ys = append(ys, uni(-700, 700)/math.Log(a))
		}
		for range 700 { // negative bases, integer exponents
			xs = append(xs, -logUni(0.1, 10))
			ys = append(ys, float64(rng.IntN(201)-100))
		}
		for range 300 { // integer powers that overflow, underflow, or land near the edges
			a := logUni(1.5, 1e10)
			xs = append(xs, a)
			ys = append(ys, math.Round(uni(-1070, 1030)/math.Log2(a)))
		}
		xs = append(xs, 2, 2, 10, 10, 0.5, 3, 1.0000000000000002, 0.9999999999999999, 2, -2, math.Sqrt2, 7)
		ys = append(ys, 1023, -1022, 308, -307, 1074, 0.5, 1e15, -1e15, -1074, 1023, 2, 1.0/3)
	case "exp2":
		add(1200, func() float64 { return uni(-1080, 1024) })
		add(600, func() float64 { return signed(logUni(1e-300, 1)) })
		add(300, func() float64 { return uni(-1075, -1020) }) // subnormal results
		xs = append(xs, 1023.9999999999999, -1074, -1074.5, -1022, -1022.5, 0.5, -0.5, 3, 10, 52.75, -1, 0x1p-60)
	case "log2", "log10":
		add(1200, func() float64 { return logUni(1e-307, 1e308) })
		add(500, func() float64 { return 1 + signed(logUni(1e-16, 0.3)) })
		add(400, func() float64 { return math.Abs(bits()) })
		add(100, func() float64 { return math.Float64frombits(rng.Uint64N(1 << 52)) }) // subnormal
		xs = append(xs, math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, 2, 8, 0.5, 10, 1000, 1e22, 1e-5, math.Sqrt2, 1/math.Sqrt2, 1+0x1p-52, 1-0x1p-53)
	case "sinh", "cosh":
		add(1200, func() float64 { return uni(-25, 25) })
		add(600, func() float64 { return signed(logUni(1e-300, 1)) })
		add(400, func() float64 { return signed(uni(22, 710.4758600739439)) })
		xs = append(xs, 710.4758600739439, -710.4758600739439, 710.47586007394, 22, math.Nextafter(22, 30), 0x1p-26, 0x1p-27, 0.3466, 1, 5e-324, -5e-324)
	case "arcsinh":
		add(1200, func() float64 { return signed(logUni(1e-300, 1e300)) })
		add(600, func() float64 { return uni(-3, 3) })
		add(200, func() float64 { return signed(bits()) })
		xs = append(xs, math.MaxFloat64, -math.MaxFloat64, 0x1p28, math.Nextafter(0x1p28, 0), 0x1p-26, 5e-324, -1e-310, 1, 0.5)
	case "arccosh":
		add(1200, func() float64 { return 1 + logUni(1e-16, 1e300) })
		add(600, func() float64 { return 1 + logUni(1e-16, 1) })
		add(200, func() float64 { return math.Abs(bits()) + 1 })
		xs = append(xs, math.MaxFloat64, 1+0x1p-52, 1+0x1p-51, 2, 0x1p28, math.Nextafter(0x1p28, 0), 1.5)
	case "arctanh":
		add(1200, func() float64 { return signed(logUni(1e-300, 1)) })
		add(600, func() float64 { return signed(1 - logUni(1e-16, 0.5)) })
		add(200, func() float64 { return uni(-1, 1) })
		xs = append(xs, 1-0x1p-53, -(1 - 0x1p-53), 0.5, 0x1p-27, 5e-324, -1e-310)
	case "cbrt":
		add(1500, func() float64 { return signed(logUni(1e-300, 1e300)) })
		add(400, func() float64 { return signed(bits()) })
		add(100, func() float64 { return signed(math.Float64frombits(rng.Uint64N(1 << 52))) })
		xs = append(xs, 27, -8, 1, 1e-300, math.MaxFloat64, 5e-324, -5e-324, 0x1p-1022, 3, 64, 0.125)
	case "arcsin", "arccos":
		add(1200, func() float64 { return uni(-1, 1) })
		add(600, func() float64 { return signed(logUni(1e-300, 1)) })
		add(400, func() float64 { return signed(1 - logUni(1e-16, 0.5)) })
		xs = append(xs, 1-0x1p-53, -(1 - 0x1p-53), 0.5, -0.5, math.Nextafter(0.5, 0), 0x1p-26, 0x1p-54, 5e-324, -1e-310, math.Sqrt2/2)
	case "arctan":
		add(1200, func() float64 { return signed(logUni(1e-300, 1e300)) })
		add(600, func() float64 { return uni(-4, 4) })
		add(200, func() float64 { return signed(bits()) })
		xs = append(xs, 1, -1, 0x1p60, math.Nextafter(0x1p60, 0), 1.0/16, 15.0/16, 0x1p-27, 5e-324, math.MaxFloat64)
	case "arctan2", "hypot":
		for range 1000 { // comparable magnitudes
			xs = append(xs, signed(logUni(1e-3, 1e3)))
			ys = append(ys, signed(logUni(1e-3, 1e3)))
		}
		for range 1000 { // any magnitudes
			xs = append(xs, signed(logUni(1e-310, 1e308)))
			ys = append(ys, signed(logUni(1e-310, 1e308)))
		}
		for range 300 { // subnormals and the largest values
			xs = append(xs, signed(math.Float64frombits(rng.Uint64N(1<<53))))
			ys = append(ys, signed(math.Float64frombits(rng.Uint64N(1<<52))))
			xs = append(xs, signed(uni(1e307, math.MaxFloat64)))
			ys = append(ys, signed(uni(1e307, math.MaxFloat64)))
		}
		xs = append(xs, 1, -1, 3, 1e-300, 5e-324, math.MaxFloat64, 1, 1, -2)
		ys = append(ys, 1, -1, 4, 1e-300, 5e-324, math.MaxFloat64, 0x1p-30, -0x1p-30, 0x1p-60)
	case "logaddexp", "logaddexp2":
		for range 1000 {
			xs = append(xs, uni(-50, 50))
			ys = append(ys, uni(-50, 50))
		}
		for range 1000 { // far apart and wide
			xs = append(xs, signed(logUni(1e-300, 1e300)))
			ys = append(ys, signed(logUni(1e-300, 1e300)))
		}
		for range 500 { // close: d small
			a := uni(-30, 30)
			xs = append(xs, a)
			ys = append(ys, a+signed(logUni(1e-16, 1)))
		}
		xs = append(xs, 0, 1, -1000, 1000, 1e308, -1e308, 1e-300, 700, -745)
		ys = append(ys, 0, 1, -1000, 1001, -1e308, -1e308, -1e-300, 1, 0)
	}
	return xs, ys
}

// mdRun evaluates f on the GPU.
func mdRun(fac tensor.Factory, f mdFunc, xs, ys []float64) []float64 {
	var b *tensor.Array
	if ys != nil {
		b = fac.FromHost(ys)
	}
	return f.gpu(fac.FromHost(xs), b).Data().([]float64)
}

// mdUlps returns |got - ref| in ulps of ref rounded to float64.
func mdUlps(got float64, ref *big.Float, want float64) float64 {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return math.Inf(1)
	}
	_, e := math.Frexp(want)
	ulp := math.Ldexp(1, max(e-53, -1074))
	d := mdNew().Sub(mdBig(got), ref)
	d.Abs(d)
	u, _ := d.Quo(d, mdBig(ulp)).Float64()
	return u
}

// mdSame reports whether got is want, NaN matching NaN and zeros matched
// by sign.
func mdSame(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return got == want && math.Signbit(got) == math.Signbit(want)
}

func TestMathDoubleAccuracy(t *testing.T) {
	fac := mdOpen(t)
	for _, f := range mdFuncs {
		t.Run(f.name, func(t *testing.T) {
			xs, ys := mdInputs(f.name)
			got := mdRun(fac, f, xs, ys)
			y := func(i int) float64 {
				if ys == nil {
					return 0
				}
				return ys[i]
			}
			refs := make([]*big.Float, len(xs))
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Go(func() {
					for i := w; i < len(xs); i += 4 {
						if !math.IsNaN(f.gof(xs[i], y(i))) {
							refs[i] = f.ref(xs[i], y(i))
						}
					}
				})
			}
			wg.Wait()
			var maxRel, maxUlp float64
			var argRel, argUlp string
			nsub, nfail, goOff := 0, 0, 0
			for i, x := range xs {
				arg := fmt.Sprintf("%v", x)
				if ys != nil {
					arg = fmt.Sprintf("%v, %v", x, ys[i])
				}
				fail := func(format string, args ...any) {
					nfail++
					if nfail <= 20 {
						t.Errorf("%s(%s) = %v: %s", f.name, arg, got[i], fmt.Sprintf(format, args...))
					}
				}
				goVal := f.gof(x, y(i))
				if refs[i] == nil { // NaN or a pole: Go's value is exact
					if !mdSame(got[i], goVal) {
						fail("want %v", goVal)
					}
					continue
				}
				want, _ := refs[i].Float64() // correctly rounded
				switch {
				case math.IsInf(want, 0):
					// Overflow; the largest double is within an ulp.
					if got[i] != want && got[i] != math.Copysign(math.MaxFloat64, want) {
						fail("want %v", want)
					}
					continue
				case math.Abs(want) < 0x1p-1022:
					// Subnormal or 0: within an ulp of the subnormal
					// grid, or flushed to 0.
					nsub++
					if got[i] != 0 && math.Abs(got[i]-want) > 0x1p-1074 {
						fail("want %v (subnormal)", want)
					}
					continue
				}
				u := mdUlps(got[i], refs[i], want)
				if !(u <= maxUlp) {
					maxUlp, argUlp = u, fmt.Sprintf("%s(%s) = %v, correctly rounded %v", f.name, arg, got[i], want)
				}
				if !(u <= mdMaxUlpVsRef) {
					fail("%.3g ulp from the exact value (correctly rounded %v, Go %v)", u, want, goVal)
				}
				goErr, _ := mdNew().Quo(mdNew().Sub(mdBig(goVal), refs[i]), refs[i]).Float64()
				if math.Abs(goErr) > mdMaxRelVsGo/2 {
					// Go itself is off by more than half the bound here
					// (its Sin, Cos and Tan lose digits near multiples
					// of pi/2, its Pow for large exponents, its amd64 Exp
					// overflows from 709.4 and its amd64 Log ignores
					// subnormals): the exact value judges alone.
					goOff++
					continue
				}
				rel := math.Abs(got[i]-goVal) / math.Abs(goVal)
				if !(rel <= maxRel) {
					maxRel, argRel = rel, fmt.Sprintf("%s(%s) = %v, Go %v", f.name, arg, got[i], goVal)
				}
				if !(rel <= mdMaxRelVsGo) {
					fail("relative error %.3g against Go's %v", rel, goVal)
				}
			}
			t.Logf("%-6s %5d inputs: max %.3f ulp vs exact [%s]; max rel err vs Go %.3g [%s]; Go itself off by > 5e-15 at %d (judged by the exact value alone); %d subnormal/zero results",
				f.name, len(xs), maxUlp, argUlp, maxRel, argRel, goOff, nsub)
		})
	}
}

func TestMathDoubleSpecialValues(t *testing.T) {
	fac := mdOpen(t)
	nan, inf := math.NaN(), math.Inf(1)
	negz := math.Copysign(0, -1)
	type c struct{ x, want float64 }
	unary := map[string][]c{
		"exp": {{nan, nan}, {inf, inf}, {-inf, 0}, {0, 1}, {negz, 1}, {709.79, inf}, {710, inf}, {1e308, inf},
			{-746, 0}, {-1e308, 0}, {1e-300, 1}, {-1e-300, 1}},
		"log": {{nan, nan}, {-1, nan}, {-inf, nan}, {-1e-300, nan}, {negz, -inf}, {0, -inf}, {inf, inf}, {1, 0},
			{2, math.Ln2}},
		"log1p": {{nan, nan}, {-1, -inf}, {-2, nan}, {-inf, nan}, {inf, inf}, {0, 0}, {negz, negz},
			{1e-300, 1e-300}, {-1e-300, -1e-300}, {math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64}},
		"expm1": {{nan, nan}, {inf, inf}, {-inf, -1}, {0, 0}, {negz, negz}, {710, inf}, {1e308, inf}, {-40, -1},
			{-1000, -1}, {-1e308, -1}, {1e-300, 1e-300}, {-1e-300, -1e-300}},
		"sin": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1e-300, 1e-300}, {-1e-300, -1e-300},
			{math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64}},
		"cos": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 1}, {negz, 1}, {1e-300, 1}},
		"tan": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1e-300, 1e-300}, {-1e-300, -1e-300}},
		"tanh": {{nan, nan}, {inf, 1}, {-inf, -1}, {0, 0}, {negz, negz}, {22.5, 1}, {-22.5, -1}, {30, 1}, {-30, -1},
			{1e308, 1}, {-1e308, -1}, {1e-300, 1e-300}, {-1e-300, -1e-300}},
		// C99 Annex F, as NumPy's float64 loops (libm) give them.
		"exp2": {{nan, nan}, {inf, inf}, {-inf, 0}, {0, 1}, {negz, 1}, {1024, inf}, {1e308, inf}, {-1075, 0}, {-1e308, 0},
			{-1074, 5e-324}, {-1022, 0x1p-1022}, {1023, 0x1p1023}, {10, 1024}, {-1, 0.5}, {5e-324, 1}},
		"log2": {{nan, nan}, {-1, nan}, {-inf, nan}, {negz, -inf}, {0, -inf}, {inf, inf}, {1, 0}, {8, 3}, {0.25, -2},
			{5e-324, -1074}, {0x1p-1022, -1022}, {0x1p1023, 1023}},
		"log10": {{nan, nan}, {-1, nan}, {-inf, nan}, {negz, -inf}, {0, -inf}, {inf, inf}, {1, 0}, {10, 1}, {1000, 3},
			{1e22, 22}},
		"sinh": {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {711, inf}, {-711, -inf}, {1e308, inf},
			{5e-324, 5e-324}, {-1e-300, -1e-300}},
		"cosh":    {{nan, nan}, {inf, inf}, {-inf, inf}, {0, 1}, {negz, 1}, {711, inf}, {-711, inf}, {-1e308, inf}, {5e-324, 1}},
		"arcsinh": {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {5e-324, 5e-324}, {-1e-300, -1e-300}},
		"arccosh": {{nan, nan}, {inf, inf}, {-inf, nan}, {0, nan}, {0.9999999999999999, nan}, {-1, nan}, {1, 0}},
		"arctanh": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1, inf}, {-1, -inf}, {1.0000000000000002, nan},
			{-2, nan}, {5e-324, 5e-324}, {-1e-300, -1e-300}},
		"cbrt": {{nan, nan}, {inf, inf}, {-inf, -inf}, {0, 0}, {negz, negz}, {27, 3}, {-8, -2}, {0x1p-1074, 0x1p-358},
			{-0x1p-1071, -0x1p-357}, {0.125, 0.5}, {-1e300 * 1e-300 * 64, -4}},
		"arcsin": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, 0}, {negz, negz}, {1, math.Pi / 2}, {-1, -math.Pi / 2},
			{1.0000000000000002, nan}, {-2, nan}, {5e-324, 5e-324}, {-1e-300, -1e-300}},
		"arccos": {{nan, nan}, {inf, nan}, {-inf, nan}, {0, math.Pi / 2}, {negz, math.Pi / 2}, {1, 0}, {-1, math.Pi},
			{1.0000000000000002, nan}, {-2, nan}, {5e-324, math.Pi / 2}},
		"arctan": {{nan, nan}, {inf, math.Pi / 2}, {-inf, -math.Pi / 2}, {0, 0}, {negz, negz}, {5e-324, 5e-324},
			{-1e-300, -1e-300}, {1, math.Pi / 4}, {-1, -math.Pi / 4}, {1e300, math.Pi / 2}, {-math.MaxFloat64, -math.Pi / 2}},
	}
	for _, f := range mdFuncs {
		cases, ok := unary[f.name]
		if !ok {
			continue
		}
		xs := make([]float64, len(cases))
		for i, cs := range cases {
			xs[i] = cs.x
		}
		got := mdRun(fac, f, xs, nil)
		for i, cs := range cases {
			if !mdSame(got[i], cs.want) {
				t.Errorf("%s(%v) = %v, want %v", f.name, cs.x, got[i], cs.want)
			}
		}
	}

	// power: C99 Annex F, which NumPy's power (npy_pow, libm's pow) follows.
	type p struct{ a, b, want float64 }
	pc := []p{
		{nan, 0, 1}, {nan, negz, 1}, {inf, 0, 1}, {-inf, negz, 1}, {0, 0, 1}, {-3, 0, 1},
		{1, nan, 1}, {1, inf, 1}, {1, -inf, 1}, {1, -7.5, 1},
		{nan, 1, nan}, {2, nan, nan}, {nan, nan, nan}, {-1, nan, nan},
		{-1, inf, 1}, {-1, -inf, 1}, {-1, 1e300, 1}, {-1, 3, -1}, {-1, -3, -1}, {-1, 0.5, nan},
		{0.5, inf, 0}, {0.5, -inf, inf}, {-0.5, inf, 0}, {-0.5, -inf, inf},
		{2, inf, inf}, {2, -inf, 0}, {-2, inf, inf}, {-2, -inf, 0},
		{0, -3, inf}, {negz, -3, -inf}, {0, -2, inf}, {negz, -2, inf}, {negz, -0.5, inf}, {0, -inf, inf}, {negz, -inf, inf},
		{0, 3, 0}, {negz, 3, negz}, {negz, 2, 0}, {negz, 0.5, 0}, {0, inf, 0}, {negz, inf, 0}, {negz, 1e300, 0},
		{inf, -1, 0}, {inf, -0.5, 0}, {inf, 0.5, inf}, {inf, 3, inf},
		{-inf, -3, negz}, {-inf, -2, 0}, {-inf, -0.5, 0}, {-inf, 3, -inf}, {-inf, 2, inf}, {-inf, 0.5, inf},
		{-2, 0.5, nan}, {-8, 1.0 / 3, nan}, {-1e-300, 0.5, nan}, {-inf, nan, nan},
		{-2, 3, -8}, {-2, 2, 4}, {-2, -1, -0.5}, {-2, -2, 0.25}, {-3, 1e20, inf}, {-0.5, 1e20, 0}, {-3, -1e20, 0},
		{2, 1024, inf}, {-2, 1025, -inf}, {2, -1074, math.SmallestNonzeroFloat64}, {2, -1075, 0}, {-2, -1075, negz},
		{-0.5, 1075, negz}, {-2, 1023, -0x1p1023}, {2, -1022, 0x1p-1022},
		{0.5, 1e300, 0}, {2, 1e300, inf}, {2, -1e300, 0}, {1.0000000000000002, 1e300, inf}, {0.9999999999999999, 1e300, 0},
		{1e-300, -2, inf}, {1e300, 2, inf}, {-1e300, 3, -inf}, {-1e300, -3, negz},
		{3.7, 1, 3.7}, {-3.7, 1, -3.7}, {3.7, 2, mdSquare(3.7)}, {4, 0.5, 2}, {10, 3, 1000}, {10, -1, 0.1},
	}
	as, bs := make([]float64, len(pc)), make([]float64, len(pc))
	for i, cs := range pc {
		as[i], bs[i] = cs.a, cs.b
	}
	got := mdRun(fac, mdFuncNamed("power"), as, bs)
	for i, cs := range pc {
		if !mdSame(got[i], cs.want) {
			t.Errorf("power(%v, %v) = %v, want %v", cs.a, cs.b, got[i], cs.want)
		}
		if g := math.Pow(cs.a, cs.b); !mdSame(g, cs.want) {
			t.Errorf("test table: math.Pow(%v, %v) = %v, table says %v", cs.a, cs.b, g, cs.want)
		}
	}
}

// TestMathDoubleNumPyValidation runs the float64 rows of NumPy's
// validation files (numpy/core/tests/data/umath-validation-set-*.csv, found
// through python3) through the GPU and checks each within the file's ULP
// bound, as NumPy's test_umath_accuracy.py does.
func TestMathDoubleNumPyValidation(t *testing.T) {
	fac := mdOpen(t)
	_, files, err := conformance.ValidationFiles()
	if err != nil {
		t.Skipf("NumPy's validation files: %v", err)
	}
	for _, f := range mdFuncs {
		path, ok := files[f.name]
		if !ok {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			rows, err := conformance.ReadValidation(path)
			if err != nil {
				t.Fatal(err)
			}
			var xs, want []float64
			bound := 0
			for _, r := range rows {
				if r.DType == dtype.Float64 {
					xs, want = append(xs, r.Input()), append(want, r.Expected())
					bound = max(bound, r.ULP)
				}
			}
			if len(xs) == 0 {
				t.Skip("no float64 rows")
			}
			got := mdRun(fac, f, xs, nil)
			worst, arg := 0.0, ""
			for i := range xs {
				u := conformance.ULPDistance64(got[i], want[i])
				if math.IsNaN(want[i]) && math.IsNaN(got[i]) {
					u = 0
				}
				if u > worst {
					worst, arg = u, fmt.Sprintf("%s(%v) = %v, NumPy's file %v", f.name, xs[i], got[i], want[i])
				}
				if u > float64(bound) {
					t.Errorf("%s(%v) = %v, want %v within %d ulp (%.0f)", f.name, xs[i], got[i], want[i], bound, u)
				}
			}
			t.Logf("%-8s %4d float64 rows: max %.0f ulp (bound %d) %s", f.name, len(xs), worst, bound, arg)
		})
	}
}

// TestMathDoubleLogAddExpCancellation measures logaddexp and logaddexp2
// where the result cancels to far below the larger argument (both near
// -ln2, or -1 in base 2): e^a + e^b close to 1. There the result's
// absolute error, not its ulps, is what the double-double e^-d and log1p
// can promise (measured 2^-58 and 2^-56.8 on llvmpipe; NumPy's own formula,
// in float64, gives 2^-53).
func TestMathDoubleLogAddExpCancellation(t *testing.T) {
	fac := mdOpen(t)
	rng := rand.New(rand.NewPCG(7, 7))
	for _, name := range []string{"logaddexp", "logaddexp2"} {
		f := mdFuncNamed(name)
		var xs, ys []float64
		for range 400 {
			a := -0.3 - 0.45*rng.Float64()
			off := math.Exp(math.Log(1e-12) + rng.Float64()*math.Log(1e10))
			if rng.IntN(2) == 0 {
				off = -off
			}
			var b float64
			if name == "logaddexp" {
				b = math.Log(-math.Expm1(a)) + off
			} else {
				a *= 1.4426950408889634
				b = math.Log2(-math.Expm1(a*math.Ln2)) + off
			}
			xs, ys = append(xs, a), append(ys, b)
		}
		got := mdRun(fac, f, xs, ys)
		worst, worstGo := 0.0, 0.0
		for i := range xs {
			ref := f.ref(xs[i], ys[i])
			d, _ := mdNew().Sub(mdBig(got[i]), ref).Float64()
			dg, _ := mdNew().Sub(mdBig(f.gof(xs[i], ys[i])), ref).Float64()
			worst, worstGo = max(worst, math.Abs(d)), max(worstGo, math.Abs(dg))
			if math.Abs(d) > 0x1p-56 {
				t.Errorf("%s(%v, %v) = %v, %.3g from the exact value, want within 2^-56", name, xs[i], ys[i], got[i], d)
			}
		}
		t.Logf("%-10s %d inputs with results in (-0.01, 0.01): max absolute error 2^%.1f (NumPy's formula in float64: 2^%.1f)",
			name, len(xs), math.Log2(worst), math.Log2(worstGo))
	}
}

// TestMathDoubleSpecialBinary checks the special cases of arctan2 (C99
// Annex F), hypot (inf wins over NaN) and logaddexp/logaddexp2 (NumPy's
// npy_logaddexp: equal arguments give x + ln2, NaN propagates).
func TestMathDoubleSpecialBinary(t *testing.T) {
	fac := mdOpen(t)
	nan, inf := math.NaN(), math.Inf(1)
	negz := math.Copysign(0, -1)
	pi, pi2, pi4 := math.Pi, math.Pi/2, math.Pi/4
	type p struct{ a, b, want float64 }
	cases := map[string][]p{
		"arctan2": {{nan, 1, nan}, {1, nan, nan}, {nan, nan, nan},
			{0, 1, 0}, {negz, 1, negz}, {0, 0, 0}, {negz, 0, negz}, {0, negz, pi}, {negz, negz, -pi},
			{0, -1, pi}, {negz, -1, -pi}, {0, -inf, pi}, {negz, -inf, -pi}, {0, inf, 0}, {negz, inf, negz},
			{1, 0, pi2}, {1, negz, pi2}, {-1, 0, -pi2}, {-1, negz, -pi2},
			{inf, 1, pi2}, {-inf, 1, -pi2}, {inf, -1, pi2}, {inf, inf, pi4}, {-inf, inf, -pi4},
			{inf, -inf, 3 * pi4}, {-inf, -inf, -3 * pi4}, {1, inf, 0}, {-1, inf, negz}, {1, -inf, pi}, {-1, -inf, -pi},
			{1, 1, pi4}, {-1, -1, -3 * pi4}, {5e-324, 1, 5e-324}, {5e-324, -1, pi}, {1, 1e-300, pi2},
			{math.MaxFloat64, 5e-324, pi2}, {1e-310, 1e300, 0}},
		"hypot": {{inf, nan, inf}, {nan, inf, inf}, {-inf, nan, inf}, {nan, -inf, inf}, {nan, 1, nan}, {1, nan, nan},
			{0, 0, 0}, {negz, negz, 0}, {negz, 3, 3}, {-3, 0, 3}, {3, 4, 5}, {-3, -4, 5}, {inf, 1, inf},
			{math.MaxFloat64, math.MaxFloat64, inf}, {math.MaxFloat64, 1, math.MaxFloat64},
			{1e308, 1e308, math.Hypot(1e308, 1e308)}, {3 * 0x1p-1074, 4 * 0x1p-1074, 5 * 0x1p-1074}, {5e-324, 0, 5e-324}, {1e-300, 1e300, 1e300}},
		"logaddexp": {{nan, 1, nan}, {1, nan, nan}, {nan, nan, nan}, {inf, nan, nan}, {-inf, nan, nan},
			{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, inf, inf}, {-inf, 3, 3}, {3, -inf, 3},
			{inf, 3, inf}, {0, 0, math.Ln2}, {1, 1, 1 + math.Ln2}, {1e308, 1e308, 1e308}, {-1e308, 1e308, 1e308},
			{1e308, -1e308, 1e308}, {1000, 0, 1000}},
		"logaddexp2": {{nan, 1, nan}, {1, nan, nan}, {nan, nan, nan}, {inf, nan, nan},
			{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, inf, inf}, {-inf, 3, 3}, {3, -inf, 3},
			{0, 0, 1}, {1, 1, 2}, {3, 3, 4}, {-1e308, 1e308, 1e308}, {1e308, 1e308, 1e308}, {2000, 0, 2000}},
	}
	for name, pc := range cases {
		as, bs := make([]float64, len(pc)), make([]float64, len(pc))
		for i, cs := range pc {
			as[i], bs[i] = cs.a, cs.b
		}
		got := mdRun(fac, mdFuncNamed(name), as, bs)
		for i, cs := range pc {
			if !mdSame(got[i], cs.want) {
				t.Errorf("%s(%v, %v) = %v, want %v", name, cs.a, cs.b, got[i], cs.want)
			}
		}
	}
}

// mdSquare is x*x rounded once (a constant expression would be exact).
func mdSquare(x float64) float64 { return x * x }

// ---- the 320-bit reference ----

const mdPrec = 320

func mdNew() *big.Float { return new(big.Float).SetPrec(mdPrec) }

func mdBig(x float64) *big.Float { return mdNew().SetFloat64(x) }

// mdTiny reports whether term is negligible next to sum.
func mdTiny(term, sum *big.Float) bool {
	return term.Sign() == 0 || (sum.Sign() != 0 && term.MantExp(nil) < sum.MantExp(nil)-mdPrec-8)
}

// mdAtanh is atanh(s) for |s| <= 1/2 by its series.
func mdAtanh(s *big.Float) *big.Float {
	s2 := mdNew().Mul(s, s)
	sum, pow := mdNew().Set(s), mdNew().Set(s)
	for k := int64(3); ; k += 2 {
		pow.Mul(pow, s2)
		term := mdNew().Quo(pow, mdNew().SetInt64(k))
		sum.Add(sum, term)
		if mdTiny(term, sum) {
			return sum
		}
	}
}

var mdLn2 = sync.OnceValue(func() *big.Float { // 2 atanh(1/3)
	l := mdAtanh(mdNew().Quo(mdBig(1), mdBig(3)))
	return l.Mul(l, mdBig(2))
})

// mdLog is log x for x > 0: x = m 2^e, m in [1/2, 1), log m = 2 atanh((m-1)/(m+1)).
func mdLog(x *big.Float) *big.Float {
	if x.Sign() <= 0 || x.IsInf() {
		return nil
	}
	m := mdNew()
	e := x.MantExp(m)
	s := mdNew().Quo(mdNew().Sub(m, mdBig(1)), mdNew().Add(m, mdBig(1)))
	l := mdAtanh(s)
	l.Mul(l, mdBig(2))
	return l.Add(l, mdNew().Mul(mdNew().SetInt64(int64(e)), mdLn2()))
}

// mdLog1p is log(1 + x), by 2 atanh(x / (2 + x)) for small x.
func mdLog1p(x float64) *big.Float {
	if x <= -1 || math.IsInf(x, 0) {
		return nil
	}
	if math.Abs(x) < 0.5 {
		s := mdNew().Quo(mdBig(x), mdNew().Add(mdBig(2), mdBig(x)))
		l := mdAtanh(s)
		return l.Mul(l, mdBig(2))
	}
	return mdLog(new(big.Float).SetPrec(2200).Add(mdBig(1), mdBig(x)))
}

// mdExpTaylor sums e^r - 1 for |r| < 1.
func mdExpTaylor(r *big.Float) *big.Float {
	sum, term := mdNew().Set(r), mdNew().Set(r)
	for k := int64(2); ; k++ {
		term.Mul(term, r)
		term.Quo(term, mdNew().SetInt64(k))
		sum.Add(sum, term)
		if mdTiny(term, sum) {
			return sum
		}
	}
}

// mdExp is e^y for |y| < 2000: y = k ln2 + r, e^r by Taylor on r/2^8 and
// eight squarings.
func mdExp(y *big.Float) *big.Float {
	kf, _ := mdNew().Quo(y, mdLn2()).Float64()
	k := math.Round(kf)
	r := mdNew().Sub(y, mdNew().Mul(mdBig(k), mdLn2()))
	r.SetMantExp(r, -8)
	e := mdExpTaylor(r)
	e.Add(e, mdBig(1))
	for range 8 {
		e.Mul(e, e)
	}
	return e.SetMantExp(e, int(k))
}

// mdExpm1 is e^x - 1, by its series below 1 so nothing cancels.
func mdExpm1(x float64) *big.Float {
	if math.Abs(x) < 1 {
		return mdExpTaylor(mdBig(x))
	}
	if x < -800 {
		return mdBig(-1)
	}
	e := mdExp(mdBig(x))
	return e.Sub(e, mdBig(1))
}

func mdTanh(x float64) *big.Float {
	if math.Abs(x) > 40 {
		return mdBig(math.Copysign(1, x)) // 1 - tanh < 2^-115
	}
	t := mdExpm1(2 * x)
	return t.Quo(t, mdNew().Add(t, mdBig(2)))
}

// mdPiO2 is pi/2 to 1400 bits (by Machin's formula), enough to reduce any
// double exactly.
var mdPiO2 = sync.OnceValue(func() *big.Float {
	const prec = 1400
	atanInv := func(n int64) *big.Float { // atan(1/n)
		x := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt64(1), new(big.Float).SetInt64(n))
		x2 := new(big.Float).SetPrec(prec).Mul(x, x)
		sum, pow := new(big.Float).SetPrec(prec).Set(x), new(big.Float).SetPrec(prec).Set(x)
		for k := int64(3); ; k += 2 {
			pow.Mul(pow, x2)
			term := new(big.Float).SetPrec(prec).Quo(pow, new(big.Float).SetInt64(k))
			if (k/2)%2 == 1 {
				sum.Sub(sum, term)
			} else {
				sum.Add(sum, term)
			}
			if term.MantExp(nil) < -prec-8 {
				break
			}
		}
		return sum
	}
	a := atanInv(5)
	a.Mul(a, new(big.Float).SetInt64(8))
	b := atanInv(239)
	b.Mul(b, new(big.Float).SetInt64(2))
	return a.Sub(a, b) // pi/2 = 8 atan(1/5) - 2 atan(1/239)
})

// mdSinCos returns sin x and cos x: x = n pi/2 + r exactly, then Taylor.
func mdSinCos(x float64) (*big.Float, *big.Float) {
	piO2 := mdPiO2()
	X := new(big.Float).SetPrec(1400).SetFloat64(x)
	q := new(big.Float).SetPrec(1400).Quo(X, piO2)
	q.Add(q, new(big.Float).SetFloat64(0.5))
	n, _ := q.Int(nil)
	if q.Sign() < 0 && !q.IsInt() {
		n.Sub(n, big.NewInt(1)) // floor
	}
	r := new(big.Float).SetPrec(1400).Mul(new(big.Float).SetPrec(1400).SetInt(n), piO2)
	r.Sub(X, r)
	r = mdNew().Set(r)
	// sin r and cos r by Taylor (|r| <= pi/4)
	r2 := mdNew().Mul(r, r)
	s, c := mdNew().Set(r), mdBig(1)
	st, ct := mdNew().Set(r), mdBig(1)
	for k := int64(1); ; k++ {
		st.Mul(st, r2)
		st.Quo(st, mdNew().SetInt64(-(2*k)*(2*k+1)))
		ct.Mul(ct, r2)
		ct.Quo(ct, mdNew().SetInt64(-(2*k-1)*(2*k)))
		s.Add(s, st)
		c.Add(c, ct)
		if mdTiny(st, s) && mdTiny(ct, c) {
			break
		}
	}
	switch new(big.Int).And(n, big.NewInt(3)).Int64() {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return s, c
}

// mdPow is |a|^b (signed for a negative base and odd b), for the finite
// non-zero results the special-case rules leave.
func mdPow(a, b float64) *big.Float {
	if a == 0 || b == 0 || math.IsInf(a, 0) || math.IsInf(b, 0) || math.IsNaN(a) || math.IsNaN(b) {
		return nil
	}
	y := mdLog(mdBig(math.Abs(a)))
	y.Mul(y, mdBig(b))
	if f, _ := y.Float64(); f > 1000 {
		return mdBig(math.Copysign(math.Inf(1), a))
	} else if f < -1000 {
		return mdBig(math.Copysign(0, a))
	}
	p := mdExp(y)
	if a < 0 && math.Mod(b, 2) != 0 {
		p.Neg(p)
	}
	return p
}

// mdQuo is a/b, nil when a is.
func mdQuo(a, b *big.Float) *big.Float {
	if a == nil {
		return nil
	}
	return a.Quo(a, b)
}

var mdLn10 = sync.OnceValue(func() *big.Float { return mdLog(mdBig(10)) })

// mdLog1pB is log(1 + u) for u > -1, by 2 atanh(u/(2+u)) below 1/2 so
// nothing cancels for small u.
func mdLog1pB(u *big.Float) *big.Float {
	if u.Cmp(mdBig(0.5)) < 0 && u.Cmp(mdBig(-0.25)) > 0 {
		s := mdNew().Quo(u, mdNew().Add(mdBig(2), u))
		l := mdAtanh(s)
		return l.Mul(l, mdBig(2))
	}
	return mdLog(mdNew().Add(mdBig(1), u))
}

// mdAtanB is atan t for t >= 0: pi/2 - atan(1/t) above 1, then eight
// halvings t -> t/(1 + sqrt(1 + t^2)) and the series.
func mdAtanB(t *big.Float) *big.Float {
	if t.Cmp(mdBig(1)) > 0 {
		a := mdAtanB(mdNew().Quo(mdBig(1), t))
		return a.Sub(mdNew().Set(mdPiO2()), a)
	}
	u := mdNew().Set(t)
	for range 8 {
		r := mdNew().Mul(u, u)
		r.Add(r, mdBig(1))
		r.Sqrt(r)
		r.Add(r, mdBig(1))
		u.Quo(u, r)
	}
	u2 := mdNew().Mul(u, u)
	sum, pow := mdNew().Set(u), mdNew().Set(u)
	for k := int64(3); ; k += 2 {
		pow.Mul(pow, u2)
		pow.Neg(pow)
		term := mdNew().Quo(pow, mdNew().SetInt64(k))
		sum.Add(sum, term)
		if mdTiny(term, sum) {
			break
		}
	}
	return sum.Mul(sum, mdBig(256))
}

// mdSinhCosh returns e^x and e^-x for |x| < 1000.
func mdExpPair(x float64) (*big.Float, *big.Float) {
	e := mdExp(mdBig(x))
	return e, mdNew().Quo(mdBig(1), e)
}

func mdSinh(x, _ float64) *big.Float {
	if math.IsInf(x, 0) || math.Abs(x) > 1000 {
		return nil
	}
	if math.Abs(x) < 0x1p-100 { // x + x^3/6, the rest below 2^-400
		x3 := mdBig(x)
		x3.Mul(x3, x3).Mul(x3, mdBig(x)).Quo(x3, mdBig(6))
		return x3.Add(x3, mdBig(x))
	}
	e, f := mdExpPair(x)
	e.Sub(e, f)
	return e.Quo(e, mdBig(2))
}

func mdCosh(x, _ float64) *big.Float {
	if math.IsInf(x, 0) || math.Abs(x) > 1000 {
		return nil
	}
	e, f := mdExpPair(x)
	e.Add(e, f)
	return e.Quo(e, mdBig(2))
}

// mdAsinh is sign(x) log1p(|x| + x^2/(1 + sqrt(1 + x^2))).
func mdAsinh(x, _ float64) *big.Float {
	if math.IsInf(x, 0) {
		return nil
	}
	ax := mdBig(math.Abs(x))
	x2 := mdNew().Mul(ax, ax)
	r := mdNew().Add(x2, mdBig(1))
	r.Sqrt(r).Add(r, mdBig(1))
	u := mdNew().Quo(x2, r)
	u.Add(u, ax)
	l := mdLog1pB(u)
	if x < 0 {
		l.Neg(l)
	}
	return l
}

// mdAcosh is log1p((x - 1) + sqrt(x^2 - 1)).
func mdAcosh(x, _ float64) *big.Float {
	if math.IsInf(x, 0) || x < 1 {
		return nil
	}
	b := mdBig(x)
	w := mdNew().Mul(b, b)
	w.Sub(w, mdBig(1)).Sqrt(w)
	w.Add(w, mdNew().Sub(b, mdBig(1)))
	return mdLog1pB(w)
}

// mdAtanh64 is log1p(2x/(1-x))/2.
func mdAtanh64(x, _ float64) *big.Float {
	if math.Abs(x) >= 1 {
		return nil
	}
	ax := mdBig(math.Abs(x))
	q := mdNew().Quo(mdNew().Mul(ax, mdBig(2)), mdNew().Sub(mdBig(1), ax))
	l := mdLog1pB(q)
	l.Quo(l, mdBig(2))
	if x < 0 {
		l.Neg(l)
	}
	return l
}

// mdCbrt is the cube root by Newton's method from Go's.
func mdCbrt(x, _ float64) *big.Float {
	if x == 0 || math.IsInf(x, 0) {
		return nil
	}
	a := mdBig(x)
	y := mdBig(math.Cbrt(x))
	for range 5 { // 53 -> 106 -> 212 -> 424 bits, and spare
		y2 := mdNew().Mul(y, y)
		d := mdNew().Quo(a, y2)
		d.Sub(y, d).Quo(d, mdBig(3))
		y.Sub(y, d)
	}
	return y
}

// mdAsin is atan(x / sqrt(1 - x^2)).
func mdAsin(x, _ float64) *big.Float {
	if math.Abs(x) > 1 {
		return nil
	}
	ax := mdBig(math.Abs(x))
	var r *big.Float
	if math.Abs(x) == 1 {
		r = mdNew().Set(mdPiO2())
	} else {
		w := mdNew().Mul(ax, ax)
		w.Sub(mdBig(1), w).Sqrt(w)
		r = mdAtanB(w.Quo(ax, w))
	}
	if x < 0 {
		r.Neg(r)
	}
	return r
}

func mdAcos(x, _ float64) *big.Float {
	a := mdAsin(x, 0)
	if a == nil {
		return nil
	}
	return a.Sub(mdNew().Set(mdPiO2()), a)
}

func mdAtan64(x, _ float64) *big.Float {
	if math.IsInf(x, 0) {
		return nil
	}
	r := mdAtanB(mdBig(math.Abs(x)))
	if x < 0 {
		r.Neg(r)
	}
	return r
}

// mdAtan2 is the angle of (x, y) for finite non-zero arguments (Go's
// Atan2 is exact on the special cases the rest are).
func mdAtan2(y, x float64) *big.Float {
	if y == 0 || x == 0 || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return nil
	}
	r := mdAtanB(mdNew().Quo(mdBig(math.Abs(y)), mdBig(math.Abs(x))))
	if x < 0 {
		pi := mdNew().Mul(mdPiO2(), mdBig(2))
		r.Sub(pi, r)
	}
	if y < 0 {
		r.Neg(r)
	}
	return r
}

func mdHypot(a, b float64) *big.Float {
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return nil
	}
	s := mdNew().Mul(mdBig(a), mdBig(a))
	s.Add(s, mdNew().Mul(mdBig(b), mdBig(b)))
	return s.Sqrt(s)
}

// mdLogAddExpB is m + log1p(B^(n - m))/log B for finite a != b, with
// lnB the natural log of the base (nil for e).
func mdLogAddExpB(a, b float64, lnB *big.Float) *big.Float {
	if math.IsInf(a, 0) || math.IsInf(b, 0) || a == b {
		return nil
	}
	m, n := max(a, b), min(a, b)
	d := mdNew().Sub(mdBig(n), mdBig(m))
	if lnB != nil {
		d.Mul(d, lnB)
	}
	r := mdBig(m)
	if f, _ := d.Float64(); f > -1500 {
		l := mdLog1pB(mdExp(d))
		if lnB != nil {
			l.Quo(l, lnB)
		}
		r.Add(r, l)
	}
	return r
}

func mdLogAddExp(a, b float64) *big.Float  { return mdLogAddExpB(a, b, nil) }
func mdLogAddExp2(a, b float64) *big.Float { return mdLogAddExpB(a, b, mdLn2()) }

// mdGoLogAddExp is NumPy's npy_logaddexp in plain float64.
func mdGoLogAddExp(x, y float64) float64 {
	if x == y {
		return x + math.Ln2
	}
	d := x - y
	switch {
	case d > 0:
		return x + math.Log1p(math.Exp(-d))
	case d <= 0:
		return y + math.Log1p(math.Exp(d))
	}
	return d
}

// mdGoLogAddExp2 is NumPy's npy_logaddexp2 in plain float64.
func mdGoLogAddExp2(x, y float64) float64 {
	if x == y {
		return x + 1
	}
	d := x - y
	switch {
	case d > 0:
		return x + math.Log1p(math.Exp2(-d))/math.Ln2
	case d <= 0:
		return y + math.Log1p(math.Exp2(d))/math.Ln2
	}
	return d
}
