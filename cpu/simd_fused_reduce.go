package cpu

import (
	"slices"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// reduceGraph runs a reduction of a graph (sum(x*x)) with the results an
// unfused evaluation gives, to the bit. It classifies the reduction as
// reduce classifies the temporary the graph would have been written to
// (Kernel.RootStrides), and:
//
//	contiguous  each output reduces a run of the temporary: the graph is
//	            evaluated a block at a time and each block fed to the
//	            sum or extreme kernels, cut where reduceRuns cuts;
//	vertical    each output is a column sum over rows of the temporary:
//	            the graph is evaluated a few rows of a strip at a time
//	            and fed to the row-sum kernel in sumRows's order;
//	other       the graph is written to the temporary, in its memory
//	            order, and reduced.
//
// So nothing but the results is written in the first two cases, and
// every input is read once.
func (d *SIMD) reduceGraph(r *device.Kernel) error {
	switch graphReduction(r) {
	case fusedNone:
		return nil
	case fusedRuns:
		reduceFusedRuns(r, data(device.Operand{Buf: r.Bufs[r.Plan.Out.Buf]}))
		return nil
	case fusedVertical:
		sumFusedVertical(r, data(device.Operand{Buf: r.Bufs[r.Plan.Out.Buf]}))
		return nil
	}
	return d.reduceThroughTemp(r)
}

// fusedPath is the way reduceGraph runs a reduction.
type fusedPath int

const (
	fusedNone     fusedPath = iota // no outputs
	fusedRuns                      // contiguous
	fusedVertical                  // vertical
	fusedTemp                      // other: through a temporary
)

// graphReduction classifies a reduction of a graph as reduce classifies
// its temporary (see reduceGraph).
func graphReduction(r *device.Kernel) fusedPath {
	k := r.Plan
	nk := len(k.Kept())
	out := data(device.Operand{Buf: r.Bufs[k.Out.Buf]})
	probe, _ := makeSlice(k.RootDType(), 0)
	redShape, redSt := broadcast.Collapse(k.Reduced(), k.RootStrides[nk:])
	m := broadcast.Size(k.Reduced())
	kept := planLayout(
		device.Operand{Shape: k.Kept(), Strides: k.Out.Strides, Offset: k.Out.Offset},
		device.Operand{Shape: k.Kept(), Strides: k.RootStrides[:nk]})
	contiguous := len(redShape) == 0 || m == 0 || (len(redShape) == 1 && redSt[0][0] == 1)
	switch {
	case kept.path == pathEmpty:
		return fusedNone
	case !reducible(k.Reduce, probe, out) || !isFloat(probe):
	case contiguous:
		return fusedRuns
	case k.Reduce == plan.Sum && len(redShape) == 1 && redSt[0][0] > 0 && kept.path != pathOne &&
		kept.strides[1][len(kept.shape)-1] == 1 && k.NReduce == 1:
		return fusedVertical
	}
	return fusedTemp
}

// reduceThroughTemp writes the graph to a temporary laid out as
// Kernel.RootStrides says, walking it in the temporary's memory order, and
// reduces the temporary.
func (d *SIMD) reduceThroughTemp(r *device.Kernel) error {
	k := r.Plan
	tmp, err := d.Alloc(k.RootDType(), k.Size())
	if err != nil {
		return err
	}
	if k.Size() > 0 {
		l := kernelLayout(k, k.RootStrides, 0)
		axes := l.byStride(0)
		axis := -1
		if len(axes) > 0 {
			axis = axes[len(axes)-1]
		}
		f := prepareFused(k, r.Bufs, axis, l.innerStride(0))
		f.storeAll(&l, tmp.(*Buffer).data)
	}
	src := device.Operand{Buf: tmp, Shape: k.Shape, Strides: k.RootStrides}
	out := device.Operand{Buf: r.Bufs[k.Out.Buf], Shape: k.Kept(), Strides: k.Out.Strides, Offset: k.Out.Offset}
	return d.reduce(&reduction{Kind: k.Reduce, Src: src, Out: out, NReduce: k.NReduce})
}

// byStride reorders the layout's axes so that operand k's strides
// decrease (by magnitude) toward the innermost axis, and returns the
// original index of each axis now in place.
func (l *layout) byStride(k int) []int {
	n := len(l.shape)
	axes := make([]int, n)
	for i := range axes {
		axes[i] = i
	}
	abs := func(v int) int { return max(v, -v) }
	slices.SortStableFunc(axes, func(a, b int) int { return abs(l.strides[k][b]) - abs(l.strides[k][a]) })
	perm := func(s []int) []int {
		p := make([]int, n)
		for i, a := range axes {
			p[i] = s[a]
		}
		return p
	}
	l.shape = perm(l.shape)
	for i := range l.strides {
		l.strides[i] = perm(l.strides[i])
		l.bcast[i] = n > 0 && l.strides[i][n-1] == 0
	}
	return axes
}

// keptPositions returns a layout whose runs are the kept positions of a
// reducing plan, one element each: operand 0 the output, then the
// inputs, at their kept strides.
func keptPositions(k *plan.Kernel) layout {
	nk := len(k.Kept())
	l := layout{shape: append(slices.Clone(k.Kept()), 1), strides: make([][]int, len(k.Inputs)+1),
		offs: make([]int, len(k.Inputs)+1), bcast: make([]bool, len(k.Inputs)+1)}
	l.strides[0], l.offs[0] = append(slices.Clone(k.Out.Strides), 0), k.Out.Offset
	for i, in := range k.Inputs {
		l.strides[i+1], l.offs[i+1] = append(slices.Clone(in.Strides[:nk]), 0), in.Offset
	}
	return l
}

// reducedWalker fills blocks with a graph's values at flat positions of
// the reduced axes of one kept position, in C order.
type reducedWalker struct {
	f     *fused
	shape []int   // the reduced axes
	st    [][]int // per input, its strides over them
	idx   []int
	offs  []int // operand offsets for fused.run: the block, then the inputs
}

func newReducedWalker(f *fused, k *plan.Kernel) *reducedWalker {
	nk := len(k.Kept())
	w := &reducedWalker{f: f, shape: k.Reduced(), st: make([][]int, len(k.Inputs)),
		idx: make([]int, k.NReduce), offs: make([]int, len(k.Inputs)+1)}
	for i, in := range k.Inputs {
		w.st[i] = in.Strides[nk:]
	}
	return w
}

// fill writes the values at reduced positions [j, j+n) of the kept
// position whose input offsets are base (base[i+1] for input i) to
// buf[0:n].
func (w *reducedWalker) fill(sc *scratch, base []int, j, n int, buf any) {
	r := len(w.shape)
	if r == 0 {
		copy(w.offs[1:], base[1:])
		w.offs[0] = 0
		w.f.run(sc, buf, 1, w.offs, n)
		return
	}
	for a := r - 1; a >= 0; a-- {
		w.idx[a] = j % w.shape[a]
		j /= w.shape[a]
	}
	done := 0
	for done < n {
		seg := min(n-done, w.shape[r-1]-w.idx[r-1])
		w.offs[0] = done
		for i := range w.st {
			o := base[i+1]
			for a, x := range w.idx {
				o += x * w.st[i][a]
			}
			w.offs[i+1] = o
		}
		w.f.run(sc, buf, 1, w.offs, seg)
		done += seg
		w.idx[r-1] += seg
		for a := r - 1; a > 0 && w.idx[a] == w.shape[a]; a-- {
			w.idx[a] = 0
			w.idx[a-1]++
		}
	}
}

// reduceFusedRuns is the contiguous case of reduceGraph: every kept
// position's reduced values, in blocks of the graph's block (a multiple
// of sumBlock, counted from the run's start as reduceRuns counts them),
// go to the kernels of reduceFloat (the extremes' results do not depend
// on where a run is cut). It splits the work over
// goroutines as reduceRuns does.
func reduceFusedRuns(r *device.Kernel, out any) {
	k := r.Plan
	m := broadcast.Size(k.Reduced())
	if k.RootDType() == dtype.Float32 {
		reduceRunsOf(r, out, m, maxF32, minF32, gtF32, ltF32)
	} else {
		reduceRunsOf(r, out, m, maxF64, minF64, gtF64, ltF64)
	}
}

// runCtx is one goroutine's means of evaluating blocks of a reduction.
type runCtx[T float] struct {
	sc  *scratch
	w   *reducedWalker
	buf []T
}

func newRunCtx[T float](f *fused, k *plan.Kernel) *runCtx[T] {
	return &runCtx[T]{sc: f.newScratch(), w: newReducedWalker(f, k), buf: make([]T, f.rblock)}
}

func reduceRunsOf[T float](r *device.Kernel, out any, m int, maxk, mink func([]T) T, gt, lt func(a, b T) bool) {
	k := r.Plan
	f := prepareFused(k, r.Bufs, len(k.Shape)-1, 1)
	pos := keptPositions(k)
	positions := pos.rows()
	if positions < workers() && m >= splitReduce {
		c := newRunCtx[T](f, k)
		w := pos.walkRows(0)
		for range positions {
			fusedRun(f, k, c, out, w.offs, m, true, maxk, mink, gt, lt)
			w.next()
		}
		c.sc.release()
		return
	}
	parallel(positions, (splitReduce+m-1)/max(m, 1), func(lo, hi int) {
		c := newRunCtx[T](f, k)
		w := pos.walkRows(lo)
		for p := lo; p < hi; p++ {
			fusedRun(f, k, c, out, w.offs, m, false, maxk, mink, gt, lt)
			w.next()
		}
		c.sc.release()
	})
}

// fusedRun reduces the m values of one kept position (input offsets
// offs[1:], output offset offs[0]) into out, as reduceFloat reduces a
// run, evaluating blocks with c; with split, the run's blocks are shared
// among goroutines (the caller's with c).
func fusedRun[T float](f *fused, k *plan.Kernel, c *runCtx[T], out any, offs []int, m int, split bool,
	maxk, mink func([]T) T, gt, lt func(a, b T) bool) {
	block := f.rblock
	nblocks := (m + block - 1) / block
	parts := 1
	if split && m >= splitReduce {
		parts = workers()
	}
	// each runs body on every block, with blocks [lo, hi) on one
	// goroutine.
	each := func(body func(x []T, j int)) {
		run := func(c *runCtx[T], lo, hi int) {
			for b := lo; b < hi; b++ {
				j := b * block
				n := min(block, m-j)
				c.w.fill(c.sc, offs, j, n, c.buf)
				body(c.buf[:n], j)
			}
		}
		if parts == 1 {
			run(c, 0, nblocks)
			return
		}
		parallel(nblocks, max(1, nblocks/parts), func(lo, hi int) {
			if lo == 0 {
				run(c, lo, hi)
			} else {
				c := newRunCtx[T](f, k)
				run(c, lo, hi)
				c.sc.release()
			}
		})
	}
	o := offs[0]
	switch k.Reduce {
	case plan.Sum:
		nb := (m + sumBlock - 1) / sumBlock
		var stack [64]float64
		blocks := stack[:0]
		if nb <= len(stack) {
			blocks = stack[:nb]
		} else {
			blocks = make([]float64, nb)
		}
		each(func(x []T, j int) {
			sumBlocks(blocks[j/sumBlock:(j+len(x)+sumBlock-1)/sumBlock], x)
		})
		s := treeSum(blocks)
		switch v := out.(type) {
		case []float32:
			v[o] = float32(s)
		case []float64:
			v[o] = s
		}
	case plan.Max, plan.Min, plan.ArgMax, plan.ArgMin:
		ext, better := maxk, gt
		if k.Reduce == plan.Min || k.Reduce == plan.ArgMin {
			ext, better = mink, lt
		}
		type best struct {
			at  int
			v   T
			nan bool
		}
		var stack [8]best
		found := stack[:0]
		if nblocks <= len(stack) {
			found = stack[:nblocks]
		} else {
			found = make([]best, nblocks)
		}
		index := k.Reduce == plan.ArgMax || k.Reduce == plan.ArgMin
		each(func(x []T, j int) {
			mv := ext(x)
			found[j/block] = best{at: -1, v: mv, nan: mv != mv}
			if !index && mv == mv && mv != 0 {
				return // the value is the block's extreme element's
			}
			// The first element that is the extreme (its position, or
			// the sign of a zero, or the payload of a NaN).
			for i, v := range x {
				if (mv != mv && v != v) || (mv == mv && v == mv) {
					found[j/block] = best{at: j + i, v: v, nan: v != v}
					break
				}
			}
		})
		b := found[0]
		for _, c := range found[1:] {
			if b.nan {
				break
			}
			if c.nan || better(c.v, b.v) {
				b = c
			}
		}
		switch k.Reduce {
		case plan.Max, plan.Min:
			out.([]T)[o] = b.v
		default:
			out.([]int64)[o] = int64(b.at)
		}
	}
}

// sumFusedVertical is the vertical case of reduceGraph: each output sums
// one column of m rows. Columns go in strips of vertStrip, rows in blocks
// of vertBlock summed into a fresh row of partial sums that is then added
// to the total, as sumRows does; the graph is evaluated vertChunk rows of
// a strip at a time and fed to the same row-sum kernel.
func sumFusedVertical(r *device.Kernel, out any) {
	k := r.Plan
	nk := len(k.Kept())
	m := k.Reduced()[0]
	l := kernelLayout(&plan.Kernel{Shape: k.Kept(), Inputs: keptInputs(k)}, k.Out.Strides, k.Out.Offset)
	f := prepareFused(k, r.Bufs, nk-1, 1)
	w := l.n()
	red := make([]int, len(k.Inputs))
	for i, in := range k.Inputs {
		red[i] = in.Strides[nk]
	}
	strips := (w + vertStrip - 1) / vertStrip
	minPer := strips
	if m*w >= splitReduce {
		minPer = 1
	}
	rows := l.walkRows(0)
	for range l.rows() {
		base := slices.Clone(rows.offs)
		acc := make([]float64, w)
		parallel(strips, minPer, func(lo, hi int) {
			sc := f.newScratch()
			offs := make([]int, len(base))
			var tmp [vertStrip]float64
			switch k.RootDType() {
			case dtype.Float32:
				buf := make([]float32, vertChunk*vertStrip)
				verticalStrips(f, sc, base, offs, red, buf, tmp[:], acc, lo, hi, w, m, sumRowsF32)
			default:
				buf := make([]float64, vertChunk*vertStrip)
				verticalStrips(f, sc, base, offs, red, buf, tmp[:], acc, lo, hi, w, m, sumRowsF64)
			}
			sc.release()
		})
		storeSums(out, rows.offs[0], l.strides[0][len(l.shape)-1], acc)
		rows.next()
	}
}

// vertChunk is the rows of a strip the graph is evaluated on at once.
const vertChunk = 16

// verticalStrips sums strips [lo, hi) of one row of the kept layout into
// acc (see sumFusedVertical): base holds the operands' offsets at the
// row's first column and reduced index 0, red each input's reduced
// stride.
func verticalStrips[T float](f *fused, sc *scratch, base, offs, red []int, buf []T, tmp, acc []float64,
	lo, hi, w, m int, k func(acc []float64, x []T, ldx, rows int)) {
	for s := lo; s < hi; s++ {
		c0 := s * vertStrip
		cw := min(vertStrip, w-c0)
		t := tmp[:cw]
		for b := 0; b < m; b += vertBlock {
			n := min(vertBlock, m-b)
			clear(t)
			for r0 := 0; r0 < n; r0 += vertChunk {
				cr := min(vertChunk, n-r0)
				for rr := range cr {
					offs[0] = rr * vertStrip
					for i := range red {
						offs[i+1] = base[i+1] + c0*f.steps[i] + (b+r0+rr)*red[i]
					}
					f.run(sc, buf, 1, offs, cw)
				}
				k(t, buf[:(cr-1)*vertStrip+cw], vertStrip, cr)
			}
			sumRowsF64(acc[c0:c0+cw], t, 0, 1)
		}
	}
}

// keptInputs returns the inputs of a reducing plan with their strides
// over its kept axes only.
func keptInputs(k *plan.Kernel) []plan.Input {
	nk := len(k.Kept())
	ins := make([]plan.Input, len(k.Inputs))
	for i, in := range k.Inputs {
		ins[i] = in
		ins[i].Strides = in.Strides[:nk]
	}
	return ins
}
