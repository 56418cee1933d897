package cpu

import (
	"math"
	"unsafe"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// copy plans a Copy request (see Run): runs of one dtype are moved with
// Go's copy (memmove), broadcast runs filled, runs converting between
// numeric dtypes converted by typed loops, and a transposed 2-d layout
// (the destination contiguous along its last axis, the source along the
// axis before) goes to the cache-blocked transpose. The rest, bool
// conversions included, take cpu-loop's loops.
func (d *SIMD) copy(r *device.Copy) error {
	l := planLayout(r.Dst, r.Src)
	dst, src := data(r.Dst), data(r.Src)
	same := r.Dst.DType() == r.Src.DType()
	switch l.path {
	case pathEmpty:
		return nil
	case pathVector, pathRows:
		if run := copyRun(dst, src, same, l.bcast[1]); run != nil {
			l.runRows(splitStream, run)
			return nil
		}
	case pathTranspose:
		if same && transpose(dst, src, &l) {
			return nil
		}
	}
	return copyStrided(dst, r.Dst, src, r.Src)
}

// runKernel runs a kernel on one run of n elements: operand k's elements
// start at offs[k], operand 0 being the written one (the order of
// planLayout).
type runKernel func(offs []int, n int)

// copyRun returns the kernel copying one run of src into dst: a copy, a
// fill from a broadcast element, or a conversion; nil for bools.
func copyRun(dst, src any, same, bcast bool) runKernel {
	switch {
	case same && bcast:
		return func(o []int, n int) { fillAny(dst, o[0], n, src, o[1]) }
	case same:
		return func(o []int, n int) { copyAny(dst, o[0], src, o[1], n) }
	case bcast:
		return nil
	}
	switch d := dst.(type) {
	case []int32:
		return convertRun(d, src)
	case []int64:
		return convertRun(d, src)
	case []float32:
		return convertRun(d, src)
	case []float64:
		return convertRun(d, src)
	}
	return nil
}

func copyAny(dst any, do int, src any, so, n int) {
	switch d := dst.(type) {
	case []bool:
		copy(d[do:do+n], src.([]bool)[so:so+n])
	case []int32:
		copy(d[do:do+n], src.([]int32)[so:so+n])
	case []int64:
		copy(d[do:do+n], src.([]int64)[so:so+n])
	case []float32:
		copy(d[do:do+n], src.([]float32)[so:so+n])
	case []float64:
		copy(d[do:do+n], src.([]float64)[so:so+n])
	}
}

// fillAny sets dst[do:do+n] to src[so].
func fillAny(dst any, do, n int, src any, so int) {
	switch d := dst.(type) {
	case []bool:
		fillRun(d[do:do+n], src.([]bool)[so])
	case []int32:
		fillRun(d[do:do+n], src.([]int32)[so])
	case []int64:
		fillRun(d[do:do+n], src.([]int64)[so])
	case []float32:
		fillRun(d[do:do+n], src.([]float32)[so])
	case []float64:
		fillRun(d[do:do+n], src.([]float64)[so])
	}
}

// fillRun sets every element of s to v: the first few by a loop, the
// rest by doubling copies (memmove is faster than a scalar loop).
func fillRun[T dtype.Element](s []T, v T) {
	var zero T
	if v == zero && !negZero(v) {
		clear(s)
		return
	}
	n := min(len(s), 64)
	for i := range n {
		s[i] = v
	}
	for n < len(s) {
		n += copy(s[n:], s[:n])
	}
}

func negZero[T dtype.Element](v T) bool {
	switch x := any(v).(type) {
	case float32:
		return math.Signbit(float64(x))
	case float64:
		return math.Signbit(x)
	}
	return false
}

func convertRun[D number](dst []D, src any) runKernel {
	switch s := src.(type) {
	case []int32:
		return func(o []int, n int) { convert(dst[o[0]:o[0]+n], s[o[1]:o[1]+n]) }
	case []int64:
		return func(o []int, n int) { convert(dst[o[0]:o[0]+n], s[o[1]:o[1]+n]) }
	case []float32:
		return func(o []int, n int) { convert(dst[o[0]:o[0]+n], s[o[1]:o[1]+n]) }
	case []float64:
		return func(o []int, n int) { convert(dst[o[0]:o[0]+n], s[o[1]:o[1]+n]) }
	}
	return nil
}

// convert is Go's conversion, which is NumPy's astype between these
// dtypes (float to int truncates toward zero).
func convert[D, S number](dst []D, src []S) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = D(v)
	}
}

