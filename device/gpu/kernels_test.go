//go:build cgo && !nogpu

package gpu_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// The reduction, scan and advanced-indexing kernels are checked against
// cpu-loop through the public tensor API, on every dtype and layout, in
// every kernel mode (gpu.SetKernelMode pins each dispatch path).

// kDevices opens the GPU (skipping without one unless NUMGL_REQUIRE_GPU
// is 1) and the reference.
func kDevices(t *testing.T) (gpuDev, ref device.Device) {
	t.Helper()
	g, err := device.Get("gpu")
	if err != nil {
		if os.Getenv("NUMGL_REQUIRE_GPU") == "1" {
			t.Fatalf("NUMGL_REQUIRE_GPU=1 but the GPU does not open: %v", err)
		}
		t.Skipf("no gpu: %v", err)
	}
	ref, err = device.Get("cpu-loop")
	if err != nil {
		t.Fatal(err)
	}
	return g, ref
}

// kForModes runs f in every kernel mode.
func kForModes(t *testing.T, f func(t *testing.T)) {
	for _, m := range gpu.KernelModes {
		t.Run(m, func(t *testing.T) {
			defer gpu.SetKernelMode(m)()
			f(t)
		})
	}
}

var kDTypes = []dtype.DType{dtype.Bool, dtype.Int32, dtype.Int64, dtype.Float32, dtype.Float64}

// kData returns n random elements of dt. kind picks the values:
// "any" (spread, some repeats), "near1" (for products), "ties" (few
// distinct values), "nan" (floats with NaN and ±inf sprinkled), "sparse"
// (mostly zero).
func kData(rng *rand.Rand, dt dtype.DType, n int, kind string) any {
	val := func() float64 {
		switch kind {
		case "near1":
			if dt.IsFloat() {
				return 0.9 + 0.2*rng.Float64()
			}
			return float64(rng.IntN(5) - 2)
		case "ties":
			return float64(rng.IntN(3) - 1)
		case "sparse":
			if rng.IntN(8) == 0 {
				return float64(rng.IntN(5) - 2)
			}
			return 0
		case "nan":
			switch rng.IntN(12) {
			case 0:
				return math.NaN()
			case 1:
				return math.Inf(1)
			case 2:
				return math.Inf(-1)
			case 3:
				return math.Copysign(0, -1)
			}
		}
		if dt.IsFloat() {
			return 2*rng.Float64() - 1
		}
		return float64(rng.IntN(2001) - 1000)
	}
	switch dt {
	case dtype.Bool:
		s := make([]bool, n)
		for i := range s {
			s[i] = val() != 0
		}
		return s
	case dtype.Int32:
		s := make([]int32, n)
		for i := range s {
			s[i] = int32(val())
		}
		return s
	case dtype.Int64:
		s := make([]int64, n)
		for i := range s {
			s[i] = int64(val())
			if kind == "any" && rng.IntN(4) == 0 {
				s[i] = int64(rng.Uint64()) // wraps in sums and products
			}
		}
		return s
	case dtype.Float32:
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(val())
		}
		return s
	}
	s := make([]float64, n)
	for i := range s {
		s[i] = val()
	}
	return s
}

// kLayout makes a view of the given shape from a base array: the base's
// shape, and the view taken from it.
type kLayout struct {
	name string
	base func(shape []int) []int
	view func(a *tensor.Array, shape []int) *tensor.Array
}

func kSame(shape []int) []int { return append([]int{}, shape...) }

