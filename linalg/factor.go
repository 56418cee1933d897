package linalg

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"

	"github.com/numgl/numgl/tensor"
)

// Cholesky returns the lower-triangular L with L @ Lᵀ = a for each
// symmetric positive-definite matrix of a (NumPy's linalg.cholesky; only
// the lower triangle of a is read). A matrix that is not positive definite
// is a returned *Error ("Matrix is not positive definite"); so is one
// holding a NaN on its path, as with reference LAPACK (NumPy on OpenBLAS
// returns NaNs there instead).
func Cholesky(a *tensor.Array) (*tensor.Array, error) {
	s, err := readStack(a, true)
	if err != nil {
		return nil, err
	}
	n := s.n
	out := make([]float64, len(s.data))
	for i := range s.count() {
		// Mirror the lower triangle into the upper one, which Potrf reads.
		m := append([]float64(nil), s.matrix(i).Data...)
		for r := range n {
			for c := r + 1; c < n; c++ {
				m[r*n+c] = m[c*n+r]
			}
		}
		var t blas64.Triangular
		if !lapackOK(func() (ok bool) {
			t, ok = lapack64.Potrf(blas64.Symmetric{Uplo: blas.Upper, N: n, Stride: n, Data: m})
			return ok
		}) {
			return nil, errorf("Matrix is not positive definite")
		}
		// Upper U with Uᵀ U = a: L = Uᵀ.
		for r := range n {
			for c := r; c < n; c++ {
				out[i*n*n+c*n+r] = t.Data[r*t.Stride+c]
			}
		}
	}
	return s.build(out, s.shape(n, n)...), nil
}

// QR returns the reduced QR factorisation a = q @ r of each matrix (NumPy's
// linalg.qr, mode "reduced"): q is (…, M, K) with orthonormal columns and r
// (…, K, N) upper triangular, K = min(M, N).
func QR(a *tensor.Array) (q, r *tensor.Array, err error) {
	s, err := readStack(a, false)
	if err != nil {
		return nil, nil, err
	}
	m, n := s.m, s.n
	k := min(m, n)
	qd, rd := make([]float64, s.count()*m*k), make([]float64, s.count()*k*n)
	for i := range s.count() {
		g := blas64.General{Rows: m, Cols: n, Stride: n, Data: append([]float64(nil), s.matrix(i).Data...)}
		tau := make([]float64, k)
		if !lapackOK(func() bool {
			work := make([]float64, max(1, 64*n))
			lapack64.Geqrf(g, tau, work, len(work))
			return true
		}) {
			return nil, nil, errorf("Incorrect argument found while performing QR factorization")
		}
		for row := range k {
			for c := row; c < n; c++ {
				rd[i*k*n+row*n+c] = g.Data[row*n+c]
			}
		}
		// Q is the first k columns of the reflectors' product.
		qm := blas64.General{Rows: m, Cols: k, Stride: k, Data: qd[i*m*k : (i+1)*m*k]}
		for row := range m {
			copy(qm.Data[row*k:row*k+k], g.Data[row*n:row*n+k])
		}
		if k > 0 && !lapackOK(func() bool {
			work := make([]float64, max(1, 64*k))
			lapack64.Orgqr(qm, tau, work, len(work))
			return true
		}) {
			return nil, nil, errorf("Incorrect argument found while performing QR factorization")
		}
	}
	return s.build(qd, s.shape(m, k)...), s.build(rd, s.shape(k, n)...), nil
}

// Eigh returns the eigenvalues, ascending, and the eigenvectors (as
// columns) of each symmetric matrix of a (NumPy's linalg.eigh; the lower
// triangle is read). Non-finite input is not refused, as in NumPy: it
// gives NaNs, or the *Error "Eigenvalues did not converge".
func Eigh(a *tensor.Array) (w, v *tensor.Array, err error) {
	return eigh(a, true)
}

// Eigvalsh returns the eigenvalues, ascending, of each symmetric matrix of
// a (NumPy's linalg.eigvalsh).
func Eigvalsh(a *tensor.Array) (*tensor.Array, error) {
	w, _, err := eigh(a, false)
	return w, err
}

