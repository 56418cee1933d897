package tensor

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
)

// matmulBiasCase is one MatMulBias call: the operands' shapes and dtypes
// (bias nil when biasShape is nil) and the activation.
type matmulBiasCase struct {
	a, b, bias []int
	dt, biasDT DType
	act        Activation
}

var matmulBiasCases = []matmulBiasCase{
	{a: []int{37, 70}, b: []int{70, 45}, bias: []int{45}, dt: Float32, biasDT: Float32, act: ReLU},  // a layer
	{a: []int{37, 70}, b: []int{70, 45}, bias: []int{45}, dt: Float64, biasDT: Float64, act: ReLU},  // in float64
	{a: []int{2, 5, 7}, b: []int{7, 3}, bias: []int{5, 3}, dt: Float32, biasDT: Float32, act: ReLU}, // a bias matrix over a stack
	{a: []int{5, 7}, b: []int{2, 7, 3}, bias: []int{5, 1}, dt: Float64, biasDT: Float64},            // a column, b a stack
	{a: []int{7}, b: []int{7, 3}, bias: []int{3}, dt: Float32, biasDT: Float32, act: ReLU},          // 1-d a
	{a: []int{5, 7}, b: []int{7}, bias: []int{5}, dt: Float64, biasDT: Float64, act: ReLU},          // 1-d b
	{a: []int{5, 7}, b: []int{7, 3}, bias: []int{}, dt: Float32, biasDT: Float32, act: ReLU},        // a 0-d bias
	{a: []int{40, 7}, b: []int{7, 10}, dt: Float32, act: ReLU},                                      // no bias
	{a: []int{6, 9}, b: []int{9, 4}, bias: []int{4}, dt: Int32, biasDT: Int32, act: ReLU},           // integers
	{a: []int{6, 9}, b: []int{9, 4}, bias: []int{4}, dt: Float32, biasDT: Float64, act: ReLU},       // the bias promotes
	{a: []int{6, 9}, b: []int{9, 4}, bias: []int{3, 6, 4}, dt: Float32, biasDT: Float32, act: ReLU}, // the bias grows the result
	{a: []int{6, 9}, b: []int{9, 4}, bias: []int{4}, dt: Bool, biasDT: Bool, act: ReLU},             // bool: add is or
	{a: []int{6, 9}, b: []int{9, 4}, dt: Float64},                                                   // nothing to fuse
}

// operands returns the case's arrays on dev: normal floats (so that ReLU
// has negatives to clip), small integers, random bools.
func (c matmulBiasCase) operands(dev device.Device, seed uint64) (a, b, bias *Array) {
	g := NewGenerator(seed).On(dev)
	mk := func(dt DType, shape []int) *Array {
		switch dt {
		case Int32:
			return g.Integers(Int32, -4, 5, shape...)
		case Bool:
			return Greater(g.Uniform(Float64, 0, 1, shape...), 0.6)
		}
		return g.Normal(dt, 0, 1, shape...)
	}
	a, b = mk(c.dt, c.a), mk(c.dt, c.b)
	if c.bias != nil {
		bias = mk(c.biasDT, c.bias)
	}
	return a, b, bias
}

// unfused is MatMulBias as NumPy writes it: np.matmul(a, b) + bias, then
// np.maximum(y, 0).
func unfused(a, b, bias *Array, act Activation) *Array {
	y := MatMul(a, b)
	if bias != nil {
		y = Add(y, bias)
	}
	if act == ReLU && y.DType() != Bool {
		y = Maximum(y, 0)
	}
	return y
}

// closeTo compares got with want: exactly (bit for bit) when exact,
// else floats within tol·(1 + |want|) and NaN with NaN.
func closeTo(t *testing.T, name string, got, want *Array, exact bool, tol float64) {
	t.Helper()
	if got.DType() != want.DType() || !slices.Equal(got.Shape(), want.Shape()) {
		t.Fatalf("%s: got %v %v, want %v %v", name, got.DType(), got.Shape(), want.DType(), want.Shape())
	}
	if !got.DType().IsFloat() {
		if fmt.Sprint(got.Data()) != fmt.Sprint(want.Data()) {
			t.Fatalf("%s: got %v, want %v", name, got.Data(), want.Data())
		}
		return
	}
	if exact {
		if !slices.Equal(bitsOf(got), bitsOf(want)) {
			t.Fatalf("%s: got %v, want %v", name, got.Data(), want.Data())
		}
		return
	}
	g, w := got.AsType(Float64).Data().([]float64), want.AsType(Float64).Data().([]float64)
	for i := range w {
		if math.IsNaN(w[i]) != math.IsNaN(g[i]) || math.Abs(g[i]-w[i]) > tol*(1+math.Abs(w[i])) ||
			w[i] == 0 && g[i] == 0 && math.Signbit(w[i]) != math.Signbit(g[i]) {
			t.Fatalf("%s: [%d] = %v, want %v", name, i, g[i], w[i])
		}
	}
}

