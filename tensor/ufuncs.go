package tensor

import "github.com/numgl/numgl/ufunc"

// The ufuncs, each in three forms, all NumPy's ufunc semantics:
//
//	tensor.Add(a, b)          a new array, like np.add(a, b)
//	a.Add(b)                  the same, as a method
//	tensor.AddInto(dst, a, b) writes into dst and returns it (np.add(a, b, out=dst))
//
// and, for the arithmetic ones, an in-place method (a.AddInPlace(b) is
// a += b). Operands are *Array values or Go scalars (bool, integers,
// floats); scalars are "weak" (NEP 50): float32 array + 2.5 stays float32.
// Operands broadcast together. With a destination, dst's shape must be the
// broadcast shape and the result converts to dst's dtype within its kind
// (float64 into float32 yes, float into int no). dst may be one of the
// operands (in place) or any array not partly overlapping them; an
// operand that partly overlaps dst is read whole before dst is written.

// Add returns a + b (NumPy's add).
func Add(a, b any) *Array { return apply(ufunc.Add, nil, a, b) }

// Add is Add(a, b).
func (a *Array) Add(b any) *Array { return apply(ufunc.Add, nil, a, b) }

// AddInto writes Add(a, b) into dst and returns dst.
func AddInto(dst *Array, a, b any) *Array { return apply(ufunc.Add, dst, a, b) }

// AddInPlace sets a to Add(a, b) and returns a.
func (a *Array) AddInPlace(b any) *Array { return apply(ufunc.Add, a, a, b) }

// Subtract returns a - b (NumPy's subtract).
func Subtract(a, b any) *Array { return apply(ufunc.Subtract, nil, a, b) }

// Subtract is Subtract(a, b).
func (a *Array) Subtract(b any) *Array { return apply(ufunc.Subtract, nil, a, b) }

// SubtractInto writes Subtract(a, b) into dst and returns dst.
func SubtractInto(dst *Array, a, b any) *Array { return apply(ufunc.Subtract, dst, a, b) }

// SubtractInPlace sets a to Subtract(a, b) and returns a.
func (a *Array) SubtractInPlace(b any) *Array { return apply(ufunc.Subtract, a, a, b) }

// Multiply returns a * b (NumPy's multiply).
func Multiply(a, b any) *Array { return apply(ufunc.Multiply, nil, a, b) }

// Multiply is Multiply(a, b).
func (a *Array) Multiply(b any) *Array { return apply(ufunc.Multiply, nil, a, b) }

// MultiplyInto writes Multiply(a, b) into dst and returns dst.
func MultiplyInto(dst *Array, a, b any) *Array { return apply(ufunc.Multiply, dst, a, b) }

// MultiplyInPlace sets a to Multiply(a, b) and returns a.
func (a *Array) MultiplyInPlace(b any) *Array { return apply(ufunc.Multiply, a, a, b) }

// Divide returns a / b, always a float (true division) (NumPy's divide).
func Divide(a, b any) *Array { return apply(ufunc.Divide, nil, a, b) }

// Divide is Divide(a, b).
func (a *Array) Divide(b any) *Array { return apply(ufunc.Divide, nil, a, b) }

// DivideInto writes Divide(a, b) into dst and returns dst.
func DivideInto(dst *Array, a, b any) *Array { return apply(ufunc.Divide, dst, a, b) }

// DivideInPlace sets a to Divide(a, b) and returns a.
func (a *Array) DivideInPlace(b any) *Array { return apply(ufunc.Divide, a, a, b) }

// FloorDivide returns a // b, rounded toward -inf as Python does (NumPy's floor_divide).
func FloorDivide(a, b any) *Array { return apply(ufunc.FloorDivide, nil, a, b) }

// FloorDivide is FloorDivide(a, b).
func (a *Array) FloorDivide(b any) *Array { return apply(ufunc.FloorDivide, nil, a, b) }

// FloorDivideInto writes FloorDivide(a, b) into dst and returns dst.
func FloorDivideInto(dst *Array, a, b any) *Array { return apply(ufunc.FloorDivide, dst, a, b) }

