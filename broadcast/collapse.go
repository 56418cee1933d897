package broadcast

// Collapse reduces an iteration space shared by several operands to as few
// dims as possible, as NumPy's iterator does before calling an inner loop.
// shape is the common (broadcast) shape and each strides slice holds one
// operand's element strides at that shape. Size-1 dims are dropped, and a
// dim is merged into the one before it when, for every operand,
// strides[i] == strides[i+1]*shape[i+1], so that the pair is walked as a
// single run. Dims are never reordered: a transposed operand stops merging.
//
// It returns the reduced shape and, in operand order, the matching strides.
// A 0-d or all-ones shape collapses to shape [] (one element, no strides).
// A shape with a 0 dim (no elements) collapses to shape [0] with stride [0]
// for every operand. The inputs are not modified.
//
// Every strides slice must have len(shape) entries; Collapse panics
// otherwise, since its callers hand it validated plans.
func Collapse(shape []int, strides ...[]int) ([]int, [][]int) {
	for _, s := range strides {
		if len(s) != len(shape) {
			panic("broadcast.Collapse: strides and shape differ in length")
		}
	}
	out := make([][]int, len(strides))
	for _, d := range shape {
		if d == 0 {
			for k := range out {
				out[k] = []int{0}
			}
			return []int{0}, out
		}
	}
	n := 0
	for _, d := range shape {
		if d != 1 {
			n++
		}
	}
	dims := make([]int, 0, n)
	for k := range out {
		out[k] = make([]int, 0, n)
	}
	for i, d := range shape {
		if d == 1 {
			continue
		}
		last := len(dims) - 1
		merge := last >= 0
		for k := 0; merge && k < len(strides); k++ {
			merge = out[k][last] == strides[k][i]*d
		}
		if merge {
			dims[last] *= d
			for k := range out {
				out[k][last] = strides[k][i]
			}
			continue
		}
		dims = append(dims, d)
		for k := range out {
			out[k] = append(out[k], strides[k][i])
		}
	}
	return dims, out
}
