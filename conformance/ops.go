package conformance

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// OpFunc runs one op on dev with built arguments and the case's kwargs.
// It calls the tensor API, which panics on a caller error; OpFunc lets
// that panic through for the runner to judge. A returned error means the
// runner could not express the case in numgl's API (a missing argument,
// a kwarg it does not know), or that a view/copy rule was broken; it
// fails the case unless it wraps device.ErrUnsupported.
type OpFunc func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error)

// Op is an entry of the op table.
type Op struct {
	Run OpFunc
	// Writes lists the arguments whose storage the op assigns to
	// (setitem's array). After a successful call every other input
	// must be unchanged; after an expected error, every input.
	Writes []int
}

// Ops maps NumPy's op names (FORMAT.md) to their numgl form. An op that
// is not here is skipped: it is not implemented in numgl yet. Add an
// entry when the tensor API gains the op.
var Ops = map[string]Op{
	"zeros":    {Run: opZeros},
	"ones":     {Run: opOnes},
	"full":     {Run: opFull},
	"arange":   {Run: opArange},
	"linspace": {Run: opLinspace},
	"eye":      {Run: opEye},

	"getitem":      {Run: opGetItem},
	"setitem":      {Run: opSetItem, Writes: []int{0}},
	"view_setitem": {Run: opViewSetItem, Writes: []int{0}},

	"reshape":      {Run: opReshape},
	"transpose":    {Run: opTranspose},
	"ravel":        {Run: opRavel},
	"squeeze":      {Run: opSqueeze},
	"expand_dims":  {Run: opExpandDims},
	"swapaxes":     {Run: opSwapAxes},
	"concatenate":  {Run: opConcatenate},
	"stack":        {Run: opStack},
	"vstack":       {Run: opVStack},
	"hstack":       {Run: opHStack},
	"broadcast_to": {Run: opBroadcastTo},

	// ufuncs and reductions: ops_ufunc.go.
	"negative":    unaryUfunc("negative", tensor.Negative),
	"abs":         unaryUfunc("abs", tensor.Abs),
	"square":      unaryUfunc("square", tensor.Square),
	"sqrt":        unaryUfunc("sqrt", tensor.Sqrt),
	"exp":         unaryUfunc("exp", tensor.Exp),
	"expm1":       unaryUfunc("expm1", tensor.Expm1),
	"log":         unaryUfunc("log", tensor.Log),
	"log1p":       unaryUfunc("log1p", tensor.Log1p),
	"sin":         unaryUfunc("sin", tensor.Sin),
	"cos":         unaryUfunc("cos", tensor.Cos),
	"tan":         unaryUfunc("tan", tensor.Tan),
	"tanh":        unaryUfunc("tanh", tensor.Tanh),
	"floor":       unaryUfunc("floor", tensor.Floor),
	"ceil":        unaryUfunc("ceil", tensor.Ceil),
	"sign":        unaryUfunc("sign", tensor.Sign),
	"reciprocal":  unaryUfunc("reciprocal", tensor.Reciprocal),
	"logical_not": unaryUfunc("logical_not", tensor.LogicalNot),

	"add":           binaryUfunc("add", tensor.Add),
	"subtract":      binaryUfunc("subtract", tensor.Subtract),
	"multiply":      binaryUfunc("multiply", tensor.Multiply),
	"divide":        binaryUfunc("divide", tensor.Divide),
	"floor_divide":  binaryUfunc("floor_divide", tensor.FloorDivide),
	"remainder":     binaryUfunc("remainder", tensor.Remainder),
	"power":         binaryUfunc("power", tensor.Power),
	"maximum":       binaryUfunc("maximum", tensor.Maximum),
	"minimum":       binaryUfunc("minimum", tensor.Minimum),
	"equal":         binaryUfunc("equal", tensor.Equal),
	"not_equal":     binaryUfunc("not_equal", tensor.NotEqual),
	"less":          binaryUfunc("less", tensor.Less),
	"less_equal":    binaryUfunc("less_equal", tensor.LessEqual),
	"greater":       binaryUfunc("greater", tensor.Greater),
	"greater_equal": binaryUfunc("greater_equal", tensor.GreaterEqual),
	"logical_and":   binaryUfunc("logical_and", tensor.LogicalAnd),
	"logical_or":    binaryUfunc("logical_or", tensor.LogicalOr),
	"logical_xor":   binaryUfunc("logical_xor", tensor.LogicalXor),

	"arcsin":   unaryUfunc("arcsin", tensor.ArcSin),
	"arccos":   unaryUfunc("arccos", tensor.ArcCos),
	"arctan":   unaryUfunc("arctan", tensor.ArcTan),
	"arcsinh":  unaryUfunc("arcsinh", tensor.ArcSinh),
	"arccosh":  unaryUfunc("arccosh", tensor.ArcCosh),
	"arctanh":  unaryUfunc("arctanh", tensor.ArcTanh),
	"sinh":     unaryUfunc("sinh", tensor.Sinh),
	"cosh":     unaryUfunc("cosh", tensor.Cosh),
	"exp2":     unaryUfunc("exp2", tensor.Exp2),
	"log2":     unaryUfunc("log2", tensor.Log2),
	"log10":    unaryUfunc("log10", tensor.Log10),
	"cbrt":     unaryUfunc("cbrt", tensor.Cbrt),
	"deg2rad":  unaryUfunc("deg2rad", tensor.Deg2Rad),
	"rad2deg":  unaryUfunc("rad2deg", tensor.Rad2Deg),
	"rint":     unaryUfunc("rint", tensor.Rint),
	"trunc":    unaryUfunc("trunc", tensor.Trunc),
	"positive": unaryUfunc("positive", tensor.Positive),
	"signbit":  unaryUfunc("signbit", tensor.SignBit),
	"isnan":    unaryUfunc("isnan", tensor.IsNaN),
	"isinf":    unaryUfunc("isinf", tensor.IsInf),
	"isfinite": unaryUfunc("isfinite", tensor.IsFinite),
	"invert":   unaryUfunc("invert", tensor.Invert),

	"arctan2":     binaryUfunc("arctan2", tensor.ArcTan2),
	"hypot":       binaryUfunc("hypot", tensor.Hypot),
	"logaddexp":   binaryUfunc("logaddexp", tensor.LogAddExp),
	"logaddexp2":  binaryUfunc("logaddexp2", tensor.LogAddExp2),
	"copysign":    binaryUfunc("copysign", tensor.CopySign),
	"fmod":        binaryUfunc("fmod", tensor.Fmod),
	"fmax":        binaryUfunc("fmax", tensor.Fmax),
	"fmin":        binaryUfunc("fmin", tensor.Fmin),
	"bitwise_and": binaryUfunc("bitwise_and", tensor.BitwiseAnd),
	"bitwise_or":  binaryUfunc("bitwise_or", tensor.BitwiseOr),
	"bitwise_xor": binaryUfunc("bitwise_xor", tensor.BitwiseXor),
	"left_shift":  binaryUfunc("left_shift", tensor.LeftShift),
	"right_shift": binaryUfunc("right_shift", tensor.RightShift),
	"round":       {Run: opRound},

	"where": {Run: opWhere},
	"clip":  {Run: opClip},

	"sum":     reduction("sum", tensor.Sum, false),
	"prod":    reduction("prod", tensor.Prod, false),
	"max":     reduction("max", tensor.Max, false),
	"min":     reduction("min", tensor.Min, false),
	"mean":    reduction("mean", tensor.Mean, false),
	"var":     reduction("var", tensor.Var, true),
	"std":     reduction("std", tensor.Std, true),
	"any":     reduction("any", tensor.Any, false),
	"all":     reduction("all", tensor.All, false),
	"argmax":  argReduction("argmax", tensor.ArgMax),
	"argmin":  argReduction("argmin", tensor.ArgMin),
	"cumsum":  cumulative("cumsum", tensor.CumSum),
	"cumprod": cumulative("cumprod", tensor.CumProd),
}

