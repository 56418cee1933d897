package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// gemmSizes are not multiples of any tile or block (and some are).
var gemmSizes = []int{1, 2, 5, 17, 63, 64, 65, 127, 257, 300}

const gemmGuard = 1234.5 // the value of the gemmGuard bands around outputs

// gemmShapes are (m, n, k) triples over gemmSizes: each size as a cube
// and with two other sizes; with -short only the smaller ones.
func gemmShapes(t *testing.T) [][3]int {
	var out [][3]int
	n := len(gemmSizes)
	for i, s := range gemmSizes {
		out = append(out, [3]int{s, s, s}, [3]int{s, gemmSizes[(i+3)%n], gemmSizes[(i+7)%n]})
	}
	if testing.Short() {
		out = out[:12]
	}
	return out
}

// blockings returns every micro-kernel this machine runs with its block
// sizes, and each again with tiny blocks, so that small matrices cross
// many block edges.
func blockings[T float32 | float64](avx2, avx512 *gemmBlocking[T]) []*gemmBlocking[T] {
	all := []*gemmBlocking[T]{avx2}
	if gemmAVX512 {
		all = append(all, avx512)
	}
	for _, b := range all[:len(all):len(all)] {
		tiny := *b
		tiny.mc, tiny.kc, tiny.nc = 2*b.mr, 7, 3*b.nr
		all = append(all, &tiny)
	}
	return all
}

// refGemm is the triple loop in float64: alpha·A·B + beta·C, and the bound
// alpha·|A|·|B| + |beta·C| the rounding error is measured against.
func refGemm[T float32 | float64](m, n, k int, alpha float64, a, b gemmMatrix[T], beta float64, c gemmMatrix[T]) (want, bound []float64) {
	want, bound = make([]float64, m*n), make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s, e float64
			for p := range k {
				x, y := float64(a.at(i, p)), float64(b.at(p, j))
				s += x * y
				e += math.Abs(x * y)
			}
			s, e = alpha*s, math.Abs(alpha)*e
			if beta != 0 {
				s += beta * float64(c.at(i, j))
				e += math.Abs(beta * float64(c.at(i, j)))
			}
			want[i*n+j], bound[i*n+j] = s, e
		}
	}
	return want, bound
}

// randView returns a rows×cols view in a fresh slice with gemmGuard bands:
// row-major, column-major (a transpose), stepped (every second row and
// column) or reversed (negative strides), by layout.
func randView[T float32 | float64](r *rand.Rand, rows, cols int, layout string) gemmMatrix[T] {
	const g = 9
	var v gemmMatrix[T]
	switch layout {
	case "rowmajor":
		v = gemmMatrix[T]{off: g, rs: cols + 3, cs: 1}
	case "colmajor":
		v = gemmMatrix[T]{off: g, rs: 1, cs: rows + 2}
	case "stepped":
		v = gemmMatrix[T]{off: g, rs: 2 * (2*cols + 1), cs: 2}
	case "reversed":
		v = gemmMatrix[T]{rs: -(cols + 1), cs: -1}
		v.off = g + (rows-1)*(cols+1) + cols - 1
	}
	last := v.off + max(0, (rows-1)*v.rs) + max(0, (cols-1)*v.cs)
	v.data = make([]T, last+1+g)
	for i := range v.data {
		v.data[i] = gemmGuard
	}
	for i := range rows {
		for j := range cols {
			v.data[v.off+i*v.rs+j*v.cs] = T(r.Float64()*2 - 1)
		}
	}
	return v
}

