package tensor

import (
	"testing"

	"github.com/numgl/numgl/device"
)

// The expressions of numpy_ref.py's expr_* workloads, written as a user
// writes them, on cpu-simd at 1e7 elements (gpubench times them against
// NumPy and numexpr).
func BenchmarkExpr(b *testing.B) {
	dev := must(device.Get("cpu-simd"))
	const n = 10_000_000
	for _, dt := range []DType{Float32, Float64} {
		g := NewGenerator(1).On(dev)
		x, y, z := g.Normal(dt, 0, 1, n), g.Normal(dt, 0, 1, n), g.Normal(dt, 0, 1, n)
		isz := int64(dt.Size())
		b.Run("poly_sum/"+dt.String(), func(b *testing.B) {
			b.SetBytes(n * isz)
			for b.Loop() {
				Sum(x.Multiply(x).Add(x.Multiply(2)).Add(1)).Eval()
			}
		})
		b.Run("gauss/"+dt.String(), func(b *testing.B) {
			b.SetBytes(2 * n * isz)
			for b.Loop() {
				Exp(Negative(x).Multiply(x).Divide(2)).Eval()
			}
		})
		b.Run("where/"+dt.String(), func(b *testing.B) {
			b.SetBytes(4 * n * isz)
			for b.Loop() {
				Where(Greater(x, 0), x.Multiply(y), Negative(z)).Eval()
			}
		})
		b.Run("dist/"+dt.String(), func(b *testing.B) {
			b.SetBytes(4 * n * isz)
			for b.Loop() {
				Sqrt(x.Multiply(x).Add(y.Multiply(y)).Add(z.Multiply(z))).Eval()
			}
		})
	}
	s2 := NewGenerator(2).On(dev).Normal(Float32, 0, 1, 4096, 1024)
	b.Run("softmax/float32", func(b *testing.B) {
		b.SetBytes(2 * 4096 * 1024 * 4)
		for b.Loop() {
			e := Exp(s2.Subtract(Max(s2, Axis(1), KeepDims)))
			e.Divide(Sum(e, Axis(1), KeepDims)).Eval()
		}
	})
	s3 := NewGenerator(3).On(dev).Normal(Float32, 0, 1, 4096, 4096)
	b.Run("standardize/float32", func(b *testing.B) {
		b.SetBytes(2 * 4096 * 4096 * 4)
		for b.Loop() {
			s3.Subtract(s3.Mean(0)).Divide(s3.Std(0)).Eval()
		}
	})
}