// OpNames returns the names in Ops, sorted.
func OpNames() []string {
	names := make([]string, 0, len(Ops))
	for n := range Ops {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ---- creation ----

func opZeros(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	return creation(dev, args, kw, func(f tensor.Factory, dt dtype.DType, shape []int) *tensor.Array {
		return f.Zeros(dt, shape...)
	})
}

func opOnes(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	return creation(dev, args, kw, func(f tensor.Factory, dt dtype.DType, shape []int) *tensor.Array {
		return f.Ones(dt, shape...)
	})
}

func creation(dev device.Device, args []Input, kw Kwargs, make func(tensor.Factory, dtype.DType, []int) *tensor.Array) ([]*tensor.Array, error) {
	if err := wantArgs(args, 0); err != nil {
		return nil, err
	}
	if err := kw.only("shape", "dtype"); err != nil {
		return nil, err
	}
	shape, err := kw.shape("shape")
	if err != nil {
		return nil, err
	}
	dt, err := kw.dtype("dtype", dtype.Float64)
	if err != nil {
		return nil, err
	}
	return one(make(tensor.On(dev), dt, shape))
}

func opFull(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 0); err != nil {
		return nil, err
	}
	if err := kw.only("shape", "fill_value", "dtype"); err != nil {
		return nil, err
	}
	shape, err := kw.shape("shape")
	if err != nil {
		return nil, err
	}
	v, ok, err := kw.number("fill_value")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("kwarg fill_value: missing")
	}
	// NumPy's full without a dtype takes the fill value's.
	def := dtype.Float64
	switch v.Kind {
	case IntNumber:
		def = dtype.Int64
	case BoolNumber:
		def = dtype.Bool
	}
	dt, err := kw.dtype("dtype", def)
	if err != nil {
		return nil, err
	}
	return one(tensor.On(dev).Full(dt, v.Go(), shape...))
}

