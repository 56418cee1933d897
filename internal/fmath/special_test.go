package fmath

import (
	"math"
	"testing"
)

// same reports whether a and b are both NaN or have identical bits (so
// the sign of zero counts).
func same(a, b float64) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

var (
	inf  = math.Inf(1)
	nan  = math.NaN()
	negZ = math.Copysign(0, -1)
)

// TestSpecialValues checks C99 Annex F's special cases (and NumPy's for
// logaddexp): signed zeros, infinities, NaN, domain errors and the
// overflow and underflow thresholds.
func TestSpecialValues(t *testing.T) {
	type c struct{ x, want float64 }
	cases := map[string][]c{
		"exp":     {{0, 1}, {negZ, 1}, {inf, inf}, {-inf, 0}, {709.79, inf}, {-745.14, 0}, {-745.13, 5e-324}, {1, math.E}},
		"exp2":    {{0, 1}, {negZ, 1}, {inf, inf}, {-inf, 0}, {1024, inf}, {-1075, 0}, {-1074, 5e-324}, {1023, 0x1p1023}, {-1022.5, 0x1p-1022 / math.Sqrt2}, {3, 8}},
		"expm1":   {{0, 0}, {negZ, negZ}, {inf, inf}, {-inf, -1}, {710, inf}, {5e-324, 5e-324}},
		"log":     {{0, -inf}, {negZ, -inf}, {1, 0}, {-1, nan}, {-inf, nan}, {inf, inf}, {5e-324, -744.4400719213812}},
		"log2":    {{0, -inf}, {negZ, -inf}, {1, 0}, {-1, nan}, {inf, inf}, {5e-324, -1074}, {0x1p-1022, -1022}, {0x1p1023, 1023}},
		"log10":   {{0, -inf}, {negZ, -inf}, {1, 0}, {-1, nan}, {inf, inf}, {1000, 3}, {1e-300, -300}, {5e-324, -323.3062153431158}},
		"log1p":   {{0, 0}, {negZ, negZ}, {-1, -inf}, {-2, nan}, {inf, inf}, {-inf, nan}, {5e-324, 5e-324}},
		"sin":     {{0, 0}, {negZ, negZ}, {inf, nan}, {-inf, nan}, {5e-324, 5e-324}},
		"cos":     {{0, 1}, {negZ, 1}, {inf, nan}, {-inf, nan}},
		"tan":     {{0, 0}, {negZ, negZ}, {inf, nan}, {-inf, nan}},
		"sinh":    {{0, 0}, {negZ, negZ}, {inf, inf}, {-inf, -inf}, {710.5, inf}, {-710.5, -inf}},
		"cosh":    {{0, 1}, {negZ, 1}, {inf, inf}, {-inf, inf}, {710.5, inf}, {-710.5, inf}},
		"tanh":    {{0, 0}, {negZ, negZ}, {inf, 1}, {-inf, -1}, {30, 1}},
		"arcsin":  {{0, 0}, {negZ, negZ}, {1, math.Pi / 2}, {-1, -math.Pi / 2}, {1.0000000000000002, nan}, {-inf, nan}},
		"arccos":  {{1, 0}, {-1, math.Pi}, {0, math.Pi / 2}, {negZ, math.Pi / 2}, {1.0000000000000002, nan}, {inf, nan}},
		"arctan":  {{0, 0}, {negZ, negZ}, {inf, math.Pi / 2}, {-inf, -math.Pi / 2}, {1, math.Pi / 4}},
		"arcsinh": {{0, 0}, {negZ, negZ}, {inf, inf}, {-inf, -inf}},
		"arccosh": {{1, 0}, {0.5, nan}, {inf, inf}, {-inf, nan}},
		"arctanh": {{0, 0}, {negZ, negZ}, {1, inf}, {-1, -inf}, {1.5, nan}},
		"cbrt":    {{0, 0}, {negZ, negZ}, {inf, inf}, {-inf, -inf}, {27, 3}, {-8, -2}, {0x1p-1074 * 8, 0x1p-358 * 2}},
	}
	for _, name := range sortedNames(funcs1) {
		f := funcs1[name]
		for _, tc := range cases[name] {
			if got := f(tc.x); !same(got, tc.want) {
				t.Errorf("%s(%v) = %v, want %v", name, tc.x, got, tc.want)
			}
		}
		if got := f(nan); got == got {
			t.Errorf("%s(NaN) = %v, want NaN", name, got)
		}
	}

	type c2 struct{ y, x, want float64 }
	pi := math.Pi
	cases2 := map[string][]c2{
		"arctan2": {{0, 0, 0}, {negZ, 0, negZ}, {0, negZ, pi}, {negZ, negZ, -pi}, {0, -1, pi}, {negZ, -1, -pi},
			{0, 1, 0}, {negZ, 1, negZ}, {-1, 0, -pi / 2}, {1, negZ, pi / 2}, {1, -inf, pi}, {-1, -inf, -pi},
			{1, inf, 0}, {-1, inf, negZ}, {inf, 1, pi / 2}, {-inf, -1, -pi / 2}, {inf, -inf, 3 * pi / 4},
			{-inf, inf, -pi / 4}, {nan, 1, nan}, {1, nan, nan}, {-5e-289, -4e156, -pi}, {5e-289, -4e156, pi}},
		"hypot": {{inf, nan, inf}, {nan, -inf, inf}, {nan, 1, nan}, {3, 4, 5}, {-3, negZ, 3}, {0, negZ, 0},
			{math.MaxFloat64, math.MaxFloat64, inf}, {5e-324, 5e-324, 5e-324}, {1e308, 1e308, 1.4142135623730952e308}},
	}
	for _, name := range sortedNames(funcs2) {
		f := funcs2[name]
		for _, tc := range cases2[name] {
			if got := f(tc.y, tc.x); !same(got, tc.want) {
				t.Errorf("%s(%v, %v) = %v, want %v", name, tc.y, tc.x, got, tc.want)
			}
		}
	}

	// logaddexp as NumPy's npy_logaddexp / npy_logaddexp2.
	lae := []c2{{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, 3, 3}, {3, -inf, 3},
		{nan, 1, nan}, {1, nan, nan}, {0, 0, math.Ln2}, {1000, 1000, 1000 + math.Ln2}}
	for _, tc := range lae {
		if got := LogAddExp(tc.y, tc.x); !same(got, tc.want) {
			t.Errorf("LogAddExp(%v, %v) = %v, want %v", tc.y, tc.x, got, tc.want)
		}
	}
	lae2 := []c2{{inf, inf, inf}, {-inf, -inf, -inf}, {inf, -inf, inf}, {-inf, 3, 3}, {nan, 1, nan},
		{1, nan, nan}, {0, 0, 1}, {3, 3, 4}, {2, 1, 2 + math.Log2E*math.Log1p(0.5)}}
	for _, tc := range lae2 {
		if got := LogAddExp2(tc.y, tc.x); !same(got, tc.want) {
			t.Errorf("LogAddExp2(%v, %v) = %v, want %v", tc.y, tc.x, got, tc.want)
		}
	}
}

