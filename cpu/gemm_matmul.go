package cpu

import (
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// matmul is cpu-simd's MatMul: every matrix of the (broadcast) stack
// through the packed GEMM for float32 and float64, each operand read
// through its own strides by the packing; integers and bool run the
// reference loops. Float32 accumulates in float32 (with FMA) where the
// reference accumulates in float64, as NumPy's float32 matmul does.
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
	view := func(s []T, o device.Operand, off int) gemmMatrix[T] {
		return gemmMatrix[T]{data: s, off: off, rs: o.Strides[nd-2], cs: o.Strides[nd-1]}
	}
	bs := func(o device.Operand) []int { return o.Strides[:nd-2] }
	strides := [][]int{bs(r.A), bs(r.B), bs(r.Out)}
	offsets := []int{r.A.Offset, r.B.Offset, r.Out.Offset}
	var ep *gemmEpilogue[T]
	var bias []T
	if r.Bias != nil || r.Act != device.NoActivation {
		ep = &gemmEpilogue[T]{act: r.Act}
		if r.Bias != nil {
			ep.hasBias = true
			bias = data(*r.Bias).([]T)
			strides = append(strides, bs(*r.Bias))
			offsets = append(offsets, r.Bias.Offset)
		}
	}
	forEach(r.Out.Shape[:nd-2], strides, offsets, func(offs []int) {
		e := ep
		if ep != nil && ep.hasBias {
			e = &gemmEpilogue[T]{hasBias: true, bias: view(bias, *r.Bias, offs[3]), act: r.Act}
		}
		gemm(bl, m, n, k, 1, view(a, r.A, offs[0]), view(b, r.B, offs[1]), 0, view(out, r.Out, offs[2]), e)
	})
}

// MatMulEpilogue reports whether cpu-simd runs MatMul requests with a bias
// and the activation act: all of them (ReLU fused into the GEMM's
// micro-kernels for float32 and float64, the reference loops' second pass
// for the other dtypes).
func (*SIMD) MatMulEpilogue(act device.Activation) bool {
	return act == device.NoActivation || act == device.ReLU
}