func opArange(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 0); err != nil {
		return nil, err
	}
	if err := kw.only("start", "stop", "step", "dtype"); err != nil {
		return nil, err
	}
	start, hasStart, err := kw.number("start")
	if err != nil {
		return nil, err
	}
	stop, hasStop, err := kw.number("stop")
	if err != nil {
		return nil, err
	}
	step, hasStep, err := kw.number("step")
	if err != nil {
		return nil, err
	}
	if !hasStart {
		start = Number{Kind: IntNumber}
	}
	if !hasStop {
		// arange(n) is arange(0, n).
		if !hasStart {
			return nil, fmt.Errorf("kwarg stop: missing")
		}
		start, stop = Number{Kind: IntNumber}, start
	}
	if !hasStep {
		step = Number{Kind: IntNumber, I: 1}
	}
	// NumPy's arange without a dtype gives int64 for integer
	// arguments, float64 otherwise.
	def := dtype.Int64
	for _, n := range []Number{start, stop, step} {
		if n.Kind == FloatNumber {
			def = dtype.Float64
		}
	}
	dt, err := kw.dtype("dtype", def)
	if err != nil {
		return nil, err
	}
	return one(tensor.On(dev).Arange(dt, start.Float(), stop.Float(), step.Float()))
}

func opLinspace(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 0); err != nil {
		return nil, err
	}
	if err := kw.only("start", "stop", "num", "dtype", "endpoint"); err != nil {
		return nil, err
	}
	start, err := kw.float("start", nil)
	if err != nil {
		return nil, err
	}
	stop, err := kw.float("stop", nil)
	if err != nil {
		return nil, err
	}
	num, err := kw.int("num", ptr(50))
	if err != nil {
		return nil, err
	}
	endpoint, err := kw.bool("endpoint", true)
	if err != nil {
		return nil, err
	}
	if !endpoint {
		return nil, fmt.Errorf("kwarg endpoint=false: tensor.Linspace has no form for it")
	}
	dt, err := kw.dtype("dtype", dtype.Float64)
	if err != nil {
		return nil, err
	}
	return one(tensor.On(dev).Linspace(dt, start, stop, num))
}

func opEye(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 0); err != nil {
		return nil, err
	}
	if err := kw.only("N", "M", "k", "dtype"); err != nil {
		return nil, err
	}
	n, err := kw.int("N", nil)
	if err != nil {
		return nil, err
	}
	m, err := kw.int("M", &n) // M=None means N columns
	if err != nil {
		return nil, err
	}
	k, err := kw.int("k", ptr(0))
	if err != nil {
		return nil, err
	}
	dt, err := kw.dtype("dtype", dtype.Float64)
	if err != nil {
		return nil, err
	}
	return one(tensor.On(dev).Eye(dt, n, m, k))
}