// FloorDivideInPlace sets a to FloorDivide(a, b) and returns a.
func (a *Array) FloorDivideInPlace(b any) *Array { return apply(ufunc.FloorDivide, a, a, b) }

// Remainder returns a % b with the sign of b, as Python's (NumPy's remainder).
func Remainder(a, b any) *Array { return apply(ufunc.Remainder, nil, a, b) }

// Remainder is Remainder(a, b).
func (a *Array) Remainder(b any) *Array { return apply(ufunc.Remainder, nil, a, b) }

// RemainderInto writes Remainder(a, b) into dst and returns dst.
func RemainderInto(dst *Array, a, b any) *Array { return apply(ufunc.Remainder, dst, a, b) }

// RemainderInPlace sets a to Remainder(a, b) and returns a.
func (a *Array) RemainderInPlace(b any) *Array { return apply(ufunc.Remainder, a, a, b) }

// Power returns a ** b; an integer base with a negative integer exponent panics (NumPy's power).
func Power(a, b any) *Array { return apply(ufunc.Power, nil, a, b) }

// Power is Power(a, b).
func (a *Array) Power(b any) *Array { return apply(ufunc.Power, nil, a, b) }

// PowerInto writes Power(a, b) into dst and returns dst.
func PowerInto(dst *Array, a, b any) *Array { return apply(ufunc.Power, dst, a, b) }

// PowerInPlace sets a to Power(a, b) and returns a.
func (a *Array) PowerInPlace(b any) *Array { return apply(ufunc.Power, a, a, b) }

// Maximum returns the elementwise maximum; NaN propagates (NumPy's maximum).
func Maximum(a, b any) *Array { return apply(ufunc.Maximum, nil, a, b) }

// Maximum is Maximum(a, b).
func (a *Array) Maximum(b any) *Array { return apply(ufunc.Maximum, nil, a, b) }

// MaximumInto writes Maximum(a, b) into dst and returns dst.
func MaximumInto(dst *Array, a, b any) *Array { return apply(ufunc.Maximum, dst, a, b) }

// MaximumInPlace sets a to Maximum(a, b) and returns a.
func (a *Array) MaximumInPlace(b any) *Array { return apply(ufunc.Maximum, a, a, b) }

// Minimum returns the elementwise minimum; NaN propagates (NumPy's minimum).
func Minimum(a, b any) *Array { return apply(ufunc.Minimum, nil, a, b) }

// Minimum is Minimum(a, b).
func (a *Array) Minimum(b any) *Array { return apply(ufunc.Minimum, nil, a, b) }

// MinimumInto writes Minimum(a, b) into dst and returns dst.
func MinimumInto(dst *Array, a, b any) *Array { return apply(ufunc.Minimum, dst, a, b) }

// MinimumInPlace sets a to Minimum(a, b) and returns a.
func (a *Array) MinimumInPlace(b any) *Array { return apply(ufunc.Minimum, a, a, b) }

// Equal returns a == b as bool (NumPy's equal).
func Equal(a, b any) *Array { return apply(ufunc.Equal, nil, a, b) }

// Equal is Equal(a, b).
func (a *Array) Equal(b any) *Array { return apply(ufunc.Equal, nil, a, b) }

// EqualInto writes Equal(a, b) into dst and returns dst.
func EqualInto(dst *Array, a, b any) *Array { return apply(ufunc.Equal, dst, a, b) }

// NotEqual returns a != b as bool (NumPy's not_equal).
func NotEqual(a, b any) *Array { return apply(ufunc.NotEqual, nil, a, b) }

// NotEqual is NotEqual(a, b).
func (a *Array) NotEqual(b any) *Array { return apply(ufunc.NotEqual, nil, a, b) }

// NotEqualInto writes NotEqual(a, b) into dst and returns dst.
func NotEqualInto(dst *Array, a, b any) *Array { return apply(ufunc.NotEqual, dst, a, b) }

// Less returns a < b as bool (NumPy's less).
func Less(a, b any) *Array { return apply(ufunc.Less, nil, a, b) }

// Less is Less(a, b).
func (a *Array) Less(b any) *Array { return apply(ufunc.Less, nil, a, b) }

// LessInto writes Less(a, b) into dst and returns dst.
func LessInto(dst *Array, a, b any) *Array { return apply(ufunc.Less, dst, a, b) }

