//go:build !amd64 || purego

package lu

// useAVX2 reports whether the assembly kernels may run: never in this
// build.
var useAVX2 = false

// subMul4 sets C ← C − A·B for 4 rows and 8·n8 columns: A is 4×k (row
// stride lda), B k×8·n8 (row stride ldb), C 4×8·n8 (row stride ldc), all
// row-major; k ≥ 1 and n8 ≥ 1. It is
//
//	for i := range 4 {
//		for j := range 8 * n8 {
//			s := c[i*ldc+j]
//			for p := range k {
//				s -= a[i*lda+p] * b[p*ldb+j]
//			}
//			c[i*ldc+j] = s
//		}
//	}
func subMul4(k, n8 int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	subMul4Go(k, n8, a, lda, b, ldb, c, ldc)
}

// subMul1 sets c ← c − a·B for one row: a has k elements, B is k×8·n8
// (row stride ldb) and c 8·n8 elements; k ≥ 1 and n8 ≥ 1. It is
//
//	for j := range 8 * n8 {
//		s := c[j]
//		for p := range k {
//			s -= a[p] * b[p*ldb+j]
//		}
//		c[j] = s
//	}
func subMul1(k, n8 int, a, b []float64, ldb int, c []float64) {
	subMul1Go(k, n8, a, b, ldb, c)
}

// leafPass does one step of the leaf's elimination on the rows below the
// pivot: for each of rows rows of the w-column panel a (row stride lda)
// it scales the entry of column j by the pivot piv into its multiplier l
// and subtracts l·u[q] from the entries of the columns q > j, u being the
// pivot's row; when next, it returns the first row whose updated column
// j+1 is largest in magnitude (NaNs passed over; 0 when none is larger
// than -1), the next pivot, and 0 otherwise.
func leafPass(rows, w int, a []float64, lda, j int, piv float64, u []float64, next bool) int {
	return leafPassGo(rows, w, a, lda, j, piv, u, next)
}

// dot returns Σ x[i]·y[i] over x (len(y) ≥ len(x)), in several partial
// sums.
func dot(x, y []float64) float64 { return dotGo(x, y) }
