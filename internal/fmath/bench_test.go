package fmath

import (
	"math"
	"testing"
)

// Benchmarks of each own function against Go's math on ordinary
// arguments (the common range must stay fast): go test -bench . -run ^$

var benchSink float64

func benchInputs(lo, hi float64) []float64 {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(len(xs))
	}
	return xs
}

func bench1(b *testing.B, own, gof func(float64) float64, lo, hi float64) {
	xs := benchInputs(lo, hi)
	run := func(f func(float64) float64) func(*testing.B) {
		return func(b *testing.B) {
			s := 0.0
			for i := 0; b.Loop(); i++ {
				s += f(xs[i&1023])
			}
			benchSink = s
		}
	}
	b.Run("fmath", run(own))
	b.Run("go", run(gof))
}

func BenchmarkExp(b *testing.B)   { bench1(b, Exp, math.Exp, -700, 700) }
func BenchmarkExp2(b *testing.B)  { bench1(b, Exp2, math.Exp2, -1000, 1000) }
func BenchmarkLog(b *testing.B)   { bench1(b, Log, math.Log, 1e-3, 1e3) }
func BenchmarkLog2(b *testing.B)  { bench1(b, Log2, math.Log2, 1e-3, 1e3) }
func BenchmarkLog10(b *testing.B) { bench1(b, Log10, math.Log10, 1e-3, 1e3) }
func BenchmarkSin(b *testing.B)   { bench1(b, Sin, math.Sin, -100, 100) }
func BenchmarkCos(b *testing.B)   { bench1(b, Cos, math.Cos, -100, 100) }
func BenchmarkTan(b *testing.B)   { bench1(b, Tan, math.Tan, -100, 100) }
func BenchmarkSinHuge(b *testing.B) {
	bench1(b, Sin, math.Sin, 1e300, 1e306)
}
func BenchmarkSinh(b *testing.B)  { bench1(b, Sinh, math.Sinh, -20, 20) }
func BenchmarkCosh(b *testing.B)  { bench1(b, Cosh, math.Cosh, -20, 20) }
func BenchmarkTanh(b *testing.B)  { bench1(b, Tanh, math.Tanh, -5, 5) }
func BenchmarkAsin(b *testing.B)  { bench1(b, Asin, math.Asin, -1, 1) }
func BenchmarkAcos(b *testing.B)  { bench1(b, Acos, math.Acos, -1, 1) }
func BenchmarkAtan(b *testing.B)  { bench1(b, Atan, math.Atan, -10, 10) }
func BenchmarkAsinh(b *testing.B) { bench1(b, Asinh, math.Asinh, -100, 100) }
func BenchmarkAcosh(b *testing.B) { bench1(b, Acosh, math.Acosh, 1, 100) }
func BenchmarkAtanh(b *testing.B) { bench1(b, Atanh, math.Atanh, -0.99, 0.99) }
func BenchmarkCbrt(b *testing.B)  { bench1(b, Cbrt, math.Cbrt, -1e3, 1e3) }

func BenchmarkAtan2(b *testing.B) {
	bench1(b, func(x float64) float64 { return Atan2(x, 3.5) }, func(x float64) float64 { return math.Atan2(x, 3.5) }, -10, 10)
}

func BenchmarkHypot(b *testing.B) {
	bench1(b, func(x float64) float64 { return Hypot(x, 3.5) }, func(x float64) float64 { return math.Hypot(x, 3.5) }, -10, 10)
}
