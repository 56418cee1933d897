package cpu

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkSplitThreshold measures where splitting a kernel over the
// workers starts to pay (see the thresholds in simd_parallel.go): each
// kind of kernel over n elements, run whole ("whole") and split in
// workers() parts by parallel ("split"), back to back ("hot") and after
// sleeping 200µs with the timer stopped ("cold"), so that the other
// workers' CPUs go idle as they do between the operations of a real
// program: waking an idle vCPU costs 10-30µs on the VM this was tuned on,
// against 0.6µs back to back. Run it with a fixed count:
//
//	go test ./cpu -run '^$' -bench SplitThreshold -benchtime 200x -count 5
func BenchmarkSplitThreshold(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const max = 1 << 24
	x, y, dst := make([]float32, max), make([]float32, max), make([]float32, max)
	for i := range x {
		x[i], y[i] = rng.Float32(), rng.Float32()
	}
	blocks := make([]float64, max/sumBlock)
	kinds := []struct {
		name string
		run  func(lo, hi int)
	}{
		{"add", func(lo, hi int) { addVVF32(dst[lo:hi], x[lo:hi], y[lo:hi]) }},
		{"exp", func(lo, hi int) { expF32(dst[lo:hi], x[lo:hi]) }},
		{"sum", func(lo, hi int) {
			sumBlocksF32(blocks[lo/sumBlock:(hi+sumBlock-1)/sumBlock], x[lo:hi])
		}},
	}
	for _, k := range kinds {
		for n := 1 << 14; n <= max; n *= 4 {
			for _, mode := range []string{"hot/whole", "hot/split", "cold/whole", "cold/split"} {
				b.Run(fmt.Sprintf("%s/n=%d/%s", k.name, n, mode), func(b *testing.B) {
					for b.Loop() {
						if mode[:4] == "cold" {
							b.StopTimer()
							time.Sleep(200 * time.Microsecond)
							b.StartTimer()
						}
						if mode[len(mode)-5:] == "whole" {
							k.run(0, n)
						} else {
							parallel(n/sumBlock, 1, func(lo, hi int) { k.run(lo*sumBlock, hi*sumBlock) })
						}
					}
				})
			}
		}
	}
}

// BenchmarkScalarAfterSIMD times a plain scalar float64 loop (Go compiles
// it to SSE instructions) alone and right after a vector kernel call. A
// kernel that left the upper halves of the YMM registers dirty would slow
// the SSE code (by about 4× on this machine, the issue reports); every
// kernel ends with VZEROUPPER, so both columns should match.
func BenchmarkScalarAfterSIMD(b *testing.B) {
	v := make([]float64, 4096)
	for i := range v {
		v[i] = float64(i%7) * 0.25
	}
	x, dst := make([]float32, 64), make([]float32, 64)
	scalar := func() float64 {
		s, p := 0.0, 1.0
		for _, e := range v {
			s += e * p
			p = p*0.999 + 1e-3
		}
		return s
	}
	var sink float64
	b.Run("alone", func(b *testing.B) {
		for b.Loop() {
			sink += scalar()
		}
	})
	for _, k := range []struct {
		name string
		f    func()
	}{
		{"after-add", func() { addVVF32(dst, x, x) }},
		{"after-exp", func() { expF32(dst, x) }},
		{"after-sum", func() { sumBlocksF32(make([]float64, 1), x) }},
		{"after-compress", func() { compressF32(dst[:0], x, make([]bool, 64)) }},
	} {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				k.f()
				sink += scalar()
			}
		})
	}
	_ = sink
}

// BenchmarkTransposeTile times the blocked transpose of 4096×4096 float32
// with the tile sides around transposeTile (one goroutine).
func BenchmarkTransposeTile(b *testing.B) {
	const m = 4096
	src, dst := make([]float32, m*m), make([]float32, m*m)
	for i := range src {
		src[i], dst[i] = float32(i), 1 // fault the pages in first
	}
	run := transposer(dst, src, transposeF32, 8)
	for _, tile := range []int{32, 128, 256, 512, 1024, 2048} {
		b.Run(fmt.Sprint(tile), func(b *testing.B) {
			b.SetBytes(8 * m * m)
			for b.Loop() {
				for i0 := 0; i0 < m; i0 += tile {
					for j0 := 0; j0 < m; j0 += tile {
						run(i0*m+j0, i0+j0*m, tile, tile, m, m)
					}
				}
			}
		})
	}
}