var kLayouts = []kLayout{
	{"contiguous", kSame, func(a *tensor.Array, _ []int) *tensor.Array { return a }},
	{"transposed", func(s []int) []int {
		r := kSame(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return r
	}, func(a *tensor.Array, _ []int) *tensor.Array { return a.T() }},
	{"reversed", kSame, func(a *tensor.Array, s []int) *tensor.Array {
		items := make([]any, len(s))
		for i := range items {
			items[i] = tensor.Colon.Step(-1)
		}
		return a.Get(items...)
	}},
	{"stepped", func(s []int) []int {
		r := kSame(s)
		for i := range r {
			r[i] = 2*r[i] + 1
		}
		return r
	}, func(a *tensor.Array, s []int) *tensor.Array {
		items := make([]any, len(s))
		for i := range items {
			if i%2 == 0 {
				items[i] = tensor.From(1).Step(2)
			} else {
				items[i] = tensor.Colon.Step(-2)
			}
		}
		return a.Get(items...).Get(kPrefix(s)...)
	}},
	{"broadcast", func(s []int) []int {
		r := kSame(s)
		for i := range r {
			if i%2 == 0 {
				r[i] = 1
			}
		}
		return r
	}, func(a *tensor.Array, s []int) *tensor.Array { return a.BroadcastTo(s...) }},
	{"swapped-reversed", func(s []int) []int {
		r := kSame(s)
		if len(r) >= 2 {
			r[0], r[len(r)-1] = r[len(r)-1], r[0]
		}
		return r
	}, func(a *tensor.Array, s []int) *tensor.Array {
		if len(s) >= 2 {
			a = a.SwapAxes(0, -1)
		}
		if len(s) >= 1 {
			a = a.Get(tensor.Ellipsis, tensor.Colon.Step(-1))
		}
		return a
	}},
}

// kPrefix returns the slices taking the first s[i] elements of each axis.
func kPrefix(s []int) []any {
	items := make([]any, len(s))
	for i, n := range s {
		items[i] = tensor.S(0, n)
	}
	return items
}

// kPair is one array on the GPU and its twin on the reference, with the
// bases they view.
type kPair struct {
	g, r         *tensor.Array
	gBase, rBase *tensor.Array
}

func kMake(rng *rand.Rand, gd, rd device.Device, dt dtype.DType, shape []int, l kLayout, kind string) kPair {
	bs := l.base(shape)
	n := 1
	for _, v := range bs {
		n *= v
	}
	host := kData(rng, dt, n, kind)
	gb := tensor.On(gd).FromHost(host, bs...)
	rb := tensor.On(rd).FromHost(host, bs...)
	p := kPair{g: l.view(gb, shape), r: l.view(rb, shape), gBase: gb, rBase: rb}
	if fmt.Sprint(p.g.Shape()) != fmt.Sprint(shape) {
		panic(fmt.Sprintf("layout %s made shape %v, want %v", l.name, p.g.Shape(), shape))
	}
	return p
}

// kTry calls f and returns its result or what it panicked with.
func kTry(f func() *tensor.Array) (res *tensor.Array, perr any) {
	defer func() { perr = recover() }()
	return f(), nil
}

// kRun runs f on both devices and compares: both must panic alike or
// both return equal arrays (floats within rtol/atol, NaN equal to NaN).
func kRun(t *testing.T, what string, rtol, atol float64, g, r func() *tensor.Array) {
	t.Helper()
	want, rp := kTry(r)
	got, gp := kTry(g)
	if rp != nil || gp != nil {
		if rp == nil || gp == nil || fmt.Sprint(rp) != fmt.Sprint(gp) {
			t.Errorf("%s: gpu panicked with %v, cpu-loop with %v", what, gp, rp)
		}
		return
	}
	kCompare(t, what, got, want, rtol, atol)
}

func kCompare(t *testing.T, what string, got, want *tensor.Array, rtol, atol float64) {
	t.Helper()
	if got.DType() != want.DType() || fmt.Sprint(got.Shape()) != fmt.Sprint(want.Shape()) {
		t.Errorf("%s: got %v%v, want %v%v", what, got.DType(), got.Shape(), want.DType(), want.Shape())
		return
	}
	bad := kDiff(got.Data(), want.Data(), rtol, atol)
	if bad != "" {
		t.Errorf("%s: %s", what, bad)
	}
}

// kDiff describes the first few elements where got and want differ.
func kDiff(got, want any, rtol, atol float64) string {
	var msgs []string
	n := 0
	check := func(i int, g, w float64, exact bool) {
		ok := g == w || (math.IsNaN(g) && math.IsNaN(w))
		if !ok && !exact && !math.IsInf(w, 0) && !math.IsNaN(w) {
			ok = math.Abs(g-w) <= atol+rtol*math.Abs(w)
		}
		if !ok {
			n++
			if len(msgs) < 5 {
				msgs = append(msgs, fmt.Sprintf("[%d] got %v want %v", i, g, w))
			}
		}
	}
	switch w := want.(type) {
	case []bool:
		g := got.([]bool)
		for i := range w {
			if g[i] != w[i] {
				n++
				if len(msgs) < 5 {
					msgs = append(msgs, fmt.Sprintf("[%d] got %v want %v", i, g[i], w[i]))
				}
			}
		}
	case []int32:
		g := got.([]int32)
		for i := range w {
			check(i, float64(g[i]), float64(w[i]), true)
		}
	case []int64:
		g := got.([]int64)
		for i := range w {
			if g[i] != w[i] {
				n++
				if len(msgs) < 5 {
					msgs = append(msgs, fmt.Sprintf("[%d] got %v want %v", i, g[i], w[i]))
				}
			}
		}
	case []float32:
		g := got.([]float32)
		for i := range w {
			check(i, float64(g[i]), float64(w[i]), false)
		}
	case []float64:
		g := got.([]float64)
		for i := range w {
			check(i, g[i], w[i], false)
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d elements differ: %s", n, strings.Join(msgs, "; "))
}

// kTol returns the tolerance of a float result of dt: both devices
// accumulate floats in float64, so only the order of additions differs.
func kTol(dt dtype.DType) (rtol, atol float64) {
	switch dt {
	case dtype.Float32:
		return 1e-6, 1e-6
	case dtype.Float64:
		return 1e-12, 1e-11
	}
	return 0, 0
}

// kShapes are the shapes reductions and scans are tried on: 0-d, empty,
// size-1 axes, and lengths around the work-group size (256) and the
// chunk sizes.
var kShapes = [][]int{
	{}, {0}, {1}, {7}, {255}, {256}, {257}, {1023}, {1024}, {1025}, {2049}, {4097},
	{3, 0}, {0, 4}, {1, 1}, {3, 5}, {5, 1, 7}, {2, 3, 4}, {4, 1, 300}, {2, 513}, {513, 2},
	{2, 2, 2, 2, 3}, {3, 256, 2},
}

// kAxisOpts returns the axis options tried at rank n.
func kAxisOpts(rng *rand.Rand, n int) [][]tensor.ReduceOption {
	opts := [][]tensor.ReduceOption{nil, {tensor.KeepDims}}
	if n >= 1 {
		ax := rng.IntN(n)
		opts = append(opts, []tensor.ReduceOption{tensor.Axis(ax)}, []tensor.ReduceOption{tensor.Axis(-1), tensor.KeepDims},
			[]tensor.ReduceOption{tensor.Axis()})
	}
	if n >= 2 {
		opts = append(opts, []tensor.ReduceOption{tensor.Axis(0, -1)})
	}
	if n >= 3 {
		opts = append(opts, []tensor.ReduceOption{tensor.Axis(1, 0, n-1), tensor.KeepDims})
	}
	return opts
}

type kReduceFunc = func(*tensor.Array, ...tensor.ReduceOption) *tensor.Array

var kReductions = []struct {
	name string
	f    kReduceFunc
	data string
}{
	{"sum", tensor.Sum, "any"},
	{"prod", tensor.Prod, "near1"},
	{"max", tensor.Max, "ties"},
	{"min", tensor.Min, "any"},
	{"argmax", tensor.ArgMax, "ties"},
	{"argmin", tensor.ArgMin, "any"},
	{"any", tensor.Any, "sparse"},
	{"all", tensor.All, "ties"},
	{"max-nan", tensor.Max, "nan"},
	{"min-nan", tensor.Min, "nan"},
	{"argmax-nan", tensor.ArgMax, "nan"},
	{"argmin-nan", tensor.ArgMin, "nan"},
	{"sum-nan", tensor.Sum, "nan"},
	{"any-nan", tensor.Any, "nan"},
}

func TestReduceMatchesReference(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, shape := range kShapes {
			for _, dt := range kDTypes {
				for _, red := range kReductions {
					if strings.HasSuffix(red.name, "-nan") && !dt.IsFloat() {
						continue
					}
					l := kLayouts[rng.IntN(len(kLayouts))]
					p := kMake(rng, gd, rd, dt, shape, l, red.data)
					rtol, atol := kTol(dt)
					all := kAxisOpts(rng, len(shape))
					rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
					for _, opts := range all[:min(3, len(all))] {
						what := fmt.Sprintf("%s %v%v %s opts#%d", red.name, dt, shape, l.name, len(opts))
						if strings.HasPrefix(red.name, "arg") {
							opts = kArgOpts(opts)
						}
						kRun(t, what, rtol, atol,
							func() *tensor.Array { return red.f(p.g, opts...) },
							func() *tensor.Array { return red.f(p.r, opts...) })
					}
				}
			}
		}
	})
}

// kArgOpts keeps at most one axis, as ArgMax and ArgMin take.
func kArgOpts(opts []tensor.ReduceOption) []tensor.ReduceOption {
	if len(opts) > 0 && len(opts) <= 2 {
		return opts
	}
	return opts[:0]
}

// TestReduceEveryLayout runs one mid-size reduction of each kind over
// every layout and dtype, in every kernel mode.
func TestReduceEveryLayout(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, l := range kLayouts {
			for _, dt := range kDTypes {
				for _, shape := range [][]int{{3, 4, 65}, {600}, {}} {
					for _, red := range kReductions[:8] {
						p := kMake(rng, gd, rd, dt, shape, l, red.data)
						rtol, atol := kTol(dt)
						opts := [][]tensor.ReduceOption{nil}
						if len(shape) == 3 {
							opts = append(opts, []tensor.ReduceOption{tensor.Axis(1)}, []tensor.ReduceOption{tensor.Axis(2), tensor.KeepDims})
							if !strings.HasPrefix(red.name, "arg") {
								opts = append(opts, []tensor.ReduceOption{tensor.Axis(0, 2)})
							}
						}
						for i, o := range opts {
							kRun(t, fmt.Sprintf("%s %v%v %s opts#%d", red.name, dt, shape, l.name, i), rtol, atol,
								func() *tensor.Array { return red.f(p.g, o...) },
								func() *tensor.Array { return red.f(p.r, o...) })
						}
					}
				}
			}
		}
	})
}

