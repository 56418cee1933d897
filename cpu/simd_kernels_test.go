package cpu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// The kernels of cpu-simd against plain loops, on the assembly (amd64) or
// the pure-Go versions (-tags purego, other architectures). Every output
// is written into the middle of a larger slice whose guard elements must
// come back untouched, for every length from 0 to 70 and around each
// vector width, unroll factor and block size.

const guard = 19 // guard elements each side of an output

// testLengths are 0..70 and the lengths around 128, 256, 512 (sumBlock)
// and a few larger powers of two.
func testLengths() []int {
	var ns []int
	for n := range 71 {
		ns = append(ns, n)
	}
	for _, p := range []int{96, 128, 256, 512, 1024, 2048, 4096} {
		ns = append(ns, p-1, p, p+1)
	}
	return append(ns, 1000, 1536+7)
}

// specials are the values NumPy's semantics care about.
var specials = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1,
	math.SmallestNonzeroFloat64, 1e-310, 1e-40, 3.4e38, 1e300, -2.5}

func randFloats[T float](rng *rand.Rand, n int) []T {
	x := make([]T, n)
	for i := range x {
		if rng.IntN(8) == 0 {
			x[i] = T(specials[rng.IntN(len(specials))])
		} else {
			x[i] = T(rng.NormFloat64() * 10)
		}
	}
	return x
}

// sameFloat is bitwise equality, except that any NaN equals any NaN.
func sameFloat[T float](a, b T) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	switch v := any(a).(type) {
	case float32:
		return math.Float32bits(v) == math.Float32bits(any(b).(float32))
	case float64:
		return math.Float64bits(v) == math.Float64bits(any(b).(float64))
	}
	return false
}

// banded returns a slice of n+2*guard elements, filled with a sentinel,
// and the window [guard, guard+n) with its capacity cut to n.
func banded[T any](n int, sentinel T) ([]T, []T) {
	all := make([]T, n+2*guard)
	for i := range all {
		all[i] = sentinel
	}
	return all, all[guard : guard+n : guard+n]
}

func checkGuard[T comparable](t *testing.T, what string, all []T, n int, sentinel T) {
	t.Helper()
	for i := range guard {
		if all[i] != sentinel || all[guard+n+i] != sentinel {
			t.Fatalf("%s: n=%d: a guard element was written", what, n)
		}
	}
}

// window returns x placed in the middle of random surroundings.
func window[T any](x []T, pad T) []T {
	all := make([]T, len(x)+2*guard)
	for i := range all {
		all[i] = pad
	}
	copy(all[guard:], x)
	return all[guard : guard+len(x) : guard+len(x)]
}

type binCase[T float] struct {
	name   string
	vv     func(dst, x, y []T)
	vs     func(dst, x []T, y T)
	sv     func(dst []T, x T, y []T)
	scalar func(a, b T) T
}

func binCases32() []binCase[float32] {
	return []binCase[float32]{
		{"add", addVVF32, addVSF32, nil, func(a, b float32) float32 { return a + b }},
		{"sub", subVVF32, subVSF32, subSVF32, func(a, b float32) float32 { return a - b }},
		{"mul", mulVVF32, mulVSF32, nil, func(a, b float32) float32 { return a * b }},
		{"div", divVVF32, divVSF32, divSVF32, func(a, b float32) float32 { return a / b }},
		{"max", maxVVF32, maxVSF32, maxSVF32, maxNaN[float32]},
		{"min", minVVF32, minVSF32, minSVF32, minNaN[float32]},
	}
}

func binCases64() []binCase[float64] {
	return []binCase[float64]{
		{"add", addVVF64, addVSF64, nil, func(a, b float64) float64 { return a + b }},
		{"sub", subVVF64, subVSF64, subSVF64, func(a, b float64) float64 { return a - b }},
		{"mul", mulVVF64, mulVSF64, nil, func(a, b float64) float64 { return a * b }},
		{"div", divVVF64, divVSF64, divSVF64, func(a, b float64) float64 { return a / b }},
		{"max", maxVVF64, maxVSF64, maxSVF64, maxNaN[float64]},
		{"min", minVVF64, minVSF64, minSVF64, minNaN[float64]},
	}
}