// ---- indexing ----

func opGetItem(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 2); err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	a, err := arrayArg(args, 0)
	if err != nil {
		return nil, err
	}
	idx, err := indexArg(args, 1)
	if err != nil {
		return nil, err
	}
	r := a.Get(idx...)
	// Basic indexing gives a view, advanced indexing a copy.
	if isBasic(idx) {
		if err := mustView("getitem with a basic index", r, a); err != nil {
			return nil, err
		}
	} else if err := mustCopy("getitem with an advanced index", r, a); err != nil {
		return nil, err
	}
	return one(r)
}

func opSetItem(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 3); err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	a, err := arrayArg(args, 0)
	if err != nil {
		return nil, err
	}
	idx, err := indexArg(args, 1)
	if err != nil {
		return nil, err
	}
	v, err := valueArg(args, 2)
	if err != nil {
		return nil, err
	}
	a.Set(v, idx...)
	return one(a)
}

func opViewSetItem(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	if err := wantArgs(args, 4); err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	a, err := arrayArg(args, 0)
	if err != nil {
		return nil, err
	}
	idx1, err := indexArg(args, 1)
	if err != nil {
		return nil, err
	}
	idx2, err := indexArg(args, 2)
	if err != nil {
		return nil, err
	}
	val, err := valueArg(args, 3)
	if err != nil {
		return nil, err
	}
	v := a.Get(idx1...)
	if isBasic(idx1) {
		if err := mustView("a[index1] with a basic index", v, a); err != nil {
			return nil, err
		}
	}
	v.Set(val, idx2...)
	return one(a)
}

// ---- shape ----

func opReshape(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "shape", "newshape")
	if err != nil {
		return nil, err
	}
	name := "shape"
	if _, ok := kw["newshape"]; ok {
		name = "newshape"
	}
	shape, err := kw.shape(name)
	if err != nil {
		return nil, err
	}
	r := a.Reshape(shape...)
	if a.IsContiguous() {
		if err := mustView("reshape of a contiguous array", r, a); err != nil {
			return nil, err
		}
	}
	return one(r)
}

func opTranspose(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "axes")
	if err != nil {
		return nil, err
	}
	axes, _, err := kw.ints("axes")
	if err != nil {
		return nil, err
	}
	return oneView("transpose", a.Transpose(axes...), a)
}

func opRavel(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw)
	if err != nil {
		return nil, err
	}
	r := a.Ravel()
	if a.IsContiguous() {
		if err := mustView("ravel of a contiguous array", r, a); err != nil {
			return nil, err
		}
	}
	return one(r)
}

func opSqueeze(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "axis")
	if err != nil {
		return nil, err
	}
	axes, null, err := kw.ints("axis")
	if err != nil {
		return nil, err
	}
	if !null && len(axes) == 0 {
		// NumPy's squeeze(axis=()) removes nothing; Squeeze() removes
		// every length-1 axis.
		return nil, fmt.Errorf("kwarg axis=[]: tensor.Squeeze has no form for squeezing no axis")
	}
	return oneView("squeeze", a.Squeeze(axes...), a)
}

func opExpandDims(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "axis")
	if err != nil {
		return nil, err
	}
	axes, null, err := kw.ints("axis")
	if err != nil {
		return nil, err
	}
	if null {
		return nil, fmt.Errorf("kwarg axis: missing")
	}
	return oneView("expand_dims", a.ExpandDims(axes...), a)
}

func opSwapAxes(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "axis1", "axis2")
	if err != nil {
		return nil, err
	}
	a1, err := kw.int("axis1", nil)
	if err != nil {
		return nil, err
	}
	a2, err := kw.int("axis2", nil)
	if err != nil {
		return nil, err
	}
	return oneView("swapaxes", a.SwapAxes(a1, a2), a)
}

func opBroadcastTo(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "shape")
	if err != nil {
		return nil, err
	}
	shape, err := kw.shape("shape")
	if err != nil {
		return nil, err
	}
	return oneView("broadcast_to", a.BroadcastTo(shape...), a)
}

