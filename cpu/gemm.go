package cpu

import (
	"sync"
	"unsafe"

	"github.com/numgl/numgl/ufunc"
)

//go:generate go run ./internal/gemmgen

// The GEMM of cpu-simd follows Goto and van de Geijn's (and BLIS's)
// structure. For C = act(alpha·A·B + beta·C + bias) with A m×k, B k×n:
//
//	for jc := 0; jc < n; jc += nc            // a column block of C and B
//	 cut C[:, jc:jc+nc] into items           // blocks of rows (or of columns)
//	 for p0 := 0; p0 < k; p0 += kp           // a slice of k: at most 16 kc blocks
//	  pack B[p0:p0+kp, jc:jc+nc]             // kp/kc blocks of nc/nr panels, kc×nr each
//	  each goroutine, item after item:
//	    for ic := i0; ic < i1; ic += mc      // a block of rows of C (L2)
//	      for pc := p0; pc < p0+kp; pc += kc // a rank-kc update
//	        pack A[ic:ic+mc, pc:pc+kc]       // mc/mr panels, mr×kc each (L2)
//	        for jr := j0; jr < j1; jr += nr  // one packed panel of B (L1)
//	          for ir := 0; ir < mc; ir += mr
//	            micro-kernel: C[ic+ir:+mr, jc+jr:+nr] (registers)
//
// B's block is packed (all of k up to kp = 16·kc, which covers the usual
// shapes in one slice) by all the goroutines together; then each
// goroutine takes items (about four a goroutine) one
// at a time until none is left, with no other synchronisation, so that
// one slowed by other work on its core does fewer. An item's mc rows of C
// stay in L2 across its rank-kc updates, and the last update applies the
// epilogue (bias, activation) in the micro-kernel's registers before the
// tile's one store (or, for a bias that is not one row broadcast, on the
// tile just stored, while it is in L1). k is cut into equal blocks of at
// most kc, so that no update is a thin remainder. A k longer than kp goes
// slice after slice, C accumulating, so that the packed block of B — the
// GEMM's only large buffer — is bounded by the blocking (gemmPackedB),
// never by the operands.
//
// Packing reads A and B through their row and column strides, so
// transposed, stepped and reversed operands cost nothing beyond the
// packing every operand goes through: the layouts that need a transpose
// (a row-major A, a column-major B) go through the assembly packers'
// in-register transposes, a row-major B through an assembly row copy.
// The packed panels are padded with zeros to whole mr×kc and kc×nr
// panels, and edge tiles of C are computed into a small buffer and only
// their valid part written back. A narrow C (n below nr: the ten outputs
// of a classifier) is computed as Cᵀ = BᵀAᵀ, whose tiles waste fewer lanes.
//
// Block sizes (gemm_blocks.go) are set from the caches of the 2-core AMD
// EPYC (Zen 5: 48 KiB L1d, 1 MiB L2 a core, shared L3) this was written
// on: a kc×nr panel of B within L1, an mc×kc block of A and mc rows of C
// within L2, and at most gemmPackedB bytes of packed B (within L3).
// BenchmarkGemmBlocking and BenchmarkGemmMLP measure them; on the shapes
// of a network's layers (1024×784 by 784×512, 1024×512 by 512×256) every
// kc from 128 to 784 and mc from 56 to 336 came within the machine's
// noise (±5%) of the others, so the first choices stand.

// gemmBlocking is one kernel with its block sizes.
type gemmBlocking[T float32 | float64] struct {
	mr, nr     int
	mc, kc, nc int // nc: at most, and within gemmPackedB
	kernel     func(k int, a, b, c []T, ldc int, alpha, beta T, bias []T, relu bool)
}

// gemmPackedB bounds the packed block of B (kp × nc elements), in bytes.
const gemmPackedB = 4 << 20

// gemmKBlocks is how many kc blocks of the summed axis B's packed block
// holds at most (kp = gemmKBlocks·kc): a longer k is packed and applied
// one such slice at a time, C accumulating across them, so that the
// GEMM's extra memory is bounded by its blocking, never by k.
const gemmKBlocks = 16