func TestBinaryKernels(t *testing.T) {
	testBinary(t, binCases32())
	testBinary(t, binCases64())
}

func testBinary[T float](t *testing.T, cases []binCase[T]) {
	rng := rand.New(rand.NewPCG(1, 2))
	sentinel := T(12345)
	for _, c := range cases {
		for _, n := range testLengths() {
			x, y := window(randFloats[T](rng, n), 7), window(randFloats[T](rng, n), 7)
			s := T(specials[rng.IntN(len(specials))])
			if rng.IntN(2) == 0 {
				s = T(rng.NormFloat64())
			}
			check := func(layout string, run func(dst []T), want func(i int) T) {
				all, dst := banded(n, sentinel)
				run(dst)
				checkGuard(t, c.name+layout, all, n, sentinel)
				for i := range dst {
					if w := want(i); !sameFloat(dst[i], w) {
						t.Fatalf("%s%s n=%d: [%d] = %v, want %v (x %v, y %v, s %v)", c.name, layout, n, i, dst[i], w, x[i], y[i], s)
					}
				}
			}
			check("VV", func(d []T) { c.vv(d, x, y) }, func(i int) T { return c.scalar(x[i], y[i]) })
			check("VS", func(d []T) { c.vs(d, x, s) }, func(i int) T { return c.scalar(x[i], s) })
			if c.sv != nil {
				check("SV", func(d []T) { c.sv(d, s, y) }, func(i int) T { return c.scalar(s, y[i]) })
			}
			// In place: dst is x.
			if n > 0 {
				z := append([]T(nil), x...)
				c.vv(z, z, y)
				for i := range z {
					if w := c.scalar(x[i], y[i]); !sameFloat(z[i], w) {
						t.Fatalf("%s in place n=%d: [%d] = %v, want %v", c.name, n, i, z[i], w)
					}
				}
			}
		}
	}
}

// TestMaxMinTies pins NumPy's rules: NaN from either side, and the second
// argument on a ±0 tie, in every lane position.
func TestMaxMinTies(t *testing.T) {
	pz, nz, nan := float32(0), float32(math.Copysign(0, -1)), float32(math.NaN())
	for _, n := range []int{1, 7, 8, 9, 33} {
		x := make([]float32, n)
		y := make([]float32, n)
		for i := range x {
			x[i], y[i] = pz, nz
		}
		d := make([]float32, n)
		maxVVF32(d, x, y)
		for i := range d {
			if math.Signbit(float64(d[i])) != true {
				t.Fatalf("maximum(+0, -0) must be -0 (the second argument), n=%d i=%d", n, i)
			}
		}
		minVSF32(d, y, pz)
		for i := range d {
			if math.Signbit(float64(d[i])) {
				t.Fatalf("minimum(-0, +0) must be +0, n=%d i=%d", n, i)
			}
		}
		x[n-1] = nan
		maxVSF32(d, x, 1)
		if d[n-1] == d[n-1] {
			t.Fatalf("maximum(NaN, 1) must be NaN")
		}
		maxSVF32(d, nan, y)
		minSVF32(d[:0], nan, y[:0])
		for i := range d {
			if d[i] == d[i] {
				t.Fatalf("maximum(NaN, y) must be NaN")
			}
		}
	}
}

type cmpCase[T float] struct {
	name string
	vv   func(dst []bool, x, y []T)
	vs   func(dst []bool, x []T, y T)
	f    func(a, b T) bool
}

func cmpCases[T float](vv [6]func(dst []bool, x, y []T), vs [6]func(dst []bool, x []T, y T)) []cmpCase[T] {
	fs := []func(a, b T) bool{
		func(a, b T) bool { return a == b }, func(a, b T) bool { return a != b },
		func(a, b T) bool { return a < b }, func(a, b T) bool { return a <= b },
		func(a, b T) bool { return a > b }, func(a, b T) bool { return a >= b }}
	names := []string{"eq", "ne", "lt", "le", "gt", "ge"}
	var cs []cmpCase[T]
	for i := range 6 {
		cs = append(cs, cmpCase[T]{names[i], vv[i], vs[i], fs[i]})
	}
	return cs
}

