package tensor

import (
	"os"
	"slices"
	"sync"
	"sync/atomic"

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
//   - its data is read (Data, ToSlice, Item, String, Buffer, npy saving),
//     a view of it is taken, or something writes into it;
//   - an op that is not elementwise takes it (matmul, indexing, linalg,
//     a scan); a reduction takes it without computing it, the graph
//     feeding the reduction's kernel (Sum(x*x) reads x once);
//   - Eval or Sync is called;
//   - an op would make its graph too large (maxNodes ops, or more
//     buffers than the device binds to one kernel): its largest
//     arguments are computed first, and so is an argument smaller than
//     the op's result (broadcast), whose values would otherwise be
//     recomputed at every element.
//
// Intermediates nobody else holds are never written to memory. A result
// used twice is computed where it is used (each kernel recomputes it):
// elementwise work is cheap next to the memory traffic it saves.
//
// # Writes
//
// A lazy result holds the buffers of its arguments as they were when it
// was made, and its value is NumPy's: the op on those values. Writing
// into an array whose buffer a pending lazy result holds (assignment,
// Into and InPlace forms, Set) gives the array's storage a new buffer
// first — copy on write, with a copy of the old contents unless the
// write covers them all — which the write and every view of the storage
// see, while the lazy results keep the old one. A storage counts the
// pending results holding its buffer, so writes to arrays nobody reads
// lazily stay in place.

// maxNodes bounds the ops of one lazy graph.
const maxNodes = 32

// maxBuffers bounds the buffers one kernel reads and writes on devices
// that state no bound of their own (device.BufferLimiter).
const maxBuffers = 16

// fusion is whether ufunc results are lazy: NUMGL_FUSION=off computes
// each at once (one kernel per op), as a reference and to debug.
var fusion = os.Getenv("NUMGL_FUSION") != "off"

// storage is the memory arrays view: a device buffer (nil until a lazy
// result is computed), shared by every view of it.
type storage struct {
	dev device.Device
	buf device.Buffer
	// held counts the pending lazy results that hold buf (or, for a
	// pending lazy result's own storage, that will read its result). A
	// new buffer gets a new count: holders of the old one release the
	// count they took.
	held *atomic.Int32
}

func newStorage(dev device.Device, buf device.Buffer) *storage {
	return &storage{dev: dev, buf: buf, held: new(atomic.Int32)}
}

// beforeWrite readies s to be written: when pending lazy results hold
// its buffer, or force is set, s gets a new buffer of the same dtype and
// length, holding a copy of the old one unless covers (the write covers
// every element). It returns the buffer the write must go to.
func (s *storage) beforeWrite(covers, force bool) device.Buffer {
	if s.held.Load() == 0 && !force {
		return s.buf
	}
	s.held = new(atomic.Int32)
	old := s.buf
	buf, err := s.dev.Alloc(old.DType(), old.Len())
	if err != nil {
		panic(deviceError(err))
	}
	if !covers && old.Len() > 0 {
		op := device.Operand{Shape: []int{old.Len()}, Strides: []int{1}}
		src, dst := op, op
		src.Buf, dst.Buf = old, buf
		run(s.dev, &device.Copy{Dst: dst, Src: src})
	}
	s.buf = buf
	return buf
}

// lazy is the deferred computation of a lazy result: an op of the table
// (or, with op NoOp, a cast of its one argument) over the result's shape.
type lazy struct {
	st     storage // the result's storage, its buffer nil until computed
	result device.Buffer
	dt     dtype.DType
	shape  []int
	op     ufunc.ID
	loop   *ufunc.Loop
	args   []lazyArg // nil once computed
	nodes  int       // ops in the graph, up to computed arguments
	loads  []device.Buffer
	// loads are the buffers a kernel of the graph reads: a bound on its
	// buffers.

	mu   sync.Mutex
	done atomic.Bool
}

// lazyArg is one argument of a lazy op: an array (broadcast to the
// result's shape) with the buffer it had when the op was made (nil for a
// pending lazy result) and the hold count the op took on it, or a
// scalar; taken in dtype dt (a cast where an array's dtype differs).
type lazyArg struct {
	arr  *Array
	buf  device.Buffer
	held *atomic.Int32
	val  dtype.Scalar
	dt   dtype.DType
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

// lazyArray is a lazy result in one allocation: the Array, its lazy
// computation, and room for the slices of a small one.
type lazyArray struct {
	arr   Array
	lz    lazy
	held  atomic.Int32
	args  [3]lazyArg
	ints  [8]int
	loads [4]device.Buffer
}

// newLazy returns the lazy result of loop of op (NoOp: a cast to dt) on
// args over shape (which it keeps), whose array arguments come with
// their current buffers (argBuffers), and holds those (see Writes).
func newLazy(dev device.Device, op ufunc.ID, loop *ufunc.Loop, dt dtype.DType, shape []int, args []lazyArg) *Array {
	la := &lazyArray{}
	lz := &la.lz
	lz.st.held = &la.held
	lz.st.dev, lz.dt, lz.shape, lz.op, lz.loop, lz.nodes = dev, dt, shape, op, loop, 1
	lz.args = append(la.args[:0], args...)
	lz.loads = la.loads[:0]
	for i := range lz.args {
		a := &lz.args[i]
		if a.arr == nil {
			continue
		}
		a.held = a.arr.st.held
		a.held.Add(1)
		if a.buf != nil {
			lz.loads = addBuffer(lz.loads, a.buf)
			continue
		}
		c := a.arr.lz
		lz.nodes += c.nodes
		for _, b := range c.loads {
			lz.loads = addBuffer(lz.loads, b)
		}
	}
	var strides []int
	if len(shape) > len(la.ints) {
		strides = make([]int, len(shape))
	} else {
		strides = la.ints[:len(shape)]
	}
	contiguousStrides(strides, shape)
	la.arr = Array{dt: dt, shape: shape, strides: strides, st: &lz.st, lz: lz}
	return &la.arr
}

// contiguousStrides writes the C-order strides of shape to st.
func contiguousStrides(st, shape []int) {
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= max(shape[i], 1)
	}
}

func addBuffer(list []device.Buffer, b device.Buffer) []device.Buffer {
	if slices.Contains(list, b) {
		return list
	}
	return append(list, b)
}

// realize computes the lazy result into new storage, once, and lets go
// of its arguments.
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
	size := broadcast.Size(lz.shape)
	buf, err := device.AllocRaw(dev, lz.dt, size)
	if err != nil {
		panic(allocFailed(err, lz.dt, lz.shape))
	}
	if size > 0 {
		kb := newKernel(lz.shape, 0)
		root := kb.emitOp(lz, lz.op, lz.loop, lz.dt, lz.shape, lz.args, kb.identity(len(lz.shape)))
		st := kb.ints(len(lz.shape))
		contiguousStrides(st, lz.shape)
		kb.runStore(dev, root, buf, lz.dt, st, 0)
	}
	lz.st.buf, lz.result = buf, buf
	for _, a := range lz.args {
		if a.held != nil {
			a.held.Add(-1)
		}
	}
	lz.args, lz.loads = nil, nil
	lz.done.Store(true)
}

