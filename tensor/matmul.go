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
	dev := a.Device()
	sameDevice(dev, b)
	for i, x := range []*Array{a, b} {
		if x.NDim() == 0 {
			raise(ValueError, "matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with signature %s requires 1)", i, matmulSig)
		}
	}
	// Promote 1-d operands to matrices; remember which axes to drop.
	a2, b2 := a, b
	dropRow, dropCol := a.NDim() == 1, b.NDim() == 1
	if dropRow {
		a2 = a.ExpandDims(0)
	}
	if dropCol {
		b2 = b.ExpandDims(1)
	}
	m, k := a2.shape[a2.NDim()-2], a2.shape[a2.NDim()-1]
	k2, n := b2.shape[b2.NDim()-2], b2.shape[b2.NDim()-1]
	if k != k2 {
		raise(ShapeError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature %s (size %d is different from %d)", matmulSig, k2, k)
	}
	batchA, batchB := a2.shape[:a2.NDim()-2], b2.shape[:b2.NDim()-2]
	batch, err := broadcast.Shapes(batchA, batchB)
	if err != nil {
		raise(ShapeError, "operands could not be broadcast together with remapped shapes [original->remapped]: %s->%s %s->%s  and requested shape (%d,%d)",
			broadcast.Format(a.shape), remapped(batchA), broadcast.Format(b.shape), remapped(batchB), m, n)
	}
	dt := dtype.Promote(a.dt, b.dt)
	full := append(append(slices.Clone(batch), m), n)
	shape := slices.Clone(batch)
	if !dropRow {
		shape = append(shape, m)
	}
	if !dropCol {
		shape = append(shape, n)
	}
	if dst != nil {
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
		sameDevice(dev, dst)
	}
	// Checked: now compute.
	if a2.dt != dt {
		a2 = a2.AsType(dt)
	}
	if b2.dt != dt {
		b2 = b2.AsType(dt)
	}
	// Write straight into a destination that can take the product as it
	// is: the result's dtype, C-contiguous, sharing nothing with a or b.
	var out *Array
	if dst != nil && dst.dt == dt && dst.IsContiguous() && !dst.SharesMemory(a) && !dst.SharesMemory(b) {
		out = dst.Reshape(full...)
	} else {
		out = newArray(dev, dt, full)
	}
	if out.Size() > 0 {
		stackOperand := func(x *Array, xb []int) device.Operand {
			st := must(broadcast.Strides(xb, x.strides[:len(xb)], batch))
			r := x.NDim()
			return device.Operand{Buf: x.buf, Shape: append(slices.Clone(batch), x.shape[r-2], x.shape[r-1]),
				Strides: append(st, x.strides[r-2], x.strides[r-1]), Offset: x.offset}
		}
		run(dev, &device.MatMul{A: stackOperand(a2, batchA), B: stackOperand(b2, batchB), Out: out.operand()})
	}
	if dst != nil {
		if !out.SharesMemory(dst) {
			assign(dst, out.Reshape(shape...))
		}
		return dst
	}
	return out.Reshape(shape...)
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
	r := MatMul(a.Reshape(-1, k), bt.Reshape(k, -1))
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
	r := MatMul(a.Reshape(-1, k), b.Reshape(-1, k).T())
	shape := append(slices.Clone(a.shape[:a.NDim()-1]), b.shape[:b.NDim()-1]...)
	return r.Reshape(shape...)
}

// Outer returns NumPy's outer(a, b): out[i, j] = a.ravel()[i] * b.ravel()[j].
func Outer(a, b *Array) *Array {
	return Multiply(a.Ravel().ExpandDims(1), b.Ravel().ExpandDims(0))
}
