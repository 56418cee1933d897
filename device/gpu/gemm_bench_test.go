//go:build cgo && !nogpu

package gpu_test

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// BenchmarkGemm times n×n products on the GPU with the tile in use
// (calibrated, or the default), into a preallocated output ("into") and
// into a fresh one each time ("alloc"), and reports GFLOP/s from the wall
// clock after Sync and from GL timestamp queries (kernel-GFLOP/s).
func BenchmarkGemm(b *testing.B) {
	d := openGPU(b)
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
		for _, n := range []int{1024, 2048, 4096} {
			if testing.Short() && n > 1024 {
				continue
			}
			x := tensor.On(d).Arange(dt, 0, float64(n*n), 1).Reshape(n, n).Multiply(1.0 / float64(n*n))
			y := x.T().Copy()
			out := tensor.On(d).Zeros(dt, n, n)
			for _, mode := range []string{"into", "alloc"} {
				b.Run(fmt.Sprintf("%v/n=%d/%s", dt, n, mode), func(b *testing.B) {
					run := func() {
						if mode == "into" {
							tensor.MatMulInto(out, x, y)
						} else {
							tensor.MatMul(x, y)
						}
					}
					run()
					d.Sync()
					var kernel float64
					b.ResetTimer()
					for range b.N {
						timer, err := d.StartTimer()
						if err != nil {
							b.Fatal(err)
						}
						run()
						dur, err := timer.Stop()
						if err != nil {
							b.Fatal(err)
						}
						kernel += dur.Seconds()
					}
					flops := 2 * float64(n) * float64(n) * float64(n) * float64(b.N)
					b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
					b.ReportMetric(flops/kernel/1e9, "kernel-GFLOP/s")
				})
			}
		}
	}
}
