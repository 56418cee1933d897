package lu

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// forEachKernel runs f with the assembly kernels, where this build and
// processor have them, and with the Go ones.
func forEachKernel(t *testing.T, f func(t *testing.T)) {
	saved := useAVX2
	defer func() { useAVX2 = saved }()
	for _, asm := range []bool{true, false} {
		if asm && !saved {
			continue
		}
		useAVX2 = asm
		name := "go"
		if asm {
			name = "avx2"
		}
		t.Run(name, f)
	}
}

// TestSubMul checks subMul against the plain triple loop over shapes that
// are and are not multiples of the kernels' 4×8 blocks (large enough, at
// k = 64, to split over goroutines), with padded row strides whose
// padding must stay untouched.
func TestSubMul(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(6, 6))
		for _, m := range []int{1, 3, 4, 5, 9, 64, 301} {
			for _, n := range []int{1, 7, 8, 9, 16, 23, 64} {
				for _, k := range []int{1, 2, 3, 8, 33, 64} {
					if m*n*k > 1<<21 {
						continue
					}
					lda, ldb, ldc := k+1, n+2, n+3
					a, b, c := randomMatrix(r, m, k, lda), randomMatrix(r, k, n, ldb), randomMatrix(r, m, n, ldc)
					want := slices.Clone(c)
					for i := range m {
						for j := range n {
							s := want[i*ldc+j]
							for p := range k {
								s -= a[i*lda+p] * b[p*ldb+j]
							}
							want[i*ldc+j] = s
						}
					}
					subMul(m, n, k, a, lda, b, ldb, c, ldc)
					for i := range c {
						if i%ldc >= n {
							if !math.IsNaN(c[i]) {
								t.Fatalf("m,n,k=%d,%d,%d: padding c[%d] written", m, n, k, i)
							}
							continue
						}
						if math.Abs(c[i]-want[i]) > 1e-14*float64(k)*(1+math.Abs(want[i])) {
							t.Fatalf("m,n,k=%d,%d,%d: c[%d] = %v, want %v", m, n, k, i, c[i], want[i])
						}
					}
				}
			}
		}
	})
}

// TestLeafPass checks leafPass against leafPassGo, the plain loop, for
// every column step of an 8-column panel and a narrower one.
func TestLeafPass(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(8, 8))
		for _, w := range []int{8, 5} {
			for _, rows := range []int{1, 2, 37} {
				for j := range w {
					for _, next := range []bool{true, false} {
						if next && j+1 == w {
							continue
						}
						lda := w + 3
						a := randomMatrix(r, rows, w, lda)
						u := randomMatrix(r, 1, w, w)
						piv := 0.5 + r.Float64()
						want := slices.Clone(a)
						wi := leafPassGo(rows, w, want, lda, j, piv, u, next)
						gi := leafPass(rows, w, a, lda, j, piv, u, next)
						if gi != wi {
							t.Errorf("w=%d rows=%d j=%d next=%v: pivot row %d, want %d", w, rows, j, next, gi, wi)
						}
						for i := range a {
							if math.IsNaN(want[i]) != math.IsNaN(a[i]) || math.Abs(a[i]-want[i]) > 1e-15*(1+math.Abs(want[i])) {
								t.Fatalf("w=%d rows=%d j=%d: a[%d] = %v, want %v", w, rows, j, i, a[i], want[i])
							}
						}
					}
				}
			}
		}
	})
}

// TestDot checks dot against a sum in order over lengths around its
// steps of 16 and 4.
func TestDot(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 7))
		for n := range 70 {
			x, y := randomMatrix(r, 1, n, n), randomMatrix(r, 1, n+1, n+1)
			var want, mag float64
			for i := range n {
				want += x[i] * y[i]
				mag += math.Abs(x[i] * y[i])
			}
			if got := dot(x, y); math.Abs(got-want) > 1e-15*float64(n)*mag {
				t.Errorf("n=%d: dot = %v, want %v", n, got, want)
			}
		}
	})
}
