package tensor

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// refArray is the reference model of a view: its shape and, for every
// element in C order, the position of that element in the base's flat
// data. It knows nothing of strides or offsets: indexing it enumerates
// elements one by one, so it checks the strided geometry of Array
// independently.
type refArray struct {
	shape []int
	pos   []int
}

func refBase(shape []int) refArray {
	n := 1
	for _, d := range shape {
		n *= d
	}
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i
	}
	return refArray{shape: slices.Clone(shape), pos: pos}
}

// at returns the base position of the element at multi-index idx.
func (r refArray) at(idx []int) int {
	flat := 0
	for k, i := range idx {
		flat = flat*r.shape[k] + i
	}
	return r.pos[flat]
}

// refRange enumerates Python's range(start, stop, step) over an axis of
// length n after Python's slice.indices clamping, written directly from
// the language reference rather than from broadcast.Slice.
func refRange(s Slice, n int) []int {
	step := 1
	if s.hasStep {
		step = s.step
	}
	var lo, hi int // the clamped first index and the exclusive bound
	if step > 0 {
		lo, hi = 0, n
		if s.hasStart {
			lo = s.start
			if lo < 0 {
				lo += n
			}
			lo = max(0, min(lo, n))
		}
		if s.hasStop {
			hi = s.stop
			if hi < 0 {
				hi += n
			}
			hi = max(0, min(hi, n))
		}
		var out []int
		for i := lo; i < hi; i += step {
			out = append(out, i)
		}
		return out
	}
	lo, hi = n-1, -1
	if s.hasStart {
		lo = s.start
		if lo < 0 {
			lo += n
		}
		lo = max(-1, min(lo, n-1))
	}
	if s.hasStop {
		hi = s.stop
		if hi < 0 {
			hi += n
		}
		hi = max(-1, min(hi, n-1))
	}
	var out []int
	for i := lo; i > hi; i += step {
		out = append(out, i)
	}
	return out
}

// refGet applies basic items (ints, slices, NewAxis; no ellipsis) to r by
// enumerating every output element.
func refGet(r refArray, items []any) (refArray, bool) {
	// Per output axis: which input axis it reads and the list of input
	// indices; ints fix an input axis.
	type outAxis struct {
		in   int // -1 for NewAxis
		idxs []int
	}
	fixed := map[int]int{}
	var axes []outAxis
	in := 0
	for _, it := range items {
		switch v := it.(type) {
		case int:
			n := r.shape[in]
			i := v
			if i < 0 {
				i += n
			}
			if i < 0 || i >= n {
				return refArray{}, false
			}
			fixed[in] = i
			in++
		case Slice:
			axes = append(axes, outAxis{in: in, idxs: refRange(v, r.shape[in])})
			in++
		case newAxis:
			axes = append(axes, outAxis{in: -1, idxs: []int{0}})
		}
	}
	for ; in < len(r.shape); in++ {
		axes = append(axes, outAxis{in: in, idxs: refRange(Colon, r.shape[in])})
	}
	shape := make([]int, len(axes))
	total := 1
	for i, a := range axes {
		shape[i] = len(a.idxs)
		total *= shape[i]
	}
	out := refArray{shape: shape, pos: make([]int, 0, total)}
	oidx := make([]int, len(axes))
	iidx := make([]int, len(r.shape))
	for e := 0; e < total; e++ {
		rem := e
		for k := len(axes) - 1; k >= 0; k-- {
			oidx[k] = rem % shape[k]
			rem /= shape[k]
		}
		for ax, i := range fixed {
			iidx[ax] = i
		}
		for k, a := range axes {
			if a.in >= 0 {
				iidx[a.in] = a.idxs[oidx[k]]
			}
		}
		out.pos = append(out.pos, r.at(iidx))
	}
	return out, true
}

// randomItems draws a basic index for shape: ints (sometimes out of
// range), slices with random (sometimes omitted, out-of-range or
// negative) bounds and steps, and NewAxis.
func randomItems(rng *rand.Rand, shape []int) []any {
	var items []any
	for ax := 0; ax < len(shape); ax++ {
		if rng.IntN(6) == 0 {
			items = append(items, NewAxis)
		}
		n := shape[ax]
		switch rng.IntN(4) {
		case 0:
			items = append(items, rng.IntN(2*n+3)-n-1)
		default:
			var s Slice
			if rng.IntN(3) > 0 {
				s = From(rng.IntN(2*n+5) - n - 2)
			}
			if rng.IntN(3) > 0 {
				stop := rng.IntN(2*n+5) - n - 2
				s.stop, s.hasStop = stop, true
			}
			if rng.IntN(2) == 0 {
				step := rng.IntN(4) + 1
				if rng.IntN(2) == 0 {
					step = -step
				}
				s = s.Step(step)
			}
			items = append(items, s)
		}
		if rng.IntN(4) == 0 {
			break // leave the trailing axes to the implicit ":"
		}
	}
	return items
}

func indexErrorKind(f func()) (kind ErrorKind, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			var e *Error
			if err, isErr := r.(error); isErr && errors.As(err, &e) {
				kind, ok = e.Kind, true
				return
			}
			panic(r)
		}
	}()
	f()
	return 0, false
}

