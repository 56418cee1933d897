package tensor

import (
	"runtime"
	"testing"

	"github.com/numgl/numgl/device"
)

// TestMatMulLongKMemory: (1, k) @ (k, 1) with k = 2^22 (16 MiB float32
// operands) allocates far less than its operands on the CPU devices:
// cpu-simd's GEMM packs k one bounded slice at a time.
func TestMatMulLongKMemory(t *testing.T) {
	const k = 1 << 22
	for _, name := range []string{"cpu-simd", "cpu-loop"} {
		dev, err := device.Get(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f := On(dev)
		a, b := f.Ones(Float32, 1, k), f.Ones(Float32, k, 1)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := MatMul(a, b).Float(0, 0)
		runtime.ReadMemStats(&after)
		if got != k {
			t.Errorf("%s: (1, %d) @ (%d, 1) of ones = %v", name, k, k, got)
		}
		if extra := after.TotalAlloc - before.TotalAlloc; extra > 4<<20 {
			t.Errorf("%s: (1, %d) @ (%d, 1) allocated %d bytes, want at most 4 MiB", name, k, k, extra)
		}
	}
}
