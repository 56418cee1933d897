package ufunc

import "math"

// The op table. Loops are listed in NumPy's search order (bool, ints,
// floats); see doc.go for where numgl widens NumPy's int8/float16 loops.

func init() {
	register(
		// Binary arithmetic.
		&Op{Name: "add", Arity: 2, GLSL: "a + b", Loops: []*Loop{
			loop2(boolOr), loop2(add[int32]), loop2(add[int64]), loop2(add[float32]), loop2(add[float64])}},
		&Op{Name: "subtract", Arity: 2, GLSL: "a - b", RefuseBool: true,
			NoLoop: "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
			Loops:  []*Loop{loop2(subtract[int32]), loop2(subtract[int64]), loop2(subtract[float32]), loop2(subtract[float64])}},
		&Op{Name: "multiply", Arity: 2, GLSL: "a * b", Loops: []*Loop{
			loop2(boolAnd), loop2(multiply[int32]), loop2(multiply[int64]), loop2(multiply[float32]), loop2(multiply[float64])}},
		&Op{Name: "divide", Arity: 2, GLSL: "a / b", IntsToDouble: true, Loops: []*Loop{
			loop2(divide[float32]), loop2(divide[float64])}},
		&Op{Name: "floor_divide", Arity: 2, GLSL: "nfloordiv(a, b)", Loops: []*Loop{
			loop2(floorDivideInt[int32]), loop2(floorDivideInt[int64]), loop2(floorDivideFloat[float32]), loop2(floorDivideFloat[float64])}},
		&Op{Name: "remainder", Arity: 2, GLSL: "nremainder(a, b)", Loops: []*Loop{
			loop2(remainderInt[int32]), loop2(remainderInt[int64]), loop2(remainderFloat[float32]), loop2(remainderFloat[float64])}},
		&Op{Name: "power", Arity: 2, GLSL: "npower(a, b)", Loops: []*Loop{
			loop2(powerInt[int32]), loop2(powerInt[int64]), loop2(powerFloat[float32]), loop2(powerFloat[float64])}},
		&Op{Name: "maximum", Arity: 2, GLSL: "nmaximum(a, b)", Loops: []*Loop{
			loop2(boolOr), loop2(Maximum[int32]), loop2(Maximum[int64]), loop2(Maximum[float32]), loop2(Maximum[float64])}},
		&Op{Name: "minimum", Arity: 2, GLSL: "nminimum(a, b)", Loops: []*Loop{
			loop2(boolAnd), loop2(Minimum[int32]), loop2(Minimum[int64]), loop2(Minimum[float32]), loop2(Minimum[float64])}},

		// Comparisons: every loop gives bool.
		compare("equal", "a == b", func(a, b bool) bool { return a == b }, eq[int32], eq[int64], eq[float32], eq[float64]),
		compare("not_equal", "a != b", func(a, b bool) bool { return a != b }, ne[int32], ne[int64], ne[float32], ne[float64]),
		compare("less", "a < b", func(a, b bool) bool { return !a && b }, lt[int32], lt[int64], lt[float32], lt[float64]),
		compare("less_equal", "a <= b", func(a, b bool) bool { return !a || b }, le[int32], le[int64], le[float32], le[float64]),
		compare("greater", "a > b", func(a, b bool) bool { return a && !b }, gt[int32], gt[int64], gt[float32], gt[float64]),
		compare("greater_equal", "a >= b", func(a, b bool) bool { return a || !b }, ge[int32], ge[int64], ge[float32], ge[float64]),

		// Logic: any dtype in, bool out (non-zero is true).
		logic("logical_and", "(a != T(0)) && (b != T(0))", boolAnd),
		logic("logical_or", "(a != T(0)) || (b != T(0))", boolOr),
		logic("logical_xor", "(a != T(0)) != (b != T(0))", boolXor),
		&Op{Name: "logical_not", Arity: 1, GLSL: "a == T(0)", Loops: []*Loop{
			loop1(func(a bool) bool { return !a }),
			loop1(func(a int32) bool { return a == 0 }), loop1(func(a int64) bool { return a == 0 }),
			loop1(func(a float32) bool { return a == 0 }), loop1(func(a float64) bool { return a == 0 })}},

		// Unary arithmetic.
		&Op{Name: "negative", Arity: 1, GLSL: "-a", RefuseBool: true,
			NoLoop: "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
			Loops:  []*Loop{loop1(negative[int32]), loop1(negative[int64]), loop1(negative[float32]), loop1(negative[float64])}},
		&Op{Name: "absolute", Arity: 1, GLSL: "nabs(a)", Loops: []*Loop{
			loop1(func(a bool) bool { return a }), loop1(Absolute[int32]), loop1(Absolute[int64]), loop1(Absolute[float32]), loop1(Absolute[float64])}},
		&Op{Name: "square", Arity: 1, GLSL: "a * a", Loops: []*Loop{
			loop1(square[int32]), loop1(square[int64]), loop1(square[float32]), loop1(square[float64])}},
		&Op{Name: "sign", Arity: 1, GLSL: "nsign(a)", RefuseBool: true, Loops: []*Loop{
			loop1(sign[int32]), loop1(sign[int64]), loop1(sign[float32]), loop1(sign[float64])}},
		&Op{Name: "reciprocal", Arity: 1, GLSL: "nreciprocal(a)", Loops: []*Loop{
			loop1(reciprocalInt[int32]), loop1(reciprocalInt[int64]), loop1(reciprocalFloat[float32]), loop1(reciprocalFloat[float64])}},

		// Float functions: ints go to float64, bool to float32.
		floatFunc("sqrt", "nsqrt(a)", math.Sqrt),
		floatFunc("exp", "nexp(a)", math.Exp),
		floatFunc("log", "nlog(a)", math.Log),
		floatFunc("log1p", "nlog1p(a)", math.Log1p),
		floatFunc("expm1", "nexpm1(a)", math.Expm1),
		floatFunc("sin", "nsin(a)", math.Sin),
		floatFunc("cos", "ncos(a)", math.Cos),
		floatFunc("tan", "ntan(a)", math.Tan),
		floatFunc("tanh", "ntanh(a)", math.Tanh),
		floatFunc("floor", "nfloor(a)", math.Floor),
		floatFunc("ceil", "nceil(a)", math.Ceil),

		// Selection.
		&Op{Name: "where", Arity: 3, GLSL: "nwhere(a, b, c)", Loops: []*Loop{
			loop3(where[bool]), loop3(where[int32]), loop3(where[int64]), loop3(where[float32]), loop3(where[float64])}},
		&Op{Name: "clip", Arity: 3, GLSL: "nclip(a, b, c)", Loops: []*Loop{
			loop3(clipBool), loop3(Clip[int32]), loop3(Clip[int64]), loop3(Clip[float32]), loop3(Clip[float64])}},
	)
	table["abs"] = table["absolute"] // NumPy's alias
}

