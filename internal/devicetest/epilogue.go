package devicetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/tensor"
	"github.com/numgl/numgl/ufunc"
)

// epilogueCase is a matrix product with an epilogue graph: a batch of
// products of m×k by k×n, into an output that is C-ordered or transposed
// in memory, and the graph over the output's shape made by build (from
// the product's node and the loads of the extra inputs).
type epilogueCase struct {
	name       string
	batch      []int
	m, n, k    int
	transposed bool
	extra      [][]int // the shapes of the epilogue's inputs, broadcast to the output's
	build      func(b *plan.Builder, dt dtype.DType, acc int, in []int) int
}

// loopOf returns op's loop taking dt (and a bool condition for where).
func loopOf(op ufunc.ID, dt dtype.DType) *ufunc.Loop {
	in := slices.Repeat([]dtype.DType{dt}, op.Op().Arity)
	if op == ufunc.Where {
		in[0] = dtype.Bool
	}
	l, err := op.Op().Resolve(in...)
	if err != nil {
		panic(err)
	}
	return l
}

var epilogueCases = []epilogueCase{
	{"tanh(2·acc + row)", nil, 37, 29, 41, false, [][]int{{29}},
		func(b *plan.Builder, dt dtype.DType, acc int, in []int) int {
			two := b.Const(dtype.FloatScalar(2), dt)
			x := b.Apply(ufunc.Add, loopOf(ufunc.Add, dt), b.Apply(ufunc.Multiply, loopOf(ufunc.Multiply, dt), two, acc), in[0])
			return b.Apply(ufunc.Tanh, loopOf(ufunc.Tanh, dt), x)
		}},
	{"where(column > 0, acc, -acc) into a transposed output", nil, 70, 33, 20, true, [][]int{{70, 1}},
		func(b *plan.Builder, dt dtype.DType, acc int, in []int) int {
			c := b.Apply(ufunc.Greater, loopOf(ufunc.Greater, dt), in[0], b.Const(dtype.FloatScalar(0), dt))
			return b.Apply(ufunc.Where, loopOf(ufunc.Where, dt), c, acc, b.Apply(ufunc.Negative, loopOf(ufunc.Negative, dt), acc))
		}},
	{"maximum(acc - matrix, row) of a batch", []int{3}, 9, 12, 8, false, [][]int{{3, 9, 12}, {12}},
		func(b *plan.Builder, dt dtype.DType, acc int, in []int) int {
			d := b.Apply(ufunc.Subtract, loopOf(ufunc.Subtract, dt), acc, in[0])
			return b.Apply(ufunc.Maximum, loopOf(ufunc.Maximum, dt), d, in[1])
		}},
	{"relu(acc + row), the register form", nil, 130, 68, 36, false, [][]int{{68}},
		func(b *plan.Builder, dt dtype.DType, acc int, in []int) int {
			x := b.Apply(ufunc.Add, loopOf(ufunc.Add, dt), acc, in[0])
			return b.Apply(ufunc.Maximum, loopOf(ufunc.Maximum, dt), x, b.Const(dtype.IntScalar(0), dt))
		}},
}

// epilogues runs MatMul requests with epilogue graphs, built directly on
// the device, against the reference.
func (c *checker) epilogues(t *testing.T) {
	c.t = t
	for _, ec := range epilogueCases {
		for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
			ha := c.values(dt, prod(ec.batch)*ec.m*ec.k)
			hb := c.values(dt, prod(ec.batch)*ec.k*ec.n)
			var hx []any
			for _, s := range ec.extra {
				hx = append(hx, c.values(dt, prod(s)))
			}
			run := func(dev device.Device) *tensor.Array {
				f := tensor.On(dev)
				a := f.FromHost(ha, append(slices.Clone(ec.batch), ec.m, ec.k)...)
				b := f.FromHost(hb, append(slices.Clone(ec.batch), ec.k, ec.n)...)
				full := append(slices.Clone(ec.batch), ec.m, ec.n)
				out := f.Zeros(dt, full...)
				ost := contiguous(full)
				if ec.transposed {
					out = f.Zeros(dt, ec.n, ec.m).T()
					ost = []int{1, ec.m}
				}
				pb := plan.NewBuilder(full, 0)
				var bufs []device.Buffer
				var in []int
				for i, s := range ec.extra {
					x := f.FromHost(hx[i], s...)
					st := broadcastStrides(s, full)
					bufs = append(bufs, x.Buffer())
					in = append(in, pb.Load(i, dt, st, 0))
				}
				root := ec.build(pb, dt, pb.Acc(dt), in)
				req := &device.MatMul{
					A:        device.Operand{Buf: a.Buffer(), Shape: a.Shape(), Strides: a.Strides()},
					B:        device.Operand{Buf: b.Buffer(), Shape: b.Shape(), Strides: b.Strides()},
					Out:      device.Operand{Buf: out.Buffer(), Shape: full, Strides: ost},
					Epilogue: pb.Epilogue(root, dt), EpilogueBufs: bufs,
				}
				if err := req.Epilogue.Check(); err != nil {
					t.Fatal(err)
				}
				if err := dev.Run(req); err != nil {
					t.Fatal(err)
				}
				return out
			}
			// The products' sums round differently (float32 in float32
			// with FMA on cpu-simd, in float64 on cpu-loop): allow k
			// roundings of terms of about 1.
			eps := 0x1p-24
			if dt == dtype.Float64 {
				eps = 0x1p-53
			}
			c.within(fmt.Sprintf("%v %s", dt, ec.name), run(c.dev), run(c.ref), 1e-6, 4*eps*float64(ec.k))
		}
	}
}

// contiguous returns C-order strides of shape.
func contiguous(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		s *= shape[i]
	}
	return st
}

// broadcastStrides returns the strides over full of a C-ordered array of
// shape s broadcast to it.
func broadcastStrides(s, full []int) []int {
	own := contiguous(s)
	st := make([]int, len(full))
	off := len(full) - len(s)
	for i, d := range s {
		if d != 1 {
			st[off+i] = own[i]
		}
	}
	return st
}

func prod(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}