// gemmMatrix is a strided matrix view: element (i, j) is
// data[off + i*rs + j*cs].
type gemmMatrix[T float32 | float64] struct {
	data   []T
	off    int
	rs, cs int
}

func (x gemmMatrix[T]) at(i, j int) T { return x.data[x.off+i*x.rs+j*x.cs] }

// t returns the transpose.
func (x gemmMatrix[T]) t() gemmMatrix[T] {
	x.rs, x.cs = x.cs, x.rs
	return x
}

// gemmEpilogue is what gemm applies to C after alpha·AB + beta·C, in C's
// dtype: the forms the micro-kernels run in their registers, C =
// relu(C + bias) (NumPy's maximum(C + bias, 0)), or any other elementwise
// graph, applied to each tile as soon as it is finished.
type gemmEpilogue[T float32 | float64] struct {
	hasBias bool
	bias    gemmMatrix[T] // indexed as C is, stride 0 where broadcast
	relu    bool
	graph   *tileGraph // any other epilogue, or nil
	t       bool       // gemm computes Cᵀ: graph's rows are C's columns
}

// apply returns relu(v + bias(i, j)) (a register form).
func (e *gemmEpilogue[T]) apply(v T, i, j int) T {
	if e.hasBias {
		v += e.bias.at(i, j)
	}
	if e.relu {
		v = ufunc.MaximumOf(v, 0)
	}
	return v
}

// post applies the graph epilogue to the n elements of C from (i, j)
// along a row (of C as gemm sees it).
func (e *gemmEpilogue[T]) post(i, j, n int) {
	if e.t {
		e.graph.run(j, i, n, true)
	} else {
		e.graph.run(i, j, n, false)
	}
}

// gemmPool recycles packing buffers.
var gemmPool32, gemmPool64 sync.Pool

func getBuf[T float32 | float64](n int) *[]T {
	var p *sync.Pool
	var z T
	switch any(z).(type) {
	case float32:
		p = &gemmPool32
	default:
		p = &gemmPool64
	}
	if v := p.Get(); v != nil {
		b := v.(*[]T)
		if cap(*b) >= n {
			*b = (*b)[:n]
			return b
		}
	}
	b := make([]T, n)
	return &b
}

func putBuf[T float32 | float64](b *[]T) {
	var z T
	switch any(z).(type) {
	case float32:
		gemmPool32.Put(b)
	default:
		gemmPool64.Put(b)
	}
}

// gemm computes C = alpha·A·B + beta·C for the m×k A, k×n B and m×n C
// views, then the epilogue ep when it is not nil. C must not overlap A,
// B or the bias. beta == 0 does not read C (NaNs in C do not survive), as
// in the reference BLAS.
func gemm[T float32 | float64](bl *gemmBlocking[T], m, n, k int, alpha T, a, b gemmMatrix[T], beta T, c gemmMatrix[T], ep *gemmEpilogue[T]) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		gemmScale(m, n, beta, c, ep)
		return
	}
	mr, nr := bl.mr, bl.nr
	// Cᵀ = BᵀAᵀ when its tiles waste fewer lanes; a C without unit column
	// stride goes through the edge-tile path, which costs more.
	cost := func(m, n, cs int) int {
		w := roundUp(m, mr) * roundUp(n, nr)
		if cs != 1 {
			w += w / 4
		}
		return w
	}
	if cost(n, m, c.rs) < cost(m, n, c.cs) {
		m, n, a, b, c = n, m, b.t(), a.t(), c.t()
		if ep != nil {
			e := *ep
			e.bias = e.bias.t()
			e.t = !e.t
			ep = &e
		}
	}
	kb := (k + bl.kc - 1) / bl.kc
	kc := (k + kb - 1) / kb
	kp := min(k, gemmKBlocks*kc) // rows of B packed at once
	var z T
	nc := min(bl.nc, max(nr, gemmPackedB/int(unsafe.Sizeof(z))/kp/nr*nr))
	split := float64(m)*float64(n)*float64(k) >= 1<<15
	for jc := 0; jc < n; jc += nc {
		ncur := min(nc, n-jc)
		np := (ncur + nr - 1) / nr
		items := [][4]int{{0, m, 0, ncur}}
		if split {
			items = gemmItems(m, ncur, mr, nr, bl.mc, workers())
		}
		bp := getBuf[T](kp * np * nr)
		for p0 := 0; p0 < k; p0 += kp {
			kcur := min(kp, k-p0)
			gemmPackBBlock(bl, b, p0, kcur, kc, jc, ncur, *bp, split)
			// Later slices of k add to C; the last applies the epilogue.
			bet, e := beta, ep
			if p0 > 0 {
				bet = 1
			}
			if p0+kcur < k {
				e = nil
			}
			gemmEach(len(items), split, func(next func() int) {
				// The packed A block and the edge tile, from the pool (a
				// tile array here would escape: a heap allocation a call).
				na := roundUp(min(bl.mc, m), mr) * kc
				ap := getBuf[T](na + mr*nr)
				defer putBuf(ap)
				for i := next(); i >= 0; i = next() {
					gemmItem(bl, items[i], p0, kcur, kc, alpha, a, *bp, np, bet, c, jc, e, (*ap)[:na], (*ap)[na:])
				}
			})
		}
		putBuf(bp)
	}
}

