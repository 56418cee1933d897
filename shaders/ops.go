package shaders

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// opGLSL is the GPU's expression of each op of the table: GLSL over the
// arguments a, b, c, already in the compute type T of the loop's (last)
// input. Helper functions it calls (nfloordiv, nmaximum, ...) are defined
// by helpers_*.glsl and math_*.glsl for every compute type. A comparison
// or logical op may give a GLSL bool; the kernel turns every value into
// its node's dtype.
var opGLSL = [ufunc.NumIDs]string{
	ufunc.Add:          "a + b",
	ufunc.Subtract:     "a - b",
	ufunc.Multiply:     "a * b",
	ufunc.Divide:       "a / b",
	ufunc.FloorDivide:  "nfloordiv(a, b)",
	ufunc.Remainder:    "nremainder(a, b)",
	ufunc.Power:        "npower(a, b)",
	ufunc.Maximum:      "nmaximum(a, b)",
	ufunc.Minimum:      "nminimum(a, b)",
	ufunc.Equal:        "a == b",
	ufunc.NotEqual:     "a != b",
	ufunc.Less:         "a < b",
	ufunc.LessEqual:    "a <= b",
	ufunc.Greater:      "a > b",
	ufunc.GreaterEqual: "a >= b",
	ufunc.LogicalAnd:   "(a != T(0)) && (b != T(0))",
	ufunc.LogicalOr:    "(a != T(0)) || (b != T(0))",
	ufunc.LogicalXor:   "(a != T(0)) != (b != T(0))",
	ufunc.LogicalNot:   "a == T(0)",
	ufunc.Negative:     "-a",
	ufunc.Absolute:     "nabs(a)",
	ufunc.Square:       "a * a",
	ufunc.Sign:         "nsign(a)",
	ufunc.Reciprocal:   "nreciprocal(a)",
	ufunc.Sqrt:         "nsqrt(a)",
	ufunc.Exp:          "nexp(a)",
	ufunc.Log:          "nlog(a)",
	ufunc.Log1p:        "nlog1p(a)",
	ufunc.Expm1:        "nexpm1(a)",
	ufunc.Sin:          "nsin(a)",
	ufunc.Cos:          "ncos(a)",
	ufunc.Tan:          "ntan(a)",
	ufunc.Tanh:         "ntanh(a)",
	ufunc.Floor:        "nfloor(a)",
	ufunc.Ceil:         "nceil(a)",
	ufunc.ArcSin:       "nasin(a)",
	ufunc.ArcCos:       "nacos(a)",
	ufunc.ArcTan:       "natan(a)",
	ufunc.ArcSinh:      "nasinh(a)",
	ufunc.ArcCosh:      "nacosh(a)",
	ufunc.ArcTanh:      "natanh(a)",
	ufunc.Sinh:         "nsinh(a)",
	ufunc.Cosh:         "ncosh(a)",
	ufunc.Exp2:         "nexp2(a)",
	ufunc.Log2:         "nlog2(a)",
	ufunc.Log10:        "nlog10(a)",
	ufunc.Cbrt:         "ncbrt(a)",
	ufunc.Deg2Rad:      "ndeg2rad(a)",
	ufunc.Rad2Deg:      "nrad2deg(a)",
	ufunc.Rint:         "roundEven(a)",
	ufunc.Trunc:        "trunc(a)",
	ufunc.ArcTan2:      "natan2(a, b)",
	ufunc.Hypot:        "nhypot(a, b)",
	ufunc.LogAddExp:    "nlogaddexp(a, b)",
	ufunc.LogAddExp2:   "nlogaddexp2(a, b)",
	ufunc.CopySign:     "ncopysign(a, b)",
	ufunc.Fmod:         "nfmod(a, b)",
	ufunc.Fmax:         "nfmax(a, b)",
	ufunc.Fmin:         "nfmin(a, b)",
	ufunc.Positive:     "a",
	ufunc.SignBit:      "nsignbit(a)",
	ufunc.IsNaN:        "nisnan(a)",
	ufunc.IsInf:        "nisinf(a)",
	ufunc.IsFinite:     "nisfinite(a)",
	ufunc.BitwiseAnd:   "a & b",
	ufunc.BitwiseOr:    "a | b",
	ufunc.BitwiseXor:   "a ^ b",
	ufunc.Invert:       "~a",
	ufunc.LeftShift:    "nleft_shift(a, b)",
	ufunc.RightShift:   "nright_shift(a, b)",
	ufunc.Where:        "nwhere(a, b, c)",
	ufunc.Clip:         "nclip(a, b, c)",
}

// boolGLSL replaces opGLSL for an op's bool loop where the two differ:
// bools compute as int 0 and 1, where ~ is not logical negation.
var boolGLSL = map[ufunc.ID]string{
	ufunc.Invert: "a ^ 1",
}

// loopGLSL returns the GLSL expression of op's loop l.
func loopGLSL(op ufunc.ID, l *ufunc.Loop) string {
	if e, ok := boolGLSL[op]; ok && l.In[0] == dtype.Bool {
		return e
	}
	return opGLSL[op]
}

// OpGLSL returns the GLSL expression of op ("" for none).
func OpGLSL(op ufunc.ID) string {
	if op >= ufunc.NumIDs {
		return ""
	}
	return opGLSL[op]
}
