package tensor

import (
	"github.com/numgl/numgl/ufunc"

	"fmt"
	"slices"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Slice selects start:stop:step along one axis, with Python's rules:
// omitted bounds run to the end in the step's direction, negative bounds
// count from the end, out-of-range bounds are clamped. Build one with S,
// From, Upto or Colon, and Step:
//
//	a[1:3]     a.Get(tensor.S(1, 3))
//	a[2:]      a.Get(tensor.From(2))
//	a[:-1]     a.Get(tensor.Upto(-1))
//	a[::-1]    a.Get(tensor.Colon.Step(-1))
//	a[:, ::2]  a.Get(tensor.Colon, tensor.Colon.Step(2))
type Slice struct {
	start, stop, step int
	hasStart, hasStop bool
	hasStep           bool
}

// Colon is the slice ":" that keeps a whole axis. (NumPy's all() is the
// reduction All.)
var Colon = Slice{}

// S returns the slice start:stop.
func S(start, stop int) Slice { return Slice{start: start, stop: stop, hasStart: true, hasStop: true} }

// From returns the slice start:.
func From(start int) Slice { return Slice{start: start, hasStart: true} }

// Upto returns the slice :stop.
func Upto(stop int) Slice { return Slice{stop: stop, hasStop: true} }

// SliceOf returns Python's slice(start, stop, step), nil standing for None.
func SliceOf(start, stop, step *int) Slice {
	var s Slice
	if start != nil {
		s.start, s.hasStart = *start, true
	}
	if stop != nil {
		s.stop, s.hasStop = *stop, true
	}
	if step != nil {
		s.step, s.hasStep = *step, true
	}
	return s
}

// Step returns s with the given step (a step of 0 is an error when used).
func (s Slice) Step(step int) Slice {
	s.step, s.hasStep = step, true
	return s
}

// String formats s as Python does inside brackets ("1:3", "::-1").
func (s Slice) String() string {
	str := ""
	if s.hasStart {
		str += fmt.Sprint(s.start)
	}
	str += ":"
	if s.hasStop {
		str += fmt.Sprint(s.stop)
	}
	if s.hasStep {
		str += ":" + fmt.Sprint(s.step)
	}
	return str
}

// resolve returns the first index, count and step along an axis of length n.
func (s Slice) resolve(n int) (first, count, step int) {
	step = 1
	if s.hasStep {
		step = s.step
	}
	first, count = must2(broadcast.Slice(s.start, s.stop, step, s.hasStart, s.hasStop, n))
	return first, count, step
}

func must2(a, b int, err error) (int, int) {
	check(err)
	return a, b
}

type newAxis struct{}
type ellipsis struct{}

// NewAxis inserts an axis of length 1 (NumPy's np.newaxis, None).
var NewAxis = newAxis{}

// Ellipsis stands for as many ":" as needed to index every axis (NumPy's ...).
var Ellipsis = ellipsis{}

// Get returns a[items...] with NumPy's indexing rules. Items are Go ints
// (negative from the end), Slice, NewAxis, Ellipsis, integer arrays or
// []int (fancy indexing), and bool arrays or []bool (masks).
//
// Ints, slices, NewAxis and Ellipsis alone give a view that shares a's
// storage. Any integer array or mask makes it advanced indexing, which
// returns a copy: the index arrays broadcast together, and their shape
// takes the place of the indexed axes when those are adjacent, or comes
// first when they are not (NumPy's rule; an int counts as an index array
// then). A mask stands for the integer arrays of its true positions. A
// 0-d mask (a Go bool or a 0-d bool array) consumes no axis: true adds an
// axis of length 1, false one of length 0, as NumPy's a[True].
func (a *Array) Get(items ...any) *Array {
	if m := a.wholeMask(items); m != nil {
		return a.compress(m)
	}
	p := a.planIndex(items)
	if p.adv == nil {
		return p.view
	}
	out := newArray(a.Device(), a.dt, p.result)
	if out.Size() > 0 {
		run(a.Device(), &device.Gather{Dst: out.operand(), Src: p.view.operand(), Index: p.index, Axes: p.axes})
	}
	return out
}

// Set assigns value to a[items...] (NumPy's a[items] = value). value is an
// *Array or a Go bool, integer or float; it is broadcast to the indexed
// shape and converted to a's dtype. Writes through a view show in every
// array sharing its storage. With index arrays, a position named twice
// gets the last value, as in NumPy. Nothing is written when the call
// panics.
//
// As in NumPy, a value with more axes than the indexed result may have
// extra leading axes of length 1 (a[...] = ones((1, 3, 2)) into (3, 2)),
// except with a single mask of a's whole shape, which takes a value of at
// most one axis. A Go float assigned to an integer array converts by
// Python's rules: NaN, infinities and floats beyond int64 are refused
// (see assignScalar).
func (a *Array) Set(value any, items ...any) {
	if a.live().readOnly {
		raise(ValueError, "assignment destination is read-only")
	}
	v := asArray(value, a)
	sameDevice(a.Device(), v)
	if m := a.wholeMask(items); m != nil {
		if v.NDim() > 1 {
			raise(ValueError, "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has %d dimensions", v.NDim())
		}
		if v.NDim() == 0 {
			// a[mask] = scalar is where(mask, scalar, a) written over a.
			if v.dt != a.dt {
				v = v.AsType(a.dt)
			}
			apply(ufunc.Where, a, m, v, a)
			return
		}
	}
	p := a.planIndex(items)
	if p.adv == nil {
		assign(p.view, v.dropLeadingOnes(p.view.NDim()))
		return
	}
	v = v.dropLeadingOnes(len(p.result))
	st, err := broadcast.Strides(v.shape, v.strides, p.result)
	if err != nil {
		raise(ShapeError, "shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s",
			broadcast.Format(v.shape), broadcast.Format(p.result))
	}
	if broadcast.Size(p.result) == 0 {
		return
	}
	if v.dt != a.dt || v.st == a.st {
		v = v.AsType(a.dt)
		st = must(broadcast.Strides(v.shape, v.strides, p.result))
	}
	val := device.Operand{Buf: v.buffer(), Shape: p.result, Strides: st, Offset: v.offset}
	run(a.Device(), &device.Scatter{Dst: p.view.target(), Value: val, Index: p.index, Axes: p.axes})
}

// asArray turns an assignment value into an array on dst's device. A Go
// scalar is converted to dst's dtype by Python's rules (see assignScalar).
func asArray(v any, dst *Array) *Array {
	if x, ok := v.(*Array); ok {
		return x.live()
	}
	s := assignScalar(scalarOf(v), dst.dt)
	dev := dst.Device()
	switch s.DType {
	case dtype.Bool:
		return On(dev).FromHost([]bool{s.I != 0}, []int{}...)
	case dtype.Float32:
		return On(dev).FromHost([]float32{float32(s.F)}, []int{}...)
	case dtype.Float64:
		return On(dev).FromHost([]float64{s.F}, []int{}...)
	case dtype.Int32:
		return On(dev).FromHost([]int32{int32(s.I)}, []int{}...)
	}
	return On(dev).FromHost([]int64{s.I}, []int{}...)
}

// indexPlan is a resolved index. view is a with the basic items applied;
// for advanced indexing the indexed axes stay whole in view, and index[k]
// (for axis k of view) is the normalised index array laid out over the
// result shape, axes[k] the result axis of a kept axis k.
type indexPlan struct {
	view   *Array
	adv    []*hostIndex // per view axis; nil when the index is basic
	index  []*device.Operand
	axes   []int
	result []int
}

// hostIndex is an integer index array read to the host and normalised.
type hostIndex struct {
	data  []int64
	shape []int
}

// item kinds after classification.
type itemKind int

const (
	kInt itemKind = iota
	kSlice
	kNew
	kEllipsis
	kArray
	kMask
	kNewIndexed // a new axis of length 1 indexed by arr: a 0-d mask
)

type item struct {
	kind  itemKind
	i     int
	slice Slice
	arr   *hostIndex // kArray
	mask  []bool     // kMask, C order
	shape []int      // kMask
}

func classify(x any) item {
	switch v := x.(type) {
	case int:
		return item{kind: kInt, i: v}
	case int32:
		return item{kind: kInt, i: int(v)}
	case int64:
		return item{kind: kInt, i: int(v)}
	case Slice:
		return item{kind: kSlice, slice: v}
	case newAxis:
		return item{kind: kNew}
	case ellipsis:
		return item{kind: kEllipsis}
	case []int:
		d := make([]int64, len(v))
		for i, x := range v {
			d[i] = int64(x)
		}
		return item{kind: kArray, arr: &hostIndex{data: d, shape: []int{len(v)}}}
	case []int64:
		return item{kind: kArray, arr: &hostIndex{data: append([]int64(nil), v...), shape: []int{len(v)}}}
	case []bool:
		return item{kind: kMask, mask: v, shape: []int{len(v)}}
	case bool:
		return item{kind: kMask, mask: []bool{v}, shape: []int{}}
	case *Array:
		switch {
		case v.live().dt == dtype.Bool:
			return item{kind: kMask, mask: v.Data().([]bool), shape: v.Shape()}
		case v.dt.IsInt():
			return item{kind: kArray, arr: &hostIndex{data: ToSlice[int64](v), shape: v.Shape()}}
		}
		raise(IndexError, "arrays used as indices must be of integer (or boolean) type")
	case nil:
		raise(IndexError, "use tensor.NewAxis, not nil, to insert an axis")
	}
	raise(IndexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices (got %T)", x)
	return item{}
}

// planIndex resolves items against a's shape. Every caller error is raised
// here, before any device work.
func (a *Array) planIndex(raw []any) *indexPlan {
	items := make([]item, 0, len(raw))
	consumed, ellipses := 0, 0
	for _, x := range raw {
		it := classify(x)
		switch it.kind {
		case kEllipsis:
			ellipses++
		case kNew:
		case kMask:
			consumed += len(it.shape)
		default:
			consumed++
		}
		items = append(items, it)
	}
	if ellipses > 1 {
		raise(IndexError, "an index can only have a single ellipsis ('...')")
	}
	if consumed > a.NDim() {
		raise(IndexError, "too many indices for array: array is %d-dimensional, but %d were indexed", a.NDim(), consumed)
	}

	// Expand the ellipsis (or append it) and the masks: a mask over k
	// axes is the k integer arrays of its true positions.
	var flat []item
	axis := 0
	expanded := false
	for _, it := range items {
		switch it.kind {
		case kEllipsis:
			for range a.NDim() - consumed {
				flat = append(flat, item{kind: kSlice, slice: Colon})
				axis++
			}
			expanded = true
		case kNew:
			flat = append(flat, it)
		case kMask:
			if len(it.shape) == 0 {
				flat = append(flat, mask0(it.mask[0]))
				continue
			}
			flat = append(flat, maskIndices(it, a.shape, axis)...)
			axis += len(it.shape)
		default:
			flat = append(flat, it)
			axis++
		}
	}
	if !expanded {
		for range a.NDim() - consumed {
			flat = append(flat, item{kind: kSlice, slice: Colon})
		}
	}

	advanced := false
	for _, it := range flat {
		if it.kind == kArray || it.kind == kNewIndexed {
			advanced = true
		}
	}

	// Apply the basic items; keep advanced axes whole.
	var shape, strides []int
	var adv []*hostIndex
	offset := a.offset
	axis = 0
	for _, it := range flat {
		switch it.kind {
		case kNew:
			shape, strides, adv = append(shape, 1), append(strides, 0), append(adv, nil)
		case kNewIndexed:
			shape, strides, adv = append(shape, 1), append(strides, 0), append(adv, it.arr)
		case kSlice:
			first, count, step := it.slice.resolve(a.shape[axis])
			if count > 0 {
				offset += first * a.strides[axis]
			}
			shape = append(shape, count)
			strides = append(strides, a.strides[axis]*step)
			adv = append(adv, nil)
			axis++
		case kInt:
			if !advanced {
				i := must(broadcast.Index(it.i, a.shape[axis], axis))
				offset += i * a.strides[axis]
				axis++
				continue
			}
			// Next to an index array an int is a 0-d index array.
			it = item{kind: kArray, arr: &hostIndex{data: []int64{int64(it.i)}, shape: []int{}}}
			fallthrough
		case kArray:
			for j, v := range it.arr.data {
				it.arr.data[j] = int64(must(broadcast.Index(int(v), a.shape[axis], axis)))
			}
			shape = append(shape, a.shape[axis])
			strides = append(strides, a.strides[axis])
			adv = append(adv, it.arr)
			axis++
		}
	}
	if shape == nil {
		shape, strides = []int{}, []int{}
	}
	p := &indexPlan{view: a.view(shape, strides, offset)}
	if !advanced {
		return p
	}
	p.adv = adv
	p.planAdvanced(a.Device())
	return p
}

// mask0 is a 0-d mask (NumPy's a[True], a[np.array(False)]) as NumPy
// reads it: a new axis of length 1, indexed by [0] when true (an axis of
// length 1 in the result) and by [] when false (an axis of length 0).
// It consumes no axis of the array and counts as an index array.
func mask0(m bool) item {
	ix := &hostIndex{data: []int64{}, shape: []int{0}}
	if m {
		ix = &hostIndex{data: []int64{0}, shape: []int{1}}
	}
	return item{kind: kNewIndexed, arr: ix}
}

// maskIndices turns a mask over the axes [axis, axis+k) of shape into k
// integer index items (NumPy's mask.nonzero()).
func maskIndices(it item, shape []int, axis int) []item {
	for j, n := range it.shape {
		if n != shape[axis+j] {
			raise(IndexError, "boolean index did not match indexed array along dimension %d; dimension is %d but corresponding boolean dimension is %d",
				axis+j, shape[axis+j], n)
		}
	}
	k := len(it.shape)
	idx := make([][]int64, k)
	pos := make([]int, k)
	for _, m := range it.mask {
		if m {
			for j := range k {
				idx[j] = append(idx[j], int64(pos[j]))
			}
		}
		for j := k - 1; j >= 0; j-- {
			pos[j]++
			if pos[j] < it.shape[j] {
				break
			}
			pos[j] = 0
		}
	}
	out := make([]item, k)
	for j := range k {
		out[j] = item{kind: kArray, arr: &hostIndex{data: idx[j], shape: []int{len(idx[j])}}}
		if idx[j] == nil {
			out[j].arr.data = []int64{}
		}
	}
	return out
}

// planAdvanced broadcasts the index arrays, places their shape in the
// result, and uploads them laid out over the result shape.
func (p *indexPlan) planAdvanced(dev device.Device) {
	var shapes [][]int
	first, last, contiguous := -1, -1, true
	for k, ix := range p.adv {
		if ix == nil {
			continue
		}
		if first < 0 {
			first = k
		} else if k != last+1 {
			contiguous = false
		}
		last = k
		shapes = append(shapes, ix.shape)
	}
	b, err := broadcast.Shapes(shapes...)
	if err != nil {
		msg := "shape mismatch: indexing arrays could not be broadcast together with shapes "
		for _, s := range shapes {
			msg += broadcast.Format(s) + " "
		}
		raise(IndexError, "%s", msg)
	}
	// Where the broadcast index shape goes in the result.
	at := 0
	if contiguous {
		at = first
	}
	// Kept axes keep their order around it. (When the indexed axes are
	// adjacent, every axis before the first one is kept, so at = first.)
	v := p.view
	p.axes = make([]int, v.NDim())
	p.index = make([]*device.Operand, v.NDim())
	var res []int
	kept := 0
	for k := range v.NDim() {
		if p.adv[k] != nil {
			continue
		}
		r := kept
		if r >= at {
			r += len(b)
		}
		p.axes[k] = r
		kept++
	}
	res = make([]int, kept+len(b))
	copy(res[at:], b)
	for k := range v.NDim() {
		if p.adv[k] == nil {
			res[p.axes[k]] = v.shape[k]
		}
	}
	p.result = res
	for k, ix := range p.adv {
		if ix == nil {
			continue
		}
		arr := On(dev).FromHost(ix.data, ix.shape...)
		bst := must(broadcast.Strides(arr.shape, arr.strides, b))
		st := make([]int, len(res))
		copy(st[at:], bst)
		p.index[k] = &device.Operand{Buf: arr.buffer(), Shape: res, Strides: st, Offset: arr.offset}
	}
}

// dropLeadingOnes returns a without its leading axes of length 1 beyond
// ndim axes (a view), as NumPy strips them from an assigned value.
func (a *Array) dropLeadingOnes(ndim int) *Array {
	k := 0
	for a.NDim()-k > ndim && a.shape[k] == 1 {
		k++
	}
	if k == 0 {
		return a
	}
	return a.view(a.shape[k:], a.strides[k:], a.offset)
}

// wholeMask returns the mask when items is a single bool mask of a's
// whole shape (NumPy's a[a > 0]), on a's device; such a mask selects
// without turning it into index arrays.
func (a *Array) wholeMask(items []any) *Array {
	if len(items) != 1 {
		return nil
	}
	var m *Array
	switch v := items[0].(type) {
	case *Array:
		if v == nil || v.dt != dtype.Bool || !slices.Equal(v.shape, a.shape) || a.NDim() == 0 {
			return nil
		}
		m = v
	case []bool:
		if a.NDim() != 1 || len(v) != a.shape[0] {
			return nil
		}
		m = On(a.Device()).FromHost(v)
	default:
		return nil
	}
	if m.Device() != a.Device() {
		m = m.To(a.Device())
	}
	return m
}

// compress returns a[m] for a mask m of a's shape: the count of true
// elements sizes the result, then the device packs them in C order.
func (a *Array) compress(m *Array) *Array {
	n := int(Sum(m).Item().(int64))
	out := newArray(a.Device(), a.dt, []int{n})
	if n > 0 {
		run(a.Device(), &device.Compress{Dst: out.operand(), Src: a.operand(), Mask: m.operand()})
	}
	return out
}