// TestReduceNaNPlacement pins where NaN sits against ties: the first NaN
// wins argmax and argmin, and max and min are NaN.
func TestReduceNaNPlacement(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		for _, n := range []int{1, 2, 255, 256, 257, 1000, 3000} {
			for _, at := range [][]int{{0}, {n - 1}, {n / 2}, {n / 3, n - 1}, {}} {
				for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
					x := make([]float64, n)
					for i := range x {
						x[i] = float64(i % 5) // ties of the maximum 4 and the minimum 0
					}
					for _, i := range at {
						x[i] = math.NaN()
					}
					host := any(x)
					if dt == dtype.Float32 {
						host = kF32(x)
					}
					g, r := tensor.On(gd).FromHost(host), tensor.On(rd).FromHost(host)
					for _, red := range []kReduceFunc{tensor.Max, tensor.Min, tensor.ArgMax, tensor.ArgMin} {
						kRun(t, fmt.Sprintf("n=%d nan at %v %v", n, at, dt), 0, 0,
							func() *tensor.Array { return red(g) }, func() *tensor.Array { return red(r) })
						// and in 2-d, along each axis
						for _, ax := range []int{0, 1} {
							if n%2 != 0 {
								continue
							}
							g2, r2 := g.Reshape(2, n/2), r.Reshape(2, n/2)
							kRun(t, fmt.Sprintf("n=%d nan at %v %v axis %d", n, at, dt, ax), 0, 0,
								func() *tensor.Array { return red(g2, tensor.Axis(ax)) },
								func() *tensor.Array { return red(r2, tensor.Axis(ax)) })
						}
					}
				}
			}
		}
	})
}

