package tensor_test

import (
	"errors"
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// Creation: the NumPy constructors, on the default device or on a named one.
func Example_creation() {
	fmt.Println(tensor.Zeros(tensor.Float32, 2, 3).Data())
	fmt.Println(tensor.Full(tensor.Int32, 7, 3).Data())
	fmt.Println(tensor.Arange(tensor.Int64, 10, 0, -3).Data())
	fmt.Println(tensor.Linspace(tensor.Float64, 0, 1, 5).Data())
	fmt.Println(tensor.Eye(tensor.Float64, 3, 4, 1).Data())

	cpu := device.MustGet("cpu-loop")
	a := tensor.On(cpu).FromHost([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	fmt.Println(a.DType(), a.Shape(), a.Device().Name())
	// Output:
	// [0 0 0 0 0 0]
	// [7 7 7]
	// [10 7 4 1]
	// [0 0.25 0.5 0.75 1]
	// [0 1 0 0 0 0 1 0 0 0 0 1]
	// float32 [2 3] cpu-loop
}

// Views share storage: a write through a view shows in its base, and a
// reversed slice is a view with a negative stride.
func Example_views() {
	a := tensor.Arange(tensor.Float64, 0, 12, 1).Reshape(3, 4)
	v := a.Get(tensor.Colon, tensor.Colon.Step(-2)) // a[:, ::-2]
	fmt.Println(v.Shape(), v.Strides(), v.Data())
	v.Set(0.0) // v[...] = 0
	fmt.Println(a.Data())

	row := a.Get(1) // a[1]
	row.Set(-1.0, tensor.From(2))
	fmt.Println(a.Get(1).Data(), row.SharesMemory(a))

	// Reshape of a transposed array cannot be a view: it copies.
	flat := a.T().Reshape(-1)
	fmt.Println(flat.SharesMemory(a), flat.Data())
	// Output:
	// [3 2] [4 -2] [3 1 7 5 11 9]
	// [0 0 2 0 4 0 6 0 8 0 10 0]
	// [4 0 -1 -1] true
	// false [0 4 8 0 0 0 2 -1 10 0 -1 0]
}

// Boolean masks select (a copy) and assign.
func Example_booleanIndexing() {
	a := tensor.FromSlice([]float64{3, -1, 4, -1, 5, -9}, 2, 3)
	mask := tensor.FromSlice([]bool{false, true, false, true, false, true}, 2, 3)
	fmt.Println(a.Get(mask).Data()) // a[a < 0]
	a.Set(0.0, mask)                // a[a < 0] = 0
	fmt.Println(a.Data())

	rows := tensor.FromSlice([]bool{false, true})
	fmt.Println(a.Get(rows).Shape()) // a[[False, True]]: the second row
	// Output:
	// [-1 -1 -9]
	// [3 0 4 0 5 0]
	// [1 3]
}

// Broadcasting: BroadcastTo gives a read-only view with stride 0 on the
// stretched axis; shapes that do not broadcast give NumPy's message.
func Example_broadcasting() {
	row := tensor.FromSlice([]int32{1, 2, 3}, 1, 3)
	b := row.BroadcastTo(2, 3)
	fmt.Println(b.Shape(), b.Strides(), b.Data())

	defer func() {
		var e *tensor.Error
		if err, ok := recover().(error); ok && errors.As(err, &e) {
			fmt.Println(e.Kind, e.Msg)
		}
	}()
	row.BroadcastTo(3, 1)
	// Output:
	// [2 3] [0 1] [1 2 3 1 2 3]
	// shape operands could not be broadcast together with remapped shapes [original->remapped]: (1,3)  and requested shape (3,1)
}

// Fancy indexing with several index arrays: they broadcast together.
func Example_fancyIndexing() {
	a := tensor.Arange(tensor.Int64, 0, 30, 1).Reshape(6, 5)
	rows := tensor.FromSlice([]int64{0, 5}, 2, 1)
	cols := tensor.FromSlice([]int64{1, 2, 3})
	g := a.Get(rows, cols) // a[[[0], [5]], [1, 2, 3]]
	fmt.Println(g.Shape(), g.Data())
	a.Set(-1, []int{0, 1}, []int{4, 4}) // a[[0, 1], [4, 4]] = -1
	fmt.Println(a.Get(tensor.Upto(2)).Data())
	// Output:
	// [2 3] [1 2 3 26 27 28]
	// [0 1 2 3 -1 5 6 7 8 -1]
}

// Ufuncs broadcast and promote as NumPy does; Go scalars are weak.
func Example_ufuncs() {
	a := tensor.Arange(tensor.Float32, 0, 6, 1).Reshape(2, 3)
	col := tensor.FromSlice([]int32{10, 20}, 2, 1)
	fmt.Println(tensor.Add(a, col)) // (2,3) + (2,1); int32 + float32 → float64
	fmt.Println(a.Multiply(0.5))    // stays float32
	fmt.Println(tensor.FloorDivide(tensor.FromSlice([]int64{7, -7}), 2))
	fmt.Println(tensor.Where(tensor.Greater(a, 2), a, -1))

	dst := tensor.Zeros(tensor.Float32, 2, 3)
	tensor.SqrtInto(dst, a) // np.sqrt(a, out=dst)
	dst.AddInPlace(1)       // dst += 1
	fmt.Println(dst.Get(1))
	// Output:
	// array([[10., 11., 12.],
	//        [23., 24., 25.]])
	// array([[0. , 0.5, 1. ],
	//        [1.5, 2. , 2.5]], dtype=float32)
	// array([ 3, -4])
	// array([[-1., -1., -1.],
	//        [ 3.,  4.,  5.]], dtype=float32)
	// array([2.732051, 3.      , 3.236068], dtype=float32)
}

// Reductions over all axes, one, or several, with keepdims.
func Example_reductions() {
	a := tensor.Arange(tensor.Int32, 0, 12, 1).Reshape(3, 4)
	fmt.Println(a.Sum(), a.Sum(0), a.Mean(1))
	fmt.Println(tensor.Max(a, tensor.Axis(0, 1), tensor.KeepDims))
	fmt.Println(a.ArgMax(1), a.CumSum(1).Get(2))
	fmt.Println(tensor.Std(a, tensor.Axis(1), tensor.DDof(1)))
	// Output:
	// array(66) array([12, 15, 18, 21]) array([1.5, 5.5, 9.5])
	// array([[11]], dtype=int32)
	// array([3, 3, 3]) array([ 8, 17, 27, 38])
	// array([1.29099445, 1.29099445, 1.29099445])
}

// The example of README.md.
func Example_readme() {
	a := tensor.Arange(tensor.Float64, 0, 12, 1).Reshape(3, 4)
	v := a.Get(tensor.Colon, tensor.Colon.Step(-2)) // a[:, ::-2], a view
	v.Set(0.0)                                      // writes through to a
	fmt.Println(a.Data())
	fmt.Println(a.Get([]int{2, 0}).Shape()) // fancy indexing: a copy

	b := tensor.Add(a, tensor.FromSlice([]float32{1, 2, 3, 4})) // broadcasts
	fmt.Println(b.Sum(0))
	fmt.Println(tensor.Mean(a, tensor.Axis(1), tensor.KeepDims).Shape())
	// Output:
	// [0 0 2 0 4 0 6 0 8 0 10 0]
	// [2 4]
	// array([15.,  6., 27., 12.])
	// [3 1]
}
