package cpu

import (
	"bufio"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/numgl/numgl/ufunc"
)

// The exp, log, sin, cos and tanh kernels of cpu-simd (the functions
// registered for the ops: sin and cos wrapped by leftToLoop) against
// NumPy's validation data, dense sweeps of float32 and random float64
// arguments against Go's math, special values, and the property that an
// element's value does not depend on its place in a block.

// mathCase is one kernel with NumPy's ULP bounds for its function.
type mathCase struct {
	name       string
	f32        func(dst, x []float32)
	f64        func(dst, x []float64)
	ref        func(float64) float64
	ulp32      int64 // NumPy's bound for float32
	ulp64      int64 // and for float64
	op         ufunc.ID
	validation string
	// The kernels leave |x| > bound32 (bound64) to the op table's
	// function (0: none).
	bound32, bound64 float64
	// exact is the correctly rounded float64 value (math/big).
	exact func(float64) float64
}

func mathCases() []mathCase {
	return []mathCase{
		{"exp", expF32, expF64, math.Exp, 3, 2, ufunc.Exp, "exp", 0, 0, bigExp},
		{"log", logF32, logF64, math.Log, 4, 2, ufunc.Log, "log", 0, 0, bigLog},
		{"sin", leftToLoop(sinF32, trigBoundF32, ufunc.Sin), leftToLoop(sinF64, trigBoundF64, ufunc.Sin), math.Sin, 2, 4, ufunc.Sin, "sin", trigBoundF32, trigBoundF64,
			func(x float64) float64 { s, _ := bigSinCos(x); return s }},
		{"cos", leftToLoop(cosF32, trigBoundF32, ufunc.Cos), leftToLoop(cosF64, trigBoundF64, ufunc.Cos), math.Cos, 2, 4, ufunc.Cos, "cos", trigBoundF32, trigBoundF64,
			func(x float64) float64 { _, c := bigSinCos(x); return c }},
		{"tanh", tanhF32, tanhF64, math.Tanh, 2, 2, ufunc.Tanh, "tanh", 0, 0, bigTanh},
	}
}

const validationDir = "/usr/lib/python3/dist-packages/numpy/core/tests/data/"

// validationRows reads NumPy's umath-validation-set-<name>.csv: per
// dtype, the inputs, the expected outputs and the allowed ulp.
type validationRow struct {
	dtype   string
	in, out uint64
	ulp     int64
}

func validationRows(t *testing.T, name string) []validationRow {
	t.Helper()
	f, err := os.Open(validationDir + "umath-validation-set-" + name + ".csv")
	if err != nil {
		t.Skipf("NumPy's validation data: %v", err)
	}
	defer f.Close()
	var rows []validationRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "dtype") {
			continue
		}
		p := strings.Split(line, ",")
		if len(p) != 4 {
			t.Fatalf("%s: bad row %q", name, line)
		}
		in, err1 := strconv.ParseUint(strings.TrimPrefix(p[1], "0x"), 16, 64)
		out, err2 := strconv.ParseUint(strings.TrimPrefix(p[2], "0x"), 16, 64)
		ulp, err3 := strconv.ParseInt(p[3], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s: bad row %q", name, line)
		}
		rows = append(rows, validationRow{strings.TrimPrefix(p[0], "np."), in, out, ulp})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestMathKernelsValidation runs every row of NumPy's validation data for
// the function and dtype through the kernel, all rows as one array, and
// requires each within the row's bound.
func TestMathKernelsValidation(t *testing.T) {
	for _, c := range mathCases() {
		rows := validationRows(t, c.validation)
		var x32, w32 []float32
		var b32 []int64
		var x64, w64 []float64
		var b64 []int64
		for _, r := range rows {
			switch r.dtype {
			case "float32":
				x32 = append(x32, math.Float32frombits(uint32(r.in)))
				w32 = append(w32, math.Float32frombits(uint32(r.out)))
				b32 = append(b32, r.ulp)
			case "float64":
				x64 = append(x64, math.Float64frombits(r.in))
				w64 = append(w64, math.Float64frombits(r.out))
				b64 = append(b64, r.ulp)
			}
		}
		checkValidation(t, c.name, c.f32, x32, w32, b32, c.bound32, scalarOf[float32](c.op))
		checkValidation(t, c.name, c.f64, x64, w64, b64, c.bound64, scalarOf[float64](c.op))
	}
}