func kF32(x []float64) []float32 {
	s := make([]float32, len(x))
	for i, v := range x {
		s[i] = float32(v)
	}
	return s
}

// TestSumAccuracy: a float32 sum of 10^6 times 0.1 is NumPy's
// 100000.0859375 (pairwise in float32) to 1e-6, or better.
func TestSumAccuracy(t *testing.T) {
	gd, _ := kDevices(t)
	kForModes(t, func(t *testing.T) {
		a := tensor.On(gd).Full(dtype.Float32, 0.1, 1000000)
		got := float64(tensor.Sum(a).Item().(float32))
		if math.Abs(got-100000.0859375) > 1e-6*100000.0859375 {
			t.Errorf("float32 sum of 1e6 × 0.1 = %v, want 100000.0859375 within 1e-6", got)
		}
		// In 1000 rows, reduced along each axis.
		b := a.Reshape(1000, 1000)
		for ax := range 2 {
			s := tensor.Sum(b, tensor.Axis(ax)).Data().([]float32)
			for i, v := range s {
				if math.Abs(float64(v)-100.0000015) > 1e-5 {
					t.Fatalf("axis %d: [%d] = %v, want 100.0000015", ax, i, v)
				}
			}
		}
		// float64: within a few ulps of the exact sum of the doubles.
		d := tensor.On(gd).Full(dtype.Float64, 0.1, 1000000)
		exact := 100000.0 // the doubles' exact sum, 100000.0000000000055, rounds to it
		if got := tensor.Sum(d).Item().(float64); math.Abs(got-exact) > 4e-11 {
			t.Errorf("float64 sum of 1e6 × 0.1 = %v, want %v", got, exact)
		}
	})
}

