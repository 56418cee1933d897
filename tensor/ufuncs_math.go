package tensor

import "github.com/numgl/numgl/ufunc"

// NumPy's other math ufuncs, its float classification and its bitwise
// ops, in the forms of ufuncs.go: a function, a method and an Into form,
// and an in-place method for the ones Python writes as augmented
// assignment (a &= b) or that keep the dtype of a (fmod). Integer inputs
// of the float functions give float64, as NumPy's.

// ArcSin returns the inverse sine, in [-pi/2, pi/2], elementwise (NumPy's arcsin).
func ArcSin(a any) *Array { return apply(ufunc.ArcSin, nil, a) }

// ArcSin is ArcSin(a).
func (a *Array) ArcSin() *Array { return apply(ufunc.ArcSin, nil, a) }

// ArcSinInto writes ArcSin(a) into dst and returns dst.
func ArcSinInto(dst *Array, a any) *Array { return apply(ufunc.ArcSin, dst, a) }

// ArcCos returns the inverse cosine, in [0, pi], elementwise (NumPy's arccos).
func ArcCos(a any) *Array { return apply(ufunc.ArcCos, nil, a) }

// ArcCos is ArcCos(a).
func (a *Array) ArcCos() *Array { return apply(ufunc.ArcCos, nil, a) }

// ArcCosInto writes ArcCos(a) into dst and returns dst.
func ArcCosInto(dst *Array, a any) *Array { return apply(ufunc.ArcCos, dst, a) }

// ArcTan returns the inverse tangent, in [-pi/2, pi/2], elementwise (NumPy's arctan).
func ArcTan(a any) *Array { return apply(ufunc.ArcTan, nil, a) }

// ArcTan is ArcTan(a).
func (a *Array) ArcTan() *Array { return apply(ufunc.ArcTan, nil, a) }

// ArcTanInto writes ArcTan(a) into dst and returns dst.
func ArcTanInto(dst *Array, a any) *Array { return apply(ufunc.ArcTan, dst, a) }

// ArcSinh returns the inverse hyperbolic sine, elementwise (NumPy's arcsinh).
func ArcSinh(a any) *Array { return apply(ufunc.ArcSinh, nil, a) }

// ArcSinh is ArcSinh(a).
func (a *Array) ArcSinh() *Array { return apply(ufunc.ArcSinh, nil, a) }

// ArcSinhInto writes ArcSinh(a) into dst and returns dst.
func ArcSinhInto(dst *Array, a any) *Array { return apply(ufunc.ArcSinh, dst, a) }

// ArcCosh returns the inverse hyperbolic cosine (NaN below 1), elementwise (NumPy's arccosh).
func ArcCosh(a any) *Array { return apply(ufunc.ArcCosh, nil, a) }

// ArcCosh is ArcCosh(a).
func (a *Array) ArcCosh() *Array { return apply(ufunc.ArcCosh, nil, a) }

// ArcCoshInto writes ArcCosh(a) into dst and returns dst.
func ArcCoshInto(dst *Array, a any) *Array { return apply(ufunc.ArcCosh, dst, a) }

// ArcTanh returns the inverse hyperbolic tangent (±inf at ±1, NaN beyond), elementwise (NumPy's arctanh).
func ArcTanh(a any) *Array { return apply(ufunc.ArcTanh, nil, a) }

// ArcTanh is ArcTanh(a).
func (a *Array) ArcTanh() *Array { return apply(ufunc.ArcTanh, nil, a) }

// ArcTanhInto writes ArcTanh(a) into dst and returns dst.
func ArcTanhInto(dst *Array, a any) *Array { return apply(ufunc.ArcTanh, dst, a) }

// Sinh returns the hyperbolic sine, elementwise (NumPy's sinh).
func Sinh(a any) *Array { return apply(ufunc.Sinh, nil, a) }

// Sinh is Sinh(a).
func (a *Array) Sinh() *Array { return apply(ufunc.Sinh, nil, a) }

