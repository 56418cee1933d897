package nnforward_test

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// A two-layer network, built by hand, run on a batch of two rows.
func Example() {
	f := tensor.On(device.MustGet("cpu-loop"))
	net := nnforward.NewSequential(
		nnforward.NewDense(
			f.FromHost([]float32{1, -1, 0.5, 2, 0, -1}, 2, 3), // weight (in=2, out=3)
			f.FromHost([]float32{0, 0.5, -0.5}),               // bias (3,)
		),
		nnforward.ReLU{},
		nnforward.NewDense(f.FromHost([]float32{1, 0, 0, 1, 1, 1}, 3, 2), nil),
		nnforward.Softmax{Axis: -1},
	)
	x := f.FromHost([]float32{1, 2, -1, 0.5}, 2, 2)
	fmt.Printf("%.4f\n", net.Forward(x).Data())
	// Output:
	// [0.9933 0.0067 0.1824 0.8176]
}

// A scikit-learn MLPClassifier trained on the digits dataset
// (testdata/digits_mlp.py), imported and run in float32 on a device.
func ExampleLoadSKLearnMLP() {
	dev := device.MustGet("cpu-simd")
	clf, err := nnforward.LoadSKLearnMLP("testdata/digits_mlp_relu.npz", dev, tensor.Float32)
	if err != nil {
		panic(err)
	}
	z, err := npy.OpenNPZ("testdata/digits_test.npz")
	if err != nil {
		panic(err)
	}
	defer z.Close()
	x, _ := z.Read("X_test", dev)
	y, _ := z.Read("y_test", dev)

	pred := clf.Predict(x)
	correct := tensor.Sum(tensor.Equal(pred, y)).Item().(int64)
	fmt.Printf("%d layers, classes %v\n", len(clf.Net.Layers), clf.Classes)
	fmt.Printf("accuracy %.4f (%d of %d)\n", float64(correct)/float64(y.Size()), correct, y.Size())
	// Output:
	// 6 layers, classes [0 1 2 3 4 5 6 7 8 9]
	// accuracy 0.9756 (439 of 450)
}
