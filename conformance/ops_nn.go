package conformance

import (
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/tensor"
)

// The network blocks of FORMAT.md: relu, sigmoid and softmax, run through
// package nnforward's layers (out of place: each returns new storage).

func init() {
	Ops["relu"] = nnUnary("relu", nnforward.ReLU{})
	Ops["sigmoid"] = nnUnary("sigmoid", nnforward.Sigmoid{})
	Ops["softmax"] = Op{Run: opSoftmax}
}

// nnUnary is an activation of one array, no kwargs.
func nnUnary(name string, l nnforward.Layer) Op {
	return Op{Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
		a, err := unaryArray(args, kw)
		if err != nil {
			return nil, err
		}
		return oneNew(name, l.Forward(a), args)
	}}
}

// opSoftmax is softmax(a, axis): along one axis, or over every element
// when axis is absent or null (scipy.special.softmax's axis=None).
func opSoftmax(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
	a, err := unaryArray(args, kw, "axis")
	if err != nil {
		return nil, err
	}
	axis, all, err := kw.axis("axis")
	if err != nil {
		return nil, err
	}
	if all {
		r := nnforward.Softmax{Axis: 0}.Forward(a.Reshape(-1)).Reshape(a.Shape()...)
		return oneNew("softmax", r, args)
	}
	return oneNew("softmax", nnforward.Softmax{Axis: axis}.Forward(a), args)
}
