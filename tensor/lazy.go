package tensor

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// Lazy results.
//
// A ufunc's result is lazy: its shape and dtype are resolved, and every
// error raised, when it is called; the arithmetic waits. The result holds
// the op and its arguments (arrays, lazy or not, and scalars), so chained
// ufuncs form a graph that is computed as one kernel plan (package plan),
// one pass over memory, when its values are needed:
//
//   - its data is read (Data, ToSlice, Item, String, Buffer, npy saving)
//     or a view of it is taken;
//   - an op that is not elementwise takes it (matmul, indexing, linalg,
//     a scan); a reduction takes it without computing it, the graph
//     feeding the reduction's kernel (Sum(x*x) reads x once);
//   - something is about to write into storage it reads (assignment,
//     Into and InPlace forms): it is computed from the values before the
//     write, so results are NumPy's whatever the aliasing;
//   - Eval or Sync is called;
//   - an op would make its graph too large (maxNodes ops, or more
//     buffers than the device binds to one kernel): its largest
//     arguments are computed first.
//
// Intermediates nobody else holds are never written to memory. A result
// used twice is computed where it is used (each kernel recomputes it):
// elementwise work is cheap next to the memory traffic it saves.

// maxNodes bounds the ops of one lazy graph.
const maxNodes = 32

// maxBuffers bounds the buffers one kernel reads and writes on devices
// that state no bound of their own (device.BufferLimiter).
const maxBuffers = 16

// fusion is whether ufunc results are lazy: NUMGL_FUSION=off computes
// each at once (one kernel per op), as a reference and to debug.
var fusion = os.Getenv("NUMGL_FUSION") != "off"

// storage is the memory arrays view: a device buffer (nil until a lazy
// result is computed), shared by every view of it, and the lazy results
// that read it.
type storage struct {
	dev device.Device
	buf device.Buffer

	mu      sync.Mutex
	readers []weak.Pointer[lazy] // lazy results reading the storage
	swept   int                  // len(readers) after the last sweep
}

func newStorage(dev device.Device, buf device.Buffer) *storage {
	return &storage{dev: dev, buf: buf}
}

// addReader records that lz reads s.
func (s *storage) addReader(lz *lazy) {
	s.mu.Lock()
	if len(s.readers) >= 2*max(s.swept, 8) {
		// Drop the readers that are gone or computed.
		live := s.readers[:0]
		for _, w := range s.readers {
			if r := w.Value(); r != nil && !r.done.Load() {
				live = append(live, w)
			}
		}
		clear(s.readers[len(live):])
		s.readers = live
		s.swept = len(live)
	}
	s.readers = append(s.readers, weak.Make(lz))
	s.mu.Unlock()
}

// flush computes every lazy result that reads s: s is about to be
// written.
func (s *storage) flush() {
	s.mu.Lock()
	rs := s.readers
	s.readers, s.swept = nil, 0
	s.mu.Unlock()
	for _, w := range rs {
		if r := w.Value(); r != nil {
			r.realize()
		}
	}
}

// lazy is the deferred computation of a lazy result: an op of the table
// (or, with op NoOp, a cast of its one argument) over the result's shape.
type lazy struct {
	st    *storage // the result's storage, its buffer nil until computed
	dt    dtype.DType
	shape []int
	op    ufunc.ID
	loop  *ufunc.Loop
	args  []lazyArg  // nil once computed
	nodes int        // ops in the graph, up to computed arguments
	reads []*storage // every storage the graph reads, its lazy arguments' own included
	loads []*storage // the storages a kernel of the graph loads: a bound on its buffers

	mu   sync.Mutex
	done atomic.Bool
}

// lazyArg is one argument of a lazy op: an array (broadcast to the
// result's shape) or a scalar, taken in dtype dt (a cast where an
// array's dtype differs).
type lazyArg struct {
	arr *Array
	val dtype.Scalar
	dt  dtype.DType
}

// pending returns the args of lz while it is not computed, else nil.
func (lz *lazy) pending() []lazyArg {
	if lz.done.Load() {
		return nil
	}
	lz.mu.Lock()
	defer lz.mu.Unlock()
	return lz.args
}

