package cpu

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// number is the set of numeric element types; Go converts freely among them.
type number interface {
	int32 | int64 | float32 | float64
}

// fromScalar converts a request scalar to T as NumPy's astype would.
func fromScalar[T dtype.Element](s dtype.Scalar) T {
	var z T
	var v any
	switch any(z).(type) {
	case bool:
		v = s.Bool()
	case int32:
		v = int32(s.Int())
	case int64:
		v = s.Int()
	case float32:
		v = float32(s.Float())
	case float64:
		v = s.Float()
	}
	return v.(T)
}

func fill(dst any, d device.Operand, v dtype.Scalar) error {
	switch s := dst.(type) {
	case []bool:
		fillT(s, d, fromScalar[bool](v))
	case []int32:
		fillT(s, d, fromScalar[int32](v))
	case []int64:
		fillT(s, d, fromScalar[int64](v))
	case []float32:
		fillT(s, d, fromScalar[float32](v))
	case []float64:
		fillT(s, d, fromScalar[float64](v))
	default:
		return fmt.Errorf("cpu: fill of %T", dst)
	}
	return nil
}

func fillT[T dtype.Element](dst []T, d device.Operand, v T) {
	forEach(d.Shape, [][]int{d.Strides}, []int{d.Offset}, func(o []int) { dst[o[0]] = v })
}

// copyStrided copies src to dst converting dtypes (see device.Copy).
func copyStrided(dst any, d device.Operand, src any, s device.Operand) error {
	switch t := dst.(type) {
	case []bool:
		return copyToBool(t, d, src, s)
	case []int32:
		return copyToNumber(t, d, src, s)
	case []int64:
		return copyToNumber(t, d, src, s)
	case []float32:
		return copyToNumber(t, d, src, s)
	case []float64:
		return copyToNumber(t, d, src, s)
	}
	return fmt.Errorf("cpu: copy into %T", dst)
}

func copyToNumber[D number](dst []D, d device.Operand, src any, s device.Operand) error {
	switch t := src.(type) {
	case []bool:
		copyConv(dst, d, t, s, func(b bool) D {
			if b {
				return 1
			}
			return 0
		})
	case []int32:
		copyConv(dst, d, t, s, func(v int32) D { return D(v) })
	case []int64:
		copyConv(dst, d, t, s, func(v int64) D { return D(v) })
	case []float32:
		copyConv(dst, d, t, s, func(v float32) D { return D(v) })
	case []float64:
		copyConv(dst, d, t, s, func(v float64) D { return D(v) })
	default:
		return fmt.Errorf("cpu: copy from %T", src)
	}
	return nil
}

func copyToBool(dst []bool, d device.Operand, src any, s device.Operand) error {
	switch t := src.(type) {
	case []bool:
		copyConv(dst, d, t, s, func(b bool) bool { return b })
	case []int32:
		copyConv(dst, d, t, s, func(v int32) bool { return v != 0 })
	case []int64:
		copyConv(dst, d, t, s, func(v int64) bool { return v != 0 })
	case []float32:
		copyConv(dst, d, t, s, func(v float32) bool { return v != 0 })
	case []float64:
		copyConv(dst, d, t, s, func(v float64) bool { return v != 0 })
	default:
		return fmt.Errorf("cpu: copy from %T", src)
	}
	return nil
}

func copyConv[D, S dtype.Element](dst []D, d device.Operand, src []S, s device.Operand, conv func(S) D) {
	forEach(d.Shape, [][]int{d.Strides, s.Strides}, []int{d.Offset, s.Offset}, func(o []int) {
		dst[o[0]] = conv(src[o[1]])
	})
}

func arange(dst any, d device.Operand, start, step dtype.Scalar) error {
	switch t := dst.(type) {
	case []int32:
		arangeInt(t, d, start.Int(), step.Int())
	case []int64:
		arangeInt(t, d, start.Int(), step.Int())
	case []float32:
		arangeFloat(t, d, start.Float(), step.Float())
	case []float64:
		arangeFloat(t, d, start.Float(), step.Float())
	default:
		return fmt.Errorf("cpu: arange into %T", dst)
	}
	return nil
}

