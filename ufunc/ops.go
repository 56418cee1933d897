package ufunc

import (
	"math"

	"github.com/numgl/numgl/internal/fmath"
)

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

	// Float functions added with NumPy's full set (ids after the first
	// ones so that existing plan keys keep their values).
	ArcSin
	ArcCos
	ArcTan
	ArcSinh
	ArcCosh
	ArcTanh
	Sinh
	Cosh
	Exp2
	Log2
	Log10
	Cbrt
	Deg2Rad
	Rad2Deg
	Rint
	Trunc
	ArcTan2
	Hypot
	LogAddExp
	LogAddExp2
	CopySign
	Fmod
	Fmax
	Fmin
	Positive

	// Float classification: bool results.
	SignBit
	IsNaN
	IsInf
	IsFinite

	// Bitwise ops on bool and ints.
	BitwiseAnd
	BitwiseOr
	BitwiseXor
	Invert
	LeftShift
	RightShift

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

		// Float functions: ints go to float64, bool to float32. The
		// transcendental ones are package fmath's, within NumPy's ULP
		// bounds where Go's math package is not.
		floatFunc(Sqrt, "sqrt", math.Sqrt),
		floatFunc(Exp, "exp", fmath.Exp),
		floatFunc(Log, "log", fmath.Log),
		floatFunc(Log1p, "log1p", fmath.Log1p),
		floatFunc(Expm1, "expm1", fmath.Expm1),
		floatFunc(Sin, "sin", fmath.Sin),
		floatFunc(Cos, "cos", fmath.Cos),
		floatFunc(Tan, "tan", fmath.Tan),
		floatFunc(Tanh, "tanh", fmath.Tanh),
		floatFunc(Floor, "floor", math.Floor),
		floatFunc(Ceil, "ceil", math.Ceil),

		// NumPy's other float functions.
		floatFunc(ArcSin, "arcsin", fmath.Asin),
		floatFunc(ArcCos, "arccos", fmath.Acos),
		floatFunc(ArcTan, "arctan", fmath.Atan),
		floatFunc(ArcSinh, "arcsinh", fmath.Asinh),
		floatFunc(ArcCosh, "arccosh", fmath.Acosh),
		floatFunc(ArcTanh, "arctanh", fmath.Atanh),
		floatFunc(Sinh, "sinh", fmath.Sinh),
		floatFunc(Cosh, "cosh", fmath.Cosh),
		floatFunc(Exp2, "exp2", fmath.Exp2),
		floatFunc(Log2, "log2", fmath.Log2),
		floatFunc(Log10, "log10", fmath.Log10),
		floatFunc(Cbrt, "cbrt", fmath.Cbrt),
		floatFunc(Rint, "rint", math.RoundToEven),
		floatFunc(Trunc, "trunc", math.Trunc),
		&Op{ID: Deg2Rad, Name: "deg2rad", Arity: 1, Loops: []*Loop{loop1(deg2rad[float32]), loop1(deg2rad[float64])}},
		&Op{ID: Rad2Deg, Name: "rad2deg", Arity: 1, Loops: []*Loop{loop1(rad2deg[float32]), loop1(rad2deg[float64])}},
		floatFunc2(ArcTan2, "arctan2", fmath.Atan2),
		floatFunc2(Hypot, "hypot", fmath.Hypot),
		floatFunc2(LogAddExp, "logaddexp", fmath.LogAddExp),
		floatFunc2(LogAddExp2, "logaddexp2", fmath.LogAddExp2),
		&Op{ID: CopySign, Name: "copysign", Arity: 2, Loops: []*Loop{loop2(copySign[float32]), loop2(copySign[float64])}},
		&Op{ID: Fmod, Name: "fmod", Arity: 2, Loops: []*Loop{
			loop2(fmodInt[int32]), loop2(fmodInt[int64]), loop2(fmodFloat[float32]), loop2(fmodFloat[float64])}},
		&Op{ID: Fmax, Name: "fmax", Arity: 2, Loops: []*Loop{
			loop2(boolOr), loop2(fmax[int32]), loop2(fmax[int64]), loop2(fmax[float32]), loop2(fmax[float64])}},
		&Op{ID: Fmin, Name: "fmin", Arity: 2, Loops: []*Loop{
			loop2(boolAnd), loop2(fmin[int32]), loop2(fmin[int64]), loop2(fmin[float32]), loop2(fmin[float64])}},
		&Op{ID: Positive, Name: "positive", Arity: 1, RefuseBool: true, Loops: []*Loop{
			loop1(positive[int32]), loop1(positive[int64]), loop1(positive[float32]), loop1(positive[float64])}},

		// Float classification: ints and bools are never NaN or infinite;
		// signbit has float loops only (ints go to float64, as NumPy's).
		&Op{ID: SignBit, Name: "signbit", Arity: 1, Loops: []*Loop{loop1(signBit[float32]), loop1(signBit[float64])}},
		classify(IsNaN, "isnan", false, isNaN[float32], isNaN[float64]),
		classify(IsInf, "isinf", false, isInf[float32], isInf[float64]),
		classify(IsFinite, "isfinite", true, isFinite[float32], isFinite[float64]),

		// Bitwise: bools and ints (shifts: ints only, as NumPy's).
		&Op{ID: BitwiseAnd, Name: "bitwise_and", NoLoop: legacyNoLoop("bitwise_and"), Arity: 2, Loops: []*Loop{
			loop2(boolAnd), loop2(bitAnd[int32]), loop2(bitAnd[int64])}},
		&Op{ID: BitwiseOr, Name: "bitwise_or", NoLoop: legacyNoLoop("bitwise_or"), Arity: 2, Loops: []*Loop{
			loop2(boolOr), loop2(bitOr[int32]), loop2(bitOr[int64])}},
		&Op{ID: BitwiseXor, Name: "bitwise_xor", NoLoop: legacyNoLoop("bitwise_xor"), Arity: 2, Loops: []*Loop{
			loop2(boolXor), loop2(bitXor[int32]), loop2(bitXor[int64])}},
		&Op{ID: Invert, Name: "invert", NoLoop: legacyNoLoop("invert"), Arity: 1, Loops: []*Loop{
			loop1(func(a bool) bool { return !a }), loop1(invert[int32]), loop1(invert[int64])}},
		&Op{ID: LeftShift, Name: "left_shift", NoLoop: legacyNoLoop("left_shift"), Arity: 2, Loops: []*Loop{loop2(leftShift[int32]), loop2(leftShift[int64])}},
		&Op{ID: RightShift, Name: "right_shift", NoLoop: legacyNoLoop("right_shift"), Arity: 2, Loops: []*Loop{loop2(rightShift[int32]), loop2(rightShift[int64])}},

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
