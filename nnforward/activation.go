package nnforward

import (
	"math"

	"github.com/numgl/numgl/tensor"
)

// The activations are elementwise and keep the input's float dtype;
// integer and bool inputs are converted to float64 first, as NumPy's
// float ufuncs convert them (ReLU keeps integers: max(x, 0) is exact).
// Each is a few tensor ufunc passes, so each runs on any device; in place
// they allocate nothing.

// Identity passes its input through: scikit-learn's activation='identity'.
type Identity struct{}

// Forward returns x itself.
func (Identity) Forward(x *tensor.Array) *tensor.Array { return x }

// ForwardInPlace returns x itself.
func (Identity) ForwardInPlace(x *tensor.Array) *tensor.Array { return x }

// ReLU is max(x, 0), elementwise; NaN stays NaN (NumPy's maximum(x, 0),
// scikit-learn's 'relu').
type ReLU struct{}

// Forward returns max(x, 0) in new storage.
func (ReLU) Forward(x *tensor.Array) *tensor.Array { return tensor.Maximum(x, 0) }

// ForwardInPlace sets x to max(x, 0).
func (r ReLU) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if x.ReadOnly() {
		return r.Forward(x)
	}
	return tensor.MaximumInto(x, x, 0)
}

// Sigmoid is the logistic function 1 / (1 + exp(-x)), elementwise
// (scipy.special.expit, scikit-learn's 'logistic'). It saturates to
// exactly 0 and 1 where exp overflows, without warnings or NaN.
type Sigmoid struct{}

// Forward returns 1 / (1 + exp(-x)) in new storage.
func (s Sigmoid) Forward(x *tensor.Array) *tensor.Array {
	return sigmoidInPlace(tensor.Negative(floatOf(x)))
}

// ForwardInPlace sets x to 1 / (1 + exp(-x)).
func (s Sigmoid) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if !inPlaceOK(x) {
		return s.Forward(x)
	}
	return sigmoidInPlace(tensor.NegativeInto(x, x))
}

// sigmoidInPlace turns y = -x into 1 / (1 + exp(-x)).
func sigmoidInPlace(y *tensor.Array) *tensor.Array {
	tensor.ExpInto(y, y)
	y.AddInPlace(1)
	return tensor.ReciprocalInto(y, y)
}

// Tanh is the hyperbolic tangent, elementwise (NumPy's tanh,
// scikit-learn's 'tanh').
type Tanh struct{}

// Forward returns tanh(x) in new storage.
func (Tanh) Forward(x *tensor.Array) *tensor.Array { return tensor.Tanh(x) }

// ForwardInPlace sets x to tanh(x).
func (t Tanh) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if !inPlaceOK(x) {
		return t.Forward(x)
	}
	return tensor.TanhInto(x, x)
}

// GELU is the Gaussian error linear unit in its tanh approximation
// (Hendrycks & Gimpel 2016; PyTorch's GELU(approximate='tanh'), the one
// GPT-2 and BERT use):
//
//	gelu(x) = 0.5 x (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))
//
// It differs from the exact x Φ(x) by less than 5e-4 everywhere (numgl has
// no erf ufunc yet).
type GELU struct{}

// geluC is sqrt(2/π).
var geluC = math.Sqrt(2 / math.Pi)

// geluInner returns 1 + tanh(sqrt(2/π) (x + 0.044715 x³)) in new storage.
func geluInner(x *tensor.Array) *tensor.Array {
	t := tensor.Multiply(x, x)          // x²
	t.MultiplyInPlace(geluC * 0.044715) // c·0.044715·x²
	t.AddInPlace(geluC)                 // c·(1 + 0.044715·x²)
	t.MultiplyInPlace(x)                // c·(x + 0.044715·x³)
	tensor.TanhInto(t, t)
	return t.AddInPlace(1)
}

// Forward returns gelu(x) in new storage.
func (GELU) Forward(x *tensor.Array) *tensor.Array {
	x = floatOf(x)
	t := geluInner(x)
	t.MultiplyInPlace(x)
	return t.MultiplyInPlace(0.5)
}

// ForwardInPlace sets x to gelu(x) (with one temporary of x's size).
func (g GELU) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if !inPlaceOK(x) {
		return g.Forward(x)
	}
	t := geluInner(x)
	x.MultiplyInPlace(t)
	return x.MultiplyInPlace(0.5)
}

// Softmax is exp(x) / sum(exp(x)) along Axis (scipy.special.softmax with
// an axis; PyTorch's Softmax(dim)). Axis counts as NumPy's axes do: -1 is
// the last axis, and the zero value of Softmax normalises along axis 0,
// so give the axis you mean. It is computed stably: the maximum along
// the axis is subtracted first, so large inputs do not overflow
// (softmax([1000, 1001, 1002]) is [0.090, 0.245, 0.665]).
type Softmax struct {
	Axis int
}

// Forward returns the softmax of x along s.Axis in new storage. An axis
// out of range panics with an AxisError.
func (s Softmax) Forward(x *tensor.Array) *tensor.Array {
	x = floatOf(x)
	return s.inPlace(tensor.Subtract(x, tensor.Max(x, tensor.Axis(s.Axis), tensor.KeepDims)))
}

// ForwardInPlace sets x to its softmax along s.Axis.
func (s Softmax) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if !inPlaceOK(x) {
		return s.Forward(x)
	}
	x.SubtractInPlace(tensor.Max(x, tensor.Axis(s.Axis), tensor.KeepDims))
	return s.inPlace(x)
}

// inPlace turns y = x - max(x) into exp(y) / sum(exp(y)).
func (s Softmax) inPlace(y *tensor.Array) *tensor.Array {
	tensor.ExpInto(y, y)
	return y.DivideInPlace(tensor.Sum(y, tensor.Axis(s.Axis), tensor.KeepDims))
}

// LogSoftmax is log(softmax(x)) along Axis, computed stably as
// (x - max) - log(sum(exp(x - max))) (scipy.special.log_softmax;
// PyTorch's LogSoftmax(dim)). Axis counts as in Softmax.
type LogSoftmax struct {
	Axis int
}

// Forward returns the log-softmax of x along s.Axis in new storage.
func (s LogSoftmax) Forward(x *tensor.Array) *tensor.Array {
	x = floatOf(x)
	return s.inPlace(tensor.Subtract(x, tensor.Max(x, tensor.Axis(s.Axis), tensor.KeepDims)))
}

// ForwardInPlace sets x to its log-softmax along s.Axis.
func (s LogSoftmax) ForwardInPlace(x *tensor.Array) *tensor.Array {
	if !inPlaceOK(x) {
		return s.Forward(x)
	}
	x.SubtractInPlace(tensor.Max(x, tensor.Axis(s.Axis), tensor.KeepDims))
	return s.inPlace(x)
}

// inPlace turns y = x - max(x) into y - log(sum(exp(y))).
func (s LogSoftmax) inPlace(y *tensor.Array) *tensor.Array {
	lse := tensor.Sum(tensor.Exp(y), tensor.Axis(s.Axis), tensor.KeepDims)
	tensor.LogInto(lse, lse)
	return y.SubtractInPlace(lse)
}
