package cpu

import (
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// kernel lowers a kernel plan (see Run). One dispatch point:
//
//   - one op on loads and constants over one run too short to split (the
//     fixed cost of one small op): the op's kernel on the slices, with
//     nothing else set up (oneRun);
//   - a load, or a cast of a load, stored: the copy kernels (copy);
//   - any other elementwise graph, one op or many: the blocked evaluator
//     (runFused), which runs one-op plans on runs as long as the layout
//     gives and larger graphs block by block;
//   - a reduction of a load: the reduction kernels (reduce);
//   - a reduction of a graph: the graph's blocks fed straight to the
//     reduction kernels where the reduction reads the values in runs
//     (reduceFused), else the graph written to a temporary first.
func (d *SIMD) kernel(r *device.Kernel) error {
	k := r.Plan
	root := &k.Nodes[k.Root()]
	if k.Reduce != plan.NoReduce {
		if root.Kind == plan.Load {
			red, err := planReduction(r)
			if err != nil {
				return err
			}
			return d.reduce(red)
		}
		return d.reduceGraph(r)
	}
	if oneRun(r) {
		return nil
	}
	if src, ok := copySource(r); ok {
		dst := device.Operand{Buf: r.Bufs[k.Out.Buf], Shape: k.Shape, Strides: k.Out.Strides, Offset: k.Out.Offset}
		return d.copy(&device.Copy{Dst: dst, Src: src})
	}
	runFused(r)
	return nil
}

// copySource returns the operand a plan copies when its root is a load
// or a cast of one.
func copySource(r *device.Kernel) (device.Operand, bool) {
	k := r.Plan
	root := &k.Nodes[k.Root()]
	n := root
	if n.Kind == plan.Cast {
		n = &k.Nodes[n.Args[0]]
	}
	if n.Kind != plan.Load {
		return device.Operand{}, false
	}
	in := &k.Inputs[n.Input]
	return device.Operand{Buf: r.Bufs[in.Buf], Shape: k.Shape, Strides: in.Strides, Offset: in.Offset}, true
}

// oneRun runs a one-op plan (Kernel.Single) whose iteration space is one
// run below the least split threshold, every operand a run or a
// broadcast value, straight on the op's kernel (or loop). It reports
// false, having done nothing, for any other plan.
func oneRun(r *device.Kernel) bool {
	k := r.Plan
	if len(k.Shape) > 1 || k.Single() == ufunc.NoOp {
		return false
	}
	n, step := 1, func(st []int) int { return 0 }
	if len(k.Shape) == 1 {
		n, step = k.Shape[0], func(st []int) int { return st[0] }
	}
	root := &k.Nodes[k.Root()]
	limit := splitMath
	if kernelsOf(root.Op, root.Loop).fn == nil && mathLoops[root.Op] {
		limit = splitLoop
	}
	if n >= limit || (n > 1 && step(k.Out.Strides) != 1) {
		return false
	}
	na := root.NArgs()
	var args [3]val
	for a := range na {
		nd := &k.Nodes[root.Args[a]]
		if nd.Kind == plan.Const {
			v, _ := makeSlice(nd.DType, 1)
			fill(v, device.Operand{Shape: []int{}, Strides: []int{}}, nd.Value)
			args[a] = val{v, 0, 0}
			continue
		}
		in := &k.Inputs[nd.Input]
		st := step(in.Strides)
		if n == 1 {
			st = 0
		}
		if st != 0 && st != 1 {
			return false
		}
		args[a] = val{r.Bufs[in.Buf].(*Buffer).data, in.Offset, st}
	}
	out := r.Bufs[k.Out.Buf].(*Buffer).data
	if kern := kernelsOf(root.Op, root.Loop).fn; kern != nil && kern(out, k.Out.Offset, args, n) {
		return true
	}
	loopArgs := make([]any, na+1)
	offs, steps := make([]int, na+1), make([]int, na+1)
	for a := range na {
		loopArgs[a], offs[a], steps[a] = args[a].data, args[a].off, args[a].step
	}
	loopArgs[na], offs[na], steps[na] = out, k.Out.Offset, 1
	root.Loop.Fn(loopArgs, offs, steps, n)
	return true
}
