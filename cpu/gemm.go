package cpu

import "sync"

//go:generate go run ./internal/gemmgen

// The GEMM of cpu-simd follows Goto and van de Geijn's (and BLIS's)
// structure. For C = alpha·A·B + beta·C with A m×k, B k×n:
//
//	for jc := 0; jc < n; jc += nc        // a column block of C and B
//	  for pc := 0; pc < k; pc += kc      // a rank-kc update
//	    pack B[pc:pc+kc, jc:jc+nc]       // nc/nr panels, kc×nr each (L3)
//	    for ic := 0; ic < m; ic += mc    // split over the goroutines
//	      pack A[ic:ic+mc, pc:pc+kc]     // mc/mr panels, mr×kc each (L2)
//	      for jr := 0; jr < nc; jr += nr // one packed panel of B (L1)
//	        for ir := 0; ir < mc; ir += mr
//	          micro-kernel: C[ic+ir:+mr, jc+jr:+nr] (registers)
//
// Packing reads A and B through their row and column strides, so
// transposed, stepped and reversed operands cost nothing beyond the
// packing every operand goes through; the packed panels are padded with
// zeros to whole mr×kc and kc×nr panels, and edge tiles of C are computed
// into a small buffer and only their valid part written back.
//
// Block sizes (gemm_blocks.go) are set from the caches of the 2-core AMD
// EPYC (Zen 5: 48 KiB L1d, 1 MiB L2 a core, shared L3) this was written
// on: kc = 256 keeps a kc×nr panel of B within L1 (32 KiB for float32
// nr = 32), an mc×kc block of A about a sixth of L2, and nc = 4096 keeps
// the packed B block in L3. BenchmarkGemmBlocking sweeps mc and kc; it
// has not yet been run to completion on a quiet machine, so these are
// first choices, not measured optima. mc is then lowered so that the
// row blocks split evenly over the goroutines.

// gemmBlocking is one kernel with its block sizes.
type gemmBlocking[T float32 | float64] struct {
	mr, nr     int
	mc, kc, nc int
	kernel     func(k int, a, b, c []T, ldc int, alpha, beta T)
}

// gemmMatrix is a strided matrix view: element (i, j) is
// data[off + i*rs + j*cs].
type gemmMatrix[T float32 | float64] struct {
	data   []T
	off    int
	rs, cs int
}

func (x gemmMatrix[T]) at(i, j int) T { return x.data[x.off+i*x.rs+j*x.cs] }

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
// views. C must not overlap A or B. beta == 0 does not read C (NaNs in C
// do not survive), as in the reference BLAS.
func gemm[T float32 | float64](bl *gemmBlocking[T], m, n, k int, alpha T, a, b gemmMatrix[T], beta T, c gemmMatrix[T]) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		gemmScale(m, n, beta, c)
		return
	}
	mr, nr := bl.mr, bl.nr
	kc := min(bl.kc, k)
	nc := min(bl.nc, roundUp(n, nr))
	// mc: at most bl.mc, and small enough that every goroutine has a
	// block of rows when B is one block of columns.
	// The blocks of rows are split evenly over the goroutines: their
	// count is a multiple of the workers' (when m allows).
	w := workers()
	blocks := roundUp((m+bl.mc-1)/bl.mc, w)
	mc := roundUp((m+blocks-1)/blocks, mr)
	bpack := getBuf[T](kc * nc)
	defer putBuf(bpack)
	for jc := 0; jc < n; jc += nc {
		ncur := min(nc, n-jc)
		for pc := 0; pc < k; pc += kc {
			kcur := min(kc, k-pc)
			bet := beta
			if pc > 0 {
				bet = 1
			}
			bp := (*bpack)[:kcur*roundUp(ncur, nr)]
			panels := (ncur + nr - 1) / nr
			gemmRun(panels, kcur*ncur*2 >= 1<<16, func(lo, hi int) {
				for p := lo; p < hi; p++ {
					packB(bp[p*nr*kcur:(p+1)*nr*kcur], b, pc, jc+p*nr, kcur, min(nr, ncur-p*nr), nr)
				}
			})
			blocks := (m + mc - 1) / mc
			gemmRun(blocks, m*ncur*kcur >= 1<<15, func(lo, hi int) {
				ap := getBuf[T](mc * kcur)
				defer putBuf(ap)
				var tile [16 * 32]T
				for blk := lo; blk < hi; blk++ {
					ic := blk * mc
					mcur := min(mc, m-ic)
					apk := (*ap)[:roundUp(mcur, mr)*kcur]
					for p := 0; p*mr < mcur; p++ {
						packA(apk[p*mr*kcur:(p+1)*mr*kcur], a, ic+p*mr, pc, kcur, min(mr, mcur-p*mr), mr)
					}
					gemmMacro(bl, mcur, ncur, kcur, alpha, apk, bp, bet, c, ic, jc, tile[:mr*nr])
				}
			})
		}
	}
}

