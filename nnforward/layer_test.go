package nnforward_test

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/numgl/numgl/nnforward"
	"github.com/numgl/numgl/tensor"
)

// keeper is a layer of a user's: it keeps every input it is given (as a
// layer that records activations would), so Sequential must not reuse
// their storage. It may be called from several goroutines at once.
type keeper struct {
	mu   sync.Mutex
	seen []*tensor.Array
}

func (k *keeper) keep(x *tensor.Array) {
	k.mu.Lock()
	k.seen = append(k.seen, x)
	k.mu.Unlock()
}

func (k *keeper) Forward(x *tensor.Array) *tensor.Array {
	k.keep(x)
	return tensor.Multiply(x, 1)
}

func (k *keeper) ForwardInPlace(x *tensor.Array) *tensor.Array {
	k.keep(x)
	return x
}

// layerByLayer is Forward the plain way: every layer out of place.
func layerByLayer(s *nnforward.Sequential, x *tensor.Array) []float64 {
	for _, l := range s.Layers {
		x = l.Forward(x)
	}
	return tensor.ToSlice[float64](x)
}

// TestSequentialReuse calls networks of Dense layers (followed by ReLU,
// fused where the device runs the epilogue, or by other layers, or by a
// Dense) many times, one after another and from several goroutines:
// each result must be its own input's, untouched by the calls after it
// that reuse the hidden layers' storage, and the arrays a user's layer
// keeps must stay as they were.
func TestSequentialReuse(t *testing.T) {
	for _, dev := range devices(t) {
		g := tensor.NewGenerator(5).On(dev)
		dense := func(in, out int) *nnforward.Dense {
			return nnforward.NewDense(g.Normal(tensor.Float32, 0, 1/math.Sqrt(float64(in)), in, out), g.Normal(tensor.Float32, 0, 0.5, out))
		}
		k := &keeper{}
		net := nnforward.NewSequential(
			dense(12, 20), nnforward.ReLU{},
			dense(20, 16), nnforward.Tanh{},
			dense(16, 16), k,
			dense(16, 8),
			dense(8, 9), nnforward.ReLU{},
			dense(9, 4), nnforward.Softmax{Axis: -1},
		)
		const calls = 6
		xs := make([]*tensor.Array, calls)
		want := make([][]float64, calls)
		for i := range xs {
			xs[i] = g.Normal(tensor.Float32, 0, 1, 7, 12)
			want[i] = layerByLayer(net, xs[i])
		}
		k.seen = nil
		check := func(what string, i int, y *tensor.Array) {
			for j, v := range tensor.ToSlice[float64](y) {
				if math.Abs(v-want[i][j]) > 1e-5 {
					t.Fatalf("%s: %s, call %d: element %d = %g, want %g", dev.Name(), what, i, j, v, want[i][j])
				}
			}
		}
		ys := make([]*tensor.Array, calls)
		for i := range ys {
			ys[i] = net.Forward(xs[i])
		}
		for i, y := range ys {
			check("one after another", i, y)
		}
		kept := make([][]float64, len(k.seen))
		for i, a := range k.seen {
			kept[i] = tensor.ToSlice[float64](a)
		}
		var wg sync.WaitGroup
		for i := range ys {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ys[i] = net.Forward(xs[i])
			}()
		}
		wg.Wait()
		for i, y := range ys {
			check("concurrently", i, y)
		}
		for i, a := range k.seen[:len(kept)] {
			if fmt.Sprint(tensor.ToSlice[float64](a)) != fmt.Sprint(kept[i]) {
				t.Fatalf("%s: an array a layer kept was overwritten", dev.Name())
			}
		}
	}
}

// TestDenseReLUFused checks that a Dense followed by ReLU gives the same
// result fused (on a device that runs the epilogue) as layer by layer,
// with NumPy's maximum(x, 0) semantics (a NaN input stays NaN).
func TestDenseReLUFused(t *testing.T) {
	for _, dev := range devices(t) {
		w := tensor.On(dev).FromHost([]float32{1, -1, 2, 0.5, -2, 1}, 2, 3)
		b := tensor.On(dev).FromHost([]float32{0, 0.25, -1})
		x := tensor.On(dev).FromHost([]float32{1, 2, -1, 3, float32(math.NaN()), 1}, 3, 2)
		net := nnforward.NewSequential(nnforward.NewDense(w, b), nnforward.ReLU{})
		got := tensor.ToSlice[float64](net.Forward(x))
		want := layerByLayer(net, x)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: fused %v, layer by layer %v", dev.Name(), got, want)
		}
	}
}
