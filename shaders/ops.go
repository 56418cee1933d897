package shaders

import "github.com/numgl/numgl/ufunc"

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
	ufunc.Where:        "nwhere(a, b, c)",
	ufunc.Clip:         "nclip(a, b, c)",
}

// OpGLSL returns the GLSL expression of op ("" for none).
func OpGLSL(op ufunc.ID) string {
	if op >= ufunc.NumIDs {
		return ""
	}
	return opGLSL[op]
}
