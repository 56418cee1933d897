package tensor

import (
	"math"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
)

// Issue 16: what porting NumPy's own test suite found. Values here were
// computed by NumPy 1.24; conformance/testdata/cases/numpy_suite.json
// (gen_numpy_suite.py) holds many more of them, and these tests check
// what the case files cannot: messages, out= arrays, signed zeros.

// suiteDevices returns cpu-loop, cpu-simd and the GPU where it opens (it
// must where $NUMGL_REQUIRE_GPU is 1).
func suiteDevices(t *testing.T) []device.Device {
	t.Helper()
	devs := []device.Device{must(device.Get("cpu-loop")), must(device.Get("cpu-simd"))}
	g, err := device.Get("gpu")
	switch {
	case err == nil:
		devs = append(devs, g)
	case device.RequireGPU():
		t.Fatalf("no GPU: %v", err)
	}
	return devs
}

// wantSuiteError checks that f panics with an *Error of kind k and
// message msg.
func wantSuiteError(t *testing.T, what string, k ErrorKind, msg string, f func()) {
	t.Helper()
	switch e := catch(f); {
	case e == nil:
		t.Errorf("%s: no error, want %v %q", what, k, msg)
	case e.Kind != k || e.Msg != msg:
		t.Errorf("%s: %v %q, want %v %q", what, e.Kind, e.Msg, k, msg)
	}
}

func TestLinspaceIntegerFloors(t *testing.T) {
	for _, dev := range suiteDevices(t) {
		f := On(dev)
		// np.linspace(-1, 3, 8, dtype=int), np.linspace(3, -3, 8, dtype=np.int32)
		if got := f.Linspace(Int64, -1, 3, 8).Data().([]int64); !slices.Equal(got, []int64{-1, -1, 0, 0, 1, 1, 2, 3}) {
			t.Errorf("%s: Linspace(Int64, -1, 3, 8) = %v", dev.Name(), got)
		}
		if got := f.Linspace(Int32, 3, -3, 8).Data().([]int32); !slices.Equal(got, []int32{3, 2, 1, 0, -1, -2, -3, -3}) {
			t.Errorf("%s: Linspace(Int32, 3, -3, 8) = %v", dev.Name(), got)
		}
		// np.linspace(0, 1, 4, dtype=bool): cast, not floored.
		if got := f.Linspace(Bool, 0, 1, 4).Data().([]bool); !slices.Equal(got, []bool{false, true, true, true}) {
			t.Errorf("%s: Linspace(Bool, 0, 1, 4) = %v", dev.Name(), got)
		}
		// np.linspace(0, np.inf, 1): 0*inf + 0.
		if got := f.Linspace(Float64, 0, math.Inf(1), 1).Data().([]float64); len(got) != 1 || !math.IsNaN(got[0]) {
			t.Errorf("%s: Linspace(Float64, 0, inf, 1) = %v, want [NaN]", dev.Name(), got)
		}
	}
}

func TestArgMaxOutMustMatch(t *testing.T) {
	for _, dev := range suiteDevices(t) {
		a := On(dev).Arange(Float64, 0, 6, 1).Reshape(2, 3)
		for _, c := range []struct {
			name string
			opts []ReduceOption
			out  []int
		}{
			{"keepdims (2,)", []ReduceOption{KeepDims}, []int{2}},
			{"keepdims (1,)", []ReduceOption{KeepDims}, []int{1}},
			{"no axis (1,)", nil, []int{1}},
			{"axis 0 keepdims (3,)", []ReduceOption{Axis(0), KeepDims}, []int{3}},
			{"axis 0 (2,)", []ReduceOption{Axis(0)}, []int{2}},
		} {
			for _, fn := range []struct {
				name string
				f    func(*Array, ...ReduceOption) *Array
			}{{"argmax", ArgMax}, {"argmin", ArgMin}} {
				out := On(dev).Full(Int64, 7, c.out...)
				opts := append(slices.Clone(c.opts), Out(out))
				wantSuiteError(t, dev.Name()+" "+fn.name+" "+c.name, ValueError,
					"output array does not match result of np."+fn.name+".",
					func() { fn.f(a, opts...) })
				for _, v := range out.Data().([]int64) {
					if v != 7 {
						t.Errorf("%s %s %s: out written: %v", dev.Name(), fn.name, c.name, out)
						break
					}
				}
			}
		}
		out := On(dev).Zeros(Int64, 1, 1)
		if got := ArgMax(a, KeepDims, Out(out)); got != out || out.Data().([]int64)[0] != 5 {
			t.Errorf("%s: ArgMax(keepdims, out (1,1)) = %v, want [[5]] in out", dev.Name(), got)
		}
	}
}