// gemmMacro runs the micro-kernel over one packed block of A and one of B.
func gemmMacro[T float32 | float64](bl *gemmBlocking[T], mcur, ncur, kcur int, alpha T, ap, bp []T, beta T, c gemmMatrix[T], ic, jc int, tile []T) {
	mr, nr := bl.mr, bl.nr
	for jr := 0; jr < ncur; jr += nr {
		bpanel := bp[jr*kcur : (jr+nr)*kcur]
		nv := min(nr, ncur-jr)
		for ir := 0; ir < mcur; ir += mr {
			apanel := ap[ir*kcur : (ir+mr)*kcur]
			mv := min(mr, mcur-ir)
			off := c.off + (ic+ir)*c.rs + (jc+jr)*c.cs
			if mv == mr && nv == nr && c.cs == 1 && c.rs >= nr {
				bl.kernel(kcur, apanel, bpanel, c.data[off:off+(mr-1)*c.rs+nr], c.rs, alpha, beta)
				continue
			}
			// An edge tile, or a C without unit column stride: compute
			// alpha·AB into the tile, then combine its valid part.
			bl.kernel(kcur, apanel, bpanel, tile, nr, alpha, 0)
			for i := range mv {
				row := c.off + (ic+ir+i)*c.rs + (jc+jr)*c.cs
				for j := range nv {
					o := row + j*c.cs
					if beta == 0 {
						c.data[o] = tile[i*nr+j]
					} else {
						c.data[o] = tile[i*nr+j] + beta*c.data[o]
					}
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
		// Rows are contiguous: walk each row, scatter with step mr.
		for i := range rows {
			src := a.data[a.off+(i0+i)*a.rs+p0:]
			src = src[:kc]
			for p, v := range src {
				dst[p*mr+i] = v
			}
		}
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
		for p := range kc {
			base := b.off + (p0+p)*b.rs + j0
			copy(dst[p*nr:p*nr+cols], b.data[base:base+cols])
		}
		return
	}
	if b.rs == 1 {
		// Columns are contiguous: walk each column, scatter with step nr.
		for j := range cols {
			src := b.data[b.off+p0+(j0+j)*b.cs:]
			src = src[:kc]
			for p, v := range src {
				dst[p*nr+j] = v
			}
		}
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

// gemmScale sets C = beta·C (C = 0 when beta == 0, NaNs included).
func gemmScale[T float32 | float64](m, n int, beta T, c gemmMatrix[T]) {
	if beta == 1 {
		return
	}
	for i := range m {
		for j := range n {
			o := c.off + i*c.rs + j*c.cs
			if beta == 0 {
				c.data[o] = 0
			} else {
				c.data[o] *= beta
			}
		}
	}
}

// gemmRun calls fn over [0, n) split into contiguous parts over the
// workers when split is true and there is more than one item, the caller
// running the last part.
func gemmRun(n int, split bool, fn func(lo, hi int)) {
	w := min(workers(), n)
	if !split || w <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	per := (n + w - 1) / w
	lo := 0
	for ; lo+per < n; lo += per {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, lo+per)
	}
	fn(lo, n)
	wg.Wait()
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }
