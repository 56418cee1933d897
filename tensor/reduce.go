package tensor

import (
	"slices"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// ReduceOption configures a reduction: Axis, KeepDims, DDof, Out.
type ReduceOption func(*reduceOpts)

type reduceOpts struct {
	axes     []int
	axesSet  bool
	keepDims bool
	ddof     int
	out      *Array
}

// Axis reduces over the given axes (NumPy's axis=(...)); negative axes
// count from the end. Without it a reduction covers every axis (axis=None);
// Axis() with no axes reduces none (axis=()). On a 0-d array Sum, Prod,
// Max, Min, Any, All, ArgMax and ArgMin take Axis(0) and Axis(-1) as
// reducing nothing, as NumPy takes axis=0 and axis=-1 there (NumPy refuses
// the tuple axis=(0,), which Axis cannot tell apart; numgl accepts it).
func Axis(axes ...int) ReduceOption {
	return func(o *reduceOpts) { o.axes, o.axesSet = append([]int{}, axes...), true }
}

// KeepDims keeps the reduced axes with length 1 (NumPy's keepdims=True),
// so the result broadcasts against the input.
func KeepDims(o *reduceOpts) { o.keepDims = true }

// DDof sets the "delta degrees of freedom" of Var and Std: the divisor is
// N - ddof (NumPy's ddof).
func DDof(ddof int) ReduceOption { return func(o *reduceOpts) { o.ddof = ddof } }

// Out writes the result into dst, which must have the result's shape, and
// returns dst (NumPy's out=). The result converts to dst's dtype.
func Out(dst *Array) ReduceOption { return func(o *reduceOpts) { o.out = dst } }

func options(opts []ReduceOption) reduceOpts {
	var o reduceOpts
	for _, f := range opts {
		f(&o)
	}
	return o
}

func axesOpts(axes []int) []ReduceOption {
	if len(axes) == 0 {
		return nil
	}
	return []ReduceOption{Axis(axes...)}
}

// zeroDimAxis returns o with a single axis 0 or -1 on a 0-d array turned
// into no axes: NumPy's ufunc reductions (sum, prod, max, min, any, all)
// and argmax/argmin accept axis=0 and axis=-1 on a 0-d input and reduce
// nothing, where any other axis is out of bounds. NumPy still refuses a
// tuple axis=(0,) there; numgl's Axis(0) cannot tell the two apart and
// takes the accepting form. Mean, Var and Std check their axes first
// (planReduction), so they refuse it, as NumPy's do.
func zeroDimAxis(a *Array, o reduceOpts) reduceOpts {
	if a.NDim() == 0 && o.axesSet && len(o.axes) == 1 && (o.axes[0] == 0 || o.axes[0] == -1) {
		o.axes = nil
	}
	return o
}

// reduction is a planned reduction: a's axes split into kept and reduced.
type reduction struct {
	perm     []int // a's axes as the kernel iterates them: kept, then reduced
	kept     []int // the result's shape without keepdims
	keepDims []int // the result's shape with keepdims
	count    int   // elements per reduction
	nReduce  int
}

func planReduction(a *Array, o reduceOpts) reduction {
	n := a.NDim()
	red := make([]bool, n)
	if !o.axesSet {
		for i := range red {
			red[i] = true
		}
	} else {
		for _, ax := range must(broadcast.Axes(o.axes, n)) {
			red[ax] = true
		}
	}
	var perm, keptPerm []int
	r := reduction{count: 1, keepDims: make([]int, n)}
	for i := range n {
		if red[i] {
			r.count *= a.shape[i]
			r.nReduce++
			r.keepDims[i] = 1
		} else {
			keptPerm = append(keptPerm, i)
			r.kept = append(r.kept, a.shape[i])
			r.keepDims[i] = a.shape[i]
		}
	}
	perm = append(keptPerm, func() (p []int) {
		for i := range n {
			if red[i] {
				p = append(p, i)
			}
		}
		return p
	}()...)
	if r.kept == nil {
		r.kept = []int{}
	}
	r.perm = perm
	return r
}

// reduce runs one reduction of a (lazy or not: a lazy a's graph feeds the
// reduction's kernel, so a is read once and nothing else is written) and
// shapes the result.
func reduce(a *Array, kind plan.ReduceKind, outDT dtype.DType, o reduceOpts) *Array {
	p := planReduction(a, zeroDimAxis(a, o))
	if p.count == 0 {
		switch kind {
		case plan.Max, plan.Min:
			raise(ValueError, "zero-size array to reduction operation %s which has no identity",
				map[plan.ReduceKind]string{plan.Max: "maximum", plan.Min: "minimum"}[kind])
		case plan.ArgMax, plan.ArgMin:
			raise(ValueError, "attempt to get %v of an empty sequence", kind)
		}
	}
	if o.out != nil {
		checkReduceOut(o.out, p, o.keepDims)
	}
	res := newArray(a.Device(), outDT, p.kept)
	if res.Size() > 0 {
		iter := make([]int, len(p.perm))
		axes := make([]int, len(p.perm))
		for j, ax := range p.perm {
			iter[j] = a.shape[ax]
			axes[ax] = j
		}
		kb := newKernel(iter, p.nReduce)
		root := kb.emit(a, axes)
		// The values' layout unfused: a's own, or, for a graph, the
		// C-contiguous array it would have been written to.
		layout := a.strides
		if kb.b.Len() > 1 {
			layout = broadcast.ContiguousStrides(a.shape)
		}
		kb.runReduce(a.Device(), kind, root, res.buffer(), outDT, res.strides, 0, kb.strides(layout, axes))
	}
	return finish(res, p, o)
}

func checkReduceOut(out *Array, p reduction, keepDims bool) {
	want := p.kept
	if keepDims {
		want = p.keepDims
	}
	if broadcast.Format(out.shape) != broadcast.Format(want) {
		raise(ShapeError, "output parameter for reduction operation has the wrong shape: %s, want %s",
			broadcast.Format(out.shape), broadcast.Format(want))
	}
	if out.readOnly {
		raise(ValueError, "output array is read-only")
	}
}

// finish applies keepdims and out= to a reduction's result.
func finish(res *Array, p reduction, o reduceOpts) *Array {
	if o.keepDims {
		res = res.Reshape(p.keepDims...)
	}
	if o.out != nil {
		assign(o.out, res)
		return o.out
	}
	return res
}

// sumType is the dtype NumPy sums and multiplies a dtype in: bool and
// integers in int64 (the platform integer), floats in themselves.
func sumType(dt dtype.DType) dtype.DType {
	if dt.IsFloat() {
		return dt
	}
	return dtype.Int64
}

// Sum returns the sum of the elements over the given axes (NumPy's sum).
// Integers and bools sum in int64; floats sum pairwise in float64 and
// round to their own dtype. The sum of nothing is 0.
func Sum(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.Sum, sumType(a.DType()), options(opts))
}