func opConcatenate(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	arrays, err := arrayArgs(args)
	if err != nil {
		return nil, err
	}
	if err := kw.only("axis"); err != nil {
		return nil, err
	}
	axis := 0
	if _, given := kw["axis"]; given && kw.isNull("axis") {
		// axis=None: NumPy flattens the arrays first.
		for i, a := range arrays {
			arrays[i] = a.Ravel()
		}
	} else if axis, err = kw.int("axis", ptr(0)); err != nil {
		return nil, err
	}
	return oneCopy("concatenate", tensor.Concatenate(arrays, axis), arrays)
}

func opStack(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	arrays, err := arrayArgs(args)
	if err != nil {
		return nil, err
	}
	if err := kw.only("axis"); err != nil {
		return nil, err
	}
	axis, err := kw.int("axis", ptr(0))
	if err != nil {
		return nil, err
	}
	return oneCopy("stack", tensor.Stack(arrays, axis), arrays)
}

func opVStack(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	arrays, err := arrayArgs(args)
	if err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	return oneCopy("vstack", tensor.VStack(arrays), arrays)
}

func opHStack(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	arrays, err := arrayArgs(args)
	if err != nil {
		return nil, err
	}
	if err := kw.only(); err != nil {
		return nil, err
	}
	return oneCopy("hstack", tensor.HStack(arrays), arrays)
}

// ---- helpers ----

func one(a *tensor.Array) ([]*tensor.Array, error) { return []*tensor.Array{a}, nil }

func ptr[T any](v T) *T { return &v }

// mustView checks that r shares storage with a, as NumPy's views do.
func mustView(what string, r, a *tensor.Array) error {
	if !r.SharesMemory(a) {
		return fmt.Errorf("%s returned a copy; NumPy returns a view that shares the input's storage", what)
	}
	return nil
}

// mustCopy checks that r does not share storage with a.
func mustCopy(what string, r, a *tensor.Array) error {
	if r.SharesMemory(a) {
		return fmt.Errorf("%s returned a view of its input; NumPy returns a copy", what)
	}
	return nil
}

func oneView(what string, r, a *tensor.Array) ([]*tensor.Array, error) {
	if err := mustView(what, r, a); err != nil {
		return nil, err
	}
	return one(r)
}

func oneCopy(what string, r *tensor.Array, inputs []*tensor.Array) ([]*tensor.Array, error) {
	for _, a := range inputs {
		if err := mustCopy(what, r, a); err != nil {
			return nil, err
		}
	}
	return one(r)
}

func isBasic(idx []any) bool {
	for _, it := range idx {
		if _, ok := it.(*tensor.Array); ok {
			return false
		}
	}
	return true
}

func wantArgs(args []Input, n int) error {
	if len(args) != n {
		return fmt.Errorf("want %d positional arguments, case has %d", n, len(args))
	}
	return nil
}

func arrayArg(args []Input, i int) (*tensor.Array, error) {
	if i >= len(args) || args[i].Array == nil {
		return nil, fmt.Errorf("argument %d: want an array", i)
	}
	return args[i].Array, nil
}

