package tensor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// MatMul returns the matrix product a @ b (NumPy's matmul). 2-D operands
// multiply as matrices; a 1-D a is a row vector and a 1-D b a column
// vector, whose added axis is removed from the result; operands of more
// dimensions are stacks of matrices in their last two axes, and the stack
// axes broadcast. The dtypes promote; 0-d operands are an error.
func MatMul(a, b *Array) *Array { return matmul(nil, a, b) }

// MatMul is MatMul(a, b).
func (a *Array) MatMul(b *Array) *Array { return matmul(nil, a, b) }

// MatMulInto writes MatMul(a, b) into dst, which must have the result's
// shape, and returns dst (np.matmul(a, b, out=dst)). The result converts
// to dst's dtype within its kind.
func MatMulInto(dst, a, b *Array) *Array { return matmul(dst, a, b) }

const matmulSig = "(n?,k),(k,m?)->(n?,m?)"

func matmul(dst, a, b *Array) *Array {
	p := planMatMul(a, b)
	if dst != nil {
		p.checkOut(dst, p.shape, p.dt)
	}
	return p.run(dst, nil, NoActivation)
}

// matmulPlan is a checked matrix product, ready to run.
type matmulPlan struct {
	dev              device.Device
	a2, b2           *Array // the operands as stacks of matrices (1-d ones expanded)
	batchA, batchB   []int  // their stack shapes
	batch            []int  // the broadcast stack shape
	dt               dtype.DType
	full             []int // batch + (m, n)
	shape            []int // the result's shape: full less the axes of 1-d operands
	dropRow, dropCol bool  // a (b) was 1-d
}

