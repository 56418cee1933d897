package plan

import (
	"math"
	"slices"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// Builder makes a Kernel: the caller adds loads, constants, casts and
// applications over one iteration shape, then finishes the graph at a
// root with Store or Reduce, which collapse the layouts. Equal loads,
// constants and nodes are made once (x*x + 2*x loads x once).
//
// A Builder is not safe for concurrent use. Its methods panic on a graph
// that breaks the plan's rules (an argument of the wrong dtype): they are
// the planner's own mistakes, never the caller's of package tensor.
type Builder struct {
	shape   []int
	nReduce int
	inputs  []Input // Strides unset while building: ints[at[i]:][:rank]
	at      []int
	ints    []int // the inputs' strides, rank each
	nodes   []Node
	keep    []int // finish's scratch
}

// NewBuilder starts a kernel over shape, whose trailing nReduce axes a
// Reduce will reduce (0 for an elementwise kernel).
func NewBuilder(shape []int, nReduce int) *Builder {
	b := &Builder{}
	b.Reset(shape, nReduce)
	return b
}

// Reset empties the builder for a new kernel.
func (b *Builder) Reset(shape []int, nReduce int) {
	b.shape = append(b.shape[:0], shape...)
	b.nReduce = nReduce
	b.inputs = b.inputs[:0]
	b.at = b.at[:0]
	b.ints = b.ints[:0]
	b.nodes = b.nodes[:0]
}

// inputStrides returns input i's strides while building.
func (b *Builder) inputStrides(i int) []int { return b.ints[b.at[i]:][:len(b.shape)] }

// Shape returns the iteration shape.
func (b *Builder) Shape() []int { return b.shape }

// Len returns the number of nodes so far.
func (b *Builder) Len() int { return len(b.nodes) }

// DType returns the dtype of node x.
func (b *Builder) DType(x int) dtype.DType { return b.nodes[x].DType }

// Inputs returns the number of inputs so far.
func (b *Builder) Inputs() int { return len(b.inputs) }

// Load returns the node reading buffer buf (of dtype dt) with the given
// strides over the iteration shape (0 on broadcast axes) and offset.
func (b *Builder) Load(buf int, dt dtype.DType, strides []int, offset int) int {
	if len(strides) != len(b.shape) {
		panic("plan: Load strides do not match the iteration shape")
	}
	in := -1
	for i := range b.inputs {
		x := &b.inputs[i]
		if x.Buf == buf && x.Offset == offset && x.DType == dt && slices.Equal(b.inputStrides(i), strides) {
			in = i
			break
		}
	}
	if in < 0 {
		in = len(b.inputs)
		b.inputs = append(b.inputs, Input{Buf: buf, DType: dt, Offset: offset})
		b.at = append(b.at, len(b.ints))
		b.ints = append(b.ints, strides...)
	}
	return b.add(Node{Kind: Load, DType: dt, Input: in})
}

// Const returns the node of value v, converted to dtype dt as NumPy's
// astype converts.
func (b *Builder) Const(v dtype.Scalar, dt dtype.DType) int {
	return b.add(Node{Kind: Const, DType: dt, Value: convert(v, dt)})
}

// Acc returns the node of the value the kernel an epilogue belongs to
// computes, of dtype dt (see Epilogue).
func (b *Builder) Acc(dt dtype.DType) int {
	return b.add(Node{Kind: Acc, DType: dt})
}

// Cast returns x converted to dt (x itself when it has dtype dt).
func (b *Builder) Cast(x int, dt dtype.DType) int {
	if b.nodes[x].DType == dt {
		return x
	}
	if n := b.nodes[x]; n.Kind == Const {
		return b.Const(n.Value, dt)
	}
	return b.add(Node{Kind: Cast, DType: dt, Args: [3]int{x}})
}

// Apply returns the node applying loop of op to args, whose dtypes must
// be the loop's inputs.
func (b *Builder) Apply(op ufunc.ID, loop *ufunc.Loop, args ...int) int {
	o := op.Op()
	if o == nil || len(args) != o.Arity || o.LoopIndex(loop) < 0 {
		panic("plan: Apply of " + op.String() + " with the wrong loop or arity")
	}
	n := Node{Kind: Apply, DType: loop.Out, Op: op, Loop: loop}
	for i, a := range args {
		if b.nodes[a].DType != loop.In[i] {
			panic("plan: Apply of " + op.String() + ": an argument's dtype is not the loop's")
		}
		n.Args[i] = a
	}
	return b.add(n)
}

// add appends n unless an equal node exists, and returns its index.
func (b *Builder) add(n Node) int {
	for i := range b.nodes {
		if sameNode(&b.nodes[i], &n) {
			return i
		}
	}
	b.nodes = append(b.nodes, n)
	return len(b.nodes) - 1
}

func sameNode(a, b *Node) bool {
	if a.Kind != b.Kind || a.DType != b.DType {
		return false
	}
	switch a.Kind {
	case Load:
		return a.Input == b.Input
	case Const:
		return scalarBits(a.Value) == scalarBits(b.Value)
	case Cast:
		return a.Args[0] == b.Args[0]
	case Acc:
		return true
	}
	return a.Op == b.Op && a.Loop == b.Loop && a.Args == b.Args
}

// scalarBits identifies a constant by its bits (so -0.0 and 0.0, or two
// NaNs with other payloads, stay apart).
func scalarBits(s dtype.Scalar) [2]uint64 {
	if s.DType.IsFloat() {
		return [2]uint64{uint64(s.DType), math.Float64bits(s.F)}
	}
	return [2]uint64{uint64(s.DType), uint64(s.I)}
}

// convert returns s as a scalar of dtype dt, converted as the devices'
// Fill converts a request's value.
func convert(s dtype.Scalar, dt dtype.DType) dtype.Scalar {
	switch dt {
	case dtype.Bool:
		return dtype.BoolScalar(s.Bool())
	case dtype.Int32:
		return dtype.Scalar{DType: dtype.Int32, I: int64(int32(s.Int()))}
	case dtype.Int64:
		return dtype.Scalar{DType: dtype.Int64, I: s.Int()}
	case dtype.Float32:
		return dtype.Scalar{DType: dtype.Float32, F: float64(float32(s.Float()))}
	}
	return dtype.Scalar{DType: dtype.Float64, F: s.Float()}
}

// Store finishes an elementwise kernel: root's value is stored into buf
// (of dtype dt, root's unless the caller casts) at the given strides over
// the iteration shape and offset. It collapses the layouts.
func (b *Builder) Store(root int, buf int, dt dtype.DType, strides []int, offset int) *Kernel {
	return b.StoreTo(new(Kernel), root, buf, dt, strides, offset)
}

// StoreTo is Store writing the kernel to k (whose memory a caller may
// reuse once no device holds it) instead of a new one.
func (b *Builder) StoreTo(k *Kernel, root int, buf int, dt dtype.DType, strides []int, offset int) *Kernel {
	if b.nReduce != 0 {
		panic("plan: Store on a reduction's builder")
	}
	root = b.Cast(root, dt)
	b.finish(k, root, 1)
	k.Out = Output{Buf: buf, DType: dt, Offset: offset, Strides: k.strides(len(k.Inputs), strides)}
	var room [8][]int
	st := k.allStrides(room[:0], len(k.Inputs)+1)
	n := collapse(k.Shape, st)
	k.trim(n, 0, len(k.Inputs)+1)
	return k
}

// Reduce finishes a reducing kernel: root's values are reduced by kind
// over the trailing nReduce axes, and the results stored into buf (of
// dtype dt) at the given strides over the kept axes and offset.
// rootStrides is the layout over the iteration shape of the reduced
// values in an unfused evaluation (see Kernel.RootStrides).
func (b *Builder) Reduce(kind ReduceKind, root int, buf int, dt dtype.DType, strides []int, offset int, rootStrides []int) *Kernel {
	return b.ReduceTo(new(Kernel), kind, root, buf, dt, strides, offset, rootStrides)
}

// Epilogue finishes an epilogue plan: a graph over the iteration shape
// (another kernel's output shape) of that kernel's values (Acc) and of
// loads at strides over that shape, whose root, converted to dt, the
// other kernel stores instead of its value. Nothing is collapsed: the
// other kernel computes each input's offset from the element's index.
func (b *Builder) Epilogue(root int, dt dtype.DType) *Kernel {
	if b.nReduce != 0 {
		panic("plan: Epilogue on a reduction's builder")
	}
	root = b.Cast(root, dt)
	k := new(Kernel)
	b.finish(k, root, 0)
	k.Out = Output{Buf: -1, DType: dt}
	return k
}

// ReduceTo is Reduce writing the kernel to k (see StoreTo).
func (b *Builder) ReduceTo(k *Kernel, kind ReduceKind, root int, buf int, dt dtype.DType, strides []int, offset int, rootStrides []int) *Kernel {
	if kind == NoReduce {
		panic("plan: Reduce without a reduction")
	}
	nk := len(b.shape) - b.nReduce
	b.finish(k, root, 2)
	nin := len(k.Inputs)
	k.Reduce = kind
	k.RootStrides = k.strides(nin, rootStrides)
	full := k.strides(nin+1, nil)
	copy(full, strides) // the output's over the kept axes; its reduced part is unused
	k.Out = Output{Buf: buf, DType: dt, Offset: offset, Strides: full}
	var room, keptRoom, redRoom [8][]int
	st := k.allStrides(room[:0], nin+2)
	kept, red := keptRoom[:0], redRoom[:0]
	for i, s := range st {
		kept = append(kept, s[:nk])
		if i <= nin {
			red = append(red, s[nk:])
		}
	}
	nkc := collapse(k.Shape[:nk], kept)
	nrc := collapse(k.Shape[nk:], red)
	k.trim(nkc, nrc, nin+1)
	k.Out.Strides = k.Out.Strides[:nkc]
	return k
}

// strides returns the row of k's ints for operand i (the inputs, then the
// output, then the root's layout), holding src when not nil.
func (k *Kernel) strides(i int, src []int) []int {
	r := len(k.Shape)
	s := k.ints[r*(i+1) : r*(i+2) : r*(i+2)]
	copy(s, src)
	return s
}

// allStrides appends the first n rows of operand strides to st.
func (k *Kernel) allStrides(st [][]int, n int) [][]int {
	for i := range n {
		st = append(st, k.strides(i, nil))
	}
	return st
}

// trim sets the kernel's slices to the collapsed ranks: nk kept axes
// followed by nr reduced ones (moved next to them), for the first n
// operand rows (the inputs, and the root's layout with a reduction).
func (k *Kernel) trim(nk, nr, n int) {
	r := len(k.Shape)
	nkOld := r - k.NReduce
	move := func(s []int) []int {
		copy(s[nk:nk+nr], s[nkOld:nkOld+nr])
		return s[:nk+nr]
	}
	k.Shape = move(k.Shape)
	for i := range k.Inputs {
		k.Inputs[i].Strides = move(k.ints[r*(i+1) : r*(i+2)])
	}
	if k.Reduce != NoReduce {
		k.RootStrides = move(k.ints[r*(len(k.Inputs)+1) : r*(len(k.Inputs)+2)])
	} else {
		k.Out.Strides = k.Out.Strides[:nk]
	}
	k.NReduce = nr
}

// collapse drops the axes of length 1 of shape and merges each axis into
// the one before it when every operand walks the pair as one run
// (strides[k][i] == strides[k][i+1]*shape[i+1]), in place, as
// broadcast.Collapse does; a shape with an axis of length 0 becomes [0].
// It returns the new rank; the first rank entries of shape and of each
// strides row hold the result.
func collapse(shape []int, strides [][]int) int {
	for _, d := range shape {
		if d == 0 {
			shape[0] = 0
			for _, s := range strides {
				s[0] = 0
			}
			return 1
		}
	}
	n := 0
	for i, d := range shape {
		if d == 1 {
			continue
		}
		merge := n > 0
		for _, s := range strides {
			merge = merge && s[n-1] == s[i]*d
		}
		if merge {
			shape[n-1] *= d
			for _, s := range strides {
				s[n-1] = s[i]
			}
			continue
		}
		shape[n] = d
		for _, s := range strides {
			s[n] = s[i]
		}
		n++
	}
	return n
}

// finish makes k the kernel of the nodes root depends on, renumbered in
// their order so that root is last, and of the inputs they load, with
// room for extra rows of strides after the inputs' (the output's, the
// root layout's). Its slices use k's own room where they fit.
func (b *Builder) finish(k *Kernel, root, extra int) {
	b.keep = slices.Grow(b.keep[:0], len(b.nodes)+len(b.inputs))[:len(b.nodes)+len(b.inputs)]
	clear(b.keep)
	keep, inputs := b.keep[:len(b.nodes)], b.keep[len(b.nodes):] // new index + 1, 0: dropped
	keep[root] = 1
	nn := 0
	for i := root; i >= 0; i-- {
		if keep[i] == 0 {
			continue
		}
		nn++
		n := &b.nodes[i]
		for a := range n.NArgs() {
			keep[n.Args[a]] = 1
		}
		if n.Kind == Load {
			inputs[n.Input] = 1
		}
	}
	nin := 0
	for i, used := range inputs {
		if used != 0 {
			nin++
			inputs[i] = nin
		}
	}
	r := len(b.shape)
	*k = Kernel{}
	k.ints = k.smallInts[:0]
	if need := r * (nin + 1 + extra); need > len(k.smallInts) {
		k.ints = make([]int, need)
	} else {
		k.ints = k.smallInts[:need]
	}
	k.Shape = k.ints[:r:r]
	copy(k.Shape, b.shape)
	k.NReduce = b.nReduce
	if nin <= len(k.smallInputs) {
		k.Inputs = k.smallInputs[:nin]
	} else {
		k.Inputs = make([]Input, nin)
	}
	for i, j := range inputs {
		if j != 0 {
			in := b.inputs[i]
			in.Strides = k.strides(j-1, b.inputStrides(i))
			k.Inputs[j-1] = in
		}
	}
	if nn <= len(k.smallNodes) {
		k.Nodes = k.smallNodes[:0]
	} else {
		k.Nodes = make([]Node, 0, nn)
	}
	for i := 0; i <= root; i++ {
		if keep[i] == 0 {
			continue
		}
		n := b.nodes[i]
		for a := range n.NArgs() {
			n.Args[a] = keep[n.Args[a]] - 1
		}
		if n.Kind == Load {
			n.Input = inputs[n.Input] - 1
		}
		k.Nodes = append(k.Nodes, n)
		keep[i] = len(k.Nodes)
	}
}
