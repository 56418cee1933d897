package tensor_test

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// A dense layer with ReLU: np.maximum(x @ w + b, 0) as one operation (the
// output is NumPy's). The bias and ReLU are the matrix product's epilogue:
// they run inside it, on every device.
func ExampleMatMulBias() {
	cpu := tensor.On(device.MustGet("cpu-simd"))
	x := cpu.FromHost([]float32{1, 2, -1, 0.5}, 2, 2)
	w := cpu.FromHost([]float32{1, -1, 2, 0, 1, 3}, 2, 3)
	b := cpu.FromHost([]float32{0.5, 0, -4})
	fmt.Println(tensor.MatMulBias(x, w, b, tensor.ReLU).Data())
	fmt.Println(tensor.MatMulBias(x, w, b, tensor.NoActivation).Data())
	// Output:
	// [1.5 1 4 0 1.5 0]
	// [1.5 1 4 -0.5 1.5 -4.5]
}
