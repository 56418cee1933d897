package cpu

import (
	"fmt"
	"runtime"
	"testing"
)

// allocated returns the bytes f allocates on the Go heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestGemmLongKMemory: a product with a long summed axis, (1, k) @ (k, 1),
// allocates a bounded amount (the packed slices of the blocking), far
// below its operands; the packing used to hold all of k × nr, 32 times the
// operand.
func TestGemmLongKMemory(t *testing.T) {
	const k = 1 << 22 // 16 MiB float32 operands, 32 MiB float64
	const limit = 4 << 20
	a32, b32, c32 := make([]float32, k), make([]float32, k), make([]float32, 1)
	a64, b64, c64 := make([]float64, k), make([]float64, k), make([]float64, 1)
	for i := range k {
		a32[i], b32[i] = 1, 1
		a64[i], b64[i] = 1, 0.5
	}
	if got := allocated(func() { Sgemm(false, false, 1, 1, k, 1, a32, k, b32, 1, 0, c32, 1) }); got > limit {
		t.Errorf("Sgemm (1, %d) @ (%d, 1) allocated %d bytes, want at most %d", k, k, got, limit)
	}
	if c32[0] != k {
		t.Errorf("Sgemm (1, %d) @ (%d, 1) of ones = %v", k, k, c32[0])
	}
	if got := allocated(func() { Dgemm(false, true, 1, 1, k, 1, a64, k, b64, k, 0, c64, 1) }); got > limit {
		t.Errorf("Dgemm (1, %d) @ (%d, 1) allocated %d bytes, want at most %d", k, k, got, limit)
	}
	if c64[0] != k/2 {
		t.Errorf("Dgemm (1, %d) @ (%d, 1) = %v, want %d", k, k, c64[0], k/2)
	}
}

// TestGemmLongKSlices checks products whose k spans several packed slices
// (kp = gemmKBlocks·kc) against the reference, with beta and an epilogue,
// at the running kernels' own block sizes.
func TestGemmLongKSlices(t *testing.T) {
	bl := gemmBlocks64()
	for _, s := range [][3]int{{3, 5, 2*gemmKBlocks*bl.kc + 3}, {bl.mr + 1, bl.nr + 1, gemmKBlocks*bl.kc + 1}} {
		m, n, k := s[0], s[1], s[2]
		a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for i := range a {
			a[i] = float64(i%7) - 3
		}
		for i := range b {
			b[i] = float64(i%5) - 2
		}
		for i := range c {
			c[i] = float64(i)
		}
		want := make([]float64, m*n)
		for i := range m {
			for j := range n {
				v := 0.0
				for p := range k {
					v += a[i*k+p] * b[p*n+j]
				}
				want[i*n+j] = 2*v - c[i*n+j]
			}
		}
		Dgemm(false, false, m, n, k, 2, a, k, b, n, -1, c, n)
		for i := range c {
			if c[i] != want[i] { // small integers: exact
				t.Fatalf("(%d, %d, %d): C[%d] = %v, want %v", m, n, k, i, c[i], want[i])
			}
		}
	}
}

// BenchmarkGemmLongK times products with a long summed axis, which run
// in slices of kp = gemmKBlocks·kc rows of B; gflop/s is 2mnk over the
// time.
func BenchmarkGemmLongK(b *testing.B) {
	for _, s := range [][3]int{{1, 1, 1 << 22}, {64, 64, 1 << 16}, {256, 256, 1 << 14}} {
		m, n, k := s[0], s[1], s[2]
		x, y, z := make([]float32, m*k), make([]float32, k*n), make([]float32, m*n)
		for i := range x {
			x[i] = 1
		}
		for i := range y {
			y[i] = 1
		}
		b.Run(fmt.Sprintf("sgemm/%dx%dx%d", m, n, k), func(b *testing.B) {
			for b.Loop() {
				Sgemm(false, false, m, n, k, 1, x, k, y, n, 0, z, n)
			}
			b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		})
	}
}
