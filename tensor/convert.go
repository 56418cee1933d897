package tensor

import (
	"math"

	"github.com/numgl/numgl/dtype"
)

// NumPy converts a scalar to an array's dtype by one of two rules,
// depending on the path, and so does numgl:
//
//   - Assignment of a Go scalar (Set, NumPy's a[i] = 2.5) follows
//     Python's float-to-int rules: NaN and infinities are refused, as is
//     a float whose integer part does not fit an int64 (NumPy's "Python
//     int too large to convert to C long"); other floats truncate toward
//     zero to an int64, which then wraps to int32 as NumPy 1.24 wraps it
//     (a[0] = 3e9 on int32 gives -1294967296). See assignScalar.
//   - Creation and conversion (Full, AsType: NumPy's full and astype)
//     cast as C does on x86: NaN and out-of-range floats become the
//     dtype's minimum (INT_MIN). See castScalar.

// assignScalar converts s, a Go scalar being assigned into an array of
// dtype dt, by Python's rules (see above), raising NumPy's errors. NumPy's
// OverflowError is a ValueError here. A Go integer that int32 cannot hold
// is refused with NEP 50's message, as the ufuncs refuse it (NumPy 1.24
// wraps it with a DeprecationWarning saying it will fail; NumPy 2 fails).
func assignScalar(s dtype.Scalar, dt dtype.DType) dtype.Scalar {
	if !dt.IsInt() {
		return s
	}
	if s.DType.IsFloat() {
		s = dtype.IntScalar(pythonInt(s.F))
		if dt == dtype.Int32 {
			return dtype.Scalar{DType: dtype.Int32, I: int64(int32(s.I))}
		}
		return s
	}
	checkScalarFits(s, dt)
	return s
}

// pythonInt is Python's int(f) stored in a C long (int64), with Python's
// errors.
func pythonInt(f float64) int64 {
	switch {
	case math.IsNaN(f):
		raise(ValueError, "cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		raise(ValueError, "cannot convert float infinity to integer")
	}
	t := math.Trunc(f)
	if t >= 0x1p63 || t < -0x1p63 {
		raise(ValueError, "Python int too large to convert to C long")
	}
	return int64(t)
}

// castScalar converts s to dtype dt as NumPy's astype (a C cast on x86)
// does: floats truncate toward zero, and NaN or a float out of an integer
// dtype's range gives its minimum; integers wrap; anything non-zero is
// true.
func castScalar(s dtype.Scalar, dt dtype.DType) dtype.Scalar {
	switch {
	case dt == dtype.Bool:
		return dtype.BoolScalar(s.Bool())
	case dt == dtype.Int64:
		return dtype.IntScalar(s.Int()) // Int is the C cast to int64
	case dt == dtype.Int32:
		i := int64(int32(s.I))
		if s.DType.IsFloat() {
			i = math.MinInt32
			if s.F >= math.MinInt32 && s.F < math.MaxInt32+1 {
				i = int64(s.F)
			}
		}
		return dtype.Scalar{DType: dtype.Int32, I: i}
	case dt.IsFloat():
		return dtype.Scalar{DType: dt, F: s.Float()}
	}
	return s
}
