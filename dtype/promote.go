package dtype

// Promote returns the smallest dtype both a and b convert to safely:
// NumPy's result_type for two array operands. bool < int32 < int64 and
// float32 < float64 in order; an integer meets a float at the float that
// holds it exactly (int32 or int64 with float32 give float64, as in NumPy).
func Promote(a, b DType) DType {
	if a == b {
		return a
	}
	if a > b {
		a, b = b, a
	}
	// Now a < b in the order Bool, Int32, Int64, Float32, Float64.
	if a.IsInt() && b == Float32 {
		return Float64
	}
	return b
}

// ResultType folds Promote over dts (NumPy's result_type for arrays). It
// returns Invalid for no dtypes.
func ResultType(dts ...DType) DType {
	if len(dts) == 0 {
		return Invalid
	}
	r := dts[0]
	for _, d := range dts[1:] {
		r = Promote(r, d)
	}
	return r
}
