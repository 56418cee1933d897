package tensor

import (
	"fmt"
	"testing"
)

// Benchmarks of the array core on the default device. Sizes follow the
// standard workloads of shared/anchors/numpy_ref.py where one exists
// (transpose_copy, mask_select); compare with NumPy only in the same run.

func BenchmarkCopyContiguous(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 20} {
		a := NewGenerator(1).Uniform(Float32, 0, 1, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				a.Copy()
			}
		})
	}
}

func BenchmarkTransposeCopy(b *testing.B) {
	a := NewGenerator(1).Uniform(Float32, 0, 1, 2048, 2048)
	b.SetBytes(8 * 2048 * 2048)
	for b.Loop() {
		a.T().Copy()
	}
}

func BenchmarkReversedStridedCopy(b *testing.B) {
	a := NewGenerator(1).Uniform(Float64, 0, 1, 1000, 1000)
	v := a.Get(Colon.Step(-1), Colon.Step(2))
	b.SetBytes(int64(16 * v.Size()))
	for b.Loop() {
		v.Copy()
	}
}

func BenchmarkFancyGather(b *testing.B) {
	a := NewGenerator(1).Uniform(Float32, 0, 1, 1000, 1000)
	idx := NewGenerator(2).Integers(Int64, 0, 1000, 1000)
	for b.Loop() {
		a.Get(idx, Colon)
	}
}

func BenchmarkMaskSelect(b *testing.B) {
	a := NewGenerator(1).Uniform(Float32, 0, 1, 1<<20)
	mask := NewGenerator(2).Integers(Int32, 0, 2, 1<<20).AsType(Bool)
	b.SetBytes(5 << 20)
	for b.Loop() {
		a.Get(mask)
	}
}

func BenchmarkBasicIndexView(b *testing.B) {
	a := Zeros(Float64, 10, 20, 30)
	for b.Loop() {
		a.Get(1, S(2, 18).Step(3), NewAxis, Colon.Step(-1))
	}
}

// Ufuncs and reductions at the element counts of numpy_ref.py's workloads
// scaled to 1e6 (the cpu-loop device is the reference, not the fast path).
// Results are lazy: each is computed (Eval) inside the loop.

func BenchmarkAddFloat32(b *testing.B) {
	x := NewGenerator(1).Uniform(Float32, 0, 1, 1_000_000)
	y := NewGenerator(2).Uniform(Float32, 0, 1, 1_000_000)
	dst := Zeros(Float32, 1_000_000)
	b.SetBytes(12 * 1_000_000)
	for b.Loop() {
		AddInto(dst, x, y)
	}
}

func BenchmarkExpFloat32(b *testing.B) {
	x := NewGenerator(1).Uniform(Float32, -5, 5, 1_000_000)
	b.SetBytes(8 * 1_000_000)
	for b.Loop() {
		x.Exp().Eval()
	}
}

func BenchmarkBroadcastAddRow(b *testing.B) {
	x := NewGenerator(1).Uniform(Float32, 0, 1, 1000, 1000)
	row := NewGenerator(2).Uniform(Float32, 0, 1, 1000)
	for b.Loop() {
		Add(x, row).Eval()
	}
}

func BenchmarkSumFloat32(b *testing.B) {
	x := NewGenerator(1).Uniform(Float32, 0, 1, 1_000_000)
	b.SetBytes(4 * 1_000_000)
	for b.Loop() {
		x.Sum().Eval()
	}
}

func BenchmarkSumAxis0Float32(b *testing.B) {
	x := NewGenerator(1).Uniform(Float32, 0, 1, 1000, 1000)
	b.SetBytes(4 * 1_000_000)
	for b.Loop() {
		x.Sum(0).Eval()
	}
}

func BenchmarkArgMaxFloat64(b *testing.B) {
	x := NewGenerator(1).Uniform(Float64, 0, 1, 1_000_000)
	b.SetBytes(8 * 1_000_000)
	for b.Loop() {
		x.ArgMax().Eval()
	}
}
