package cpu

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/ufunc"
)

// matmul is the reference matrix product: the plain triple loop for every
// matrix of the stack, accumulating floats in float64 and integers in
// int64 (with wrap), rounding once to the output dtype; then the epilogue
// (bias, activation) as a second pass over Out.
func matmul(r *device.MatMul) error {
	if err := matmulProduct(r); err != nil {
		return err
	}
	return matmulEpilogue(r)
}

// matmulEpilogue is the reference epilogue: Out = Act(Out + Bias), element
// by element in Out's dtype (bool adds as or; ReLU keeps a bool as it is,
// maximum(x, false) being x).
func matmulEpilogue(r *device.MatMul) error {
	if r.Bias == nil && r.Act == device.NoActivation {
		return nil
	}
	switch out := data(r.Out).(type) {
	case []float32:
		epilogueLoop(out, r)
	case []float64:
		epilogueLoop(out, r)
	case []int32:
		epilogueLoop(out, r)
	case []int64:
		epilogueLoop(out, r)
	case []bool:
		if r.Bias != nil {
			bias := data(*r.Bias).([]bool)
			forEach(r.Out.Shape, [][]int{r.Out.Strides, r.Bias.Strides}, []int{r.Out.Offset, r.Bias.Offset}, func(offs []int) {
				out[offs[0]] = out[offs[0]] || bias[offs[1]]
			})
		}
	default:
		return fmt.Errorf("cpu: matmul epilogue on %T", out)
	}
	return nil
}

func epilogueLoop[T ufunc.Number](out []T, r *device.MatMul) {
	if r.Bias == nil {
		forEach(r.Out.Shape, [][]int{r.Out.Strides}, []int{r.Out.Offset}, func(offs []int) {
			out[offs[0]] = device.Activate(r.Act, out[offs[0]])
		})
		return
	}
	bias := data(*r.Bias).([]T)
	forEach(r.Out.Shape, [][]int{r.Out.Strides, r.Bias.Strides}, []int{r.Out.Offset, r.Bias.Offset}, func(offs []int) {
		out[offs[0]] = device.Activate(r.Act, out[offs[0]]+bias[offs[1]])
	})
}

// matmulProduct is matmul without the epilogue.
func matmulProduct(r *device.MatMul) error {
	nd := len(r.Out.Shape)
	batch := r.Out.Shape[:nd-2]
	bs := func(o device.Operand) []int { return o.Strides[:nd-2] }
	var err error
	forEach(batch, [][]int{bs(r.A), bs(r.B), bs(r.Out)}, []int{r.A.Offset, r.B.Offset, r.Out.Offset}, func(offs []int) {
		if err != nil {
			return
		}
		a, b, o := r.A, r.B, r.Out
		a.Offset, b.Offset, o.Offset = offs[0], offs[1], offs[2]
		a.Shape, b.Shape, o.Shape = a.Shape[nd-2:], b.Shape[nd-2:], o.Shape[nd-2:]
		a.Strides, b.Strides, o.Strides = a.Strides[nd-2:], b.Strides[nd-2:], o.Strides[nd-2:]
		err = matmul2D(a, b, o)
	})
	return err
}

func matmul2D(a, b, o device.Operand) error {
	switch out := data(o).(type) {
	case []float32:
		gemmFloat(out, data(a).([]float32), data(b).([]float32), a, b, o)
	case []float64:
		gemmFloat(out, data(a).([]float64), data(b).([]float64), a, b, o)
	case []int32:
		gemmInt(out, data(a).([]int32), data(b).([]int32), a, b, o)
	case []int64:
		gemmInt(out, data(a).([]int64), data(b).([]int64), a, b, o)
	case []bool:
		x, y := data(a).([]bool), data(b).([]bool)
		m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
		for i := range m {
			for j := range n {
				v := false
				for p := range k {
					v = v || (x[a.Offset+i*a.Strides[0]+p*a.Strides[1]] && y[b.Offset+p*b.Strides[0]+j*b.Strides[1]])
				}
				out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = v
			}
		}
	default:
		return fmt.Errorf("cpu: matmul into %T", out)
	}
	return nil
}

func gemmFloat[T float32 | float64](out, x, y []T, a, b, o device.Operand) {
	m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
	for i := range m {
		for j := range n {
			s := 0.0
			for p := range k {
				s += float64(x[a.Offset+i*a.Strides[0]+p*a.Strides[1]]) * float64(y[b.Offset+p*b.Strides[0]+j*b.Strides[1]])
			}
			out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = T(s)
		}
	}
}

func gemmInt[T int32 | int64](out, x, y []T, a, b, o device.Operand) {
	m, k, n := o.Shape[0], a.Shape[1], o.Shape[1]
	for i := range m {
		for j := range n {
			var s T
			for p := range k {
				s += x[a.Offset+i*a.Strides[0]+p*a.Strides[1]] * y[b.Offset+p*b.Strides[0]+j*b.Strides[1]]
			}
			out[o.Offset+i*o.Strides[0]+j*o.Strides[1]] = s
		}
	}
}
