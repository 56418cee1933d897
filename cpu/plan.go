package cpu

import (
	"fmt"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
)

// reduction is one reduction over a strided source: Src's trailing
// NReduce axes are reduced into Out, whose shape is Src's leading axes
// (see device.Kernel for what each kind writes).
type reduction struct {
	Kind    plan.ReduceKind
	Src     device.Operand
	Out     device.Operand
	NReduce int
}

// runPlan is cpu-loop's lowering of a kernel plan, the reference: the
// graph is interpreted node by node with the ops' loops (NumPy's inner
// loops), a row of at most rowChunk elements at a time; a reduction
// reduces the root's values as an unfused evaluation holds them — the
// input itself when the root is a load, else the array the graph is
// first written to at Kernel.RootStrides.
func runPlan(r *device.Kernel) error {
	k := r.Plan
	if k.Reduce == plan.NoReduce {
		return evaluate(k, r.Bufs, k.Out.Strides, data(operandOf(r.Bufs[k.Out.Buf])), k.Out.Offset)
	}
	red, err := planReduction(r)
	if err != nil {
		return err
	}
	return reduce(red)
}

// planReduction returns the reduction a reducing plan asks for, writing
// the root's values to a new buffer first when the root is not a load.
func planReduction(r *device.Kernel) (*reduction, error) {
	k := r.Plan
	src := device.Operand{Shape: k.Shape, Strides: k.RootStrides}
	if root := &k.Nodes[k.Root()]; root.Kind == plan.Load {
		in := &k.Inputs[root.Input]
		src.Buf, src.Strides, src.Offset = r.Bufs[in.Buf], in.Strides, in.Offset
	} else {
		tmp, err := loopDevice.Alloc(k.RootDType(), k.Size())
		if err != nil {
			return nil, err
		}
		if err := evaluate(k, r.Bufs, k.RootStrides, tmp.(*Buffer).data, 0); err != nil {
			return nil, err
		}
		src.Buf = tmp
	}
	out := device.Operand{Buf: r.Bufs[k.Out.Buf], Shape: k.Kept(), Strides: k.Out.Strides, Offset: k.Out.Offset}
	return &reduction{Kind: k.Reduce, Src: src, Out: out, NReduce: k.NReduce}, nil
}

func operandOf(b device.Buffer) device.Operand { return device.Operand{Buf: b} }

// rowChunk is the most elements of a row the interpreter evaluates at a
// time: its temporaries are rowChunk long.
const rowChunk = 1024

// evaluate writes the root's value at every position of k.Shape to dst
// (a typed slice of the root's dtype) at the given strides and offset.
func evaluate(k *plan.Kernel, bufs []device.Buffer, dstStrides []int, dst any, dstOff int) error {
	e, err := newEvaluator(k, bufs, rowChunk)
	if err != nil {
		return err
	}
	shape := k.Shape
	nin := len(k.Inputs)
	offsets := make([]int, nin+1)
	strides := make([][]int, nin+1)
	steps := make([]int, nin+1)
	for i, in := range k.Inputs {
		offsets[i] = in.Offset
	}
	offsets[nin] = dstOff
	if len(shape) == 0 {
		e.row(dst, offsets, steps, 1)
		return nil
	}
	last := len(shape) - 1
	for i, in := range k.Inputs {
		strides[i], steps[i] = in.Strides[:last], in.Strides[last]
	}
	strides[nin], steps[nin] = dstStrides[:last], dstStrides[last]
	n := shape[last]
	if broadcast.Size(shape) == 0 {
		return nil
	}
	offs := make([]int, nin+1)
	forEach(shape[:last], strides, offsets, func(base []int) {
		for c := 0; c < n; c += rowChunk {
			for i := range offs {
				offs[i] = base[i] + c*steps[i]
			}
			e.row(dst, offs, steps, min(rowChunk, n-c))
		}
	})
	return nil
}

// evaluator runs a plan's nodes over one run of elements at a time.
type evaluator struct {
	k      *plan.Kernel
	inputs []any // the inputs' typed slices
	vals   []any // each node's typed slice: an input, a one-element constant, or a temporary
	args   []any // scratch for a loop's arguments
	offs   []int
	steps  []int
}

