package broadcast

import (
	"strconv"
	"strings"

	"github.com/numgl/numgl/internal/numerr"
)

// Shapes returns the shape that the given operand shapes broadcast to,
// following NumPy's rules (numpy.broadcast_shapes): shorter shapes are padded
// on the left with 1s, and along each axis the sizes must agree or be 1, a 1
// stretching to the other size. No shapes at all broadcast to the 0-d shape.
// The inputs are not modified and the result is a new slice.
//
// When the shapes do not broadcast the error has Kind numerr.Shape and
// numpy.broadcast_shapes' message, naming the first pair of arguments
// that conflict, scanning the axes from the left as NumPy does:
// "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch
// is between arg 0 with shape (3, 4) and arg 1 with shape (3,)." (callers
// such as the ufuncs restate it in their own NumPy words).
// A result whose element count overflows an int is refused with Kind
// numerr.Memory and NumPy's "broadcast dimensions too large.".
func Shapes(shapes ...[]int) ([]int, error) {
	ndim := 0
	for _, s := range shapes {
		ndim = max(ndim, len(s))
	}
	out := make([]int, ndim)
	for i := range ndim { // from the left, as NumPy reports mismatches
		k := ndim - i // the axis is k-th from the right
		dim, src := 1, 0
		for j, s := range shapes {
			if len(s) < k {
				continue
			}
			switch d := s[len(s)-k]; {
			case d == 1 || d == dim:
			case dim == 1:
				dim, src = d, j
			default:
				return nil, shapesError(shapes, src, j)
			}
		}
		out[i] = dim
	}
	if _, ok := Product(out); !ok {
		return nil, numerr.New(numerr.Memory, "broadcast dimensions too large.")
	}
	return out, nil
}

// shapesError is numpy.broadcast_shapes' error for arguments i and j,
// whose sizes conflict.
func shapesError(shapes [][]int, i, j int) error {
	return numerr.New(numerr.Shape, "shape mismatch: objects cannot be broadcast to a single shape.  "+
		"Mismatch is between arg %d with shape %s and arg %d with shape %s.",
		i, pyShape(shapes[i]), j, pyShape(shapes[j]))
}

// pyShape is a shape as Python prints the tuple: "(1, 3)", "(2,)", "()".
func pyShape(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// Strides returns the element strides of an operand with the given shape and
// strides when it is seen at the broadcast target shape, as
// numpy.broadcast_to does: the leading axes it gains and its size-1 axes that
// are stretched get stride 0; every other axis keeps its stride. The inputs
// are not modified.
//
// Errors, in NumPy's (1.24) words:
//   - a target with fewer dims than shape: Kind numerr.Shape, "input operand
//     has more dimensions than allowed by the axis remapping";
//   - a negative dim in target: Kind numerr.Value, "all elements of broadcast
//     shape must be non-negative";
//   - shape does not broadcast to target: Kind numerr.Shape, "operands could
//     not be broadcast together with remapped shapes [original->remapped]:
//     (1,3)  and requested shape (3,1)" (two spaces after the shape, as NumPy
//     prints it).
//
// len(strides) must equal len(shape); otherwise the error has Kind
// numerr.Value (a bug in the caller, not a NumPy error).
func Strides(shape, strides, target []int) ([]int, error) {
	if len(strides) != len(shape) {
		return nil, numerr.New(numerr.Value,
			"broadcast: %d strides for a shape of %d dims", len(strides), len(shape))
	}
	for _, d := range target {
		if d < 0 {
			return nil, numerr.New(numerr.Value, "all elements of broadcast shape must be non-negative")
		}
	}
	if len(target) < len(shape) {
		return nil, numerr.New(numerr.Shape,
			"input operand has more dimensions than allowed by the axis remapping")
	}
	lead := len(target) - len(shape)
	out := make([]int, len(target))
	for i, d := range shape {
		switch t := target[lead+i]; {
		case d == t:
			out[lead+i] = strides[i]
		case d == 1:
			out[lead+i] = 0
		default:
			return nil, numerr.New(numerr.Shape,
				"operands could not be broadcast together with remapped shapes [original->remapped]: %s  and requested shape %s",
				Format(shape), Format(target))
		}
	}
	return out, nil
}
