package cpu

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// val is a node's values over one block of n elements: data[off],
// data[off+step], ...: step 1 is a run, step 0 one value repeated.
type val struct {
	data any
	off  int
	step int
}

// vec returns v's n elements as a slice (v.step is 1).
func vec[T any](v val, n int) []T { return v.data.([]T)[v.off : v.off+n] }

// scalar returns v's value (v.step is 0).
func scalar[T any](v val) T { return v.data.([]T)[v.off] }

// blockKernel computes one op over a block: out[oo:oo+n] (a slice of the
// loop's output type) from its arguments (the op's arity of them, by
// value so that calls allocate nothing), each a run or one repeated
// value. It reports false, having written nothing, for an argument
// pattern it has no kernel for; the op's loop runs instead. Every kernel
// gives each element the same value whatever the pattern, the block and
// the element's place in it: fused and unfused evaluation, which cut
// arrays into blocks differently, agree bit for bit.
type blockKernel func(out any, oo int, args [3]val, n int) bool

// opKernels are an op's vector kernels for one dtype and the least work,
// in elements, that is split over goroutines (see simd_parallel.go).
type opKernels struct {
	fn    blockKernel
	split int
}

// vecKernels are the ops with vector kernels, by op and by the dtype of
// the loop's last input (x's for where).
var vecKernels [ufunc.NumIDs][dtype.Float64 + 1]opKernels

// kernelsOf returns the vector kernels of loop of op (fn nil when none).
func kernelsOf(op ufunc.ID, loop *ufunc.Loop) opKernels {
	return vecKernels[op][loop.In[len(loop.In)-1]]
}

func init() {
	addBinary(ufunc.Add, binKernels[float32]{addVVF32, addVSF32, nil}, binKernels[float64]{addVVF64, addVSF64, nil})
	addBinary(ufunc.Subtract, binKernels[float32]{subVVF32, subVSF32, subSVF32}, binKernels[float64]{subVVF64, subVSF64, subSVF64})
	addBinary(ufunc.Multiply, binKernels[float32]{mulVVF32, mulVSF32, nil}, binKernels[float64]{mulVVF64, mulVSF64, nil})
	addBinary(ufunc.Divide, binKernels[float32]{divVVF32, divVSF32, divSVF32}, binKernels[float64]{divVVF64, divVSF64, divSVF64})
	addBinary(ufunc.Maximum, binKernels[float32]{maxVVF32, maxVSF32, maxSVF32}, binKernels[float64]{maxVVF64, maxVSF64, maxSVF64})
	addBinary(ufunc.Minimum, binKernels[float32]{minVVF32, minVSF32, minSVF32}, binKernels[float64]{minVVF64, minVSF64, minSVF64})

	f32, f64 := cmpTable32(), cmpTable64()
	for _, c := range [][2]ufunc.ID{{ufunc.Equal, ufunc.Equal}, {ufunc.NotEqual, ufunc.NotEqual},
		{ufunc.Less, ufunc.Greater}, {ufunc.LessEqual, ufunc.GreaterEqual},
		{ufunc.Greater, ufunc.Less}, {ufunc.GreaterEqual, ufunc.LessEqual}} {
		vecKernels[c[0]][dtype.Float32] = opKernels{compareBlock(f32[c[0]], f32[c[1]]), splitStream}
		vecKernels[c[0]][dtype.Float64] = opKernels{compareBlock(f64[c[0]], f64[c[1]]), splitStream}
	}

	addUnary(ufunc.Negative, splitStream, negF32, negF64)
	addUnary(ufunc.Absolute, splitStream, absF32, absF64)
	addUnary(ufunc.Sqrt, splitStream, sqrtF32, sqrtF64)
	// exp, log, sin, cos, tanh: parallel gives each goroutine at least
	// the split, so splitMath/2 splits from splitMath elements (0.3-2 ns
	// an element: 0.15-1 ms of work there).
	addUnary(ufunc.Exp, splitMath/2, expF32, expF64)
	addUnary(ufunc.Log, splitMath/2, logF32, logF64)
	addUnary(ufunc.Sin, splitMath/2, leftToLoop(sinF32, trigBoundF32, ufunc.Sin), leftToLoop(sinF64, trigBoundF64, ufunc.Sin))
	addUnary(ufunc.Cos, splitMath/2, leftToLoop(cosF32, trigBoundF32, ufunc.Cos), leftToLoop(cosF64, trigBoundF64, ufunc.Cos))
	addUnary(ufunc.Tanh, splitMath/2, tanhF32, tanhF64)
	addUnary(ufunc.Square, splitStream, func(d, x []float32) { mulVVF32(d, x, x) }, func(d, x []float64) { mulVVF64(d, x, x) })

	vecKernels[ufunc.Where][dtype.Float32] = opKernels{whereBlock(whereF32), splitStream}
	vecKernels[ufunc.Where][dtype.Float64] = opKernels{whereBlock(whereF64), splitStream}
	vecKernels[ufunc.Clip][dtype.Float32] = opKernels{clipBlock(clipVSSF32), splitStream}
	vecKernels[ufunc.Clip][dtype.Float64] = opKernels{clipBlock(clipVSSF64), splitStream}
}

