package cpu

import (
	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
)

// reduce plans a Reduce request (see Run). The reduced axes collapse to
// one of
//
//	contiguous  each output reduces a contiguous run of m elements
//	            (a full sum, sum over the last axis): the sum, extreme
//	            and count kernels, run by run;
//	vertical    the reduced axis has a stride s > 0 and the kept axis
//	            beneath it is contiguous (sum over axis 0 of a C array):
//	            rows of the source added into a row of float64 sums;
//	other       cpu-loop's loops.
//
// Float sums accumulate in float64: float32 sums are then exact to
// within float64 rounding, float64 sums are pairwise (sumLanes blocks,
// then PairwiseSum) as NumPy's are.
func (d *SIMD) reduce(r *reduction) error {
	nk := len(r.Src.Shape) - r.NReduce
	src, out := data(r.Src), data(r.Out)
	if !reducible(r.Kind, src, out) {
		return reduce(r)
	}
	redShape, redSt := broadcast.Collapse(r.Src.Shape[nk:], r.Src.Strides[nk:])
	m := 1
	for _, s := range redShape {
		m *= s
	}
	kept := planLayout(
		device.Operand{Buf: r.Out.Buf, Shape: r.Src.Shape[:nk], Strides: r.Out.Strides, Offset: r.Out.Offset},
		device.Operand{Buf: r.Src.Buf, Shape: r.Src.Shape[:nk], Strides: r.Src.Strides[:nk], Offset: r.Src.Offset})
	contiguous := len(redShape) == 0 || m == 0 || (len(redShape) == 1 && redSt[0][0] == 1)
	switch {
	case kept.path == pathEmpty:
		return nil
	case contiguous:
		reduceRuns(r.Kind, src, out, &kept, m)
		return nil
	case r.Kind == plan.Sum && isFloat(src) && len(redShape) == 1 && redSt[0][0] > 0 && kept.path != pathOne &&
		kept.strides[1][len(kept.shape)-1] == 1:
		sumVertical(src, out, &kept, m, redSt[0][0])
		return nil
	}
	return reduce(r)
}

func isFloat(s any) bool {
	switch s.(type) {
	case []float32, []float64:
		return true
	}
	return false
}

// reducible reports whether cpu-simd has kernels for the reduction.
func reducible(kind plan.ReduceKind, src, out any) bool {
	switch kind {
	case plan.Sum:
		switch src.(type) {
		case []float32, []float64:
			switch out.(type) {
			case []float32, []float64:
				return true
			}
		case []bool:
			_, ok := out.([]int64)
			return ok
		}
	case plan.Max, plan.Min, plan.ArgMax, plan.ArgMin:
		switch src.(type) {
		case []float32, []float64:
			return true
		}
	}
	return false
}

// reduceRuns reduces, for every kept position, the m contiguous elements
// at the source offset into the output.
func reduceRuns(kind plan.ReduceKind, src, out any, kept *layout, m int) {
	one := func(offs []int, parallel bool) {
		o, s := offs[0], offs[1]
		if m == 0 {
			s = 0 // an empty run: the offset may lie past the buffer
		}
		switch x := src.(type) {
		case []float32:
			reduceFloat(kind, x[s:s+m], out, o, parallel, maxF32, minF32, gtF32, ltF32)
		case []float64:
			reduceFloat(kind, x[s:s+m], out, o, parallel, maxF64, minF64, gtF64, ltF64)
		case []bool:
			out.([]int64)[o] = int64(countBools(x[s:s+m], parallel))
		}
	}
	if kept.path == pathOne {
		one(kept.offs, true)
		return
	}
	// Every kept position, as runs of one element.
	all := layout{shape: append(append([]int(nil), kept.shape...), 1), offs: kept.offs,
		strides: [][]int{append(append([]int(nil), kept.strides[0]...), 0), append(append([]int(nil), kept.strides[1]...), 0)}}
	positions := all.rows()
	if positions < workers() && m >= splitReduce {
		w := all.walkRows(0)
		for range positions {
			one(w.offs, true)
			w.next()
		}
		return
	}
	parallel(positions, (splitReduce+m-1)/max(m, 1), func(lo, hi int) {
		w := all.walkRows(lo)
		for p := lo; p < hi; p++ {
			one(w.offs, false)
			w.next()
		}
	})
}

// The comparisons of the extreme reductions, as functions of the package
// rather than literals in a generic function (which allocate a closure
// for their dictionary at every call: one a row of a softmax's max).
func gtF32(a, b float32) bool { return a > b }
func ltF32(a, b float32) bool { return a < b }
func gtF64(a, b float64) bool { return a > b }
func ltF64(a, b float64) bool { return a < b }