// checkGemm compares c with want to within the rounding bound and checks
// that every element of c.data outside the view still holds gemmGuard.
func checkGemm[T float32 | float64](t *testing.T, name string, m, n int, c gemmMatrix[T], want, bound []float64, eps float64, k int) {
	t.Helper()
	in := make(map[int]bool, m*n)
	bad := 0
	for i := range m {
		for j := range n {
			o := c.off + i*c.rs + j*c.cs
			in[o] = true
			got := float64(c.data[o])
			if d := math.Abs(got - want[i*n+j]); !(d <= 2*float64(k+2)*eps*bound[i*n+j]+1e-30) {
				if bad++; bad <= 3 {
					t.Errorf("%s: C[%d,%d] = %v, want %v", name, i, j, got, want[i*n+j])
				}
			}
		}
	}
	for o, v := range c.data {
		if !in[o] && v != gemmGuard {
			if bad++; bad <= 3 {
				t.Errorf("%s: gemmGuard at %d overwritten with %v", name, o, v)
			}
		}
	}
}

var gemmLayouts = []string{"rowmajor", "colmajor", "stepped", "reversed"}

func testGemmLayouts[T float32 | float64](t *testing.T, bls []*gemmBlocking[T], eps float64) {
	r := rand.New(rand.NewPCG(1, 2))
	for bi, bl := range bls {
		for _, s := range gemmShapes(t) {
			m, n, k := s[0], s[1], s[2]
			for li, la := range gemmLayouts {
				lb := gemmLayouts[(li+1)%4]
				lc := gemmLayouts[(li+bi)%4]
				for _, ab := range [][2]float64{{1, 0}, {-0.5, 2}} {
					name := fmt.Sprintf("kernel %d mr=%d m,n,k=%d,%d,%d A %s B %s C %s alpha,beta=%v", bi, bl.mr, m, n, k, la, lb, lc, ab)
					a, b, c := randView[T](r, m, k, la), randView[T](r, k, n, lb), randView[T](r, m, n, lc)
					if ab[1] == 0 {
						for i := range m {
							for j := range n {
								c.data[c.off+i*c.rs+j*c.cs] = T(math.NaN()) // beta 0 must not read C
							}
						}
					}
					want, bound := refGemm(m, n, k, ab[0], a, b, ab[1], c)
					gemm(bl, m, n, k, T(ab[0]), a, b, T(ab[1]), c)
					checkGemm(t, name, m, n, c, want, bound, eps, k)
				}
			}
		}
	}
}

func TestGemmLayoutsFloat32(t *testing.T) {
	testGemmLayouts(t, blockings(&gemmF32AVX2, &gemmF32AVX512), 0x1p-24)
}

func TestGemmLayoutsFloat64(t *testing.T) {
	testGemmLayouts(t, blockings(&gemmF64AVX2, &gemmF64AVX512), 0x1p-53)
}

// TestGemmBLAS checks Dgemm and Sgemm over both transposes, alpha and
// beta, with padded leading dimensions and gemmGuard bands.
func TestGemmBLAS(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, s := range gemmShapes(t) {
		m, n, k := s[0], s[1], s[2]
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				for _, ab := range [][2]float64{{1, 0}, {2.5, -1}, {0, 0.5}, {1, 1}} {
					name := fmt.Sprintf("Dgemm(%v, %v, %d, %d, %d, %v, %v)", ta, tb, m, n, k, ab[0], ab[1])
					la, lb := "rowmajor", "rowmajor"
					if ta {
						la = "colmajor"
					}
					if tb {
						lb = "colmajor"
					}
					a, b, c := randView[float64](r, m, k, la), randView[float64](r, k, n, lb), randView[float64](r, m, n, "rowmajor")
					want, bound := refGemm(m, n, k, ab[0], a, b, ab[1], c)
					lda, ldb := a.rs, b.rs
					if ta {
						lda = a.cs
					}
					if tb {
						ldb = b.cs
					}
					Dgemm(ta, tb, m, n, k, ab[0], a.data[a.off:], lda, b.data[b.off:], ldb, ab[1], c.data[c.off:], c.rs)
					checkGemm(t, name, m, n, c, want, bound, 0x1p-53, k)

					a32, b32, c32 := randView[float32](r, m, k, la), randView[float32](r, k, n, lb), randView[float32](r, m, n, "rowmajor")
					want, bound = refGemm(m, n, k, ab[0], a32, b32, ab[1], c32)
					Sgemm(ta, tb, m, n, k, float32(ab[0]), a32.data[a32.off:], lda, b32.data[b32.off:], ldb, float32(ab[1]), c32.data[c32.off:], c32.rs)
					checkGemm(t, "S"+name[1:], m, n, c32, want, bound, 0x1p-24, k)
				}
			}
		}
	}
}

