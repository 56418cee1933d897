//go:build cgo && !nogpu

package gpu_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
	"github.com/numgl/numgl/tensor"
)

// TestGemmLayouts compares the GPU's matrix product with cpu-loop's over
// sizes that are not multiples of any tile, transposed and stepped
// operands, broadcast batches and every dtype; the result is written into
// the middle of a larger buffer whose guard elements must stay untouched.
func TestGemmLayouts(t *testing.T) {
	d := openGPU(t)
	ref := device.MustGet("cpu-loop")
	rng := rand.New(rand.NewPCG(5, 6))
	sizes := []int{1, 7, 16, 33, 64, 65, 100}
	for _, dt := range dtype.All {
		for trial := range 24 {
			m, n, k := sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))]
			if trial == 0 {
				m, n, k = 130, 129, 67
			}
			batchA, batchB := []int{}, []int{}
			if trial%4 == 1 {
				batchA, batchB = []int{3}, []int{1}
			}
			if trial%4 == 2 {
				batchA, batchB = []int{2, 1}, []int{3}
			}
			build := func(dev device.Device, host []float64, batch []int, r, c int, transposed bool) *tensor.Array {
				shape := append(append([]int{}, batch...), r, c)
				if transposed {
					shape = append(append([]int{}, batch...), c, r)
				}
				a := tensor.On(dev).FromHost(host, shape...).AsType(dt)
				if transposed {
					a = a.SwapAxes(-1, -2)
				}
				return a
			}
			na, nb := prod(batchA)*m*k, prod(batchB)*k*n
			ha, hb := randoms(rng, na), randoms(rng, nb)
			ta, tb := trial%3 == 1, trial%5 == 2
			got := tensor.MatMul(build(d, ha, batchA, m, k, ta), build(d, hb, batchB, k, n, tb))
			want := tensor.MatMul(build(ref, ha, batchA, m, k, ta), build(ref, hb, batchB, k, n, tb))
			what := fmt.Sprintf("%v (%v,%d,%d)@(%v,%d,%d) transposed %v %v", dt, batchA, m, k, batchB, k, n, ta, tb)
			compare(t, what, got, want, dt)

			// Into a view inside a guarded buffer.
			shape := want.Shape()
			bigShape := append([]int{}, shape...)
			bigShape[len(bigShape)-1] += 2
			big := tensor.On(d).Full(dt, 7, bigShape...)
			view := big.Get(append(colons(len(shape)-1), tensor.S(1, shape[len(shape)-1]+1))...)
			tensor.MatMulInto(view, build(d, ha, batchA, m, k, ta), build(d, hb, batchB, k, n, tb))
			compare(t, what+" into a view", view, want, dt)
			edges := tensor.ToSlice[float64](big.Get(append(colons(len(shape)-1), []int{0, -1})...))
			guard := tensor.ToSlice[float64](tensor.On(d).Full(dt, 7, 1))[0]
			for _, v := range edges {
				if v != guard {
					t.Fatalf("%s: a guard element became %v", what, v)
				}
			}
		}
	}
}

func colons(n int) []any {
	c := make([]any, n)
	for i := range c {
		c[i] = tensor.Colon
	}
	return c
}

func prod(s []int) int {
	p := 1
	for _, v := range s {
		p *= v
	}
	return p
}

func randoms(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = float64(rng.IntN(9) - 4)
		if rng.IntN(3) == 0 {
			v[i] += rng.Float64()
		}
	}
	return v
}

func compare(t *testing.T, what string, got, want *tensor.Array, dt dtype.DType) {
	t.Helper()
	if fmt.Sprint(got.Shape()) != fmt.Sprint(want.Shape()) || got.DType() != want.DType() {
		t.Fatalf("%s: %v %v, reference %v %v", what, got.DType(), got.Shape(), want.DType(), want.Shape())
	}
	g, w := tensor.ToSlice[float64](got), tensor.ToSlice[float64](want)
	tol := map[dtype.DType]float64{dtype.Float32: 1e-4, dtype.Float64: 1e-12}[dt]
	for i := range g {
		if math.Abs(g[i]-w[i]) > tol*(1+math.Abs(w[i])) {
			t.Fatalf("%s: element %d is %v, reference %v", what, i, g[i], w[i])
		}
	}
}