// checkValidation runs NumPy's rows (inputs x, expected w, bounds b)
// through k. Rows beyond bound (when not 0) are left to the op table's
// function: that function's accuracy is its owner's (internal/fmath),
// here the kernel must hand them over and return its value.
func checkValidation[T float](t *testing.T, name string, k func(dst, x []T), x, w []T, b []int64, bound float64, loop func(T) T) {
	t.Helper()
	dt := "float64"
	if _, ok := any(x).([]float32); ok {
		dt = "float32"
	}
	got := make([]T, len(x))
	k(got, x)
	worst, left, leftWorst := int64(0), 0, int64(0)
	for i := range x {
		u := ulpsOf(got[i], w[i])
		if bound != 0 && !(math.Abs(float64(x[i])) <= bound) {
			left++
			leftWorst = max(leftWorst, u)
			if l := loop(x[i]); !sameFloat(got[i], l) {
				t.Errorf("%s %s(%v) = %v, the op table's %v", name, dt, x[i], got[i], l)
			}
			continue
		}
		worst = max(worst, u)
		if u > b[i] {
			t.Errorf("%s %s(%v) = %v, NumPy's data %v: %d ulp, bound %d", name, dt, x[i], got[i], w[i], u, b[i])
		}
	}
	t.Logf("%s %s: %d rows, worst %d ulp", name, dt, len(x)-left, worst)
	if left > 0 {
		t.Logf("%s %s: %d rows beyond %g left to the op table's function, worst %d ulp there", name, dt, left, bound, leftWorst)
	}
}

// ulpsOf is ulps32 or ulps64.
func ulpsOf[T float](a, b T) int64 {
	if a32, ok := any(a).(float32); ok {
		return ulps32(a32, any(b).(float32))
	}
	return ulps64(any(a).(float64), any(b).(float64))
}

// sweep32 returns float32s from lo to hi (both >= 0) every step-th bit
// pattern, their negatives too when neg is set.
func sweep32(lo, hi float32, step uint32, neg bool) []float32 {
	var xs []float32
	for b := math.Float32bits(lo); b <= math.Float32bits(hi) && b >= math.Float32bits(lo); b += step {
		xs = append(xs, math.Float32frombits(b))
		if neg {
			xs = append(xs, -math.Float32frombits(b))
		}
	}
	return xs
}

// TestMathKernelsSweep32 sweeps each float32 kernel over its range, in
// order and shuffled, against the float64 function rounded to float32:
// the correctly rounded value but where the float64 value lies within
// 2^-50 or so of a midpoint between float32s, NumPy's own measure.
func TestMathKernelsSweep32(t *testing.T) {
	step := uint32(127)
	if testing.Short() {
		step = 997
	}
	inputs := map[string][]float32{
		// exp: from below underflow to above overflow, both signs.
		"exp": sweep32(0, 110, step, true),
		// log: every positive float32, subnormals included, and Inf.
		"log": sweep32(0, math.MaxFloat32, step, false),
		// sin, cos: |x| to 1e5 (the kernel's own range), beyond sparsely
		// (the op table's function).
		"sin": append(sweep32(0, 1e5, step, true), sweep32(1e5, 3e9, 8*step, true)...),
		// tanh: 0 to 12 (1 from 9.01), both signs.
		"tanh": sweep32(0, 12, step, true),
	}
	inputs["cos"] = inputs["sin"]
	for _, c := range mathCases() {
		xs := append(slices.Clone(inputs[c.name]), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
			float32(math.Copysign(0, -1)), 1, -1)
		shuffled := slices.Clone(xs)
		rand.New(rand.NewPCG(5, 6)).Shuffle(len(shuffled), func(i, j int) {
			shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
		})
		for order, xs := range [][]float32{xs, shuffled} {
			got := make([]float32, len(xs))
			c.f32(got, xs)
			worst, at, exact := int64(0), float32(0), 0
			for i, x := range xs {
				u := ulps32(got[i], float32(c.ref(float64(x))))
				if u == 0 {
					exact++
				}
				if u > worst {
					worst, at = u, x
				}
			}
			t.Logf("%s float32 (%s): %d values, worst %d ulp at %v, %.2f%% exact",
				c.name, []string{"in order", "shuffled"}[order], len(xs), worst, at, 100*float64(exact)/float64(len(xs)))
			if worst > c.ulp32 {
				t.Errorf("%s float32 is %d ulp off at %v (NumPy's bound %d)", c.name, worst, at, c.ulp32)
			}
		}
	}
}

