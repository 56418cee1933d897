package broadcast

import "github.com/numgl/numgl/internal/numerr"

// Index normalises an integer index i into an axis of size n, as NumPy does
// for a[i]: -n <= i < n is accepted and a negative index counts from the end.
// Otherwise the error has Kind numerr.Index and the index as given: "index 4
// is out of bounds for axis 0 with size 4", "index -6 is out of bounds for
// axis 1 with size 5".
func Index(i, n, axis int) (int, error) {
	if i < -n || i >= n {
		return 0, numerr.New(numerr.Index, "index %d is out of bounds for axis %d with size %d", i, axis, n)
	}
	if i < 0 {
		i += n
	}
	return i, nil
}

// Slice resolves the Python slice start:stop:step over an axis of length n:
// it is Python's slice(start, stop, step).indices(n) followed by the length
// of the range. hasStart and hasStop say whether each bound was given (false
// is Python's None, and the value passed is then ignored). It returns the
// first index, the number of elements selected and the step; the elements
// are first, first+step, ..., first+(count-1)*step, all within [0, n).
//
// Bounds are clamped exactly as Python does: a negative bound counts from
// the end, and one still out of range is clamped to [0, n] for a positive
// step and to [-1, n-1] for a negative one, so slices never fail for
// being out of range; they select fewer elements, or none (count 0, first
// then being the clamped start).
//
// A step of 0 is an error of Kind numerr.Value, "slice step cannot be zero";
// a negative n is an error of Kind numerr.Value, "length should not be
// negative", as in Python.
func Slice(start, stop, step int, hasStart, hasStop bool, n int) (first, count int, err error) {
	if step == 0 {
		return 0, 0, numerr.New(numerr.Value, "slice step cannot be zero")
	}
	if n < 0 {
		return 0, 0, numerr.New(numerr.Value, "length should not be negative")
	}
	lower, upper := 0, n
	if step < 0 {
		lower, upper = -1, n-1
	}
	clamp := func(b int) int {
		if b < 0 {
			b += n // b < 0 <= n: cannot overflow
			if b < lower {
				b = lower
			}
		} else if b > upper {
			b = upper
		}
		return b
	}
	if hasStart {
		start = clamp(start)
	} else if step < 0 {
		start = upper
	} else {
		start = lower
	}
	if hasStop {
		stop = clamp(stop)
	} else if step < 0 {
		stop = lower
	} else {
		stop = upper
	}
	// start and stop now lie in [-1, n], so the differences below cannot
	// overflow; the step is taken as unsigned so that -step is exact even for
	// the most negative int.
	switch {
	case step > 0 && start < stop:
		count = int(uint(stop-start-1)/uint(step)) + 1
	case step < 0 && stop < start:
		count = int(uint(start-stop-1)/uint(-step)) + 1
	}
	return start, count, nil
}