func newEvaluator(k *plan.Kernel, bufs []device.Buffer, chunk int) (*evaluator, error) {
	e := &evaluator{k: k, vals: make([]any, len(k.Nodes)), args: make([]any, 4), offs: make([]int, 4), steps: make([]int, 4)}
	for _, in := range k.Inputs {
		b, ok := bufs[in.Buf].(*Buffer)
		if !ok {
			return nil, fmt.Errorf("cpu: a plan's input is a %T", bufs[in.Buf])
		}
		e.inputs = append(e.inputs, b.data)
	}
	root := k.Root()
	for i, n := range k.Nodes {
		switch n.Kind {
		case plan.Load:
			e.vals[i] = e.inputs[n.Input]
		case plan.Const:
			v, err := makeSlice(n.DType, 1)
			if err != nil {
				return nil, err
			}
			if err := fill(v, device.Operand{Shape: []int{}, Strides: []int{}}, n.Value); err != nil {
				return nil, err
			}
			e.vals[i] = v
		default:
			if i == root {
				break // written straight to the destination
			}
			v, err := makeSlice(n.DType, chunk)
			if err != nil {
				return nil, err
			}
			e.vals[i] = v
		}
	}
	return e, nil
}

// row evaluates the nodes over n elements: input k's first element at
// offs[k], stepping by steps[k], and writes the root's to dst from
// offs[len(inputs)], stepping by its step.
func (e *evaluator) row(dst any, offs, steps []int, n int) {
	k := e.k
	root := k.Root()
	nin := len(k.Inputs)
	// where returns node a's slice, first element and step.
	where := func(a int) (any, int, int) {
		switch nd := &k.Nodes[a]; nd.Kind {
		case plan.Load:
			return e.vals[a], offs[nd.Input], steps[nd.Input]
		case plan.Const:
			return e.vals[a], 0, 0
		}
		return e.vals[a], 0, 1
	}
	for i := range k.Nodes {
		nd := &k.Nodes[i]
		out, oo, os := e.vals[i], 0, 1
		if i == root {
			out, oo, os = dst, offs[nin], steps[nin]
		}
		switch nd.Kind {
		case plan.Load, plan.Const:
			if i == root {
				src, so, ss := where(i)
				castRow(out, oo, os, src, so, ss, n)
			}
		case plan.Cast:
			src, so, ss := where(nd.Args[0])
			castRow(out, oo, os, src, so, ss, n)
		case plan.Apply:
			na := nd.NArgs()
			for a := range na {
				e.args[a], e.offs[a], e.steps[a] = where(nd.Args[a])
			}
			e.args[na], e.offs[na], e.steps[na] = out, oo, os
			nd.Loop.Fn(e.args[:na+1], e.offs[:na+1], e.steps[:na+1], n)
		}
	}
}

// castRow converts n elements of src (from so, stepping by ss) into dst
// (from do, stepping by ds) as NumPy's astype does; the slices may have
// the same type (a copy).
func castRow(dst any, do, ds int, src any, so, ss, n int) {
	switch d := dst.(type) {
	case []bool:
		castToBool(d, do, ds, src, so, ss, n)
	case []int32:
		castToNumber(d, do, ds, src, so, ss, n)
	case []int64:
		castToNumber(d, do, ds, src, so, ss, n)
	case []float32:
		castToNumber(d, do, ds, src, so, ss, n)
	case []float64:
		castToNumber(d, do, ds, src, so, ss, n)
	}
}

func castToNumber[D number](dst []D, do, ds int, src any, so, ss, n int) {
	switch s := src.(type) {
	case []bool:
		for range n {
			dst[do] = 0
			if s[so] {
				dst[do] = 1
			}
			do, so = do+ds, so+ss
		}
	case []int32:
		castNum(dst, do, ds, s, so, ss, n)
	case []int64:
		castNum(dst, do, ds, s, so, ss, n)
	case []float32:
		castNum(dst, do, ds, s, so, ss, n)
	case []float64:
		castNum(dst, do, ds, s, so, ss, n)
	}
}

func castNum[D, S number](dst []D, do, ds int, src []S, so, ss, n int) {
	for range n {
		dst[do] = D(src[so])
		do, so = do+ds, so+ss
	}
}

func castToBool(dst []bool, do, ds int, src any, so, ss, n int) {
	switch s := src.(type) {
	case []bool:
		for range n {
			dst[do] = s[so]
			do, so = do+ds, so+ss
		}
	case []int32:
		nonZero(dst, do, ds, s, so, ss, n)
	case []int64:
		nonZero(dst, do, ds, s, so, ss, n)
	case []float32:
		nonZero(dst, do, ds, s, so, ss, n)
	case []float64:
		nonZero(dst, do, ds, s, so, ss, n)
	}
}

func nonZero[S number](dst []bool, do, ds int, src []S, so, ss, n int) {
	for range n {
		dst[do] = src[so] != 0
		do, so = do+ds, so+ss
	}
}