func arrayArgs(args []Input) ([]*tensor.Array, error) {
	out := make([]*tensor.Array, len(args))
	for i := range args {
		a, err := arrayArg(args, i)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

func indexArg(args []Input, i int) ([]any, error) {
	if i >= len(args) || !args[i].IsIndex {
		return nil, fmt.Errorf("argument %d: want an index", i)
	}
	return args[i].Index, nil
}

// valueArg returns an assignment value: an array or a Go scalar.
func valueArg(args []Input, i int) (any, error) {
	switch {
	case i >= len(args):
	case args[i].Array != nil:
		return args[i].Array, nil
	case args[i].Scalar != nil:
		return args[i].Scalar, nil
	}
	return nil, fmt.Errorf("argument %d: want an array or a scalar", i)
}

func unaryArray(args []Input, kw Kwargs, known ...string) (*tensor.Array, error) {
	if err := wantArgs(args, 1); err != nil {
		return nil, err
	}
	if err := kw.only(known...); err != nil {
		return nil, err
	}
	return arrayArg(args, 0)
}

// Kwargs are a case's keyword arguments, as JSON.
type Kwargs map[string]json.RawMessage

// only fails on a kwarg not in known: a kwarg the runner would ignore
// could change what NumPy computed.
func (k Kwargs) only(known ...string) error {
	var bad []string
	for name := range k {
		if !slices.Contains(known, name) {
			bad = append(bad, name)
		}
	}
	if bad != nil {
		sort.Strings(bad)
		return fmt.Errorf("kwargs %s: the runner does not know them for this op", strings.Join(bad, ", "))
	}
	return nil
}

// isNull reports whether name is absent or null.
func (k Kwargs) isNull(name string) bool {
	raw, ok := k[name]
	return !ok || strings.TrimSpace(string(raw)) == "null"
}

// number returns a scalar kwarg and whether it is present and not null.
func (k Kwargs) number(name string) (Number, bool, error) {
	if k.isNull(name) {
		return Number{}, false, nil
	}
	var n Number
	if err := n.UnmarshalJSON(k[name]); err != nil {
		return Number{}, false, fmt.Errorf("kwarg %s: %w", name, err)
	}
	return n, true, nil
}

// int returns an integer kwarg, or *def when it is absent or null (an
// error when def is nil).
func (k Kwargs) int(name string, def *int) (int, error) {
	n, ok, err := k.number(name)
	switch {
	case err != nil:
		return 0, err
	case !ok && def == nil:
		return 0, fmt.Errorf("kwarg %s: missing", name)
	case !ok:
		return *def, nil
	}
	i, exact := n.Int()
	if !exact || n.Kind == BoolNumber {
		return 0, fmt.Errorf("kwarg %s: %v is not an integer", name, n)
	}
	return int(i), nil
}

// float returns a numeric kwarg, or *def when it is absent or null.
func (k Kwargs) float(name string, def *float64) (float64, error) {
	n, ok, err := k.number(name)
	switch {
	case err != nil:
		return 0, err
	case !ok && def == nil:
		return 0, fmt.Errorf("kwarg %s: missing", name)
	case !ok:
		return *def, nil
	}
	return n.Float(), nil
}

// bool returns a boolean kwarg, or def when it is absent or null.
func (k Kwargs) bool(name string, def bool) (bool, error) {
	n, ok, err := k.number(name)
	switch {
	case err != nil:
		return false, err
	case !ok:
		return def, nil
	case n.Kind != BoolNumber:
		return false, fmt.Errorf("kwarg %s: %v is not a boolean", name, n)
	}
	return n.B, nil
}

// ints returns a kwarg that is an int or a list of ints (axis, axes),
// and whether it is absent or null.
func (k Kwargs) ints(name string) ([]int, bool, error) {
	if k.isNull(name) {
		return nil, true, nil
	}
	raw := strings.TrimSpace(string(k[name]))
	if strings.HasPrefix(raw, "[") {
		var list []json.RawMessage
		if err := json.Unmarshal(k[name], &list); err != nil {
			return nil, false, fmt.Errorf("kwarg %s: %w", name, err)
		}
		out := make([]int, len(list))
		for i, r := range list {
			v, err := Kwargs{name: r}.int(name, nil)
			if err != nil {
				return nil, false, err
			}
			out[i] = v
		}
		return out, false, nil
	}
	v, err := k.int(name, nil)
	if err != nil {
		return nil, false, err
	}
	return []int{v}, false, nil
}

// shape returns a shape kwarg: an int or a list of ints.
func (k Kwargs) shape(name string) ([]int, error) {
	s, null, err := k.ints(name)
	if err != nil {
		return nil, err
	}
	if null {
		return nil, fmt.Errorf("kwarg %s: missing", name)
	}
	return s, nil
}

// dtype returns a dtype kwarg, or def when it is absent or null.
func (k Kwargs) dtype(name string, def dtype.DType) (dtype.DType, error) {
	if k.isNull(name) {
		return def, nil
	}
	var s string
	if err := json.Unmarshal(k[name], &s); err != nil {
		return 0, fmt.Errorf("kwarg %s: %w", name, err)
	}
	dt, err := parseDType(s)
	if err != nil {
		return 0, fmt.Errorf("kwarg %s: %w", name, err)
	}
	return dt, nil
}
