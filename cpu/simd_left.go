package cpu

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// leftToLoop wraps a kernel that leaves the elements it does not compute
// to its caller, x written there, and returns how many it left (sinF32,
// cosF64, ...: those with !(|x| <= bound)): the wrapper computes them
// with op's loop, the op table's own function, so that cpu-simd and the
// reference device agree on them whatever that function is.
func leftToLoop[T float](k func(dst, x []T) int, bound T, op ufunc.ID) func(dst, x []T) {
	var loop *ufunc.Loop
	for _, l := range op.Op().Loops {
		if len(l.In) == 1 && l.In[0] == dtype.For[T]() && l.Out == l.In[0] {
			loop = l
		}
	}
	if loop == nil {
		panic("cpu: no " + dtype.For[T]().String() + " loop of " + op.String())
	}
	return func(dst, x []T) {
		if k(dst, x) == 0 {
			return
		}
		// What the kernel computed is within [-bound, bound]; what it
		// left is x, outside it (or NaN).
		args, offs, steps := []any{dst, dst}, []int{0, 0}, []int{1, 1}
		for i, v := range dst {
			if !(v <= bound && v >= -bound) {
				offs[0], offs[1] = i, i
				loop.Fn(args, offs, steps, 1)
			}
		}
	}
}