// TestFloatAccumulators: where the device has no fp64, float32 sums
// accumulate in float, compensated (Neumaier), and stay as accurate.
func TestFloatAccumulators(t *testing.T) {
	gd, rd := kDevices(t)
	defer gpu.SetFloatAccumulators()()
	kForModes(t, func(t *testing.T) {
		a := tensor.On(gd).Full(dtype.Float32, 0.1, 1000000)
		got := float64(tensor.Sum(a).Item().(float32))
		if math.Abs(got-100000.0859375) > 1e-6*100000.0859375 {
			t.Errorf("float32 sum of 1e6 × 0.1 in float = %v, want 100000.0859375 within 1e-6", got)
		}
		rng := rand.New(rand.NewPCG(23, 24))
		for _, shape := range [][]int{{100000}, {300, 700}, {7, 3, 5}} {
			n := 1
			for _, v := range shape {
				n *= v
			}
			host := kData(rng, dtype.Float32, n, "any")
			g, r := tensor.On(gd).FromHost(host, shape...), tensor.On(rd).FromHost(host, shape...)
			for _, ax := range [][]tensor.ReduceOption{nil, {tensor.Axis(0)}, {tensor.Axis(-1)}} {
				kRun(t, fmt.Sprint("sum ", shape, len(ax)), 1e-6, 1e-5, func() *tensor.Array { return tensor.Sum(g, ax...) },
					func() *tensor.Array { return tensor.Sum(r, ax...) })
				kRun(t, fmt.Sprint("max ", shape, len(ax)), 0, 0, func() *tensor.Array { return tensor.Max(g, ax...) },
					func() *tensor.Array { return tensor.Max(r, ax...) })
			}
			// A running sum in float drifts as any float32 cumsum does.
			kRun(t, fmt.Sprint("cumsum ", shape), 1e-4, 1e-3, func() *tensor.Array { return g.CumSum() },
				func() *tensor.Array { return r.CumSum() })
		}
	})
}

// TestReduceLargeIntWrap: int64 sums and products wrap as in NumPy, in any
// order.
func TestReduceLargeIntWrap(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 6))
		for _, n := range []int{3000, 70000} {
			host := make([]int64, n)
			for i := range host {
				host[i] = int64(rng.Uint64())
			}
			g, r := tensor.On(gd).FromHost(host), tensor.On(rd).FromHost(host)
			for _, f := range []kReduceFunc{tensor.Sum, tensor.Prod} {
				kRun(t, fmt.Sprint("n=", n), 0, 0, func() *tensor.Array { return f(g) }, func() *tensor.Array { return f(r) })
			}
		}
	})
}

