package broadcast

import "strconv"

// Format formats a shape the way NumPy prints it in error messages: "()",
// "(3,)", "(3,4)", with no spaces.
func Format(shape []int) string {
	b := make([]byte, 0, 2+4*len(shape))
	b = append(b, '(')
	for i, d := range shape {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d), 10)
	}
	if len(shape) == 1 {
		b = append(b, ',')
	}
	b = append(b, ')')
	return string(b)
}

// Size is the number of elements of an array of the given shape: the product
// of the dims, and 1 for a 0-d shape. It mirrors numpy.prod(shape). It does
// not check for overflow: it is for the shapes of existing arrays, which
// were checked when they were made; a shape from a caller goes through
// CheckedSize.
func Size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// ContiguousStrides returns the C-order (row-major) strides, in elements, of
// an array of the given shape. As in NumPy, a dim of size 0 counts as 1 when
// the strides of the axes before it are computed: (3,0,4) gives (4,4,1).
func ContiguousStrides(shape []int) []int {
	strides := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		strides[i] = s
		if shape[i] != 0 {
			s *= shape[i]
		}
	}
	return strides
}

// IsContiguous reports whether an array of the given shape and element
// strides is C-contiguous: whether it covers one run of memory in row-major
// order. As with NumPy's C_CONTIGUOUS flag, the stride of a size-1 dim does
// not matter, and an array with a 0 dim (no elements) is contiguous.
func IsContiguous(shape, strides []int) bool {
	for _, d := range shape {
		if d == 0 {
			return true
		}
	}
	want := 1
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] == 1 {
			continue
		}
		if strides[i] != want {
			return false
		}
		want *= shape[i]
	}
	return true
}