// SinhInto writes Sinh(a) into dst and returns dst.
func SinhInto(dst *Array, a any) *Array { return apply(ufunc.Sinh, dst, a) }

// Cosh returns the hyperbolic cosine, elementwise (NumPy's cosh).
func Cosh(a any) *Array { return apply(ufunc.Cosh, nil, a) }

// Cosh is Cosh(a).
func (a *Array) Cosh() *Array { return apply(ufunc.Cosh, nil, a) }

// CoshInto writes Cosh(a) into dst and returns dst.
func CoshInto(dst *Array, a any) *Array { return apply(ufunc.Cosh, dst, a) }

// Exp2 returns 2**a, elementwise (NumPy's exp2).
func Exp2(a any) *Array { return apply(ufunc.Exp2, nil, a) }

// Exp2 is Exp2(a).
func (a *Array) Exp2() *Array { return apply(ufunc.Exp2, nil, a) }

// Exp2Into writes Exp2(a) into dst and returns dst.
func Exp2Into(dst *Array, a any) *Array { return apply(ufunc.Exp2, dst, a) }

// Log2 returns the base-2 logarithm, elementwise (NumPy's log2).
func Log2(a any) *Array { return apply(ufunc.Log2, nil, a) }

// Log2 is Log2(a).
func (a *Array) Log2() *Array { return apply(ufunc.Log2, nil, a) }

// Log2Into writes Log2(a) into dst and returns dst.
func Log2Into(dst *Array, a any) *Array { return apply(ufunc.Log2, dst, a) }

// Log10 returns the base-10 logarithm, elementwise (NumPy's log10).
func Log10(a any) *Array { return apply(ufunc.Log10, nil, a) }

// Log10 is Log10(a).
func (a *Array) Log10() *Array { return apply(ufunc.Log10, nil, a) }

// Log10Into writes Log10(a) into dst and returns dst.
func Log10Into(dst *Array, a any) *Array { return apply(ufunc.Log10, dst, a) }

// Cbrt returns the cube root (negative for negative a), elementwise (NumPy's cbrt).
func Cbrt(a any) *Array { return apply(ufunc.Cbrt, nil, a) }

// Cbrt is Cbrt(a).
func (a *Array) Cbrt() *Array { return apply(ufunc.Cbrt, nil, a) }

// CbrtInto writes Cbrt(a) into dst and returns dst.
func CbrtInto(dst *Array, a any) *Array { return apply(ufunc.Cbrt, dst, a) }

// Deg2Rad returns a converted from degrees to radians, elementwise (NumPy's deg2rad).
func Deg2Rad(a any) *Array { return apply(ufunc.Deg2Rad, nil, a) }

// Deg2Rad is Deg2Rad(a).
func (a *Array) Deg2Rad() *Array { return apply(ufunc.Deg2Rad, nil, a) }

// Deg2RadInto writes Deg2Rad(a) into dst and returns dst.
func Deg2RadInto(dst *Array, a any) *Array { return apply(ufunc.Deg2Rad, dst, a) }

// Rad2Deg returns a converted from radians to degrees, elementwise (NumPy's rad2deg).
func Rad2Deg(a any) *Array { return apply(ufunc.Rad2Deg, nil, a) }

// Rad2Deg is Rad2Deg(a).
func (a *Array) Rad2Deg() *Array { return apply(ufunc.Rad2Deg, nil, a) }

// Rad2DegInto writes Rad2Deg(a) into dst and returns dst.
func Rad2DegInto(dst *Array, a any) *Array { return apply(ufunc.Rad2Deg, dst, a) }

// Rint returns a rounded to the nearest integer, halves to even, as a float, elementwise (NumPy's rint).
func Rint(a any) *Array { return apply(ufunc.Rint, nil, a) }

// Rint is Rint(a).
func (a *Array) Rint() *Array { return apply(ufunc.Rint, nil, a) }

// RintInto writes Rint(a) into dst and returns dst.
func RintInto(dst *Array, a any) *Array { return apply(ufunc.Rint, dst, a) }