// newLazy returns the lazy result of loop of op (NoOp: a cast to dt) on
// args over shape. It is not yet tracked as a reader (see track).
func newLazy(dev device.Device, op ufunc.ID, loop *ufunc.Loop, dt dtype.DType, shape []int, args []lazyArg) *Array {
	lz := &lazy{st: newStorage(dev, nil), dt: dt, shape: shape, op: op, loop: loop, args: args, nodes: 1}
	for _, a := range args {
		if a.arr == nil {
			continue
		}
		lz.reads = addStorage(lz.reads, a.arr.st)
		c := a.arr.lz
		if c == nil || c.pending() == nil {
			lz.loads = addStorage(lz.loads, a.arr.st)
			continue
		}
		lz.nodes += c.nodes
		for _, s := range c.reads {
			lz.reads = addStorage(lz.reads, s)
		}
		for _, s := range c.loads {
			lz.loads = addStorage(lz.loads, s)
		}
	}
	return &Array{dt: dt, shape: shape, strides: broadcast.ContiguousStrides(shape), st: lz.st, lz: lz}
}

func addStorage(list []*storage, s *storage) []*storage {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// track records a lazy result as a reader of every storage its graph
// reads, so that a write to any of them computes it first.
func (a *Array) track() {
	for _, s := range a.lz.reads {
		s.addReader(a.lz)
	}
}

// realize computes the lazy result into new storage, once.
func (lz *lazy) realize() {
	if lz.done.Load() {
		return
	}
	lz.mu.Lock()
	defer lz.mu.Unlock()
	if lz.done.Load() {
		return
	}
	dev := lz.st.dev
	buf, err := dev.Alloc(lz.dt, broadcast.Size(lz.shape))
	if err != nil {
		panic(fmt.Errorf("numgl: %w", err))
	}
	lz.st.buf = buf
	if broadcast.Size(lz.shape) > 0 {
		kb := newKernel(lz.shape, 0)
		root := kb.emitLazy(lz, lz.args, identityAxes(len(lz.shape)))
		k := kb.b.Store(root, kb.buffer(lz.st), lz.dt, broadcast.ContiguousStrides(lz.shape), 0)
		kb.run(dev, k)
	}
	lz.args, lz.reads, lz.loads = nil, nil, nil
	lz.done.Store(true)
}

// Eval computes a lazy result now (on a GPU: enqueues its kernel) and
// returns a; an array that is not lazy is returned as it is. It is never
// needed for correct results: reading an array computes it. Use it to
// choose where the work happens, or before timing.
func (a *Array) Eval() *Array {
	if a.lz != nil {
		a.lz.realize()
	}
	return a
}

// Sync computes a lazy result and waits until the device has finished
// all work so far (see Eval), then returns a.
func (a *Array) Sync() *Array {
	a.Eval()
	if err := a.Device().Sync(); err != nil {
		panic(err)
	}
	return a
}

// identityAxes returns 0, 1, ..., n-1.
func identityAxes(n int) []int {
	axes := make([]int, n)
	for i := range axes {
		axes[i] = i
	}
	return axes
}

// kernel assembles a device.Kernel: a plan builder and the buffers of
// the storages it names.
type kernel struct {
	b    *plan.Builder
	sts  []*storage
	memo map[memoKey]int // emitted lazy nodes by axes
	bad  *storage        // with watch: a storage loaded at another layout than watchStrides
	// watch, when set, is a storage being written at watchStrides and
	// watchOffset over the iteration shape: a load of it at any other
	// layout sets bad.
	watch        *storage
	watchStrides []int
	watchOffset  int
}

type memoKey struct {
	lz   *lazy
	axes string
}

func newKernel(shape []int, nReduce int) *kernel {
	return &kernel{b: plan.NewBuilder(shape, nReduce)}
}

// buffer returns the index of storage s among the kernel's buffers.
func (kb *kernel) buffer(s *storage) int {
	if i := slices.Index(kb.sts, s); i >= 0 {
		return i
	}
	kb.sts = append(kb.sts, s)
	return len(kb.sts) - 1
}

// run hands the finished plan k to dev.
func (kb *kernel) run(dev device.Device, k *plan.Kernel) {
	bufs := make([]device.Buffer, len(kb.sts))
	for i, s := range kb.sts {
		bufs[i] = s.buf
	}
	run(dev, &device.Kernel{Plan: k, Bufs: bufs})
}

// emit adds array a to the kernel's graph and returns its node. axes maps
// a's axes to the iteration shape's: a's axis i follows iteration axis
// axes[i], or none (-1: a has length 1 there, broadcast).
func (kb *kernel) emit(a *Array, axes []int) int {
	if a.lz != nil {
		if args := a.lz.pending(); args != nil {
			return kb.emitLazy(a.lz, args, axes)
		}
	}
	a.buffer()
	return kb.load(a.st, a.dt, a.strides, a.offset, axes)
}

// load adds a load of storage s at the given strides of the array's axes
// and offset.
func (kb *kernel) load(s *storage, dt dtype.DType, strides []int, offset int, axes []int) int {
	st := kb.strides(strides, axes)
	if kb.watch == s && (offset != kb.watchOffset || !slices.Equal(st, kb.watchStrides)) {
		kb.bad = s
	}
	return kb.b.Load(kb.buffer(s), dt, st, offset)
}

// strides returns the strides over the iteration shape of an array with
// the given strides whose axes map by axes (0 on the iteration axes it
// does not follow, and on those of length 1, where no stride matters).
func (kb *kernel) strides(strides []int, axes []int) []int {
	shape := kb.b.Shape()
	st := make([]int, len(shape))
	for i, ax := range axes {
		if ax >= 0 && shape[ax] != 1 {
			st[ax] += strides[i]
		}
	}
	return st
}

// emitLazy adds the graph of lz (args, its pending arguments) over its
// shape mapped by axes.
func (kb *kernel) emitLazy(lz *lazy, args []lazyArg, axes []int) int {
	key := memoKey{lz, axesKey(axes)}
	if n, ok := kb.memo[key]; ok {
		return n
	}
	var nodes [3]int
	for i, a := range args {
		if a.arr == nil {
			nodes[i] = kb.b.Const(a.val, a.dt)
			continue
		}
		nodes[i] = kb.b.Cast(kb.emit(a.arr, argAxes(a.arr.shape, lz.shape, axes)), a.dt)
	}
	var n int
	if lz.op == ufunc.NoOp {
		n = kb.b.Cast(nodes[0], lz.dt)
	} else {
		n = kb.b.Apply(lz.op, lz.loop, nodes[:len(args)]...)
	}
	if kb.memo == nil {
		kb.memo = map[memoKey]int{}
	}
	kb.memo[key] = n
	return n
}

// argAxes maps the axes of an argument of shape arg, broadcast to shape
// (whose axes map by axes), to the iteration axes.
func argAxes(arg, shape, axes []int) []int {
	out := make([]int, len(arg))
	off := len(shape) - len(arg)
	for j, d := range arg {
		if d == 1 {
			out[j] = -1
		} else {
			out[j] = axes[off+j]
		}
	}
	return out
}

func axesKey(axes []int) string {
	b := make([]byte, len(axes))
	for i, a := range axes {
		b[i] = byte(a + 1)
	}
	return string(b)
}

// bufferLimit is the most buffers one kernel of dev may use.
func bufferLimit(dev device.Device) int {
	if l, ok := dev.(device.BufferLimiter); ok {
		return min(l.MaxKernelBuffers(), maxBuffers)
	}
	return maxBuffers
}

// fit computes arguments of a new lazy op (its args) until the op's
// graph holds at most maxNodes ops and loads at most the device's
// buffers (less one for its own output), the largest first.
func fit(dev device.Device, args []lazyArg) {
	limit := bufferLimit(dev) - 1
	for {
		nodes, largest := 1, -1
		var bufs []*storage
		for i, a := range args {
			if a.arr == nil {
				continue
			}
			c := a.arr.lz
			if c == nil || c.pending() == nil {
				bufs = addStorage(bufs, a.arr.st)
				continue
			}
			nodes += c.nodes
			for _, s := range c.loads {
				bufs = addStorage(bufs, s)
			}
			if largest < 0 || c.nodes > args[largest].arr.lz.nodes {
				largest = i
			}
		}
		if largest < 0 || (nodes <= maxNodes && len(bufs) <= limit) {
			return
		}
		args[largest].arr.lz.realize()
	}
}