func TestReductionOverEmptyAxisRaises(t *testing.T) {
	for _, dev := range suiteDevices(t) {
		f := On(dev)
		for _, shape := range [][]int{{0, 0}, {0, 3}} {
			a := f.Zeros(Float64, shape...)
			wantSuiteError(t, dev.Name()+" max", ValueError, "zero-size array to reduction operation maximum which has no identity",
				func() { Max(a, Axis(0)) })
			wantSuiteError(t, dev.Name()+" min", ValueError, "zero-size array to reduction operation minimum which has no identity",
				func() { Min(a, Axis(0)) })
			wantSuiteError(t, dev.Name()+" argmax", ValueError, "attempt to get argmax of an empty sequence",
				func() { ArgMax(a, Axis(0)) })
			wantSuiteError(t, dev.Name()+" argmin", ValueError, "attempt to get argmin of an empty sequence",
				func() { ArgMin(a) })
		}
		// np.max(np.ones((3, 0)), axis=0) is empty: every reduction has
		// three elements, there are none of them.
		if got := Max(f.Zeros(Float64, 3, 0), Axis(0)); !slices.Equal(got.Shape(), []int{0}) {
			t.Errorf("%s: Max((3,0), axis 0) has shape %v, want (0,)", dev.Name(), got.Shape())
		}
	}
}

func TestZeroDimAxisZero(t *testing.T) {
	for _, dev := range suiteDevices(t) {
		x := On(dev).Full(Float64, 3.0)
		for _, c := range []struct {
			name string
			f    func(*Array, ...ReduceOption) *Array
			want float64
		}{{"sum", Sum, 3}, {"prod", Prod, 3}, {"max", Max, 3}, {"min", Min, 3}, {"any", Any, 1}, {"all", All, 1}, {"argmax", ArgMax, 0}, {"argmin", ArgMin, 0}} {
			for _, opts := range [][]ReduceOption{{Axis(0)}, {Axis(-1)}, {Axis(0), KeepDims}} {
				r := c.f(x, opts...)
				if r.NDim() != 0 || r.AsType(Float64).Data().([]float64)[0] != c.want {
					t.Errorf("%s: %s of a 0-d array with axis 0 or -1 = %v, want 0-d %v", dev.Name(), c.name, r, c.want)
				}
			}
		}
		wantSuiteError(t, dev.Name()+" sum axis 1", AxisError, "axis 1 is out of bounds for array of dimension 0",
			func() { Sum(x, Axis(1)) })
		wantSuiteError(t, dev.Name()+" mean axis 0", AxisError, "axis 0 is out of bounds for array of dimension 0",
			func() { Mean(x, Axis(0)) })
		wantSuiteError(t, dev.Name()+" std axis -1", AxisError, "axis -1 is out of bounds for array of dimension 0",
			func() { Std(x, Axis(-1)) })
		// NumPy's argmax checks a 0-d array's axis as if it were 1-d.
		wantSuiteError(t, dev.Name()+" argmax axis 1", AxisError, "axis 1 is out of bounds for array of dimension 1",
			func() { ArgMax(x, Axis(1)) })
	}
}

