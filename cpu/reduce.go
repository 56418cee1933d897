package cpu

import (
	"fmt"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// reduce runs a Reduce request: for every position of the leading axes it
// reads the reduced elements in C order and combines them.
func reduce(r *reduction) error {
	k := len(r.Src.Shape) - r.NReduce
	lead, red := r.Src.Shape[:k], r.Src.Shape[k:]
	redStrides := r.Src.Strides[k:]
	// reduceOne gathers the reduced elements of each position into a
	// slice of their own (a broadcast source can make it any length).
	if broadcast.Size(lead) > 0 {
		if err := admit(r.Src.Buf.DType(), broadcast.Size(red)); err != nil {
			return err
		}
	}
	var err error
	forEach(lead, [][]int{r.Src.Strides[:k], r.Out.Strides}, []int{r.Src.Offset, r.Out.Offset}, func(offs []int) {
		if err == nil {
			err = reduceOne(r.Kind, data(r.Src), red, redStrides, offs[0], data(r.Out), offs[1])
		}
	})
	return err
}

// reduceOne reduces the elements of src at base + Σ pos*strides over shape
// and writes the result at out[at].
func reduceOne(kind plan.ReduceKind, src any, shape, strides []int, base int, out any, at int) error {
	switch s := src.(type) {
	case []bool:
		return reduceT(kind, gatherSub(s, shape, strides, base), out, at)
	case []int32:
		return reduceT(kind, gatherSub(s, shape, strides, base), out, at)
	case []int64:
		return reduceT(kind, gatherSub(s, shape, strides, base), out, at)
	case []float32:
		return reduceT(kind, gatherSub(s, shape, strides, base), out, at)
	case []float64:
		return reduceT(kind, gatherSub(s, shape, strides, base), out, at)
	}
	return fmt.Errorf("cpu: reduce of %T", src)
}

// gatherSub returns the elements of src over the sub-space in C order.
func gatherSub[T dtype.Element](src []T, shape, strides []int, base int) []T {
	n := 1
	for _, d := range shape {
		n *= d
	}
	vals := make([]T, 0, n)
	if n == 0 {
		return vals // an empty sub-space: do not walk its other axes
	}
	if len(shape) == 0 {
		return append(vals, src[base])
	}
	last := len(shape) - 1
	step, m := strides[last], shape[last]
	forEach(shape[:last], [][]int{strides[:last]}, []int{base}, func(o []int) {
		for i, p := 0, o[0]; i < m; i, p = i+1, p+step {
			vals = append(vals, src[p])
		}
	})
	return vals
}

func reduceT[T dtype.Element](kind plan.ReduceKind, vals []T, out any, at int) error {
	switch kind {
	case plan.Sum, plan.Prod:
		return accumulate(kind, vals, out, at)
	case plan.Max, plan.Min:
		o := out.([]T)
		o[at] = extreme(vals, kind == plan.Max)
	case plan.ArgMax, plan.ArgMin:
		out.([]int64)[at] = int64(argExtreme(vals, kind == plan.ArgMax))
	case plan.Any, plan.All:
		all := kind == plan.All
		r := all
		for _, v := range vals {
			if isTrue(v) != all {
				r = !all
				break
			}
		}
		out.([]bool)[at] = r
	default:
		return fmt.Errorf("cpu: unknown reduction %v", kind)
	}
	return nil
}

// accumulate sums or multiplies vals in out's dtype: floats in float64
// (pairwise for sums) rounded once to out's precision, integers in int64
// with two's-complement wrap.
func accumulate[T dtype.Element](kind plan.ReduceKind, vals []T, out any, at int) error {
	switch o := out.(type) {
	case []float64:
		o[at] = combineFloat(kind, vals)
	case []float32:
		o[at] = float32(combineFloat(kind, vals))
	case []int64:
		o[at] = combineInt(kind, vals)
	case []int32:
		o[at] = int32(combineInt(kind, vals))
	default:
		return fmt.Errorf("cpu: %v into %T", kind, out)
	}
	return nil
}

func combineFloat[T dtype.Element](kind plan.ReduceKind, vals []T) float64 {
	f := floats(vals)
	if kind == plan.Sum {
		return PairwiseSum(f)
	}
	p := 1.0
	for _, v := range f {
		p *= v
	}
	return p
}

func combineInt[T dtype.Element](kind plan.ReduceKind, vals []T) int64 {
	if kind == plan.Sum {
		var s int64
		for _, v := range vals {
			s += toInt64(v)
		}
		return s
	}
	p := int64(1)
	for _, v := range vals {
		p *= toInt64(v)
	}
	return p
}

// PairwiseSum sums x by pairwise (cascade) summation, as NumPy does: runs
// of up to 128 elements are summed with eight partial sums, longer runs
// are split in halves. Its error grows as O(log n) rather than O(n).
func PairwiseSum(x []float64) float64 {
	n := len(x)
	switch {
	case n < 8:
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s
	case n <= 128:
		var p [8]float64
		copy(p[:], x[:8])
		i := 8
		for ; i+8 <= n; i += 8 {
			for j := range 8 {
				p[j] += x[i+j]
			}
		}
		s := ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
		for ; i < n; i++ {
			s += x[i]
		}
		return s
	}
	half := n / 2
	half -= half % 8
	return PairwiseSum(x[:half]) + PairwiseSum(x[half:])
}

// extreme returns the maximum (or minimum) of vals; the first NaN wins.
func extreme[T dtype.Element](vals []T, max bool) T {
	return vals[argExtreme(vals, max)]
}

// argExtreme returns the index of the first maximum (or minimum) of vals;
// a NaN counts as the extreme, so the first NaN's index is returned.
func argExtreme[T dtype.Element](vals []T, max bool) int {
	switch v := any(vals).(type) {
	case []bool:
		return argExtremeBool(v, max)
	case []int32:
		return argExtremeNum(v, max)
	case []int64:
		return argExtremeNum(v, max)
	case []float32:
		return argExtremeNum(v, max)
	case []float64:
		return argExtremeNum(v, max)
	}
	return 0
}

func argExtremeNum[T number](vals []T, max bool) int {
	best := 0
	for i := 1; i < len(vals); i++ {
		b, v := vals[best], vals[i]
		if b != b { // NaN: nothing beats it
			return best
		}
		if v != v || (max && v > b) || (!max && v < b) {
			best = i
		}
	}
	return best
}

func argExtremeBool(vals []bool, max bool) int {
	for i, v := range vals {
		if v == max {
			return i
		}
	}
	return 0
}

func isTrue[T dtype.Element](v T) bool {
	switch x := any(v).(type) {
	case bool:
		return x
	case int32:
		return x != 0
	case int64:
		return x != 0
	case float32:
		return x != 0
	case float64:
		return x != 0
	}
	return false
}

func toFloat64[T dtype.Element](v T) float64 {
	switch x := any(v).(type) {
	case bool:
		if x {
			return 1
		}
		return 0
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func toInt64[T dtype.Element](v T) int64 {
	switch x := any(v).(type) {
	case bool:
		if x {
			return 1
		}
		return 0
	case int32:
		return int64(x)
	case int64:
		return x
	case float32:
		return int64(x)
	case float64:
		return int64(x)
	}
	return 0
}

// scan runs a Scan request: a running sum or product along one axis.
func scan(r *device.Scan) error {
	ax := r.Axis
	n := r.Src.Shape[ax]
	outer := append(append([]int{}, r.Src.Shape[:ax]...), r.Src.Shape[ax+1:]...)
	drop := func(s []int) []int { return append(append([]int{}, s[:ax]...), s[ax+1:]...) }
	ss, os := r.Src.Strides[ax], r.Out.Strides[ax]
	if n == 0 {
		return nil
	}
	var err error
	forEach(outer, [][]int{drop(r.Src.Strides), drop(r.Out.Strides)}, []int{r.Src.Offset, r.Out.Offset}, func(offs []int) {
		if err != nil {
			return
		}
		vals := gatherAny(data(r.Src), n, ss, offs[0])
		err = scanOne(r.Kind, vals, data(r.Out), offs[1], os)
	})
	return err
}

// gatherAny reads n elements from src as float64s or int64s: floats stay
// floats, bools and ints become int64.
func gatherAny(src any, n, step, base int) any {
	switch s := src.(type) {
	case []float32:
		return convertRow(s, n, step, base, toFloat64[float32])
	case []float64:
		return convertRow(s, n, step, base, toFloat64[float64])
	case []bool:
		return convertRow(s, n, step, base, toInt64[bool])
	case []int32:
		return convertRow(s, n, step, base, toInt64[int32])
	case []int64:
		return convertRow(s, n, step, base, toInt64[int64])
	}
	return nil
}

func convertRow[T dtype.Element, U any](s []T, n, step, base int, conv func(T) U) []U {
	out := make([]U, n)
	for i := range out {
		out[i] = conv(s[base+i*step])
	}
	return out
}

func scanOne(kind plan.ReduceKind, vals any, out any, base, step int) error {
	switch v := vals.(type) {
	case []float64:
		acc := 0.0
		if kind == plan.Prod {
			acc = 1
		}
		for i, x := range v {
			if kind == plan.Prod {
				acc *= x
			} else {
				acc += x
			}
			if err := store(out, base+i*step, acc, int64(acc)); err != nil {
				return err
			}
		}
	case []int64:
		acc := int64(0)
		if kind == plan.Prod {
			acc = 1
		}
		for i, x := range v {
			if kind == plan.Prod {
				acc *= x
			} else {
				acc += x
			}
			if err := store(out, base+i*step, float64(acc), acc); err != nil {
				return err
			}
		}
	}
	return nil
}

// store writes a running total into out at i: the float form for float
// outputs, the integer form for integer outputs.
func store(out any, i int, f float64, n int64) error {
	switch o := out.(type) {
	case []float64:
		o[i] = f
	case []float32:
		o[i] = float32(f)
	case []int64:
		o[i] = n
	case []int32:
		o[i] = int32(n)
	default:
		return fmt.Errorf("cpu: scan into %T", out)
	}
	return nil
}

// floats converts vals to float64 (bools to 0 and 1).
func floats[T dtype.Element](vals []T) []float64 {
	f := make([]float64, len(vals))
	switch v := any(vals).(type) {
	case []float32:
		for i, x := range v {
			f[i] = float64(x)
		}
	case []float64:
		copy(f, v)
	default:
		for i, x := range vals {
			f[i] = toFloat64(x)
		}
	}
	return f
}
