package ufunc

import "math"

// Scalar definitions shared by several ops. Each is the spec of its op for
// one dtype family; the inner loops only walk memory.

func add[T number](a, b T) T      { return a + b }
func subtract[T number](a, b T) T { return a - b }
func multiply[T number](a, b T) T { return a * b }
func divide[T float](a, b T) T    { return a / b }

// floorDivideInt is Python's a // b: the quotient rounded toward -inf. A
// zero divisor gives 0 (NumPy warns and gives 0).
func floorDivideInt[T integer](a, b T) T {
	if b == 0 {
		return 0
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// remainderInt is Python's a % b: the result has the divisor's sign. A
// zero divisor gives 0.
func remainderInt[T integer](a, b T) T {
	if b == 0 {
		return 0
	}
	r := a % b
	if r != 0 && ((r < 0) != (b < 0)) {
		r += b
	}
	return r
}

// divmod is NumPy's npy_divmod for floats: Python's floor division and
// modulo, with the quotient corrected so that div*b + mod ≈ a.
func divmod(a, b float64) (div, mod float64) {
	mod = math.Mod(a, b)
	if b == 0 {
		// NumPy: the quotient is a/b (±inf or nan), the remainder nan.
		return a / b, mod
	}
	div = (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	if div != 0 {
		fl := math.Floor(div)
		if div-fl > 0.5 {
			fl += 1
		}
		div = fl
	} else {
		div = math.Copysign(0, a/b)
	}
	return div, mod
}

func floorDivideFloat[T float](a, b T) T {
	d, _ := divmod(float64(a), float64(b))
	return T(d)
}

func remainderFloat[T float](a, b T) T {
	_, m := divmod(float64(a), float64(b))
	return T(m)
}

// powerInt is a**b by squaring, wrapping on overflow. Negative exponents
// are refused before the loop runs (NumPy: "Integers to negative integer
// powers are not allowed.").
func powerInt[T integer](a, b T) T {
	r := T(1)
	for b > 0 {
		if b&1 == 1 {
			r *= a
		}
		a *= a
		b >>= 1
	}
	return r
}

func powerFloat[T float](a, b T) T { return T(math.Pow(float64(a), float64(b))) }

// MaximumOf and MinimumOf are the maximum and minimum ops for one dtype: NaN
// propagates, and on a tie (±0) return the second
// argument, as NumPy 1.24's loops do on x86: (a > b || isnan(a)) ? a : b.
// Other backends' kernels are specified with them.
func MaximumOf[T Number](a, b T) T {
	if a > b || a != a {
		return a
	}
	return b
}

func MinimumOf[T Number](a, b T) T {
	if a < b || a != a {
		return a
	}
	return b
}

func negative[T number](a T) T { return -a }

// AbsoluteOf is the absolute op for one dtype: |a|, with abs(-0.0) = +0.0.
func AbsoluteOf[T Number](a T) T {
	if a < 0 {
		return -a
	}
	if a == 0 {
		return 0 // abs(-0.0) is +0.0
	}
	return a
}

func square[T number](a T) T { return a * a }

// sign is -1, 0 or 1 (NaN for NaN).
func sign[T number](a T) T {
	switch {
	case a > 0:
		return 1
	case a < 0:
		return -1
	case a == 0:
		return 0
	}
	return a // NaN
}

// reciprocalInt is NumPy's integer reciprocal: 1/a computed in double and
// converted (0 for |a| > 1; 1/0 = inf converts to the most negative value).
func reciprocalInt[T integer](a T) T {
	if a == 0 {
		var lowest any = int64(math.MinInt64)
		if _, is32 := any(a).(int32); is32 {
			lowest = int32(math.MinInt32)
		}
		return lowest.(T)
	}
	return T(1 / float64(a))
}

func reciprocalFloat[T float](a T) T { return 1 / a }

// mathF lifts a float64 function to T, computing in float64 and rounding once.
func mathF[T float](f func(float64) float64) func(T) T {
	return func(a T) T { return T(f(float64(a))) }
}

func boolOr(a, b bool) bool  { return a || b }
func boolAnd(a, b bool) bool { return a && b }
func boolXor(a, b bool) bool { return a != b }