// Eval computes a lazy result now (on a GPU: enqueues its kernel) and
// returns a; an array that is not lazy is returned as it is. It is never
// needed for correct results: reading an array computes it. Use it to
// choose where the work happens, or before timing.
func (a *Array) Eval() *Array {
	if a.live().lz != nil {
		a.lz.realize()
	}
	return a
}

// Sync computes a lazy result and waits until the device has finished
// all work so far (see Eval), then returns a.
func (a *Array) Sync() *Array {
	a.Eval()
	if err := a.Device().Sync(); err != nil {
		panic(deviceError(err))
	}
	return a
}

// kernel assembles a device.Kernel: a plan builder and the buffers it
// names. Kernels are pooled: newKernel takes one, run returns it.
type kernel struct {
	b     plan.Builder
	bufs  []device.Buffer
	memo  []memoEntry
	arena []int // axes and strides, in chunks that never move
	// watch, when set, is a buffer being written at watchStrides and
	// watchOffset over the iteration shape: a load of it at any other
	// layout sets bad.
	watch        device.Buffer
	watchStrides []int
	watchOffset  int
	bad          bool
}

// memoEntry is a lazy op emitted with axes: its node.
type memoEntry struct {
	lz   *lazy
	axes []int
	node int
}

var kernels = sync.Pool{New: func() any { return &kernel{} }}

func newKernel(shape []int, nReduce int) *kernel {
	kb := kernels.Get().(*kernel)
	kb.b.Reset(shape, nReduce)
	return kb
}

