package linalg

import (
	"math"
	"runtime"
)

// gonum's LAPACK is not safe on every input: on a matrix holding NaN or
// ±Inf its eigenvalue balancing and its SVD iterations can loop forever,
// and its argument checks panic with strings such as "lapack: cfrom is
// NaN". Every call into it goes through the two guards of this file:
// classify, in front of the call, finds the non-finite input each function
// then treats as NumPy does (refused, or a NaN result computed without
// LAPACK); lapackOK, around the call, turns whatever gonum still panics
// with into the caller's LinAlgError.

// finiteness says whether a matrix holds non-finite values.
type finiteness int

const (
	allFinite finiteness = iota // every value finite
	hasInf                      // some ±Inf, no NaN
	hasNaN                      // some NaN (maybe ±Inf too)
)

// classify scans data for NaN and ±Inf.
func classify(data []float64) finiteness {
	f := allFinite
	for _, v := range data {
		if v-v != 0 { // NaN or ±Inf: one comparison per value
			if math.IsNaN(v) {
				return hasNaN
			}
			f = hasInf
		}
	}
	return f
}

// errNonFinite is NumPy's LinAlgError for the functions that refuse
// non-finite input outright (eig, eigvals).
func errNonFinite() *Error { return errorf("Array must not contain infs or NaNs") }

// lapackOK runs call, one call (or sequence of calls) into gonum's LAPACK,
// and returns its result; a panic from gonum — its argument checks panic
// with a string, and its code can fail with a runtime error on input it
// does not expect — is reported as false, so that the caller returns its
// LinAlgError ("SVD did not converge", ...) instead of crashing. Other
// panics (numgl's own typed errors) pass through.
func lapackOK(call func() bool) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case string, runtime.Error:
				ok = false
			default:
				panic(r)
			}
		}
	}()
	return call()
}

// nans returns n NaNs.
func nans(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
