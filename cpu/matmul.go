package cpu

import (
	"fmt"
	"slices"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
)

// matmul is the reference matrix product: the plain triple loop for every
// matrix of the stack, accumulating floats in float64 and integers in
// int64 (with wrap), rounding once to the output dtype; then the epilogue
// as a second pass over Out (runPlan on epiloguePlan).
func matmul(r *device.MatMul) error {
	if err := matmulProduct(r); err != nil {
		return err
	}
	if r.Epilogue == nil {
		return nil
	}
	return runPlan(epiloguePlan(r))
}

// epiloguePlan returns r's epilogue as an elementwise plan over Out's
// shape that reads the product from Out (its Acc node a load of Out) and
// stores its root into Out, in place, with the buffers it names.
func epiloguePlan(r *device.MatMul) *device.Kernel {
	e := r.Epilogue
	out := len(r.EpilogueBufs)
	k := &plan.Kernel{Shape: r.Out.Shape, Nodes: slices.Clone(e.Nodes),
		Inputs: append(slices.Clone(e.Inputs), plan.Input{Buf: out, DType: r.Out.DType(), Strides: r.Out.Strides, Offset: r.Out.Offset}),
		Out:    plan.Output{Buf: out, DType: r.Out.DType(), Strides: r.Out.Strides, Offset: r.Out.Offset}}
	for i := range k.Nodes {
		if k.Nodes[i].Kind == plan.Acc {
			k.Nodes[i] = plan.Node{Kind: plan.Load, DType: k.Nodes[i].DType, Input: len(k.Inputs) - 1}
		}
	}
	return &device.Kernel{Plan: k, Bufs: append(slices.Clone(r.EpilogueBufs), r.Out.Buf)}
}

// matmulProduct is matmul without the epilogue.
func matmulProduct(r *device.MatMul) error {
	nd := len(r.Out.Shape)
	batch := r.Out.Shape[:nd-2]
	bs := func(o device.Operand) []int { return o.Strides[:nd-2] }
	var err error
	forEach(batch, [][]int{bs(r.A), bs(r.B), bs(r.Out)}, []int{r.A.Offset, r.B.Offset, r.Out.Offset}, func(offs []int) {
		if err != nil {
			return
		}
		a, b, o := r.A, r.B, r.Out
		a.Offset, b.Offset, o.Offset = offs[0], offs[1], offs[2]
		a.Shape, b.Shape, o.Shape = a.Shape[nd-2:], b.Shape[nd-2:], o.Shape[nd-2:]
		a.Strides, b.Strides, o.Strides = a.Strides[nd-2:], b.Strides[nd-2:], o.Strides[nd-2:]
		err = matmul2D(a, b, o)
	})
	return err
}

func matmul2D(a, b, o device.Operand) error {
	switch out := data(o).(type) {
	case []float32:
		gemmFloat(out, data(a).([]float32), data(b).([]float32), a, b, o)
	case []float64:
		gemmFloat(out, data(a).([]float64), data(b).([]float64), a, b, o)
	case []int32:
		gemmInt(out, data(a).([]int32), data(b).([]int32), a, b, o)
	case []int64:
		gemmInt(out, data(a).([]int64), data(b).([]int64), a, b, o)
	case []bool:
		x, y := data(a).([]bool), data(b).([]bool)
		m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
		for i := range m {
			for j := range n {
				v := false
				for p := range k {
					v = v || (x[a.Offset+i*a.Strides[0]+p*a.Strides[1]] && y[b.Offset+p*b.Strides[0]+j*b.Strides[1]])
				}
				out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = v
			}
		}
	default:
		return fmt.Errorf("cpu: matmul into %T", out)
	}
	return nil
}

func gemmFloat[T float32 | float64](out, x, y []T, a, b, o device.Operand) {
	m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
	for i := range m {
		for j := range n {
			s := 0.0
			for p := range k {
				s += float64(x[a.Offset+i*a.Strides[0]+p*a.Strides[1]]) * float64(y[b.Offset+p*b.Strides[0]+j*b.Strides[1]])
			}
			out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = T(s)
		}
	}
}

func gemmInt[T int32 | int64](out, x, y []T, a, b, o device.Operand) {
	m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
	for i := range m {
		for j := range n {
			var s T
			for p := range k {
				s += x[a.Offset+i*a.Strides[0]+p*a.Strides[1]] * y[b.Offset+p*b.Strides[0]+j*b.Strides[1]]
			}
			out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = s
		}
	}
}