func TestCompareKernels(t *testing.T) {
	testCompare(t, cmpCases([6]func([]bool, []float32, []float32){eqVVF32, neVVF32, ltVVF32, leVVF32, gtVVF32, geVVF32},
		[6]func([]bool, []float32, float32){eqVSF32, neVSF32, ltVSF32, leVSF32, gtVSF32, geVSF32}))
	testCompare(t, cmpCases([6]func([]bool, []float64, []float64){eqVVF64, neVVF64, ltVVF64, leVVF64, gtVVF64, geVVF64},
		[6]func([]bool, []float64, float64){eqVSF64, neVSF64, ltVSF64, leVSF64, gtVSF64, geVSF64}))
}

func testCompare[T float](t *testing.T, cases []cmpCase[T]) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range cases {
		for _, n := range testLengths() {
			x, y := window(randFloats[T](rng, n), 1), window(randFloats[T](rng, n), 1)
			for i := range y {
				if rng.IntN(4) == 0 {
					y[i] = x[i] // ties
				}
			}
			s := x[0:min(1, n)]
			sv := T(0.5)
			if len(s) > 0 {
				sv = s[0]
			}
			for _, layout := range []string{"VV", "VS"} {
				all, dst := banded(n, true)
				// A sentinel of true with the result false would pass the
				// guard check by chance: alternate sentinels.
				for i := range all {
					all[i] = i%2 == 0
				}
				if layout == "VV" {
					c.vv(dst, x, y)
				} else {
					c.vs(dst, x, sv)
				}
				for i := range guard {
					if all[i] != (i%2 == 0) || all[guard+n+i] != ((guard+n+i)%2 == 0) {
						t.Fatalf("%s%s: n=%d: a guard element was written", c.name, layout, n)
					}
				}
				for i := range dst {
					w := c.f(x[i], sv)
					if layout == "VV" {
						w = c.f(x[i], y[i])
					}
					b := *(*byte)(unsafe.Pointer(&dst[i]))
					if dst[i] != w || b > 1 {
						t.Fatalf("%s%s n=%d: [%d] = %v (byte %d), want %v (x %v y %v s %v)", c.name, layout, n, i, dst[i], b, w, x[i], y[i], sv)
					}
				}
			}
		}
	}
}

func TestUnaryKernels(t *testing.T) {
	testUnary(t, "neg", negF32, func(a float32) float32 { return -a })
	testUnary(t, "abs", absF32, absNaN[float32])
	testUnary(t, "sqrt", sqrtF32, func(a float32) float32 { return float32(math.Sqrt(float64(a))) })
	testUnary(t, "neg", negF64, func(a float64) float64 { return -a })
	testUnary(t, "abs", absF64, absNaN[float64])
	testUnary(t, "sqrt", sqrtF64, math.Sqrt)
	testUnary(t, "clip", func(d, x []float32) { clipVSSF32(d, x, -1.5, 2) }, func(a float32) float32 { return clipNaN(a, -1.5, 2) })
	testUnary(t, "clip", func(d, x []float64) { clipVSSF64(d, x, -1.5, 2) }, func(a float64) float64 { return clipNaN(a, -1.5, 2) })
	nan := math.NaN()
	testUnary(t, "clipnan", func(d, x []float64) { clipVSSF64(d, x, nan, 2) }, func(a float64) float64 { return clipNaN(a, nan, 2) })
	testUnary(t, "clipnan", func(d, x []float32) { clipVSSF32(d, x, 0, float32(nan)) }, func(a float32) float32 { return clipNaN(a, 0, float32(nan)) })
	testUnary(t, "clipzero", func(d, x []float32) { clipVSSF32(d, x, 0, 0) }, func(a float32) float32 { return clipNaN(a, 0, 0) })
}

func testUnary[T float](t *testing.T, name string, k func(dst, x []T), f func(T) T) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range testLengths() {
		x := window(randFloats[T](rng, n), 3)
		all, dst := banded(n, T(777))
		k(dst, x)
		checkGuard(t, name, all, n, T(777))
		for i := range dst {
			if w := f(x[i]); !sameFloat(dst[i], w) {
				t.Fatalf("%s n=%d: [%d] = %v, want %v (x %v)", name, n, i, dst[i], w, x[i])
			}
		}
	}
}

