package cpu

import (
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// BenchmarkGemm times Sgemm and Dgemm on square matrices, with gonum's
// native Dgemm beside them; gflop/s is 2n³ over the time.
func BenchmarkGemm(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{256, 1024, 2048} {
		x32, y32, z32 := make([]float32, n*n), make([]float32, n*n), make([]float32, n*n)
		x64, y64, z64 := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
		for i := range x32 {
			x32[i], y32[i] = float32(r.Float64()), float32(r.Float64())
			x64[i], y64[i] = r.Float64(), r.Float64()
		}
		report := func(b *testing.B) {
			b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		}
		b.Run(fmt.Sprintf("sgemm/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				Sgemm(false, false, n, n, n, 1, x32, n, y32, n, 0, z32, n)
			}
			report(b)
		})
		b.Run(fmt.Sprintf("dgemm/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				Dgemm(false, false, n, n, n, 1, x64, n, y64, n, 0, z64, n)
			}
			report(b)
		})
		b.Run(fmt.Sprintf("gonum-dgemm/n=%d", n), func(b *testing.B) {
			for b.Loop() {
				gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, x64, n, y64, n, 0, z64, n)
			}
			report(b)
		})
	}
}

// BenchmarkGemmBlocking sweeps mc and kc of the running kernels at
// n = 1024 (see gemm_blocks.go).
func BenchmarkGemmBlocking(b *testing.B) {
	const n = 1024
	x32, z32 := make([]float32, n*n), make([]float32, n*n)
	x64, z64 := make([]float64, n*n), make([]float64, n*n)
	for i := range x32 {
		x32[i], x64[i] = 1, 1
	}
	for _, kc := range []int{128, 192, 256, 384, 512} {
		for _, mcPanels := range []int{4, 8, 12, 24, 36} {
			bl32, bl64 := *gemmBlocks32(), *gemmBlocks64()
			bl32.kc, bl32.mc = kc, mcPanels*bl32.mr
			bl64.kc, bl64.mc = kc, mcPanels*bl64.mr
			v32 := gemmMatrix[float32]{data: x32, rs: n, cs: 1}
			c32 := gemmMatrix[float32]{data: z32, rs: n, cs: 1}
			v64 := gemmMatrix[float64]{data: x64, rs: n, cs: 1}
			c64 := gemmMatrix[float64]{data: z64, rs: n, cs: 1}
			b.Run(fmt.Sprintf("sgemm/kc=%d/mc=%d", kc, bl32.mc), func(b *testing.B) {
				for b.Loop() {
					gemm(&bl32, n, n, n, 1, v32, v32, 0, c32, nil)
				}
				b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
			})
			b.Run(fmt.Sprintf("dgemm/kc=%d/mc=%d", kc, bl64.mc), func(b *testing.B) {
				for b.Loop() {
					gemm(&bl64, n, n, n, 1, v64, v64, 0, c64, nil)
				}
				b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
			})
		}
	}
}

// BenchmarkGemmMLP times Sgemm on the three products of the mlp_forward
// workload (a batch of 1024 through 784→512→256→10); gflop/s is 2mnk
// over the time.
func BenchmarkGemmMLP(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	const m = 1024
	for _, s := range [][2]int{{784, 512}, {512, 256}, {256, 10}} {
		k, n := s[0], s[1]
		x, y, z := make([]float32, m*k), make([]float32, k*n), make([]float32, m*n)
		for i := range x {
			x[i] = float32(r.Float64())
		}
		for i := range y {
			y[i] = float32(r.NormFloat64())
		}
		b.Run(fmt.Sprintf("m=%d/k=%d/n=%d", m, k, n), func(b *testing.B) {
			for b.Loop() {
				Sgemm(false, false, m, n, k, 1, x, k, y, n, 0, z, n)
			}
			b.ReportMetric(2*m*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		})
	}
}

// BenchmarkGemmWake times how long gemmEach takes to get its helper
// goroutine going: two items, each worker waiting (up to 10ms) until the
// other has taken one. The helper last ran idle ago: within gemmSpin it
// is still polling; past it, parked, and its CPU may have gone idle.
func BenchmarkGemmWake(b *testing.B) {
	for _, idle := range []time.Duration{0, gemmSpin / 2, 5 * gemmSpin} {
		b.Run(fmt.Sprintf("idle=%v", idle), func(b *testing.B) {
			var total time.Duration
			for b.Loop() {
				time.Sleep(idle)
				t0 := time.Now()
				var arrived atomic.Int32
				gemmEach(2, true, func(next func() int) {
					for i := next(); i >= 0; i = next() {
						arrived.Add(1)
						for t := time.Now(); arrived.Load() < 2 && time.Since(t) < 10*time.Millisecond; {
						}
					}
				})
				total += time.Since(t0)
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(b.N)/1e3, "µs/wake")
		})
	}
}