// TestGemmMatMul runs cpu-simd's MatMul against cpu-loop's over batched,
// broadcast (stride 0), transposed and offset operands of every dtype.
func TestGemmMatMul(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64, dtype.Int32, dtype.Int64, dtype.Bool} {
		for _, s := range [][3]int{{1, 1, 1}, {5, 17, 63}, {65, 2, 127}, {64, 65, 0}, {33, 40, 300}} {
			m, n, k := s[0], s[1], s[2]
			for _, transA := range []bool{false, true} {
				name := fmt.Sprintf("%v m,n,k=%d,%d,%d transA=%v", dt, m, n, k, transA)
				const batch = 3
				// A: batch × m × k (or its transpose's view); B broadcast
				// over the batch (stride 0); Out: batch × m × n with an
				// offset and padded rows.
				na, nb := batch*m*k+7, k*n+5
				aBuf, _ := makeSlice(dt, na)
				bBuf, _ := makeSlice(dt, nb)
				fillRand(r, aBuf)
				fillRand(r, bBuf)
				a := device.Operand{Buf: &Buffer{dt: dt, data: aBuf}, Shape: []int{batch, m, k}, Strides: []int{m * k, k, 1}, Offset: 7}
				if transA {
					a.Strides = []int{m * k, 1, m}
				}
				b := device.Operand{Buf: &Buffer{dt: dt, data: bBuf}, Shape: []int{batch, k, n}, Strides: []int{0, n, 1}, Offset: 5}
				ldo := n + 2
				mk := func() device.Operand {
					o, _ := makeSlice(dt, 3+batch*m*ldo+4)
					return device.Operand{Buf: &Buffer{dt: dt, data: o}, Shape: []int{batch, m, n}, Strides: []int{m * ldo, ldo, 1}, Offset: 3}
				}
				want, got := mk(), mk()
				if err := matmul(&device.MatMul{A: a, B: b, Out: want}); err != nil {
					t.Fatal(err)
				}
				if err := simdDevice.matmul(&device.MatMul{A: a, B: b, Out: got}); err != nil {
					t.Fatal(err)
				}
				compareSlices(t, name, data(got), data(want), k)
			}
		}
	}
}

func fillRand(r *rand.Rand, s any) {
	switch s := s.(type) {
	case []float32:
		for i := range s {
			s[i] = float32(r.NormFloat64())
		}
	case []float64:
		for i := range s {
			s[i] = r.NormFloat64()
		}
	case []int32:
		for i := range s {
			s[i] = int32(r.IntN(200) - 100)
		}
	case []int64:
		for i := range s {
			s[i] = int64(r.IntN(200) - 100)
		}
	case []bool:
		for i := range s {
			s[i] = r.IntN(4) == 0
		}
	}
}

// compareSlices compares whole buffers (padding included, so stray writes
// show): floats to within k·eps of the magnitudes, the rest exactly.
func compareSlices(t *testing.T, name string, got, want any, k int) {
	t.Helper()
	switch g := got.(type) {
	case []float32:
		w := want.([]float32)
		for i := range g {
			if math.Abs(float64(g[i]-w[i])) > float64(k+1)*0x1p-22*(1+math.Abs(float64(w[i]))*4+float64(k)) {
				t.Fatalf("%s: [%d] = %v, want %v", name, i, g[i], w[i])
			}
		}
	case []float64:
		w := want.([]float64)
		for i := range g {
			if math.Abs(g[i]-w[i]) > float64(k+1)*0x1p-50*(1+math.Abs(w[i])+float64(k)) {
				t.Fatalf("%s: [%d] = %v, want %v", name, i, g[i], w[i])
			}
		}
	default:
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%s: got %v, want %v", name, got, want)
		}
	}
}
