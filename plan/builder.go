package plan

import (
	"math"
	"slices"

	"github.com/numgl/numgl/broadcast"
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
	inputs  []Input
	nodes   []Node
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
	b.nodes = b.nodes[:0]
}

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
		if x.Buf == buf && x.Offset == offset && x.DType == dt && slices.Equal(x.Strides, strides) {
			in = i
			break
		}
	}
	if in < 0 {
		in = len(b.inputs)
		b.inputs = append(b.inputs, Input{Buf: buf, DType: dt, Strides: slices.Clone(strides), Offset: offset})
	}
	return b.add(Node{Kind: Load, DType: dt, Input: in})
}

// Const returns the node of value v, converted to dtype dt as NumPy's
// astype converts.
func (b *Builder) Const(v dtype.Scalar, dt dtype.DType) int {
	return b.add(Node{Kind: Const, DType: dt, Value: convert(v, dt)})
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
	if b.nReduce != 0 {
		panic("plan: Store on a reduction's builder")
	}
	root = b.Cast(root, dt)
	k := b.finish(root)
	k.Out = Output{Buf: buf, DType: dt, Offset: offset}
	st := make([][]int, 0, len(k.Inputs)+1)
	for i := range k.Inputs {
		st = append(st, k.Inputs[i].Strides)
	}
	st = append(st, strides)
	shape, cst := broadcast.Collapse(b.shape, st...)
	k.Shape = shape
	for i := range k.Inputs {
		k.Inputs[i].Strides = cst[i]
	}
	k.Out.Strides = cst[len(cst)-1]
	return k
}

// Reduce finishes a reducing kernel: root's values are reduced by kind
// over the trailing nReduce axes, and the results stored into buf (of
// dtype dt) at the given strides over the kept axes and offset.
// rootStrides is the layout over the iteration shape of the reduced
// values in an unfused evaluation (see Kernel.RootStrides).
func (b *Builder) Reduce(kind ReduceKind, root int, buf int, dt dtype.DType, strides []int, offset int, rootStrides []int) *Kernel {
	if kind == NoReduce {
		panic("plan: Reduce without a reduction")
	}
	k := b.finish(root)
	k.Reduce = kind
	k.Out = Output{Buf: buf, DType: dt, Offset: offset}
	nk := len(b.shape) - b.nReduce
	kept := make([][]int, 0, len(k.Inputs)+2)
	red := make([][]int, 0, len(k.Inputs)+1)
	for i := range k.Inputs {
		kept = append(kept, k.Inputs[i].Strides[:nk])
		red = append(red, k.Inputs[i].Strides[nk:])
	}
	kept = append(kept, rootStrides[:nk], strides)
	red = append(red, rootStrides[nk:])
	kshape, kst := broadcast.Collapse(b.shape[:nk], kept...)
	rshape, rst := broadcast.Collapse(b.shape[nk:], red...)
	k.Shape = append(kshape, rshape...)
	k.NReduce = len(rshape)
	for i := range k.Inputs {
		k.Inputs[i].Strides = append(kst[i], rst[i]...)
	}
	k.RootStrides = append(kst[len(k.Inputs)], rst[len(k.Inputs)]...)
	k.Out.Strides = kst[len(k.Inputs)+1]
	return k
}

// finish returns a kernel of the nodes root depends on, renumbered in
// their order so that root is last, and of the inputs they load.
func (b *Builder) finish(root int) *Kernel {
	keep := make([]int, len(b.nodes)) // new index + 1, 0: dropped
	keep[root] = 1
	for i := root; i >= 0; i-- {
		if keep[i] == 0 {
			continue
		}
		n := &b.nodes[i]
		for a := range n.NArgs() {
			keep[n.Args[a]] = 1
		}
	}
	inputs := make([]int, len(b.inputs)) // new index + 1
	k := &Kernel{}
	for i := 0; i <= root; i++ {
		if keep[i] == 0 {
			continue
		}
		n := b.nodes[i]
		for a := range n.NArgs() {
			n.Args[a] = keep[n.Args[a]] - 1
		}
		if n.Kind == Load {
			if inputs[n.Input] == 0 {
				in := b.inputs[n.Input]
				in.Strides = slices.Clone(in.Strides)
				k.Inputs = append(k.Inputs, in)
				inputs[n.Input] = len(k.Inputs)
			}
			n.Input = inputs[n.Input] - 1
		}
		k.Nodes = append(k.Nodes, n)
		keep[i] = len(k.Nodes)
	}
	return k
}
