package cpu

// forEach calls fn for every position of shape in C order, with the
// element offset of that position in each operand (offsets[k] +
// Σ_i pos[i]*strides[k][i]). A 0-d shape has one position; a shape with a
// zero dimension has none. It is the index walk every reference kernel
// uses; offs is reused between calls.
func forEach(shape []int, strides [][]int, offsets []int, fn func(offs []int)) {
	for _, n := range shape {
		if n == 0 {
			return
		}
	}
	offs := append([]int(nil), offsets...)
	pos := make([]int, len(shape))
	for {
		fn(offs)
		// Advance the multi-index like an odometer, last axis fastest.
		i := len(shape) - 1
		for ; i >= 0; i-- {
			pos[i]++
			for k := range offs {
				offs[k] += strides[k][i]
			}
			if pos[i] < shape[i] {
				break
			}
			for k := range offs {
				offs[k] -= strides[k][i] * shape[i]
			}
			pos[i] = 0
		}
		if i < 0 {
			return
		}
	}
}

// forEachPos is forEach that also passes the multi-index itself.
func forEachPos(shape []int, fn func(pos []int)) {
	for _, n := range shape {
		if n == 0 {
			return
		}
	}
	pos := make([]int, len(shape))
	for {
		fn(pos)
		i := len(shape) - 1
		for ; i >= 0; i-- {
			pos[i]++
			if pos[i] < shape[i] {
				break
			}
			pos[i] = 0
		}
		if i < 0 {
			return
		}
	}
}
