package linalg

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// svd1 computes the SVD of one m×n matrix: s descending, and when wanted
// u (m×ku) and vt (kv×n) with ku = kv = min(m, n), or m and n for full.
// ok is false when the SVD does not converge, which it never does for a
// matrix holding a NaN (as in NumPy); a matrix with ±Inf gives NaNs.
func svd1(a blas64.General, vectors, full bool) (u, s, vt []float64, ok bool) {
	m, n := a.Rows, a.Cols
	k := min(m, n)
	s = make([]float64, k)
	if k == 0 {
		ku, kv := 0, 0
		if full {
			ku, kv = m, n
		}
		return eye(m, ku), s, eye(kv, n), true
	}
	job := lapack.SVDNone
	ku, kv := 0, 0
	if vectors {
		job, ku, kv = lapack.SVDStore, k, k
		if full {
			job, ku, kv = lapack.SVDAll, m, n
		}
	}
	switch classify(a.Data) {
	case hasNaN: // NumPy: "SVD did not converge"; gonum may panic
		return nil, nil, nil, false
	case hasInf:
		// NumPy's LAPACK scales such a matrix by 0 and returns NaN
		// singular values (and vectors of no meaning); gonum's may never
		// terminate. numgl returns NaN for all three.
		if vectors {
			return nans(m * ku), nans(k), nans(kv * n), true
		}
		return nil, nans(k), nil, true
	}
	g := blas64.General{Rows: m, Cols: n, Stride: n, Data: append([]float64(nil), a.Data...)}
	um := blas64.General{Rows: m, Cols: max(ku, 1), Stride: max(ku, 1), Data: make([]float64, m*max(ku, 1))}
	vm := blas64.General{Rows: max(kv, 1), Cols: n, Stride: n, Data: make([]float64, max(kv, 1)*n)}
	ok = lapackOK(func() bool {
		query := []float64{0}
		lapack64.Gesvd(job, job, g, um, vm, s, query, -1)
		work := make([]float64, int(query[0]))
		return lapack64.Gesvd(job, job, g, um, vm, s, work, len(work))
	})
	if !ok {
		return nil, nil, nil, false
	}
	if vectors {
		return um.Data[:m*ku], s, vm.Data[:kv*n], true
	}
	return nil, s, nil, true
}

// eye returns the rows×cols identity as a row-major slice.
func eye(rows, cols int) []float64 {
	e := make([]float64, rows*cols)
	for i := range min(rows, cols) {
		e[i*cols+i] = 1
	}
	return e
}

// SVD returns u, s, vh with a = u @ diag(s) @ vh for each matrix of a
// (NumPy's linalg.svd): s descending; with full, u is (…, M, M) and vh
// (…, N, N), otherwise (…, M, K) and (…, K, N), K = min(M, N). A matrix
// holding a NaN is a returned *Error ("SVD did not converge"), as in
// NumPy; one holding ±Inf gives NaN singular values, as NumPy's, and NaN
// vectors (NumPy's hold LAPACK's meaningless values).
func SVD(a *tensor.Array, full bool) (u, s, vh *tensor.Array, err error) {
	st, err := readStack(a, false)
	if err != nil {
		return nil, nil, nil, err
	}
	m, n := st.m, st.n
	k := min(m, n)
	ku, kv := k, k
	if full {
		ku, kv = m, n
	}
	var ud, sd, vd []float64
	for i := range st.count() {
		ui, si, vi, ok := svd1(st.matrix(i), true, full)
		if !ok {
			return nil, nil, nil, errorf("SVD did not converge")
		}
		ud, sd, vd = append(ud, ui...), append(sd, si...), append(vd, vi...)
	}
	return st.build(ud, st.shape(m, ku)...), st.build(sd, st.shape(k)...), st.build(vd, st.shape(kv, n)...), nil
}

// SVDVals returns the singular values, descending, of each matrix of a
// (NumPy's linalg.svd with compute_uv=False); non-finite input as for SVD.
func SVDVals(a *tensor.Array) (*tensor.Array, error) {
	st, err := readStack(a, false)
	if err != nil {
		return nil, err
	}
	var sd []float64
	for i := range st.count() {
		_, si, _, ok := svd1(st.matrix(i), false, false)
		if !ok {
			return nil, errorf("SVD did not converge")
		}
		sd = append(sd, si...)
	}
	return st.build(sd, st.shape(min(st.m, st.n))...), nil
}

// MatrixRank returns the rank of each matrix of a (NumPy's
// linalg.matrix_rank): the number of singular values above
// S.max() · max(M, N) · ε. A 0-d or 1-d a has rank 1 unless all its
// values are zero (then 0), as in NumPy. A matrix holding a NaN is a
// returned *Error ("SVD did not converge"); one holding ±Inf has rank 0.
func MatrixRank(a *tensor.Array) (*tensor.Array, error) {
	if a.NDim() < 2 {
		return vectorRank(a), nil
	}
	st, err := readStack(a, false)
	if err != nil {
		return nil, err
	}
	ranks := make([]int64, st.count())
	for i := range ranks {
		_, s, _, ok := svd1(st.matrix(i), false, false)
		if !ok {
			return nil, errorf("SVD did not converge")
		}
		ranks[i] = int64(countAbove(s, tolerance(s, st.m, st.n)))
	}
	return tensor.On(st.dev).FromHost(ranks, st.batch...), nil
}

