package plan

import (
	"fmt"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// ReduceKind is the reduction at a kernel's root, or NoReduce.
type ReduceKind uint8

// The reductions. Sum and Prod of floats sum pairwise (or better); Max
// and Min propagate NaN; ArgMax and ArgMin give the first index of the
// extreme value (a NaN counts as the extreme); Any and All test non-zero.
const (
	NoReduce ReduceKind = iota
	Sum
	Prod
	Max
	Min
	ArgMax
	ArgMin
	Any
	All
)

var reduceNames = [...]string{"none", "sum", "prod", "max", "min", "argmax", "argmin", "any", "all"}

// String returns NumPy's name of the reduction ("sum"), or "none".
func (k ReduceKind) String() string {
	if int(k) < len(reduceNames) {
		return reduceNames[k]
	}
	return fmt.Sprintf("ReduceKind(%d)", int(k))
}

// NodeKind says what a node of the graph computes.
type NodeKind uint8

// The node kinds.
const (
	// Load reads an input (Node.Input) at the element's position.
	Load NodeKind = iota
	// Const is one value for every element (Node.Value, of Node.DType):
	// NumPy's weak Python scalars once their dtype is resolved.
	Const
	// Cast converts Args[0] to DType as NumPy's astype does: floats to
	// integers truncate toward zero, anything non-zero to bool is true.
	Cast
	// Apply runs Loop of the op Op on its Arity arguments, whose dtypes
	// are the loop's inputs; DType is the loop's output.
	Apply
	// Acc is the value that the kernel an epilogue plan belongs to
	// computes for the element (a matrix product's sum, rounded to
	// DType): see Epilogue.
	Acc
)

var nodeKindNames = [...]string{"load", "const", "cast", "apply", "acc"}

func (k NodeKind) String() string {
	if int(k) < len(nodeKindNames) {
		return nodeKindNames[k]
	}
	return fmt.Sprintf("NodeKind(%d)", int(k))
}

// Node is one value of the graph, computed for every element of the
// iteration space. Its arguments are earlier nodes.
type Node struct {
	Kind  NodeKind
	DType dtype.DType  // the dtype of the node's value
	Input int          // Load: index into Kernel.Inputs
	Value dtype.Scalar // Const: the value, of DType
	Op    ufunc.ID     // Apply: the op
	Loop  *ufunc.Loop  // Apply: the loop of Op that runs
	Args  [3]int       // Apply: Op's Arity arguments; Cast: Args[0]
}

// NArgs returns the number of arguments of the node.
func (n *Node) NArgs() int {
	switch n.Kind {
	case Cast:
		return 1
	case Apply:
		return n.Op.Op().Arity
	}
	return 0
}

// Input is one operand a kernel reads: a buffer of the request and the
// strided layout of the elements over the kernel's Shape.
type Input struct {
	Buf     int         // the request's buffer (an index into device.Kernel.Bufs)
	DType   dtype.DType // the buffer's dtype
	Strides []int       // over Shape, in elements; 0 on broadcast axes
	Offset  int         // the element of index (0, 0, ...)
}

// Output is where a kernel stores its root's values (or, with a
// reduction, the reduced values).
type Output struct {
	Buf     int         // the request's buffer
	DType   dtype.DType // the buffer's dtype
	Strides []int       // over Kept(): the output's shape
	Offset  int
}

// Kernel is a kernel plan: a small typed expression graph evaluated at
// every position of an iteration space, optionally reduced over its
// trailing axes, and stored. The planner has already
//
//   - resolved every dtype: an Apply node's arguments have its loop's
//     input dtypes, a Cast sits wherever NumPy converts;
//   - collapsed the layouts, once for every device: Shape is the
//     broadcast shape with size-1 axes dropped and axes every operand
//     walks as one run merged (broadcast.Collapse), the kept and the
//     reduced axes separately;
//   - checked every bound, so a device trusts the plan.
//
// Without a reduction the root's value at each position is stored at the
// Output's layout over Shape, converted to the Output's dtype (the
// planner makes them equal unless it casts on purpose). With one, Shape
// is the kept axes followed by NReduce reduced ones, the root's values
// are reduced over the reduced axes and the results stored over the kept
// axes.
type Kernel struct {
	Shape   []int
	NReduce int        // the trailing axes of Shape that are reduced
	Reduce  ReduceKind // NoReduce for an elementwise kernel
	Inputs  []Input
	Nodes   []Node // in topological order; the last is the root
	Out     Output

	// RootStrides, with a reduction, is the layout over Shape of the
	// values being reduced as an unfused evaluation holds them: the
	// input's own strides when the root is a Load, and otherwise the
	// C-contiguous array the graph would have been written to. Devices
	// that promise results identical to unfused evaluation (cpu-loop,
	// cpu-simd) follow the order of reduction that layout implies.
	RootStrides []int

	// Room for the slices of a small kernel, so that it takes one
	// allocation: Shape and the strides share ints.
	ints        []int
	smallInts   [16]int
	smallInputs [3]Input
	smallNodes  [4]Node
}

// Epilogue reports whether k is an epilogue plan (see Builder.Epilogue):
// a graph another kernel applies to each value it computes, which its
// Acc node stands for, before storing it; its inputs' strides are over
// Shape, the other kernel's output shape, not collapsed.
func (k *Kernel) Epilogue() bool { return k.Out.Buf < 0 }

// Root returns the index of the root node.
func (k *Kernel) Root() int { return len(k.Nodes) - 1 }

// Kept returns the kept axes of Shape: the output's (collapsed) shape.
func (k *Kernel) Kept() []int { return k.Shape[:len(k.Shape)-k.NReduce] }

// Reduced returns the reduced axes of Shape (none without a reduction).
func (k *Kernel) Reduced() []int { return k.Shape[len(k.Shape)-k.NReduce:] }

// Size returns the number of positions of the iteration space.
func (k *Kernel) Size() int {
	n := 1
	for _, d := range k.Shape {
		n *= d
	}
	return n
}

// RootDType returns the dtype of the root's value.
func (k *Kernel) RootDType() dtype.DType { return k.Nodes[len(k.Nodes)-1].DType }

// Single returns the op of a kernel whose only computing node is its
// root, an Apply on loads and constants (the plan of one eager ufunc),
// or NoOp.
func (k *Kernel) Single() ufunc.ID {
	r := &k.Nodes[k.Root()]
	if r.Kind != Apply {
		return ufunc.NoOp
	}
	for i := range r.NArgs() {
		if a := k.Nodes[r.Args[i]].Kind; a != Load && a != Const {
			return ufunc.NoOp
		}
	}
	return r.Op
}

// NumBufs returns the number of buffers the kernel names.
func (k *Kernel) NumBufs() int {
	n := k.Out.Buf + 1
	for _, in := range k.Inputs {
		n = max(n, in.Buf+1)
	}
	return n
}

// Check reports the first way in which k breaks the rules above; the
// planner's plans never do (tests use it).
func (k *Kernel) Check() error {
	if len(k.Nodes) == 0 {
		return fmt.Errorf("plan: no nodes")
	}
	if k.NReduce < 0 || k.NReduce > len(k.Shape) || (k.Reduce == NoReduce && k.NReduce != 0) {
		return fmt.Errorf("plan: %d reduced axes of %d (reduce %v)", k.NReduce, len(k.Shape), k.Reduce)
	}
	for i, in := range k.Inputs {
		if len(in.Strides) != len(k.Shape) {
			return fmt.Errorf("plan: input %d has %d strides over %d axes", i, len(in.Strides), len(k.Shape))
		}
	}
	if k.Out.Buf >= 0 && len(k.Out.Strides) != len(k.Kept()) {
		return fmt.Errorf("plan: output has %d strides over %d axes", len(k.Out.Strides), len(k.Kept()))
	}
	if k.Reduce != NoReduce && len(k.RootStrides) != len(k.Shape) {
		return fmt.Errorf("plan: root layout has %d strides over %d axes", len(k.RootStrides), len(k.Shape))
	}
	for i := range k.Nodes {
		n := &k.Nodes[i]
		for a := range n.NArgs() {
			if n.Args[a] < 0 || n.Args[a] >= i {
				return fmt.Errorf("plan: node %d (%v) takes node %d", i, n.Kind, n.Args[a])
			}
		}
		switch n.Kind {
		case Load:
			if n.Input < 0 || n.Input >= len(k.Inputs) || k.Inputs[n.Input].DType != n.DType {
				return fmt.Errorf("plan: node %d loads input %d as %v", i, n.Input, n.DType)
			}
		case Const:
			if n.Value.DType != n.DType {
				return fmt.Errorf("plan: node %d is a %v constant of dtype %v", i, n.Value.DType, n.DType)
			}
		case Acc:
			if k.Out.Buf >= 0 || n.DType != k.Out.DType {
				return fmt.Errorf("plan: node %d is the accumulator of a plan that is not an epilogue of %v", i, n.DType)
			}
		case Apply:
			op := n.Op.Op()
			if op == nil || n.Loop == nil || op.LoopIndex(n.Loop) < 0 || n.Loop.Out != n.DType {
				return fmt.Errorf("plan: node %d applies %v with a loop not its own", i, n.Op)
			}
			for a := range op.Arity {
				if k.Nodes[n.Args[a]].DType != n.Loop.In[a] {
					return fmt.Errorf("plan: node %d: argument %d of %v is %v, the loop takes %v",
						i, a, n.Op, k.Nodes[n.Args[a]].DType, n.Loop.In[a])
				}
			}
		}
	}
	if k.Reduce == NoReduce && k.RootDType() != k.Out.DType {
		return fmt.Errorf("plan: root %v stored into %v", k.RootDType(), k.Out.DType)
	}
	return nil
}

// String formats the plan for tests and error messages:
//
//	[4096 1024]/1 sum: v0=load(0) v1=const(2) v2=multiply(v0,v1) -> out float32
func (k *Kernel) String() string {
	s := fmt.Sprint(k.Shape)
	if k.Reduce != NoReduce {
		s += fmt.Sprintf("/%d %v", k.NReduce, k.Reduce)
	}
	s += ":"
	for i, n := range k.Nodes {
		s += fmt.Sprintf(" v%d=", i)
		switch n.Kind {
		case Load:
			s += fmt.Sprintf("load(%d)", n.Input)
		case Const:
			s += fmt.Sprintf("const(%v)", n.Value)
		case Acc:
			s += "acc"
		case Cast:
			s += fmt.Sprintf("%v(v%d)", n.DType, n.Args[0])
		case Apply:
			s += n.Op.String() + "("
			for a := range n.NArgs() {
				if a > 0 {
					s += ","
				}
				s += fmt.Sprintf("v%d", n.Args[a])
			}
			s += ")"
		}
	}
	return s + fmt.Sprintf(" -> out %v", k.Out.DType)
}