// openDevices returns every device that opens.
func openDevices(t *testing.T) []device.Device {
	var ds []device.Device
	for _, name := range device.Backends() {
		if d, err := device.Get(name); err == nil {
			ds = append(ds, d)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	return ds
}

// TestMatMulBias runs every case on every device against NumPy's
// unfused expression on cpu-loop: bit for bit on cpu-loop (whose fused
// epilogue rounds as the separate passes do), to float32's or float64's
// rounding elsewhere (cpu-simd's float32 GEMM sums in float32).
func TestMatMulBias(t *testing.T) {
	ref := device.MustGet("cpu-loop")
	for ci, c := range matmulBiasCases {
		a, b, bias := c.operands(ref, uint64(ci))
		want := unfused(a, b, bias, c.act)
		for _, dev := range openDevices(t) {
			name := fmt.Sprintf("case %d %v@%v+%v %v %v on %s", ci, c.a, c.b, c.bias, c.dt, c.act, dev.Name())
			da, db := a.To(dev), b.To(dev)
			var dbias *Array
			if bias != nil {
				dbias = bias.To(dev)
			}
			tol := 1e-12 // the product's rounding decides
			if c.dt == Float32 {
				tol = 1e-5
			}
			closeTo(t, name, MatMulBias(da, db, dbias, c.act), want, dev == ref, tol)

			// Into a destination of the result's dtype (written
			// straight), and into a float64 one (converted).
			dst := On(dev).Full(want.DType(), 7, want.Shape()...)
			if got := MatMulBiasInto(dst, da, db, dbias, c.act); got != dst {
				t.Fatalf("%s: MatMulBiasInto does not return dst", name)
			}
			closeTo(t, name+" into", dst, want, dev == ref, tol)
			if want.DType() != Bool {
				dst64 := On(dev).Zeros(Float64, want.Shape()...)
				MatMulBiasInto(dst64, da, db, dbias, c.act)
				closeTo(t, name+" into float64", dst64, want.AsType(Float64), dev == ref, tol)
			}
		}
	}
}

// TestMatMulBiasFuses pins when the epilogue goes into the MatMul
// request: for a bias of the product's dtype that does not grow it (a
// bool bias adds as or), and for ReLU but of a bool product (where it
// changes nothing).
func TestMatMulBiasFuses(t *testing.T) {
	for _, name := range []string{"cpu-loop", "cpu-simd"} {
		dev := device.MustGet(name)
		for ci, c := range matmulBiasCases {
			a, b, bias := c.operands(dev, 1)
			want := (bias != nil || c.act != NoActivation && c.dt != Bool) &&
				(bias == nil || c.biasDT == c.dt && len(c.bias) <= 2)
			if got := planMatMul(a, b).fuses(bias, c.act); got != want {
				t.Errorf("%s case %d: fuses = %v, want %v", name, ci, got, want)
			}
		}
	}
}

// TestMatMulBiasSpecials checks ReLU's NumPy semantics through the fused
// paths: maximum(NaN, 0) is NaN, maximum(-0, 0) is +0.
func TestMatMulBiasSpecials(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	nan := float32(math.NaN())
	for _, dev := range openDevices(t) {
		a := FromSliceOn(dev, []float32{1, 0, nan, 0, -1, 0}, 3, 2)
		b := FromSliceOn(dev, []float32{1, 2, 0, 0}, 2, 2)
		bias := FromSliceOn(dev, []float32{negZero, -3})
		got := MatMulBias(a, b, bias, ReLU)
		want := unfused(a.To(device.MustGet("cpu-loop")), b.To(device.MustGet("cpu-loop")), bias.To(device.MustGet("cpu-loop")), ReLU)
		closeTo(t, "specials on "+dev.Name(), got, want, true, 0)
	}
}

// TestMatMulBiasIntoAliasing writes act(a @ b + dst) into dst itself, and
// into a transposed (non-contiguous) destination.
func TestMatMulBiasIntoAliasing(t *testing.T) {
	for _, dev := range openDevices(t) {
		g := NewGenerator(3).On(dev)
		a, b := g.Normal(Float64, 0, 1, 9, 5), g.Normal(Float64, 0, 1, 5, 6)
		dst := g.Normal(Float64, 0, 1, 9, 6)
		want := unfused(a, b, dst.Copy(), ReLU)
		MatMulBiasInto(dst, a, b, dst, ReLU)
		closeTo(t, "dst as bias on "+dev.Name(), dst, want, false, 1e-12)

		bias := g.Normal(Float64, 0, 1, 6)
		tdst := On(dev).Zeros(Float64, 6, 9).T()
		MatMulBiasInto(tdst, a, b, bias, ReLU)
		closeTo(t, "transposed dst on "+dev.Name(), tdst.Copy(), unfused(a, b, bias, ReLU), false, 1e-12)
	}
}

// TestMatMulBiasIntoErrors: a destination of another shape or a kind it
// cannot take, and a bias that does not broadcast, raise before anything
// is written.
func TestMatMulBiasIntoErrors(t *testing.T) {
	dev := device.MustGet("cpu-simd")
	a, b := On(dev).Ones(Float32, 4, 3), On(dev).Ones(Float32, 3, 5)
	for _, c := range []struct {
		dst, bias *Array
		kind      ErrorKind
	}{
		{On(dev).Full(Float32, 9, 4, 6), nil, ShapeError},
		{On(dev).Full(Int32, 9, 4, 5), nil, DTypeError},
		{On(dev).Full(Float32, 9, 4, 5), On(dev).Ones(Float32, 4), ShapeError},
		{On(dev).Full(Float32, 9, 4, 5), On(dev).Ones(Float32, 2, 4, 5), ShapeError},
	} {
		before := c.dst.Copy()
		func() {
			defer func() {
				var e *Error
				if r := recover(); r == nil || !errors.As(r.(error), &e) || e.Kind != c.kind {
					t.Errorf("dst %v bias %v: recovered %v, want a %v", c.dst.Shape(), c.bias, r, c.kind)
				}
			}()
			MatMulBiasInto(c.dst, a, b, c.bias, ReLU)
		}()
		if !slices.Equal(bitsOf(c.dst), bitsOf(before)) {
			t.Errorf("dst %v: written before the error", c.dst.Shape())
		}
	}
}
