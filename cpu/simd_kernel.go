package cpu

import (
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/plan"
)

// kernel lowers a kernel plan (see Run). One dispatch point:
//
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

// reduceGraph runs a reduction of a graph: the graph is evaluated into a
// temporary laid out as Kernel.RootStrides says, which is then reduced.
func (d *SIMD) reduceGraph(r *device.Kernel) error {
	k := r.Plan
	tmp, err := d.Alloc(k.RootDType(), k.Size())
	if err != nil {
		return err
	}
	if k.Size() > 0 {
		l := kernelLayout(k, k.RootStrides, 0)
		f := prepareFused(k, r.Bufs, l.innerStride(0))
		f.storeAll(&l, tmp.(*Buffer).data)
	}
	src := device.Operand{Buf: tmp, Shape: k.Shape, Strides: k.RootStrides}
	out := device.Operand{Buf: r.Bufs[k.Out.Buf], Shape: k.Kept(), Strides: k.Out.Strides, Offset: k.Out.Offset}
	return d.reduce(&reduction{Kind: k.Reduce, Src: src, Out: out, NReduce: k.NReduce})
}
