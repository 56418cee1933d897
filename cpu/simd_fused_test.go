package cpu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// fusedCase is a reduction of the graph x*x + 2*y (y broadcast against x
// when its shape says so) over some axes of x.
type fusedCase struct {
	name   string
	dt     dtype.DType
	xshape []int
	yshape []int // broadcasts to xshape
	axes   []int // reduced
	kind   plan.ReduceKind
	want   fusedPath
}

// graphRequest builds the request of c on cpu-simd, with inputs drawn
// from rng (some NaN and ±0 among them when nans).
func (c fusedCase) graphRequest(t *testing.T, rng *rand.Rand, nans bool) *device.Kernel {
	t.Helper()
	draw := func(shape []int) device.Buffer {
		n := broadcast.Size(shape)
		v := make([]float64, n)
		for i := range v {
			v[i] = rng.NormFloat64()
			if nans && rng.IntN(5000) == 0 {
				v[i] = math.NaN()
			}
			if rng.IntN(50) == 0 {
				v[i] = math.Copysign(0, rng.NormFloat64())
			}
		}
		var host any = v
		if c.dt == dtype.Float32 {
			f := make([]float32, n)
			for i, x := range v {
				f[i] = float32(x)
			}
			host = f
		}
		b, err := simdDevice.Upload(host)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	xb, yb := draw(c.xshape), draw(c.yshape)
	nd := len(c.xshape)
	// The iteration order: kept axes, then reduced ones.
	var perm []int
	for i := range nd {
		if !slices.Contains(c.axes, i) {
			perm = append(perm, i)
		}
	}
	perm = append(perm, c.axes...)
	iter := make([]int, nd)
	for j, a := range perm {
		iter[j] = c.xshape[a]
	}
	permute := func(st []int) []int {
		p := make([]int, nd)
		for j, a := range perm {
			p[j] = st[a]
		}
		return p
	}
	yst, err := broadcast.Strides(c.yshape, broadcast.ContiguousStrides(c.yshape), c.xshape)
	if err != nil {
		t.Fatal(err)
	}
	b := plan.NewBuilder(iter, len(c.axes))
	x := b.Load(0, c.dt, permute(broadcast.ContiguousStrides(c.xshape)), 0)
	y := b.Load(1, c.dt, permute(yst), 0)
	loop := func(op ufunc.ID) *ufunc.Loop {
		return op.Op().Loops[map[dtype.DType]int{dtype.Float32: 3, dtype.Float64: 4}[c.dt]]
	}
	v := b.Apply(ufunc.Add, loop(ufunc.Add),
		b.Apply(ufunc.Multiply, loop(ufunc.Multiply), x, x),
		b.Apply(ufunc.Multiply, loop(ufunc.Multiply), b.Const(dtype.FloatScalar(2), c.dt), y))
	keptShape := iter[:nd-len(c.axes)]
	outDT := c.dt
	if c.kind == plan.ArgMax || c.kind == plan.ArgMin {
		outDT = dtype.Int64
	}
	ob, err := simdDevice.Alloc(outDT, broadcast.Size(keptShape))
	if err != nil {
		t.Fatal(err)
	}
	k := b.Reduce(c.kind, v, 2, outDT, broadcast.ContiguousStrides(keptShape), 0, permute(broadcast.ContiguousStrides(c.xshape)))
	if err := k.Check(); err != nil {
		t.Fatal(err)
	}
	return &device.Kernel{Plan: k, Bufs: []device.Buffer{xb, yb, ob}}
}

// TestFusedReductionsMatchTemporary runs each fused path of reduceGraph
// (pinned) and checks its results against the same reduction of the graph
// written to a temporary first (reduceThroughTemp, which is what an
// unfused evaluation computes), to the bit.
func TestFusedReductionsMatchTemporary(t *testing.T) {
	cases := []fusedCase{
		{"rows", dtype.Float32, []int{300, 5000}, []int{5000}, []int{1}, plan.Sum, fusedRuns},
		{"rows f64", dtype.Float64, []int{64, 7001}, []int{64, 1}, []int{1}, plan.Sum, fusedRuns},
		{"one long run, split", dtype.Float32, []int{3_000_001}, []int{1}, []int{0}, plan.Sum, fusedRuns},
		{"two reduced axes across blocks", dtype.Float64, []int{4, 30, 70}, []int{4, 1, 70}, []int{1, 2}, plan.Sum, fusedRuns},
		{"columns", dtype.Float32, []int{700, 1300}, []int{1300}, []int{0}, plan.Sum, fusedVertical},
		{"columns of a stack", dtype.Float64, []int{3, 300, 601}, []int{3, 1, 601}, []int{1}, plan.Sum, fusedVertical},
		{"strided", dtype.Float32, []int{4, 50, 60}, []int{60}, []int{0, 2}, plan.Sum, fusedTemp},
		{"max", dtype.Float32, []int{30, 5000}, []int{5000}, []int{1}, plan.Max, fusedRuns},
		{"argmax", dtype.Float64, []int{30, 5000}, []int{30, 1}, []int{1}, plan.ArgMax, fusedRuns},
		{"min of a long run", dtype.Float32, []int{2_500_000}, []int{1}, []int{0}, plan.Min, fusedRuns},
		{"argmin", dtype.Float32, []int{5, 9000}, []int{9000}, []int{1}, plan.ArgMin, fusedRuns},
		{"max over columns", dtype.Float32, []int{500, 300}, []int{300}, []int{0}, plan.Max, fusedTemp},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range cases {
		for _, nans := range []bool{false, true} {
			r := c.graphRequest(t, rng, nans)
			if got := graphReduction(r); got != c.want {
				t.Errorf("%s: path %d, want %d", c.name, got, c.want)
			}
			fused := runOut(t, r, simdDevice.reduceGraph)
			temp := runOut(t, r, simdDevice.reduceThroughTemp)
			if !sameBits(fused, temp) {
				t.Errorf("%s (NaNs %v): fused %v, through a temporary %v", c.name, nans, head(fused), head(temp))
			}
		}
	}
}

// runOut runs f on r and returns a copy of r's output.
func runOut(t *testing.T, r *device.Kernel, f func(*device.Kernel) error) any {
	t.Helper()
	ob := r.Bufs[r.Plan.Out.Buf].(*Buffer)
	switch d := ob.data.(type) {
	case []float32:
		clear(d)
	case []float64:
		clear(d)
	case []int64:
		clear(d)
	}
	if err := f(r); err != nil {
		t.Fatal(err)
	}
	switch d := ob.data.(type) {
	case []float32:
		return slices.Clone(d)
	case []float64:
		return slices.Clone(d)
	case []int64:
		return slices.Clone(d)
	}
	return nil
}

// sameBits compares two result slices bit for bit (NaNs alike).
func sameBits(a, b any) bool {
	switch x := a.(type) {
	case []float32:
		y := b.([]float32)
		return slices.EqualFunc(x, y, func(u, v float32) bool { return math.Float32bits(u) == math.Float32bits(v) || (u != u && v != v) })
	case []float64:
		y := b.([]float64)
		return slices.EqualFunc(x, y, func(u, v float64) bool { return math.Float64bits(u) == math.Float64bits(v) || (u != u && v != v) })
	case []int64:
		return slices.Equal(x, b.([]int64))
	}
	return false
}

func head(s any) any {
	switch x := s.(type) {
	case []float32:
		return x[:min(len(x), 6)]
	case []float64:
		return x[:min(len(x), 6)]
	case []int64:
		return x[:min(len(x), 6)]
	}
	return s
}
