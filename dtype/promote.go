package dtype

// promotion is NumPy's result_type for two array dtypes, as data: row and
// column in the order Invalid, Bool, Int32, Int64, Float32, Float64.
// testdata/promote.json, written by NumPy, is the reference it is tested
// against. Note int32 or int64 with float32 give float64.
var promotion = [6][6]DType{
	Bool:    {0, Bool, Int32, Int64, Float32, Float64},
	Int32:   {0, Int32, Int32, Int64, Float64, Float64},
	Int64:   {0, Int64, Int64, Int64, Float64, Float64},
	Float32: {0, Float32, Float64, Float64, Float32, Float64},
	Float64: {0, Float64, Float64, Float64, Float64, Float64},
}

// Promote returns the smallest dtype both a and b convert to safely:
// NumPy's result_type for two array operands. It returns Invalid if either
// is invalid.
func Promote(a, b DType) DType {
	if !a.Valid() || !b.Valid() {
		return Invalid
	}
	return promotion[a][b]
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