// gemmPackBBlock packs rows [p0, p0+kcur) and columns [jc, jc+ncur) of b
// into bp, all the goroutines together: kc blocks (the last maybe
// shorter) of ncur/nr panels, kc×nr each.
func gemmPackBBlock[T float32 | float64](bl *gemmBlocking[T], b gemmMatrix[T], p0, kcur, kc, jc, ncur int, bp []T, split bool) {
	nr := bl.nr
	np := (ncur + nr - 1) / nr
	gemmEach(np, split, func(next func() int) {
		for p := next(); p >= 0; p = next() {
			for pc := 0; pc < kcur; pc += kc {
				kk := min(kc, kcur-pc)
				packB(bp[pc*np*nr+p*kk*nr:][:kk*nr], b, p0+pc, jc+p*nr, kk, min(nr, ncur-p*nr), nr)
			}
		}
	})
}

// gemmItems cuts an m×n block of C into the rectangles {i0, i1, j0, j1}
// the goroutines take one at a time: blocks of at most mc rows (mr
// panels) when there are rows enough for two a goroutine, else blocks of
// columns (nr panels); about four a goroutine, so that one slowed by
// other work on its core takes fewer.
func gemmItems(m, n, mr, nr, mc, w int) [][4]int {
	rp, cp := (m+mr-1)/mr, (n+nr-1)/nr
	var items [][4]int
	if rp >= 2*w || rp >= cp {
		nb := roundUp(max((m+mc-1)/mc, min(4*w, rp)), w)
		per := roundUp((m+nb-1)/nb, mr)
		for i := 0; i < m; i += per {
			items = append(items, [4]int{i, min(i+per, m), 0, n})
		}
		return items
	}
	nb := min(4*w, cp)
	per := (cp + nb - 1) / nb * nr
	for j := 0; j < n; j += per {
		items = append(items, [4]int{0, m, j, min(j+per, n)})
	}
	return items
}

// gemmItem runs the rectangle it = {i0, i1, j0, j1} of the column block
// jc of C over the slice [p0, p0+k) of the summed axis: its rows in
// blocks of at most bl.mc (ap holds one packed), each through every
// rank-kc update of the packed B block bp (np panels a kc block).
func gemmItem[T float32 | float64](bl *gemmBlocking[T], it [4]int, p0, k, kc int, alpha T, a gemmMatrix[T], bp []T, np int, beta T, c gemmMatrix[T], jc int, ep *gemmEpilogue[T], ap, tile []T) {
	mr := bl.mr
	i0, i1 := it[0], it[1]
	rows := i1 - i0
	nb := (rows + bl.mc - 1) / bl.mc
	mc := roundUp((rows+nb-1)/nb, mr)
	for ic := i0; ic < i1; ic += mc {
		mcur := min(mc, i1-ic)
		for pc := 0; pc < k; pc += kc {
			kcur := min(kc, k-pc)
			apk := ap[:roundUp(mcur, mr)*kcur]
			for p := 0; p*mr < mcur; p++ {
				packA(apk[p*mr*kcur:(p+1)*mr*kcur], a, ic+p*mr, p0+pc, kcur, min(mr, mcur-p*mr), mr)
			}
			bet := beta
			if pc > 0 {
				bet = 1
			}
			var e *gemmEpilogue[T]
			if pc+kcur == k {
				e = ep
			}
			gemmMacro(bl, mcur, it[2], it[3], kcur, alpha, apk, bp[pc*np*bl.nr:], bet, c, ic, jc, tile, e)
		}
	}
}