// reduceFloat reduces x into out[o].
func reduceFloat[T float](kind plan.ReduceKind, x []T, out any, o int, parallel bool,
	maxk, mink func([]T) T, gt, lt func(a, b T) bool) {
	switch kind {
	case plan.Sum:
		s := sumFloat(x, parallel)
		switch v := out.(type) {
		case []float32:
			v[o] = float32(s)
		case []float64:
			v[o] = s
		}
	case plan.Max:
		out.([]T)[o] = extremeValue(x, maxk, gt, parallel)
	case plan.Min:
		out.([]T)[o] = extremeValue(x, mink, lt, parallel)
	case plan.ArgMax:
		out.([]int64)[o] = int64(argExtremeVec(x, maxk, gt, parallel))
	case plan.ArgMin:
		out.([]int64)[o] = int64(argExtremeVec(x, mink, lt, parallel))
	}
}

// extremeValue returns x[argExtremeVec(x, ...)] (x is not empty): the
// kernel's extreme of x, which is that element unless it is a zero or a
// NaN, whose sign or payload is then the first such element's.
func extremeValue[T float](x []T, k func([]T) T, better func(a, b T) bool, split bool) T {
	var v T
	if !split || len(x) < splitReduce || workers() == 1 {
		v = k(x)
	} else {
		parts := make([]T, workers())
		per := (len(x) + len(parts) - 1) / len(parts)
		parallel(len(parts), 1, func(lo, hi int) {
			for p := lo; p < hi; p++ {
				a, b := min(p*per, len(x)), min(p*per+per, len(x))
				if a < b {
					parts[p] = k(x[a:b])
				} else {
					parts[p] = x[0]
				}
			}
		})
		v = parts[0]
		for _, c := range parts[1:] {
			if v == v && (c != c || better(c, v)) {
				v = c
			}
		}
	}
	if v == 0 || v != v {
		return x[argExtremeVec(x, k, better, split)]
	}
	return v
}

// sumFloat returns the sum of x in float64: sumBlock-element blocks by
// the kernel (each a tree over 32 partial sums of 16 elements), the block
// sums by a binary tree (treeSum). A float64 sum of n elements thus adds
// at most 16 + 5 + log2(n/512) terms in a row to any one element, as
// NumPy's pairwise sum (16 + 3 + log2(n/128)).
func sumFloat[T float](x []T, split bool) float64 {
	nb := (len(x) + sumBlock - 1) / sumBlock
	if nb <= 64 {
		// On the stack: a softmax sums many short rows.
		var b [64]float64
		sumBlocks(b[:nb], x)
		return treeSum(b[:nb])
	}
	blocks := make([]float64, nb)
	if !split {
		sumBlocks(blocks, x)
		return treeSum(blocks)
	}
	parallel(nb, splitReduce/sumBlock, func(lo, hi int) {
		sumBlocks(blocks[lo:hi], x[lo*sumBlock:min(hi*sumBlock, len(x))])
	})
	return treeSum(blocks)
}

// sumBlocks is the block-sum kernel of x's dtype (sumBlocksF32 or
// sumBlocksF64), called directly so that dst can stay on the caller's
// stack.
func sumBlocks[T float](dst []float64, x []T) {
	switch x := any(x).(type) {
	case []float32:
		sumBlocksF32(dst, x)
	case []float64:
		sumBlocksF64(dst, x)
	}
}

// treeSum sums x (which it overwrites) as a balanced binary tree: x[i] +=
// x[i+1] for even i, then x[i] += x[i+2] for i a multiple of 4, and so
// on.
func treeSum(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	for step := 1; step < len(x); step *= 2 {
		for i := 0; i+step < len(x); i += 2 * step {
			x[i] += x[i+step]
		}
	}
	return x[0]
}

// extremeChunk is the run the extreme kernels take at a time: small
// enough to stay in L1 for the one rescan argExtreme makes.
const extremeChunk = 2048

// argExtremeVec returns the index of the first extreme element of x (x is
// not empty): the first NaN when there is one, as cpu-loop's argExtreme.
// The kernel gives each chunk's extreme; only the first chunk holding the
// best value is scanned again for its position.
func argExtremeVec[T float](x []T, k func([]T) T, better func(a, b T) bool, split bool) int {
	if !split || len(x) < splitReduce || workers() == 1 {
		return argExtremeChunks(x, k, better)
	}
	type part struct {
		at  int
		nan bool
	}
	parts := make([]part, workers())
	per := (len(x) + len(parts) - 1) / len(parts)
	parallel(len(parts), 1, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			a, b := min(p*per, len(x)), min(p*per+per, len(x))
			if a == b {
				parts[p] = part{at: -1}
				continue
			}
			i := argExtremeChunks(x[a:b], k, better)
			parts[p] = part{at: a + i, nan: x[a+i] != x[a+i]}
		}
	})
	best := -1
	for _, p := range parts {
		switch {
		case p.at < 0:
		case p.nan:
			return p.at
		case best < 0 || better(x[p.at], x[best]):
			best = p.at
		}
	}
	return best
}

