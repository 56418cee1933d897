package nnforward

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// ErrSKLearn is wrapped by the errors of the scikit-learn importer for an
// archive that is not an exported MLPClassifier it can run.
var ErrSKLearn = errors.New("not an importable scikit-learn MLPClassifier")

// MLPClassifier is a scikit-learn MLPClassifier imported for inference:
// its network, and its classes.
//
// The importer reads a .npz with the fitted attributes of the classifier
// under these names (numpy.savez(path, **arrays); see
// testdata/digits_mlp.py for an exporter):
//
//	coefs_0 ... coefs_{L-1}              clf.coefs_[i], (n_in, n_out)
//	intercepts_0 ... intercepts_{L-1}    clf.intercepts_[i], (n_out,)
//	activation                           np.array(clf.activation): 'identity', 'logistic', 'tanh', 'relu'
//	out_activation                       np.array(clf.out_activation_): 'softmax' or 'logistic'
//	classes                              clf.classes_: numbers or strings
//
// (out_activation_ and classes_, with scikit-learn's trailing underscore,
// are accepted too.) Multiclass models ('softmax') and binary ones
// ('logistic' with one output unit) are supported; multilabel models
// ('logistic' with several) are not.
type MLPClassifier struct {
	// Net computes the predicted probabilities: the hidden Dense layers
	// and activations, the output layer, and the output activation
	// (Softmax{Axis: -1}, or Sigmoid for a binary model).
	Net *Sequential
	// Classes are the class labels (clf.classes_) as text.
	Classes []string
	// ClassValues are the labels as an array on the model's device, when
	// they are numbers; nil for string labels.
	ClassValues *tensor.Array
	// Binary is true for a two-class model with one logistic output.
	Binary bool
}