// gemmMacro runs the micro-kernel over one packed block of A (mcur rows
// from ic) and the panels of one packed kc block of B that cover the
// columns [j0, j1) of the column block jc, then the epilogue e when it is
// not nil.
func gemmMacro[T float32 | float64](bl *gemmBlocking[T], mcur, j0, j1, kcur int, alpha T, ap, bp []T, beta T, c gemmMatrix[T], ic, jc int, tile []T, e *gemmEpilogue[T]) {
	mr, nr := bl.mr, bl.nr
	// The kernel's own epilogue takes ReLU and a bias row; any other bias
	// is added to each tile just stored (post).
	relu, rowBias, post := false, false, false
	if e != nil && e.graph == nil {
		relu = e.relu
		rowBias = e.hasBias && e.bias.rs == 0 && e.bias.cs == 1
		post = e.hasBias && !rowBias
		if post {
			relu = false
		}
	}
	for jr := j0; jr < j1; jr += nr {
		bpanel := bp[jr/nr*kcur*nr:][:kcur*nr]
		nv := min(nr, j1-jr)
		var bias []T
		if rowBias && !post && nv == nr {
			bias = e.bias.data[e.bias.off+jc+jr:][:nr]
		}
		for ir := 0; ir < mcur; ir += mr {
			apanel := ap[ir*kcur : (ir+mr)*kcur]
			mv := min(mr, mcur-ir)
			off := c.off + (ic+ir)*c.rs + (jc+jr)*c.cs
			if mv == mr && nv == nr && c.cs == 1 && c.rs >= nr {
				bl.kernel(kcur, apanel, bpanel, c.data[off:off+(mr-1)*c.rs+nr], c.rs, alpha, beta, bias, relu)
				switch {
				case post:
					for i := range mr {
						row := c.data[off+i*c.rs:][:nr]
						for j := range row {
							row[j] = e.apply(row[j], ic+ir+i, jc+jr+j)
						}
					}
				case e != nil && e.graph != nil:
					for i := range mr {
						e.post(ic+ir+i, jc+jr, nr)
					}
				}
				continue
			}
			// An edge tile, or a C without unit column stride: compute
			// alpha·AB into the tile, then combine its valid part.
			bl.kernel(kcur, apanel, bpanel, tile, nr, alpha, 0, nil, false)
			for i := range mv {
				row := c.off + (ic+ir+i)*c.rs + (jc+jr)*c.cs
				for j := range nv {
					o := row + j*c.cs
					v := tile[i*nr+j]
					if beta != 0 {
						v += beta * c.data[o]
					}
					if e != nil && e.graph == nil {
						v = e.apply(v, ic+ir+i, jc+jr+j)
					}
					c.data[o] = v
				}
				if e != nil && e.graph != nil {
					e.post(ic+ir+i, jc+jr, nv)
				}
			}
		}
	}
}

// packA copies rows [i0, i0+rows) and columns [p0, p0+kc) of a into dst
// as kc columns of mr consecutive elements, rows past rows set to zero.
func packA[T float32 | float64](dst []T, a gemmMatrix[T], i0, p0, kc, rows, mr int) {
	if rows < mr {
		clear(dst)
	}
	if a.cs == 1 {
		// Rows are contiguous: a transposing pack.
		packT(dst, a.data, a.off+i0*a.rs+p0, a.rs, rows, kc, mr)
		return
	}
	for p := range kc {
		base := a.off + i0*a.rs + (p0+p)*a.cs
		d := dst[p*mr : p*mr+rows]
		if a.rs == 1 {
			copy(d, a.data[base:base+rows])
			continue
		}
		for i := range d {
			d[i] = a.data[base+i*a.rs]
		}
	}
}

