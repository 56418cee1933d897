package cpu

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// Integer kernels: plain Go loops over slices, one instantiation per
// element type, with no per-element function call (the reference loops
// call the op's function value for every element). Go does not
// vectorise them, but they run at about an element a cycle, and int
// arithmetic is not in the workloads: assembly did not pay here.

type integer interface{ int32 | int64 }

func init() {
	addIntBinary(ufunc.Add,
		binKernels[int32]{addVVInt[int32], addVSInt[int32], nil}, binKernels[int64]{addVVInt[int64], addVSInt[int64], nil})
	addIntBinary(ufunc.Subtract,
		binKernels[int32]{subVVInt[int32], subVSInt[int32], subSVInt[int32]}, binKernels[int64]{subVVInt[int64], subVSInt[int64], subSVInt[int64]})
	addIntBinary(ufunc.Multiply,
		binKernels[int32]{mulVVInt[int32], mulVSInt[int32], nil}, binKernels[int64]{mulVVInt[int64], mulVSInt[int64], nil})
	addIntBinary(ufunc.Maximum,
		binKernels[int32]{maxVVInt[int32], maxVSInt[int32], nil}, binKernels[int64]{maxVVInt[int64], maxVSInt[int64], nil})
	addIntBinary(ufunc.Minimum,
		binKernels[int32]{minVVInt[int32], minVSInt[int32], nil}, binKernels[int64]{minVVInt[int64], minVSInt[int64], nil})
}

func addIntBinary(id ufunc.ID, k32 binKernels[int32], k64 binKernels[int64]) {
	vecKernels[id][dtype.Int32] = opKernels{binaryBlock(k32), splitStream}
	vecKernels[id][dtype.Int64] = opKernels{binaryBlock(k64), splitStream}
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
