package cpu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// Tests of cpu-simd's planning and of the accuracy of its reductions; the
// whole device is checked against cpu-loop by simd_device_test.go.

func operand(buf *Buffer, shape, strides []int, off int) device.Operand {
	return device.Operand{Buf: buf, Shape: shape, Strides: strides, Offset: off}
}

// TestPlanLayout pins which path each layout takes.
func TestPlanLayout(t *testing.T) {
	b := &Buffer{dev: simdDevice, dt: dtype.Float32, data: make([]float32, 1000)}
	for _, c := range []struct {
		name string
		ops  []device.Operand
		want path
	}{
		{"0-d", []device.Operand{operand(b, nil, nil, 3), operand(b, nil, nil, 5)}, pathOne},
		{"size-1 axes", []device.Operand{operand(b, []int{1, 1}, []int{1, 1}, 0)}, pathOne},
		{"empty", []device.Operand{operand(b, []int{3, 0}, []int{0, 1}, 0)}, pathEmpty},
		{"contiguous", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{5, 1}, 20)}, pathVector},
		{"scalar", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{0, 0}, 20)}, pathVector},
		{"row broadcast", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{0, 1}, 20)}, pathRows},
		{"column broadcast", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{1, 0}, 20)}, pathRows},
		{"slice of rows", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{10, 1}, 20)}, pathRows},
		{"transposed", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{1, 4}, 20)}, pathTranspose},
		{"transposed batch", []device.Operand{operand(b, []int{2, 4, 5}, []int{20, 5, 1}, 0), operand(b, []int{2, 4, 5}, []int{20, 1, 4}, 40)}, pathTranspose},
		{"transposed, three operands", []device.Operand{operand(b, []int{4, 5}, []int{5, 1}, 0), operand(b, []int{4, 5}, []int{1, 4}, 20), operand(b, []int{4, 5}, []int{5, 1}, 40)}, pathStrided},
		{"reversed", []device.Operand{operand(b, []int{5}, []int{1}, 0), operand(b, []int{5}, []int{-1}, 20)}, pathStrided},
		{"stepped", []device.Operand{operand(b, []int{5}, []int{1}, 0), operand(b, []int{5}, []int{2}, 20)}, pathStrided},
		{"strided output", []device.Operand{operand(b, []int{5}, []int{2}, 0), operand(b, []int{5}, []int{1}, 20)}, pathStrided},
	} {
		if got := planLayout(c.ops...).path; got != c.want {
			t.Errorf("%s: path %v, want %v", c.name, got, c.want)
		}
	}
}