// packB copies rows [p0, p0+kc) and columns [j0, j0+cols) of b into dst
// as kc rows of nr consecutive elements, columns past cols set to zero.
func packB[T float32 | float64](dst []T, b gemmMatrix[T], p0, j0, kc, cols, nr int) {
	if cols < nr {
		clear(dst)
	}
	if b.cs == 1 {
		if cols == nr && b.rs > 0 {
			// Whole rows of the panel: the assembly copy.
			base := b.off + p0*b.rs + j0
			switch d := any(dst).(type) {
			case []float32:
				if nr%8 == 0 {
					gemmPackRowsF32(d[:kc*nr], any(b.data).([]float32)[base:base+(kc-1)*b.rs+nr], b.rs, kc, nr)
					return
				}
			case []float64:
				if nr%4 == 0 {
					gemmPackRowsF64(d[:kc*nr], any(b.data).([]float64)[base:base+(kc-1)*b.rs+nr], b.rs, kc, nr)
					return
				}
			}
		}
		for p := range kc {
			base := b.off + (p0+p)*b.rs + j0
			copy(dst[p*nr:p*nr+cols], b.data[base:base+cols])
		}
		return
	}
	if b.rs == 1 {
		// Columns are contiguous: a transposing pack.
		packT(dst, b.data, b.off+p0+j0*b.cs, b.cs, cols, kc, nr)
		return
	}
	for p := range kc {
		base := b.off + (p0+p)*b.rs + j0*b.cs
		d := dst[p*nr : p*nr+cols]
		for j := range d {
			d[j] = b.data[base+j*b.cs]
		}
	}
}

// packT is the transposing pack: dst[p*w+i] = src[off+i*ld+p] for i <
// rows, p < kc. Whole blocks of p go to the assembly packers (row blocks
// of 8 float32 or 4 float64) where the CPU has them and ld > 0, the rest
// one element at a time.
func packT[T float32 | float64](dst, src []T, off, ld, rows, kc, w int) {
	done := 0
	if gemmPackAsm && ld > 0 {
		switch d := any(dst).(type) {
		case []float32:
			s := any(src).([]float32)
			done = kc &^ 7
			if done > 0 {
				for r := 0; r < rows; r += 8 {
					n := min(8, rows-r)
					gemmPackTF32(d[r:(done-1)*w+r+n], s[off+r*ld:off+(r+n-1)*ld+done], ld, n, done, w)
				}
			}
		case []float64:
			s := any(src).([]float64)
			done = kc &^ 3
			if done > 0 {
				for r := 0; r < rows; r += 4 {
					n := min(4, rows-r)
					gemmPackTF64(d[r:(done-1)*w+r+n], s[off+r*ld:off+(r+n-1)*ld+done], ld, n, done, w)
				}
			}
		}
	}
	for i := range rows {
		row := src[off+i*ld+done : off+i*ld+kc]
		for p, v := range row {
			dst[(done+p)*w+i] = v
		}
	}
}

// gemmScale sets C = beta·C (C = 0 when beta == 0, NaNs included), then
// applies the epilogue ep when it is not nil: the whole GEMM when k == 0
// or alpha == 0.
func gemmScale[T float32 | float64](m, n int, beta T, c gemmMatrix[T], ep *gemmEpilogue[T]) {
	if beta == 1 && ep == nil {
		return
	}
	for i := range m {
		for j := range n {
			o := c.off + i*c.rs + j*c.cs
			v := c.data[o]
			if beta == 0 {
				v = 0
			} else {
				v *= beta
			}
			if ep != nil && ep.graph == nil {
				v = ep.apply(v, i, j)
			}
			c.data[o] = v
		}
		if ep != nil && ep.graph != nil {
			ep.post(i, 0, n)
		}
	}
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }
