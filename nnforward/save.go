package nnforward

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// A Sequential is saved as a .npz archive (numpy.savez) with one entry per
// array, named after the layer's position and kind:
//
//	nnforward.version      int64 ()       1, the version of this layout
//	layer0.dense.weight    (in, out)      Dense.Weight
//	layer0.dense.bias      (out,)         Dense.Bias (absent: no bias)
//	layer1.relu            int64 ()       a marker: ReLU (its value is ignored)
//	layer2.dense.weight    ...
//	layer3.softmax.axis    int64 ()       Softmax{Axis}
//
// The kinds are dense, identity, relu, sigmoid, tanh, gelu (markers) and
// softmax, logsoftmax (an axis). Layers are numbered from 0 without gaps.
// Arrays keep their dtype. In NumPy the model reads as
//
//	z = np.load("model.npz"); w0 = z["layer0.dense.weight"]
//
// and a model written by NumPy in this layout loads in numgl.

// modelVersion is the value of nnforward.version this package writes and
// reads.
const modelVersion = 1

// ErrModel is wrapped by the errors of Load and ReadModel for an archive
// that is not a model in the layout above.
var ErrModel = errors.New("not an nnforward model")

// kindOf returns the name of a layer's kind in the saved layout.
func kindOf(l Layer) (string, bool) {
	switch l := l.(type) {
	case *Dense:
		return "dense", l != nil
	case Identity, *Identity:
		return "identity", true
	case ReLU, *ReLU:
		return "relu", true
	case Sigmoid, *Sigmoid:
		return "sigmoid", true
	case Tanh, *Tanh:
		return "tanh", true
	case GELU, *GELU:
		return "gelu", true
	case Softmax, *Softmax:
		return "softmax", true
	case LogSoftmax, *LogSoftmax:
		return "logsoftmax", true
	}
	return "", false
}