func TestScanMatchesReference(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 8))
		for _, shape := range kShapes {
			for _, dt := range kDTypes {
				for _, op := range []struct {
					name string
					f    func(*tensor.Array, ...int) *tensor.Array
					data string
				}{{"cumsum", tensor.CumSum, "any"}, {"cumprod", tensor.CumProd, "near1"}, {"cumsum-nan", tensor.CumSum, "nan"}} {
					if op.name == "cumsum-nan" && !dt.IsFloat() {
						continue
					}
					l := kLayouts[rng.IntN(len(kLayouts))]
					p := kMake(rng, gd, rd, dt, shape, l, op.data)
					rtol, atol := kTol(dt)
					if dt.IsFloat() && op.name != "cumprod" {
						atol *= 10 // a running sum may cancel
					}
					axes := [][]int{nil}
					for ax := range shape {
						axes = append(axes, []int{ax})
					}
					if len(shape) > 0 {
						axes = append(axes, []int{-1})
					}
					for _, ax := range axes {
						kRun(t, fmt.Sprintf("%s %v%v %s axis %v", op.name, dt, shape, l.name, ax), rtol, atol,
							func() *tensor.Array { return op.f(p.g, ax...) },
							func() *tensor.Array { return op.f(p.r, ax...) })
					}
				}
			}
		}
	})
}

// TestScanLong: lines longer than an invocation may loop over (65535).
func TestScanLong(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, dt := range []dtype.DType{dtype.Int64, dtype.Float64, dtype.Float32} {
			host := kData(rng, dt, 3*70001, "any")
			g, r := tensor.On(gd).FromHost(host, 3, 70001), tensor.On(rd).FromHost(host, 3, 70001)
			rtol, atol := kTol(dt)
			kRun(t, fmt.Sprint("cumsum flat ", dt), rtol, 100*atol, func() *tensor.Array { return g.CumSum() }, func() *tensor.Array { return r.CumSum() })
			kRun(t, fmt.Sprint("cumsum axis 1 ", dt), rtol, 100*atol, func() *tensor.Array { return g.CumSum(1) }, func() *tensor.Array { return r.CumSum(1) })
		}
	})
}

// TestScanExactInOneChunk: with one invocation per line, float64 running
// sums are the reference's to the bit.
func TestScanExactInOneChunk(t *testing.T) {
	gd, rd := kDevices(t)
	defer gpu.SetKernelMode("threads")()
	rng := rand.New(rand.NewPCG(9, 10))
	host := kData(rng, dtype.Float64, 5000, "any")
	g, r := tensor.On(gd).FromHost(host, 5, 1000), tensor.On(rd).FromHost(host, 5, 1000)
	kRun(t, "cumsum float64", 0, 0, func() *tensor.Array { return g.CumSum(1) }, func() *tensor.Array { return r.CumSum(1) })
	host32 := kData(rng, dtype.Float32, 5000, "any")
	g, r = tensor.On(gd).FromHost(host32, 1000, 5), tensor.On(rd).FromHost(host32, 1000, 5)
	kRun(t, "cumsum float32", 0, 0, func() *tensor.Array { return g.CumSum(0) }, func() *tensor.Array { return r.CumSum(0) })
}

// kIndexCase is an index of an array of shape (5, 6, 7), built for one
// device (index arrays live on it).
type kIndexCase struct {
	name  string
	items func(dev device.Device) []any
}

func kIdx(dev device.Device, host []int64, shape ...int) *tensor.Array {
	return tensor.On(dev).FromHost(host, shape...)
}

