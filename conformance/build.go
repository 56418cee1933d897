package conformance

import (
	"fmt"
	"math"
	"slices"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// Input is one built argument of a case.
type Input struct {
	// Array is the argument as the op sees it: a fresh array, or a view
	// of Base when the ARG has "view" or "transpose".
	Array *tensor.Array
	// Base is the array the argument was built from (Array itself when
	// it is not a view). It is what the runner snapshots to check that
	// an op left its inputs alone.
	Base *tensor.Array
	// Index is the argument as Get/Set items, for an {"index": ...} ARG.
	Index   []any
	IsIndex bool
	// IndexArrays are the arrays built for integer and mask items.
	IndexArrays []*tensor.Array
	// Scalar is a bare scalar argument as a Go int64, float64 or bool.
	Scalar any
}

// parseDType returns the dtype NumPy calls name.
func parseDType(name string) (dtype.DType, error) {
	return dtype.Parse(name)
}

// HostSlice returns a's elements as the Go slice FromHost takes for its
// dtype: []bool, []int32, []int64, []float32 or []float64. Integers must
// be written as integers in range; float32 values are the float64 in the
// file rounded to float32 (NumPy's float32 printed as a double converts
// back exactly).
func HostSlice(a *ArrayData) (any, error) {
	dt, err := parseDType(a.DType)
	if err != nil {
		return nil, err
	}
	elems, err := a.Elements()
	if err != nil {
		return nil, err
	}
	switch dt {
	case dtype.Bool:
		out := make([]bool, len(elems))
		for i, e := range elems {
			out[i] = e.Bool()
		}
		return out, nil
	case dtype.Int32:
		out := make([]int32, len(elems))
		for i, e := range elems {
			v, ok := e.Int()
			if !ok || v < math.MinInt32 || v > math.MaxInt32 {
				return nil, fmt.Errorf("array: element %d (%v) is not an int32", i, e)
			}
			out[i] = int32(v)
		}
		return out, nil
	case dtype.Int64:
		out := make([]int64, len(elems))
		for i, e := range elems {
			v, ok := e.Int()
			if !ok {
				return nil, fmt.Errorf("array: element %d (%v) is not an int64", i, e)
			}
			out[i] = v
		}
		return out, nil
	case dtype.Float32:
		out := make([]float32, len(elems))
		for i, e := range elems {
			out[i] = float32(e.Float())
		}
		return out, nil
	case dtype.Float64:
		out := make([]float64, len(elems))
		for i, e := range elems {
			out[i] = e.Float()
		}
		return out, nil
	}
	return nil, fmt.Errorf("array: dtype %s has no host slice", dt)
}

// BuildArray uploads a to dev as a fresh C-contiguous array.
func BuildArray(dev device.Device, a *ArrayData) (*tensor.Array, error) {
	host, err := HostSlice(a)
	if err != nil {
		return nil, err
	}
	// A non-nil shape: an empty one makes a 0-d array.
	shape := append([]int{}, a.Shape...)
	return tensor.On(dev).FromHost(host, shape...), nil
}

// BuildIndex turns index items into Get/Set items on dev: ints, Slices,
// NewAxis, Ellipsis, and *tensor.Array for integer arrays and masks. It
// also returns the arrays it built.
func BuildIndex(dev device.Device, items []IndexItem) ([]any, []*tensor.Array, error) {
	out := make([]any, 0, len(items))
	var arrays []*tensor.Array
	for i, it := range items {
		switch {
		case it.Slice != nil:
			out = append(out, tensor.SliceOf(it.Slice[0], it.Slice[1], it.Slice[2]))
		case it.Int != nil:
			out = append(out, *it.Int)
		case it.NewAxis:
			out = append(out, tensor.NewAxis)
		case it.Ellipsis:
			out = append(out, tensor.Ellipsis)
		case it.Array != nil, it.Mask != nil:
			ad := it.Array
			if ad == nil {
				ad = it.Mask
				if ad.DType != "bool" {
					return nil, nil, fmt.Errorf("index item %d: a mask must be bool, not %s", i, ad.DType)
				}
			}
			a, err := BuildArray(dev, ad)
			if err != nil {
				return nil, nil, fmt.Errorf("index item %d: %w", i, err)
			}
			out = append(out, a)
			arrays = append(arrays, a)
		default:
			return nil, nil, fmt.Errorf("index item %d is empty", i)
		}
	}
	return out, arrays, nil
}

// BuildArg builds one argument on dev. An array ARG with "view" becomes
// base.Get(view...) and one with "transpose" base.Transpose(axes...) (both,
// in that order, when both are given): real views that share base's
// storage, so the op meets strided, offset or reversed operands. Only
// basic items are allowed in a view, and the result is checked to share
// storage with its base.
//
// BuildArg panics where the tensor API does (a view index out of range,
// an unsupported upload); the runner recovers.
func BuildArg(dev device.Device, arg *Arg) (Input, error) {
	switch {
	case arg.Scalar != nil:
		return Input{Scalar: arg.Scalar.Go()}, nil
	case arg.IsIndex:
		items, arrays, err := BuildIndex(dev, arg.Index)
		if err != nil {
			return Input{}, err
		}
		return Input{Index: items, IsIndex: true, IndexArrays: arrays}, nil
	case arg.Array == nil:
		return Input{}, fmt.Errorf("empty argument")
	}
	base, err := BuildArray(dev, arg.Array)
	if err != nil {
		return Input{}, err
	}
	in := Input{Array: base, Base: base}
	if arg.View != nil {
		for i, it := range arg.View {
			if !it.IsBasic() {
				return Input{}, fmt.Errorf("view item %d: only basic indexing makes a view", i)
			}
		}
		items, _, err := BuildIndex(dev, arg.View)
		if err != nil {
			return Input{}, err
		}
		in.Array = in.Array.Get(items...)
	}
	if arg.Transpose != nil {
		in.Array = in.Array.Transpose(arg.Transpose...)
	}
	if in.Array != base && !in.Array.SharesMemory(base) {
		return Input{}, fmt.Errorf("view argument does not share storage with its base: Get/Transpose made a copy")
	}
	return in, nil
}

// BuildArgs builds every argument of c on dev.
func BuildArgs(dev device.Device, c *Case) ([]Input, error) {
	ins := make([]Input, len(c.Args))
	for i := range c.Args {
		in, err := BuildArg(dev, &c.Args[i])
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i, err)
		}
		ins[i] = in
	}
	return ins, nil
}

