package ufunc

import "math"

// The ops: the vocabulary. An op is added here and in the table below.
const (
	NoOp ID = iota // the zero ID: no op

	// Binary arithmetic.
	Add
	Subtract
	Multiply
	Divide
	FloorDivide
	Remainder
	Power
	Maximum
	Minimum

	// Comparisons.
	Equal
	NotEqual
	Less
	LessEqual
	Greater
	GreaterEqual

	// Logic.
	LogicalAnd
	LogicalOr
	LogicalXor
	LogicalNot

	// Unary arithmetic.
	Negative
	Absolute
	Square
	Sign
	Reciprocal

	// Float functions.
	Sqrt
	Exp
	Log
	Log1p
	Expm1
	Sin
	Cos
	Tan
	Tanh
	Floor
	Ceil

	// Selection.
	Where
	Clip

	// NumIDs is one past the last ID.
	NumIDs
)

// The op table. Loops are listed in NumPy's search order (bool, ints,
// floats); see doc.go for where numgl widens NumPy's int8/float16 loops.

func init() {
	register(
		// Binary arithmetic.
		&Op{ID: Add, Name: "add", Arity: 2, Loops: []*Loop{
			loop2(boolOr), loop2(add[int32]), loop2(add[int64]), loop2(add[float32]), loop2(add[float64])}},
		&Op{ID: Subtract, Name: "subtract", Arity: 2, RefuseBool: true,
			NoLoop: "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
			Loops:  []*Loop{loop2(subtract[int32]), loop2(subtract[int64]), loop2(subtract[float32]), loop2(subtract[float64])}},
		&Op{ID: Multiply, Name: "multiply", Arity: 2, Loops: []*Loop{
			loop2(boolAnd), loop2(multiply[int32]), loop2(multiply[int64]), loop2(multiply[float32]), loop2(multiply[float64])}},
		&Op{ID: Divide, Name: "divide", Arity: 2, IntsToDouble: true, Loops: []*Loop{
			loop2(divide[float32]), loop2(divide[float64])}},
		&Op{ID: FloorDivide, Name: "floor_divide", Arity: 2, Loops: []*Loop{
			loop2(floorDivideInt[int32]), loop2(floorDivideInt[int64]), loop2(floorDivideFloat[float32]), loop2(floorDivideFloat[float64])}},
		&Op{ID: Remainder, Name: "remainder", Arity: 2, Loops: []*Loop{
			loop2(remainderInt[int32]), loop2(remainderInt[int64]), loop2(remainderFloat[float32]), loop2(remainderFloat[float64])}},
		&Op{ID: Power, Name: "power", Arity: 2, Loops: []*Loop{
			loop2(powerInt[int32]), loop2(powerInt[int64]), loop2(powerFloat[float32]), loop2(powerFloat[float64])}},
		&Op{ID: Maximum, Name: "maximum", Arity: 2, Loops: []*Loop{
			loop2(boolOr), loop2(MaximumOf[int32]), loop2(MaximumOf[int64]), loop2(MaximumOf[float32]), loop2(MaximumOf[float64])}},
		&Op{ID: Minimum, Name: "minimum", Arity: 2, Loops: []*Loop{
			loop2(boolAnd), loop2(MinimumOf[int32]), loop2(MinimumOf[int64]), loop2(MinimumOf[float32]), loop2(MinimumOf[float64])}},

		// Comparisons: every loop gives bool.
		compare(Equal, "equal", func(a, b bool) bool { return a == b }, eq[int32], eq[int64], eq[float32], eq[float64]),
		compare(NotEqual, "not_equal", func(a, b bool) bool { return a != b }, ne[int32], ne[int64], ne[float32], ne[float64]),
		compare(Less, "less", func(a, b bool) bool { return !a && b }, lt[int32], lt[int64], lt[float32], lt[float64]),
		compare(LessEqual, "less_equal", func(a, b bool) bool { return !a || b }, le[int32], le[int64], le[float32], le[float64]),
		compare(Greater, "greater", func(a, b bool) bool { return a && !b }, gt[int32], gt[int64], gt[float32], gt[float64]),
		compare(GreaterEqual, "greater_equal", func(a, b bool) bool { return a || !b }, ge[int32], ge[int64], ge[float32], ge[float64]),

		// Logic: any dtype in, bool out (non-zero is true).
		logic(LogicalAnd, "logical_and", boolAnd),
		logic(LogicalOr, "logical_or", boolOr),
		logic(LogicalXor, "logical_xor", boolXor),
		&Op{ID: LogicalNot, Name: "logical_not", Arity: 1, Loops: []*Loop{
			loop1(func(a bool) bool { return !a }),
			loop1(func(a int32) bool { return a == 0 }), loop1(func(a int64) bool { return a == 0 }),
			loop1(func(a float32) bool { return a == 0 }), loop1(func(a float64) bool { return a == 0 })}},

		// Unary arithmetic.
		&Op{ID: Negative, Name: "negative", Arity: 1, RefuseBool: true,
			NoLoop: "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
			Loops:  []*Loop{loop1(negative[int32]), loop1(negative[int64]), loop1(negative[float32]), loop1(negative[float64])}},
		&Op{ID: Absolute, Name: "absolute", Arity: 1, Loops: []*Loop{
			loop1(func(a bool) bool { return a }), loop1(AbsoluteOf[int32]), loop1(AbsoluteOf[int64]), loop1(AbsoluteOf[float32]), loop1(AbsoluteOf[float64])}},
		&Op{ID: Square, Name: "square", Arity: 1, Loops: []*Loop{
			loop1(square[int32]), loop1(square[int64]), loop1(square[float32]), loop1(square[float64])}},
		&Op{ID: Sign, Name: "sign", Arity: 1, RefuseBool: true, Loops: []*Loop{
			loop1(sign[int32]), loop1(sign[int64]), loop1(sign[float32]), loop1(sign[float64])}},
		&Op{ID: Reciprocal, Name: "reciprocal", Arity: 1, Loops: []*Loop{
			loop1(reciprocalInt[int32]), loop1(reciprocalInt[int64]), loop1(reciprocalFloat[float32]), loop1(reciprocalFloat[float64])}},

		// Float functions: ints go to float64, bool to float32.
		floatFunc(Sqrt, "sqrt", math.Sqrt),
		floatFunc(Exp, "exp", math.Exp),
		floatFunc(Log, "log", math.Log),
		floatFunc(Log1p, "log1p", math.Log1p),
		floatFunc(Expm1, "expm1", math.Expm1),
		floatFunc(Sin, "sin", math.Sin),
		floatFunc(Cos, "cos", math.Cos),
		floatFunc(Tan, "tan", math.Tan),
		floatFunc(Tanh, "tanh", math.Tanh),
		floatFunc(Floor, "floor", math.Floor),
		floatFunc(Ceil, "ceil", math.Ceil),

		// Selection.
		&Op{ID: Where, Name: "where", Arity: 3, Loops: []*Loop{
			loop3(where[bool]), loop3(where[int32]), loop3(where[int64]), loop3(where[float32]), loop3(where[float64])}},
		&Op{ID: Clip, Name: "clip", Arity: 3, Loops: []*Loop{
			loop3(clipBool), loop3(ClipOf[int32]), loop3(ClipOf[int64]), loop3(ClipOf[float32]), loop3(ClipOf[float64])}},
	)
	byName["abs"] = byName["absolute"] // NumPy's alias
}

