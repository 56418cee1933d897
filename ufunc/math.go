package ufunc

import "math"

// Scalar definitions of NumPy's float functions beyond the basic ones, of
// its float classification and of its bitwise ops.

// floatFunc2 is a binary float function: ints go to float64, bool to
// float32 (NumPy: float16), float32 computes in float64 and rounds once.
func floatFunc2(id ID, name string, f func(a, b float64) float64) *Op {
	return &Op{ID: id, Name: name, Arity: 2, Loops: []*Loop{
		loop2(func(a, b float32) float32 { return float32(f(float64(a), float64(b))) }),
		loop2(f)}}
}

// classify is a float classification op with a bool loop for every
// dtype; bools and ints all give ofInt.
func classify(id ID, name string, ofInt bool, f32 func(float32) bool, f64 func(float64) bool) *Op {
	return &Op{ID: id, Name: name, Arity: 1, Loops: []*Loop{
		loop1(func(bool) bool { return ofInt }),
		loop1(func(int32) bool { return ofInt }), loop1(func(int64) bool { return ofInt }),
		loop1(f32), loop1(f64)}}
}

// deg2rad and rad2deg multiply by a constant of the loop's type, as
// NumPy's npy_deg2rad and npy_rad2deg do. NumPy's float32 constants are
// computed in float32 from float32 pi (180/pi is then one ulp below
// float32(180/math.Pi)); its float64 ones are math.Pi/180 and 180/math.Pi.
func deg2rad[T float](a T) T { return a * degRad[T](math.Float32frombits(0x3c8efa35), math.Pi/180) }
func rad2deg[T float](a T) T { return a * degRad[T](math.Float32frombits(0x42652ee0), 180/math.Pi) }

// degRad returns the constant of T: c32 for float32, c64 for float64.
func degRad[T float](c32 float32, c64 float64) T {
	var z T
	if _, ok := any(z).(float32); ok {
		return T(c32)
	}
	return T(c64)
}

func copySign[T float](a, b T) T { return T(math.Copysign(float64(a), float64(b))) }

// fmodInt is C's %: the remainder has the dividend's sign; a zero divisor
// gives 0 (NumPy also warns), and so does the one overflowing case,
// MinInt % -1.
func fmodInt[T integer](a, b T) T {
	if b == 0 || b == -1 {
		return 0
	}
	return a % b
}

// fmodFloat is C's fmod (exact).
func fmodFloat[T float](a, b T) T { return T(math.Mod(float64(a), float64(b))) }

// fmax and fmin are NumPy's: a NaN argument is ignored unless both are
// NaN, and a tie (±0) gives the first argument.
func fmax[T number](a, b T) T {
	if a >= b || b != b {
		return a
	}
	return b
}

func fmin[T number](a, b T) T {
	if a <= b || b != b {
		return a
	}
	return b
}

func positive[T number](a T) T { return a }

func signBit[T float](a T) bool  { return math.Signbit(float64(a)) }
func isNaN[T float](a T) bool    { return a != a }
func isInf[T float](a T) bool    { return math.IsInf(float64(a), 0) }
func isFinite[T float](a T) bool { return !math.IsInf(float64(a), 0) && a == a }

func bitAnd[T integer](a, b T) T { return a & b }
func bitOr[T integer](a, b T) T  { return a | b }
func bitXor[T integer](a, b T) T { return a ^ b }
func invert[T integer](a T) T    { return ^a }

// bits is the width of T.
func bits[T integer]() uint64 {
	var z T
	if _, ok := any(z).(int32); ok {
		return 32
	}
	return 64
}

// leftShift is NumPy's npy_lshift: a shift by a negative count or by the
// width or more gives 0 (C leaves both undefined).
func leftShift[T integer](a, b T) T {
	if uint64(b) < bits[T]() {
		return a << b
	}
	return 0
}

// rightShift is NumPy's npy_rshift, arithmetic: a negative or oversized
// count gives -1 for a negative a and 0 otherwise.
func rightShift[T integer](a, b T) T {
	if uint64(b) < bits[T]() {
		return a >> b
	}
	if a < 0 {
		return -1
	}
	return 0
}

// legacyNoLoop is NumPy 1.24's message for the bitwise ops, which resolve
// through its legacy type resolver (their object loops keep them there).
func legacyNoLoop(name string) string {
	return "ufunc '" + name + "' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
}
