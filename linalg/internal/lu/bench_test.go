package lu

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/cpu"
)

// BenchmarkFactor times Factor on standard normal matrices (a row
// interchange at nearly every step); gflop/s counts 2n³/3 flops.
func BenchmarkFactor(b *testing.B) {
	for _, n := range []int{250, 500, 1000} {
		r := rand.New(rand.NewPCG(5, 5))
		a := randomMatrix(r, n, n, n)
		lu := make([]float64, len(a))
		ipiv := make([]int, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				copy(lu, a)
				Factor(n, lu, n, ipiv)
			}
			nf := float64(n)
			b.ReportMetric(2*nf*nf*nf/3*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		})
	}
}

// BenchmarkFactorTuning sweeps the tunables at n = 1000 on numpy_ref.py's
// matrix (uniform entries plus n on the diagonal): the recursive
// factorisation alone ("recursive"), the look-ahead one over blockWidth
// and chunkWidth, and gemmMin.
func BenchmarkFactorTuning(b *testing.B) {
	const n = 1000
	r := rand.New(rand.NewPCG(5, 5))
	a := make([]float64, n*n)
	for i := range a {
		a[i] = r.Float64()
	}
	for i := range n {
		a[i*n+i] += n
	}
	lu := make([]float64, len(a))
	ipiv := make([]int, n)
	la, bw, cw, gm := lookaheadMin, blockWidth, chunkWidth, gemmMin
	defer func() { lookaheadMin, blockWidth, chunkWidth, gemmMin = la, bw, cw, gm }()
	run := func(name string) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				copy(lu, a)
				Factor(n, lu, n, ipiv)
			}
		})
	}
	lookaheadMin = 1 << 30
	run("recursive")
	lookaheadMin = la
	for _, blk := range [][2]int{{64, 256}, {96, 192}, {96, 288}, {128, 256}, {128, 384}, {160, 320}} {
		blockWidth, chunkWidth = blk[0], blk[1]
		run(fmt.Sprintf("block=%d/chunk=%d", blk[0], blk[1]))
	}
	blockWidth, chunkWidth = bw, cw
	for _, g := range []int{32, 48, 64, 96, 128} {
		gemmMin = g
		run(fmt.Sprintf("gemmMin=%d", g))
	}
}

// BenchmarkThin compares subMul with cpu.Dgemm on the thin products of
// the LU (m×n×k: the narrow panels' updates and the triangular solves'),
// the measure behind gemmMin.
func BenchmarkThin(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 5))
	big := randomMatrix(r, 1000, 1000, 1000)
	for _, s := range [][3]int{{1000, 8, 8}, {1000, 16, 16}, {1000, 32, 32}, {1000, 64, 64}, {1000, 128, 128}, {8, 500, 8}, {32, 500, 32}, {64, 500, 64}, {1000, 500, 128}} {
		m, n, k := s[0], s[1], s[2]
		c := make([]float64, m*1000)
		report := func(b *testing.B) {
			b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		}
		b.Run(fmt.Sprintf("subMul/%dx%dx%d", m, n, k), func(b *testing.B) {
			for b.Loop() {
				subMul(m, n, k, big, 1000, big[1:], 1000, c, 1000)
			}
			report(b)
		})
		b.Run(fmt.Sprintf("dgemm/%dx%dx%d", m, n, k), func(b *testing.B) {
			for b.Loop() {
				cpu.Dgemm(false, false, m, n, k, -1, big, 1000, big[1:], 1000, 1, c, 1000)
			}
			report(b)
		})
	}
}
