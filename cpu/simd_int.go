package cpu

import "github.com/numgl/numgl/dtype"

// Integer kernels: plain Go loops over slices, one instantiation per
// element type, with no per-element function call (the reference loops
// call the op's function value for every element). Go does not
// vectorise them, but they run at about an element a cycle, and int
// arithmetic is not in the workloads: assembly did not pay here.

type integer interface{ int32 | int64 }

func init() {
	addIntBinary("add",
		intKernels[int32]{addVVInt[int32], addVSInt[int32], nil}, intKernels[int64]{addVVInt[int64], addVSInt[int64], nil})
	addIntBinary("subtract",
		intKernels[int32]{subVVInt[int32], subVSInt[int32], subSVInt[int32]}, intKernels[int64]{subVVInt[int64], subVSInt[int64], subSVInt[int64]})
	addIntBinary("multiply",
		intKernels[int32]{mulVVInt[int32], mulVSInt[int32], nil}, intKernels[int64]{mulVVInt[int64], mulVSInt[int64], nil})
	addIntBinary("maximum",
		intKernels[int32]{maxVVInt[int32], maxVSInt[int32], nil}, intKernels[int64]{maxVVInt[int64], maxVSInt[int64], nil})
	addIntBinary("minimum",
		intKernels[int32]{minVVInt[int32], minVSInt[int32], nil}, intKernels[int64]{minVVInt[int64], minVSInt[int64], nil})
}

type intKernels[T integer] struct {
	vv func(dst, x, y []T)
	vs func(dst, x []T, y T)
	sv func(dst []T, x T, y []T) // nil: commutative
}

func addIntBinary(name string, k32 intKernels[int32], k64 intKernels[int64]) {
	elemKernels[elemKey{name, dtype.Int32}] = elemKernel{intMaker(k32), splitStream}
	elemKernels[elemKey{name, dtype.Int64}] = elemKernel{intMaker(k64), splitStream}
}

func intMaker[T integer](k intKernels[T]) kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		out, ok := bufs[0].([]T)
		if !ok {
			return nil
		}
		x, y := bufs[1].([]T), bufs[2].([]T)
		switch {
		case !bc[1] && !bc[2]:
			return func(o []int, n int) { k.vv(out[o[0]:o[0]+n], x[o[1]:o[1]+n], y[o[2]:o[2]+n]) }
		case !bc[1] && bc[2]:
			return func(o []int, n int) { k.vs(out[o[0]:o[0]+n], x[o[1]:o[1]+n], y[o[2]]) }
		case bc[1] && !bc[2] && k.sv != nil:
			return func(o []int, n int) { k.sv(out[o[0]:o[0]+n], x[o[1]], y[o[2]:o[2]+n]) }
		case bc[1] && !bc[2]:
			return func(o []int, n int) { k.vs(out[o[0]:o[0]+n], y[o[2]:o[2]+n], x[o[1]]) }
		}
		return nil
	}
}

func addVVInt[T integer](dst, x, y []T) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = x[i] + y[i]
	}
}

func addVSInt[T integer](dst, x []T, y T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = x[i] + y
	}
}

func subVVInt[T integer](dst, x, y []T) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = x[i] - y[i]
	}
}

func subVSInt[T integer](dst, x []T, y T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = x[i] - y
	}
}

func subSVInt[T integer](dst []T, x T, y []T) {
	y = y[:len(dst)]
	for i := range dst {
		dst[i] = x - y[i]
	}
}

func mulVVInt[T integer](dst, x, y []T) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = x[i] * y[i]
	}
}

func mulVSInt[T integer](dst, x []T, y T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = x[i] * y
	}
}

func maxVVInt[T integer](dst, x, y []T) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = max(x[i], y[i])
	}
}

func maxVSInt[T integer](dst, x []T, y T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = max(x[i], y)
	}
}

func minVVInt[T integer](dst, x, y []T) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = min(x[i], y[i])
	}
}

func minVSInt[T integer](dst, x []T, y T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = min(x[i], y)
	}
}
