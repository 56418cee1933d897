// Package nnforward runs the forward pass of neural networks on numgl
// arrays, on any device: the arrays' own. It is written on package
// tensor's public API (MatMulBias, ufuncs, reductions) and adds no kernels.
//
//	net := nnforward.NewSequential(
//		nnforward.NewDense(w0, b0), nnforward.ReLU{},
//		nnforward.NewDense(w1, b1), nnforward.Softmax{Axis: -1},
//	)
//	probs := net.Forward(x) // x: (batch, in) on the weights' device
//
// # Layers
//
// Dense (x @ W + b, W of shape (in, out)), the activations Identity, ReLU,
// Sigmoid, Tanh and GELU (its tanh approximation), and Softmax and
// LogSoftmax along an axis, computed stably (the maximum along the axis
// is subtracted first). Sequential chains them. Every layer takes a batch:
// the leading axes are carried through.
//
// # Allocation and fusion
//
// A Dense layer is one tensor.MatMulBias. The bias is the matrix
// product's epilogue (device.MatMul), added inside the GEMM on every
// device (cpu-simd: to each block of the result while it is in
// registers; the GPU: as each output is stored), and Sequential folds a
// ReLU that follows a Dense into the same product.
// Other activations and the softmaxes run in place on the array the layer
// before them made. Sequential keeps its hidden layers' arrays between
// calls and writes the next call's into them, so that a forward pass
// allocates only its result (plus small row reductions for a softmax).
//
// # Models on disk
//
// Save and Load keep a Sequential as a .npz archive with one entry per
// array, named "layer0.dense.weight", "layer0.dense.bias", "layer1.relu",
// ... (see WriteNPZ): NumPy reads it with np.load. LoadSKLearnMLP imports
// a scikit-learn MLPClassifier exported as .npz (its coefs_, intercepts_,
// activation, out_activation_ and classes_) and predicts as scikit-learn
// does; testdata/digits_mlp.py trains one on the digits dataset, and the
// tests require numgl's predictions to be scikit-learn's on every device.
//
// # Devices
//
// A forward pass runs where its input and weights live; they must be on one
// device (tensor panics otherwise). Sequential.To moves a model.
//
// # Errors
//
// Shapes that do not fit (an input whose last axis is not the layer's
// width, an axis out of range) panic with a *tensor.Error, as tensor's
// operations do. Load, ReadModel and the scikit-learn importer return
// errors for files that are not what they expect.
package nnforward