// LoadSKLearnMLP imports an MLPClassifier from the named .npz onto dev
// with its weights converted to dt (float32 or float64; scikit-learn fits
// in float64).
func LoadSKLearnMLP(name string, dev device.Device, dt tensor.DType) (*MLPClassifier, error) {
	z, err := npy.OpenNPZ(name)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	m, err := ReadSKLearnMLP(z, dev, dt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// ReadSKLearnMLP is LoadSKLearnMLP from an open archive.
func ReadSKLearnMLP(z *npy.NPZ, dev device.Device, dt tensor.DType) (*MLPClassifier, error) {
	if dev == nil {
		dev = device.Default()
	}
	if !dt.IsFloat() {
		return nil, fmt.Errorf("nnforward: importing in %v: want float32 or float64", dt)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("nnforward: %w: %s", ErrSKLearn, fmt.Sprintf(format, args...))
	}
	str := func(names ...string) (string, error) {
		for _, n := range names {
			if !z.Has(n) {
				continue
			}
			s, shape, err := z.ReadStrings(n)
			if err != nil {
				return "", err
			}
			if len(shape) != 0 {
				return "", bad("%s has shape %v, want a 0-d string", n, shape)
			}
			return s[0], nil
		}
		return "", bad("no %s entry", names[0])
	}
	act, err := str("activation")
	if err != nil {
		return nil, err
	}
	hidden, ok := map[string]Layer{"identity": Identity{}, "logistic": Sigmoid{}, "tanh": Tanh{}, "relu": ReLU{}}[act]
	if !ok {
		return nil, bad("unknown activation %q", act)
	}
	outAct, err := str("out_activation", "out_activation_")
	if err != nil {
		return nil, err
	}

	m := &MLPClassifier{Net: &Sequential{}}
	prevOut := -1
	for i := 0; ; i++ {
		wname, bname := fmt.Sprintf("coefs_%d", i), fmt.Sprintf("intercepts_%d", i)
		if !z.Has(wname) {
			if i == 0 {
				return nil, bad("no coefs_0 entry")
			}
			if z.Has(bname) {
				return nil, bad("%s without %s", bname, wname)
			}
			break
		}
		w, err := z.Read(wname, dev)
		if err != nil {
			return nil, err
		}
		b, err := z.Read(bname, dev)
		if err != nil {
			return nil, err
		}
		if w.NDim() != 2 || b.NDim() != 1 || b.Shape()[0] != w.Shape()[1] {
			return nil, bad("%s of shape %v and %s of shape %v do not make a layer", wname, w.Shape(), bname, b.Shape())
		}
		if prevOut >= 0 && w.Shape()[0] != prevOut {
			return nil, bad("%s has %d inputs, the layer before has %d outputs", wname, w.Shape()[0], prevOut)
		}
		if !w.DType().IsFloat() || !b.DType().IsFloat() {
			return nil, bad("%s is %v and %s is %v, want floats", wname, w.DType(), bname, b.DType())
		}
		prevOut = w.Shape()[1]
		if i > 0 {
			m.Net.Layers = append(m.Net.Layers, hidden)
		}
		m.Net.Layers = append(m.Net.Layers, &Dense{Weight: w.AsType(dt), Bias: b.AsType(dt)})
	}

	cname := "classes"
	if !z.Has(cname) {
		cname = "classes_"
	}
	if !z.Has(cname) {
		return nil, bad("no classes entry")
	}
	h, err := z.Header(cname)
	if err != nil {
		return nil, err
	}
	if h.DType.Valid() {
		c, err := z.Read(cname, dev)
		if err != nil {
			return nil, err
		}
		if c.NDim() != 1 {
			return nil, bad("classes has shape %v, want 1-d (multilabel models are not supported)", c.Shape())
		}
		m.ClassValues = c
		vals := reflect.ValueOf(c.Data())
		for i := range vals.Len() {
			m.Classes = append(m.Classes, fmt.Sprint(vals.Index(i).Interface()))
		}
	} else {
		s, shape, err := z.ReadStrings(cname)
		if err != nil {
			return nil, err
		}
		if len(shape) != 1 {
			return nil, bad("classes has shape %v, want 1-d", shape)
		}
		m.Classes = s
	}

	switch {
	case outAct == "softmax" && prevOut == len(m.Classes) && prevOut > 1:
		m.Net.Layers = append(m.Net.Layers, Softmax{Axis: -1})
	case outAct == "logistic" && prevOut == 1 && len(m.Classes) == 2:
		m.Net.Layers = append(m.Net.Layers, Sigmoid{})
		m.Binary = true
	case outAct == "logistic" && prevOut > 1:
		return nil, bad("a multilabel model (%d logistic outputs) is not supported", prevOut)
	default:
		return nil, bad("out_activation %q with %d outputs and %d classes", outAct, prevOut, len(m.Classes))
	}
	return m, nil
}

// PredictProba returns the probability of each class for each row of x,
// of shape (n, len(Classes)) (scikit-learn's predict_proba). For a binary
// model the columns are 1-p and p, as scikit-learn gives them.
func (m *MLPClassifier) PredictProba(x *tensor.Array) *tensor.Array {
	p := m.Net.Forward(x)
	if !m.Binary {
		return p
	}
	return tensor.Concatenate([]*tensor.Array{tensor.Subtract(1, p), p}, 1)
}

// PredictIndex returns the index into Classes of the predicted class of
// each row of x, as int64 of shape (n,): the first most probable class
// (a binary model predicts class 1 when p > 0.5), as scikit-learn decides.
func (m *MLPClassifier) PredictIndex(x *tensor.Array) *tensor.Array {
	p := m.Net.Forward(x)
	if m.Binary {
		return tensor.Greater(p, 0.5).AsType(tensor.Int64).Reshape(-1)
	}
	return tensor.ArgMax(p, tensor.Axis(-1))
}

// Predict returns the predicted class label of each row of x, from
// ClassValues (scikit-learn's predict). It panics with a ValueError for a
// model whose labels are strings: use PredictLabels.
func (m *MLPClassifier) Predict(x *tensor.Array) *tensor.Array {
	idx := m.PredictIndex(x)
	if m.ClassValues == nil {
		panic(&tensor.Error{Kind: tensor.ValueError, Msg: "nnforward: the classes are strings: use PredictLabels"})
	}
	return m.ClassValues.Get(idx)
}

// PredictLabels returns the predicted class label of each row of x as
// text.
func (m *MLPClassifier) PredictLabels(x *tensor.Array) []string {
	idx := tensor.ToSlice[int64](m.PredictIndex(x))
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = m.Classes[k]
	}
	return out
}