// LessEqual returns a <= b as bool (NumPy's less_equal).
func LessEqual(a, b any) *Array { return apply(ufunc.LessEqual, nil, a, b) }

// LessEqual is LessEqual(a, b).
func (a *Array) LessEqual(b any) *Array { return apply(ufunc.LessEqual, nil, a, b) }

// LessEqualInto writes LessEqual(a, b) into dst and returns dst.
func LessEqualInto(dst *Array, a, b any) *Array { return apply(ufunc.LessEqual, dst, a, b) }

// Greater returns a > b as bool (NumPy's greater).
func Greater(a, b any) *Array { return apply(ufunc.Greater, nil, a, b) }

// Greater is Greater(a, b).
func (a *Array) Greater(b any) *Array { return apply(ufunc.Greater, nil, a, b) }

// GreaterInto writes Greater(a, b) into dst and returns dst.
func GreaterInto(dst *Array, a, b any) *Array { return apply(ufunc.Greater, dst, a, b) }

// GreaterEqual returns a >= b as bool (NumPy's greater_equal).
func GreaterEqual(a, b any) *Array { return apply(ufunc.GreaterEqual, nil, a, b) }

// GreaterEqual is GreaterEqual(a, b).
func (a *Array) GreaterEqual(b any) *Array { return apply(ufunc.GreaterEqual, nil, a, b) }

// GreaterEqualInto writes GreaterEqual(a, b) into dst and returns dst.
func GreaterEqualInto(dst *Array, a, b any) *Array { return apply(ufunc.GreaterEqual, dst, a, b) }

// LogicalAnd returns the truth of a and b (NumPy's logical_and).
func LogicalAnd(a, b any) *Array { return apply(ufunc.LogicalAnd, nil, a, b) }

// LogicalAnd is LogicalAnd(a, b).
func (a *Array) LogicalAnd(b any) *Array { return apply(ufunc.LogicalAnd, nil, a, b) }

// LogicalAndInto writes LogicalAnd(a, b) into dst and returns dst.
func LogicalAndInto(dst *Array, a, b any) *Array { return apply(ufunc.LogicalAnd, dst, a, b) }

// LogicalOr returns the truth of a or b (NumPy's logical_or).
func LogicalOr(a, b any) *Array { return apply(ufunc.LogicalOr, nil, a, b) }

// LogicalOr is LogicalOr(a, b).
func (a *Array) LogicalOr(b any) *Array { return apply(ufunc.LogicalOr, nil, a, b) }

// LogicalOrInto writes LogicalOr(a, b) into dst and returns dst.
func LogicalOrInto(dst *Array, a, b any) *Array { return apply(ufunc.LogicalOr, dst, a, b) }

// LogicalXor returns the truth of a xor b (NumPy's logical_xor).
func LogicalXor(a, b any) *Array { return apply(ufunc.LogicalXor, nil, a, b) }

// LogicalXor is LogicalXor(a, b).
func (a *Array) LogicalXor(b any) *Array { return apply(ufunc.LogicalXor, nil, a, b) }

// LogicalXorInto writes LogicalXor(a, b) into dst and returns dst.
func LogicalXorInto(dst *Array, a, b any) *Array { return apply(ufunc.LogicalXor, dst, a, b) }

// Negative returns -a, elementwise (NumPy's negative).
func Negative(a any) *Array { return apply(ufunc.Negative, nil, a) }

// Negative is Negative(a).
func (a *Array) Negative() *Array { return apply(ufunc.Negative, nil, a) }

// NegativeInto writes Negative(a) into dst and returns dst.
func NegativeInto(dst *Array, a any) *Array { return apply(ufunc.Negative, dst, a) }

// Abs returns |a|, elementwise (NumPy's absolute).
func Abs(a any) *Array { return apply(ufunc.Absolute, nil, a) }

// Abs is Abs(a).
func (a *Array) Abs() *Array { return apply(ufunc.Absolute, nil, a) }

// AbsInto writes Abs(a) into dst and returns dst.
func AbsInto(dst *Array, a any) *Array { return apply(ufunc.Absolute, dst, a) }

