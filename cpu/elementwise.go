package cpu

import "github.com/numgl/numgl/device"

// elementwise runs an op's inner loop once per row: the outer axes are
// walked in C order, the innermost axis is the loop's n.
func elementwise(r *device.Elementwise) error {
	nops := len(r.In) + 1
	args := make([]any, nops)
	ops := make([]device.Operand, nops)
	copy(ops, r.In)
	ops[nops-1] = r.Out
	for k, o := range ops {
		args[k] = data(o)
	}
	shape := r.Out.Shape
	offsets := make([]int, nops)
	for k, o := range ops {
		offsets[k] = o.Offset
	}
	if len(shape) == 0 {
		r.Loop.Fn(args, offsets, make([]int, nops), 1)
		return nil
	}
	last := len(shape) - 1
	outer := make([][]int, nops)
	steps := make([]int, nops)
	for k, o := range ops {
		outer[k] = o.Strides[:last]
		steps[k] = o.Strides[last]
	}
	n := shape[last]
	if n == 0 {
		return nil
	}
	forEach(shape[:last], outer, offsets, func(offs []int) {
		r.Loop.Fn(args, offs, steps, n)
	})
	return nil
}
