package cpu

import "github.com/numgl/numgl/device"

// compress plans a Compress request (see Run): a contiguous source and
// mask (after collapsing) with a contiguous destination go to the
// compaction kernels, split over the workers above splitStream elements
// (each part's destination offset is the count of true elements before
// it); anything else to cpu-loop's loop.
func (d *SIMD) compress(r *device.Compress) error {
	l := planLayout(r.Src, r.Mask)
	dstStep := 1
	if len(r.Dst.Strides) == 1 {
		dstStep = r.Dst.Strides[0]
	}
	if !(l.path == pathVector || l.path == pathOne) || l.bcast[1] || (dstStep != 1 && r.Dst.Shape[0] > 1) {
		return compress(r)
	}
	n := 1
	if l.path == pathVector {
		n = l.n()
	}
	so, mo, do := l.offs[0], l.offs[1], r.Dst.Offset
	mask := data(r.Mask).([]bool)[mo : mo+n]
	var run func(d, cnt, so, lo, hi int)
	switch dst := data(r.Dst).(type) {
	case []float32:
		run = compressor(dst, data(r.Src).([]float32), mask, compressF32)
	case []int32:
		run = compressor(asFloat32(dst), asFloat32(data(r.Src).([]int32)), mask, compressF32)
	case []float64:
		run = compressor(dst, data(r.Src).([]float64), mask, compressF64)
	case []int64:
		run = compressor(asFloat64(dst), asFloat64(data(r.Src).([]int64)), mask, compressF64)
	default:
		return compress(r)
	}
	parts := 1
	if n >= splitStream {
		parts = workers()
	}
	per := (n + parts - 1) / parts
	per = (per + 63) &^ 63
	// The destination offset of each part: the trues before it (the
	// planner counted them all: Dst's length).
	starts := make([]int, parts+1)
	for p := 1; p < parts; p++ {
		starts[p] = starts[p-1] + countTrue(mask[min((p-1)*per, n):min(p*per, n)])
	}
	starts[parts] = r.Dst.Shape[0]
	parallel(parts, 1, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			run(do+starts[p], starts[p+1]-starts[p], so, min(p*per, n), min(p*per+per, n))
		}
	})
	return nil
}

// compressor returns the compaction of mask[lo:hi] over src (from its
// offset so) into the cnt elements of dst from offset d.
func compressor[T float](dst, src []T, mask []bool, k func(dst, src []T, mask []bool)) func(d, cnt, so, lo, hi int) {
	return func(d, cnt, so, lo, hi int) {
		k(dst[d:d+cnt], src[so+lo:so+hi], mask[lo:hi])
	}
}
