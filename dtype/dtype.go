// Package dtype names the element types numgl arrays hold: bool, int32,
// int64, float32 and float64, with their sizes and NumPy names.
package dtype

import (
	"fmt"
	"math"
)

// DType is an element type. The zero value is Invalid.
type DType uint8

// The five dtypes, in NumPy's order of "kind" (bool < int < float).
const (
	Invalid DType = iota
	Bool
	Int32
	Int64
	Float32
	Float64
)

// All lists every valid dtype.
var All = []DType{Bool, Int32, Int64, Float32, Float64}

var names = [...]string{"invalid", "bool", "int32", "int64", "float32", "float64"}

// String returns NumPy's name for the dtype ("float32").
func (d DType) String() string {
	if int(d) < len(names) {
		return names[d]
	}
	return fmt.Sprintf("DType(%d)", uint8(d))
}

// Parse returns the dtype with NumPy's name s.
func Parse(s string) (DType, error) {
	for i, n := range names[1:] {
		if n == s {
			return DType(i + 1), nil
		}
	}
	return Invalid, fmt.Errorf("data type %q not understood", s)
}

// Size is the number of bytes of one element.
func (d DType) Size() int {
	switch d {
	case Bool:
		return 1
	case Int32, Float32:
		return 4
	case Int64, Float64:
		return 8
	}
	return 0
}

// Valid reports whether d is one of the five dtypes.
func (d DType) Valid() bool { return d >= Bool && d <= Float64 }

// IsBool reports whether d is Bool.
func (d DType) IsBool() bool { return d == Bool }

// IsInt reports whether d is a signed integer type.
func (d DType) IsInt() bool { return d == Int32 || d == Int64 }

// IsFloat reports whether d is a floating-point type.
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

// Of returns the dtype of the Go element type of a slice ([]float32 gives
// Float32), or Invalid.
func Of(slice any) DType {
	switch slice.(type) {
	case []bool:
		return Bool
	case []int32:
		return Int32
	case []int64:
		return Int64
	case []float32:
		return Float32
	case []float64:
		return Float64
	}
	return Invalid
}

// Element is the set of Go types that back a dtype.
type Element interface {
	bool | int32 | int64 | float32 | float64
}

// For returns the dtype that holds Go values of type T.
func For[T Element]() DType {
	var z T
	switch any(z).(type) {
	case bool:
		return Bool
	case int32:
		return Int32
	case int64:
		return Int64
	case float32:
		return Float32
	case float64:
		return Float64
	}
	return Invalid
}

// Scalar is one value of any dtype, kept exactly: integers in I, floats in
// F, bools as 0/1 in I. It is how fill values and scalar operands travel in
// kernel requests.
type Scalar struct {
	DType DType
	I     int64
	F     float64
}

// FloatScalar returns a Float64 scalar.
func FloatScalar(f float64) Scalar { return Scalar{DType: Float64, F: f} }

// IntScalar returns an Int64 scalar.
func IntScalar(i int64) Scalar { return Scalar{DType: Int64, I: i} }

// BoolScalar returns a Bool scalar.
func BoolScalar(b bool) Scalar {
	if b {
		return Scalar{DType: Bool, I: 1}
	}
	return Scalar{DType: Bool}
}

// Float returns the value as a float64.
func (s Scalar) Float() float64 {
	if s.DType.IsFloat() {
		return s.F
	}
	return float64(s.I)
}

// Int returns the value as an int64, truncating floats toward zero as a C
// cast does (NumPy's astype). NaN and out-of-range floats give math.MinInt64.
func (s Scalar) Int() int64 {
	if !s.DType.IsFloat() {
		return s.I
	}
	if math.IsNaN(s.F) || s.F >= 9.223372036854775807e18 || s.F < -9.223372036854775808e18 {
		return math.MinInt64
	}
	return int64(s.F)
}

// Bool returns the value's truth: non-zero is true.
func (s Scalar) Bool() bool {
	if s.DType.IsFloat() {
		return s.F != 0
	}
	return s.I != 0
}

// String formats the value as Go would print it.
func (s Scalar) String() string {
	switch {
	case s.DType == Bool:
		if s.I != 0 {
			return "True"
		}
		return "False"
	case s.DType.IsFloat():
		return fmt.Sprint(s.F)
	}
	return fmt.Sprint(s.I)
}
