package nnforward

import (
	"slices"
	"sync"

	"github.com/numgl/numgl/device"
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
//
// A Dense layer followed by ReLU runs as one fused tensor.MatMulBias: the
// bias and ReLU are the matrix product's epilogue. Sequential keeps the arrays of its
// hidden layers' outputs after a call and writes the next call's into
// them, so that a forward pass allocates (and the OS maps) only its
// result: it holds at most maxScratch arrays, as large as the hidden
// layers' outputs. Use a Sequential from one goroutine at a time or many:
// each call takes arrays of its own.
type Sequential struct {
	Layers []Layer

	scratch scratch
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
	// own is h when this call made it (a Dense's output, then changed in
	// place by this package's layers only): nobody else holds it, so
	// once a Dense has read it, it goes back to the scratch arrays.
	var own *tensor.Array
	for i := 0; i < len(s.Layers); i++ {
		l := s.Layers[i]
		if d, ok := l.(*Dense); ok {
			act := tensor.NoActivation
			if i+1 < len(s.Layers) && isReLU(s.Layers[i+1]) {
				act = tensor.ReLU
				i++
			}
			var dst *tensor.Array
			if dt, shape, ok := d.outLayout(h); ok {
				dst = s.scratch.get(h.Device(), dt, shape)
			}
			y := d.forward(dst, h, act)
			if own != nil && own == h {
				s.scratch.put(own)
			}
			h, own = y, y
			continue
		}
		ip, ok := l.(InPlaceLayer)
		if ok && h != x && !h.SharesMemory(x) {
			y := ip.ForwardInPlace(h)
			if y != h || !keepsOwnership(l) {
				own = nil
			}
			h = y
		} else {
			h, own = l.Forward(h), nil
		}
	}
	return h
}

// isReLU reports whether l is this package's ReLU.
func isReLU(l Layer) bool {
	switch l.(type) {
	case ReLU, *ReLU:
		return true
	}
	return false
}

// keepsOwnership reports whether l is one of this package's in-place
// layers, which keep no reference to the array they change.
func keepsOwnership(l Layer) bool {
	switch l.(type) {
	case Identity, *Identity, ReLU, *ReLU, Sigmoid, *Sigmoid, Tanh, *Tanh, GELU, *GELU,
		Softmax, *Softmax, LogSoftmax, *LogSoftmax:
		return true
	}
	return false
}

// maxScratch bounds the arrays a Sequential keeps between calls.
const maxScratch = 8

// scratch holds arrays a Sequential made and no longer uses, for its next
// calls to write into.
type scratch struct {
	mu   sync.Mutex
	free []*tensor.Array
}

// get removes and returns a free array of the device, dtype and shape, or
// returns nil.
func (s *scratch) get(dev device.Device, dt tensor.DType, shape []int) *tensor.Array {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, a := range s.free {
		if a.Device() == dev && a.DType() == dt && slices.Equal(a.Shape(), shape) {
			s.free = slices.Delete(s.free, i, i+1)
			return a
		}
	}
	return nil
}

// put adds a to the free arrays (dropping the oldest beyond maxScratch).
func (s *scratch) put(a *tensor.Array) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.free) == maxScratch {
		s.free = slices.Delete(s.free, 0, 1)
	}
	s.free = append(s.free, a)
}