// TestLogAddExpAccuracy checks LogAddExp and LogAddExp2 against the exact
// value over ordinary and large arguments (NumPy's formula: within a few
// ULP; NumPy has no validation file for them).
func TestLogAddExpAccuracy(t *testing.T) {
	g := newGen()
	xs := cat(g.uniform(-50, 50, 300), g.uniform(-1000, 1000, 300))
	var m1, m2 float64
	for i, x := range xs {
		y := xs[(i*31+7)%len(xs)]
		m := bf(math.Max(x, y))
		dx, dy := subB(bf(x), m), subB(bf(y), m)
		w1 := add(m, refLogB(add(refExpB(dx), refExpB(dy))))
		m1 = math.Max(m1, ulpErr(LogAddExp(x, y), w1))
		lx, ly := mul(dx, refLn2), mul(dy, refLn2)
		w2 := add(m, quo(refLogB(add(refExpB(lx), refExpB(ly))), refLn2))
		m2 = math.Max(m2, ulpErr(LogAddExp2(x, y), w2))
	}
	t.Logf("logaddexp max %.3f ULP, logaddexp2 max %.3f ULP over %d points", m1, m2, len(xs))
	if m1 > 2 || m2 > 2 {
		t.Errorf("logaddexp %.3f / logaddexp2 %.3f ULP > 2", m1, m2)
	}
}
