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