// snapshot is the contents of one input array before an op ran.
type snapshot struct {
	arg  int    // the argument it belongs to
	what string // "array" or "index array"
	a    *tensor.Array
	data any
}

// takeSnapshots copies the contents of every array an op is given: each
// argument's base array (a view's base holds the view's elements and
// everything around them) and each index array.
func takeSnapshots(ins []Input) []snapshot {
	var snaps []snapshot
	for i, in := range ins {
		if in.Base != nil {
			snaps = append(snaps, snapshot{arg: i, what: "array", a: in.Base})
		}
		for _, a := range in.IndexArrays {
			snaps = append(snaps, snapshot{arg: i, what: "index array", a: a})
		}
	}
	for i := range snaps {
		snaps[i].data = snaps[i].a.Data()
	}
	return snaps
}

// changedInputs returns an error naming the first input whose contents
// differ from its snapshot, skipping the base arrays of the arguments in
// writes.
func changedInputs(snaps []snapshot, writes []int) error {
	for _, s := range snaps {
		if s.what == "array" && slices.Contains(writes, s.arg) {
			continue
		}
		if !sameData(s.data, s.a.Data()) {
			return fmt.Errorf("argument %d (%s, shape %s) was changed by the op", s.arg, s.what, fmtShape(s.a.Shape()))
		}
	}
	return nil
}
