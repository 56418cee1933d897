package linalg

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/tensor"
)

// luFactor factors a copy of the square matrix a in place (LAPACK getrf);
// ok is false when U has an exact zero on its diagonal: singular.
func luFactor(a blas64.General) (lu blas64.General, ipiv []int, ok bool) {
	lu = blas64.General{Rows: a.Rows, Cols: a.Cols, Stride: a.Cols, Data: append([]float64(nil), a.Data...)}
	ipiv = make([]int, a.Rows)
	ok = lapack64.Getrf(lu, ipiv)
	return lu, ipiv, ok
}

// Solve returns x with a @ x = b (NumPy's linalg.solve). a is (…, M, M);
// b is (…, M) — a vector per matrix — when it has one dimension fewer than
// a, and (…, M, K) otherwise; the stack axes broadcast. A singular a is a
// returned *Error ("Singular matrix").
func Solve(a, b *tensor.Array) (*tensor.Array, error) {
	as, err := readStack(a, true)
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
	as, _ = readStack(aFull, true)
	bsk, _ := readStack(bFull, false)
	out := make([]float64, len(bsk.data))
	for i := range as.count() {
		lu, ipiv, ok := luFactor(as.matrix(i))
		if !ok {
			return nil, errorf("Singular matrix")
		}
		x := blas64.General{Rows: as.m, Cols: k, Stride: k, Data: out[i*as.m*k : (i+1)*as.m*k]}
		copy(x.Data, bsk.matrix(i).Data)
		lapack64.Getrs(blas.NoTrans, lu, x, ipiv)
	}
	res := bsk.build(out, append(batchShape, as.m, k)...)
	if resultType(b.DType()) == tensor.Float64 && as.dt == tensor.Float32 {
		res = res.AsType(tensor.Float64)
	}
	if vector {
		res = res.Squeeze(-1)
	}
	return res, nil
}

// Inv returns the inverse of each matrix of a (NumPy's linalg.inv).
func Inv(a *tensor.Array) (*tensor.Array, error) {
	s, err := readStack(a, true)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(s.data))
	work := make([]float64, max(1, s.n*64))
	for i := range s.count() {
		lu, ipiv, ok := luFactor(s.matrix(i))
		if !ok || !lapack64.Getri(lu, ipiv, work, len(work)) {
			return nil, errorf("Singular matrix")
		}
		copy(out[i*s.n*s.n:], lu.Data)
	}
	return s.build(out, s.shape(s.n, s.n)...), nil
}

// slogdet returns the sign and log|det| of one matrix from its LU factors.
func slogdet(m blas64.General) (sign, logabs float64) {
	if m.Rows == 0 {
		return 1, 0
	}
	lu, ipiv, ok := luFactor(m)
	if !ok {
		return 0, math.Inf(-1)
	}
	sign = 1
	for i := range m.Rows {
		d := lu.Data[i*lu.Stride+i]
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
// the product of the LU factorisation's pivots; 0 for a singular matrix.
func Det(a *tensor.Array) (*tensor.Array, error) {
	s, err := readStack(a, true)
	if err != nil {
		return nil, err
	}
	out := make([]float64, s.count())
	for i := range out {
		if s.n == 0 {
			out[i] = 1
			continue
		}
		lu, ipiv, _ := luFactor(s.matrix(i))
		d := 1.0
		for j := range s.n {
			d *= lu.Data[j*lu.Stride+j]
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
	s, err := readStack(a, true)
	if err != nil {
		return nil, nil, err
	}
	sg, ld := make([]float64, s.count()), make([]float64, s.count())
	for i := range sg {
		sg[i], ld[i] = slogdet(s.matrix(i))
	}
	return s.build(sg, s.batch...), s.build(ld, s.batch...), nil
}