// WriteNPZ writes the model to w as a .npz archive in the layout above,
// its entries deflated when compress is true.
func (s *Sequential) WriteNPZ(w io.Writer, compress bool) error {
	cpu := device.MustGet("cpu-loop")
	zw := npy.NewNPZWriter(w, compress)
	marker := func(v int64) *tensor.Array { return tensor.On(cpu).FromHost([]int64{v}, []int{}...) }
	if err := zw.Write("nnforward.version", marker(modelVersion)); err != nil {
		return err
	}
	for i, l := range s.Layers {
		kind, ok := kindOf(l)
		if !ok {
			return fmt.Errorf("nnforward: layer %d (%T) has no saved form", i, l)
		}
		p := fmt.Sprintf("layer%d.%s", i, kind)
		var err error
		switch l := l.(type) {
		case *Dense:
			err = zw.Write(p+".weight", l.Weight)
			if err == nil && l.Bias != nil {
				err = zw.Write(p+".bias", l.Bias)
			}
		case Softmax:
			err = zw.Write(p+".axis", marker(int64(l.Axis)))
		case *Softmax:
			err = zw.Write(p+".axis", marker(int64(l.Axis)))
		case LogSoftmax:
			err = zw.Write(p+".axis", marker(int64(l.Axis)))
		case *LogSoftmax:
			err = zw.Write(p+".axis", marker(int64(l.Axis)))
		default:
			err = zw.Write(p, marker(0))
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// Save writes the model to the named file (see WriteNPZ; stored, as
// numpy.savez writes).
func (s *Sequential) Save(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	err = s.WriteNPZ(f, false)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Load reads a model saved by Save from the named file onto dev.
func Load(name string, dev device.Device) (*Sequential, error) {
	z, err := npy.OpenNPZ(name)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	s, err := ReadModel(z, dev)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

var entryRE = regexp.MustCompile(`^layer(0|[1-9][0-9]{0,5})\.([a-z]+)(?:\.([a-z]+))?$`)

// ReadModel reads a model in the layout above from an open archive onto
// dev. Entries it does not know, gaps in the numbering and missing arrays
// are errors wrapping ErrModel; a bad array is npy's error.
func ReadModel(z *npy.NPZ, dev device.Device) (*Sequential, error) {
	if dev == nil {
		dev = device.Default()
	}
	type layerEntries struct {
		kind   string
		fields map[string]string // field ("" for a marker) → entry name
	}
	layers := map[int]*layerEntries{}
	sawVersion := false
	for _, name := range z.Names() {
		if name == "nnforward.version" {
			v, err := readInt(z, name)
			if err != nil {
				return nil, err
			}
			if v != modelVersion {
				return nil, fmt.Errorf("nnforward: %w: %s is %d; this numgl reads version %d", ErrModel, name, v, modelVersion)
			}
			sawVersion = true
			continue
		}
		m := entryRE.FindStringSubmatch(name)
		if m == nil {
			return nil, fmt.Errorf("nnforward: %w: unexpected entry %q", ErrModel, name)
		}
		i, _ := strconv.Atoi(m[1])
		le := layers[i]
		if le == nil {
			le = &layerEntries{kind: m[2], fields: map[string]string{}}
			layers[i] = le
		}
		if le.kind != m[2] {
			return nil, fmt.Errorf("nnforward: %w: layer %d is both %s and %s", ErrModel, i, le.kind, m[2])
		}
		le.fields[m[3]] = name
	}
	if !sawVersion {
		return nil, fmt.Errorf("nnforward: %w: no nnforward.version entry", ErrModel)
	}
	idx := make([]int, 0, len(layers))
	for i := range layers {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	s := &Sequential{}
	for n, i := range idx {
		if n != i {
			return nil, fmt.Errorf("nnforward: %w: layer %d is missing", ErrModel, n)
		}
		le := layers[i]
		want := map[string][]string{
			"dense": {"weight", "bias"}, "softmax": {"axis"}, "logsoftmax": {"axis"},
			"identity": {""}, "relu": {""}, "sigmoid": {""}, "tanh": {""}, "gelu": {""},
		}[le.kind]
		if want == nil {
			return nil, fmt.Errorf("nnforward: %w: layer %d has unknown kind %q", ErrModel, i, le.kind)
		}
		for f, name := range le.fields {
			known := false
			for _, w := range want {
				known = known || f == w
			}
			if !known {
				return nil, fmt.Errorf("nnforward: %w: unexpected entry %q", ErrModel, name)
			}
		}
		var l Layer
		switch le.kind {
		case "dense":
			wname, ok := le.fields["weight"]
			if !ok {
				return nil, fmt.Errorf("nnforward: %w: layer %d (dense) has no weight", ErrModel, i)
			}
			w, err := z.Read(wname, dev)
			if err != nil {
				return nil, err
			}
			var b *tensor.Array
			if bname, ok := le.fields["bias"]; ok {
				if b, err = z.Read(bname, dev); err != nil {
					return nil, err
				}
			}
			d := &Dense{Weight: w, Bias: b}
			if err := catch(d.check); err != nil {
				return nil, fmt.Errorf("nnforward: %w: layer %d: %v", ErrModel, i, err)
			}
			l = d
		case "softmax", "logsoftmax":
			axis, err := readInt(z, le.fields["axis"])
			if err != nil {
				return nil, err
			}
			if le.kind == "softmax" {
				l = Softmax{Axis: int(axis)}
			} else {
				l = LogSoftmax{Axis: int(axis)}
			}
		case "identity":
			l = Identity{}
		case "relu":
			l = ReLU{}
		case "sigmoid":
			l = Sigmoid{}
		case "tanh":
			l = Tanh{}
		case "gelu":
			l = GELU{}
		}
		s.Layers = append(s.Layers, l)
	}
	return s, nil
}

// readInt reads a 0-d integer entry.
func readInt(z *npy.NPZ, name string) (int64, error) {
	a, err := z.Read(name, device.MustGet("cpu-loop"))
	if err != nil {
		return 0, err
	}
	if a.NDim() != 0 || !a.DType().IsInt() {
		return 0, fmt.Errorf("nnforward: %w: %s is %v of shape %v, want a 0-d integer", ErrModel, name, a.DType(), a.Shape())
	}
	return tensor.ToSlice[int64](a)[0], nil
}

// catch runs f and returns the error it panics with, if any.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				e = fmt.Errorf("%v", r)
			}
			err = e
		}
	}()
	f()
	return nil
}

// AsType returns a copy of the model whose Dense weights and biases are
// converted to dt (float32 for speed, float64 for accuracy); other layers
// are shared.
func (s *Sequential) AsType(dt tensor.DType) *Sequential {
	return s.mapDense(func(a *tensor.Array) *tensor.Array { return a.AsType(dt) })
}

// To returns a copy of the model with its arrays on dev.
func (s *Sequential) To(dev device.Device) *Sequential {
	return s.mapDense(func(a *tensor.Array) *tensor.Array { return a.To(dev) })
}

func (s *Sequential) mapDense(f func(*tensor.Array) *tensor.Array) *Sequential {
	out := &Sequential{Layers: make([]Layer, len(s.Layers))}
	for i, l := range s.Layers {
		if d, ok := l.(*Dense); ok && d != nil {
			nd := &Dense{Weight: f(d.Weight)}
			if d.Bias != nil {
				nd.Bias = f(d.Bias)
			}
			l = nd
		}
		out.Layers[i] = l
	}
	return out
}
