package nnforward_test

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// ref computes an activation of one float64 value, the plain way.
var refs = map[string]func(float64) float64{
	"identity": func(x float64) float64 { return x },
	"relu":     func(x float64) float64 { return math.Max(x, 0) },
	"sigmoid":  func(x float64) float64 { return 1 / (1 + math.Exp(-x)) },
	"tanh":     math.Tanh,
	"gelu": func(x float64) float64 {
		return 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x)))
	},
}

var layers = map[string]nnforward.InPlaceLayer{
	"identity": nnforward.Identity{},
	"relu":     nnforward.ReLU{},
	"sigmoid":  nnforward.Sigmoid{},
	"tanh":     nnforward.Tanh{},
	"gelu":     nnforward.GELU{},
}

// inputs are test values: both signs, large ones that overflow exp, 0.
func inputs() []float64 {
	v := []float64{0, -0.5, 0.5, 1, -1, 3, -3, 20, -20, 100, -100, 1000, -1000, 1e-8, -1e-8}
	for i := -30; i <= 30; i++ {
		v = append(v, float64(i)*0.21)
	}
	return v
}

func closeTo(got, want, rtol, atol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= atol+rtol*math.Abs(want)
}

// TestActivations checks each activation against the plain float64
// formula on every device, out of place and in place, in float32 and
// float64, and that out-of-place never writes its input.
func TestActivations(t *testing.T) {
	in := inputs()
	for _, dev := range devices(t) {
		for name, l := range layers {
			for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
				rtol, atol := 1e-5, 1e-6
				if dt == tensor.Float64 {
					rtol, atol = 1e-12, 1e-14
				}
				x := tensor.On(dev).FromHost(in).AsType(dt)
				want := make([]float64, len(in))
				xs := tensor.ToSlice[float64](x) // the inputs rounded to dt
				for i, v := range xs {
					want[i] = refs[name](v)
				}
				y := l.Forward(x)
				if name != "identity" && y.SharesMemory(x) {
					t.Errorf("%s %s: Forward returned its input's storage", dev.Name(), name)
				}
				if !reflect.DeepEqual(tensor.ToSlice[float64](x), xs) {
					t.Errorf("%s %s: Forward wrote its input", dev.Name(), name)
				}
				x2 := x.Copy()
				z := l.ForwardInPlace(x2)
				if z != x2 {
					t.Errorf("%s %s: ForwardInPlace did not return its input", dev.Name(), name)
				}
				for _, r := range []*tensor.Array{y, z} {
					if r.DType() != dt {
						t.Errorf("%s %s %v: result %v", dev.Name(), name, dt, r.DType())
					}
					for i, g := range tensor.ToSlice[float64](r) {
						if !closeTo(g, want[i], rtol, atol) {
							t.Errorf("%s %s %v: f(%g) = %g, want %g", dev.Name(), name, dt, xs[i], g, want[i])
						}
					}
				}
			}
		}
	}
}

// TestGELUApproximation: the tanh approximation stays within 5e-4 of the
// exact x Φ(x), as its doc says.
func TestGELUApproximation(t *testing.T) {
	x := tensor.On(device.MustGet("cpu-loop")).Linspace(tensor.Float64, -8, 8, 1601)
	y := tensor.ToSlice[float64](nnforward.GELU{}.Forward(x))
	for i, v := range tensor.ToSlice[float64](x) {
		exact := v * 0.5 * math.Erfc(-v/math.Sqrt2)
		if math.Abs(y[i]-exact) > 5e-4 {
			t.Errorf("gelu(%g) = %g, exact %g", v, y[i], exact)
		}
	}
}

// TestActivationsOfIntegers: integer inputs become float64, as NumPy's
// float ufuncs make them, and ReLU keeps integers.
func TestActivationsOfIntegers(t *testing.T) {
	for _, dev := range devices(t) {
		x := tensor.On(dev).FromHost([]int32{-2, 0, 3}, 1, 3)
		if r := (nnforward.ReLU{}).ForwardInPlace(x.Copy()); r.DType() != tensor.Int32 || !reflect.DeepEqual(r.Data(), []int32{0, 0, 3}) {
			t.Errorf("%s relu: %v", dev.Name(), r)
		}
		for _, l := range []nnforward.InPlaceLayer{nnforward.Sigmoid{}, nnforward.Tanh{}, nnforward.GELU{}, nnforward.Softmax{Axis: -1}, nnforward.LogSoftmax{Axis: -1}} {
			xi := x.Copy()
			r := l.ForwardInPlace(xi)
			if r.DType() != tensor.Float64 || r == xi || !reflect.DeepEqual(xi.Data(), []int32{-2, 0, 3}) {
				t.Errorf("%s %T: %v from %v", dev.Name(), l, r, xi)
			}
		}
	}
}