func TestArangeBoolAndLengthErrors(t *testing.T) {
	for _, dev := range suiteDevices(t) {
		f := On(dev)
		for _, c := range []struct {
			start, stop, step float64
			want              []bool
		}{
			{0, 2, 1, []bool{false, true}},
			{-1, 1, 1, []bool{true, false}},
			{0.5, 2, 1, []bool{true, true}},
			{1, -1, -1, []bool{true, false}},
			{0, 1, 1, []bool{false}},
			{3, 0, 1, []bool{}},
		} {
			if got := f.Arange(Bool, c.start, c.stop, c.step).Data().([]bool); !slices.Equal(got, c.want) {
				t.Errorf("%s: Arange(Bool, %v, %v, %v) = %v, want %v", dev.Name(), c.start, c.stop, c.step, got, c.want)
			}
		}
		wantSuiteError(t, dev.Name()+" arange bool 3", DTypeError,
			"arange() is only supported for booleans when the result has at most length 2.",
			func() { f.Arange(Bool, 0, 3, 1) })
		for _, c := range []struct {
			start, stop, step float64
			msg               string
		}{
			{0, math.Inf(1), 1, "Maximum allowed size exceeded"},
			{math.Inf(1), 0, 1, "Maximum allowed size exceeded"},
			{0, math.Inf(-1), 1, "Maximum allowed size exceeded"},
			{0, -1e30, 1, "Maximum allowed size exceeded"},
			{0, math.NaN(), 1, "arange: cannot compute length"},
			{0, 1, math.NaN(), "arange: cannot compute length"},
			{math.Inf(1), math.Inf(1), 1, "arange: cannot compute length"},
		} {
			wantSuiteError(t, dev.Name()+" arange length", ValueError, c.msg,
				func() { f.Arange(Float64, c.start, c.stop, c.step) })
		}
		// A step of ±Inf: one element (the quotient is +0) or none (-0).
		if got := f.Arange(Float64, 0, 1, math.Inf(1)).Data().([]float64); !slices.Equal(got, []float64{0}) {
			t.Errorf("%s: Arange(0, 1, inf) = %v, want [0]", dev.Name(), got)
		}
		if got := f.Arange(Float64, 0, -1, math.Inf(1)).Size(); got != 0 {
			t.Errorf("%s: Arange(0, -1, inf) has %d elements, want 0", dev.Name(), got)
		}
	}
}

func TestBroadcastMismatchMessages(t *testing.T) {
	// A ufunc keeps its own words; broadcast.Shapes has
	// numpy.broadcast_shapes' (tested in package broadcast).
	a, b := Zeros(Float64, 1, 3), Zeros(Float64, 2)
	wantSuiteError(t, "add", ShapeError, "operands could not be broadcast together with shapes (1,3) (2,) ",
		func() { Add(a, b) })
	wantSuiteError(t, "where", ShapeError, "operands could not be broadcast together with shapes (1,3) (3,) (2,) ",
		func() { Where(a, Zeros(Float64, 3), b) })
}

func TestFloorDivideSignedZero(t *testing.T) {
	negZero := math.Copysign(0, -1)
	// NumPy: floor_divide(-0.0, 1) = -0.0, (0.0, -1) = -0.0,
	// (-0.0, -1) = 0.0, (-0.5, 1) = -1.0; remainder(-0.0, 1) = 0.0.
	a := []float64{negZero, 0, negZero, -0.5}
	b := []float64{1, -1, -1, 1}
	wantDiv := []float64{negZero, negZero, 0, -1}
	for _, dev := range suiteDevices(t) {
		f := On(dev)
		for _, dt := range []DType{Float32, Float64} {
			x, y := f.FromHost(a).AsType(dt), f.FromHost(b).AsType(dt)
			got := FloorDivide(x, y).AsType(Float64).Data().([]float64)
			for i, w := range wantDiv {
				if got[i] != w || math.Signbit(got[i]) != math.Signbit(w) {
					t.Errorf("%s %v: floor_divide(%v, %v) = %v, want %v", dev.Name(), dt, a[i], b[i], got[i], w)
				}
			}
			if r := Remainder(x, y).AsType(Float64).Data().([]float64)[0]; r != 0 || math.Signbit(r) {
				t.Errorf("%s %v: remainder(-0.0, 1) = %v, want 0.0", dev.Name(), dt, r)
			}
		}
	}
}