func argExtremeChunks[T float](x []T, k func([]T) T, better func(a, b T) bool) int {
	var best T
	bestAt := -1
	for at := 0; at < len(x); at += extremeChunk {
		c := x[at:min(at+extremeChunk, len(x))]
		m := k(c)
		if m != m {
			for i, v := range c {
				if v != v {
					return at + i
				}
			}
		}
		if bestAt < 0 || better(m, best) {
			best, bestAt = m, at
		}
	}
	for i, v := range x[bestAt:min(bestAt+extremeChunk, len(x))] {
		if v == best {
			return bestAt + i
		}
	}
	return bestAt
}

// countBools returns the number of true elements.
func countBools(x []bool, split bool) int {
	if !split || len(x) < splitReduce {
		return countTrue(x)
	}
	counts := make([]int, workers())
	per := (len(x) + len(counts) - 1) / len(counts)
	parallel(len(counts), 1, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			counts[p] = countTrue(x[min(p*per, len(x)):min(p*per+per, len(x))])
		}
	})
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// sumVertical sums, for each run of the kept layout (w contiguous source
// elements), m rows s elements apart: out[j] = Σ_r src[r*s + j].
func sumVertical(src, out any, kept *layout, m, s int) {
	w := kept.n()
	rows := kept.rows()
	wk := kept.walkRows(0)
	for range rows {
		o, so := wk.offs[0], kept.strides[0][len(kept.shape)-1]
		var acc []float64
		switch x := src.(type) {
		case []float32:
			acc = sumRows(x[wk.offs[1]:], w, m, s, sumRowsF32)
		case []float64:
			acc = sumRows(x[wk.offs[1]:], w, m, s, sumRowsF64)
		}
		storeSums(out, o, so, acc)
		wk.next()
	}
}

// storeSums writes the float64 sums acc to out (float32 or float64) from
// element o, stepping by so.
func storeSums(out any, o, so int, acc []float64) {
	switch v := out.(type) {
	case []float32:
		for j, a := range acc {
			v[o+j*so] = float32(a)
		}
	case []float64:
		for j, a := range acc {
			v[o+j*so] = a
		}
	}
}

// A vertical sum runs over blocks of vertBlock rows and, within a block,
// strips of vertStrip columns: each block's strip is summed into a fresh
// row of partial sums (4 KiB of float64: it stays in L1 while eight rows
// stream past it) that is then added to the total. A float64 column sum
// thus adds at most vertBlock terms in a row at its deepest (NumPy adds
// the rows of an axis-0 sum one after another). On 4096×4096 float32 with
// one goroutine, strips of 512 columns took 2.3 ms, full rows (32 KiB of
// partial sums, thrashing L1) 4.3-5 ms.
const (
	vertBlock = 128
	vertStrip = 512
)

// sumRows returns the w column sums of m rows of x, ldx apart, split by
// columns over the workers when large (each worker walks every row of its
// columns: splitting by rows instead, two workers each streaming their
// own half of the array, was measured slower than one worker on
// 4096×4096: 5.7 ms against 4.3).
func sumRows[T float](x []T, w, m, ldx int, k func(acc []float64, x []T, ldx, rows int)) []float64 {
	acc := make([]float64, w)
	if m == 0 || w == 0 {
		return acc
	}
	strips := (w + vertStrip - 1) / vertStrip
	minPer := strips
	if m*w >= splitReduce {
		minPer = 1
	}
	parallel(strips, minPer, func(lo, hi int) {
		c0, c1 := lo*vertStrip, min(hi*vertStrip, w)
		var tmp [vertStrip]float64
		for b := 0; b < m; b += vertBlock {
			n := min(vertBlock, m-b)
			for j := c0; j < c1; j += vertStrip {
				t := tmp[:min(vertStrip, c1-j)]
				clear(t)
				k(t, x[b*ldx+j:(b+n-1)*ldx+j+len(t)], ldx, n)
				sumRowsF64(acc[j:j+len(t)], t, 0, 1)
			}
		}
	})
	return acc
}