var kIndexCases = []kIndexCase{
	{"ints axis 0", func(device.Device) []any { return []any{[]int{0, -1, 2, 2}} }},
	{"2-d index axis 1", func(d device.Device) []any {
		return []any{tensor.Colon, kIdx(d, []int64{1, 2, 3, -1, 0, 5}, 2, 3)}
	}},
	{"non-adjacent", func(d device.Device) []any { return []any{[]int{4, 0, 1}, tensor.Colon, []int{6, -7, 3}} }},
	{"int next to array", func(d device.Device) []any { return []any{1, tensor.Colon, []int{2, 3, 2}} }},
	{"adjacent int and array", func(d device.Device) []any { return []any{tensor.Colon, 2, []int{6, 0}} }},
	{"mask axis 0", func(d device.Device) []any { return []any{[]bool{true, false, true, true, false}} }},
	{"mask 2 axes", func(d device.Device) []any {
		m := make([]bool, 30)
		for i := range m {
			m[i] = i%4 == 1 || i == 29
		}
		return []any{tensor.On(d).FromHost(m, 5, 6)}
	}},
	{"mask axis 2 after slice", func(d device.Device) []any {
		return []any{tensor.S(1, 4), tensor.Colon, []bool{true, false, false, true, true, false, true}}
	}},
	{"ellipsis", func(d device.Device) []any { return []any{tensor.Ellipsis, []int{6, 5, -1, 0}} }},
	{"slice array newaxis", func(d device.Device) []any {
		return []any{tensor.S(1, 4), []int{0, 5}, tensor.NewAxis}
	}},
	{"broadcast indices", func(d device.Device) []any {
		return []any{kIdx(d, []int64{0, 4, 2}, 3, 1), kIdx(d, []int64{5, 1, 0, 3}, 1, 4)}
	}},
	{"all three", func(d device.Device) []any {
		return []any{[]int{0, 1, 4, 4}, []int{5, 0, 2, 2}, []int{6, 0, 1, 1}}
	}},
	{"all three broadcast", func(d device.Device) []any {
		return []any{kIdx(d, []int64{0, 4}, 2, 1, 1), kIdx(d, []int64{5, 0, 1}, 1, 3, 1), kIdx(d, []int64{6, 0, 3, 3}, 4)}
	}},
	{"empty", func(d device.Device) []any { return []any{tensor.Colon, []int{}} }},
	{"reversed step and array", func(d device.Device) []any {
		return []any{tensor.Colon.Step(-2), []int{1, 1, 0}, tensor.From(1).Step(3)}
	}},
	{"repeats", func(d device.Device) []any {
		return []any{[]int{3, 3, 3, -2, 3, 1, 1}, []int{0, 0, 0, 0, 0, 2, 2}}
	}},
}

func TestGatherMatchesReference(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(11, 12))
		for _, l := range kLayouts {
			for _, dt := range kDTypes {
				p := kMake(rng, gd, rd, dt, []int{5, 6, 7}, l, "any")
				for _, c := range kIndexCases {
					kRun(t, fmt.Sprintf("%s %v %s", c.name, dt, l.name), 0, 0,
						func() *tensor.Array { return p.g.Get(c.items(gd)...) },
						func() *tensor.Array { return p.r.Get(c.items(rd)...) })
				}
			}
		}
	})
}

// kValue returns a value to assign to a result of the given shape: a
// scalar, a row broadcast along the leading axes, or a full array.
func kValue(rng *rand.Rand, dev device.Device, host map[string]any, kind int, dt dtype.DType, shape []int) any {
	switch kind {
	case 0:
		return 3
	case 1:
		if len(shape) == 0 {
			return 2.5
		}
		n := shape[len(shape)-1]
		key := fmt.Sprint("row", dt, n)
		if host[key] == nil {
			host[key] = kData(rng, dt, n, "any")
		}
		return tensor.On(dev).FromHost(host[key], n)
	}
	n := 1
	for _, v := range shape {
		n *= v
	}
	key := fmt.Sprint("full", dt, shape)
	if host[key] == nil {
		host[key] = kData(rng, dt, n, "any")
	}
	return tensor.On(dev).FromHost(host[key], shape...)
}

// TestScatterMatchesReference assigns through every index case into
// every layout (except read-only broadcast views) and compares the whole
// base arrays, so stray writes outside the view show too.
func TestScatterMatchesReference(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		for _, l := range kLayouts {
			if l.name == "broadcast" {
				continue
			}
			for _, dt := range kDTypes {
				for _, c := range kIndexCases {
					for kind := range 3 {
						p := kMake(rng, gd, rd, dt, []int{5, 6, 7}, l, "any")
						shape := p.r.Get(c.items(rd)...).Shape()
						vals := map[string]any{}
						// A value of another dtype converts.
						vdt := kDTypes[rng.IntN(len(kDTypes))]
						gv := kValue(rng, gd, vals, kind, vdt, shape)
						rv := kValue(rng, rd, vals, kind, vdt, shape)
						what := fmt.Sprintf("%s %v %s value#%d %v", c.name, dt, l.name, kind, vdt)
						kRun(t, what, 0, 0,
							func() *tensor.Array { p.g.Set(gv, c.items(gd)...); return p.gBase },
							func() *tensor.Array { p.r.Set(rv, c.items(rd)...); return p.rBase })
					}
				}
			}
		}
	})
}

