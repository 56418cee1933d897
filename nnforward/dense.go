package nnforward

import (
	"fmt"

	"github.com/numgl/numgl/internal/numerr"
	"github.com/numgl/numgl/tensor"
)

// Dense is a fully connected layer: y = x @ Weight + Bias (PyTorch's
// nn.Linear with its weight transposed; scikit-learn's coefs_[i] and
// intercepts_[i] as they are).
//
// Weight has shape (in, out) and Bias shape (out,), or Bias is nil for no
// bias. x has shape (..., in) — a batch of rows, or more leading axes —
// and y has shape (..., out). The dtypes promote as in tensor.MatMul.
//
// The bias is added in place into the GEMM's result, and Sequential then
// applies the next activation in place too: one allocation per layer.
// (Fusing both into the GEMM kernel's epilogue is future work for the
// devices.)
type Dense struct {
	Weight *tensor.Array
	Bias   *tensor.Array
}

// NewDense returns a Dense layer of the given weight (in, out) and bias
// (out,) or nil. It panics with a *tensor.Error when their shapes do not
// match or they live on two devices.
func NewDense(weight, bias *tensor.Array) *Dense {
	d := &Dense{Weight: weight, Bias: bias}
	d.check()
	return d
}

// In and Out return the layer's input and output widths.
func (d *Dense) In() int  { return d.Weight.Shape()[0] }
func (d *Dense) Out() int { return d.Weight.Shape()[1] }

func (d *Dense) check() {
	if d.Weight == nil || d.Weight.NDim() != 2 {
		panic(numerr.New(numerr.Shape, "dense: weight must be 2-d (in, out)%s", shapeOf(d.Weight)))
	}
	if d.Bias == nil {
		return
	}
	if d.Bias.NDim() != 1 || d.Bias.Shape()[0] != d.Weight.Shape()[1] {
		panic(numerr.New(numerr.Shape, "dense: bias of shape %v does not match weight of shape %v", d.Bias.Shape(), d.Weight.Shape()))
	}
	if d.Bias.Device() != d.Weight.Device() {
		panic(numerr.New(numerr.Value, "dense: weight on %s and bias on %s", d.Weight.Device().Name(), d.Bias.Device().Name()))
	}
}

func shapeOf(a *tensor.Array) string {
	if a == nil {
		return ", got nil"
	}
	return fmt.Sprintf(", got shape %v", a.Shape())
}

// Forward returns x @ Weight + Bias in new storage.
func (d *Dense) Forward(x *tensor.Array) *tensor.Array {
	d.check()
	y := tensor.MatMul(x, d.Weight)
	if d.Bias != nil {
		y.AddInPlace(d.Bias)
	}
	return y
}

// ForwardInto writes x @ Weight + Bias into dst, which must have the
// result's shape, and returns dst: no allocation (np.matmul(x, w, out=dst);
// dst += b).
func (d *Dense) ForwardInto(dst, x *tensor.Array) *tensor.Array {
	d.check()
	tensor.MatMulInto(dst, x, d.Weight)
	if d.Bias != nil {
		dst.AddInPlace(d.Bias)
	}
	return dst
}
