package cpu

import (
	"math"
	"sync"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// matmul is cpu-simd's MatMul: every matrix of the (broadcast) stack
// through the packed GEMM for float32 and float64, each operand read
// through its own strides by the packing; integers and bool run the
// reference loops. Float32 accumulates in float32 (with FMA) where the
// reference accumulates in float64, as NumPy's float32 matmul does.
//
// The epilogue runs in the GEMM's stores: a bias and ReLU (the plan
// add(acc, bias), maximum(·, +0)) in the micro-kernels' registers, any
// other graph on each tile as soon as it is finished, while it is in
// cache (tileGraph).
func (d *SIMD) matmul(r *device.MatMul) error {
	switch r.Out.DType() {
	case dtype.Float32:
		matmulFloat[float32](r, gemmBlocks32())
	case dtype.Float64:
		matmulFloat[float64](r, gemmBlocks64())
	default:
		return matmul(r)
	}
	return nil
}

func matmulFloat[T float32 | float64](r *device.MatMul, bl *gemmBlocking[T]) {
	nd := len(r.Out.Shape)
	m, n, k := r.Out.Shape[nd-2], r.Out.Shape[nd-1], r.A.Shape[nd-1]
	a, b, out := data(r.A).([]T), data(r.B).([]T), data(r.Out).([]T)
	view := func(s []T, st []int, off int) gemmMatrix[T] {
		return gemmMatrix[T]{data: s, off: off, rs: st[nd-2], cs: st[nd-1]}
	}
	bs := func(st []int) []int { return st[:nd-2] }
	strides := [][]int{bs(r.A.Strides), bs(r.B.Strides), bs(r.Out.Strides)}
	offsets := []int{r.A.Offset, r.B.Offset, r.Out.Offset}
	reg := registerForm{bias: -1}
	var shared *tileShared
	if r.Epilogue != nil {
		var ok bool
		if reg, ok = registerFormOf(r.Epilogue); !ok {
			shared = newTileShared(r)
		}
	}
	// The epilogue's inputs follow A, B and C in strides and offsets.
	var bias []T
	switch {
	case shared != nil:
		for _, in := range shared.k.Plan.Inputs {
			strides = append(strides, bs(in.Strides))
			offsets = append(offsets, in.Offset)
		}
	case reg.bias >= 0:
		in := r.Epilogue.Inputs[reg.bias]
		bias = data(device.Operand{Buf: r.EpilogueBufs[in.Buf]}).([]T)
		strides = append(strides, bs(in.Strides))
		offsets = append(offsets, in.Offset)
	}
	forEach(r.Out.Shape[:nd-2], strides, offsets, func(offs []int) {
		var e *gemmEpilogue[T]
		switch {
		case shared != nil:
			e = &gemmEpilogue[T]{graph: &tileGraph{s: shared, data: out, base: append([]int{offs[2]}, offs[3:]...)}}
		case r.Epilogue != nil:
			e = &gemmEpilogue[T]{relu: reg.relu}
			if reg.bias >= 0 {
				e.hasBias, e.bias = true, view(bias, r.Epilogue.Inputs[reg.bias].Strides, offs[3])
			}
		}
		gemm(bl, m, n, k, 1, view(a, r.A.Strides, offs[0]), view(b, r.B.Strides, offs[1]), 0, view(out, r.Out.Strides, offs[2]), e)
	})
}

// registerForm is an epilogue the micro-kernels run in their registers:
// relu(acc + bias), where bias is input bias of the plan (-1: none).
type registerForm struct {
	bias int
	relu bool
}

// registerFormOf matches an epilogue plan of a float matrix product to
// the register forms: add(acc, load) or add(load, acc) (a bias of any
// layout), optionally inside maximum(·, +0) (NumPy's ReLU, np.maximum(x,
// 0): NaN stays, -0 gives +0).
func registerFormOf(e *plan.Kernel) (registerForm, bool) {
	f := registerForm{bias: -1}
	ns := e.Nodes
	x := &ns[e.Root()]
	if x.Kind == plan.Apply && x.Op == ufunc.Maximum {
		c := &ns[x.Args[1]]
		if c.Kind != plan.Const || c.Value.F != 0 || math.Signbit(c.Value.F) {
			return f, false
		}
		f.relu = true
		x = &ns[x.Args[0]]
	}
	if x.Kind == plan.Apply && x.Op == ufunc.Add {
		p, q := &ns[x.Args[0]], &ns[x.Args[1]]
		if p.Kind == plan.Load {
			p, q = q, p
		}
		if p.Kind != plan.Acc || q.Kind != plan.Load {
			return f, false
		}
		f.bias = q.Input
		x = p
	}
	return f, x.Kind == plan.Acc
}

// tileShared is an epilogue graph readied for the tiles of one MatMul:
// epiloguePlan's in-place plan and cpu-simd's evaluators of it along C's
// rows and along its columns, with pools of their scratch.
type tileShared struct {
	k          *device.Kernel
	nd         int
	rows, cols *fused
	rowPool    sync.Pool
	colPool    sync.Pool
}

func newTileShared(r *device.MatMul) *tileShared {
	k := epiloguePlan(r)
	nd := len(r.Out.Shape)
	s := &tileShared{k: k, nd: nd}
	s.rows = prepareFused(k.Plan, k.Bufs, nd-1, r.Out.Strides[nd-1])
	s.cols = prepareFused(k.Plan, k.Bufs, nd-2, r.Out.Strides[nd-2])
	return s
}

// tileGraph applies the epilogue graph in place to one product of the
// stack: base holds C's offset, then the plan's inputs', for its batch
// element.
type tileGraph struct {
	s    *tileShared
	data any
	base []int
}

// run applies the epilogue to the n elements of C from (i, j) along C's
// row (or, down, along its column).
func (g *tileGraph) run(i, j, n int, down bool) {
	s := g.s
	f, pool, ax := s.rows, &s.rowPool, s.nd-1
	if down {
		f, pool, ax = s.cols, &s.colPool, s.nd-2
	}
	sc, _ := pool.Get().(*scratch)
	if sc == nil {
		sc = f.newScratch()
	}
	k := s.k.Plan
	var room [8]int
	offs := room[:0]
	out := k.Out.Strides
	offs = append(offs, g.base[0]+i*out[s.nd-2]+j*out[s.nd-1])
	for q, in := range k.Inputs {
		offs = append(offs, g.base[q+1]+i*in.Strides[s.nd-2]+j*in.Strides[s.nd-1])
	}
	f.run(sc, g.data, out[ax], offs, n)
	pool.Put(sc)
}
