package conformance

import (
	"math"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

func cpuLoop(t *testing.T) device.Device {
	t.Helper()
	d, err := device.Get("cpu-loop")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func num(f float64) Number { return Number{Kind: FloatNumber, F: f} }

func TestClose(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		g, e, rtol, atol float64
		want             bool
	}{
		{1, 1, 0, 0, true},
		{1 + 1e-7, 1, 1e-6, 0, true},
		{1 + 1e-5, 1, 1e-6, 1e-7, false},
		{1e-8, 0, 0, 1e-7, true},
		{2e-7, 0, 1e-6, 1e-7, false},
		{-100.00009, -100, 1e-6, 0, true}, // rtol scales with |e|
		{-100.0002, -100, 1e-6, 0, false},
		{nan, nan, 0, 0, true},
		{nan, 1, 1, 1, false},
		{1, nan, 1, 1, false},
		{inf, inf, 0, 0, true},
		{inf, -inf, 1, 1, false},
		{1e300, inf, 1, 1, false},
		{inf, 1e300, 1, 1, false},
	} {
		if got := Close(c.g, c.e, c.rtol, c.atol); got != c.want {
			t.Errorf("Close(%v, %v, rtol=%v, atol=%v) = %v, want %v", c.g, c.e, c.rtol, c.atol, got, c.want)
		}
	}
}

func TestCompare(t *testing.T) {
	dev := cpuLoop(t)
	f := tensor.On(dev)
	want := func(dt string, shape []int, data ...Number) *ArrayData {
		return &ArrayData{DType: dt, Shape: shape, Data: data}
	}
	nan := math.NaN()
	for _, c := range []struct {
		name       string
		got        *tensor.Array
		want       *ArrayData
		rtol, atol float64
		err        string // "" for a match, else a substring of the error
	}{
		{"equal", f.FromHost([]float64{1, 2, 3}, 3), want("float64", []int{3}, num(1), num(2), num(3)), 0, 0, ""},
		{"within tolerance", f.FromHost([]float64{1, 2.000001}, 2), want("float64", []int{2}, num(1), num(2)), 1e-6, 0, ""},
		{"beyond tolerance", f.FromHost([]float64{1, 2.00001}, 2), want("float64", []int{2}, num(1), num(2)), 1e-6, 1e-7, "1 of 2 elements differ"},
		{"nan matches nan", f.FromHost([]float32{float32(nan), 1}, 2), want("float32", []int{2}, num(nan), num(1)), 1e-6, 1e-7, ""},
		{"nan where a number is expected", f.FromHost([]float32{float32(nan)}, 1), want("float32", []int{1}, num(0)), 1, 1, "got nan want 0"},
		{"number where nan is expected", f.FromHost([]float64{0}, 1), want("float64", []int{1}, num(nan)), 1, 1, "got 0 want nan"},
		{"float32 widened exactly", f.FromHost([]float32{0.1}, 1), want("float32", []int{1}, num(float64(float32(0.1)))), 0, 0, ""},
		{"dtype mismatch", f.FromHost([]float32{1, 2}, 2), want("float64", []int{2}, num(1), num(2)), 1, 1, "dtype: got float32, want float64"},
		{"int vs float dtype", f.FromHost([]int64{1}, 1), want("float64", []int{1}, num(1)), 1, 1, "dtype"},
		{"shape mismatch", f.FromHost([]float64{1, 2, 3, 4, 5, 6}, 2, 3), want("float64", []int{3, 2}, num(1), num(2), num(3), num(4), num(5), num(6)), 1, 1, "shape: got (2, 3), want (3, 2)"},
		{"0-d vs 1-d", f.FromHost([]float64{1}, []int{}...), want("float64", []int{1}, num(1)), 1, 1, "shape: got (), want (1,)"},
		{"ints exact", f.FromHost([]int32{1, 2}, 2), want("int32", []int{2}, Number{Kind: IntNumber, I: 1}, Number{Kind: IntNumber, I: 3}), 1, 1, "[1] got 2 want 3"},
		{"int64 beyond float64", f.FromHost([]int64{1<<62 + 1}, 1), want("int64", []int{1}, Number{Kind: IntNumber, I: 1 << 62}), 1, 1, "got 4611686018427387905 want 4611686018427387904"},
		{"bools exact", f.FromHost([]bool{true, false}, 2), want("bool", []int{2}, Number{Kind: BoolNumber, B: true}, Number{Kind: BoolNumber, B: true}), 1, 1, "[1] got false want true"},
		{"fill", f.FromHost([]float64{7, 7, 7, 7}, 2, 2), &ArrayData{DType: "float64", Shape: []int{2, 2}, Fill: &Number{Kind: IntNumber, I: 7}}, 0, 0, ""},
		{"multi-index in message", f.FromHost([]float64{0, 0, 0, 0, 0, 9}, 2, 3), want("float64", []int{2, 3}, num(0), num(0), num(0), num(0), num(0), num(0)), 0, 0, "[1,2] got 9 want 0"},
		{"malformed expected data", f.FromHost([]float64{0, 0}, 2), want("float64", []int{2}, num(0)), 0, 0, "malformed"},
	} {
		err := Compare(c.got, c.want, c.rtol, c.atol)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: unexpected mismatch: %v", c.name, err)
		case c.err != "" && err == nil:
			t.Errorf("%s: mismatch not detected", c.name)
		case c.err != "" && !strings.Contains(err.Error(), c.err):
			t.Errorf("%s: error %q does not mention %q", c.name, err, c.err)
		}
	}
}

func TestSameData(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		a, b any
		want bool
	}{
		{[]float64{1, nan}, []float64{1, nan}, true},
		{[]float64{1, 2}, []float64{1, 3}, false},
		{[]float64{0}, []float64{math.Copysign(0, -1)}, false},
		{[]float32{1}, []float64{1}, false},
		{[]int32{1, 2}, []int32{1, 2}, true},
		{[]bool{true}, []bool{false}, false},
	} {
		if got := sameData(c.a, c.b); got != c.want {
			t.Errorf("sameData(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