// vectorRank is NumPy's rank of a 0-d or 1-d array: 1 unless every value
// is zero, as a 0-d int64 array on a's device.
func vectorRank(a *tensor.Array) *tensor.Array {
	r := int64(0)
	for _, v := range tensor.ToSlice[float64](a) {
		if v != 0 { // NaN counts as nonzero, as in NumPy
			r = 1
			break
		}
	}
	return tensor.On(a.Device()).FromHost([]int64{r}, []int{}...)
}

func tolerance(s []float64, m, n int) float64 {
	if len(s) == 0 {
		return 0
	}
	return slices.Max(s) * float64(max(m, n)) * epsilon
}

// epsilon is float64's machine epsilon, 2^-52.
const epsilon = 2.220446049250313e-16

func countAbove(s []float64, tol float64) int {
	r := 0
	for _, v := range s {
		if v > tol {
			r++
		}
	}
	return r
}

// pinv1 is the pseudo-inverse of one matrix: V diag(1/s) Uᵀ over the
// singular values above cutoff·max(s).
func pinv1(a blas64.General, cutoff float64) ([]float64, int, []float64, bool) {
	m, n := a.Rows, a.Cols
	k := min(m, n)
	u, s, vt, ok := svd1(a, true, false)
	if !ok {
		return nil, 0, nil, false
	}
	limit := 0.0
	if k > 0 {
		limit = cutoff * slices.Max(s)
	}
	if slices.ContainsFunc(s, math.IsNaN) { // from ±Inf in a
		return nans(n * m), 0, s, true
	}
	p := make([]float64, n*m)
	rank := 0
	for j := range k {
		if s[j] <= limit {
			continue
		}
		rank++
		inv := 1 / s[j]
		for r := range n {
			vr := vt[j*n+r] * inv
			for c := range m {
				p[r*m+c] += vr * u[c*k+j]
			}
		}
	}
	return p, rank, s, true
}

// Pinv returns the Moore-Penrose pseudo-inverse of each matrix of a
// (NumPy's linalg.pinv with rcond 1e-15): singular values at or below
// 1e-15 · max(s) count as zero. A matrix holding a NaN is a returned
// *Error ("SVD did not converge"), as in NumPy; one holding ±Inf gives NaNs
// (NumPy's holds LAPACK's meaningless values, NaN and zero).
func Pinv(a *tensor.Array) (*tensor.Array, error) {
	st, err := readStack(a, false)
	if err != nil {
		return nil, err
	}
	var out []float64
	for i := range st.count() {
		p, _, _, ok := pinv1(st.matrix(i), 1e-15)
		if !ok {
			return nil, errorf("SVD did not converge")
		}
		out = append(out, p...)
	}
	return st.build(out, st.shape(st.n, st.m)...), nil
}

// Lstsq returns the least-squares solution x of a @ x ≈ b for one matrix a
// (M, N) and b (M,) or (M, K) (NumPy's linalg.lstsq with rcond =
// ε·max(M, N)), with the sums of squared residuals (empty unless rank = N
// < M), the rank of a and its singular values. It is computed from the
// SVD, so rank-deficient a is fine. An a holding NaN or ±Inf is a
// returned *Error ("SVD did not converge in Linear Least Squares").
func Lstsq(a, b *tensor.Array) (x, residuals, rank, sv *tensor.Array, err error) {
	if a.NDim() != 2 {
		return nil, nil, nil, nil, errorf("%d-dimensional array given. Array must be two-dimensional", a.NDim())
	}
	if b.NDim() < 1 || b.NDim() > 2 || b.Shape()[0] != a.Shape()[0] {
		return nil, nil, nil, nil, errorf("Incompatible dimensions")
	}
	st, _ := readStack(a, false)
	if classify(st.data) != allFinite {
		// NumPy's LAPACK refuses a's NaN or ±Inf (its error surfaces as
		// a SystemError in NumPy 1.24); numgl says what NumPy means.
		return nil, nil, nil, nil, errorf("SVD did not converge in Linear Least Squares")
	}
	vector := b.NDim() == 1
	bm := b
	if vector {
		bm = b.ExpandDims(1)
	}
	m, n, k := st.m, st.n, bm.Shape()[1]
	bd := tensor.ToSlice[float64](bm)
	p, r, s, ok := pinv1(st.matrix(0), epsilon*float64(max(m, n)))
	if !ok {
		return nil, nil, nil, nil, errorf("SVD did not converge in Linear Least Squares")
	}
	xd := make([]float64, n*k)
	for i := range n {
		for j := range k {
			v := 0.0
			for c := range m {
				v += p[i*m+c] * bd[c*k+j]
			}
			xd[i*k+j] = v
		}
	}
	var res []float64
	if r == n && m > n {
		res = make([]float64, k)
		for j := range k {
			for row := range m {
				d := -bd[row*k+j]
				for i := range n {
					d += st.data[row*n+i] * xd[i*k+j]
				}
				res[j] += d * d
			}
		}
	}
	dt := resultType(dtype.ResultType(a.DType(), b.DType()))
	st.dt = dt
	if vector {
		x = st.build(xd, n)
	} else {
		x = st.build(xd, n, k)
	}
	residuals = st.build(res, len(res))
	rank = tensor.On(st.dev).FromHost([]int64{int64(r)}, []int{}...)
	sv = st.build(s, len(s))
	return x, residuals, rank, sv, nil
}