// softmaxRef is the softmax of a 2-d host array along axis, in float64.
func softmaxRef(x []float64, rows, cols, axis int, log bool) []float64 {
	out := make([]float64, len(x))
	n, m := rows, cols
	at := func(i, j int) int { return i*cols + j }
	if axis == 0 {
		n, m = cols, rows
		at = func(i, j int) int { return j*cols + i }
	}
	for i := range n {
		mx := math.Inf(-1)
		for j := range m {
			mx = math.Max(mx, x[at(i, j)])
		}
		s := 0.0
		for j := range m {
			s += math.Exp(x[at(i, j)] - mx)
		}
		for j := range m {
			if log {
				out[at(i, j)] = x[at(i, j)] - mx - math.Log(s)
			} else {
				out[at(i, j)] = math.Exp(x[at(i, j)]-mx) / s
			}
		}
	}
	return out
}

// TestSoftmax checks Softmax and LogSoftmax along both axes of a matrix
// with rows that overflow exp unless the maximum is subtracted, on every
// device, out of place and in place.
func TestSoftmax(t *testing.T) {
	host := []float64{
		1000, 1001, 1002, 999,
		-1000, -1000, -1000, -1000,
		0.5, -0.25, 3, 2,
		88.8, 89.5, -3, 0,
		-745, -750, -700, -740,
	}
	for _, dev := range devices(t) {
		for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
			rtol, atol := 2e-5, 1e-6
			if dt == tensor.Float64 {
				rtol, atol = 1e-12, 1e-13
			}
			x := tensor.On(dev).FromHost(host, 5, 4).AsType(dt)
			xs := tensor.ToSlice[float64](x)
			for _, axis := range []int{0, 1, -1, -2} {
				for _, log := range []bool{false, true} {
					var l nnforward.InPlaceLayer = nnforward.Softmax{Axis: axis}
					if log {
						l = nnforward.LogSoftmax{Axis: axis}
					}
					want := softmaxRef(xs, 5, 4, (axis+2)%2, log)
					for _, inPlace := range []bool{false, true} {
						var r *tensor.Array
						if inPlace {
							r = l.ForwardInPlace(x.Copy())
						} else {
							r = l.Forward(x)
						}
						got := tensor.ToSlice[float64](r)
						for i := range want {
							if !closeTo(got[i], want[i], rtol, atol) {
								t.Errorf("%s %v %T axis %d in place %v: element %d = %g, want %g", dev.Name(), dt, l, axis, inPlace, i, got[i], want[i])
							}
						}
					}
				}
			}
		}
	}
}

func TestSoftmaxBadAxis(t *testing.T) {
	x := tensor.On(device.MustGet("cpu-loop")).Zeros(tensor.Float32, 2, 3)
	defer func() {
		var e *tensor.Error
		r := recover()
		if err, ok := r.(error); !ok || !errors.As(err, &e) || e.Kind != tensor.AxisError {
			t.Errorf("softmax along axis 2 of a 2-d array: %v, want an AxisError", r)
		}
	}()
	nnforward.Softmax{Axis: 2}.Forward(x)
}

// mlp returns a small random network on dev and its layers' host copies.
func mlp(dev device.Device, dt tensor.DType, sizes ...int) *nnforward.Sequential {
	g := tensor.NewGenerator(7).On(dev)
	s := &nnforward.Sequential{}
	for i := 0; i+1 < len(sizes); i++ {
		w := g.Normal(dt, 0, 1/math.Sqrt(float64(sizes[i])), sizes[i], sizes[i+1])
		b := g.Normal(dt, 0, 0.1, sizes[i+1])
		s.Layers = append(s.Layers, nnforward.NewDense(w, b))
		if i+2 < len(sizes) {
			s.Layers = append(s.Layers, []nnforward.Layer{nnforward.ReLU{}, nnforward.Tanh{}, nnforward.GELU{}, nnforward.Sigmoid{}}[i%4])
		}
	}
	s.Layers = append(s.Layers, nnforward.Softmax{Axis: -1})
	return s
}