type binKernels[T float | integer] struct {
	vv func(dst, x, y []T)
	vs func(dst, x []T, y T)
	sv func(dst []T, x T, y []T) // nil: commutative, vs with x and y swapped
}

func addBinary(id ufunc.ID, k32 binKernels[float32], k64 binKernels[float64]) {
	vecKernels[id][dtype.Float32] = opKernels{binaryBlock(k32), splitStream}
	vecKernels[id][dtype.Float64] = opKernels{binaryBlock(k64), splitStream}
}

// binaryBlock serves every pattern of a binary op: two runs, a run and a
// value either way round, and two values (one element computed by the
// run kernel, then repeated).
func binaryBlock[T float | integer](k binKernels[T]) blockKernel {
	return func(out any, oo int, a [3]val, n int) bool {
		o := out.([]T)[oo : oo+n]
		x, y := a[0], a[1]
		switch {
		case x.step == 1 && y.step == 1:
			k.vv(o, vec[T](x, n), vec[T](y, n))
		case x.step == 1:
			k.vs(o, vec[T](x, n), scalar[T](y))
		case y.step == 1 && k.sv != nil:
			k.sv(o, scalar[T](x), vec[T](y, n))
		case y.step == 1:
			k.vs(o, vec[T](y, n), scalar[T](x))
		default:
			k.vv(o[:1], vec[T](x, 1), vec[T](y, 1))
			repeat(o)
		}
		return true
	}
}

// repeat sets every element of s to its first.
func repeat[T any](s []T) {
	for i := 1; i < len(s); i *= 2 {
		copy(s[i:], s[:i])
	}
}

type cmpKernels[T float] struct {
	vv func(dst []bool, x, y []T)
	vs func(dst []bool, x []T, y T)
}

func cmpTable32() map[ufunc.ID]cmpKernels[float32] {
	return map[ufunc.ID]cmpKernels[float32]{
		ufunc.Equal: {eqVVF32, eqVSF32}, ufunc.NotEqual: {neVVF32, neVSF32}, ufunc.Less: {ltVVF32, ltVSF32},
		ufunc.LessEqual: {leVVF32, leVSF32}, ufunc.Greater: {gtVVF32, gtVSF32}, ufunc.GreaterEqual: {geVVF32, geVSF32}}
}

func cmpTable64() map[ufunc.ID]cmpKernels[float64] {
	return map[ufunc.ID]cmpKernels[float64]{
		ufunc.Equal: {eqVVF64, eqVSF64}, ufunc.NotEqual: {neVVF64, neVSF64}, ufunc.Less: {ltVVF64, ltVSF64},
		ufunc.LessEqual: {leVVF64, leVSF64}, ufunc.Greater: {gtVVF64, gtVSF64}, ufunc.GreaterEqual: {geVVF64, geVSF64}}
}

// compareBlock serves a comparison; mirror is the comparison with its
// operands swapped (less for greater), whose run-value kernel serves
// value-run patterns.
func compareBlock[T float](k, mirror cmpKernels[T]) blockKernel {
	return func(out any, oo int, a [3]val, n int) bool {
		o := out.([]bool)[oo : oo+n]
		x, y := a[0], a[1]
		switch {
		case x.step == 1 && y.step == 1:
			k.vv(o, vec[T](x, n), vec[T](y, n))
		case x.step == 1:
			k.vs(o, vec[T](x, n), scalar[T](y))
		case y.step == 1:
			mirror.vs(o, vec[T](y, n), scalar[T](x))
		default:
			k.vv(o[:1], vec[T](x, 1), vec[T](y, 1))
			repeat(o)
		}
		return true
	}
}

func addUnary(id ufunc.ID, split int, k32 func(dst, x []float32), k64 func(dst, x []float64)) {
	vecKernels[id][dtype.Float32] = opKernels{unaryBlock(k32), split}
	vecKernels[id][dtype.Float64] = opKernels{unaryBlock(k64), split}
}

func unaryBlock[T float](k func(dst, x []T)) blockKernel {
	return func(out any, oo int, a [3]val, n int) bool {
		o := out.([]T)[oo : oo+n]
		if a[0].step == 1 {
			k(o, vec[T](a[0], n))
			return true
		}
		k(o[:1], vec[T](a[0], 1))
		repeat(o)
		return true
	}
}

// whereBlock serves where(c, x, y) with every operand a run; other
// patterns take the loop (where selects: any pattern gives the same
// values).
func whereBlock[T float](k func(dst []T, c []bool, x, y []T)) blockKernel {
	return func(out any, oo int, a [3]val, n int) bool {
		if a[0].step != 1 || a[1].step != 1 || a[2].step != 1 {
			return false
		}
		k(out.([]T)[oo:oo+n], vec[bool](a[0], n), vec[T](a[1], n), vec[T](a[2], n))
		return true
	}
}

// clipBlock serves clip(x, lo, hi) with value bounds; other patterns take
// the loop (clip only compares: any pattern gives the same values).
func clipBlock[T float](k func(dst, x []T, lo, hi T)) blockKernel {
	return func(out any, oo int, a [3]val, n int) bool {
		if a[0].step != 1 || a[1].step != 0 || a[2].step != 0 {
			return false
		}
		k(out.([]T)[oo:oo+n], vec[T](a[0], n), scalar[T](a[1]), scalar[T](a[2]))
		return true
	}
}