// TestGemmVecTiles pins each tile in turn, vector tiles included, and
// compares products whose operands fit the vector kernel (k and n
// multiples of 4, but m, n and k not multiples of any tile; batches; an
// output view at an aligned offset inside a guarded buffer) with
// cpu-loop's. It also checks that the vector kernel did run.
func TestGemmVecTiles(t *testing.T) {
	d := openGPU(t)
	ref := device.MustGet("cpu-loop")
	rng := rand.New(rand.NewPCG(7, 8))
	shapes := [][5]int{ // m, n, k, batch of A, batch of B (0: none)
		{1, 4, 4, 0, 0}, {130, 132, 68, 0, 0}, {64, 128, 8, 0, 0}, {17, 20, 36, 3, 1}, {257, 260, 12, 2, 2}, {5, 8, 0, 0, 0},
	}
	before := d.VecGemms()
	for _, tile := range shaders.GemmTiles {
		for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
			if tile.SharedBytes(dt.Size()) > d.Caps().MaxSharedMemory {
				continue
			}
			restore := d.PinGemmTile(dt, tile)
			for _, sh := range shapes {
				m, n, k := sh[0], sh[1], sh[2]
				shapeOf := func(batch, r, c int) []int {
					if batch == 0 {
						return []int{r, c}
					}
					return []int{batch, r, c}
				}
				sa, sb := shapeOf(sh[3], m, k), shapeOf(sh[4], k, n)
				ha, hb := randoms(rng, prod(sa)), randoms(rng, prod(sb))
				want := tensor.MatMul(tensor.On(ref).FromHost(ha, sa...).AsType(dt), tensor.On(ref).FromHost(hb, sb...).AsType(dt))
				a, b := tensor.On(d).FromHost(ha, sa...).AsType(dt), tensor.On(d).FromHost(hb, sb...).AsType(dt)
				what := fmt.Sprintf("tile %v %v %v@%v", tile, dt, sa, sb)
				compare(t, what, tensor.MatMul(a, b), want, dt)

				// Into columns 4..n+4 of a buffer 8 columns wider.
				shape := want.Shape()
				big := append([]int{}, shape...)
				big[len(big)-1] += 8
				guarded := tensor.On(d).Full(dt, 7, big...)
				view := guarded.Get(append(colons(len(shape)-1), tensor.S(4, n+4))...)
				tensor.MatMulInto(view, a, b)
				compare(t, what+" into a view", view, want, dt)
				left := tensor.ToSlice[float64](guarded.Get(append(colons(len(shape)-1), tensor.Upto(4))...))
				right := tensor.ToSlice[float64](guarded.Get(append(colons(len(shape)-1), tensor.From(n+4))...))
				for _, v := range append(left, right...) {
					if v != 7 {
						t.Fatalf("%s: a guard element became %v", what, v)
					}
				}
			}
			restore()
		}
	}
	if d.VecGemms() == before {
		t.Error("the vector kernel never ran")
	}
}

// TestGemmEpilogue runs act(a @ b + bias) fused into the GPU's GEMM
// kernels (every tile, the vector ones included, and the general kernel
// for the integer dtypes) against cpu-loop's: a bias row broadcast over
// the rows, a whole bias matrix, a batched bias, with and without ReLU,
// on values around zero so that ReLU cuts.
func TestGemmEpilogue(t *testing.T) {
	d := openGPU(t)
	ref := device.MustGet("cpu-loop")
	rng := rand.New(rand.NewPCG(9, 10))
	type shapes struct{ a, b, bias []int }
	cases := []shapes{
		{[]int{130, 68}, []int{68, 132}, []int{132}},
		{[]int{17, 20}, []int{20, 36}, []int{17, 36}},
		{[]int{3, 9, 12}, []int{12, 8}, []int{3, 1, 8}},
		{[]int{5, 7}, []int{7, 3}, []int{3}},
	}
	before := d.VecGemms()
	for _, tile := range []shaders.GemmTile{shaders.GemmDefault, shaders.GemmVecDefault, {TM: 4, TN: 4, BK: 8, Vec: true}} {
		for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64, dtype.Int32, dtype.Int64} {
			if tile.SharedBytes(dt.Size()) > d.Caps().MaxSharedMemory {
				continue
			}
			restore := d.PinGemmTile(dt, tile)
			for _, c := range cases {
				ha, hb, hv := randoms(rng, prod(c.a)), randoms(rng, prod(c.b)), randoms(rng, prod(c.bias))
				for _, act := range []tensor.Activation{tensor.NoActivation, tensor.ReLU} {
					on := func(dev device.Device) *tensor.Array {
						f := tensor.On(dev)
						return tensor.MatMulBias(f.FromHost(ha, c.a...).AsType(dt), f.FromHost(hb, c.b...).AsType(dt), f.FromHost(hv, c.bias...).AsType(dt), act)
					}
					compare(t, fmt.Sprintf("tile %v %v %v@%v+%v %v", tile, dt, c.a, c.b, c.bias, act), on(d), on(ref), dt)
				}
			}
			restore()
		}
	}
	if d.VecGemms() == before {
		t.Error("the vector kernel never ran an epilogue")
	}
}

// TestCalibrateGemm times every candidate tile with timer queries, keeps
// the fastest, records the measurements in the cache directory, and a
// later calibration-less product still agrees with the reference.
func TestCalibrateGemm(t *testing.T) {
	d := openGPU(t)
	res, err := d.CalibrateGemm(96)
	if err != nil {
		t.Fatal(err)
	}
	for dt, rs := range res {
		if len(rs) == 0 {
			t.Errorf("%v: no measurements", dt)
		}
		for _, r := range rs {
			// A 96³ product cannot take under a microsecond: the
			// timer must measure real work.
			if !(r.Seconds > 1e-6) || !(r.GFLOPS > 0) {
				t.Errorf("%v tile %s: seconds %v, GFLOP/s %v", dt, r.Tile, r.Seconds, r.GFLOPS)
			}
		}
		t.Logf("%v: %+v", dt, rs)
	}
	a := tensor.On(d).Arange(tensor.Float32, 0, 130*70, 1).Reshape(130, 70).Multiply(1e-3)
	ref := a.To(device.MustGet("cpu-loop"))
	compare(t, "after calibration", tensor.MatMul(a, a.T()), tensor.MatMul(ref, ref.T()), dtype.Float32)
}
