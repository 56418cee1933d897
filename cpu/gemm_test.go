package cpu

import (
	"fmt"
	"github.com/numgl/numgl/ufunc"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
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
			got, w := float64(c.data[o]), want[i*n+j]
			ok := math.Abs(got-w) <= 2*float64(k+2)*eps*bound[i*n+j]+1e-30
			if math.IsNaN(w) || w == 0 {
				// NaN stays NaN; an exact zero (a ReLU's) has its sign.
				ok = math.IsNaN(w) == math.IsNaN(got) && (w != 0 || got == 0 && math.Signbit(got) == math.Signbit(w))
			}
			if !ok {
				if bad++; bad <= 3 {
					t.Errorf("%s: C[%d,%d] = %v, want %v", name, i, j, got, w)
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
					gemm(bl, m, n, k, T(ab[0]), a, b, T(ab[1]), c, nil)
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

// gemmBiasKinds are the layouts of a bias over C: none, one row
// broadcast over the rows (a layer's bias), one column, a full matrix, a
// scalar.
var gemmBiasKinds = []string{"none", "row", "column", "full", "scalar"}

// randBias returns the m×n bias view of the given kind (a gemmMatrix with
// zero strides on broadcast axes) in a guard-banded slice, and whether
// there is one.
func randBias[T float32 | float64](r *rand.Rand, m, n int, kind string) (gemmMatrix[T], bool) {
	const g = 5
	band := func(n int) []T {
		s := make([]T, n+2*g)
		for i := range s {
			s[i] = gemmGuard
		}
		for i := range n {
			s[g+i] = T(r.Float64()*2 - 1)
		}
		return s
	}
	switch kind {
	case "row":
		return gemmMatrix[T]{data: band(n), off: g, rs: 0, cs: 1}, true
	case "column":
		return gemmMatrix[T]{data: band(m), off: g, rs: 1, cs: 0}, true
	case "scalar":
		return gemmMatrix[T]{data: band(1), off: g}, true
	case "full":
		return randView[T](r, m, n, "reversed"), true
	}
	return gemmMatrix[T]{}, false
}

// refEpilogue applies the epilogue to refGemm's results: want = act(want
// + bias), the bound growing by |bias|.
func refEpilogue[T float32 | float64](m, n int, want, bound []float64, ep *gemmEpilogue[T]) {
	for i := range m {
		for j := range n {
			w := want[i*n+j]
			if ep.hasBias {
				b := float64(ep.bias.at(i, j))
				w += b
				bound[i*n+j] += math.Abs(b)
			}
			if ep.relu {
				w = ufunc.MaximumOf(w, 0)
			}
			want[i*n+j] = w
		}
	}
}

// testGemmEpilogue checks the epilogue (each bias layout, ReLU or none)
// over the layouts and sizes of testGemmLayouts: the row bias with ReLU
// (a layer's, fused into the micro-kernels) everywhere, and the others in
// turn.
func testGemmEpilogue[T float32 | float64](t *testing.T, bls []*gemmBlocking[T], eps float64) {
	r := rand.New(rand.NewPCG(7, 8))
	turn := 0
	for bi, bl := range bls {
		for _, s := range gemmShapes(t) {
			m, n, k := s[0], s[1], s[2]
			for li, la := range gemmLayouts {
				lb, lc := gemmLayouts[(li+1)%4], gemmLayouts[(li+bi)%4]
				other := gemmBiasKinds[turn%len(gemmBiasKinds)]
				turn++
				for _, ek := range []struct {
					bias string
					relu bool
					ab   [2]float64
				}{{"row", true, [2]float64{1, 0}}, {other, turn/5%2 == 1, [2]float64{-0.5, 2}}} {
					name := fmt.Sprintf("kernel %d mr=%d m,n,k=%d,%d,%d A %s B %s C %s bias %s relu %v alpha,beta=%v", bi, bl.mr, m, n, k, la, lb, lc, ek.bias, ek.relu, ek.ab)
					a, b, c := randView[T](r, m, k, la), randView[T](r, k, n, lb), randView[T](r, m, n, lc)
					bias, has := randBias[T](r, m, n, ek.bias)
					ep := &gemmEpilogue[T]{hasBias: has, bias: bias, relu: ek.relu}
					want, bound := refGemm(m, n, k, ek.ab[0], a, b, ek.ab[1], c)
					refEpilogue(m, n, want, bound, ep)
					gemm(bl, m, n, k, T(ek.ab[0]), a, b, T(ek.ab[1]), c, ep)
					checkGemm(t, name, m, n, c, want, bound, eps, k)
					if has {
						for o, v := range bias.data {
							if (o < 5 || o >= len(bias.data)-5) && ek.bias != "full" && v != gemmGuard {
								t.Fatalf("%s: the bias was written", name)
							}
						}
					}
				}
			}
		}
	}
}

func TestGemmEpilogueFloat32(t *testing.T) {
	testGemmEpilogue(t, blockings(&gemmF32AVX2, &gemmF32AVX512), 0x1p-24)
}

func TestGemmEpilogueFloat64(t *testing.T) {
	testGemmEpilogue(t, blockings(&gemmF64AVX2, &gemmF64AVX512), 0x1p-53)
}

// TestGemmReLUSpecials pins ReLU's NumPy semantics in every path of the
// epilogue (the micro-kernels' registers, edge tiles, a bias added after
// the kernel): maximum(NaN, 0) is NaN, maximum(-0, 0) is +0. Rows of A
// that are NaN or zero, with alpha = -1, make NaN and -0 products.
func TestGemmReLUSpecials(t *testing.T) {
	testReLUSpecials(t, blockings(&gemmF32AVX2, &gemmF32AVX512))
	testReLUSpecials(t, blockings(&gemmF64AVX2, &gemmF64AVX512))
}

func testReLUSpecials[T float32 | float64](t *testing.T, bls []*gemmBlocking[T]) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, bl := range bls {
		m, n, k := 2*bl.mr+3, 2*bl.nr+5, 9
		for _, kind := range []string{"none", "row", "full"} {
			a, b, c := randView[T](r, m, k, "rowmajor"), randView[T](r, k, n, "rowmajor"), randView[T](r, m, n, "rowmajor")
			for i := 0; i < m; i += 3 {
				for p := range k {
					v := T(0)
					if i%2 == 1 {
						v = T(math.NaN())
					}
					a.data[a.off+i*a.rs+p] = v
				}
			}
			bias, has := randBias[T](r, m, n, kind)
			if has {
				for j := 0; j < n; j += 2 {
					for i := range m {
						bias.data[bias.off+i*bias.rs+j*bias.cs] = T(math.Copysign(0, -1))
					}
				}
			}
			ep := &gemmEpilogue[T]{hasBias: has, bias: bias, relu: true}
			want, bound := refGemm(m, n, k, -1, a, b, 0, c)
			refEpilogue(m, n, want, bound, ep)
			gemm(bl, m, n, k, -1, a, b, 0, c, ep)
			checkGemm(t, fmt.Sprintf("%T mr=%d bias %s", T(0), bl.mr, kind), m, n, c, want, bound, 0x1p-20, k)
		}
	}
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

// TestPackT checks the transposing pack (the assembly packers where the
// CPU has them) against its definition, over row counts and panel widths
// that are not multiples of the packers' blocks, with gemmGuard bands.
func TestPackT(t *testing.T) {
	testPackT[float32](t)
	testPackT[float64](t)
}

func testPackT[T float32 | float64](t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, w := range []int{4, 6, 8, 14, 16, 32} {
		for rows := 1; rows <= w; rows++ {
			for _, kc := range []int{1, 7, 8, 9, 31, 64, 67} {
				ld := kc + r.IntN(5)
				const off = 3
				src := make([]T, off+rows*ld+3)
				for i := range src {
					src[i] = T(r.NormFloat64())
				}
				got := make([]T, kc*w+2*gemmGuardLen)
				for i := range got {
					got[i] = gemmGuard
				}
				want := slices.Clone(got)
				for i := range rows {
					for p := range kc {
						want[gemmGuardLen+p*w+i] = src[off+i*ld+p]
					}
				}
				packT(got[gemmGuardLen:gemmGuardLen+kc*w], src, off, ld, rows, kc, w)
				if !slices.Equal(got, want) {
					t.Fatalf("%T w=%d rows=%d kc=%d ld=%d: got %v, want %v", T(0), w, rows, kc, ld, got, want)
				}
			}
		}
	}
}

const gemmGuardLen = 5

// TestPackRows checks the row-copying packs against their definition,
// with gemmGuard bands around the destination.
func TestPackRows(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, width := range []int{8, 16, 32, 48} {
		for _, kc := range []int{1, 2, 7, 64} {
			ld := width + r.IntN(9)
			src32 := make([]float32, (kc-1)*ld+width)
			src64 := make([]float64, len(src32))
			for i := range src32 {
				src32[i], src64[i] = float32(r.NormFloat64()), r.NormFloat64()
			}
			got32, got64 := make([]float32, kc*width+2*gemmGuardLen), make([]float64, kc*width+2*gemmGuardLen)
			for i := range got32 {
				got32[i], got64[i] = gemmGuard, gemmGuard
			}
			want32, want64 := slices.Clone(got32), slices.Clone(got64)
			for p := range kc {
				copy(want32[gemmGuardLen+p*width:], src32[p*ld:p*ld+width])
				copy(want64[gemmGuardLen+p*width:], src64[p*ld:p*ld+width])
			}
			gemmPackRowsF32(got32[gemmGuardLen:gemmGuardLen+kc*width], src32, ld, kc, width)
			gemmPackRowsF64(got64[gemmGuardLen:gemmGuardLen+kc*width], src64, ld, kc, width)
			if !slices.Equal(got32, want32) || !slices.Equal(got64, want64) {
				t.Fatalf("width=%d kc=%d ld=%d: got %v %v, want %v %v", width, kc, ld, got32, got64, want32, want64)
			}
		}
	}
}

// TestGemmConcurrent runs GEMMs large enough to split from several
// goroutines at once: they share the helper goroutines, and each result
// must be its own.
func TestGemmConcurrent(t *testing.T) {
	const m, n, k, calls = 97, 83, 71, 8
	r := rand.New(rand.NewPCG(15, 16))
	a, b := make([]float32, m*k), make([]float32, k*n)
	fillRand(r, a)
	fillRand(r, b)
	want := make([]float32, m*n)
	Sgemm(false, false, m, n, k, 1, a, k, b, n, 0, want, n)
	got := make([][]float32, calls)
	var wg sync.WaitGroup
	for i := range got {
		got[i] = make([]float32, m*n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				Sgemm(false, false, m, n, k, float32(i+1), a, k, b, n, 0, got[i], n)
			}
		}()
	}
	wg.Wait()
	for i, g := range got {
		for j := range g {
			if w := want[j] * float32(i+1); math.Abs(float64(g[j]-w)) > 1e-4*(1+math.Abs(float64(w))) {
				t.Fatalf("call %d: [%d] = %v, want %v", i, j, g[j], w)
			}
		}
	}
}
