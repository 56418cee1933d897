package main

import "fmt"

// supportSource is the Go code of boundsFile, for every build: the
// largest arguments the sin and cos kernels compute (leftToLoop, in
// simd_left.go, computes the others).
var supportSource = fmt.Sprintf(`// trigBoundF32 and trigBoundF64 are the largest |x| the sin and cos
// kernels compute; they leave larger ones, Inf and NaN to leftToLoop.
const (
	trigBoundF32 = %g
	trigBoundF64 = %g
)

`, trigBoundF32, trigBoundF64)
