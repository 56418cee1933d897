package conformance

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// The ufuncs (unary, binary, where, clip) and the reductions, listed in
// Ops. None of them is given out=, so each gives a new array, as NumPy's
// do: every entry checks that its result shares no storage with an array
// argument.

// ---- elementwise ----

// unaryUfunc is a one-operand ufunc: an array or a scalar, no kwargs.
func unaryUfunc(name string, f func(any) *tensor.Array) Op {
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		ops, err := operands(args, kw, 1)
		if err != nil {
			return nil, err
		}
		return oneNew(name, f(ops[0]), args)
	}}
}

// binaryUfunc is a two-operand ufunc: arrays or scalars, no kwargs.
func binaryUfunc(name string, f func(a, b any) *tensor.Array) Op {
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		ops, err := operands(args, kw, 2)
		if err != nil {
			return nil, err
		}
		return oneNew(name, f(ops[0], ops[1]), args)
	}}
}

// opWhere is NumPy's three-argument where(cond, x, y).
func opWhere(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	ops, err := operands(args, kw, 3)
	if err != nil {
		return nil, err
	}
	return oneNew("where", tensor.Where(ops[0], ops[1], ops[2]), args)
}

// opClip is NumPy's clip(a, a_min, a_max). The bounds are positional
// arguments after a or the kwargs a_min and a_max; each is an array, a
// scalar, or null (absent), which is no bound (a nil bound of
// tensor.Clip).
func opClip(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if len(args) < 1 || len(args) > 3 {
		return nil, fmt.Errorf("want 1 to 3 positional arguments (a, a_min, a_max), case has %d", len(args))
	}
	if err := kw.only("a_min", "a_max"); err != nil {
		return nil, err
	}
	a, err := valueArg(args, 0)
	if err != nil {
		return nil, err
	}
	var bounds [2]any
	var extra []*tensor.Array // bounds built from kwargs, to check the result against
	for i, name := range []string{"a_min", "a_max"} {
		if 1+i < len(args) {
			if _, given := kw[name]; given {
				return nil, fmt.Errorf("%s given both as argument %d and as a kwarg", name, 1+i)
			}
			if bounds[i], err = valueArg(args, 1+i); err != nil {
				return nil, err
			}
			continue
		}
		v, err := kw.operand(dev, name)
		if err != nil {
			return nil, err
		}
		if arr, ok := v.(*tensor.Array); ok {
			extra = append(extra, arr)
		}
		bounds[i] = v
	}
	r := tensor.Clip(a, bounds[0], bounds[1])
	if err := mustBeNew("clip", r, args); err != nil {
		return nil, err
	}
	return oneCopy("clip", r, extra)
}

// operands returns n positional arguments as ufunc operands (arrays or Go
// scalars), refusing every kwarg: NumPy's ufunc kwargs (out, where,
// dtype, casting) have no equivalent in the function forms.
func operands(args []Input, kw Kwargs, n int) ([]any, error) {
	if err := wantArgs(args, n); err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range out {
		v, err := valueArg(args, i)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// operand returns a kwarg that is an operand: nil when it is absent or
// null, a Go scalar for a number, a new array on dev for an ARG object
// ({"array": ...}).
func (k Kwargs) operand(dev device.Device, name string) (any, error) {
	if k.isNull(name) {
		return nil, nil
	}
	var arg Arg
	if err := json.Unmarshal(k[name], &arg); err != nil {
		return nil, fmt.Errorf("kwarg %s: %w", name, err)
	}
	if arg.IsIndex {
		return nil, fmt.Errorf("kwarg %s: an index is not an operand", name)
	}
	in, err := BuildArg(dev, &arg)
	if err != nil {
		return nil, fmt.Errorf("kwarg %s: %w", name, err)
	}
	if in.Array != nil {
		return in.Array, nil
	}
	return in.Scalar, nil
}

// ---- reductions ----

// reduction reads the kwargs axis (absent or null: every axis; an int;
// a list of ints, [] reducing none), keepdims and, for var and std,
// ddof.
func reduction(name string, f func(*tensor.Array, ...tensor.ReduceOption) *tensor.Array, hasDDof bool) Op {
	known := []string{"axis", "keepdims"}
	if hasDDof {
		known = append(known, "ddof")
	}
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		a, err := unaryArray(args, kw, known...)
		if err != nil {
			return nil, err
		}
		axes, all, err := kw.ints("axis")
		if err != nil {
			return nil, err
		}
		var opts []tensor.ReduceOption
		if !all {
			opts = append(opts, tensor.Axis(axes...))
		}
		if opts, err = kw.keepDims(opts); err != nil {
			return nil, err
		}
		if hasDDof {
			ddof, err := kw.int("ddof", ptr(0))
			if err != nil {
				return nil, err
			}
			opts = append(opts, tensor.DDof(ddof))
		}
		return oneNew(name, f(a, opts...), args)
	}}
}