// free returns kb to the pool.
func (kb *kernel) free() {
	clear(kb.bufs)
	clear(kb.memo)
	kb.bufs, kb.memo, kb.arena = kb.bufs[:0], kb.memo[:0], kb.arena[:0]
	kb.watch, kb.watchStrides, kb.bad = nil, nil, false
	kernels.Put(kb)
}

// ints returns n zeroed ints from the arena.
func (kb *kernel) ints(n int) []int {
	if len(kb.arena)+n > cap(kb.arena) {
		kb.arena = make([]int, 0, max(256, n))
	}
	s := kb.arena[len(kb.arena) : len(kb.arena)+n : len(kb.arena)+n]
	kb.arena = kb.arena[:len(kb.arena)+n]
	clear(s)
	return s
}

// identity returns the axes 0, 1, ..., n-1.
func (kb *kernel) identity(n int) []int {
	axes := kb.ints(n)
	for i := range axes {
		axes[i] = i
	}
	return axes
}

// buffer returns the index of buf among the kernel's buffers.
func (kb *kernel) buffer(buf device.Buffer) int {
	if i := slices.Index(kb.bufs, buf); i >= 0 {
		return i
	}
	kb.bufs = append(kb.bufs, buf)
	return len(kb.bufs) - 1
}

// request is a device.Kernel and its plan in one allocation, with room
// for its buffers. A synchronous device's requests are reused.
type request struct {
	k    device.Kernel
	plan plan.Kernel
	bufs [6]device.Buffer
}

var requests = sync.Pool{New: func() any { return new(request) }}

// newRequest returns a request for dev: a reused one when dev is
// synchronous (device.Synchronous), which send returns to the pool.
func newRequest(dev device.Device) *request {
	if s, ok := dev.(device.Synchronous); ok && s.Synchronous() {
		return requests.Get().(*request)
	}
	return new(request)
}

// runStore finishes the kernel storing root into buf (see
// plan.Builder.Store), hands it to dev and frees kb.
func (kb *kernel) runStore(dev device.Device, root int, buf device.Buffer, dt dtype.DType, strides []int, offset int) {
	r := newRequest(dev)
	kb.b.StoreTo(&r.plan, root, kb.buffer(buf), dt, strides, offset)
	kb.send(dev, r)
}

// runReduce finishes the kernel reducing root into buf (see
// plan.Builder.Reduce), hands it to dev and frees kb.
func (kb *kernel) runReduce(dev device.Device, kind plan.ReduceKind, root int, buf device.Buffer, dt dtype.DType, strides []int, offset int, rootStrides []int) {
	r := newRequest(dev)
	kb.b.ReduceTo(&r.plan, kind, root, kb.buffer(buf), dt, strides, offset, rootStrides)
	kb.send(dev, r)
}

// send runs the request r of kb's finished plan on dev and frees kb.
func (kb *kernel) send(dev device.Device, r *request) {
	r.k.Plan = &r.plan
	if len(kb.bufs) <= len(r.bufs) {
		r.k.Bufs = r.bufs[:len(kb.bufs)]
	} else {
		r.k.Bufs = make([]device.Buffer, len(kb.bufs))
	}
	copy(r.k.Bufs, kb.bufs)
	kb.free()
	run(dev, &r.k)
	if s, ok := dev.(device.Synchronous); ok && s.Synchronous() {
		clear(r.k.Bufs)
		r.k = device.Kernel{}
		requests.Put(r)
	}
}

// emit adds array a, as it is now, to the kernel's graph and returns its
// node. axes maps a's axes to the iteration shape's: a's axis i follows
// iteration axis axes[i], or none (-1: a has length 1 there, broadcast).
func (kb *kernel) emit(a *Array, axes []int) int {
	if a.lz != nil {
		if args := a.lz.pending(); args != nil {
			lz := a.lz
			return kb.emitOp(lz, lz.op, lz.loop, lz.dt, lz.shape, args, axes)
		}
	}
	return kb.load(a.buffer(), a.dt, a.strides, a.offset, axes)
}

// argBuffers sets the buffer of every argument that is an array with
// one: not a pending lazy result.
func argBuffers(args []lazyArg) {
	for i := range args {
		if a := args[i].arr; a != nil && (a.lz == nil || a.lz.pending() == nil) {
			args[i].buf = a.buffer()
		}
	}
}

