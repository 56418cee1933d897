package cpu

import (
	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
)

// path is the way cpu-simd runs a collapsed layout.
type path int

const (
	// pathStrided is everything the fast paths do not take: cpu-loop's
	// strided loops.
	pathStrided path = iota
	// pathEmpty has no elements: nothing to do.
	pathEmpty
	// pathOne is a single element (0-d, or only size-1 axes).
	pathOne
	// pathVector is one run: the written operand contiguous, every other
	// contiguous or a broadcast scalar (stride 0).
	pathVector
	// pathRows is rows of such runs: the innermost axis is a vector run
	// for every operand and the outer axes are anything (x + row, x +
	// column, a slice of a bigger array).
	pathRows
	// pathTranspose is two operands, the written one contiguous along the
	// innermost axis and the other along the axis before it, both with
	// positive strides there (a transposed copy).
	pathTranspose
)

var pathNames = [...]string{"strided", "empty", "one", "vector", "rows", "transpose"}

func (p path) String() string { return pathNames[p] }

// layout is a collapsed iteration space: operand 0 is the one written,
// the others are read.
//
//	shape     the collapsed shape (broadcast.Collapse)
//	strides   strides[k] for operand k, in elements
//	offs      offs[k], operand k's first element
//	bcast     bcast[k]: operand k's innermost stride is 0
type layout struct {
	path    path
	shape   []int
	strides [][]int
	offs    []int
	bcast   []bool
}

// planLayout collapses the operands' common iteration space (they all
// have ops[0]'s shape) and classifies it.
func planLayout(ops ...device.Operand) layout {
	st := make([][]int, len(ops))
	l := layout{offs: make([]int, len(ops)), bcast: make([]bool, len(ops))}
	for k, o := range ops {
		st[k] = o.Strides
		l.offs[k] = o.Offset
	}
	l.shape, l.strides = broadcast.Collapse(ops[0].Shape, st...)
	switch {
	case len(l.shape) == 0:
		l.path = pathOne
		return l
	case l.shape[0] == 0:
		l.path = pathEmpty
		return l
	}
	last := len(l.shape) - 1
	inner := l.strides[0][last] == 1
	for k := 1; k < len(ops) && inner; k++ {
		s := l.strides[k][last]
		inner = s == 0 || s == 1
		l.bcast[k] = s == 0
	}
	switch {
	case inner && last == 0:
		l.path = pathVector
	case inner:
		l.path = pathRows
	case len(ops) == 2 && last >= 1 && l.strides[0][last] == 1 && l.strides[0][last-1] > 0 &&
		l.strides[1][last-1] == 1 && l.strides[1][last] > 0:
		l.path = pathTranspose
	default:
		l.path = pathStrided
	}
	return l
}

// n is the length of the innermost axis: the length of a run.
func (l *layout) n() int { return l.shape[len(l.shape)-1] }

// rows is the number of runs.
func (l *layout) rows() int {
	r := 1
	for _, d := range l.shape[:len(l.shape)-1] {
		r *= d
	}
	return r
}

// rowWalker visits the runs of a layout in C order, keeping the first
// element's offset of each operand in offs.
type rowWalker struct {
	shape   []int   // the outer axes
	strides [][]int // per operand, the outer axes
	pos     []int
	offs    []int
}

// walkRows returns a walker over the layout's runs, starting at run lo.
func (l *layout) walkRows(lo int) *rowWalker {
	last := len(l.shape) - 1
	w := &rowWalker{shape: l.shape[:last], strides: make([][]int, len(l.offs)), pos: make([]int, last),
		offs: append([]int(nil), l.offs...)}
	for k := range l.offs {
		w.strides[k] = l.strides[k][:last]
	}
	for i := last - 1; i >= 0; i-- {
		w.pos[i] = lo % w.shape[i]
		lo /= w.shape[i]
		for k := range w.offs {
			w.offs[k] += w.pos[i] * w.strides[k][i]
		}
	}
	return w
}

// next moves to the following run.
func (w *rowWalker) next() {
	for i := len(w.shape) - 1; i >= 0; i-- {
		w.pos[i]++
		for k := range w.offs {
			w.offs[k] += w.strides[k][i]
		}
		if w.pos[i] < w.shape[i] {
			return
		}
		for k := range w.offs {
			w.offs[k] -= w.strides[k][i] * w.shape[i]
		}
		w.pos[i] = 0
	}
}

// runRows calls run(offs, n) for every run of the layout, where run
// handles n elements of each operand from offs (a broadcast operand's one
// element at offs). Work of at least minSplit elements is split over
// GOMAXPROCS goroutines: by rows when there are enough of them, else
// each row by columns.
func (l *layout) runRows(minSplit int, run func(offs []int, n int)) {
	n := l.n()
	if len(l.shape) == 1 {
		l.splitColumns(l.offs, n, minSplit, run)
		return
	}
	rows := l.rows()
	if rows*n >= minSplit && rows < workers() {
		w := l.walkRows(0)
		for range rows {
			l.splitColumns(w.offs, n, minSplit, run)
			w.next()
		}
		return
	}
	parallel(rows, (minSplit+n-1)/n, func(lo, hi int) {
		w := l.walkRows(lo)
		for r := lo; r < hi; r++ {
			run(w.offs, n)
			w.next()
		}
	})
}

// splitColumns runs one row of n elements, split by columns when large.
func (l *layout) splitColumns(offs []int, n, minSplit int, run func(offs []int, n int)) {
	parallel(n, minSplit, func(lo, hi int) {
		o := make([]int, len(offs))
		for k := range offs {
			o[k] = offs[k]
			if !l.bcast[k] {
				o[k] += lo
			}
		}
		run(o, hi-lo)
	})
}
