package tensor

import (
	"fmt"
	"strings"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/internal/numerr"

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
func (a *Array) DType() dtype.DType { return a.live().dt }

// Shape returns a copy of the shape.
func (a *Array) Shape() []int { return append([]int{}, a.live().shape...) }

// Strides returns a copy of the strides, in elements.
func (a *Array) Strides() []int { return append([]int{}, a.live().strides...) }

// Offset returns the position of the first element in the storage.
func (a *Array) Offset() int { return a.live().offset }

// NDim returns the number of dimensions.
func (a *Array) NDim() int { return len(a.live().shape) }

// Size returns the number of elements.
func (a *Array) Size() int { return broadcast.Size(a.live().shape) }

// Device returns the device the storage lives on.
func (a *Array) Device() device.Device { return a.live().st.dev }

// Buffer returns the storage the array views, computing a lazy result
// first.
func (a *Array) Buffer() device.Buffer { return a.buffer() }

// IsContiguous reports whether the elements are in C order without gaps.
func (a *Array) IsContiguous() bool { return broadcast.IsContiguous(a.live().shape, a.strides) }

// ReadOnly reports whether assignment to the array is refused (BroadcastTo
// views are read-only, as in NumPy).
func (a *Array) ReadOnly() bool { return a.live().readOnly }

// SharesMemory reports whether a and b view the same storage (a lazy
// result has storage of its own).
func (a *Array) SharesMemory(b *Array) bool { return a.live().st == b.live().st }

// buffer returns the array's device buffer, computing a lazy result
// first.
func (a *Array) buffer() device.Buffer {
	if a.live().lz != nil {
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
// The shape is checked as NumPy checks it (broadcast.CheckedSize:
// negative dims, a byte count past an int) before anything is allocated,
// and a device that refuses the allocation panics with NumPy's
// MemoryError (allocFailed).
func newArray(dev device.Device, dt dtype.DType, shape []int) *Array {
	size := must(broadcast.CheckedSize(shape, dt.Size()))
	if !dt.Valid() {
		raise(DTypeError, "data type %v not understood", dt)
	}
	shape = append([]int{}, shape...)
	buf, err := dev.Alloc(dt, size)
	if err != nil {
		panic(allocFailed(err, dt, shape))
	}
	return &Array{dt: dt, shape: shape, strides: broadcast.ContiguousStrides(shape), st: newStorage(dev, buf)}
}

// run hands a request to dev. Failures of the device (not of the caller:
// requests are checked before they are made) panic with the device's error.
func run(dev device.Device, req device.Request) {
	if err := dev.Run(req); err != nil {
		panic(deviceError(err))
	}
}

// allocFailed is what a failed allocation of an array of dt and shape
// panics with. A device sees a flat element count, so the MemoryError it
// refuses with names the shape (n,); NumPy's names the array's shape, and
// so does the error returned here. Other errors are deviceError's.
func allocFailed(err error, dt dtype.DType, shape []int) error {
	if e, ok := err.(*Error); ok && e.Kind == MemoryError && strings.HasPrefix(e.Msg, "Unable to allocate ") {
		return numerr.AllocFailed(shape, dt.String(), uint64(broadcast.Size(shape))*uint64(dt.Size()))
	}
	return deviceError(err)
}

// deviceError is what a device's error panics with: an *Error the device
// raised for the caller (an allocation refused with MemoryError, a
// released GPU array) as it is, anything else wrapped.
func deviceError(err error) error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return fmt.Errorf("numgl: %w", err)
}

// sameDevice panics unless every array lives on dev.
func sameDevice(dev device.Device, arrays ...*Array) {
	for _, a := range arrays {
		if a.Device() != dev {
			raise(ValueError, "arrays are on different devices: %s and %s (move one with To)", dev.Name(), a.Device().Name())
		}
	}
}
