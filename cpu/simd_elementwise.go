package cpu

import (
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// runKernel runs an op on one run of n elements: operand k's elements
// start at offs[k], operand 0 being the output and 1, 2, ... the inputs
// (the order of planLayout).
type runKernel func(offs []int, n int)

// kernelMaker binds an op's kernels to the request's buffers (the
// output, then the inputs) for the layout's broadcast pattern (bcast[k]:
// operand k is one element repeated). It returns nil when the op has no
// kernel for that pattern.
type kernelMaker func(bufs []any, bcast []bool) runKernel

type elemKey struct {
	op string
	dt dtype.DType // the loop's first input dtype
}

// elemKernel is an op's kernels on one dtype and the split threshold
// that suits their cost.
type elemKernel struct {
	make  kernelMaker
	split int
}

// elemKernels are the ops with vector kernels.
var elemKernels = map[elemKey]elemKernel{}

func init() {
	addBinary("add", binKernels[float32]{addVVF32, addVSF32, nil}, binKernels[float64]{addVVF64, addVSF64, nil})
	addBinary("subtract", binKernels[float32]{subVVF32, subVSF32, subSVF32}, binKernels[float64]{subVVF64, subVSF64, subSVF64})
	addBinary("multiply", binKernels[float32]{mulVVF32, mulVSF32, nil}, binKernels[float64]{mulVVF64, mulVSF64, nil})
	addBinary("divide", binKernels[float32]{divVVF32, divVSF32, divSVF32}, binKernels[float64]{divVVF64, divVSF64, divSVF64})
	addBinary("maximum", binKernels[float32]{maxVVF32, maxVSF32, maxSVF32}, binKernels[float64]{maxVVF64, maxVSF64, maxSVF64})
	addBinary("minimum", binKernels[float32]{minVVF32, minVSF32, minSVF32}, binKernels[float64]{minVVF64, minVSF64, minSVF64})

	addCompare("equal", "equal", cmpKernels[float32]{eqVVF32, eqVSF32}, cmpKernels[float64]{eqVVF64, eqVSF64})
	addCompare("not_equal", "not_equal", cmpKernels[float32]{neVVF32, neVSF32}, cmpKernels[float64]{neVVF64, neVSF64})
	addCompare("less", "greater", cmpKernels[float32]{ltVVF32, ltVSF32}, cmpKernels[float64]{ltVVF64, ltVSF64})
	addCompare("less_equal", "greater_equal", cmpKernels[float32]{leVVF32, leVSF32}, cmpKernels[float64]{leVVF64, leVSF64})
	addCompare("greater", "less", cmpKernels[float32]{gtVVF32, gtVSF32}, cmpKernels[float64]{gtVVF64, gtVSF64})
	addCompare("greater_equal", "less_equal", cmpKernels[float32]{geVVF32, geVSF32}, cmpKernels[float64]{geVVF64, geVSF64})

	addUnary("negative", splitStream, negF32, negF64)
	addUnary("absolute", splitStream, absF32, absF64)
	addUnary("sqrt", splitStream, sqrtF32, sqrtF64)
	addUnary("exp", splitMath, expF32, expF64)
	addUnary("square", splitStream, func(d, x []float32) { mulVVF32(d, x, x) }, func(d, x []float64) { mulVVF64(d, x, x) })

	elemKernels[elemKey{"where", dtype.Bool}] = elemKernel{whereMaker(), splitStream}
	elemKernels[elemKey{"clip", dtype.Float32}] = elemKernel{clipMaker(clipVSSF32), splitStream}
	elemKernels[elemKey{"clip", dtype.Float64}] = elemKernel{clipMaker(clipVSSF64), splitStream}
}

// elementwise plans an Elementwise request (see Run).
func (d *SIMD) elementwise(r *device.Elementwise) error {
	k, ok := elemKernels[elemKey{r.Op.Name, r.Loop.In[0]}]
	if !ok {
		return elementwise(r)
	}
	ops := append([]device.Operand{r.Out}, r.In...)
	l := planLayout(ops...)
	bufs := make([]any, len(ops))
	for i, o := range ops {
		bufs[i] = data(o)
	}
	var run runKernel
	switch l.path {
	case pathEmpty:
		return nil
	case pathOne, pathVector, pathRows:
		run = k.make(bufs, l.bcast)
	}
	if run == nil {
		return elementwise(r)
	}
	if l.path == pathOne {
		run(l.offs, 1)
		return nil
	}
	l.runRows(k.split, run)
	return nil
}

type binKernels[T float] struct {
	vv func(dst, x, y []T)
	vs func(dst, x []T, y T)
	sv func(dst []T, x T, y []T) // nil: commutative, vs with x and y swapped
}

func addBinary(name string, k32 binKernels[float32], k64 binKernels[float64]) {
	elemKernels[elemKey{name, dtype.Float32}] = elemKernel{binaryMaker(k32), splitStream}
	elemKernels[elemKey{name, dtype.Float64}] = elemKernel{binaryMaker(k64), splitStream}
}

func binaryMaker[T float](k binKernels[T]) kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		out, x, y := bufs[0].([]T), bufs[1].([]T), bufs[2].([]T)
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

type cmpKernels[T float] struct {
	vv func(dst []bool, x, y []T)
	vs func(dst []bool, x []T, y T)
}

// addCompare registers a comparison; mirror is the comparison with its
// operands swapped (less for greater), whose vector-scalar kernel serves
// scalar-vector layouts.
func addCompare(name, mirror string, k32 cmpKernels[float32], k64 cmpKernels[float64]) {
	elemKernels[elemKey{name, dtype.Float32}] = elemKernel{compareMaker(mirror, k32), splitStream}
	elemKernels[elemKey{name, dtype.Float64}] = elemKernel{compareMaker(mirror, k64), splitStream}
}

func compareMaker[T float](mirror string, k cmpKernels[T]) kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		out, x, y := bufs[0].([]bool), bufs[1].([]T), bufs[2].([]T)
		switch {
		case !bc[1] && !bc[2]:
			return func(o []int, n int) { k.vv(out[o[0]:o[0]+n], x[o[1]:o[1]+n], y[o[2]:o[2]+n]) }
		case !bc[1] && bc[2]:
			return func(o []int, n int) { k.vs(out[o[0]:o[0]+n], x[o[1]:o[1]+n], y[o[2]]) }
		case bc[1] && !bc[2]:
			m := mirrorKernels[T](mirror)
			return func(o []int, n int) { m.vs(out[o[0]:o[0]+n], y[o[2]:o[2]+n], x[o[1]]) }
		}
		return nil
	}
}

