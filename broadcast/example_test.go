package broadcast_test

import (
	"fmt"

	"github.com/numgl/numgl/broadcast"
)

func ExampleShapes() {
	shape, err := broadcast.Shapes([]int{3, 1, 5}, []int{4, 1})
	fmt.Println(broadcast.Format(shape), err)

	_, err = broadcast.Shapes([]int{3, 4}, []int{3})
	fmt.Printf("%q\n", err)
	// Output:
	// (3,4,5) <nil>
	// "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3, 4) and arg 1 with shape (3,)."
}

func ExampleStrides() {
	// A row of 4 elements, seen as a (3,4) array: every row reads the same
	// memory, so the new leading axis has stride 0.
	row, _ := broadcast.Strides([]int{4}, []int{1}, []int{3, 4})
	fmt.Println(row)

	// A column of 3 elements, stretched along the rows.
	col, _ := broadcast.Strides([]int{3, 1}, []int{1, 1}, []int{3, 4})
	fmt.Println(col)

	_, err := broadcast.Strides([]int{1, 3}, []int{3, 1}, []int{3, 1})
	fmt.Println(err)
	// Output:
	// [0 1]
	// [1 0]
	// operands could not be broadcast together with remapped shapes [original->remapped]: (1,3)  and requested shape (3,1)
}

func ExampleSlice() {
	// a[::-1] on an axis of length 4: start at 3, 4 elements, step -1.
	first, count, _ := broadcast.Slice(0, 0, -1, false, false, 4)
	fmt.Println(first, count)

	// a[1:100] clamps like Python: elements 1, 2, 3.
	first, count, _ = broadcast.Slice(1, 100, 1, true, true, 4)
	fmt.Println(first, count)
	// Output:
	// 3 4
	// 1 3
}

func ExampleCollapse() {
	// A C-contiguous (2,3,4) array plus a (4,) row broadcast against it:
	// the two leading axes merge, the row's stride-0 axes stay apart from
	// its stride-1 axis.
	shape, strides := broadcast.Collapse([]int{2, 3, 4}, []int{12, 4, 1}, []int{0, 0, 1})
	fmt.Println(shape, strides)
	// Output:
	// [6 4] [[4 1] [0 1]]
}