func TestWhereKernels(t *testing.T) {
	testWhere(t, whereF32)
	testWhere(t, whereF64)
}

func testWhere[T float](t *testing.T, k func(dst []T, c []bool, x, y []T)) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range testLengths() {
		x, y := window(randFloats[T](rng, n), 3), window(randFloats[T](rng, n), 3)
		c := make([]bool, n)
		for i := range c {
			c[i] = rng.IntN(2) == 0
		}
		c = window(c, true)
		all, dst := banded(n, T(777))
		k(dst, c, x, y)
		checkGuard(t, "where", all, n, T(777))
		for i := range dst {
			w := y[i]
			if c[i] {
				w = x[i]
			}
			if !sameFloat(dst[i], w) {
				t.Fatalf("where n=%d: [%d] = %v, want %v", n, i, dst[i], w)
			}
		}
	}
}

// ulps returns the distance between a and b in units in the last place
// of float32 (0 when both are NaN or equal).
func ulps32(a, b float32) int64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b {
		return math.MaxInt64
	}
	ia, ib := int64(math.Float32bits(a)), int64(math.Float32bits(b))
	if ia < 0 {
		ia = math.MinInt32 - ia // order negative floats below positive ones
	}
	if ib < 0 {
		ib = math.MinInt32 - ib
	}
	if ia > ib {
		return ia - ib
	}
	return ib - ia
}

func ulps64(a, b float64) int64 {
	if a == b || (a != a && b != b) {
		return 0
	}
	if a != a || b != b {
		return math.MaxInt64
	}
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	if ia > ib {
		return ia - ib
	}
	return ib - ia
}

// TestExpF32Bound sweeps float32 over [-110, 95] (every 211th bit pattern,
// about 20 million values, plus the edges) and requires expF32 within 1
// ulp of float32(math.Exp(float64(x))), the bound being 2.
func TestExpF32Bound(t *testing.T) {
	step := uint32(211)
	if testing.Short() {
		step = 997
	}
	var xs []float32
	for _, r := range [][2]float32{{0, 95}, {0, 110}} {
		for b := math.Float32bits(r[0]); b <= math.Float32bits(r[1]); b += step {
			xs = append(xs, math.Float32frombits(b))
		}
	}
	for i, n := 0, len(xs); i < n; i++ {
		if xs[i] <= 110 {
			xs = append(xs, -xs[i])
		}
	}
	for _, v := range []float64{88.72283, 88.72284, 88.7229, 89, -87.33654, -103.27893, -103.97208, -103.972084, -104, -104.1,
		math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1), 1e-30, -1e-30, 1, -1} {
		xs = append(xs, float32(v))
	}
	// In order and shuffled: every lane is computed alone (special and
	// out-of-range values are fixed per lane), so the order must not
	// change any value's error.
	shuffled := slices.Clone(xs)
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	for _, xs := range [][]float32{xs, shuffled} {
		got := make([]float32, len(xs))
		expF32(got, xs)
		worst, at := int64(0), 0
		for i, x := range xs {
			want := float32(math.Exp(float64(x)))
			if u := ulps32(got[i], want); u > worst {
				worst, at = u, i
			}
		}
		t.Logf("expF32: %d values, worst %d ulp at x=%v", len(xs), worst, xs[at])
		if worst > 1 {
			t.Fatalf("expF32 is %d ulp off at x=%v: %v, want %v", worst, xs[at], got[at], float32(math.Exp(float64(xs[at]))))
		}
	}
}