// mirrorKernels returns the comparison kernels of name for T.
func mirrorKernels[T float](name string) cmpKernels[T] {
	var z T
	var k any
	switch any(z).(type) {
	case float32:
		k = map[string]cmpKernels[float32]{
			"equal": {eqVVF32, eqVSF32}, "not_equal": {neVVF32, neVSF32}, "less": {ltVVF32, ltVSF32},
			"less_equal": {leVVF32, leVSF32}, "greater": {gtVVF32, gtVSF32}, "greater_equal": {geVVF32, geVSF32}}[name]
	case float64:
		k = map[string]cmpKernels[float64]{
			"equal": {eqVVF64, eqVSF64}, "not_equal": {neVVF64, neVSF64}, "less": {ltVVF64, ltVSF64},
			"less_equal": {leVVF64, leVSF64}, "greater": {gtVVF64, gtVSF64}, "greater_equal": {geVVF64, geVSF64}}[name]
	}
	return k.(cmpKernels[T])
}

func addUnary(name string, split int, k32 func(dst, x []float32), k64 func(dst, x []float64)) {
	elemKernels[elemKey{name, dtype.Float32}] = elemKernel{unaryMaker(k32), split}
	elemKernels[elemKey{name, dtype.Float64}] = elemKernel{unaryMaker(k64), split}
}

func unaryMaker[T float](k func(dst, x []T)) kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		out, x := bufs[0].([]T), bufs[1].([]T)
		if bc[1] {
			return nil
		}
		return func(o []int, n int) { k(out[o[0]:o[0]+n], x[o[1]:o[1]+n]) }
	}
}

// whereMaker serves where(c, x, y) with every operand a vector run, for
// float32 and float64 x and y.
func whereMaker() kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		if bc[1] || bc[2] || bc[3] {
			return nil
		}
		c := bufs[1].([]bool)
		switch x := bufs[2].(type) {
		case []float32:
			out, y := bufs[0].([]float32), bufs[3].([]float32)
			return func(o []int, n int) { whereF32(out[o[0]:o[0]+n], c[o[1]:o[1]+n], x[o[2]:o[2]+n], y[o[3]:o[3]+n]) }
		case []float64:
			out, y := bufs[0].([]float64), bufs[3].([]float64)
			return func(o []int, n int) { whereF64(out[o[0]:o[0]+n], c[o[1]:o[1]+n], x[o[2]:o[2]+n], y[o[3]:o[3]+n]) }
		}
		return nil
	}
}

// clipMaker serves clip(x, lo, hi) with scalar bounds.
func clipMaker[T float](k func(dst, x []T, lo, hi T)) kernelMaker {
	return func(bufs []any, bc []bool) runKernel {
		if bc[1] || !bc[2] || !bc[3] {
			return nil
		}
		out, x, lo, hi := bufs[0].([]T), bufs[1].([]T), bufs[2].([]T), bufs[3].([]T)
		return func(o []int, n int) { k(out[o[0]:o[0]+n], x[o[1]:o[1]+n], lo[o[2]], hi[o[3]]) }
	}
}
