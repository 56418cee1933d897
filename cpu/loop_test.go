package cpu

import (
	"errors"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

func upload(t *testing.T, host any) device.Buffer {
	t.Helper()
	b, err := loopDevice.Upload(host)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func contiguous(b device.Buffer, shape ...int) device.Operand {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= shape[i]
	}
	return device.Operand{Buf: b, Shape: shape, Strides: st}
}

func run(t *testing.T, r device.Request) {
	t.Helper()
	if err := loopDevice.Run(r); err != nil {
		t.Fatal(err)
	}
}

// TestCopyConverts pins astype's conversions: floats truncate toward zero,
// anything non-zero is true, bools are 0 and 1.
func TestCopyConverts(t *testing.T) {
	src := upload(t, []float64{-2.7, -0.5, 0, 0.5, 2.7})
	i32, _ := loopDevice.Alloc(dtype.Int32, 5)
	run(t, &device.Copy{Dst: contiguous(i32, 5), Src: contiguous(src, 5)})
	if got := i32.(*Buffer).Data().([]int32); !slices.Equal(got, []int32{-2, 0, 0, 0, 2}) {
		t.Errorf("float64 → int32: %v", got)
	}
	b, _ := loopDevice.Alloc(dtype.Bool, 5)
	run(t, &device.Copy{Dst: contiguous(b, 5), Src: contiguous(src, 5)})
	if got := b.(*Buffer).Data().([]bool); !slices.Equal(got, []bool{true, true, false, true, true}) {
		t.Errorf("float64 → bool: %v", got)
	}
	f, _ := loopDevice.Alloc(dtype.Float32, 5)
	run(t, &device.Copy{Dst: contiguous(f, 5), Src: contiguous(b, 5)})
	if got := f.(*Buffer).Data().([]float32); !slices.Equal(got, []float32{1, 1, 0, 1, 1}) {
		t.Errorf("bool → float32: %v", got)
	}
}

// TestCopyStrided copies a reversed, stepped, broadcast source.
func TestCopyStrided(t *testing.T) {
	src := upload(t, []int64{0, 1, 2, 3, 4, 5})
	dst, _ := loopDevice.Alloc(dtype.Int64, 6)
	// src[::-2] broadcast over 2 rows: shape (2, 3), strides (0, -2), offset 5.
	s := device.Operand{Buf: src, Shape: []int{2, 3}, Strides: []int{0, -2}, Offset: 5}
	run(t, &device.Copy{Dst: contiguous(dst, 2, 3), Src: s})
	if got := dst.(*Buffer).Data().([]int64); !slices.Equal(got, []int64{5, 3, 1, 5, 3, 1}) {
		t.Errorf("got %v", got)
	}
}

// TestGatherScatter runs a[[2, 0], :] and a[[1, 1], 0] = [7, 8] (the last
// write wins, as in NumPy).
func TestGatherScatter(t *testing.T) {
	a := upload(t, []float32{0, 1, 2, 3, 4, 5})
	idx := upload(t, []int64{2, 0})
	out, _ := loopDevice.Alloc(dtype.Float32, 4)
	ix := device.Operand{Buf: idx, Shape: []int{2, 2}, Strides: []int{1, 0}}
	run(t, &device.Gather{
		Dst:   contiguous(out, 2, 2),
		Src:   contiguous(a, 3, 2),
		Index: []*device.Operand{&ix, nil},
		Axes:  []int{0, 1},
	})
	if got := out.(*Buffer).Data().([]float32); !slices.Equal(got, []float32{4, 5, 0, 1}) {
		t.Errorf("gather: %v", got)
	}
	rows := upload(t, []int64{1, 1})
	cols := upload(t, []int64{0})
	val := upload(t, []float32{7, 8})
	ri := device.Operand{Buf: rows, Shape: []int{2}, Strides: []int{1}}
	ci := device.Operand{Buf: cols, Shape: []int{2}, Strides: []int{0}}
	run(t, &device.Scatter{
		Dst:   contiguous(a, 3, 2),
		Value: contiguous(val, 2),
		Index: []*device.Operand{&ri, &ci},
	})
	if got := a.(*Buffer).Data().([]float32); !slices.Equal(got, []float32{0, 1, 8, 3, 4, 5}) {
		t.Errorf("scatter: %v", got)
	}
}

func TestFillArangeEmpty(t *testing.T) {
	b, _ := loopDevice.Alloc(dtype.Int32, 4)
	run(t, &device.Fill{Dst: device.Operand{Buf: b, Shape: []int{0, 4}, Strides: []int{4, 1}}, Value: dtype.IntScalar(9)})
	run(t, &device.Arange{Dst: contiguous(b, 4), Start: dtype.IntScalar(10), Step: dtype.IntScalar(-3)})
	if got := b.(*Buffer).Data().([]int32); !slices.Equal(got, []int32{10, 7, 4, 1}) {
		t.Errorf("arange: %v", got)
	}
	// A 0-d operand has exactly one element.
	run(t, &device.Fill{Dst: device.Operand{Buf: b, Shape: []int{}, Strides: []int{}, Offset: 2}, Value: dtype.FloatScalar(-1.9)})
	if got := b.(*Buffer).Data().([]int32); !slices.Equal(got, []int32{10, 7, -1, 1}) {
		t.Errorf("0-d fill: %v", got)
	}
}

func TestUnsupportedRequest(t *testing.T) {
	if err := loopDevice.Run(nil); !errors.Is(err, device.ErrUnsupported) {
		t.Fatalf("Run(nil) = %v, want an error wrapping ErrUnsupported", err)
	}
}
