package nnforward

import (
	"github.com/numgl/numgl/tensor"
)

// Layer is one step of a network's forward pass.
//
// Forward returns the layer's output for a batch x on x's device. It never
// writes x, and it returns new storage or x itself (Identity), never a
// view of anything else, so that Sequential may overwrite it. Shapes and
// dtypes that do not fit panic with a *tensor.Error, as tensor's
// operations do.
type Layer interface {
	Forward(x *tensor.Array) *tensor.Array
}

// InPlaceLayer is a Layer that can also overwrite its input with its
// output: the elementwise activations and the softmaxes. Sequential runs
// them in place on the output of the layer before (a Dense's GEMM result),
// so that a network allocates one array per Dense layer.
//
// ForwardInPlace writes Forward(x) into x and returns x when x is a
// writable float array; otherwise it returns Forward(x).
type InPlaceLayer interface {
	Layer
	ForwardInPlace(x *tensor.Array) *tensor.Array
}

// inPlaceOK reports whether x can hold a float activation of itself.
func inPlaceOK(x *tensor.Array) bool {
	return x.DType().IsFloat() && !x.ReadOnly()
}

// floatOf returns x when it is a float array, else x converted to
// float64, as NumPy's float ufuncs (exp, tanh) convert integers.
func floatOf(x *tensor.Array) *tensor.Array {
	if x.DType().IsFloat() {
		return x
	}
	return x.AsType(tensor.Float64)
}

// Sequential runs layers one after the other (PyTorch's nn.Sequential,
// Keras's Sequential).
type Sequential struct {
	Layers []Layer
}

// NewSequential returns a Sequential of the given layers.
func NewSequential(layers ...Layer) *Sequential {
	return &Sequential{Layers: layers}
}

// Forward runs every layer on the batch x and returns the last one's
// output, on x's device. x is not written: an InPlaceLayer runs in place
// only on an array an earlier layer of this call made.
func (s *Sequential) Forward(x *tensor.Array) *tensor.Array {
	h := x
	for _, l := range s.Layers {
		ip, ok := l.(InPlaceLayer)
		if ok && h != x && !h.SharesMemory(x) {
			h = ip.ForwardInPlace(h)
		} else {
			h = l.Forward(h)
		}
	}
	return h
}