// TestSequential runs a network on every device against the same network
// computed layer by layer on cpu-loop out of place, checks that the input
// is not written, and that leading batch axes are carried through.
func TestSequential(t *testing.T) {
	cpu := device.MustGet("cpu-loop")
	ref := mlp(cpu, tensor.Float64, 13, 17, 9, 11, 5)
	x := tensor.NewGenerator(3).On(cpu).Normal(tensor.Float64, 0, 1, 6, 13)
	h := x
	for _, l := range ref.Layers {
		h = l.Forward(h)
	}
	want := tensor.ToSlice[float64](h)
	for _, dev := range devices(t) {
		for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
			net := ref.To(dev).AsType(dt)
			xd := x.To(dev).AsType(dt)
			before := tensor.ToSlice[float64](xd)
			y := net.Forward(xd)
			if !reflect.DeepEqual(tensor.ToSlice[float64](xd), before) {
				t.Errorf("%s: Forward wrote its input", dev.Name())
			}
			if y.Device() != dev || y.DType() != dt || !reflect.DeepEqual(y.Shape(), []int{6, 5}) {
				t.Fatalf("%s: %v %v on %s", dev.Name(), y.DType(), y.Shape(), y.Device().Name())
			}
			tol := 1e-5
			if dt == tensor.Float64 {
				tol = 1e-12
			}
			for i, g := range tensor.ToSlice[float64](y) {
				if !closeTo(g, want[i], tol, tol) {
					t.Errorf("%s %v: element %d = %g, want %g", dev.Name(), dt, i, g, want[i])
				}
			}
			// A stack of batches: (2, 3, 13) gives (2, 3, 5).
			y3 := net.Forward(xd.Reshape(2, 3, 13))
			if !reflect.DeepEqual(y3.Shape(), []int{2, 3, 5}) {
				t.Errorf("%s: batched shape %v", dev.Name(), y3.Shape())
			}
			for i, g := range tensor.ToSlice[float64](y3) {
				if !closeTo(g, want[i], tol, tol) {
					t.Errorf("%s %v: 3-d element %d = %g, want %g", dev.Name(), dt, i, g, want[i])
				}
			}
		}
	}
	// An input that is a view (a transposed copy) runs too, unchanged.
	xt := x.T().Copy().T()
	if got := tensor.ToSlice[float64](ref.Forward(xt)); !reflect.DeepEqual(got, want) {
		t.Errorf("Forward of a Fortran-ordered input differs")
	}
	// A Sequential starting with an activation does not write its input.
	s := nnforward.NewSequential(nnforward.ReLU{}, nnforward.Identity{}, nnforward.Sigmoid{})
	in := tensor.On(cpu).FromHost([]float64{-1, 2})
	s.Forward(in)
	if !reflect.DeepEqual(in.Data(), []float64{-1, 2}) {
		t.Errorf("Sequential wrote its input: %v", in.Data())
	}
}