// TestElementwiseKernelsCover: every op the table gives kernels is an op
// of package ufunc with a loop of that dtype, and the kernels serve the
// op's loop for it.
func TestElementwiseKernelsCover(t *testing.T) {
	n := 0
	for id := range vecKernels {
		for dt, k := range vecKernels[id] {
			if k.fn == nil {
				continue
			}
			n++
			op := ufunc.ID(id).Op()
			if op == nil {
				t.Errorf("kernels for unknown op %d", id)
				continue
			}
			found := false
			for _, l := range op.Loops {
				found = found || l.In[len(l.In)-1] == dtype.DType(dt)
			}
			if !found {
				t.Errorf("kernels for %v on %v, which has no such loop", op.Name, dtype.DType(dt))
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d ops and dtypes have kernels", n)
	}
}

// TestSumAccuracy: float32 sums accumulate in float64, so the sum of a
// million float32(0.1) is the float32 nearest the exact sum
// (100000.00149...): 100000. NumPy's float32 pairwise sum gives
// 100000.0859375; cpu-loop, the reference, gives 100000 as we do.
func TestSumAccuracy(t *testing.T) {
	x := make([]float32, 1_000_000)
	for i := range x {
		x[i] = 0.1
	}
	exact := 1e6 * float64(float32(0.1))
	got := float32(sumFloat(x, true))
	numpy := float32(100000.0859375)
	if got != float32(exact) {
		t.Errorf("sum of 1e6 float32(0.1) = %v, want %v (the exact sum rounded)", got, float32(exact))
	}
	if math.Abs(float64(got)-exact) > math.Abs(float64(numpy)-exact) {
		t.Errorf("less accurate than NumPy: %v vs NumPy's %v (exact %v)", got, numpy, exact)
	}
}

// TestSumAccuracyF64 compares the error of float64 sums with that of
// NumPy's pairwise algorithm (PairwiseSum) against the exact sum
// (double-double accumulation), as the root mean square over 40 random
// vectors of normal values with a drift; on such data a sequential sum
// is about 150 times worse.
func TestSumAccuracyF64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ours, numpys, seq float64
	for trial := range 40 {
		n := 1<<19 + trial*977
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64() + 0.5
		}
		exact := exactSum(x)
		sq := func(v float64) float64 { return (v - exact) * (v - exact) }
		ours += sq(sumFloat(x, true))
		numpys += sq(PairwiseSum(x))
		s := 0.0
		for _, v := range x {
			s += v
		}
		seq += sq(s)
	}
	ours, numpys, seq = math.Sqrt(ours/40), math.Sqrt(numpys/40), math.Sqrt(seq/40)
	t.Logf("rms error: ours %.3g, NumPy's pairwise %.3g, sequential %.3g", ours, numpys, seq)
	if ours > 1.5*numpys {
		t.Errorf("float64 sums are less accurate than NumPy's pairwise sum: %.3g vs %.3g", ours, numpys)
	}
}

// exactSum is a double-double (TwoSum) accumulation: exact to about
// 2^-106 relative.
func exactSum(x []float64) float64 {
	var hi, lo float64
	for _, v := range x {
		s := hi + v
		bp := s - hi
		lo += (hi - (s - bp)) + (v - bp)
		hi = s
	}
	return hi + lo
}

// TestArgExtremeChunks: the first index of the extreme across chunk
// boundaries, NaN first, ties to the earliest, ±0 ties too.
func TestArgExtremeChunks(t *testing.T) {
	gt := func(a, b float32) bool { return a > b }
	n := 5*extremeChunk + 17
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(i % 100)
	}
	for _, split := range []bool{false, true} {
		if got := argExtremeVec(x, maxF32, gt, split); got != 99 {
			t.Errorf("argmax = %d, want 99", got)
		}
		y := slices.Clone(x)
		y[3*extremeChunk+5] = 1000
		y[4*extremeChunk+5] = 1000
		if got := argExtremeVec(y, maxF32, gt, split); got != 3*extremeChunk+5 {
			t.Errorf("argmax with a tie = %d, want %d", got, 3*extremeChunk+5)
		}
		y[4*extremeChunk+9] = float32(math.NaN())
		y[4*extremeChunk+19] = float32(math.NaN())
		if got := argExtremeVec(y, maxF32, gt, split); got != 4*extremeChunk+9 {
			t.Errorf("argmax with NaN = %d, want %d", got, 4*extremeChunk+9)
		}
		z := make([]float32, n)
		for i := range z {
			z[i] = float32(math.Copysign(0, -1))
		}
		z[2*extremeChunk] = 0
		if got := argExtremeVec(z, maxF32, gt, split); got != 0 {
			t.Errorf("argmax of ±0 = %d, want 0 (the first)", got)
		}
	}
	big := make([]float64, splitReduce*3)
	for i := range big {
		big[i] = -float64(i)
	}
	big[len(big)-1] = 1
	if got := argExtremeVec(big, maxF64, func(a, b float64) bool { return a > b }, true); got != len(big)-1 {
		t.Errorf("split argmax = %d, want %d", got, len(big)-1)
	}
}

