package cpu

import (
	"slices"
	"sync"
	"unsafe"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// fusedBytes is the size of the block of each node's values cpu-simd
// evaluates a graph on at a time (its elements: fusedBytes over the
// widest dtype of the graph, and at least sumBlock, so that a fused sum
// cuts its values where an unfused one does). Blocks this small keep the
// few a graph holds at once, the inputs' block and the output's in L1,
// and alternate reading memory with computing often enough for the
// hardware prefetcher to keep streaming. Measured on the 2-vCPU EPYC VM
// (BenchmarkExpr, exp(-x*x/2) on 1e7 elements into a preallocated array,
// best of 5): float32 blocks of 256, 512, 1024, 2048, 4096 elements took
// 10.2, 5.9, 4.9, 7.7 and 7.2 ms; float64 blocks of 256, 512 and 1024
// took 14.0, 8.5 and 10.5 ms.
const fusedBytes = 4096

// blockOf returns the block (in elements) of a graph whose widest dtype
// has size bytes.
func blockOf(size int) int { return max(sumBlock, fusedBytes/size) }

// fused is a plan prepared for cpu-simd's blocked evaluation: every node
// applied, with the ops' vector kernels (or, for ops without them, their
// loops), to block-local buffers ("slots"), each input read once where
// it lies, and the root written once.
type fused struct {
	k      *plan.Kernel
	inputs []any // the inputs' typed slices
	steps  []int // each input's stride along the innermost axis
	nodes  []fnode
	slots  []dtype.DType // the scratch slots' dtypes
	block  int           // elements per block: blockOf the graph, or a whole run when no slot is needed
	rblock int           // elements per block of a reduction: blockOf the graph
	split  int           // the least work split over goroutines
	direct bool          // the root writes its run of the destination itself
}

// fnode is a node of the plan as the evaluator runs it.
type fnode struct {
	*plan.Node
	slot  int         // the slot holding the node's values (-1: none)
	kern  blockKernel // Apply: the vector kernels, or nil
	konst any         // Const: the value, a one-element slice
}

// prepareFused readies k for evaluation in runs along iteration axis
// axis (-1: none, a 0-d space), its results stored at a destination whose
// stride along it is dstStep (1: a run).
func prepareFused(k *plan.Kernel, bufs []device.Buffer, axis, dstStep int) *fused {
	f := &fused{k: k, inputs: make([]any, len(k.Inputs)), steps: make([]int, len(k.Inputs)),
		nodes: make([]fnode, len(k.Nodes)), split: splitStream}
	for i, in := range k.Inputs {
		f.inputs[i] = bufs[in.Buf].(*Buffer).data
		if axis >= 0 {
			f.steps[i] = in.Strides[axis]
		}
	}
	root := k.Root()
	f.direct = dstStep == 1 && k.Nodes[root].Kind == plan.Apply
	lastUse := make([]int, len(k.Nodes))
	for i := range k.Nodes {
		n := &k.Nodes[i]
		for a := range n.NArgs() {
			lastUse[n.Args[a]] = i
		}
	}
	lastUse[root] = len(k.Nodes)
	var free []int // released slots
	for i := range k.Nodes {
		n := &k.Nodes[i]
		fn := &f.nodes[i]
		fn.Node, fn.slot = n, -1
		// Slots whose node is last used here may hold this node's
		// values: every kernel and loop reads an element before it
		// writes the same position.
		for a := range n.NArgs() {
			if arg := n.Args[a]; lastUse[arg] == i && f.nodes[arg].slot >= 0 && !slices.Contains(free, f.nodes[arg].slot) {
				free = append(free, f.nodes[arg].slot)
			}
		}
		needs := false
		switch n.Kind {
		case plan.Load:
			needs = f.steps[n.Input] != 0 && f.steps[n.Input] != 1
		case plan.Const:
			fn.konst, _ = makeSlice(n.DType, 1)
			fill(fn.konst, device.Operand{Shape: []int{}, Strides: []int{}}, n.Value)
		case plan.Cast:
			needs = true
		case plan.Apply:
			needs = !(i == root && f.direct)
			ks := kernelsOf(n.Op, n.Loop)
			fn.kern = ks.fn
			if ks.fn != nil {
				f.split = min(f.split, ks.split)
			} else if mathLoops[n.Op] {
				f.split = min(f.split, splitLoop)
			}
		}
		if needs {
			fn.slot = f.takeSlot(&free, n.DType)
		}
	}
	widest := 1
	for i := range k.Nodes {
		widest = max(widest, k.Nodes[i].DType.Size())
	}
	f.block = blockOf(widest)
	f.rblock = f.block
	if len(f.slots) == 0 {
		f.block = 1 << 62 // nothing to keep in cache: a whole run at once
	}
	return f
}

// takeSlot returns a released slot of dtype dt, or a new one.
func (f *fused) takeSlot(free *[]int, dt dtype.DType) int {
	for j, s := range *free {
		if f.slots[s] == dt {
			*free = append((*free)[:j], (*free)[j+1:]...)
			return s
		}
	}
	f.slots = append(f.slots, dt)
	return len(f.slots) - 1
}

// scratch is one goroutine's working memory for a fused plan.
type scratch struct {
	slots []any // a block of each slot's dtype
	vals  []val // each node's values in the current block
	args  []any // a loop's arguments
	offs  []int
	steps []int
	ioffs []int   // the inputs' offsets in the current block
	mem   *[]byte // the slots' memory, from slotMem
}

// slotMem keeps the memory of released scratches' slots for the next
// (a fused plan on a few thousand elements would otherwise spend a
// third of its time allocating and clearing it).
var slotMem sync.Pool // of *[]byte

func (f *fused) newScratch() *scratch {
	s := &scratch{slots: make([]any, len(f.slots)), vals: make([]val, len(f.nodes)),
		args: make([]any, 4), offs: make([]int, 4), steps: make([]int, 4), ioffs: make([]int, len(f.inputs))}
	need := 0
	for _, dt := range f.slots {
		need += f.block * dt.Size()
	}
	if need == 0 {
		return s
	}
	s.mem, _ = slotMem.Get().(*[]byte)
	if s.mem == nil || cap(*s.mem) < need {
		b := make([]byte, need)
		s.mem = &b
	}
	base, off := unsafe.Pointer(unsafe.SliceData(*s.mem)), 0
	for i, dt := range f.slots {
		s.slots[i] = sliceAt(unsafe.Add(base, off), dt, f.block)
		off += f.block * dt.Size()
	}
	return s
}

// release gives back the scratch's slot memory; s is not used again.
func (s *scratch) release() {
	if s.mem != nil {
		slotMem.Put(s.mem)
		s.mem, s.slots = nil, nil
	}
}

// sliceAt returns the n elements of dt from p as a typed slice.
func sliceAt(p unsafe.Pointer, dt dtype.DType, n int) any {
	switch dt {
	case dtype.Bool:
		return unsafe.Slice((*bool)(p), n)
	case dtype.Int32:
		return unsafe.Slice((*int32)(p), n)
	case dtype.Int64:
		return unsafe.Slice((*int64)(p), n)
	case dtype.Float32:
		return unsafe.Slice((*float32)(p), n)
	}
	return unsafe.Slice((*float64)(p), n)
}

// run evaluates one run of n elements: input i's first element at
// offs[i+1] (stepping by its innermost stride), the destination's at
// offs[0], stepping by dstStep.
func (f *fused) run(sc *scratch, dst any, dstStep int, offs []int, n int) {
	for c := 0; c < n; c += f.block {
		m := min(f.block, n-c)
		for i := range sc.ioffs {
			sc.ioffs[i] = offs[i+1] + c*f.steps[i]
		}
		f.eval(sc, m)
		f.store(sc, dst, offs[0]+c*dstStep, dstStep, m)
	}
}

// eval computes every node of the block but a direct root (which store
// computes), leaving each node's values in sc.vals.
func (f *fused) eval(sc *scratch, n int) {
	root := len(f.nodes) - 1
	for i := range f.nodes {
		nd := &f.nodes[i]
		switch nd.Kind {
		case plan.Load:
			in := nd.Input
			if s := f.steps[in]; s == 0 || s == 1 {
				sc.vals[i] = val{f.inputs[in], sc.ioffs[in], s}
				continue
			}
			castRow(sc.slots[nd.slot], 0, 1, f.inputs[in], sc.ioffs[in], f.steps[in], n)
			sc.vals[i] = val{sc.slots[nd.slot], 0, 1}
		case plan.Const:
			sc.vals[i] = val{nd.konst, 0, 0}
		case plan.Cast:
			a := sc.vals[nd.Args[0]]
			castRow(sc.slots[nd.slot], 0, 1, a.data, a.off, a.step, n)
			sc.vals[i] = val{sc.slots[nd.slot], 0, 1}
		case plan.Apply:
			if i == root && f.direct {
				continue
			}
			f.apply(sc, nd, sc.slots[nd.slot], 0, n)
			sc.vals[i] = val{sc.slots[nd.slot], 0, 1}
		}
	}
}

// apply runs an Apply node into out[oo:oo+n]: its vector kernels, or its
// loop.
func (f *fused) apply(sc *scratch, nd *fnode, out any, oo, n int) {
	na := nd.NArgs()
	var args [3]val
	for a := range na {
		args[a] = sc.vals[nd.Args[a]]
	}
	if nd.kern != nil && nd.kern(out, oo, args, n) {
		return
	}
	for a := range na {
		sc.args[a], sc.offs[a], sc.steps[a] = args[a].data, args[a].off, args[a].step
	}
	sc.args[na], sc.offs[na], sc.steps[na] = out, oo, 1
	nd.Loop.Fn(sc.args[:na+1], sc.offs[:na+1], sc.steps[:na+1], n)
}

// store writes the block's root values to dst from dstOff, stepping by
// dstStep; a direct root computes them there.
func (f *fused) store(sc *scratch, dst any, dstOff, dstStep, n int) {
	root := len(f.nodes) - 1
	if f.direct {
		f.apply(sc, &f.nodes[root], dst, dstOff, n)
		return
	}
	v := sc.vals[root]
	castRow(dst, dstOff, dstStep, v.data, v.off, v.step, n)
}

// runFused evaluates an elementwise plan into its output: one dispatch
// over the runs of the layout, split over goroutines when large.
func runFused(r *device.Kernel) {
	k := r.Plan
	dst := data(device.Operand{Buf: r.Bufs[k.Out.Buf]})
	l := kernelLayout(k, k.Out.Strides, k.Out.Offset)
	if l.path == pathEmpty {
		return
	}
	f := prepareFused(k, r.Bufs, len(k.Shape)-1, l.innerStride(0))
	f.storeAll(&l, dst)
}

// storeAll evaluates f over every run of l (operand 0 the destination).
func (f *fused) storeAll(l *layout, dst any) {
	dstStep := l.innerStride(0)
	if l.path == pathOne {
		sc := f.newScratch()
		f.run(sc, dst, 0, l.offs, 1)
		sc.release()
		return
	}
	l.forRuns(f.split, func() (func(offs []int, n int), func()) {
		sc := f.newScratch()
		return func(offs []int, n int) { f.run(sc, dst, dstStep, offs, n) }, sc.release
	})
}

// kernelLayout is the layout of a plan's iteration space (already
// collapsed by the planner) with the destination (strides, offset) as
// operand 0 and the inputs after it.
func kernelLayout(k *plan.Kernel, dstStrides []int, dstOff int) layout {
	l := layout{shape: k.Shape, strides: make([][]int, len(k.Inputs)+1), offs: make([]int, len(k.Inputs)+1),
		bcast: make([]bool, len(k.Inputs)+1)}
	l.strides[0], l.offs[0] = dstStrides, dstOff
	for i, in := range k.Inputs {
		l.strides[i+1], l.offs[i+1] = in.Strides, in.Offset
	}
	switch {
	case len(k.Shape) == 0:
		l.path = pathOne
	case k.Size() == 0:
		l.path = pathEmpty
	default:
		l.path = pathStrided // any: runs with their own steps
		last := len(k.Shape) - 1
		for i := range l.bcast {
			l.bcast[i] = l.strides[i][last] == 0
		}
	}
	return l
}

// innerStride returns operand k's stride along the innermost axis (0 for
// a 0-d layout).
func (l *layout) innerStride(k int) int {
	if len(l.shape) == 0 {
		return 0
	}
	return l.strides[k][len(l.shape)-1]
}

// forRuns calls a run function for every run of the layout: by one
// goroutine when the work is under minSplit elements, else split over
// GOMAXPROCS goroutines by runs (or, with fewer runs than goroutines,
// each run by columns). newRun is called once per goroutine, for the
// function that goroutine uses (with its own scratch), and for the
// function it calls when done with it.
func (l *layout) forRuns(minSplit int, newRun func() (run func(offs []int, n int), done func())) {
	n := l.n()
	rows := l.rows()
	if rows*n < minSplit || workers() == 1 {
		run, done := newRun()
		w := l.walkRows(0)
		for range rows {
			run(w.offs, n)
			w.next()
		}
		done()
		return
	}
	if rows >= workers() {
		parallel(rows, (minSplit+n-1)/n, func(lo, hi int) {
			run, done := newRun()
			w := l.walkRows(lo)
			for r := lo; r < hi; r++ {
				run(w.offs, n)
				w.next()
			}
			done()
		})
		return
	}
	w := l.walkRows(0)
	for range rows {
		base := append([]int(nil), w.offs...)
		parallel(n, minSplit, func(lo, hi int) {
			o := make([]int, len(base))
			for k := range base {
				o[k] = base[k] + lo*l.innerStride(k)
			}
			run, done := newRun()
			run(o, hi-lo)
			done()
		})
		w.next()
	}
}