// fill plans a Fill request: contiguous runs are filled by doubling
// copies, anything else by cpu-loop.
func (d *SIMD) fill(r *device.Fill) error {
	l := planLayout(r.Dst)
	switch l.path {
	case pathEmpty:
		return nil
	case pathVector, pathRows:
		dst := data(r.Dst)
		var one any
		switch dst.(type) {
		case []bool:
			one = []bool{fromScalar[bool](r.Value)}
		case []int32:
			one = []int32{fromScalar[int32](r.Value)}
		case []int64:
			one = []int64{fromScalar[int64](r.Value)}
		case []float32:
			one = []float32{fromScalar[float32](r.Value)}
		case []float64:
			one = []float64{fromScalar[float64](r.Value)}
		}
		l.runRows(splitStream, func(o []int, n int) { fillAny(dst, o[0], n, one, 0) })
		return nil
	}
	return fill(data(r.Dst), r.Dst, r.Value)
}

// transposeTileBytes is the side, in bytes of a row, of the square tiles
// the transpose walks: 512 float32s, 256 float64s. BenchmarkTransposeTile
// (4096×4096 float32, one goroutine) measured, in ms per transpose:
//
//	tile  32     128    256    512    1024   2048
//	ms    11-13  10-11  8.6-9  7.9-9  12-13  18-19
//
// Small tiles lose to TLB misses (each source row is its own 4 KiB page
// once rows are 16 KiB apart), large ones to cache misses.
const transposeTileBytes = 2048

// transpose copies a pathTranspose layout of 4- or 8-byte elements:
// for every outer position, dst[i*ldd + j] = src[i + j*lds] over the
// last two axes. It reports false for other element sizes.
func transpose(dst, src any, l *layout) bool {
	var run func(do, so, rows, cols, ldd, lds int)
	tile := transposeTileBytes / 4
	switch d := dst.(type) {
	case []float32:
		run = transposer(d, src.([]float32), transposeF32, 8)
	case []int32:
		run = transposer(asFloat32(d), asFloat32(src.([]int32)), transposeF32, 8)
	case []float64:
		run, tile = transposer(d, src.([]float64), transposeF64, 4), transposeTileBytes/8
	case []int64:
		run, tile = transposer(asFloat64(d), asFloat64(src.([]int64)), transposeF64, 4), transposeTileBytes/8
	default:
		return false
	}
	last := len(l.shape) - 1
	rows, cols := l.shape[last-1], l.shape[last]
	ldd, lds := l.strides[0][last-1], l.strides[1][last]
	// Each position of the axes before the last two is one transpose,
	// split by tiles of rows: walked as the "rows" of a layout whose run
	// axis is the transpose's row axis.
	outer := layout{shape: l.shape[:last], strides: [][]int{l.strides[0][:last], l.strides[1][:last]}, offs: l.offs}
	w := outer.walkRows(0)
	for range outer.rows() {
		do, so := w.offs[0], w.offs[1]
		tiles := (rows + tile - 1) / tile
		parallel(tiles, max(1, splitStream/(tile*max(cols, 1))), func(lo, hi int) {
			for ti := lo; ti < hi; ti++ {
				i0 := ti * tile
				r := min(tile, rows-i0)
				for j0 := 0; j0 < cols; j0 += tile {
					c := min(tile, cols-j0)
					run(do+i0*ldd+j0, so+i0+j0*lds, r, c, ldd, lds)
				}
			}
		})
		w.next()
	}
	return true
}

// transposer returns the tile transpose for one element type: the kernel
// on the part of the tile that is a multiple of its block, plain loops on
// the edges.
func transposer[T float](dst, src []T, k func(dst []T, ldd int, src []T, lds int, rows, cols int), b int) func(do, so, rows, cols, ldd, lds int) {
	return func(do, so, rows, cols, ldd, lds int) {
		d := dst[do : do+(rows-1)*ldd+cols]
		s := src[so : so+(cols-1)*lds+rows]
		rb, cb := rows/b*b, cols/b*b
		if rb > 0 && cb > 0 {
			k(d, ldd, s, lds, rb, cb)
		}
		for i := range rows {
			j := cb
			if i >= rb {
				j = 0
			}
			for ; j < cols; j++ {
				d[i*ldd+j] = s[j*lds+i]
			}
		}
	}
}

func asFloat32(s []int32) []float32 {
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}

func asFloat64(s []int64) []float64 {
	return unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(s))), len(s))
}
