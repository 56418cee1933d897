package nnforward_test

import (
	"math"
	"testing"

	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/tensor"
)

// BenchmarkMLPForward is the mlp_forward workload of
// ../shared/anchors/numpy_ref.py on each device: a float32 batch of 1024
// rows through 784→512→256→10, ReLU between the layers and a stable
// softmax at the end, weights N(0, 2/in) and zero biases, inputs uniform
// in [0, 1). Each iteration waits for the device to finish (Sync).
// gflop/s counts the GEMMs' 2·batch·Σ in·out operations, as numpy_ref.py
// does.
func BenchmarkMLPForward(b *testing.B) {
	const batch = 1024
	sizes := []int{784, 512, 256, 10}
	flops := 0.0
	for i := 0; i+1 < len(sizes); i++ {
		flops += 2 * batch * float64(sizes[i]*sizes[i+1])
	}
	for _, dev := range devices(b) {
		b.Run(dev.Name(), func(b *testing.B) {
			g := tensor.NewGenerator(0).On(dev)
			f := tensor.On(dev)
			net := &nnforward.Sequential{}
			for i := 0; i+1 < len(sizes); i++ {
				w := g.Normal(tensor.Float32, 0, math.Sqrt(2/float64(sizes[i])), sizes[i], sizes[i+1])
				net.Layers = append(net.Layers, nnforward.NewDense(w, f.Zeros(tensor.Float32, sizes[i+1])))
				if i+2 < len(sizes) {
					net.Layers = append(net.Layers, nnforward.ReLU{})
				}
			}
			net.Layers = append(net.Layers, nnforward.Softmax{Axis: 1})
			x := g.Uniform(tensor.Float32, 0, 1, batch, sizes[0])
			net.Forward(x) // warm up: compile kernels, fill pools
			if err := dev.Sync(); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				net.Forward(x)
				if err := dev.Sync(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "gflop/s")
		})
	}
}
