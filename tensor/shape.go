package tensor

import (
	"fmt"
	"slices"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/dtype"
)

// Reshape returns a with a new shape of the same size (NumPy's reshape).
// One dimension may be -1: it is inferred. The result is a view when a's
// strides allow one, else a C-ordered copy.
func (a *Array) Reshape(shape ...int) *Array {
	shape = a.inferShape(shape)
	if st, ok := reshapeStrides(a.shape, a.strides, shape); ok {
		return a.view(shape, st, a.offset)
	}
	c := a.Copy()
	return c.view(shape, broadcast.ContiguousStrides(shape), c.offset)
}

// inferShape fills in a -1 and checks the size as NumPy's reshape does:
// the product of the given dims, taken in order, must not overflow an int
// (else the size mismatch error), and the new shape's byte count must fit
// an int (broadcast.CheckedSize: an empty array is not reshaped to (0,
// 2**62, 4)).
func (a *Array) inferShape(shape []int) []int {
	shape = append([]int{}, shape...)
	unknown := -1
	for i, n := range shape {
		switch {
		case n == -1 && unknown >= 0:
			raise(ShapeError, "can only specify one unknown dimension")
		case n == -1:
			unknown = i
		case n < 0:
			raise(ValueError, "negative dimensions not allowed")
		}
	}
	size := a.Size()
	if unknown >= 0 {
		shape[unknown] = 1 // left out of the product
	}
	known, ok := broadcast.Product(shape)
	if unknown >= 0 {
		shape[unknown] = -1
		ok = ok && known != 0 && size%known == 0
	} else {
		ok = ok && known == size
	}
	if !ok {
		raise(ShapeError, "cannot reshape array of size %d into shape %s", size, formatRequested(shape))
	}
	if unknown >= 0 {
		shape[unknown] = size / known
	}
	must(broadcast.CheckedSize(shape, a.dt.Size()))
	return shape
}

// formatRequested prints a requested shape as NumPy's reshape message does
// ("(5,newaxis)" for a -1; a leading -1 is left out: "(5)" for (-1, 5)).
func formatRequested(shape []int) string {
	i := 0
	for i < len(shape) && shape[i] == -1 {
		i++
	}
	s := "("
	for j, n := range shape[i:] {
		if j > 0 {
			s += ","
		}
		if n == -1 {
			s += "newaxis"
		} else {
			s += fmt.Sprint(n)
		}
	}
	if len(shape) == 1 && i == 0 {
		s += ","
	}
	return s + ")"
}

// reshapeStrides returns strides that view (oldShape, oldStrides) with
// newShape without moving elements, and whether such strides exist. Axes
// of the old shape are grouped with the new axes that cover the same
// elements; each group must be contiguous within itself.
func reshapeStrides(oldShape, oldStrides, newShape []int) ([]int, bool) {
	size := broadcast.Size(oldShape)
	if size == 0 || len(oldShape) == 0 {
		return broadcast.ContiguousStrides(newShape), true
	}
	// Drop length-1 axes: their strides are irrelevant.
	var od, os []int
	for i, n := range oldShape {
		if n != 1 {
			od, os = append(od, n), append(os, oldStrides[i])
		}
	}
	ns := make([]int, len(newShape))
	oi, ni := 0, 0
	for oi < len(od) && ni < len(newShape) {
		// Grow the groups [oi, oj) and [ni, nj) until they cover the
		// same number of elements.
		oj, nj := oi+1, ni+1
		op, np := od[oi], newShape[ni]
		for op != np {
			if np < op {
				np *= newShape[nj]
				nj++
			} else {
				op *= od[oj]
				oj++
			}
		}
		for k := oi; k < oj-1; k++ {
			if os[k] != os[k+1]*od[k+1] {
				return nil, false
			}
		}
		ns[nj-1] = os[oj-1]
		for k := nj - 1; k > ni; k-- {
			ns[k-1] = ns[k] * newShape[k]
		}
		oi, ni = oj, nj
	}
	// Trailing new axes of length 1.
	for ; ni < len(newShape); ni++ {
		ns[ni] = 1
	}
	return ns, true
}

// Ravel returns a flattened to 1-d (NumPy's ravel): a view when a is
// C-contiguous, else a copy, as NumPy's rule is, even where a strided
// view could express it (the ravel of a[::2] is a copy).
func (a *Array) Ravel() *Array {
	if a.IsContiguous() {
		return a.Reshape(-1)
	}
	return a.Flatten()
}

// Flatten returns a 1-d copy of a (NumPy's flatten).
func (a *Array) Flatten() *Array { return a.Copy().Reshape(-1) }

// Transpose returns a view with the axes permuted (NumPy's transpose).
// With no axes it reverses them; otherwise axes is a permutation of
// 0..NDim()-1 (negative axes count from the end).
func (a *Array) Transpose(axes ...int) *Array {
	n := a.NDim()
	if len(axes) == 0 {
		axes = make([]int, n)
		for i := range axes {
			axes[i] = n - 1 - i
		}
	}
	if len(axes) != n {
		raise(AxisError, "axes don't match array")
	}
	axes = must(broadcast.Axes(axes, n))
	shape, strides := make([]int, n), make([]int, n)
	for i, ax := range axes {
		shape[i], strides[i] = a.shape[ax], a.strides[ax]
	}
	return a.view(shape, strides, a.offset)
}

// T is Transpose() with no axes: the axes reversed (NumPy's a.T).
func (a *Array) T() *Array { return a.Transpose() }

// SwapAxes returns a view with axes a1 and a2 exchanged (NumPy's swapaxes).
func (a *Array) SwapAxes(a1, a2 int) *Array {
	n := a.NDim()
	a1, a2 = must(broadcast.Axis(a1, n)), must(broadcast.Axis(a2, n))
	axes := make([]int, n)
	for i := range axes {
		axes[i] = i
	}
	axes[a1], axes[a2] = a2, a1
	return a.Transpose(axes...)
}

