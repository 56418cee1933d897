package cpu_test

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// BenchmarkMathOps times exp, log, sin, cos and tanh on 1e6 elements
// through the device, as a program calls them (tensor.LogInto: the
// cpu-simd device splits the work over its cores above its threshold).
// Divide ns/op by 1e6 for ns an element; NumPy's figures for the same
// inputs, from the same session:
//
//	/usr/bin/python3 -c "import numpy as np, timeit; a=np.random.rand(10**6).astype(np.float32)+0.5; print(min(timeit.repeat(lambda: np.log(a), number=20, repeat=5))/20)"
//
// Run it short, the machine is shared:
//
//	go test ./cpu -run '^$' -bench MathOps -count 3
func BenchmarkMathOps(b *testing.B) {
	const n = 1_000_000
	ops := []struct {
		name   string
		lo, hi float64
		into   func(dst *tensor.Array, a any) *tensor.Array
	}{
		{"exp", -5, 5, tensor.ExpInto},
		{"log", 0.5, 1.5, tensor.LogInto},
		{"sin", -10, 10, tensor.SinInto},
		{"cos", -10, 10, tensor.CosInto},
		{"tanh", -3, 3, tensor.TanhInto},
	}
	for _, name := range []string{"cpu-simd", "cpu-loop"} {
		dev := device.MustGet(name)
		for _, o := range ops {
			for _, dt := range []tensor.DType{tensor.Float32, tensor.Float64} {
				b.Run(fmt.Sprintf("%s/%s/%s", name, o.name, dt), func(b *testing.B) {
					a := tensor.NewGenerator(1).On(dev).Uniform(dt, o.lo, o.hi, n)
					dst := tensor.On(dev).Zeros(dt, n)
					o.into(dst, a).Sync() // fault the pages in
					for b.Loop() {
						o.into(dst, a).Sync()
					}
				})
			}
		}
	}
}