// Prod returns the product over the given axes (NumPy's prod). The
// product of nothing is 1.
func Prod(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.Prod, sumType(a.DType()), options(opts))
}

// Max returns the maximum over the given axes (NumPy's max/amax). NaN
// propagates; an empty reduction panics with a ValueError.
func Max(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.Max, a.DType(), options(opts))
}

// Min returns the minimum over the given axes (NumPy's min/amin).
func Min(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.Min, a.DType(), options(opts))
}

// Any reports whether any element over the given axes is non-zero
// (NumPy's any); the result is bool, false for an empty reduction.
func Any(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.Any, dtype.Bool, options(opts))
}

// All reports whether every element over the given axes is non-zero
// (NumPy's all); true for an empty reduction.
func All(a *Array, opts ...ReduceOption) *Array {
	return reduce(a, plan.All, dtype.Bool, options(opts))
}

// meanType is the dtype NumPy averages in: float64 for bool and integers.
func meanType(dt dtype.DType) dtype.DType {
	if dt.IsFloat() {
		return dt
	}
	return dtype.Float64
}

// Mean returns the arithmetic mean over the given axes (NumPy's mean):
// float64 for integer input, the input's dtype for floats. The mean of
// nothing is NaN.
func Mean(a *Array, opts ...ReduceOption) *Array {
	o := options(opts)
	p := planReduction(a, o)
	out := o.out
	o.out = nil
	s := reduce(a, plan.Sum, meanType(a.dt), o)
	res := apply(ufunc.Divide, nil, s, float64(p.count))
	if out != nil {
		checkReduceOut(out, p, o.keepDims)
		assign(out, res)
		return out
	}
	return res
}

// Var returns the variance over the given axes (NumPy's var): the mean of
// the squared deviations from the mean, divided by N - ddof rather than
// N when DDof is given. float64 for integer input.
func Var(a *Array, opts ...ReduceOption) *Array {
	o := options(opts)
	p := planReduction(a, o)
	if o.out != nil {
		checkReduceOut(o.out, p, o.keepDims)
	}
	x := a
	if !a.dt.IsFloat() {
		x = a.AsType(dtype.Float64)
	}
	inner := o
	inner.keepDims, inner.out = true, nil
	mean := Mean(x, optionsOf(inner)...)
	d := apply(ufunc.Subtract, nil, x, mean)
	sq := apply(ufunc.Multiply, nil, d, d)
	outer := o
	outer.out = nil
	s := reduce(sq, plan.Sum, sq.dt, outer)
	res := apply(ufunc.Divide, nil, s, float64(max(p.count-o.ddof, 0)))
	if o.out != nil {
		assign(o.out, res)
		return o.out
	}
	return res
}

// Std returns the standard deviation, the square root of Var (NumPy's std).
func Std(a *Array, opts ...ReduceOption) *Array {
	o := options(opts)
	out := o.out
	o.out = nil
	v := Var(a, optionsOf(o)...)
	return apply(ufunc.Sqrt, out, v)
}

// optionsOf turns parsed options back into options.
func optionsOf(o reduceOpts) []ReduceOption {
	return []ReduceOption{func(p *reduceOpts) { *p = o }}
}

