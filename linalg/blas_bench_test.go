package linalg_test

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

// BenchmarkSolve times linalg.Solve on an n×n float64 system with one
// right-hand side: numpy_ref.py's matrix (uniform entries plus n on the
// diagonal, which needs no row interchanges) and a standard normal one
// (which needs one at nearly every step). gflop/s counts 2n³/3 flops, as
// numpy_ref.py does.
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{500, 1000} {
		g := tensor.NewGenerator(1)
		numpy := tensor.Add(g.Uniform(tensor.Float64, 0, 1, n, n), tensor.Eye(tensor.Float64, n, n, 0).Multiply(float64(n)))
		normal := g.Normal(tensor.Float64, 0, 1, n, n)
		rhs := g.Uniform(tensor.Float64, 0, 1, n)
		bench(b, fmt.Sprintf("numpy/n=%d", n), n, numpy, rhs)
		bench(b, fmt.Sprintf("normal/n=%d", n), n, normal, rhs)
	}
}

// bench runs one of BenchmarkSolve's cases.
func bench(b *testing.B, name string, n int, a, rhs *tensor.Array) {
	b.Run(name, func(b *testing.B) {
		for b.Loop() {
			if _, err := linalg.Solve(a, rhs); err != nil {
				b.Fatal(err)
			}
		}
		nf := float64(n)
		b.ReportMetric((2*nf*nf*nf/3)*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
	})
}
