package nnforward

import (
	"fmt"
	"slices"

	"github.com/numgl/numgl/dtype"

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
// The layer is one tensor.MatMulBias: the bias is the matrix product's
// epilogue (device.MatMul), added inside the GEMM to each block of y as
// it is finished, on every device, and Sequential fuses a ReLU that
// follows the layer there too: one allocation per layer.
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
	return tensor.MatMulBias(x, d.Weight, d.Bias, tensor.NoActivation)
}

// ForwardInto writes x @ Weight + Bias into dst, which must have the
// result's shape, and returns dst: no allocation when dst has the result's
// dtype (np.add(np.matmul(x, w), b, out=dst)).
func (d *Dense) ForwardInto(dst, x *tensor.Array) *tensor.Array {
	d.check()
	return tensor.MatMulBiasInto(dst, x, d.Weight, d.Bias, tensor.NoActivation)
}

// forward returns act(x @ Weight + Bias), into dst when it is not nil.
func (d *Dense) forward(dst, x *tensor.Array, act tensor.Activation) *tensor.Array {
	d.check()
	if dst != nil {
		return tensor.MatMulBiasInto(dst, x, d.Weight, d.Bias, act)
	}
	return tensor.MatMulBias(x, d.Weight, d.Bias, act)
}

// outLayout returns the dtype and shape of Forward(x), and false when x
// does not fit the layer (Forward then raises the error).
func (d *Dense) outLayout(x *tensor.Array) (tensor.DType, []int, bool) {
	if x.NDim() == 0 || x.Shape()[x.NDim()-1] != d.In() {
		return 0, nil, false
	}
	dt := dtype.Promote(x.DType(), d.Weight.DType())
	if d.Bias != nil {
		dt = dtype.Promote(dt, d.Bias.DType())
	}
	shape := append(slices.Clone(x.Shape()[:x.NDim()-1]), d.Out())
	return dt, shape, true
}