// Trunc returns a rounded toward zero, as a float, elementwise (NumPy's trunc).
func Trunc(a any) *Array { return apply(ufunc.Trunc, nil, a) }

// Trunc is Trunc(a).
func (a *Array) Trunc() *Array { return apply(ufunc.Trunc, nil, a) }

// TruncInto writes Trunc(a) into dst and returns dst.
func TruncInto(dst *Array, a any) *Array { return apply(ufunc.Trunc, dst, a) }

// Positive returns +a, a copy (numeric dtypes only), elementwise (NumPy's positive).
func Positive(a any) *Array { return apply(ufunc.Positive, nil, a) }

// Positive is Positive(a).
func (a *Array) Positive() *Array { return apply(ufunc.Positive, nil, a) }

// PositiveInto writes Positive(a) into dst and returns dst.
func PositiveInto(dst *Array, a any) *Array { return apply(ufunc.Positive, dst, a) }

// SignBit returns whether a's sign bit is set (true for -0.0), as bool, elementwise (NumPy's signbit).
func SignBit(a any) *Array { return apply(ufunc.SignBit, nil, a) }

// SignBit is SignBit(a).
func (a *Array) SignBit() *Array { return apply(ufunc.SignBit, nil, a) }

// SignBitInto writes SignBit(a) into dst and returns dst.
func SignBitInto(dst *Array, a any) *Array { return apply(ufunc.SignBit, dst, a) }

// IsNaN returns whether a is NaN, as bool, elementwise (NumPy's isnan).
func IsNaN(a any) *Array { return apply(ufunc.IsNaN, nil, a) }

// IsNaN is IsNaN(a).
func (a *Array) IsNaN() *Array { return apply(ufunc.IsNaN, nil, a) }

// IsNaNInto writes IsNaN(a) into dst and returns dst.
func IsNaNInto(dst *Array, a any) *Array { return apply(ufunc.IsNaN, dst, a) }

// IsInf returns whether a is +inf or -inf, as bool, elementwise (NumPy's isinf).
func IsInf(a any) *Array { return apply(ufunc.IsInf, nil, a) }

// IsInf is IsInf(a).
func (a *Array) IsInf() *Array { return apply(ufunc.IsInf, nil, a) }

// IsInfInto writes IsInf(a) into dst and returns dst.
func IsInfInto(dst *Array, a any) *Array { return apply(ufunc.IsInf, dst, a) }

// IsFinite returns whether a is neither infinite nor NaN, as bool, elementwise (NumPy's isfinite).
func IsFinite(a any) *Array { return apply(ufunc.IsFinite, nil, a) }

// IsFinite is IsFinite(a).
func (a *Array) IsFinite() *Array { return apply(ufunc.IsFinite, nil, a) }

// IsFiniteInto writes IsFinite(a) into dst and returns dst.
func IsFiniteInto(dst *Array, a any) *Array { return apply(ufunc.IsFinite, dst, a) }

// Invert returns the bitwise NOT of an integer, the logical NOT of a bool, elementwise (NumPy's invert).
func Invert(a any) *Array { return apply(ufunc.Invert, nil, a) }

// Invert is Invert(a).
func (a *Array) Invert() *Array { return apply(ufunc.Invert, nil, a) }

// InvertInto writes Invert(a) into dst and returns dst.
func InvertInto(dst *Array, a any) *Array { return apply(ufunc.Invert, dst, a) }

// ArcTan2 returns the angle of the point (b, a): arctan(a/b) in the right quadrant, in [-pi, pi], elementwise (NumPy's arctan2).
func ArcTan2(a, b any) *Array { return apply(ufunc.ArcTan2, nil, a, b) }

// ArcTan2 is ArcTan2(a, b).
func (a *Array) ArcTan2(b any) *Array { return apply(ufunc.ArcTan2, nil, a, b) }

// ArcTan2Into writes ArcTan2(a, b) into dst and returns dst.
func ArcTan2Into(dst *Array, a, b any) *Array { return apply(ufunc.ArcTan2, dst, a, b) }

