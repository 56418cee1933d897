package cpu_test

import (
	"runtime"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// The standard workloads of shared/anchors/numpy_ref.py at its sizes (1e7
// elements, 4096×4096 float32), on cpu-simd and cpu-loop. Each has a
// destination form ("into": the result written into an array allocated
// once, as NumPy's out=) and, where the API allocates, the allocating
// form ("alloc": a fresh, zeroed result per call, as NumPy's a + b).
// Compare with NumPy only in the same session:
//
//	go test ./cpu -run '^$' -bench Workload -count 5
//	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 ../shared/anchors/numpy_ref.py

const (
	bigN = 10_000_000
	bigM = 4096
)

type workload struct {
	name  string
	dts   []tensor.DType
	forms func(dev device.Device, dt tensor.DType) map[string]func()
}

var workloads = []workload{
	{"add", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, b, dst := vec(dev, dt, 1), vec(dev, dt, 2), tensor.On(dev).Zeros(dt, bigN)
		return map[string]func(){
			"into":  func() { tensor.AddInto(dst, a, b) },
			"alloc": func() { tensor.Add(a, b) },
		}
	}},
	{"mul", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, b, dst := vec(dev, dt, 1), vec(dev, dt, 2), tensor.On(dev).Zeros(dt, bigN)
		return map[string]func(){
			"into":  func() { tensor.MultiplyInto(dst, a, b) },
			"alloc": func() { tensor.Multiply(a, b) },
		}
	}},
	{"fma", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, b, c := vec(dev, dt, 1), vec(dev, dt, 2), vec(dev, dt, 3)
		t, dst := tensor.On(dev).Zeros(dt, bigN), tensor.On(dev).Zeros(dt, bigN)
		return map[string]func(){
			"into":  func() { tensor.AddInto(dst, tensor.MultiplyInto(t, a, b), c) },
			"alloc": func() { tensor.Add(tensor.Multiply(a, b), c) },
		}
	}},
	{"relu", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, dst := vec(dev, dt, 1), tensor.On(dev).Zeros(dt, bigN)
		return map[string]func(){
			"into":  func() { tensor.MaximumInto(dst, a, 0) },
			"alloc": func() { tensor.Maximum(a, 0) },
		}
	}},
	{"exp", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, dst := vec(dev, dt, 1), tensor.On(dev).Zeros(dt, bigN)
		return map[string]func(){
			"into":  func() { tensor.ExpInto(dst, a) },
			"alloc": func() { tensor.Exp(a) },
		}
	}},
	{"sum", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a := vec(dev, dt, 1)
		return map[string]func(){"into": func() { tensor.Sum(a) }}
	}},
	{"argmax", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a := vec(dev, dt, 1)
		return map[string]func(){"into": func() { tensor.ArgMax(a) }}
	}},
	{"mask_select", both, func(dev device.Device, dt tensor.DType) map[string]func() {
		a, m := vec(dev, dt, 1), tensor.On(dev).Zeros(tensor.Bool, bigN)
		dst := tensor.On(dev).Zeros(dt, bigN)
		op := func(x *tensor.Array, n int) device.Operand {
			return device.Operand{Buf: x.Buffer(), Shape: []int{n}, Strides: []int{1}}
		}
		return map[string]func(){
			"into":  func() { a.Get(tensor.GreaterInto(m, a, 0.5)) },
			"alloc": func() { a.Get(tensor.Greater(a, 0.5)) },
			// The same requests with the result's storage allocated
			// once: what a[mask] costs without a fresh result.
			"kernels": func() {
				tensor.GreaterInto(m, a, 0.5)
				n := int(tensor.Sum(m).Item().(int64))
				if err := dev.Run(&device.Compress{Dst: op(dst, n), Src: op(a, bigN), Mask: op(m, bigN)}); err != nil {
					panic(err)
				}
			},
		}
	}},
	{"broadcast_add_row", f32, func(dev device.Device, dt tensor.DType) map[string]func() {
		x, row, dst := mat(dev, 1), tensor.NewGenerator(2).On(dev).Uniform(dt, 0, 1, bigM), tensor.On(dev).Zeros(dt, bigM, bigM)
		return map[string]func(){
			"into":  func() { tensor.AddInto(dst, x, row) },
			"alloc": func() { tensor.Add(x, row) },
		}
	}},
	{"broadcast_add_col", f32, func(dev device.Device, dt tensor.DType) map[string]func() {
		x, col, dst := mat(dev, 1), tensor.NewGenerator(2).On(dev).Uniform(dt, 0, 1, bigM, 1), tensor.On(dev).Zeros(dt, bigM, bigM)
		return map[string]func(){
			"into":  func() { tensor.AddInto(dst, x, col) },
			"alloc": func() { tensor.Add(x, col) },
		}
	}},
	{"sum_axis0", f32, func(dev device.Device, dt tensor.DType) map[string]func() {
		x := mat(dev, 1)
		return map[string]func(){"into": func() { tensor.Sum(x, tensor.Axis(0)) }}
	}},
	{"sum_axis1", f32, func(dev device.Device, dt tensor.DType) map[string]func() {
		x := mat(dev, 1)
		return map[string]func(){"into": func() { tensor.Sum(x, tensor.Axis(1)) }}
	}},
	{"transpose_copy", f32, func(dev device.Device, dt tensor.DType) map[string]func() {
		x, dst := mat(dev, 1), tensor.On(dev).Zeros(dt, bigM, bigM)
		return map[string]func(){
			"into":  func() { dst.Set(x.T()) },
			"alloc": func() { x.T().Copy() },
		}
	}},
}

var (
	both = []tensor.DType{tensor.Float32, tensor.Float64}
	f32  = []tensor.DType{tensor.Float32}
)

func vec(dev device.Device, dt tensor.DType, seed uint64) *tensor.Array {
	return tensor.NewGenerator(seed).On(dev).Uniform(dt, 0, 1, bigN)
}

func mat(dev device.Device, seed uint64) *tensor.Array {
	return tensor.NewGenerator(seed).On(dev).Uniform(tensor.Float32, 0, 1, bigM, bigM)
}

// BenchmarkWorkload: name/dtype/device/form. cpu-loop runs only the
// destination forms (its allocation costs the same as cpu-simd's).
func BenchmarkWorkload(b *testing.B) {
	for _, w := range workloads {
		b.Run(w.name, func(b *testing.B) {
			for _, dt := range w.dts {
				b.Run(dt.String(), func(b *testing.B) {
					for _, name := range []string{"cpu-simd", "cpu-loop"} {
						b.Run(name, func(b *testing.B) {
							forms := w.forms(device.MustGet(name), dt)
							for _, form := range []string{"into", "alloc", "kernels"} {
								f := forms[form]
								if f == nil || (name == "cpu-loop" && form == "alloc") {
									continue
								}
								b.Run(form, func(b *testing.B) {
									// One call first: a fresh destination is
									// faulted in page by page on its first
									// write (4 KiB pages cost ~28µs each in
									// this VM). Then start with no garbage: a
									// GC cycle left running from the set-up
									// would take a core and memory bandwidth.
									f()
									runtime.GC()
									for b.Loop() {
										f()
									}
								})
							}
						})
					}
				})
			}
		})
	}
}