func eq[T number](a, b T) bool { return a == b }
func ne[T number](a, b T) bool { return a != b }
func lt[T number](a, b T) bool { return a < b }
func le[T number](a, b T) bool { return a <= b }
func gt[T number](a, b T) bool { return a > b }
func ge[T number](a, b T) bool { return a >= b }

func compare(id ID, name string, fb func(a, b bool) bool, fi32 func(a, b int32) bool, fi64 func(a, b int64) bool,
	ff32 func(a, b float32) bool, ff64 func(a, b float64) bool) *Op {
	return &Op{ID: id, Name: name, Arity: 2, Loops: []*Loop{loop2(fb), loop2(fi32), loop2(fi64), loop2(ff32), loop2(ff64)}}
}

func logic(id ID, name string, f func(a, b bool) bool) *Op {
	return &Op{ID: id, Name: name, Arity: 2, Loops: []*Loop{
		loop2(f),
		loop2(func(a, b int32) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b int64) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b float32) bool { return f(a != 0, b != 0) }),
		loop2(func(a, b float64) bool { return f(a != 0, b != 0) }),
	}}
}

func floatFunc(id ID, name string, f func(float64) float64) *Op {
	return &Op{ID: id, Name: name, Arity: 1, Loops: []*Loop{
		loop1(mathF[float32](f)), loop1(mathF[float64](f))}}
}

func where[T bool | number](c bool, x, y T) T {
	if c {
		return x
	}
	return y
}

// ClipOf is NumPy's _NPY_CLIP: min(max(a, lo), hi) where max and min return
// a NaN first argument and otherwise compare strictly, so clip(-0.0, 0, 1)
// is +0.0 and a NaN bound gives NaN.
func ClipOf[T Number](a, lo, hi T) T {
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