func eigh(a *tensor.Array, vectors bool) (w, v *tensor.Array, err error) {
	s, err := readStack(a, true)
	if err != nil {
		return nil, nil, err
	}
	n := s.n
	wd, vd := make([]float64, s.count()*n), make([]float64, s.count()*n*n)
	job := lapack.EVNone
	if vectors {
		job = lapack.EVCompute
	}
	for i := range s.count() {
		m := append([]float64(nil), s.matrix(i).Data...)
		for r := range n {
			for c := r + 1; c < n; c++ {
				m[r*n+c] = m[c*n+r]
			}
		}
		sym := blas64.Symmetric{Uplo: blas.Upper, N: n, Stride: n, Data: m}
		if n > 0 && !lapackOK(func() bool {
			work := make([]float64, max(1, 64*n))
			return lapack64.Syev(job, sym, wd[i*n:(i+1)*n], work, len(work))
		}) {
			return nil, nil, errorf("Eigenvalues did not converge")
		}
		if vectors {
			copy(vd[i*n*n:], m) // Syev leaves the eigenvectors as columns
		}
	}
	w = s.build(wd, s.shape(n)...)
	if vectors {
		v = s.build(vd, s.shape(n, n)...)
	}
	return w, v, nil
}

// Eig returns the eigenvalues and right eigenvectors of each general
// square matrix (NumPy's linalg.eig). numgl has no complex dtype yet, so
// each comes as its real and imaginary parts: wRe + i·wIm, vRe + i·vIm,
// eigenvectors as columns, normalised to unit length as LAPACK's geev does.
// An a holding NaN or ±Inf is a returned *Error ("Array must not contain
// infs or NaNs"), as in NumPy.
func Eig(a *tensor.Array) (wRe, wIm, vRe, vIm *tensor.Array, err error) {
	return eig(a, true)
}

// EigVals returns the real and imaginary parts of the eigenvalues of each
// general square matrix (NumPy's linalg.eigvals); non-finite input as for Eig.
func EigVals(a *tensor.Array) (wRe, wIm *tensor.Array, err error) {
	wRe, wIm, _, _, err = eig(a, false)
	return wRe, wIm, err
}

func eig(a *tensor.Array, vectors bool) (wRe, wIm, vRe, vIm *tensor.Array, err error) {
	s, err := readStack(a, true)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if classify(s.data) != allFinite { // gonum's balancing would never end
		return nil, nil, nil, nil, errNonFinite()
	}
	n := s.n
	c := s.count()
	wr, wi := make([]float64, c*n), make([]float64, c*n)
	vr, vi := make([]float64, c*n*n), make([]float64, c*n*n)
	jobvr := lapack.RightEVNone
	if vectors {
		jobvr = lapack.RightEVCompute
	}
	for i := range c {
		if n == 0 {
			continue
		}
		g := blas64.General{Rows: n, Cols: n, Stride: n, Data: append([]float64(nil), s.matrix(i).Data...)}
		vecs := blas64.General{Rows: n, Cols: n, Stride: n, Data: make([]float64, n*n)}
		if !lapackOK(func() bool {
			work := make([]float64, max(1, 8*n))
			return lapack64.Geev(lapack.LeftEVNone, jobvr, g, wr[i*n:(i+1)*n], wi[i*n:(i+1)*n],
				blas64.General{Stride: 1}, vecs, work, len(work)) == 0
		}) {
			return nil, nil, nil, nil, errorf("Eigenvalues did not converge")
		}
		if !vectors {
			continue
		}
		// geev packs a complex pair's vectors as two real columns:
		// v_j = col j + i·col j+1, v_j+1 its conjugate.
		for j := 0; j < n; j++ {
			if wi[i*n+j] == 0 {
				for r := range n {
					vr[i*n*n+r*n+j] = vecs.Data[r*n+j]
				}
				continue
			}
			for r := range n {
				re, im := vecs.Data[r*n+j], vecs.Data[r*n+j+1]
				vr[i*n*n+r*n+j], vi[i*n*n+r*n+j] = re, im
				vr[i*n*n+r*n+j+1], vi[i*n*n+r*n+j+1] = re, -im
			}
			j++
		}
	}
	wRe, wIm = s.build(wr, s.shape(n)...), s.build(wi, s.shape(n)...)
	if vectors {
		vRe, vIm = s.build(vr, s.shape(n, n)...), s.build(vi, s.shape(n, n)...)
	}
	return wRe, wIm, vRe, vIm, nil
}
