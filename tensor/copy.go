package tensor

import (
	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/cpu"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Copy returns a new C-contiguous array with a's elements (NumPy's copy).
func (a *Array) Copy() *Array { return a.AsType(a.DType()) }

// Contiguous returns a itself when it is C-contiguous, else a C-contiguous
// copy (NumPy's ascontiguousarray).
func (a *Array) Contiguous() *Array {
	if a.IsContiguous() {
		return a
	}
	return a.Copy()
}

// AsType returns a new C-contiguous array of dtype dt holding a's elements
// converted as NumPy's astype does: floats to integers truncate toward
// zero, anything non-zero becomes true.
func (a *Array) AsType(dt DType) *Array {
	out := newArray(a.Device(), dt, a.shape)
	run(a.Device(), &device.Copy{Dst: out.operand(), Src: a.operand()})
	return out
}

// To returns the array on dev: a itself when it already lives there, else
// a C-contiguous copy on dev.
func (a *Array) To(dev device.Device) *Array {
	if a.Device() == dev {
		return a
	}
	return On(dev).FromHost(a.Data(), a.shape...)
}

// assign writes src into dst, broadcasting src to dst's shape and
// converting its dtype. It is the one path every slice assignment takes;
// it checks everything before it writes.
func assign(dst, src *Array) {
	if dst.readOnly {
		raise(ValueError, "assignment destination is read-only")
	}
	sameDevice(dst.Device(), src)
	if _, err := broadcast.Strides(src.shape, src.strides, dst.shape); err != nil {
		raise(ShapeError, "could not broadcast input array from shape %s into shape %s",
			broadcast.Format(src.shape), broadcast.Format(dst.shape))
	}
	storeInto(dst, src)
}

// Data returns a copy of the elements in C order as a Go slice of the
// dtype's element type: []float32 for float32, []bool for bool. The
// slice passes the CPU allocation gate (cpu.CheckAlloc) whatever a's
// device, before anything is copied.
func (a *Array) Data() any {
	n := a.Size()
	if err := cpu.CheckAlloc(a.dt, n); err != nil {
		panic(allocFailed(err, a.dt, a.shape))
	}
	c := a.Contiguous()
	var host any
	switch a.dt {
	case dtype.Bool:
		host = make([]bool, n)
	case dtype.Int32:
		host = make([]int32, n)
	case dtype.Int64:
		host = make([]int64, n)
	case dtype.Float32:
		host = make([]float32, n)
	case dtype.Float64:
		host = make([]float64, n)
	}
	if n > 0 {
		if err := c.Device().Download(c.buffer(), c.offset, host); err != nil {
			panic(deviceError(err))
		}
	}
	return host
}

// ToSlice returns the elements of a in C order as a []T, converting from
// a's dtype as AsType does.
func ToSlice[T dtype.Element](a *Array) []T {
	dt := dtype.For[T]()
	if a.DType() != dt {
		a = a.AsType(dt)
	}
	return a.Data().([]T)
}

// Item returns one element as a Go value of the dtype's type (float32 for
// a float32 array). With no indices the array must have one element, as
// NumPy's item(). Indices may be negative, counting from the end.
func (a *Array) Item(idx ...int) any {
	off := a.live().offset
	switch {
	case len(idx) == 0:
		// One element: every dim is 1 and it sits at the offset.
		if a.Size() != 1 {
			raise(ValueError, "can only convert an array of size 1 to a Python scalar")
		}
	case len(idx) != len(a.shape):
		raise(IndexError, "incorrect number of indices for array")
	default:
		for ax, i := range idx {
			i = must(broadcast.Index(i, a.shape[ax], ax))
			off += i * a.strides[ax]
		}
	}
	one := a.view([]int{1}, []int{1}, off)
	return reflectIndex(one.Data(), 0)
}

// Float returns one element converted to float64 (see Item).
func (a *Array) Float(idx ...int) float64 {
	return scalarOf(a.Item(idx...)).Float()
}

func reflectIndex(s any, i int) any {
	switch v := s.(type) {
	case []bool:
		return v[i]
	case []int32:
		return v[i]
	case []int64:
		return v[i]
	case []float32:
		return v[i]
	case []float64:
		return v[i]
	}
	return nil
}