func eq[T number](a, b T) bool { return a == b }
func ne[T number](a, b T) bool { return a != b }
func lt[T number](a, b T) bool { return a < b }
func le[T number](a, b T) bool { return a <= b }
func gt[T number](a, b T) bool { return a > b }
func ge[T number](a, b T) bool { return a >= b }

func compare(name, glsl string, fb func(a, b bool) bool, fi32 func(a, b int32) bool, fi64 func(a, b int64) bool,
	ff32 func(a, b float32) bool, ff64 func(a, b float64) bool) *Op {
	return &Op{Name: name, Arity: 2, GLSL: glsl, Loops: []*Loop{loop2(fb), loop2(fi32), loop2(fi64), loop2(ff32), loop2(ff64)}}
}

func logic(name, glsl string, f func(a, b bool) bool) *Op {
	return &Op{Name: name, Arity: 2, GLSL: glsl, Loops: []*Loop{
		loop2(f),
		loop2(func(a, b int32) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b int64) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b float32) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b float64) bool { return f(a != 0, b != 0) }),
	}}
}

func floatFunc(name, glsl string, f func(float64) float64) *Op {
	return &Op{Name: name, Arity: 1, GLSL: glsl, Loops: []*Loop{
		loop1(mathF[float32](f)), loop1(mathF[float64](f))}}
}

func where[T bool | number](c bool, x, y T) T {
	if c {
		return x
	}
	return y
}

// Clip is NumPy's _NPY_CLIP: min(max(a, lo), hi) where max and min return
// a NaN first argument and otherwise compare strictly, so clip(-0.0, 0, 1)
// is +0.0 and a NaN bound gives NaN.
func Clip[T Number](a, lo, hi T) T {
	if a != a {
		return a
	}
	if !(a > lo) {
		a = lo
	}
	if a != a {
		return a
	}
	if !(a < hi) {
		a = hi
	}
	return a
}

func clipBool(a, lo, hi bool) bool { return (a || lo) && hi }
