// Package linalg is NumPy's numpy.linalg for numgl arrays: Solve, Inv,
// Det, SlogDet, Eigh, Eigvalsh, Eig, EigVals, SVD, SVDVals, QR, Cholesky,
// Lstsq, Norm, MatrixRank and Pinv. (The matrix product is tensor.MatMul,
// as it is np.matmul in NumPy.)
//
// # Where it runs
//
// The decompositions run on the CPU, in float64, whatever device the
// arrays live on: a GPU array is read back, factored, and its results are
// created on the same device again. Solve, Inv, Det and SlogDet run
// numgl's own LU factorisation with partial pivoting (recursive, with a
// look-ahead over two goroutines for large matrices; its updates on
// cpu-simd's GEMM and on AVX2 kernels of its own), which gives LAPACK's
// factors; the other decompositions run on gonum's LAPACK, whose GEMM
// updates run on cpu-simd's GEMM (see blas.go). Every function
// works on stacks of matrices: leading axes are a batch, each matrix is
// factored in turn. float32 input gives float32 results (computed in
// float64, then rounded); integer and bool input gives float64, as NumPy's.
//
// # Errors
//
// Misuse of the API (an array of too few dimensions) panics with a
// *tensor.Error, as everywhere in numgl. A matrix that cannot be
// factored — singular for Solve and Inv, not positive definite for
// Cholesky, not square where it must be — is a returned *Error (NumPy's
// LinAlgError) with NumPy's message, never a panic. NaN and ±Inf are
// treated as NumPy treats them (guard.go): Eig and EigVals refuse them
// ("Array must not contain infs or NaNs"), the SVD family raises "SVD did
// not converge" on NaN, the others return NaNs; no input makes gonum's
// LAPACK loop forever, and none of its panics escapes.
package linalg