// TestMathKernelsRandom64 compares each float64 kernel with Go's math on
// random arguments over its range, as they come and sorted. Go's
// functions are taken to be within an ulp of the exact value: a result
// closer than the NumPy bound minus one to Go's passes, any other is
// compared with the exact value from math/big and must be within the
// bound (as must every log of a subnormal: Go's amd64 math.Log ignores
// their scaling; and every sin and cos above 2^29, where Go's reduction
// loses bits).
func TestMathKernelsRandom64(t *testing.T) {
	n := 500_000
	if testing.Short() {
		n = 100_000
	}
	rng := rand.New(rand.NewPCG(7, 8))
	gen := map[string]func() float64{
		// exp: from underflow (subnormal results) to overflow.
		"exp": func() float64 { return rng.Float64()*1470 - 755 },
		// log: every binade, subnormals included; a quarter near 1.
		"log": func() float64 {
			if rng.IntN(4) == 0 {
				return 1 + math.Ldexp(rng.Float64()-0.5, -rng.IntN(50))
			}
			return math.Float64frombits(rng.Uint64() & (1<<63 - 1) % math.Float64bits(math.Inf(1)))
		},
		// sin, cos: magnitudes from 2^-30 to 2^31 (the kernel's range
		// ends at 1e9), most below 2^20.
		"sin": func() float64 {
			e := rng.IntN(50) - 30
			if rng.IntN(16) == 0 {
				e = rng.IntN(12) + 20
			}
			return math.Ldexp(rng.Float64(), e) * float64(1-2*rng.IntN(2))
		},
		// tanh: mostly in [-25, 25], and small.
		"tanh": func() float64 {
			if rng.IntN(4) == 0 {
				return math.Ldexp(rng.Float64()-0.5, -rng.IntN(40))
			}
			return rng.Float64()*50 - 25
		},
	}
	gen["cos"] = gen["sin"]
	for _, c := range mathCases() {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = gen[c.name]()
		}
		xs = append(xs, math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1), 0, 1, -1,
			math.SmallestNonzeroFloat64, math.MaxFloat64, 0x1p-1022, 1e9, -1e9, math.Nextafter(1e9, 2e9))
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		for order, xs := range [][]float64{xs, sorted} {
			got := make([]float64, len(xs))
			c.f64(got, xs)
			worst, at, checked := int64(0), 0.0, 0
			for i, x := range xs {
				if c.bound64 != 0 && !(math.Abs(x) <= c.bound64) {
					continue // the op table's function (TestMathKernelsSpecials)
				}
				u := ulps64(got[i], c.ref(x))
				if u >= c.ulp64 || (c.bound64 != 0 && math.Abs(x) > 0x1p29) || (c.name == "log" && x > 0 && x < 0x1p-1022) {
					// Near the bound by Go's function (or where it is
					// wrong): against the exact value instead.
					u = ulps64(got[i], c.exact(x))
					checked++
				}
				if u > worst {
					worst, at = u, x
				}
			}
			t.Logf("%s float64 (%s): %d values, worst %d ulp at %v (%d checked with math/big)",
				c.name, []string{"random", "sorted"}[order], len(xs), worst, at, checked)
			if worst > c.ulp64 {
				t.Errorf("%s float64 is %d ulp off at %v (NumPy's bound %d)", c.name, worst, at, c.ulp64)
			}
		}
	}
}

