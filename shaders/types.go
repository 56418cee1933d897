package shaders

import (
	"math"

	"github.com/numgl/numgl/dtype"
)

// StoreType is the GLSL type of a dtype's elements in a storage buffer.
func StoreType(dt dtype.DType) string {
	switch dt {
	case dtype.Bool:
		return "uint"
	case dtype.Int32:
		return "int"
	case dtype.Int64:
		return "int64_t"
	case dtype.Float32:
		return "float"
	case dtype.Float64:
		return "double"
	}
	panic("shaders: no GLSL type for " + dt.String())
}

// ComputeType is the GLSL type a dtype's values are computed in: bool as
// int (0 or 1), the rest as stored.
func ComputeType(dt dtype.DType) string {
	if dt == dtype.Bool {
		return "int"
	}
	return StoreType(dt)
}

// load returns the GLSL expression reading element idx of buffer buf as
// the compute type of dt.
func load(dt dtype.DType, buf, idx string) string {
	if dt == dtype.Bool {
		return "int(" + buf + "[" + idx + "] != 0u)"
	}
	return buf + "[" + idx + "]"
}

// store returns the GLSL expression converting a value of any GLSL type to
// the store type of dt: nstore_<type> helpers do it for bool (non-zero is
// true) and casts for the rest.
func store(dt dtype.DType, expr string) string {
	if dt == dtype.Bool {
		return "nbool(" + expr + ")"
	}
	return StoreType(dt) + "(" + expr + ")"
}

// needsInt64 reports whether any of dts needs the int64 extension.
func needsInt64(dts ...dtype.DType) bool {
	for _, d := range dts {
		if d == dtype.Int64 {
			return true
		}
	}
	return false
}

// ScalarBits returns a value's bits as dt stores them, low word first:
// how Fill's u_bits and a plan's u_const carry values.
func ScalarBits(dt dtype.DType, s dtype.Scalar) [2]uint32 {
	var u uint64
	switch dt {
	case dtype.Bool:
		if s.Bool() {
			u = 1
		}
	case dtype.Int32:
		u = uint64(uint32(int32(s.Int())))
	case dtype.Int64:
		u = uint64(s.Int())
	case dtype.Float32:
		u = uint64(math.Float32bits(float32(s.Float())))
	case dtype.Float64:
		u = math.Float64bits(s.Float())
	}
	return [2]uint32{uint32(u), uint32(u >> 32)}
}
