package tensor_test

import (
	"fmt"
	"math"

	"github.com/numgl/numgl/tensor"
)

// Math ufuncs: NumPy's names, ints go to float64, and IEEE answers at the
// edges of each domain.
func Example_mathUfuncs() {
	x := tensor.FromSlice([]float64{-1, 0, 0.5, 1})
	fmt.Println(tensor.ArcSin(x).Data())
	fmt.Println(tensor.ArcTanh(x).Data())
	fmt.Println(tensor.Log2(tensor.FromSlice([]int32{1, 8, 1024})).Data())
	fmt.Println(tensor.Hypot(3, tensor.FromSlice([]float32{4, 0})).Data())
	fmt.Println(tensor.Fmax(tensor.FromSlice([]float64{1, math.NaN(), math.NaN()}), tensor.FromSlice([]float64{math.NaN(), 2, math.NaN()})).Data())
	// Output:
	// [-1.5707963267948966 0 0.5235987755982989 1.5707963267948966]
	// [-Inf 0 0.5493061443340549 +Inf]
	// [0 3 10]
	// [5 3]
	// [1 2 NaN]
}

// Round goes to the even neighbour at halves and takes negative decimals;
// integers keep their dtype.
func ExampleRound() {
	fmt.Println(tensor.Round(tensor.FromSlice([]float64{0.5, 1.5, 2.5, -2.5, 2.675}), 0).Data())
	fmt.Println(tensor.Round(tensor.FromSlice([]float64{1.234, 5.678}), 2).Data())
	fmt.Println(tensor.Round(tensor.FromSlice([]int32{149, 150, 250, -155}), -2).Data())
	// Output:
	// [0 2 2 -2 3]
	// [1.23 5.68]
	// [100 200 200 -200]
}

// Bitwise ops and shifts follow NumPy's rules, including a count that is
// negative or at least the width (0; -1 for a negative value shifted right).
func ExampleLeftShift() {
	a := tensor.FromSlice([]int32{1, 1, -8, -8})
	n := tensor.FromSlice([]int32{3, 32, 1, 40})
	fmt.Println(tensor.LeftShift(a, n).Data())
	fmt.Println(tensor.RightShift(a, n).Data())
	fmt.Println(tensor.BitwiseXor(tensor.FromSlice([]int64{12}), 10).Data(), tensor.Invert(tensor.FromSlice([]bool{true, false})).Data())
	// Output:
	// [8 0 -16 0]
	// [0 0 -4 -1]
	// [6] [false true]
}