// emitArg adds an argument of a lazy op: its array as it was when the op
// was made (see argBuffers).
func (kb *kernel) emitArg(a lazyArg, axes []int) int {
	if a.buf != nil {
		return kb.load(a.buf, a.arr.dt, a.arr.strides, a.arr.offset, axes)
	}
	if args := a.arr.lz.pending(); args != nil {
		lz := a.arr.lz
		return kb.emitOp(lz, lz.op, lz.loop, lz.dt, lz.shape, args, axes)
	}
	// Computed since: its result, which writes since have not touched.
	return kb.load(a.arr.lz.result, a.arr.dt, a.arr.strides, a.arr.offset, axes)
}

// load adds a load of buf at the given strides of the array's axes and
// offset.
func (kb *kernel) load(buf device.Buffer, dt dtype.DType, strides []int, offset int, axes []int) int {
	st := kb.strides(strides, axes)
	if kb.watch == buf && (offset != kb.watchOffset || !slices.Equal(st, kb.watchStrides)) {
		kb.bad = true
	}
	return kb.b.Load(kb.buffer(buf), dt, st, offset)
}

// strides returns the strides over the iteration shape of an array with
// the given strides whose axes map by axes (0 on the iteration axes it
// does not follow, and on those of length 1, where no stride matters).
func (kb *kernel) strides(strides []int, axes []int) []int {
	shape := kb.b.Shape()
	st := kb.ints(len(shape))
	for i, ax := range axes {
		if ax >= 0 && shape[ax] != 1 {
			st[ax] += strides[i]
		}
	}
	return st
}

// emitOp adds the graph of a lazy op (of lz, nil for one that is not a
// lazy result's: op and loop, dtype dt, over shape, with its pending
// args) over its shape mapped by axes.
func (kb *kernel) emitOp(lz *lazy, op ufunc.ID, loop *ufunc.Loop, dt dtype.DType, shape []int, args []lazyArg, axes []int) int {
	if lz != nil {
		for _, m := range kb.memo {
			if m.lz == lz && slices.Equal(m.axes, axes) {
				return m.node
			}
		}
	}
	var nodes [3]int
	for i, a := range args {
		if a.arr == nil {
			nodes[i] = kb.b.Const(a.val, a.dt)
			continue
		}
		nodes[i] = kb.b.Cast(kb.emitArg(a, kb.argAxes(a.arr.shape, shape, axes)), a.dt)
	}
	var n int
	if op == ufunc.NoOp {
		n = kb.b.Cast(nodes[0], dt)
	} else {
		n = kb.b.Apply(op, loop, nodes[:len(args)]...)
	}
	if lz != nil {
		kb.memo = append(kb.memo, memoEntry{lz, axes, n})
	}
	return n
}

// argAxes maps the axes of an argument of shape arg, broadcast to shape
// (whose axes map by axes), to the iteration axes.
func (kb *kernel) argAxes(arg, shape, axes []int) []int {
	out := kb.ints(len(arg))
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

// bufferLimit is the most buffers one kernel of dev may use.
func bufferLimit(dev device.Device) int {
	if l, ok := dev.(device.BufferLimiter); ok {
		return min(l.MaxKernelBuffers(), maxBuffers)
	}
	return maxBuffers
}

// fit prepares the arguments of a new lazy op over shape: a lazy argument
// smaller than the result (broadcast: a row, a column) is computed first,
// so that the op's kernel reads its values instead of recomputing them at
// every element; then arguments are computed, the largest first, until
// the op's graph holds at most maxNodes ops and loads at most the
// device's buffers (less one for its own output).
func fit(dev device.Device, shape []int, args []lazyArg) {
	defer argBuffers(args)
	size := broadcast.Size(shape)
	lazies := 0
	for _, a := range args {
		if a.arr != nil && a.arr.lz != nil {
			lazies++
			if a.arr.Size() < size {
				a.arr.lz.realize()
			}
		}
	}
	if lazies == 0 {
		return // loads of at most three arrays
	}
	limit := bufferLimit(dev) - 1
	for {
		nodes, largest := 1, -1
		var room [8]device.Buffer
		bufs := room[:0]
		for i, a := range args {
			if a.arr == nil {
				continue
			}
			c := a.arr.lz
			if c == nil || c.pending() == nil {
				bufs = addBuffer(bufs, a.arr.buffer())
				continue
			}
			nodes += c.nodes
			for _, b := range c.loads {
				bufs = addBuffer(bufs, b)
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