// checkViewChain indexes a base array with a chain of random basic
// indices (views of views), checking each view's elements against the
// reference model, then writes through the last view and checks exactly
// the reference's positions of the base changed.
func checkViewChain(t *testing.T, rng *rand.Rand) {
	nd := rng.IntN(4) + 1
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = rng.IntN(5) + 1
	}
	base := Arange(Float64, 0, float64(prod(shape)), 1).Reshape(shape...)
	ref := refBase(shape)
	a := base
	for depth := 0; depth < 3; depth++ {
		items := randomItems(rng, a.Shape())
		want, ok := refGet(ref, items)
		var got *Array
		kind, failed := indexErrorKind(func() { got = a.Get(items...) })
		if !ok {
			if !failed || kind != IndexError {
				t.Fatalf("shape %v items %v: want an IndexError, got kind %v failed %v", a.Shape(), items, kind, failed)
			}
			return
		}
		if failed {
			t.Fatalf("shape %v items %v: unexpected error kind %v", a.Shape(), items, kind)
		}
		if !slices.Equal(got.Shape(), want.shape) {
			t.Fatalf("shape %v items %v: shape %v, want %v", a.Shape(), items, got.Shape(), want.shape)
		}
		data := got.Data().([]float64)
		for i, p := range want.pos {
			if data[i] != float64(p) {
				t.Fatalf("shape %v items %v: element %d is %v, want %v", a.Shape(), items, i, data[i], p)
			}
		}
		if !got.SharesMemory(base) {
			t.Fatalf("basic indexing returned a copy")
		}
		a, ref = got, want
	}
	// Write through the view: exactly the referenced base positions change.
	a.Set(-1.0)
	hit := map[int]bool{}
	for _, p := range ref.pos {
		hit[p] = true
	}
	for i, v := range base.Data().([]float64) {
		if hit[i] != (v == -1) {
			t.Fatalf("after a write through the view, base[%d] = %v (in view: %v)", i, v, hit[i])
		}
	}
}

func prod(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

func TestPropertyViewsOfViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		checkViewChain(t, rng)
	}
}

// FuzzGetItem drives the same view-chain check from fuzzer seeds.
func FuzzGetItem(f *testing.F) {
	for _, s := range []uint64{0, 1, 42, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		checkViewChain(t, rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)))
	})
}

// TestPropertyTransposeReshape checks Transpose and Reshape (view or copy)
// against the element order they must produce.
func TestPropertyTransposeReshape(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 500; iter++ {
		nd := rng.IntN(4) + 1
		shape := make([]int, nd)
		for i := range shape {
			shape[i] = rng.IntN(4) + 1
		}
		a := Arange(Int64, 0, float64(prod(shape)), 1).Reshape(shape...)
		perm := rng.Perm(nd)
		tr := a.Transpose(perm...)
		// Reference: element at transposed index j is a[j permuted back].
		ref := refBase(shape)
		data := tr.Data().([]int64)
		tshape := tr.Shape()
		idx := make([]int, nd)
		for e := range data {
			rem := e
			for k := nd - 1; k >= 0; k-- {
				idx[k] = rem % tshape[k]
				rem /= tshape[k]
			}
			src := make([]int, nd)
			for k, p := range perm {
				src[p] = idx[k]
			}
			if int64(ref.at(src)) != data[e] {
				t.Fatalf("transpose %v of %v: element %d = %d, want %d", perm, shape, e, data[e], ref.at(src))
			}
		}
		// Reshaping keeps C order, whether it is a view or a copy.
		flat := tr.Reshape(-1).Data().([]int64)
		if !slices.Equal(flat, data) {
			t.Fatalf("reshape(-1) of transposed %v changed the order", shape)
		}
		r := tr.Reshape(append([]int{-1}, tshape[nd-1])...)
		if !slices.Equal(r.Data().([]int64), data) {
			t.Fatalf("reshape of transposed %v changed the order", shape)
		}
		if tr.IsContiguous() && !tr.Reshape(-1).SharesMemory(a) {
			t.Fatalf("reshape of a contiguous array copied")
		}
	}
}

func TestGetErrorsWriteNothing(t *testing.T) {
	a := Arange(Float32, 0, 24, 1).Reshape(4, 6)
	before := fmt.Sprint(a.Data())
	for _, items := range [][]any{
		{4}, {Colon, -7}, {[]int{0, 9}}, {1, 2, 3}, {Ellipsis, Ellipsis},
		{[]bool{true, false}},
	} {
		if _, failed := indexErrorKind(func() { a.Set(1.0, items...) }); !failed {
			t.Errorf("Set with %v did not fail", items)
		}
	}
	if _, failed := indexErrorKind(func() { a.Set(Ones(Float32, 3), Colon, 0) }); !failed {
		t.Errorf("Set of a (3,) value into (4,) did not fail")
	}
	if got := fmt.Sprint(a.Data()); got != before {
		t.Errorf("a failed Set wrote: %v", got)
	}
}