// TestExpF64Bound requires expF64 within 2 ulp of math.Exp on random
// arguments over the whole range, the subnormal results included.
func TestExpF64Bound(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var xs []float64
	for range 2_000_000 {
		xs = append(xs, rng.Float64()*1460-750)
	}
	for range 200_000 {
		xs = append(xs, rng.NormFloat64())
		xs = append(xs, rng.Float64()*40-745.5) // subnormal results
	}
	xs = append(xs, 709.78, 709.4, 710, -708.3964185322641, -745.1332191019411, -745.1332191019412,
		-746, -800, 800, math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1), 1e-300, -1e-300, 1, -1)
	got := make([]float64, len(xs))
	expF64(got, xs)
	worst, at := int64(0), 0.0
	for i, x := range xs {
		want := math.Exp(x)
		if x > 709.43 && x < 709.79 {
			// Go's amd64 math.Exp overflows to +Inf where x/ln2 rounds
			// to 1024, though the result is finite up to 709.78: the
			// loop (the pure-Go kernel) does the same, the assembly
			// gives the finite value.
			want = math.Exp(x-1) * math.E
			if u := ulps64(got[i], want); u > 3 && got[i] != math.Exp(x) {
				t.Errorf("expF64(%v) = %v, want about %v", x, got[i], want)
			}
			continue
		}
		if u := ulps64(got[i], want); u > worst {
			worst, at = u, x
		}
	}
	t.Logf("expF64: %d values, worst %d ulp at x=%v", len(xs), worst, at)
	if worst > 2 {
		t.Fatalf("expF64 is %d ulp off at x=%v", worst, at)
	}
}

func TestExpKernelGuards(t *testing.T) {
	testNear(t, "exp32", expF32, func(a float32) float32 { return float32(math.Exp(float64(a))) }, 1)
	testNear(t, "exp64", expF64, math.Exp, 2) // randFloats stays far from 709
}

func testNear[T float](t *testing.T, name string, k func(dst, x []T), f func(T) T, maxUlp int64) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range testLengths() {
		x := window(randFloats[T](rng, n), 3)
		all, dst := banded(n, T(777))
		k(dst, x)
		checkGuard(t, name, all, n, T(777))
		for i := range dst {
			var u int64
			switch d := any(dst[i]).(type) {
			case float32:
				u = ulps32(d, any(f(x[i])).(float32))
			case float64:
				u = ulps64(d, any(f(x[i])).(float64))
			}
			if u > maxUlp {
				t.Fatalf("%s n=%d: [%d] = %v, want %v (x %v)", name, n, i, dst[i], f(x[i]), x[i])
			}
		}
	}
}

func TestSumKernels(t *testing.T) {
	testSumBlocks(t, sumBlocksF32)
	testSumBlocks(t, sumBlocksF64)
}

func testSumBlocks[T float](t *testing.T, k func(dst []float64, x []T)) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, n := range append(testLengths(), 5*sumBlock+33, 3*sumBlock) {
		x := make([]T, n)
		for i := range x {
			x[i] = T(rng.NormFloat64())
		}
		x = window(x, 1e30)
		nb := (n + sumBlock - 1) / sumBlock
		all, dst := banded(nb, 7.0)
		k(dst, x)
		checkGuard(t, "sumBlocks", all, nb, 7.0)
		for b := range dst {
			w := sumLanes(x[b*sumBlock : min(b*sumBlock+sumBlock, n)])
			if math.Float64bits(dst[b]) != math.Float64bits(w) {
				t.Fatalf("sumBlocks n=%d: block %d = %v, want %v", n, b, dst[b], w)
			}
		}
	}
}

func TestSumRowsKernels(t *testing.T) {
	testSumRows(t, sumRowsF32)
	testSumRows(t, sumRowsF64)
}

func testSumRows[T float](t *testing.T, k func(acc []float64, x []T, ldx, rows int)) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, cols := range []int{0, 1, 3, 15, 16, 17, 31, 33, 64, 70} {
		for _, rows := range []int{0, 1, 3, 4, 5, 8, 9, 13} {
			ldx := cols + 3
			x := make([]T, max(0, rows*ldx))
			for i := range x {
				x[i] = T(rng.NormFloat64())
			}
			all, acc := banded(cols, 5.0)
			for j := range acc {
				acc[j] = rng.NormFloat64()
			}
			want := append([]float64(nil), acc...)
			for r := range rows {
				for j := range want {
					want[j] += float64(x[r*ldx+j])
				}
			}
			k(acc, x, ldx, rows)
			checkGuard(t, "sumRows", all, cols, 5.0)
			for j := range acc {
				if math.Float64bits(acc[j]) != math.Float64bits(want[j]) {
					t.Fatalf("sumRows %dx%d: [%d] = %v, want %v", rows, cols, j, acc[j], want[j])
				}
			}
		}
	}
}