// Square returns a*a, elementwise (NumPy's square).
func Square(a any) *Array { return apply(ufunc.Square, nil, a) }

// Square is Square(a).
func (a *Array) Square() *Array { return apply(ufunc.Square, nil, a) }

// SquareInto writes Square(a) into dst and returns dst.
func SquareInto(dst *Array, a any) *Array { return apply(ufunc.Square, dst, a) }

// Sqrt returns the square root, elementwise (NumPy's sqrt).
func Sqrt(a any) *Array { return apply(ufunc.Sqrt, nil, a) }

// Sqrt is Sqrt(a).
func (a *Array) Sqrt() *Array { return apply(ufunc.Sqrt, nil, a) }

// SqrtInto writes Sqrt(a) into dst and returns dst.
func SqrtInto(dst *Array, a any) *Array { return apply(ufunc.Sqrt, dst, a) }

// Exp returns e**a, elementwise (NumPy's exp).
func Exp(a any) *Array { return apply(ufunc.Exp, nil, a) }

// Exp is Exp(a).
func (a *Array) Exp() *Array { return apply(ufunc.Exp, nil, a) }

// ExpInto writes Exp(a) into dst and returns dst.
func ExpInto(dst *Array, a any) *Array { return apply(ufunc.Exp, dst, a) }

// Log returns the natural logarithm, elementwise (NumPy's log).
func Log(a any) *Array { return apply(ufunc.Log, nil, a) }

// Log is Log(a).
func (a *Array) Log() *Array { return apply(ufunc.Log, nil, a) }

// LogInto writes Log(a) into dst and returns dst.
func LogInto(dst *Array, a any) *Array { return apply(ufunc.Log, dst, a) }

// Log1p returns log(1 + a), accurate for small a, elementwise (NumPy's log1p).
func Log1p(a any) *Array { return apply(ufunc.Log1p, nil, a) }

// Log1p is Log1p(a).
func (a *Array) Log1p() *Array { return apply(ufunc.Log1p, nil, a) }

// Log1pInto writes Log1p(a) into dst and returns dst.
func Log1pInto(dst *Array, a any) *Array { return apply(ufunc.Log1p, dst, a) }

// Expm1 returns exp(a) - 1, accurate for small a, elementwise (NumPy's expm1).
func Expm1(a any) *Array { return apply(ufunc.Expm1, nil, a) }

// Expm1 is Expm1(a).
func (a *Array) Expm1() *Array { return apply(ufunc.Expm1, nil, a) }

// Expm1Into writes Expm1(a) into dst and returns dst.
func Expm1Into(dst *Array, a any) *Array { return apply(ufunc.Expm1, dst, a) }

// Sin returns the sine, elementwise (NumPy's sin).
func Sin(a any) *Array { return apply(ufunc.Sin, nil, a) }

// Sin is Sin(a).
func (a *Array) Sin() *Array { return apply(ufunc.Sin, nil, a) }

// SinInto writes Sin(a) into dst and returns dst.
func SinInto(dst *Array, a any) *Array { return apply(ufunc.Sin, dst, a) }

// Cos returns the cosine, elementwise (NumPy's cos).
func Cos(a any) *Array { return apply(ufunc.Cos, nil, a) }

// Cos is Cos(a).
func (a *Array) Cos() *Array { return apply(ufunc.Cos, nil, a) }

// CosInto writes Cos(a) into dst and returns dst.
func CosInto(dst *Array, a any) *Array { return apply(ufunc.Cos, dst, a) }

// Tan returns the tangent, elementwise (NumPy's tan).
func Tan(a any) *Array { return apply(ufunc.Tan, nil, a) }

// Tan is Tan(a).
func (a *Array) Tan() *Array { return apply(ufunc.Tan, nil, a) }

// TanInto writes Tan(a) into dst and returns dst.
func TanInto(dst *Array, a any) *Array { return apply(ufunc.Tan, dst, a) }

// Tanh returns the hyperbolic tangent, elementwise (NumPy's tanh).
func Tanh(a any) *Array { return apply(ufunc.Tanh, nil, a) }

// Tanh is Tanh(a).
func (a *Array) Tanh() *Array { return apply(ufunc.Tanh, nil, a) }

