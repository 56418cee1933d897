package lu

// The triangular solves with many right-hand sides are recursive: the
// triangle is split in two, one half solved, the other half's right-hand
// sides updated by a GEMM with the off-diagonal block, and the second half
// solved. All but the leaves' flops (about m·leafWidth·nb of m²·nb) are
// GEMM flops.

// trsmLowerUnit overwrites the m×nb row-major B (row stride ldb) with
// L⁻¹·B, where L is the m×m unit lower triangle of l (row stride ldl;
// the diagonal and upper triangle are not read). It is BLAS dtrsm with
// side L, uplo L, no transpose, unit diagonal.
func trsmLowerUnit(m, nb int, l []float64, ldl int, b []float64, ldb int) {
	if m <= leafWidth {
		// Forward substitution: row i of X is B_i − Σ_{p<i} L_ip X_p.
		for i := 1; i < m; i++ {
			subMul(1, nb, i, l[i*ldl:], ldl, b, ldb, b[i*ldb:], ldb)
		}
		return
	}
	m1 := split(m)
	trsmLowerUnit(m1, nb, l, ldl, b, ldb)
	gemmSub(m-m1, nb, m1, l[m1*ldl:], ldl, b, ldb, b[m1*ldb:], ldb)
	trsmLowerUnit(m-m1, nb, l[m1*ldl+m1:], ldl, b[m1*ldb:], ldb)
}

// trsmUpper overwrites the m×nb row-major B (row stride ldb) with U⁻¹·B,
// where U is the m×m upper triangle of u (row stride ldu; the strict
// lower triangle is not read) with no zero on its diagonal. It is BLAS
// dtrsm with side L, uplo U, no transpose, non-unit diagonal (dividing by
// the diagonal as multiplying by its reciprocal).
func trsmUpper(m, nb int, u []float64, ldu int, b []float64, ldb int) {
	if m <= leafWidth {
		// Back substitution: row i of X is (B_i − Σ_{p>i} U_ip X_p) / U_ii.
		for i := m - 1; i >= 0; i-- {
			if i+1 < m {
				subMul(1, nb, m-1-i, u[i*ldu+i+1:], ldu, b[(i+1)*ldb:], ldb, b[i*ldb:], ldb)
			}
			scal(1/u[i*ldu+i], b[i*ldb:i*ldb+nb])
		}
		return
	}
	m1 := split(m)
	trsmUpper(m-m1, nb, u[m1*ldu+m1:], ldu, b[m1*ldb:], ldb)
	gemmSub(m1, nb, m-m1, u[m1:], ldu, b[m1*ldb:], ldb, b, ldb)
	trsmUpper(m1, nb, u, ldu, b, ldb)
}

// scal sets x *= alpha.
func scal(alpha float64, x []float64) {
	for i := range x {
		x[i] *= alpha
	}
}
