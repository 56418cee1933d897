package broadcast

import "github.com/numgl/numgl/internal/numerr"

// Axis normalises an axis of an array of ndim dims, as NumPy's
// normalize_axis_index does: -ndim <= axis < ndim is accepted and a negative
// axis counts from the end. Otherwise the error has Kind numerr.Axis and the
// axis as given: "axis 3 is out of bounds for array of dimension 2".
func Axis(axis, ndim int) (int, error) {
	if axis < -ndim || axis >= ndim {
		return 0, numerr.New(numerr.Axis, "axis %d is out of bounds for array of dimension %d", axis, ndim)
	}
	if axis < 0 {
		axis += ndim
	}
	return axis, nil
}

// Axes normalises a list of axes of an array of ndim dims, as NumPy's
// normalize_axis_tuple does: each axis as by Axis, keeping their order, and
// no axis may appear twice once normalised (-1 and ndim-1 are the same axis).
// Errors have Kind numerr.Axis: Axis's message for an axis out of range,
// "repeated axis" for a repeat (NumPy raises ValueError for the latter). The
// input is not modified.
func Axes(axes []int, ndim int) ([]int, error) {
	out := make([]int, len(axes))
	for i, a := range axes {
		n, err := Axis(a, ndim)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	for i := range out {
		for j := range i {
			if out[i] == out[j] {
				return nil, numerr.New(numerr.Axis, "repeated axis")
			}
		}
	}
	return out, nil
}
