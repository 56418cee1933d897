package device

import (
	"fmt"

	"github.com/numgl/numgl/ufunc"
)

// Activation is the elementwise function a MatMul request applies to
// A@B + Bias before it stores Out (its epilogue).
//
// It is a small enum rather than a *ufunc.Op of the op table because the
// activations networks fuse into a matrix product are not all unary ops of
// NumPy's: ReLU is maximum(x, 0), a binary op with a constant. Each value
// is defined below by the op table's functions, which the reference device
// (cpu-loop) calls, so the definition still lives in one place.
type Activation int

// The activations.
const (
	// NoActivation stores A@B + Bias as it is.
	NoActivation Activation = iota
	// ReLU is NumPy's maximum(x, 0) (ufunc.MaximumOf): a NaN stays NaN and
	// -0 gives +0; a bool stays as it is (maximum(x, false) is x).
	ReLU
)

var activationNames = [...]string{"none", "relu"}

// String returns the activation's name: "none", "relu".
func (a Activation) String() string {
	if a < 0 || int(a) >= len(activationNames) {
		return fmt.Sprintf("Activation(%d)", int(a))
	}
	return activationNames[a]
}

// Activate applies the activation act to one value of a numeric dtype:
// the reference definition, which every device's kernels follow.
func Activate[T ufunc.Number](act Activation, x T) T {
	if act == ReLU {
		return ufunc.MaximumOf(x, 0)
	}
	return x
}

// MatMulEpiloguer is implemented by a device that runs the epilogue of a
// MatMul request (its Bias and Act) itself, typically fused into the
// product while each block of Out is still in registers or cache. The
// planner sends a MatMul with Bias or Act set only to such a device, and
// only for an activation it reports; other devices get the bias and the
// activation as separate elementwise requests.
type MatMulEpiloguer interface {
	// MatMulEpilogue reports whether the device runs MatMul requests
	// with a Bias and the activation act, for every dtype.
	MatMulEpilogue(act Activation) bool
}

// HasMatMulEpilogue reports whether d runs MatMul requests with a bias and
// the activation act (see MatMulEpiloguer).
func HasMatMulEpilogue(d Device, act Activation) bool {
	e, ok := d.(MatMulEpiloguer)
	return ok && e.MatMulEpilogue(act)
}