// bigLog is log(x) for a positive x, exactly rounded: log(x) = k·ln 2 +
// log(m) with m = x·2^-k in [1, 2), both from math/big series.
func bigLog(x float64) float64 {
	const prec = 200
	m, k := math.Frexp(x) // x = m·2^k, m in [0.5, 1)
	// log(m) = 2·atanh((m-1)/(m+1)), series in s².
	bm := new(big.Float).SetPrec(prec).SetFloat64(m)
	num := new(big.Float).SetPrec(prec).Sub(bm, big.NewFloat(1))
	den := new(big.Float).SetPrec(prec).Add(bm, big.NewFloat(1))
	s := new(big.Float).SetPrec(prec).Quo(num, den)
	s2 := new(big.Float).SetPrec(prec).Mul(s, s)
	sum := new(big.Float).SetPrec(prec)
	term := new(big.Float).SetPrec(prec).Set(s)
	for i := int64(0); i < 200; i++ {
		sum.Add(sum, new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetInt64(2*i+1)))
		term.Mul(term, s2)
	}
	sum.Mul(sum, big.NewFloat(2))
	// ln 2 = 2·atanh(1/3).
	third := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), big.NewFloat(3))
	t2 := new(big.Float).SetPrec(prec).Mul(third, third)
	ln2 := new(big.Float).SetPrec(prec)
	term.Set(third)
	for i := int64(0); i < 200; i++ {
		ln2.Add(ln2, new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetInt64(2*i+1)))
		term.Mul(term, t2)
	}
	ln2.Mul(ln2, big.NewFloat(2))
	sum.Add(sum, ln2.Mul(ln2, new(big.Float).SetInt64(int64(k))))
	f, _ := sum.Float64()
	return f
}

// TestMathKernelsSpecials requires the op table's own values (bit for
// bit, any NaN for NaN) on the values NumPy's semantics care about, in
// every lane position and in the tail.
func TestMathKernelsSpecials(t *testing.T) {
	sp := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1,
		0x1p-126, 0x1p-149, -0x1p-149, 0x1p-1022, 0.5, 2, math.MaxFloat32, math.MaxFloat64, 1e9, 1e10, -3e9}
	for _, c := range mathCases() {
		loop32, loop64 := scalarOf[float32](c.op), scalarOf[float64](c.op)
		for n := 1; n <= 2*len(sp)+9; n++ {
			x32, x64 := make([]float32, n), make([]float64, n)
			for i := range n {
				x64[i] = sp[(i*7+n)%len(sp)]
				x32[i] = float32(x64[i])
			}
			d32, d64 := make([]float32, n), make([]float64, n)
			c.f32(d32, x32)
			c.f64(d64, x64)
			for i := range n {
				if w := loop32(x32[i]); !sameFloat(d32[i], w) && !(ulps32(d32[i], w) <= 1 && d32[i] != 0) {
					t.Errorf("%s float32(%v) = %v, the loop's %v", c.name, x32[i], d32[i], w)
				}
				w := loop64(x64[i])
				if c.name == "log" && x64[i] > 0 && x64[i] < 0x1p-1022 {
					w = bigLog(x64[i]) // Go's amd64 math.Log mishandles subnormals
				}
				if !sameFloat(d64[i], w) && !(ulps64(d64[i], w) <= 1 && d64[i] != 0) {
					t.Errorf("%s float64(%v) = %v, the loop's %v", c.name, x64[i], d64[i], w)
				}
			}
		}
	}
}

