package cpu

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Buffer is CPU storage: a Go slice of the dtype's element type.
type Buffer struct {
	dev  device.Device
	dt   dtype.DType
	data any // []bool, []int32, []int64, []float32 or []float64
}

// Device returns the device the buffer belongs to.
func (b *Buffer) Device() device.Device { return b.dev }

// DType returns the element type.
func (b *Buffer) DType() dtype.DType { return b.dt }

// Len returns the number of elements.
func (b *Buffer) Len() int {
	switch s := b.data.(type) {
	case []bool:
		return len(s)
	case []int32:
		return len(s)
	case []int64:
		return len(s)
	case []float32:
		return len(s)
	case []float64:
		return len(s)
	}
	return 0
}

// Data returns the backing slice ([]float32 for a float32 buffer). Writes
// to it are writes to every array viewing the buffer.
func (b *Buffer) Data() any { return b.data }

// makeSlice returns a zeroed slice of n elements of dt, or the
// allocation gate's MemoryError (admit).
func makeSlice(dt dtype.DType, n int) (any, error) {
	if err := admit(dt, n); err != nil {
		return nil, err
	}
	switch dt {
	case dtype.Bool:
		return make([]bool, n), nil
	case dtype.Int32:
		return make([]int32, n), nil
	case dtype.Int64:
		return make([]int64, n), nil
	case dtype.Float32:
		return make([]float32, n), nil
	case dtype.Float64:
		return make([]float64, n), nil
	}
	return nil, fmt.Errorf("cpu: cannot allocate dtype %v", dt)
}

// cloneSlice returns a copy of a host slice of one of the five element
// types, or the allocation gate's MemoryError (admit).
func cloneSlice(host any) (any, dtype.DType, error) {
	switch s := host.(type) {
	case []bool:
		return cloneT(s)
	case []int32:
		return cloneT(s)
	case []int64:
		return cloneT(s)
	case []float32:
		return cloneT(s)
	case []float64:
		return cloneT(s)
	}
	return nil, dtype.Invalid, fmt.Errorf("cpu: cannot upload %T", host)
}

func cloneT[T dtype.Element](s []T) (any, dtype.DType, error) {
	dt := dtype.For[T]()
	if err := admit(dt, len(s)); err != nil {
		return nil, dt, err
	}
	return append([]T(nil), s...), dt, nil
}

// copyOut copies src[off:off+n] into host, which must have src's type.
func copyOut(src any, off int, host any) error {
	switch s := src.(type) {
	case []bool:
		return copyOutT(s, off, host)
	case []int32:
		return copyOutT(s, off, host)
	case []int64:
		return copyOutT(s, off, host)
	case []float32:
		return copyOutT(s, off, host)
	case []float64:
		return copyOutT(s, off, host)
	}
	return fmt.Errorf("cpu: bad buffer %T", src)
}

func copyOutT[T dtype.Element](src []T, off int, host any) error {
	dst, ok := host.([]T)
	if !ok {
		return fmt.Errorf("cpu: download of %T buffer into %T", src, host)
	}
	if off < 0 || off+len(dst) > len(src) {
		return fmt.Errorf("cpu: download of [%d,%d) from a buffer of %d elements", off, off+len(dst), len(src))
	}
	copy(dst, src[off:])
	return nil
}
