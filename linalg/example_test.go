package linalg_test

import (
	"fmt"

	"github.com/numgl/numgl/linalg"
	"github.com/numgl/numgl/tensor"
)

// Solve rather than multiply by the inverse; a singular matrix is an
// error to handle, not a crash.
func ExampleSolve() {
	a := tensor.FromSlice([]float64{3, 1, 1, 2}, 2, 2)
	b := tensor.FromSlice([]float64{9, 8})
	x, err := linalg.Solve(a, b)
	fmt.Println(x, err)

	_, err = linalg.Solve(tensor.FromSlice([]float64{1, 2, 2, 4}, 2, 2), b)
	fmt.Println(err)
	// Output:
	// array([2., 3.]) <nil>
	// Singular matrix
}

func ExampleNorm() {
	v := tensor.FromSlice([]float64{3, -4})
	n2, _ := linalg.Norm(v, linalg.OrdDefault)
	n1, _ := linalg.Norm(v, linalg.P(1))
	ninf, _ := linalg.Norm(v, linalg.OrdInf)
	fmt.Println(n2, n1, ninf)
	// Output:
	// array(5.) array(7.) array(4.)
}