// TanhInto writes Tanh(a) into dst and returns dst.
func TanhInto(dst *Array, a any) *Array { return apply(ufunc.Tanh, dst, a) }

// Floor returns the largest integer <= a, elementwise (NumPy's floor).
func Floor(a any) *Array { return apply(ufunc.Floor, nil, a) }

// Floor is Floor(a).
func (a *Array) Floor() *Array { return apply(ufunc.Floor, nil, a) }

// FloorInto writes Floor(a) into dst and returns dst.
func FloorInto(dst *Array, a any) *Array { return apply(ufunc.Floor, dst, a) }

// Ceil returns the smallest integer >= a, elementwise (NumPy's ceil).
func Ceil(a any) *Array { return apply(ufunc.Ceil, nil, a) }

// Ceil is Ceil(a).
func (a *Array) Ceil() *Array { return apply(ufunc.Ceil, nil, a) }

// CeilInto writes Ceil(a) into dst and returns dst.
func CeilInto(dst *Array, a any) *Array { return apply(ufunc.Ceil, dst, a) }

// Sign returns -1, 0 or 1 by the sign of a (NaN for NaN), elementwise (NumPy's sign).
func Sign(a any) *Array { return apply(ufunc.Sign, nil, a) }

// Sign is Sign(a).
func (a *Array) Sign() *Array { return apply(ufunc.Sign, nil, a) }

// SignInto writes Sign(a) into dst and returns dst.
func SignInto(dst *Array, a any) *Array { return apply(ufunc.Sign, dst, a) }

// Reciprocal returns 1/a (integer division for integers), elementwise (NumPy's reciprocal).
func Reciprocal(a any) *Array { return apply(ufunc.Reciprocal, nil, a) }

// Reciprocal is Reciprocal(a).
func (a *Array) Reciprocal() *Array { return apply(ufunc.Reciprocal, nil, a) }

// ReciprocalInto writes Reciprocal(a) into dst and returns dst.
func ReciprocalInto(dst *Array, a any) *Array { return apply(ufunc.Reciprocal, dst, a) }

// LogicalNot returns the truth of not a, elementwise (NumPy's logical_not).
func LogicalNot(a any) *Array { return apply(ufunc.LogicalNot, nil, a) }

// LogicalNot is LogicalNot(a).
func (a *Array) LogicalNot() *Array { return apply(ufunc.LogicalNot, nil, a) }

// LogicalNotInto writes LogicalNot(a) into dst and returns dst.
func LogicalNotInto(dst *Array, a any) *Array { return apply(ufunc.LogicalNot, dst, a) }

// Where returns x where cond is true and y elsewhere (NumPy's where with
// three arguments). cond is tested for truth whatever its dtype; x and y
// promote together; all three broadcast.
func Where(cond, x, y any) *Array { return apply(ufunc.Where, nil, cond, x, y) }

// WhereInto writes Where(cond, x, y) into dst and returns dst.
func WhereInto(dst *Array, cond, x, y any) *Array { return apply(ufunc.Where, dst, cond, x, y) }

// Clip limits a to [lo, hi] (NumPy's clip): minimum(maximum(a, lo), hi),
// so NaN propagates. A nil bound is no bound (NumPy's None); both nil is
// an error, as in NumPy.
func Clip(a, lo, hi any) *Array { return clip(nil, a, lo, hi) }

// Clip is Clip(a, lo, hi).
func (a *Array) Clip(lo, hi any) *Array { return clip(nil, a, lo, hi) }

// ClipInto writes Clip(a, lo, hi) into dst and returns dst.
func ClipInto(dst *Array, a, lo, hi any) *Array { return clip(dst, a, lo, hi) }

func clip(dst *Array, a, lo, hi any) *Array {
	switch {
	case isNil(lo) && isNil(hi):
		raise(ValueError, "One of max or min must be given")
	case isNil(lo):
		return apply(ufunc.Minimum, dst, a, hi)
	case isNil(hi):
		return apply(ufunc.Maximum, dst, a, lo)
	}
	return apply(ufunc.Clip, dst, a, lo, hi)
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	x, ok := v.(*Array)
	return ok && x == nil
}
