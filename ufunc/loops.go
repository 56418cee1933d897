package ufunc

import "github.com/numgl/numgl/dtype"

// The generic inner loops. Each wraps a scalar function of one dtype into
// a Loop1D; the function value is the op's definition for that dtype.

func unaryLoop[I, O any](f func(I) O) Loop1D {
	return func(args []any, offs, steps []int, n int) {
		in, out := args[0].([]I), args[1].([]O)
		i, o := offs[0], offs[1]
		for range n {
			out[o] = f(in[i])
			i += steps[0]
			o += steps[1]
		}
	}
}

func binaryLoop[I, O any](f func(I, I) O) Loop1D {
	return func(args []any, offs, steps []int, n int) {
		a, b, out := args[0].([]I), args[1].([]I), args[2].([]O)
		i, j, o := offs[0], offs[1], offs[2]
		for range n {
			out[o] = f(a[i], b[j])
			i += steps[0]
			j += steps[1]
			o += steps[2]
		}
	}
}

func ternaryLoop[I0, I, O any](f func(I0, I, I) O) Loop1D {
	return func(args []any, offs, steps []int, n int) {
		a, b, c, out := args[0].([]I0), args[1].([]I), args[2].([]I), args[3].([]O)
		i, j, k, o := offs[0], offs[1], offs[2], offs[3]
		for range n {
			out[o] = f(a[i], b[j], c[k])
			i += steps[0]
			j += steps[1]
			k += steps[2]
			o += steps[3]
		}
	}
}

// loop1 builds a unary loop T->O.
func loop1[I, O dtype.Element](f func(I) O) *Loop {
	return &Loop{In: []dtype.DType{dtype.For[I]()}, Out: dtype.For[O](), Fn: unaryLoop(f)}
}

// loop2 builds a binary loop TT->O.
func loop2[I, O dtype.Element](f func(I, I) O) *Loop {
	t := dtype.For[I]()
	return &Loop{In: []dtype.DType{t, t}, Out: dtype.For[O](), Fn: binaryLoop(f)}
}

// loop3 builds a ternary loop with a first input of type I0 (bool for
// where) and two of type I.
func loop3[I0, I, O dtype.Element](f func(I0, I, I) O) *Loop {
	t := dtype.For[I]()
	return &Loop{In: []dtype.DType{dtype.For[I0](), t, t}, Out: dtype.For[O](), Fn: ternaryLoop(f)}
}

type integer interface{ int32 | int64 }
type float interface{ float32 | float64 }
type number = Number

// Number is the set of numeric element types the scalar definitions take.
type Number interface{ integer | float }
