package device

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// Operand is one array argument of a kernel request: a buffer and the
// strided layout of the elements to visit in it. Strides and Offset count
// elements, not bytes; strides may be negative (reversed views) or zero
// (broadcast inputs, never outputs).
type Operand struct {
	Buf     Buffer
	Shape   []int
	Strides []int
	Offset  int
}

// DType is the dtype of the operand's buffer.
func (o Operand) DType() dtype.DType { return o.Buf.DType() }

// Request is a kernel request: everything a device needs to run one
// operation, as data. The planner (package tensor with package broadcast)
// has already
//
//   - resolved the output shape and dtype,
//   - given every input the output's rank, with stride 0 on broadcast axes,
//   - checked every index against its bounds and made it non-negative,
//
// so a device neither re-checks nor raises caller errors. The concrete
// types below are the requests; devices switch on them.
type Request interface{ request() }

// Fill sets every element of Dst to Value, converted to Dst's dtype.
type Fill struct {
	Dst   Operand
	Value dtype.Scalar
}

// Copy copies Src to Dst element by element, converting the dtype as
// NumPy's astype does (float to int truncates toward zero, any non-zero to
// true). Src has Dst's shape; broadcast axes have stride 0. Src and Dst
// must not overlap unless they are identical.
type Copy struct {
	Dst, Src Operand
}

// Arange sets Dst[i] = Start + i*Step for a 1-d Dst, computed in float64
// for float dtypes and in int64 for integer ones (Start and Step carry the
// dtype they are computed in).
type Arange struct {
	Dst         Operand
	Start, Step dtype.Scalar
}

// Gather is advanced-index reading. For every position o of Dst's shape it
// reads Src at the offset
//
//	Src.Offset + Σ_k Src.Strides[k] * i_k
//
// where, for each axis k of Src, i_k = o[Axes[k]] when Index[k] is nil (an
// axis kept as it is), and otherwise i_k = Index[k] at o — an int64 operand
// laid out over Dst's shape (stride 0 where it is broadcast). Indices are
// in range and non-negative. Src.Shape is Src's own shape, not Dst's.
type Gather struct {
	Dst, Src Operand
	Index    []*Operand
	Axes     []int
}

// Scatter is advanced-index assignment: the inverse mapping of Gather.
// Positions o range over Value's shape; Value[o] is written into Dst at
// the offset Gather would read from. When an index repeats, the last write
// in C order wins, as in NumPy.
type Scatter struct {
	Dst, Value Operand
	Index      []*Operand
	Axes       []int
}

func (*Fill) request()    {}
func (*Copy) request()    {}
func (*Arange) request()  {}
func (*Gather) request()  {}
func (*Scatter) request() {}

// Kernel runs a kernel plan (package plan): an elementwise expression
// graph, optionally reduced, over buffers of the device. The plan's
// inputs and output name their buffers by index into Bufs; a buffer may
// be both read and written only at the very same layout (in place).
// Outputs never overlap an input otherwise, and a reduction's output
// overlaps none.
//
// With a reduction, Sum and Prod convert the root's values to Out's dtype
// before combining them (an int32 sum accumulates in int64), Max and Min
// keep the root's dtype, ArgMax and ArgMin write int64 positions in C
// order over the reduced axes, Any and All write bool. An empty
// reduction writes the identity (0 for Sum, 1 for Prod, false for Any,
// true for All); the planner never asks for an empty Max, Min, ArgMax or
// ArgMin.
type Kernel struct {
	Plan *plan.Kernel
	Bufs []Buffer
}

// Scan is a cumulative Sum or Prod along Axis: Out[..., i, ...] combines
// Src[..., 0..i, ...] in order. Src and Out have the same shape; elements
// convert to Out's dtype first.
type Scan struct {
	Kind plan.ReduceKind // plan.Sum or plan.Prod
	Src  Operand
	Out  Operand
	Axis int
}

// Compress writes the elements of Src where Mask is true, in C order, to
// the 1-d Dst: NumPy's a[mask] for a mask of a's whole shape. Mask is a
// bool operand of Src's shape; Dst has exactly as many elements as Mask
// has true ones (the planner counted them).
type Compress struct {
	Dst, Src, Mask Operand
}

// MatMul is a batched matrix product with an optional epilogue:
//
//	P[..., i, j]   = Σ_k A[..., i, k] * B[..., k, j], rounded to Out's dtype
//	Out[..., i, j] = Epilogue(P[..., i, j], its inputs at [..., i, j])
//
// The operands have the same rank ≥ 2 and dtype; the leading (batch) axes
// of A and B have Out's lengths (stride 0 where broadcast). Out does not
// overlap A, B or the epilogue's inputs. bool multiplies as and and sums
// as or.
//
// Epilogue, when not nil, is an epilogue plan (plan.Kernel.Epilogue) over
// Out's shape: its Acc node is P's element, its inputs name buffers of
// EpilogueBufs with strides over Out's shape, and its root, of Out's
// dtype, is what is stored. It computes what np.matmul(a, b) followed by
// the elementwise ops computes (a bias, an activation); every device runs
// it, fused into the product's stores where it can (cpu-simd while a
// tile is in cache, the GPU in the kernel's store).
type MatMul struct {
	A, B, Out    Operand
	Epilogue     *plan.Kernel
	EpilogueBufs []Buffer
}

func (*MatMul) request()   {}
func (*Compress) request() {}
func (*Kernel) request()   {}
func (*Scan) request()     {}