// TestParallelParts: parallel covers [0, n) exactly once.
func TestParallelParts(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 1 << 20} {
		for _, minPer := range []int{0, 1, 100, 1 << 30} {
			seen := make([]int32, n)
			parallel(n, minPer, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, s := range seen {
				if s != 1 {
					t.Fatalf("n=%d minPer=%d: element %d visited %d times", n, minPer, i, s)
				}
			}
		}
	}
}

// TestSplitPaths runs the split (multi-goroutine) paths, which the
// shared device body's small arrays never reach, against cpu-loop.
func TestSplitPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 3*splitStream + 77
	x := make([]float32, n)
	m := make([]bool, n)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
		m[i] = x[i] > 0.3
	}
	up := func(d device.Device, h any) device.Buffer {
		b, err := d.Upload(h)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	vecOp := func(b device.Buffer, n int) device.Operand { return operand(b.(*Buffer), []int{n}, []int{1}, 0) }
	run := func(d device.Device) (sum, mx float64, arg int64, add []float32, comp []float32, tr []float32) {
		xb, mb := up(d, x), up(d, m)
		out, _ := d.Alloc(dtype.Float32, 1)
		argo, _ := d.Alloc(dtype.Int64, 1)
		one := operand(out.(*Buffer), nil, nil, 0)
		must(t, d.Run(reduceReq(plan.Sum, vecOp(xb, n), one, 1)))
		sum = float64(out.(*Buffer).data.([]float32)[0])
		must(t, d.Run(reduceReq(plan.Max, vecOp(xb, n), one, 1)))
		mx = float64(out.(*Buffer).data.([]float32)[0])
		must(t, d.Run(reduceReq(plan.ArgMin, vecOp(xb, n), operand(argo.(*Buffer), nil, nil, 0), 1)))
		arg = argo.(*Buffer).data.([]int64)[0]
		addb, _ := d.Alloc(dtype.Float32, n)
		must(t, d.Run(applyReq(ufunc.Add, ufunc.Add.Op().Loops[3], []device.Operand{vecOp(xb, n), vecOp(xb, n)}, vecOp(addb, n))))
		cnt := 0
		for _, b := range m {
			if b {
				cnt++
			}
		}
		cb, _ := d.Alloc(dtype.Float32, cnt)
		must(t, d.Run(&device.Compress{Dst: vecOp(cb, cnt), Src: vecOp(xb, n), Mask: vecOp(mb, n)}))
		// A 2-d transpose of 600×(n/600).
		rows, cols := 600, n/600
		tb, _ := d.Alloc(dtype.Float32, rows*cols)
		must(t, d.Run(&device.Copy{Dst: operand(tb.(*Buffer), []int{cols, rows}, []int{rows, 1}, 0),
			Src: operand(xb.(*Buffer), []int{cols, rows}, []int{1, cols}, 0)}))
		// An axis-0 sum of the same rows×cols array: split by columns.
		vb, _ := d.Alloc(dtype.Float32, rows)
		must(t, d.Run(reduceReq(plan.Sum, operand(xb.(*Buffer), []int{rows, cols}, []int{1, rows}, 0),
			operand(vb.(*Buffer), []int{rows}, []int{1}, 0), 1)))
		tr = append(tb.(*Buffer).data.([]float32), vb.(*Buffer).data.([]float32)...)
		return sum, mx, arg, addb.(*Buffer).data.([]float32), cb.(*Buffer).data.([]float32), tr
	}
	s1, m1, a1, add1, c1, t1 := run(simdDevice)
	s2, m2, a2, add2, c2, t2 := run(loopDevice)
	if s1 != s2 || m1 != m2 || a1 != a2 {
		t.Errorf("sum %v max %v argmin %d, reference %v %v %d", s1, m1, a1, s2, m2, a2)
	}
	if !slices.Equal(add1, add2) || !slices.Equal(c1, c2) || !slices.Equal(t1, t2) {
		t.Errorf("add, compress or transpose differ from the reference")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
