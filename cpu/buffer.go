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

func makeSlice(dt dtype.DType, n int) (any, error) {
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

// cloneSlice returns a copy of a host slice of one of the five element types.
func cloneSlice(host any) (any, dtype.DType, error) {
	switch s := host.(type) {
	case []bool:
		return append([]bool(nil), s...), dtype.Bool, nil
	case []int32:
		return append([]int32(nil), s...), dtype.Int32, nil
	case []int64:
		return append([]int64(nil), s...), dtype.Int64, nil
	case []float32:
		return append([]float32(nil), s...), dtype.Float32, nil
	case []float64:
		return append([]float64(nil), s...), dtype.Float64, nil
	}
	return nil, dtype.Invalid, fmt.Errorf("cpu: cannot upload %T", host)
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
