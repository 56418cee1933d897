package linalg_test

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

// BenchmarkSolve times linalg.Solve on an n×n float64 system with one
// right-hand side (gonum's LU, its updates on numgl's Dgemm); gflop/s
// counts 2n³/3 flops, as numpy_ref.py does.
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{500, 1000} {
		g := tensor.NewGenerator(1)
		a := g.Normal(tensor.Float64, 0, 1, n, n)
		rhs := g.Normal(tensor.Float64, 0, 1, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := linalg.Solve(a, rhs); err != nil {
					b.Fatal(err)
				}
			}
			nf := float64(n)
			b.ReportMetric((2*nf*nf*nf/3)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		})
	}
}