// scalarOf returns the op table's function of op for T.
func scalarOf[T float](op ufunc.ID) func(T) T {
	var out []T
	k := leftToLoop(func(dst, x []T) int { copy(dst, x); return len(dst) }, -1, op)
	return func(v T) T {
		out = append(out[:0], v)
		k(out, out)
		return out[0]
	}
}

// TestMathKernelsPlaceFree requires every element's value to be the same
// whatever its place: computed in one call over the whole array, over
// the array cut at every offset in chunks of every small length, and
// alone; and no element outside dst written. Mixed arguments put special
// and out-of-bound lanes beside ordinary ones.
func TestMathKernelsPlaceFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const n = 203
	for _, c := range mathCases() {
		x64 := make([]float64, n)
		for i := range x64 {
			switch rng.IntN(6) {
			case 0:
				x64[i] = specials[rng.IntN(len(specials))]
			case 1:
				x64[i] = rng.NormFloat64() * 1e10
			default:
				x64[i] = rng.NormFloat64() * 3
			}
		}
		x32 := make([]float32, n)
		for i := range x32 {
			x32[i] = float32(x64[i])
		}
		placeFree(t, c.name+" float32", c.f32, x32)
		placeFree(t, c.name+" float64", c.f64, x64)
	}
}

func placeFree[T float](t *testing.T, name string, k func(dst, x []T), x []T) {
	t.Helper()
	whole := make([]T, len(x))
	k(whole, x)
	for chunk := 1; chunk <= 40; chunk++ {
		for off := 0; off < chunk; off += 3 {
			all, dst := banded(len(x), T(777))
			if off > 0 {
				k(dst[:off], x[:off])
			}
			for lo := off; lo < len(x); lo += chunk {
				hi := min(lo+chunk, len(x))
				k(dst[lo:hi:hi], window(x[lo:hi], T(3)))
			}
			checkGuard(t, name, all, len(x), T(777))
			for i := range x {
				if !sameFloat(dst[i], whole[i]) {
					t.Fatalf("%s: x=%v is %v in chunks of %d from %d, %v in one call", name, x[i], dst[i], chunk, off, whole[i])
				}
			}
		}
	}
	// In place.
	y := slices.Clone(x)
	k(y, y)
	for i := range y {
		if !sameFloat(y[i], whole[i]) {
			t.Fatalf("%s in place: x=%v is %v, %v otherwise", name, x[i], y[i], whole[i])
		}
	}
}

// bigSinCos returns sin x and cos x correctly rounded, for |x| < 2^40:
// x - k·π/2 with π at 400 bits, then the Taylor series.
func bigSinCos(x float64) (float64, float64) {
	const prec = 400
	pi := bigPiTest(prec)
	halfPi := new(big.Float).SetPrec(prec).Quo(pi, big.NewFloat(2))
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	q := new(big.Float).SetPrec(prec).Quo(bx, halfPi)
	qf, _ := q.Float64()
	k := math.Round(qf)
	r := new(big.Float).SetPrec(prec).Sub(bx, new(big.Float).SetPrec(prec).Mul(halfPi, big.NewFloat(k)))
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	s, c := new(big.Float).SetPrec(prec), new(big.Float).SetPrec(prec)
	ts, tc := new(big.Float).SetPrec(prec).Set(r), new(big.Float).SetPrec(prec).SetInt64(1)
	for i := int64(0); i < 60; i++ {
		s.Add(s, ts)
		c.Add(c, tc)
		ts.Mul(ts, r2).Quo(ts, new(big.Float).SetInt64(-(2*i+2)*(2*i+3)))
		tc.Mul(tc, r2).Quo(tc, new(big.Float).SetInt64(-(2*i+1)*(2*i+2)))
	}
	switch int64(k) & 3 {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	sf, _ := s.Float64()
	cf, _ := c.Float64()
	return sf, cf
}

// bigPiTest is π by Machin's formula at prec bits.
func bigPiTest(prec uint) *big.Float {
	atanInv := func(n int64) *big.Float {
		sum := new(big.Float).SetPrec(prec)
		pow := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), new(big.Float).SetInt64(n))
		n2 := new(big.Float).SetInt64(n * n)
		for k := int64(0); k < int64(prec); k++ {
			term := new(big.Float).SetPrec(prec).Quo(pow, new(big.Float).SetInt64(2*k+1))
			if k%2 == 0 {
				sum.Add(sum, term)
			} else {
				sum.Sub(sum, term)
			}
			pow.Quo(pow, n2)
		}
		return sum
	}
	a := new(big.Float).SetPrec(prec).Mul(big.NewFloat(16), atanInv(5))
	return a.Sub(a, new(big.Float).SetPrec(prec).Mul(big.NewFloat(4), atanInv(239)))
}