// ArgMax returns the int64 indices of the maxima along axis, or into the
// flattened array when no axis is given (NumPy's argmax). The first of
// equal maxima wins, and a NaN counts as the maximum.
func ArgMax(a *Array, opts ...ReduceOption) *Array { return argReduce(a, plan.ArgMax, options(opts)) }

// ArgMin returns the indices of the minima (NumPy's argmin).
func ArgMin(a *Array, opts ...ReduceOption) *Array { return argReduce(a, plan.ArgMin, options(opts)) }

// argReduce runs ArgMax or ArgMin. An out must have the result's exact
// shape (NumPy's "output array does not match result of np.argmax.");
// nothing is written to it otherwise.
func argReduce(a *Array, kind plan.ReduceKind, o reduceOpts) *Array {
	if o.axesSet && len(o.axes) != 1 {
		raise(AxisError, "%v: axis must be one integer or None", kind)
	}
	if o.axesSet && a.NDim() == 0 {
		// NumPy's argmax checks the axis of a 0-d array as if it were
		// 1-d: 0 and -1 pass (see zeroDimAxis), 1 is out of bounds
		// "for array of dimension 1".
		must(broadcast.Axis(o.axes[0], 1))
	}
	out := o.out
	o.out = nil
	var res *Array
	if o.axesSet {
		res = reduce(a, kind, dtype.Int64, o)
	} else {
		// Over every axis: the position in C order over them is the
		// index into the flattened array.
		flat := o
		flat.keepDims = false
		res = reduce(a, kind, dtype.Int64, flat)
		if o.keepDims {
			ones := make([]int, a.NDim())
			for i := range ones {
				ones[i] = 1
			}
			res = res.Reshape(ones...)
		}
	}
	if out == nil {
		return res
	}
	if !slices.Equal(out.shape, res.shape) {
		raise(ValueError, "output array does not match result of np.%v.", kind)
	}
	assign(out, res)
	return out
}

// CumSum returns the running sum along axis, or along the flattened array
// when no axis is given (NumPy's cumsum). Integers accumulate in int64.
func CumSum(a *Array, axis ...int) *Array { return cumulative(a, plan.Sum, axis) }

// CumProd returns the running product (NumPy's cumprod).
func CumProd(a *Array, axis ...int) *Array { return cumulative(a, plan.Prod, axis) }

func cumulative(a *Array, kind plan.ReduceKind, axis []int) *Array {
	if len(axis) > 1 {
		raise(AxisError, "cum%v: axis must be one integer or None", kind)
	}
	ax := 0
	if len(axis) == 0 {
		a = a.Ravel()
	} else {
		ax = must(broadcast.Axis(axis[0], a.NDim()))
	}
	res := newArray(a.Device(), sumType(a.dt), a.shape)
	if res.Size() > 0 {
		run(a.Device(), &device.Scan{Kind: kind, Src: a.operand(), Out: res.operand(), Axis: ax})
	}
	return res
}

// Method forms: a.Sum(axes...) reduces over the given axes, or all when
// none are given; use the functions for keepdims, ddof and out.

// Sum is Sum(a, Axis(axes...)), or over every axis without axes.
func (a *Array) Sum(axes ...int) *Array { return Sum(a, axesOpts(axes)...) }

// Prod is Prod over the given axes (all without axes).
func (a *Array) Prod(axes ...int) *Array { return Prod(a, axesOpts(axes)...) }

// Max is Max over the given axes (all without axes).
func (a *Array) Max(axes ...int) *Array { return Max(a, axesOpts(axes)...) }

// Min is Min over the given axes (all without axes).
func (a *Array) Min(axes ...int) *Array { return Min(a, axesOpts(axes)...) }

// Mean is Mean over the given axes (all without axes).
func (a *Array) Mean(axes ...int) *Array { return Mean(a, axesOpts(axes)...) }

// Var is Var over the given axes (all without axes), ddof 0.
func (a *Array) Var(axes ...int) *Array { return Var(a, axesOpts(axes)...) }

// Std is Std over the given axes (all without axes), ddof 0.
func (a *Array) Std(axes ...int) *Array { return Std(a, axesOpts(axes)...) }

// Any is Any over the given axes (all without axes).
func (a *Array) Any(axes ...int) *Array { return Any(a, axesOpts(axes)...) }

// All is All over the given axes (all without axes).
func (a *Array) All(axes ...int) *Array { return All(a, axesOpts(axes)...) }

// ArgMax is ArgMax along axis, or over the flattened array without one.
func (a *Array) ArgMax(axis ...int) *Array { return ArgMax(a, axesOpts(axis)...) }

// ArgMin is ArgMin along axis, or over the flattened array without one.
func (a *Array) ArgMin(axis ...int) *Array { return ArgMin(a, axesOpts(axis)...) }

// CumSum is CumSum(a, axis...).
func (a *Array) CumSum(axis ...int) *Array { return CumSum(a, axis...) }

// CumProd is CumProd(a, axis...).
func (a *Array) CumProd(axis ...int) *Array { return CumProd(a, axis...) }