// Hypot returns sqrt(a*a + b*b) without overflow or underflow in between, elementwise (NumPy's hypot).
func Hypot(a, b any) *Array { return apply(ufunc.Hypot, nil, a, b) }

// Hypot is Hypot(a, b).
func (a *Array) Hypot(b any) *Array { return apply(ufunc.Hypot, nil, a, b) }

// HypotInto writes Hypot(a, b) into dst and returns dst.
func HypotInto(dst *Array, a, b any) *Array { return apply(ufunc.Hypot, dst, a, b) }

// LogAddExp returns log(exp(a) + exp(b)) without overflow, elementwise (NumPy's logaddexp).
func LogAddExp(a, b any) *Array { return apply(ufunc.LogAddExp, nil, a, b) }

// LogAddExp is LogAddExp(a, b).
func (a *Array) LogAddExp(b any) *Array { return apply(ufunc.LogAddExp, nil, a, b) }

// LogAddExpInto writes LogAddExp(a, b) into dst and returns dst.
func LogAddExpInto(dst *Array, a, b any) *Array { return apply(ufunc.LogAddExp, dst, a, b) }

// LogAddExp2 returns log2(2**a + 2**b) without overflow, elementwise (NumPy's logaddexp2).
func LogAddExp2(a, b any) *Array { return apply(ufunc.LogAddExp2, nil, a, b) }

// LogAddExp2 is LogAddExp2(a, b).
func (a *Array) LogAddExp2(b any) *Array { return apply(ufunc.LogAddExp2, nil, a, b) }

// LogAddExp2Into writes LogAddExp2(a, b) into dst and returns dst.
func LogAddExp2Into(dst *Array, a, b any) *Array { return apply(ufunc.LogAddExp2, dst, a, b) }

// CopySign returns a with the sign of b, elementwise (NumPy's copysign).
func CopySign(a, b any) *Array { return apply(ufunc.CopySign, nil, a, b) }

// CopySign is CopySign(a, b).
func (a *Array) CopySign(b any) *Array { return apply(ufunc.CopySign, nil, a, b) }

// CopySignInto writes CopySign(a, b) into dst and returns dst.
func CopySignInto(dst *Array, a, b any) *Array { return apply(ufunc.CopySign, dst, a, b) }

// Fmod returns C's remainder of a / b, with the sign of a (Remainder has b's), elementwise (NumPy's fmod).
func Fmod(a, b any) *Array { return apply(ufunc.Fmod, nil, a, b) }

// Fmod is Fmod(a, b).
func (a *Array) Fmod(b any) *Array { return apply(ufunc.Fmod, nil, a, b) }

// FmodInto writes Fmod(a, b) into dst and returns dst.
func FmodInto(dst *Array, a, b any) *Array { return apply(ufunc.Fmod, dst, a, b) }

// FmodInPlace sets a to Fmod(a, b) and returns a.
func (a *Array) FmodInPlace(b any) *Array { return apply(ufunc.Fmod, a, a, b) }

// Fmax returns the elementwise maximum ignoring NaN (NaN only when both are), elementwise (NumPy's fmax).
func Fmax(a, b any) *Array { return apply(ufunc.Fmax, nil, a, b) }

// Fmax is Fmax(a, b).
func (a *Array) Fmax(b any) *Array { return apply(ufunc.Fmax, nil, a, b) }

// FmaxInto writes Fmax(a, b) into dst and returns dst.
func FmaxInto(dst *Array, a, b any) *Array { return apply(ufunc.Fmax, dst, a, b) }

// Fmin returns the elementwise minimum ignoring NaN (NaN only when both are), elementwise (NumPy's fmin).
func Fmin(a, b any) *Array { return apply(ufunc.Fmin, nil, a, b) }

// Fmin is Fmin(a, b).
func (a *Array) Fmin(b any) *Array { return apply(ufunc.Fmin, nil, a, b) }

// FminInto writes Fmin(a, b) into dst and returns dst.
func FminInto(dst *Array, a, b any) *Array { return apply(ufunc.Fmin, dst, a, b) }

