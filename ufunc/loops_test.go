package ufunc

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/dtype"
)

// typedSlice returns a []T of dt's element type holding vals converted
// (bool: non-zero), padded with sentinel elements to n.
func typedSlice(dt dtype.DType, vals []float64) any {
	switch dt {
	case dtype.Bool:
		s := make([]bool, len(vals))
		for i, v := range vals {
			s[i] = v != 0
		}
		return s
	case dtype.Int32:
		s := make([]int32, len(vals))
		for i, v := range vals {
			s[i] = int32(v)
		}
		return s
	case dtype.Int64:
		s := make([]int64, len(vals))
		for i, v := range vals {
			s[i] = int64(v)
		}
		return s
	case dtype.Float32:
		s := make([]float32, len(vals))
		for i, v := range vals {
			s[i] = float32(v)
		}
		return s
	case dtype.Float64:
		return append([]float64{}, vals...)
	}
	panic("bad dtype")
}

// elem formats element i of a typed slice (NaN prints as NaN, so equal
// NaNs compare equal).
func elem(s any, i int) string {
	switch x := s.(type) {
	case []bool:
		return fmt.Sprint(x[i])
	case []int32:
		return fmt.Sprint(x[i])
	case []int64:
		return fmt.Sprint(x[i])
	case []float32:
		return fmt.Sprint(x[i])
	case []float64:
		return fmt.Sprint(x[i])
	}
	panic("bad slice")
}

// TestLoopsWalkStrides runs every loop of every op over strided, offset,
// stride-0 (broadcast) and reversed inputs into a stepped output, and
// compares each element with a one-element call on the same values. The
// output's gaps are guard elements that must stay untouched.
func TestLoopsWalkStrides(t *testing.T) {
	const n, size = 5, 16
	vals := []float64{3, -2, 0, 5, 1, 7, -7, 2, 0.5, -0.5, 4, -1, 6, 9, -3, 8}
	layouts := [][2]int{{0, 1}, {1, 2}, {3, 0}, {size - 1, -1}, {2, 3}}
	for _, name := range Names() {
		for _, l := range MustLookup(name).Loops {
			args := make([]any, len(l.In)+1)
			offs := make([]int, len(args))
			steps := make([]int, len(args))
			for k, dt := range l.In {
				rot := append(append([]float64{}, vals[k*3:]...), vals[:k*3]...)
				args[k] = typedSlice(dt, rot)
				offs[k], steps[k] = layouts[(k+len(name))%len(layouts)][0], layouts[(k+len(name))%len(layouts)][1]
			}
			guard := make([]float64, size)
			for i := range guard {
				guard[i] = 42
			}
			out := len(l.In)
			args[out] = typedSlice(l.Out, guard)
			offs[out], steps[out] = 1, 3
			l.Fn(args, offs, steps, n)

			written := map[int]bool{}
			for j := range n {
				one := make([]any, len(args))
				zero := make([]int, len(args))
				for k, dt := range l.In {
					v := typedSlice(dt, []float64{0})
					copyElem(v, args[k], offs[k]+j*steps[k])
					one[k] = v
				}
				one[out] = typedSlice(l.Out, []float64{0})
				l.Fn(one, zero, zero, 1)
				o := offs[out] + j*steps[out]
				written[o] = true
				if got, want := elem(args[out], o), elem(one[out], 0); got != want {
					t.Errorf("%s %s: element %d is %s, alone %s", name, l.Signature(), j, got, want)
				}
			}
			sentinel := elem(typedSlice(l.Out, []float64{42}), 0)
			for i := range size {
				if !written[i] && elem(args[out], i) != sentinel {
					t.Errorf("%s %s: guard element %d overwritten with %s", name, l.Signature(), i, elem(args[out], i))
				}
			}
		}
	}
}

func copyElem(dst, src any, i int) {
	switch d := dst.(type) {
	case []bool:
		d[0] = src.([]bool)[i]
	case []int32:
		d[0] = src.([]int32)[i]
	case []int64:
		d[0] = src.([]int64)[i]
	case []float32:
		d[0] = src.([]float32)[i]
	case []float64:
		d[0] = src.([]float64)[i]
	}
}