// TestScatterLastWins: many writes to few positions; the last in C order
// wins, on every run.
func TestScatterLastWins(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(15, 16))
		for _, n := range []int{7, 256, 1000, 100003} {
			idx := make([]int, n)
			vals := make([]float32, n)
			for i := range idx {
				idx[i] = rng.IntN(10) - 10
				vals[i] = float32(i)
			}
			for _, dt := range kDTypes {
				g, r := tensor.On(gd).Zeros(dt, 10), tensor.On(rd).Zeros(dt, 10)
				gv, rv := tensor.On(gd).FromHost(vals), tensor.On(rd).FromHost(vals)
				kRun(t, fmt.Sprint("n=", n, dt), 0, 0,
					func() *tensor.Array { g.Set(gv, idx); return g },
					func() *tensor.Array { r.Set(rv, idx); return r })
			}
			// Two index arrays over a 2-d target, with a broadcast value.
			i0, i1 := make([]int64, n), make([]int64, n)
			for i := range i0 {
				i0[i], i1[i] = int64(rng.IntN(3)), int64(rng.IntN(4))
			}
			g, r := tensor.On(gd).Zeros(dtype.Int64, 3, 4, 2), tensor.On(rd).Zeros(dtype.Int64, 3, 4, 2)
			v := make([]int64, 2*n)
			for i := range v {
				v[i] = int64(i)
			}
			gv, rv := tensor.On(gd).FromHost(v, n, 2), tensor.On(rd).FromHost(v, n, 2)
			kRun(t, fmt.Sprint("2-d n=", n), 0, 0,
				func() *tensor.Array { g.Set(gv, i0, i1); return g },
				func() *tensor.Array { r.Set(rv, i0, i1); return r })
		}
	})
}

// TestIndexManyArrays indexes a rank-15 array with 14 and 15 index
// arrays: more storage buffers than a kernel may bind, so the index
// arrays are packed into one.
func TestIndexManyArrays(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(17, 18))
		shape := make([]int, 15)
		for i := range shape {
			shape[i] = 2
		}
		for _, dt := range kDTypes {
			p := kMake(rng, gd, rd, dt, shape, kLayouts[rng.IntN(len(kLayouts))], "any")
			for _, k := range []int{14, 15} {
				items := make([]any, k)
				for i := range items {
					ix := make([]int, 6)
					for j := range ix {
						ix[j] = rng.IntN(4) - 2
					}
					items[i] = ix
				}
				kRun(t, fmt.Sprintf("get %d arrays %v", k, dt), 0, 0,
					func() *tensor.Array { return p.g.Get(items...) }, func() *tensor.Array { return p.r.Get(items...) })
				if p.g.ReadOnly() {
					continue
				}
				kRun(t, fmt.Sprintf("set %d arrays %v", k, dt), 0, 0,
					func() *tensor.Array { p.g.Set(7, items...); return p.gBase },
					func() *tensor.Array { p.r.Set(7, items...); return p.rBase })
			}
		}
	})
}

// TestIndexRandom: random shapes, layouts and index arrays on random axes.
func TestIndexRandom(t *testing.T) {
	gd, rd := kDevices(t)
	kForModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(19, 20))
		for it := range 60 {
			rank := 1 + rng.IntN(4)
			shape := make([]int, rank)
			for i := range shape {
				shape[i] = 1 + rng.IntN(5)
			}
			dt := kDTypes[rng.IntN(len(kDTypes))]
			l := kLayouts[rng.IntN(len(kLayouts))]
			p := kMake(rng, gd, rd, dt, shape, l, "any")
			m := 1 + rng.IntN(6)
			items := make([]any, rank)
			for i := range items {
				if rng.IntN(2) == 0 {
					items[i] = tensor.Colon
					continue
				}
				ix := make([]int, m)
				for j := range ix {
					ix[j] = rng.IntN(2*shape[i]) - shape[i]
				}
				items[i] = ix
			}
			what := fmt.Sprintf("#%d %v%v %s %v", it, dt, shape, l.name, items)
			kRun(t, "get "+what, 0, 0, func() *tensor.Array { return p.g.Get(items...) }, func() *tensor.Array { return p.r.Get(items...) })
			if !p.g.ReadOnly() {
				v := rng.IntN(100)
				kRun(t, "set "+what, 0, 0,
					func() *tensor.Array { p.g.Set(v, items...); return p.gBase },
					func() *tensor.Array { p.r.Set(v, items...); return p.rBase })
			}
		}
	})
}
