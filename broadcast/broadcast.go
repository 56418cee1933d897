package broadcast

import (
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
// NumPy's ufunc message, every shape followed by a space:
// "operands could not be broadcast together with shapes (3,4) (3,) ".
func Shapes(shapes ...[]int) ([]int, error) {
	ndim := 0
	for _, s := range shapes {
		ndim = max(ndim, len(s))
	}
	out := make([]int, ndim)
	for k := 1; k <= ndim; k++ { // k-th axis from the right
		dim := 1
		for _, s := range shapes {
			if len(s) < k {
				continue
			}
			switch d := s[len(s)-k]; {
			case d == 1 || d == dim:
			case dim == 1:
				dim = d
			default:
				return nil, shapesError(shapes)
			}
		}
		out[ndim-k] = dim
	}
	return out, nil
}

func shapesError(shapes [][]int) error {
	var b strings.Builder
	b.WriteString("operands could not be broadcast together with shapes ")
	for _, s := range shapes {
		b.WriteString(Format(s))
		b.WriteByte(' ')
	}
	return &numerr.Error{Kind: numerr.Shape, Msg: b.String()}
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