// Squeeze returns a view without the given axes of length 1, or without
// every axis of length 1 when none are given (NumPy's squeeze).
func (a *Array) Squeeze(axes ...int) *Array {
	drop := make([]bool, a.NDim())
	if len(axes) == 0 {
		for i, n := range a.shape {
			drop[i] = n == 1
		}
	} else {
		for _, ax := range must(broadcast.Axes(axes, a.NDim())) {
			if a.shape[ax] != 1 {
				raise(ShapeError, "cannot select an axis to squeeze out which has size not equal to one")
			}
			drop[ax] = true
		}
	}
	shape, strides := []int{}, []int{}
	for i := range a.shape {
		if !drop[i] {
			shape, strides = append(shape, a.shape[i]), append(strides, a.strides[i])
		}
	}
	return a.view(shape, strides, a.offset)
}

// ExpandDims returns a view with new axes of length 1 at the given
// positions of the result (NumPy's expand_dims).
func (a *Array) ExpandDims(axes ...int) *Array {
	n := a.NDim() + len(axes)
	axes = must(broadcast.Axes(axes, n))
	isNew := make([]bool, n)
	for _, ax := range axes {
		isNew[ax] = true
	}
	shape, strides := make([]int, n), make([]int, n)
	j := 0
	for i := range n {
		if isNew[i] {
			shape[i], strides[i] = 1, 0
			continue
		}
		shape[i], strides[i] = a.shape[j], a.strides[j]
		j++
	}
	return a.view(shape, strides, a.offset)
}

// BroadcastTo returns a read-only view of a with the given shape (NumPy's
// broadcast_to): stretched axes have stride 0, so every element appears
// many times; assignment to it panics.
func (a *Array) BroadcastTo(shape ...int) *Array {
	st := must(broadcast.Strides(a.live().shape, a.strides, shape))
	// A view takes no memory, but its byte count must fit an int as
	// every array's does. NumPy says "iterator is too large" instead when
	// the element count itself overflows.
	must(broadcast.CheckedSize(shape, a.dt.Size()))
	v := a.view(append([]int{}, shape...), st, a.offset)
	v.readOnly = true
	return v
}

// Concatenate joins arrays along an existing axis (NumPy's concatenate).
// Their dtypes promote together; every other axis must match.
func Concatenate(arrays []*Array, axis int) *Array {
	if len(arrays) == 0 {
		raise(ValueError, "need at least one array to concatenate")
	}
	first := arrays[0]
	if first.NDim() == 0 {
		raise(ValueError, "zero-dimensional arrays cannot be concatenated")
	}
	axis = must(broadcast.Axis(axis, first.NDim()))
	dev := first.Device()
	shape := first.Shape()
	dts := []dtype.DType{}
	for i, b := range arrays {
		sameDevice(dev, b)
		dts = append(dts, b.dt)
		if b.NDim() != first.NDim() {
			raise(ShapeError, "all the input arrays must have same number of dimensions, but the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s)",
				first.NDim(), i, b.NDim())
		}
		for d := range shape {
			if d != axis && b.shape[d] != first.shape[d] {
				raise(ShapeError, "all the input array dimensions except for the concatenation axis must match exactly, but along dimension %d, the array at index 0 has size %d and the array at index %d has size %d",
					d, first.shape[d], i, b.shape[d])
			}
		}
		if i > 0 {
			shape[axis] = must(broadcast.AddSize(shape[axis], b.shape[axis]))
		}
	}
	out := newArray(dev, dtype.ResultType(dts...), shape)
	at := 0
	for _, b := range arrays {
		items := make([]any, axis+1)
		for d := range axis {
			items[d] = Colon
		}
		items[axis] = S(at, at+b.shape[axis])
		assign(out.Get(items...), b)
		at += b.shape[axis]
	}
	return out
}

// Stack joins arrays of one shape along a new axis (NumPy's stack).
func Stack(arrays []*Array, axis int) *Array {
	if len(arrays) == 0 {
		raise(ValueError, "need at least one array to stack")
	}
	liveAll(arrays...)
	for _, b := range arrays[1:] {
		if !slices.Equal(b.shape, arrays[0].shape) {
			raise(ShapeError, "all input arrays must have the same shape")
		}
	}
	axis = must(broadcast.Axis(axis, arrays[0].NDim()+1))
	expanded := make([]*Array, len(arrays))
	for i, b := range arrays {
		expanded[i] = b.ExpandDims(axis)
	}
	return Concatenate(expanded, axis)
}

// VStack stacks arrays vertically: 1-d arrays become rows, then they join
// along axis 0 (NumPy's vstack).
func VStack(arrays []*Array) *Array {
	rows := make([]*Array, len(arrays))
	for i, b := range arrays {
		rows[i] = atLeast2D(b)
	}
	return Concatenate(rows, 0)
}

// HStack stacks arrays horizontally: along axis 0 for 1-d arrays, axis 1
// otherwise (NumPy's hstack).
func HStack(arrays []*Array) *Array {
	cols := make([]*Array, len(arrays))
	for i, b := range arrays {
		cols[i] = b
		if b.NDim() == 0 {
			cols[i] = b.Reshape(1)
		}
	}
	if len(cols) > 0 && cols[0].NDim() == 1 {
		return Concatenate(cols, 0)
	}
	return Concatenate(cols, 1)
}

func atLeast2D(a *Array) *Array {
	switch a.NDim() {
	case 0:
		return a.Reshape(1, 1)
	case 1:
		return a.ExpandDims(0)
	}
	return a
}