func TestDense(t *testing.T) {
	for _, dev := range devices(t) {
		f := tensor.On(dev)
		w := f.FromHost([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
		x := f.FromHost([]float32{1, 1, 0, 2}, 2, 2)
		d := nnforward.NewDense(w, f.FromHost([]float32{10, 20, 30}))
		if got := d.Forward(x).Data(); !reflect.DeepEqual(got, []float32{15, 27, 39, 18, 30, 42}) {
			t.Errorf("%s: %v", dev.Name(), got)
		}
		dst := f.Zeros(tensor.Float32, 2, 3)
		if r := d.ForwardInto(dst, x); r != dst || !reflect.DeepEqual(dst.Data(), []float32{15, 27, 39, 18, 30, 42}) {
			t.Errorf("%s: ForwardInto %v", dev.Name(), dst.Data())
		}
		nobias := &nnforward.Dense{Weight: w}
		if got := nobias.Forward(x).Data(); !reflect.DeepEqual(got, []float32{5, 7, 9, 8, 10, 12}) {
			t.Errorf("%s: no bias %v", dev.Name(), got)
		}
		if d.In() != 2 || d.Out() != 3 {
			t.Errorf("In, Out = %d, %d", d.In(), d.Out())
		}
	}
	cpu := tensor.On(device.MustGet("cpu-loop"))
	for name, f := range map[string]func(){
		"bias length": func() { nnforward.NewDense(cpu.Zeros(tensor.Float32, 2, 3), cpu.Zeros(tensor.Float32, 2)) },
		"1-d weight":  func() { nnforward.NewDense(cpu.Zeros(tensor.Float32, 3), nil) },
		"input width": func() {
			nnforward.NewDense(cpu.Zeros(tensor.Float32, 2, 3), nil).Forward(cpu.Zeros(tensor.Float32, 4, 3))
		},
	} {
		func() {
			defer func() {
				var e *tensor.Error
				r := recover()
				if err, ok := r.(error); !ok || !errors.As(err, &e) {
					t.Errorf("%s: %v, want a *tensor.Error", name, r)
				}
			}()
			f()
		}()
	}
}

// TestSaveLoad writes a model with every kind of layer, reads it back on
// every device, and checks that NumPy's naming holds.
func TestSaveLoad(t *testing.T) {
	cpu := device.MustGet("cpu-loop")
	g := tensor.NewGenerator(1).On(cpu)
	net := nnforward.NewSequential(
		nnforward.NewDense(g.Normal(tensor.Float32, 0, 1, 4, 6), g.Normal(tensor.Float32, 0, 1, 6)),
		nnforward.ReLU{}, nnforward.Identity{},
		&nnforward.Dense{Weight: g.Normal(tensor.Float32, 0, 1, 6, 5)},
		nnforward.Tanh{}, nnforward.GELU{}, nnforward.Sigmoid{},
		nnforward.LogSoftmax{Axis: 0},
		nnforward.Softmax{Axis: -1},
	)
	path := t.TempDir() + "/model.npz"
	if err := net.Save(path); err != nil {
		t.Fatal(err)
	}
	z, err := npy.OpenNPZ(path)
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []string{"nnforward.version", "layer0.dense.weight", "layer0.dense.bias", "layer1.relu", "layer2.identity",
		"layer3.dense.weight", "layer4.tanh", "layer5.gelu", "layer6.sigmoid", "layer7.logsoftmax.axis", "layer8.softmax.axis"}
	if !reflect.DeepEqual(z.Names(), wantNames) {
		t.Errorf("names %v\nwant %v", z.Names(), wantNames)
	}
	z.Close()
	x := g.Normal(tensor.Float32, 0, 1, 3, 4)
	want := tensor.ToSlice[float64](net.Forward(x))
	for _, dev := range devices(t) {
		back, err := nnforward.Load(path, dev)
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Layers) != len(net.Layers) {
			t.Fatalf("%d layers back", len(back.Layers))
		}
		got := tensor.ToSlice[float64](back.Forward(x.To(dev)))
		for i := range want {
			if !closeTo(got[i], want[i], 1e-5, 1e-6) {
				t.Errorf("%s: element %d = %g, want %g", dev.Name(), i, got[i], want[i])
			}
		}
	}
	type bad struct{ nnforward.ReLU }
	if err := nnforward.NewSequential(bad{}).WriteNPZ(&bytes.Buffer{}, false); err == nil {
		t.Errorf("saving a layer of an unknown type: no error")
	}
}

// TestLoadErrors: archives that are not models give ErrModel.
func TestLoadErrors(t *testing.T) {
	cpu := device.MustGet("cpu-loop")
	f := tensor.On(cpu)
	scalar := func(v int64) *tensor.Array { return f.FromHost([]int64{v}, []int{}...) }
	w := f.Zeros(tensor.Float32, 2, 3)
	for name, arrays := range map[string]map[string]*tensor.Array{
		"no version":     {"layer0.relu": scalar(0)},
		"version 2":      {"nnforward.version": scalar(2), "layer0.relu": scalar(0)},
		"gap":            {"nnforward.version": scalar(1), "layer0.relu": scalar(0), "layer2.relu": scalar(0)},
		"unknown kind":   {"nnforward.version": scalar(1), "layer0.conv.weight": w},
		"unknown entry":  {"nnforward.version": scalar(1), "weights": w},
		"unknown field":  {"nnforward.version": scalar(1), "layer0.dense.weight": w, "layer0.dense.scale": w},
		"two kinds":      {"nnforward.version": scalar(1), "layer0.relu": scalar(0), "layer0.tanh": scalar(0)},
		"no weight":      {"nnforward.version": scalar(1), "layer0.dense.bias": f.Zeros(tensor.Float32, 3)},
		"bias mismatch":  {"nnforward.version": scalar(1), "layer0.dense.weight": w, "layer0.dense.bias": f.Zeros(tensor.Float32, 2)},
		"axis not 0-d":   {"nnforward.version": scalar(1), "layer0.softmax.axis": f.Zeros(tensor.Int64, 1)},
		"axis a float":   {"nnforward.version": scalar(1), "layer0.softmax.axis": f.Zeros(tensor.Float32)},
		"version a list": {"nnforward.version": f.Zeros(tensor.Int64, 2)},
	} {
		var buf bytes.Buffer
		zw := npy.NewNPZWriter(&buf, false)
		for n, a := range arrays {
			zw.Write(n, a)
		}
		zw.Close()
		z, err := npy.NewNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := nnforward.ReadModel(z, cpu); !errors.Is(err, nnforward.ErrModel) {
			t.Errorf("%s: %v, want ErrModel", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// TestSKLearnErrors: exports the importer cannot run give ErrSKLearn.
func TestSKLearnErrors(t *testing.T) {
	cpu := device.MustGet("cpu-loop")
	src, err := npy.OpenNPZ("testdata/digits_mlp_tanh.npz")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	// rewrite copies the tanh model's arrays, changed by edit, into a new
	// archive.
	rewrite := func(edit func(map[string]*tensor.Array, map[string]string)) *npy.NPZ {
		arrays, strs := map[string]*tensor.Array{}, map[string]string{}
		for _, n := range src.Names() {
			if h, _ := src.Header(n); h.DType.Valid() {
				arrays[n], _ = src.Read(n, cpu)
			} else {
				s, _, _ := src.ReadStrings(n)
				strs[n] = s[0]
			}
		}
		edit(arrays, strs)
		var buf bytes.Buffer
		zw := npy.NewNPZWriter(&buf, false)
		for n, a := range arrays {
			zw.Write(n, a)
		}
		for n, s := range strs {
			zw.WriteStrings(n, []string{s}, []int{})
		}
		zw.Close()
		b := buf.Bytes()
		z, err := npy.NewNPZ(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		return z
	}
	if _, err := nnforward.ReadSKLearnMLP(rewrite(func(map[string]*tensor.Array, map[string]string) {}), cpu, tensor.Float32); err != nil {
		t.Fatalf("the unchanged model: %v", err)
	}
	for name, edit := range map[string]func(map[string]*tensor.Array, map[string]string){
		"no activation":      func(a map[string]*tensor.Array, s map[string]string) { delete(s, "activation") },
		"unknown activation": func(a map[string]*tensor.Array, s map[string]string) { s["activation"] = "swish" },
		"no out_activation":  func(a map[string]*tensor.Array, s map[string]string) { delete(s, "out_activation") },
		"no coefs":           func(a map[string]*tensor.Array, s map[string]string) { delete(a, "coefs_0") },
		"intercepts only":    func(a map[string]*tensor.Array, s map[string]string) { delete(a, "coefs_1") },
		"shapes do not chain": func(a map[string]*tensor.Array, s map[string]string) {
			a["coefs_1"] = a["coefs_1"].Get(tensor.S(0, 5))
		},
		"no classes": func(a map[string]*tensor.Array, s map[string]string) { delete(a, "classes") },
		"classes do not match": func(a map[string]*tensor.Array, s map[string]string) {
			a["classes"] = a["classes"].Get(tensor.S(0, 9))
		},
		"multilabel": func(a map[string]*tensor.Array, s map[string]string) { s["out_activation"] = "logistic" },
		"int weights": func(a map[string]*tensor.Array, s map[string]string) {
			a["coefs_0"] = a["coefs_0"].AsType(tensor.Int32)
		},
		"2-d intercept": func(a map[string]*tensor.Array, s map[string]string) {
			a["intercepts_0"] = a["intercepts_0"].Reshape(1, -1)
		},
	} {
		if _, err := nnforward.ReadSKLearnMLP(rewrite(edit), cpu, tensor.Float32); !errors.Is(err, nnforward.ErrSKLearn) {
			t.Errorf("%s: %v, want ErrSKLearn", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if _, err := nnforward.ReadSKLearnMLP(rewrite(func(map[string]*tensor.Array, map[string]string) {}), cpu, tensor.Int32); err == nil {
		t.Errorf("importing as int32: no error")
	}
}
