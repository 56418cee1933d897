package main

import (
	"fmt"
	"hash/fnv"
	"math"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// inputs are one family's input arrays on one device, made when first
// asked for: drawn on cpu-loop (the host), copied from there to other
// devices.
type inputs struct {
	dev  device.Device
	fam  family
	dt   dtype.DType
	size int
	host *inputs // nil on cpu-loop
	arr  map[string]*tensor.Array
}

func newInputs(dev device.Device, fam family, dt dtype.DType, size int, host *inputs) *inputs {
	return &inputs{dev: dev, fam: fam, dt: dt, size: size, host: host, arr: map[string]*tensor.Array{}}
}

// get returns the named input.
func (in *inputs) get(name string) *tensor.Array {
	if a, ok := in.arr[name]; ok {
		return a
	}
	var a *tensor.Array
	if in.host != nil {
		a = in.host.get(name).To(in.dev)
	} else {
		a = drawInput(in.dev, in.fam, in.dt, in.size, name)
	}
	in.arr[name] = a
	return a
}

// like returns a new zeroed array on the device shaped as the named input
// (an output allocated before timing).
func (in *inputs) like(name string) *tensor.Array {
	a := in.get(name)
	return tensor.On(in.dev).Zeros(a.DType(), a.Shape()...)
}

// drawInput makes one input: every (family, dtype, size, name) has its own
// reproducible stream, whatever the order inputs are asked for in.
func drawInput(dev device.Device, fam family, dt dtype.DType, size int, name string) *tensor.Array {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%v/%d/%s", fam, dt, size, name)
	g := tensor.NewGenerator(h.Sum64()).On(dev)
	u := func(shape ...int) *tensor.Array { return g.Uniform(dt, 0, 1, shape...) }
	m := isqrt(size)
	switch {
	case fam == famVec && (name == "a" || name == "b" || name == "c"):
		return u(size)
	case fam == famOverhead && (name == "a" || name == "b"):
		return u(size)
	case fam == famNormal && (name == "x" || name == "y" || name == "z"):
		return g.Normal(dt, 0, 1, size)
	case fam == famSoftmax && name == "s2":
		rows, cols := softmaxShape(size)
		return g.Normal(dt, 0, 1, rows, cols)
	case fam == famNormMat && name == "s3":
		return g.Normal(dt, 0, 1, m, m)
	case fam == famMat && name == "x":
		return u(m, m)
	case fam == famMat && name == "row":
		return u(m)
	case fam == famMat && name == "col":
		return u(m, 1)
	case fam == famMatMul && (name == "p" || name == "q"):
		return u(size, size)
	case fam == famSystem && name == "m":
		// Diagonally dominant, so well conditioned: rand + n·I.
		return tensor.Add(u(size, size), tensor.On(dev).Eye(dt, size, size, 0).Multiply(float64(size)))
	case fam == famSystem && name == "v":
		return u(size)
	case fam == famMLP && name == "X":
		return u(size, mlpLayers[0])
	case fam == famMLP && len(name) == 2 && (name[0] == 'W' || name[0] == 'B') && name[1] >= '1' && name[1] <= '3':
		i := int(name[1] - '1')
		fanIn, fanOut := mlpLayers[i], mlpLayers[i+1]
		if name[0] == 'B' {
			return tensor.On(dev).Zeros(dt, fanOut)
		}
		return g.Normal(dt, 0, math.Sqrt(2/float64(fanIn)), fanIn, fanOut)
	}
	panic(fmt.Sprintf("gpubench: no input %q in family %d", name, fam))
}

// mlpLayers are mlp_forward's layer widths, as in numpy_ref.py.
var mlpLayers = []int{784, 512, 256, 10}