func arangeInt[T int32 | int64](dst []T, d device.Operand, start, step int64) {
	for i := 0; i < d.Shape[0]; i++ {
		dst[d.Offset+i*d.Strides[0]] = T(start + int64(i)*step)
	}
}

func arangeFloat[T float32 | float64](dst []T, d device.Operand, start, step float64) {
	for i := 0; i < d.Shape[0]; i++ {
		dst[d.Offset+i*d.Strides[0]] = T(start + float64(i)*step)
	}
}

// advancedOffset returns the element offset in base that the advanced
// index maps position pos of the index space to (see device.Gather).
func advancedOffset(base device.Operand, index []*device.Operand, axes []int, idx [][]int64, pos []int) int {
	off := base.Offset
	for k, st := range base.Strides {
		var i int
		if index[k] == nil {
			i = pos[axes[k]]
		} else {
			ix := index[k]
			o := ix.Offset
			for a, p := range pos {
				o += p * ix.Strides[a]
			}
			i = int(idx[k][o])
		}
		off += st * i
	}
	return off
}

func indexData(index []*device.Operand) [][]int64 {
	idx := make([][]int64, len(index))
	for k, ix := range index {
		if ix != nil {
			idx[k] = data(*ix).([]int64)
		}
	}
	return idx
}

func gather(r *device.Gather) error {
	switch dst := data(r.Dst).(type) {
	case []bool:
		gatherT(dst, data(r.Src).([]bool), r)
	case []int32:
		gatherT(dst, data(r.Src).([]int32), r)
	case []int64:
		gatherT(dst, data(r.Src).([]int64), r)
	case []float32:
		gatherT(dst, data(r.Src).([]float32), r)
	case []float64:
		gatherT(dst, data(r.Src).([]float64), r)
	default:
		return fmt.Errorf("cpu: gather into %T", dst)
	}
	return nil
}

func gatherT[T dtype.Element](dst, src []T, r *device.Gather) {
	idx := indexData(r.Index)
	d := r.Dst
	forEachPos(d.Shape, func(pos []int) {
		o := d.Offset
		for a, p := range pos {
			o += p * d.Strides[a]
		}
		dst[o] = src[advancedOffset(r.Src, r.Index, r.Axes, idx, pos)]
	})
}

func scatter(r *device.Scatter) error {
	switch dst := data(r.Dst).(type) {
	case []bool:
		scatterT(dst, data(r.Value).([]bool), r)
	case []int32:
		scatterT(dst, data(r.Value).([]int32), r)
	case []int64:
		scatterT(dst, data(r.Value).([]int64), r)
	case []float32:
		scatterT(dst, data(r.Value).([]float32), r)
	case []float64:
		scatterT(dst, data(r.Value).([]float64), r)
	default:
		return fmt.Errorf("cpu: scatter into %T", dst)
	}
	return nil
}

func scatterT[T dtype.Element](dst, val []T, r *device.Scatter) {
	idx := indexData(r.Index)
	v := r.Value
	forEachPos(v.Shape, func(pos []int) {
		o := v.Offset
		for a, p := range pos {
			o += p * v.Strides[a]
		}
		dst[advancedOffset(r.Dst, r.Index, r.Axes, idx, pos)] = val[o]
	})
}

func compress(r *device.Compress) error {
	switch dst := data(r.Dst).(type) {
	case []bool:
		compressT(dst, data(r.Src).([]bool), r)
	case []int32:
		compressT(dst, data(r.Src).([]int32), r)
	case []int64:
		compressT(dst, data(r.Src).([]int64), r)
	case []float32:
		compressT(dst, data(r.Src).([]float32), r)
	case []float64:
		compressT(dst, data(r.Src).([]float64), r)
	default:
		return fmt.Errorf("cpu: compress into %T", dst)
	}
	return nil
}

func compressT[T dtype.Element](dst, src []T, r *device.Compress) {
	mask := data(r.Mask).([]bool)
	j := r.Dst.Offset
	forEach(r.Src.Shape, [][]int{r.Src.Strides, r.Mask.Strides}, []int{r.Src.Offset, r.Mask.Offset}, func(o []int) {
		if mask[o[1]] {
			dst[j] = src[o[0]]
			j += r.Dst.Strides[0]
		}
	})
}