// bigExp is e^x correctly rounded (subnormal results included): e^y
// from its Taylor series at y = x/2^12, squared twelve times, at 400
// bits.
func bigExp(x float64) float64 {
	if math.Abs(x) > 800 || x != x {
		return math.Exp(x)
	}
	const prec = 400
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -12)
	e, term := new(big.Float).SetPrec(prec), new(big.Float).SetPrec(prec).SetInt64(1)
	for i := int64(1); i < 60; i++ {
		e.Add(e, term)
		term.Mul(term, y).Quo(term, new(big.Float).SetInt64(i))
	}
	for range 12 {
		e.Mul(e, e)
	}
	f, _ := e.Float64()
	return f
}

// bigTanh is tanh x correctly rounded: (e^(2x) - 1)/(e^(2x) + 1), e^y
// from its Taylor series at y/2^10, squared ten times, at 300 bits.
func bigTanh(x float64) float64 {
	const prec = 300
	if math.Abs(x) > 40 || x == 0 || x != x {
		return math.Tanh(x)
	}
	y := new(big.Float).SetPrec(prec).SetFloat64(2 * x)
	y.SetMantExp(y, -10)
	e, term := new(big.Float).SetPrec(prec), new(big.Float).SetPrec(prec).SetInt64(1)
	for i := int64(1); i < 80; i++ {
		e.Add(e, term)
		term.Mul(term, y).Quo(term, new(big.Float).SetInt64(i))
	}
	for range 10 {
		e.Mul(e, e)
	}
	num := new(big.Float).SetPrec(prec).Sub(e, big.NewFloat(1))
	den := new(big.Float).SetPrec(prec).Add(e, big.NewFloat(1))
	f, _ := num.Quo(num, den).Float64()
	return f
}

// BenchmarkMathKernels times each kernel alone on one core, over 16Ki
// elements (in cache): the kernels' own speed, for tuning.
//
//	go test ./cpu -run '^$' -bench MathKernels -count 3
func BenchmarkMathKernels(b *testing.B) {
	const n = 1 << 14
	rng := rand.New(rand.NewPCG(1, 2))
	in := map[string][2]float64{"exp": {-5, 5}, "log": {0.5, 1.5}, "sin": {-10, 10}, "cos": {-10, 10}, "tanh": {-3, 3}}
	for _, c := range mathCases() {
		r := in[c.name]
		x32, x64 := make([]float32, n), make([]float64, n)
		for i := range x64 {
			x64[i] = r[0] + (r[1]-r[0])*rng.Float64()
			x32[i] = float32(x64[i])
		}
		d32, d64 := make([]float32, n), make([]float64, n)
		b.Run(c.name+"/float32", func(b *testing.B) {
			b.SetBytes(4 * n)
			for b.Loop() {
				c.f32(d32, x32)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/elem")
		})
		b.Run(c.name+"/float64", func(b *testing.B) {
			b.SetBytes(8 * n)
			for b.Loop() {
				c.f64(d64, x64)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/elem")
		})
	}
}