// BitwiseAnd returns a & b for bools and integers, elementwise (NumPy's bitwise_and).
func BitwiseAnd(a, b any) *Array { return apply(ufunc.BitwiseAnd, nil, a, b) }

// BitwiseAnd is BitwiseAnd(a, b).
func (a *Array) BitwiseAnd(b any) *Array { return apply(ufunc.BitwiseAnd, nil, a, b) }

// BitwiseAndInto writes BitwiseAnd(a, b) into dst and returns dst.
func BitwiseAndInto(dst *Array, a, b any) *Array { return apply(ufunc.BitwiseAnd, dst, a, b) }

// BitwiseAndInPlace sets a to BitwiseAnd(a, b) and returns a.
func (a *Array) BitwiseAndInPlace(b any) *Array { return apply(ufunc.BitwiseAnd, a, a, b) }

// BitwiseOr returns a | b for bools and integers, elementwise (NumPy's bitwise_or).
func BitwiseOr(a, b any) *Array { return apply(ufunc.BitwiseOr, nil, a, b) }

// BitwiseOr is BitwiseOr(a, b).
func (a *Array) BitwiseOr(b any) *Array { return apply(ufunc.BitwiseOr, nil, a, b) }

// BitwiseOrInto writes BitwiseOr(a, b) into dst and returns dst.
func BitwiseOrInto(dst *Array, a, b any) *Array { return apply(ufunc.BitwiseOr, dst, a, b) }

// BitwiseOrInPlace sets a to BitwiseOr(a, b) and returns a.
func (a *Array) BitwiseOrInPlace(b any) *Array { return apply(ufunc.BitwiseOr, a, a, b) }

// BitwiseXor returns a ^ b for bools and integers, elementwise (NumPy's bitwise_xor).
func BitwiseXor(a, b any) *Array { return apply(ufunc.BitwiseXor, nil, a, b) }

// BitwiseXor is BitwiseXor(a, b).
func (a *Array) BitwiseXor(b any) *Array { return apply(ufunc.BitwiseXor, nil, a, b) }

// BitwiseXorInto writes BitwiseXor(a, b) into dst and returns dst.
func BitwiseXorInto(dst *Array, a, b any) *Array { return apply(ufunc.BitwiseXor, dst, a, b) }

// BitwiseXorInPlace sets a to BitwiseXor(a, b) and returns a.
func (a *Array) BitwiseXorInPlace(b any) *Array { return apply(ufunc.BitwiseXor, a, a, b) }

// LeftShift returns a << b for integers; a count that is negative or at least the width gives 0, elementwise (NumPy's left_shift).
func LeftShift(a, b any) *Array { return apply(ufunc.LeftShift, nil, a, b) }

// LeftShift is LeftShift(a, b).
func (a *Array) LeftShift(b any) *Array { return apply(ufunc.LeftShift, nil, a, b) }

// LeftShiftInto writes LeftShift(a, b) into dst and returns dst.
func LeftShiftInto(dst *Array, a, b any) *Array { return apply(ufunc.LeftShift, dst, a, b) }

// LeftShiftInPlace sets a to LeftShift(a, b) and returns a.
func (a *Array) LeftShiftInPlace(b any) *Array { return apply(ufunc.LeftShift, a, a, b) }

// RightShift returns a >> b for integers, arithmetic; a count that is negative or at least the width gives 0 (-1 for negative a), elementwise (NumPy's right_shift).
func RightShift(a, b any) *Array { return apply(ufunc.RightShift, nil, a, b) }

// RightShift is RightShift(a, b).
func (a *Array) RightShift(b any) *Array { return apply(ufunc.RightShift, nil, a, b) }

// RightShiftInto writes RightShift(a, b) into dst and returns dst.
func RightShiftInto(dst *Array, a, b any) *Array { return apply(ufunc.RightShift, dst, a, b) }

// RightShiftInPlace sets a to RightShift(a, b) and returns a.
func (a *Array) RightShiftInPlace(b any) *Array { return apply(ufunc.RightShift, a, a, b) }
