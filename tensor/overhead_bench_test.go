package tensor

import (
	"testing"

	"github.com/numgl/numgl/device"
)

// The fixed cost of one op: a + b on 1000 float32 (numpy_ref.py's
// overhead_add), computed each call.
func BenchmarkOverheadAdd(b *testing.B) {
	for _, name := range []string{"cpu-loop", "cpu-simd"} {
		dev := must(device.Get(name))
		x := NewGenerator(1).On(dev).Uniform(Float32, 0, 1, 1000)
		y := NewGenerator(2).On(dev).Uniform(Float32, 0, 1, 1000)
		b.Run(name+"/Add", func(b *testing.B) {
			for b.Loop() {
				Add(x, y).Eval()
			}
		})
		dst := On(dev).Zeros(Float32, 1000)
		b.Run(name+"/AddInto", func(b *testing.B) {
			for b.Loop() {
				AddInto(dst, x, y)
			}
		})
	}
}

// The parts of one small op's fixed cost on cpu-simd.
func BenchmarkOverheadParts(b *testing.B) {
	dev := must(device.Get("cpu-simd"))
	x := NewGenerator(1).On(dev).Uniform(Float32, 0, 1, 1000)
	y := NewGenerator(2).On(dev).Uniform(Float32, 0, 1, 1000)
	b.Run("lazy", func(b *testing.B) {
		for b.Loop() {
			Add(x, y)
		}
	})
	b.Run("alloc", func(b *testing.B) {
		for b.Loop() {
			dev.Alloc(Float32, 1000)
		}
	})
}

// The caller's cost of one small op on the GPU: Add(a, b).Eval()
// enqueues the kernel without waiting (the GL thread runs it later); the
// timer stops while the device drains every 256 calls, so the queue never
// fills and makes the caller wait.
func BenchmarkGPUEnqueue(b *testing.B) {
	dev, err := device.Get("gpu")
	if err != nil {
		b.Skip("no GPU:", err)
	}
	x := NewGenerator(1).On(dev).Uniform(Float32, 0, 1, 1000)
	y := NewGenerator(2).On(dev).Uniform(Float32, 0, 1, 1000)
	dst := On(dev).Zeros(Float32, 1000)
	Add(x, y).Sync()
	for _, c := range []struct {
		name string
		op   func()
	}{{"Add", func() { Add(x, y).Eval() }}, {"AddInto", func() { AddInto(dst, x, y) }}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				c.op()
				if i++; i%256 == 0 {
					b.StopTimer()
					dst.Sync()
					b.StartTimer()
				}
			}
			b.StopTimer()
			dst.Sync()
		})
	}
}
