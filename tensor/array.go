package tensor

import (
	"fmt"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"

	_ "github.com/numgl/numgl/cpu"        // registers the CPU devices
	_ "github.com/numgl/numgl/device/gpu" // registers the GPU device
)

// DType is an element type (see package dtype).
type DType = dtype.DType

// The five dtypes, re-exported for convenience.
const (
	Bool    = dtype.Bool
	Int32   = dtype.Int32
	Int64   = dtype.Int64
	Float32 = dtype.Float32
	Float64 = dtype.Float64
)

// Array is an n-dimensional array: a dtype, a shape, strides and an offset
// into storage that lives on one device. Several arrays may share storage
// (views); see the package documentation for what aliases what.
//
//	element (i, j) of a 2-d array is at  offset + i*strides[0] + j*strides[1]
//
// Strides count elements (NumPy's count bytes). An Array's geometry never
// changes after creation; its elements change through assignment.
type Array struct {
	dt       dtype.DType
	shape    []int
	strides  []int
	offset   int
	st       *storage // shared by views; its buffer is set once a lazy result is computed
	lz       *lazy    // the deferred computation of a lazy result, or nil
	readOnly bool
}

// DType returns the element type.
func (a *Array) DType() dtype.DType { return a.dt }

// Shape returns a copy of the shape.
func (a *Array) Shape() []int { return append([]int{}, a.shape...) }

// Strides returns a copy of the strides, in elements.
func (a *Array) Strides() []int { return append([]int{}, a.strides...) }

// Offset returns the position of the first element in the storage.
func (a *Array) Offset() int { return a.offset }

// NDim returns the number of dimensions.
func (a *Array) NDim() int { return len(a.shape) }

// Size returns the number of elements.
func (a *Array) Size() int { return broadcast.Size(a.shape) }

// Device returns the device the storage lives on.
func (a *Array) Device() device.Device { return a.st.dev }

// Buffer returns the storage the array views, computing a lazy result
// first.
func (a *Array) Buffer() device.Buffer { return a.buffer() }

// IsContiguous reports whether the elements are in C order without gaps.
func (a *Array) IsContiguous() bool { return broadcast.IsContiguous(a.shape, a.strides) }

// ReadOnly reports whether assignment to the array is refused (BroadcastTo
// views are read-only, as in NumPy).
func (a *Array) ReadOnly() bool { return a.readOnly }

// SharesMemory reports whether a and b view the same storage (a lazy
// result has storage of its own).
func (a *Array) SharesMemory(b *Array) bool { return a.st == b.st }

// buffer returns the array's device buffer, computing a lazy result
// first.
func (a *Array) buffer() device.Buffer {
	if a.lz != nil {
		a.lz.realize()
	}
	return a.st.buf
}

// operand describes the array to a device that reads it.
func (a *Array) operand() device.Operand {
	return device.Operand{Buf: a.buffer(), Shape: a.shape, Strides: a.strides, Offset: a.offset}
}

// target describes the array to a device that writes it: lazy results
// holding its buffer keep it, and the write goes to a new one (see
// lazy.go, Writes).
func (a *Array) target() device.Operand {
	a.buffer()
	buf := a.st.beforeWrite(a.Size() == a.st.buf.Len(), false)
	return device.Operand{Buf: buf, Shape: a.shape, Strides: a.strides, Offset: a.offset}
}

// view returns a new Array on a's storage with another geometry.
func (a *Array) view(shape, strides []int, offset int) *Array {
	a.buffer()
	return &Array{dt: a.dt, shape: shape, strides: strides, offset: offset, st: a.st, readOnly: a.readOnly}
}

// newArray allocates a C-contiguous array on dev. Its contents are zero.
func newArray(dev device.Device, dt dtype.DType, shape []int) *Array {
	for _, n := range shape {
		if n < 0 {
			raise(ValueError, "negative dimensions are not allowed")
		}
	}
	if !dt.Valid() {
		raise(DTypeError, "data type %v not understood", dt)
	}
	shape = append([]int{}, shape...)
	buf, err := dev.Alloc(dt, broadcast.Size(shape))
	if err != nil {
		panic(fmt.Errorf("numgl: %w", err))
	}
	return &Array{dt: dt, shape: shape, strides: broadcast.ContiguousStrides(shape), st: newStorage(dev, buf)}
}

// run hands a request to dev. Failures of the device (not of the caller:
// requests are checked before they are made) panic with the device's error.
func run(dev device.Device, req device.Request) {
	if err := dev.Run(req); err != nil {
		panic(fmt.Errorf("numgl: %w", err))
	}
}

// sameDevice panics unless every array lives on dev.
func sameDevice(dev device.Device, arrays ...*Array) {
	for _, a := range arrays {
		if a.Device() != dev {
			raise(ValueError, "arrays are on different devices: %s and %s (move one with To)", dev.Name(), a.Device().Name())
		}
	}
}
