package tensor

import (
	"math"
	"slices"
	"strings"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// apply is NumPy's ufunc.__call__ for op on args (arrays or Go
// scalars), writing into out when it is not nil. It resolves everything —
// dtypes, the broadcast shape, the output — and raises every error before
// any device work; the result is lazy (see lazy.go). With out, the op's
// graph is computed straight into out.
func apply(op ufunc.ID, out *Array, args ...any) *Array {
	o := op.Op()
	var opBuf [3]operand
	var dtBuf [3]dtype.DType
	dev, operands := gatherOperands(opBuf[:0], out, args)
	var dts []dtype.DType
	if op == ufunc.Where {
		// The condition is tested for truth, whatever its dtype, and
		// takes no part in the promotion of x and y.
		resolveDTypes(operands[1:], dtBuf[1:1])
		dtBuf[0] = dtype.Bool
		dts = dtBuf[:3]
		if operands[0].arr == nil {
			operands[0].weak = dtype.Bool
		}
	} else {
		dts = resolveDTypes(operands, dtBuf[:0])
	}
	loop, err := o.Resolve(dts...)
	if err != nil {
		raise(DTypeError, "%s", err.Error())
	}
	shape := broadcastOperands(operands, out)
	if out != nil {
		checkOut(o, loop, out)
	} else {
		must(broadcast.CheckedSize(shape, loop.Out.Size())) // the result's bytes fit an int
	}
	if op == ufunc.Power && loop.In[1].IsInt() {
		refuseNegativeExponent(&operands[1])
	}
	// Everything is checked: from here on we only compute.
	var argBuf [3]lazyArg
	largs := argBuf[:len(operands)]
	for i, x := range operands {
		largs[i] = lazyArg{arr: x.arr, val: x.scalar, dt: loop.In[i]}
	}
	fit(dev, shape, largs)
	if out != nil {
		storeOp(out, op, loop, shape, largs)
		return out
	}
	res := newLazy(dev, op, loop, loop.Out, shape, largs)
	if !fusion {
		res.lz.realize()
	}
	return res
}

// storeOp writes the op's result (loop of op on args over shape, which
// is dst's) into dst as one kernel, as storeInto writes an array.
func storeOp(dst *Array, op ufunc.ID, loop *ufunc.Loop, shape []int, args []lazyArg) {
	if dst.Size() == 0 {
		return
	}
	kb := dst.storeKernel()
	root := kb.emitOp(nil, op, loop, loop.Out, shape, args, kb.identity(len(shape)))
	kb.store(dst, root)
}

// storeKernel starts a kernel over dst's shape that stores into dst,
// watching for loads of dst's buffer at another layout.
func (dst *Array) storeKernel() *kernel {
	kb := newKernel(dst.shape, 0)
	kb.watch, kb.watchOffset = dst.buffer(), dst.offset
	kb.watchStrides = kb.strides(dst.strides, kb.identity(len(dst.shape)))
	return kb
}

// store finishes a kernel from storeKernel, storing root into dst, and
// runs it. The kernel reads the buffers it loaded; the write goes to
// dst's buffer, or to a new one where lazy results hold it or the kernel
// reads it at another layout than dst's (a partial overlap: the reads
// then see the old values, as NumPy's, which reads such an operand whole
// before writing).
func (kb *kernel) store(dst *Array, root int) {
	buf := dst.st.beforeWrite(dst.Size() == dst.st.buf.Len(), kb.bad)
	kb.runStore(dst.Device(), root, buf, dst.dt, kb.watchStrides, dst.offset)
}

// storeInto writes src, broadcast to dst's shape and converted to its
// dtype, into dst as one kernel: a lazy src's graph is computed straight
// into dst (see store).
func storeInto(dst, src *Array) {
	if dst.Size() == 0 {
		return
	}
	kb := dst.storeKernel()
	kb.store(dst, kb.emit(src, kb.argAxes(src.shape, dst.shape, kb.identity(len(dst.shape)))))
}

// operand is one argument of a ufunc: an array, or a Go scalar that takes
// its dtype from the arrays around it (NEP 50's "weak" scalars).
type operand struct {
	arr    *Array
	scalar dtype.Scalar
	weak   dtype.DType // the dtype the scalar takes, once resolved
}

func (o *operand) dtype() dtype.DType {
	if o.arr != nil {
		return o.arr.dt
	}
	return o.weak
}

// gatherOperands appends args as operands to ops and returns the device
// they live on (out's, the first array's, or the default device).
func gatherOperands(ops []operand, out *Array, args []any) (device.Device, []operand) {
	var dev device.Device
	if out != nil {
		dev = out.Device()
	}
	for _, a := range args {
		if x, ok := a.(*Array); ok {
			x.live()
			if dev == nil {
				dev = x.Device()
			}
			sameDevice(dev, x)
			ops = append(ops, operand{arr: x})
			continue
		}
		ops = append(ops, operand{scalar: scalarOf(a)})
	}
	if dev == nil {
		dev = device.Default()
	}
	return dev, ops
}

// kind orders dtypes as NEP 50 compares a weak scalar with arrays.
func kind(d dtype.DType) int {
	switch {
	case d == dtype.Bool:
		return 0
	case d.IsInt():
		return 1
	}
	return 2
}

// resolveDTypes gives every operand a dtype. Arrays keep theirs. A Go
// scalar is weak (NEP 50): it takes the arrays' common dtype when that is
// of its kind or higher (float32 array + 2.5 stays float32, int32 array +
// 3 stays int32), and otherwise its kind's default dtype (int64, float64),
// which then promotes with the arrays (int32 array + 2.5 is float64).
func resolveDTypes(ops []operand, dts []dtype.DType) []dtype.DType {
	common := dtype.Invalid
	for _, o := range ops {
		if o.arr != nil {
			if common == dtype.Invalid {
				common = o.arr.dt
			} else {
				common = dtype.Promote(common, o.arr.dt)
			}
		}
	}
	for i := range ops {
		o := &ops[i]
		if o.arr == nil {
			sk := kind(o.scalar.DType)
			def := [...]dtype.DType{dtype.Bool, dtype.Int64, dtype.Float64}[sk]
			switch {
			case common == dtype.Invalid:
				o.weak = def
			case kind(common) >= sk:
				o.weak = common
				checkScalarFits(o.scalar, common)
			default:
				o.weak = dtype.Promote(common, def)
			}
		}
		dts = append(dts, o.dtype())
	}
	return dts
}

// checkScalarFits refuses an integer scalar that its weak dtype cannot
// hold (NEP 50: "Python integer 300 out of bounds for int8").
func checkScalarFits(s dtype.Scalar, dt dtype.DType) {
	if dt == dtype.Int32 && s.DType.IsInt() && (s.I < math.MinInt32 || s.I > math.MaxInt32) {
		raise(ValueError, "Python integer %d out of bounds for int32", s.I)
	}
}

// broadcastOperands returns the shape every operand broadcasts to. With an
// output, the output takes part but must not itself be stretched.
func broadcastOperands(ops []operand, out *Array) []int {
	var shapes [3][]int
	var shape []int
	same := true // every array of one shape: the result's, shared
	for i, o := range ops {
		shapes[i] = []int{}
		if o.arr != nil {
			shapes[i] = o.arr.shape
			if shape == nil {
				shape = o.arr.shape
			}
			same = same && slices.Equal(shape, o.arr.shape)
		}
	}
	if !same || shape == nil {
		s, err := broadcast.Shapes(shapes[:len(ops)]...)
		passTooLarge(err)
		if err != nil {
			raiseOperandsMismatch(shapes[:len(ops)])
		}
		shape = s
	}
	if out != nil && !slices.Equal(shape, out.shape) {
		full, err := broadcast.Shapes(shape, out.shape)
		if err != nil || !slices.Equal(full, out.shape) {
			raise(ShapeError, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
				broadcast.Format(out.shape), broadcast.Format(shape))
		}
		shape = out.shape
	}
	return shape
}

// raiseOperandsMismatch raises NumPy's ufunc error for operands whose
// shapes do not broadcast, every shape followed by a space: "operands
// could not be broadcast together with shapes (3,4) (3,) ".
func raiseOperandsMismatch(shapes [][]int) {
	var b strings.Builder
	for _, s := range shapes {
		b.WriteString(broadcast.Format(s))
		b.WriteByte(' ')
	}
	raise(ShapeError, "operands could not be broadcast together with shapes %s", b.String())
}

// checkOut refuses an output the result cannot be written to: read-only,
// or a dtype the result does not convert to within its kind (NumPy's
// casting='same_kind' for out=).
func checkOut(op *ufunc.Op, loop *ufunc.Loop, out *Array) {
	if out.readOnly {
		raise(ValueError, "output array is read-only")
	}
	if !sameKindCast(loop.Out, out.dt) {
		raise(DTypeError, "Cannot cast ufunc '%s' output from dtype('%v') to dtype('%v') with casting rule 'same_kind'",
			op.Name, loop.Out, out.dt)
	}
}

// sameKindCast is NumPy's can_cast(from, to, 'same_kind'): any cast that
// does not go down in kind (bool < int < float), so float64 to float32 and
// int32 to float32 yes, float to int or int to bool no.
func sameKindCast(from, to dtype.DType) bool {
	return kind(from) <= kind(to)
}

// refuseNegativeExponent raises NumPy's error for an integer power with a
// negative exponent, before anything is computed.
func refuseNegativeExponent(o *operand) {
	neg := false
	if o.arr == nil {
		neg = o.scalar.Int() < 0
	} else if o.arr.Size() > 0 {
		neg = o.arr.Min().Float() < 0
	}
	if neg {
		raise(ValueError, "Integers to negative integer powers are not allowed.")
	}
}
