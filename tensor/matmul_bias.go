package tensor

import (
	"fmt"
	"slices"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// Activation is the elementwise function MatMulBias applies after the
// bias.
type Activation int

// The activations of MatMulBias.
const (
	// NoActivation leaves a @ b + bias as it is.
	NoActivation Activation = iota
	// ReLU is np.maximum(x, 0): a NaN stays NaN, -0 gives +0.
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

// MatMulBias returns act(a @ b + bias): NumPy's
//
//	y = np.matmul(a, b) + bias
//	y = np.maximum(y, 0)         # act == ReLU
//
// as one operation. bias may be nil (no bias); it broadcasts against the
// product as in np.add, and the dtypes promote. The activation keeps the
// dtype (ReLU of a bool is the bool itself).
//
// Where bias has the product's dtype and broadcasts to its shape, the
// bias and the activation are the product's epilogue (device.MatMul): an
// elementwise plan every device applies to each block of the result as
// it is finished, so that they cost no pass over memory of their own;
// otherwise they run as separate ops. The product is rounded to its dtype
// before the bias is added either way, as in NumPy.
func MatMulBias(a, b, bias *Array, act Activation) *Array {
	p := planMatMul(a, b)
	if bias != nil {
		sameDevice(p.dev, bias)
	}
	if p.fuses(bias, act) {
		return p.run(nil, bias, act)
	}
	y := p.run(nil, nil, NoActivation)
	if bias != nil {
		if dtype.Promote(y.dt, bias.dt) == y.dt && broadcastsTo(bias, y.shape) {
			y.AddInPlace(bias)
		} else {
			y = Add(y, bias)
		}
	}
	if act == ReLU && y.dt != dtype.Bool {
		MaximumInto(y, y, 0)
	}
	return y
}

// MatMulBiasInto writes MatMulBias(a, b, bias, act) into dst, which must
// have the result's shape, and returns dst; the result converts to dst's
// dtype within its kind (as the out= of NumPy's ufuncs). Everything is
// checked before anything is written. When dst has the result's dtype, is
// C-contiguous and shares no memory with a, b or bias, the product and
// its epilogue are written straight into it.
func MatMulBiasInto(dst, a, b, bias *Array, act Activation) *Array {
	p := planMatMul(a, b)
	shape, dt := p.shape, p.dt
	if bias != nil {
		sameDevice(p.dev, bias)
		s, err := broadcast.Shapes(p.shape, bias.shape)
		passTooLarge(err)
		if err != nil {
			raise(ShapeError, "operands could not be broadcast together with shapes %s %s", broadcast.Format(p.shape), broadcast.Format(bias.shape))
		}
		shape, dt = s, dtype.Promote(dt, bias.dt)
	}
	p.checkOut(dst, shape, dt)
	// Checked: now compute.
	if p.fuses(bias, act) {
		return p.run(dst, bias, act)
	}
	assign(dst, MatMulBias(a, b, bias, act))
	return dst
}

// fuses reports whether the epilogue act(· + bias) can run inside the
// product's MatMul request: there is one (ReLU of a bool is the bool
// itself) and bias (if any) has the product's dtype and broadcasts to
// its shape unchanged.
func (p *matmulPlan) fuses(bias *Array, act Activation) bool {
	if bias == nil && (act == NoActivation || p.dt == dtype.Bool) {
		return false
	}
	return bias == nil || bias.dt == p.dt && broadcastsTo(bias, p.shape)
}

// epilogue returns the plan of act(· + bias) over the product's stack
// shape, bias (if any) its buffer 0, and the buffers it names.
func (p *matmulPlan) epilogue(bias *Array, act Activation) (*plan.Kernel, []device.Buffer) {
	b := plan.NewBuilder(p.full, 0)
	v := b.Acc(p.dt)
	var bufs []device.Buffer
	if bias != nil {
		st := p.biasStrides(bias)
		bufs = append(bufs, bias.buffer())
		add, _ := ufunc.Add.Op().Resolve(p.dt, p.dt)
		v = b.Apply(ufunc.Add, add, v, b.Load(0, p.dt, st, bias.offset))
	}
	if act == ReLU && p.dt != dtype.Bool {
		max, _ := ufunc.Maximum.Op().Resolve(p.dt, p.dt)
		v = b.Apply(ufunc.Maximum, max, v, b.Const(dtype.IntScalar(0), p.dt))
	}
	return b.Epilogue(v, p.dt), bufs
}

// broadcastsTo reports whether x broadcasts to shape without growing it.
func broadcastsTo(x *Array, shape []int) bool {
	s, err := broadcast.Shapes(shape, x.shape)
	return err == nil && slices.Equal(s, shape)
}