// argReduction reads the kwargs axis (absent or null: the flattened
// array; one int) and keepdims.
func argReduction(name string, f func(*tensor.Array, ...tensor.ReduceOption) *tensor.Array) Op {
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		a, err := unaryArray(args, kw, "axis", "keepdims")
		if err != nil {
			return nil, err
		}
		axis, flat, err := kw.axis("axis")
		if err != nil {
			return nil, err
		}
		var opts []tensor.ReduceOption
		if !flat {
			opts = append(opts, tensor.Axis(axis))
		}
		if opts, err = kw.keepDims(opts); err != nil {
			return nil, err
		}
		return oneNew(name, f(a, opts...), args)
	}}
}

// cumulative reads the kwarg axis (absent or null: the flattened array;
// one int).
func cumulative(name string, f func(*tensor.Array, ...int) *tensor.Array) Op {
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		a, err := unaryArray(args, kw, "axis")
		if err != nil {
			return nil, err
		}
		axis, flat, err := kw.axis("axis")
		if err != nil {
			return nil, err
		}
		if flat {
			return oneNew(name, f(a), args)
		}
		return oneNew(name, f(a, axis), args)
	}}
}

// keepDims appends tensor.KeepDims to opts when the kwarg keepdims is
// true.
func (k Kwargs) keepDims(opts []tensor.ReduceOption) ([]tensor.ReduceOption, error) {
	keep, err := k.bool("keepdims", false)
	if err != nil {
		return nil, err
	}
	if keep {
		opts = append(opts, tensor.KeepDims)
	}
	return opts, nil
}

// axis returns a kwarg that NumPy takes as None or one int (argmax's and
// cumsum's axis), and whether it is absent or null. A list is refused:
// NumPy raises a TypeError for it, which no error kind of the case
// format names.
func (k Kwargs) axis(name string) (int, bool, error) {
	if k.isNull(name) {
		return 0, true, nil
	}
	if strings.HasPrefix(strings.TrimSpace(string(k[name])), "[") {
		return 0, false, fmt.Errorf("kwarg %s: %s is a list; NumPy takes one integer or None here", name, k[name])
	}
	v, err := k.int(name, nil)
	return v, false, err
}

// ---- helpers ----

// mustBeNew checks that r shares storage with no array argument: a ufunc
// or a reduction without out= allocates its result.
func mustBeNew(what string, r *tensor.Array, args []Input) error {
	for _, in := range args {
		if in.Array != nil {
			if err := mustCopy(what, r, in.Array); err != nil {
				return err
			}
		}
	}
	return nil
}

func oneNew(what string, r *tensor.Array, args []Input) ([]*tensor.Array, error) {
	if err := mustBeNew(what, r, args); err != nil {
		return nil, err
	}
	return one(r)
}

// opRound is NumPy's round(a, decimals=0): an array argument, decimals
// positional or a kwarg.
func opRound(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, fmt.Errorf("want 1 or 2 positional arguments (a, decimals), case has %d", len(args))
	}
	if err := kw.only("decimals"); err != nil {
		return nil, err
	}
	a, err := arrayArg(args, 0)
	if err != nil {
		return nil, err
	}
	zero := 0
	decimals, err := kw.int("decimals", &zero)
	if err != nil {
		return nil, err
	}
	if len(args) == 2 {
		if _, given := kw["decimals"]; given {
			return nil, fmt.Errorf("decimals given both as argument 1 and as a kwarg")
		}
		v, err := valueArg(args, 1)
		if err != nil {
			return nil, err
		}
		d, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("decimals is %T, want an integer", v)
		}
		decimals = int(d)
	}
	return oneNew("round", tensor.Round(a, decimals), args)
}
