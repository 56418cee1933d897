package linalg

import (
	"math"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/linalg/internal/lu"
	"github.com/numgl/numgl/tensor"
)

// Solve, Inv, Det and SlogDet run numgl's own LU factorisation with
// partial pivoting (package linalg/internal/lu: recursive, row-major, its
// updates on cpu-simd's GEMM and AVX2 kernels), which gives LAPACK's
// dgetrf factors; the other decompositions run on gonum's LAPACK.

// factor computes the LU factorisation of the n×n row-major matrix m in
// place; ok is false when U has an exact zero on its diagonal: singular,
// as LAPACK's getrf reports it.
func factor(m []float64, n int) (ipiv []int, ok bool) {
	ipiv = make([]int, n)
	return ipiv, lu.Factor(n, m, max(1, n), ipiv) < 0
}

// Solve returns x with a @ x = b (NumPy's linalg.solve). a is (…, M, M);
// b is (…, M) — a vector per matrix — when it has one dimension fewer than
// a, and (…, M, K) otherwise; the stack axes broadcast. A singular a is a
// returned *Error ("Singular matrix"), as NumPy raises LinAlgError when
// LAPACK's LU meets an exactly zero pivot.
func Solve(a, b *tensor.Array) (*tensor.Array, error) {
	as, err := stackOf(a, true)
	if err != nil {
		return nil, err
	}
	vector := b.NDim() == a.NDim()-1
	bm := b
	if vector {
		bm = b.ExpandDims(-1)
	}
	if bm.NDim() < 2 || bm.Shape()[bm.NDim()-2] != as.m {
		return nil, errorf("solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size %d is different from %d)",
			bm.Shape()[max(bm.NDim()-2, 0)], as.m)
	}
	// Broadcast the stacks together.
	bs := bm.Shape()
	k := bs[len(bs)-1]
	batchShape, err := broadcast.Shapes(as.batch, bs[:len(bs)-2])
	if err != nil {
		panic(err) // stacks that do not broadcast: the caller's misuse
	}
	aFull := a.BroadcastTo(append(batchShape, as.m, as.m)...)
	bFull := bm.BroadcastTo(append(batchShape, as.m, k)...)
	as, release, _ := readStackPooled(aFull, true)
	defer release()
	bsk, _ := readStack(bFull, false)
	n := as.m
	x := bsk.data // the stack's own copy: solved in place
	for i := range as.count() {
		m := as.data[i*n*n : (i+1)*n*n]
		ipiv, ok := factor(m, n)
		if !ok {
			return nil, errorf("Singular matrix")
		}
		lu.Solve(n, k, m, max(1, n), ipiv, x[i*n*k:(i+1)*n*k], max(1, k))
	}
	res := bsk.build(x, append(batchShape, as.m, k)...)
	if resultType(b.DType()) == tensor.Float64 && as.dt == tensor.Float32 {
		res = res.AsType(tensor.Float64)
	}
	if vector {
		res = res.Squeeze(-1)
	}
	return res, nil
}

// Inv returns the inverse of each matrix of a (NumPy's linalg.inv), as
// NumPy computes it: the solution of a @ x = I. A singular matrix is a
// returned *Error ("Singular matrix").
func Inv(a *tensor.Array) (*tensor.Array, error) {
	s, release, err := readStackPooled(a, true)
	if err != nil {
		return nil, err
	}
	defer release()
	n := s.n
	out := make([]float64, len(s.data))
	for i := range s.count() {
		m := s.data[i*n*n : (i+1)*n*n]
		ipiv, ok := factor(m, n)
		if !ok {
			return nil, errorf("Singular matrix")
		}
		x := out[i*n*n : (i+1)*n*n]
		for j := range n {
			x[j*n+j] = 1
		}
		lu.Solve(n, n, m, max(1, n), ipiv, x, max(1, n))
	}
	return s.build(out, s.shape(n, n)...), nil
}

// slogdet returns the sign and log|det| of the n×n matrix m (factored in
// place) from its LU factors.
func slogdet(m []float64, n int) (sign, logabs float64) {
	ipiv, ok := factor(m, n)
	if !ok {
		return 0, math.Inf(-1)
	}
	sign = 1
	for i := range n {
		d := m[i*n+i]
		if ipiv[i] != i {
			sign = -sign
		}
		if d < 0 {
			sign = -sign
		}
		logabs += math.Log(math.Abs(d))
	}
	return sign, logabs
}

// Det returns the determinant of each matrix of a (NumPy's linalg.det):
// the product of the LU factorisation's pivots, negated for each row
// interchange; 0 for a singular matrix.
func Det(a *tensor.Array) (*tensor.Array, error) {
	s, release, err := readStackPooled(a, true)
	if err != nil {
		return nil, err
	}
	defer release()
	n := s.n
	out := make([]float64, s.count())
	for i := range out {
		m := s.data[i*n*n : (i+1)*n*n]
		ipiv, ok := factor(m, n)
		if !ok {
			continue // 0
		}
		d := 1.0
		for j := range n {
			d *= m[j*n+j]
			if ipiv[j] != j {
				d = -d
			}
		}
		out[i] = d
	}
	return s.build(out, s.batch...), nil
}

// SlogDet returns the sign and natural log of the absolute determinant of
// each matrix (NumPy's linalg.slogdet), which do not overflow where Det
// would; a singular matrix has sign 0 and logdet -inf.
func SlogDet(a *tensor.Array) (sign, logdet *tensor.Array, err error) {
	s, release, err := readStackPooled(a, true)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	n := s.n
	sg, ld := make([]float64, s.count()), make([]float64, s.count())
	for i := range sg {
		sg[i], ld[i] = slogdet(s.data[i*n*n:(i+1)*n*n], n)
	}
	return s.build(sg, s.batch...), s.build(ld, s.batch...), nil
}