// planMatMul checks a @ b and resolves its shapes and dtype. It raises
// every error of the operands; nothing runs on the device.
func planMatMul(a, b *Array) *matmulPlan {
	dev := a.Device()
	sameDevice(dev, b)
	for i, x := range []*Array{a, b} {
		if x.NDim() == 0 {
			raise(ValueError, "matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with signature %s requires 1)", i, matmulSig)
		}
	}
	// Promote 1-d operands to matrices; remember which axes to drop.
	p := &matmulPlan{dev: dev, a2: a, b2: b, dropRow: a.NDim() == 1, dropCol: b.NDim() == 1}
	if p.dropRow {
		p.a2 = a.ExpandDims(0)
	}
	if p.dropCol {
		p.b2 = b.ExpandDims(1)
	}
	a2, b2 := p.a2, p.b2
	m, k := a2.shape[a2.NDim()-2], a2.shape[a2.NDim()-1]
	k2, n := b2.shape[b2.NDim()-2], b2.shape[b2.NDim()-1]
	if k != k2 {
		raise(ShapeError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature %s (size %d is different from %d)", matmulSig, k2, k)
	}
	p.batchA, p.batchB = a2.shape[:a2.NDim()-2], b2.shape[:b2.NDim()-2]
	batch, err := broadcast.Shapes(p.batchA, p.batchB)
	passTooLarge(err)
	if err != nil {
		raise(ShapeError, "operands could not be broadcast together with remapped shapes [original->remapped]: %s->%s %s->%s  and requested shape (%d,%d)",
			broadcast.Format(a.shape), remapped(p.batchA), broadcast.Format(b.shape), remapped(p.batchB), m, n)
	}
	p.batch = batch
	p.dt = dtype.Promote(a.dt, b.dt)
	p.full = append(append(slices.Clone(batch), m), n)
	p.shape = slices.Clone(batch)
	if !p.dropRow {
		p.shape = append(p.shape, m)
	}
	if !p.dropCol {
		p.shape = append(p.shape, n)
	}
	return p
}

// checkOut raises unless dst can take a result of the given shape and
// dtype (np.matmul's out= rules: the same shape, a same-kind cast, on the
// operands' device, writable).
func (p *matmulPlan) checkOut(dst *Array, shape []int, dt dtype.DType) {
	if !slices.Equal(dst.shape, shape) {
		raise(ShapeError, "matmul: Output operand 0 has a mismatch in its core dimension 0, with gufunc signature %s (expected shape %s, got %s)",
			matmulSig, broadcast.Format(shape), broadcast.Format(dst.shape))
	}
	if dst.readOnly {
		raise(ValueError, "output array is read-only")
	}
	if !sameKindCast(dt, dst.dt) {
		raise(DTypeError, "Cannot cast ufunc 'matmul' output from dtype('%v') to dtype('%v') with casting rule 'same_kind'", dt, dst.dt)
	}
	sameDevice(p.dev, dst)
}

// run computes the product, with the epilogue act(· + bias) in the
// device's MatMul request when bias is not nil or act is set (the caller
// has checked that the device runs it, that bias has the product's dtype
// and that it broadcasts to p.shape), into dst when it is not nil (checked
// by checkOut) and otherwise into a new array, which it returns.
func (p *matmulPlan) run(dst, bias *Array, act Activation) *Array {
	dev, dt := p.dev, p.dt
	a2, b2 := p.a2, p.b2
	if a2.dt != dt {
		a2 = a2.AsType(dt)
	}
	if b2.dt != dt {
		b2 = b2.AsType(dt)
	}
	// Write straight into a destination that can take the product as it
	// is: the result's dtype, C-contiguous, sharing nothing with a, b or
	// the bias.
	var out *Array
	if dst != nil && dst.dt == dt && dst.IsContiguous() && !dst.SharesMemory(a2) && !dst.SharesMemory(b2) && (bias == nil || !dst.SharesMemory(bias)) {
		out = dst.Reshape(p.full...)
	} else {
		out = newArray(dev, dt, p.full)
	}
	if out.Size() > 0 {
		stackOperand := func(x *Array, xb []int) device.Operand {
			st := must(broadcast.Strides(xb, x.strides[:len(xb)], p.batch))
			r := x.NDim()
			return device.Operand{Buf: x.buffer(), Shape: append(slices.Clone(p.batch), x.shape[r-2], x.shape[r-1]),
				Strides: append(st, x.strides[r-2], x.strides[r-1]), Offset: x.offset}
		}
		req := &device.MatMul{A: stackOperand(a2, p.batchA), B: stackOperand(b2, p.batchB)}
		if p.fuses(bias, act) {
			req.Epilogue, req.EpilogueBufs = p.epilogue(bias, act)
		}
		req.Out = out.target()
		run(dev, req)
	}
	if dst != nil {
		if !out.SharesMemory(dst) {
			assign(dst, out.Reshape(p.shape...))
		}
		return dst
	}
	return out.Reshape(p.shape...)
}

// biasStrides lays bias out over p.full: its strides broadcast to the
// result's shape, with stride 0 on the axes of 1-d operands.
func (p *matmulPlan) biasStrides(bias *Array) []int {
	st := must(broadcast.Strides(bias.shape, bias.strides, p.shape))
	nb := len(p.batch)
	full := slices.Clone(st[:nb])
	rest := st[nb:]
	if p.dropRow {
		full = append(full, 0)
	} else {
		full, rest = append(full, rest[0]), rest[1:]
	}
	if p.dropCol {
		full = append(full, 0)
	} else {
		full = append(full, rest[0])
	}
	return full
}

// remapped formats a stack shape as NumPy's matmul error does:
// (2,newaxis,newaxis) for a stack of 2.
func remapped(batch []int) string {
	parts := []string{}
	for _, d := range batch {
		parts = append(parts, fmt.Sprint(d))
	}
	parts = append(parts, "newaxis", "newaxis")
	return "(" + strings.Join(parts, ",") + ")"
}

// Dot returns NumPy's dot(a, b): the matrix product for 1-d and 2-d
// operands, an elementwise product when either is 0-d, and for N-d
// operands the sum over the last axis of a and the second-to-last of b
// (result shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:]).
func Dot(a, b *Array) *Array {
	switch {
	case a.NDim() == 0 || b.NDim() == 0:
		return Multiply(a, b)
	case a.NDim() <= 2 && b.NDim() <= 2:
		return MatMul(a, b)
	}
	k := a.shape[a.NDim()-1]
	bk := 0
	if b.NDim() >= 2 {
		bk = b.NDim() - 2
	}
	if b.shape[bk] != k {
		raise(ShapeError, "shapes %s and %s not aligned: %d (dim %d) != %d (dim %d)",
			broadcast.Format(a.shape), broadcast.Format(b.shape), k, a.NDim()-1, b.shape[bk], bk)
	}
	// Move b's summed axis first, flatten both sides to matrices.
	perm := []int{bk}
	for i := range b.NDim() {
		if i != bk {
			perm = append(perm, i)
		}
	}
	bt := b.Transpose(perm...)
	// Explicit row counts, not -1: k may be 0.
	r := MatMul(a.Reshape(broadcast.Size(a.shape[:a.NDim()-1]), k), bt.Reshape(k, broadcast.Size(bt.shape[1:])))
	shape := append(slices.Clone(a.shape[:a.NDim()-1]), bt.shape[1:]...)
	return r.Reshape(shape...)
}

// Inner returns NumPy's inner(a, b): the sum product over the last axes,
// of shape a.shape[:-1] + b.shape[:-1].
func Inner(a, b *Array) *Array {
	if a.NDim() == 0 || b.NDim() == 0 {
		return Multiply(a, b)
	}
	k := a.shape[a.NDim()-1]
	if b.shape[b.NDim()-1] != k {
		raise(ShapeError, "shapes %s and %s not aligned: %d (dim %d) != %d (dim %d)",
			broadcast.Format(a.shape), broadcast.Format(b.shape), k, a.NDim()-1, b.shape[b.NDim()-1], b.NDim()-1)
	}
	// Explicit row counts, not -1: k may be 0.
	r := MatMul(a.Reshape(broadcast.Size(a.shape[:a.NDim()-1]), k), b.Reshape(broadcast.Size(b.shape[:b.NDim()-1]), k).T())
	shape := append(slices.Clone(a.shape[:a.NDim()-1]), b.shape[:b.NDim()-1]...)
	return r.Reshape(shape...)
}

// Outer returns NumPy's outer(a, b): out[i, j] = a.ravel()[i] * b.ravel()[j].
func Outer(a, b *Array) *Array {
	return Multiply(a.Ravel().ExpandDims(1), b.Ravel().ExpandDims(0))
}
