package cpu

import (
	"slices"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// Requests of one op or one reduction, as package tensor's planner makes
// them, for the tests that drive a device directly.

// bufIndex returns b's index in *bufs, adding it.
func bufIndex(bufs *[]device.Buffer, b device.Buffer) int {
	if i := slices.Index(*bufs, b); i >= 0 {
		return i
	}
	*bufs = append(*bufs, b)
	return len(*bufs) - 1
}

// applyReq is the request applying loop of op to in (each of out's
// shape) and writing out.
func applyReq(op ufunc.ID, loop *ufunc.Loop, in []device.Operand, out device.Operand) *device.Kernel {
	var bufs []device.Buffer
	b := plan.NewBuilder(out.Shape, 0)
	args := make([]int, len(in))
	for i, o := range in {
		args[i] = b.Load(bufIndex(&bufs, o.Buf), o.DType(), o.Strides, o.Offset)
	}
	root := b.Apply(op, loop, args...)
	k := b.Store(root, bufIndex(&bufs, out.Buf), out.DType(), out.Strides, out.Offset)
	return &device.Kernel{Plan: k, Bufs: bufs}
}

// reduceReq is the request reducing src's trailing nReduce axes by kind
// into out.
func reduceReq(kind plan.ReduceKind, src, out device.Operand, nReduce int) *device.Kernel {
	var bufs []device.Buffer
	b := plan.NewBuilder(src.Shape, nReduce)
	x := b.Load(bufIndex(&bufs, src.Buf), src.DType(), src.Strides, src.Offset)
	k := b.Reduce(kind, x, bufIndex(&bufs, out.Buf), out.DType(), out.Strides, out.Offset, src.Strides)
	return &device.Kernel{Plan: k, Bufs: bufs}
}