func TestExtremeKernels(t *testing.T) {
	testExtreme(t, "max", maxF32, math.Inf(-1), func(a, b float32) bool { return a > b })
	testExtreme(t, "min", minF32, math.Inf(1), func(a, b float32) bool { return a < b })
	testExtreme(t, "max", maxF64, math.Inf(-1), func(a, b float64) bool { return a > b })
	testExtreme(t, "min", minF64, math.Inf(1), func(a, b float64) bool { return a < b })
}

func testExtreme[T float](t *testing.T, name string, k func(x []T) T, init float64, better func(a, b T) bool) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range testLengths() {
		for trial := range 4 {
			x := make([]T, n)
			for i := range x {
				x[i] = T(rng.NormFloat64())
			}
			if n > 0 {
				switch trial {
				case 1:
					x[rng.IntN(n)] = T(math.NaN())
				case 2:
					x[n-1] = T(math.NaN()) // in the tail
				case 3:
					for i := range x {
						x[i] = T(math.Inf(int(-init)))
					}
				}
			}
			x = window(x, T(math.NaN()))
			got := k(x)
			want := T(init)
			for _, v := range x {
				if better(v, want) || v != v {
					want = v
				}
			}
			if !(got == want || (got != got && want != want)) {
				t.Fatalf("%s n=%d trial %d: %v, want %v", name, n, trial, got, want)
			}
		}
	}
}

func TestCountTrue(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for _, n := range append(testLengths(), 1<<16+5) {
		x := make([]bool, n)
		want := 0
		for i := range x {
			x[i] = rng.IntN(3) == 0
			if x[i] {
				want++
			}
		}
		if got := countTrue(window(x, true)); got != want {
			t.Fatalf("countTrue n=%d: %d, want %d", n, got, want)
		}
	}
}

func TestCompressKernels(t *testing.T) {
	testCompress(t, compressF32)
	testCompress(t, compressF64)
}

func testCompress[T float](t *testing.T, k func(dst, src []T, mask []bool)) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range testLengths() {
		for _, p := range []int{0, 1, 2, 4} { // none, a quarter, half, all true
			src := make([]T, n)
			mask := make([]bool, n)
			var want []T
			for i := range src {
				src[i] = T(i + 1)
				mask[i] = p == 4 || (p > 0 && rng.IntN(4) < p)
				if mask[i] {
					want = append(want, src[i])
				}
			}
			all, dst := banded(len(want), T(-1))
			k(dst, window(src, 0), window(mask, true))
			checkGuard(t, "compress", all, len(want), T(-1))
			for i := range want {
				if dst[i] != want[i] {
					t.Fatalf("compress n=%d p=%d: [%d] = %v, want %v", n, p, i, dst[i], want[i])
				}
			}
		}
	}
}

func TestTransposeKernels(t *testing.T) {
	testTranspose(t, transposeF32, 8)
	testTranspose(t, transposeF64, 4)
}

func testTranspose[T float](t *testing.T, k func(dst []T, ldd int, src []T, lds int, rows, cols int), b int) {
	for _, rows := range []int{0, b, 2 * b, 5 * b} {
		for _, cols := range []int{0, b, 3 * b, 4 * b} {
			lds, ldd := rows+3, cols+5
			src := make([]T, max(0, cols*lds))
			for i := range src {
				src[i] = T(i)
			}
			n := max(0, rows*ldd)
			all, dst := banded(n, T(-1))
			k(dst, ldd, src, lds, rows, cols)
			checkGuard(t, "transpose", all, n, T(-1))
			for i := range rows {
				for j := range ldd {
					want := T(-1) // the gap between rows is untouched
					if j < cols {
						want = src[j*lds+i]
					}
					if dst[i*ldd+j] != want {
						t.Fatalf("transpose %dx%d: [%d,%d] = %v, want %v", rows, cols, i, j, dst[i*ldd+j], want)
					}
				}
			}
		}
	}
}
