package conformance

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/numgl/numgl/tensor"
)

// maxReported is how many differing elements a mismatch lists.
const maxReported = 5

// Close reports whether a float result g matches the expected e:
// |g - e| <= atol + rtol*|e|, NaN matches NaN only, and an infinity
// matches only the same infinity. Both are compared in float64; a
// float32 result is widened exactly, and the expected value is NumPy's
// float32 printed as a double.
func Close(g, e, rtol, atol float64) bool {
	switch {
	case math.IsNaN(e) || math.IsNaN(g):
		return math.IsNaN(e) && math.IsNaN(g)
	case math.IsInf(e, 0) || math.IsInf(g, 0):
		return g == e
	}
	return math.Abs(g-e) <= atol+rtol*math.Abs(e)
}

// Compare checks got against want (FORMAT.md's match rule): dtypes and
// shapes equal, then element by element Close for floats and exact
// equality for integers and bools. The error lists the first differing
// elements with their indices.
func Compare(got *tensor.Array, want *ArrayData, rtol, atol float64) error {
	return CompareHost(got.DType().String(), got.Shape(), got.Data(), want, rtol, atol)
}

// CompareHost is Compare on a result already on the host: its dtype name,
// shape, and C-ordered data as a Go slice ([]float32 for float32).
func CompareHost(gotDType string, gotShape []int, gotData any, want *ArrayData, rtol, atol float64) error {
	if gotDType != want.DType {
		return fmt.Errorf("dtype: got %s, want %s (shape got %s, want %s)", gotDType, want.DType, fmtShape(gotShape), fmtShape(want.Shape))
	}
	if !slices.Equal(gotShape, want.Shape) {
		return fmt.Errorf("shape: got %s, want %s", fmtShape(gotShape), fmtShape(want.Shape))
	}
	wantData, err := want.Elements()
	if err != nil {
		return fmt.Errorf("malformed expected array: %w", err)
	}
	n := len(wantData)
	var bad []string
	nbad := 0
	maxDiff := 0.0
	note := func(i int, g, e string, extra string) {
		nbad++
		if len(bad) < maxReported {
			bad = append(bad, fmt.Sprintf("%s got %s want %s%s", fmtIndex(i, gotShape), g, e, extra))
		}
	}
	switch g := gotData.(type) {
	case []float32:
		if len(g) != n {
			return fmt.Errorf("got %d elements, want %d", len(g), n)
		}
		for i := range g {
			gv, ev := float64(g[i]), wantData[i].Float()
			if !Close(gv, ev, rtol, atol) {
				d := math.Abs(gv - ev)
				maxDiff = max(maxDiff, d)
				note(i, formatFloat(gv), formatFloat(ev), fmt.Sprintf(" (|diff| %.3g > %.3g)", d, atol+rtol*math.Abs(ev)))
			}
		}
	case []float64:
		if len(g) != n {
			return fmt.Errorf("got %d elements, want %d", len(g), n)
		}
		for i := range g {
			gv, ev := g[i], wantData[i].Float()
			if !Close(gv, ev, rtol, atol) {
				d := math.Abs(gv - ev)
				maxDiff = max(maxDiff, d)
				note(i, formatFloat(gv), formatFloat(ev), fmt.Sprintf(" (|diff| %.3g > %.3g)", d, atol+rtol*math.Abs(ev)))
			}
		}
	case []int32:
		if len(g) != n {
			return fmt.Errorf("got %d elements, want %d", len(g), n)
		}
		for i := range g {
			if ev, ok := wantData[i].Int(); !ok || int64(g[i]) != ev {
				note(i, fmt.Sprint(g[i]), wantData[i].String(), "")
			}
		}
	case []int64:
		if len(g) != n {
			return fmt.Errorf("got %d elements, want %d", len(g), n)
		}
		for i := range g {
			if ev, ok := wantData[i].Int(); !ok || g[i] != ev {
				note(i, fmt.Sprint(g[i]), wantData[i].String(), "")
			}
		}
	case []bool:
		if len(g) != n {
			return fmt.Errorf("got %d elements, want %d", len(g), n)
		}
		for i := range g {
			if g[i] != wantData[i].Bool() {
				note(i, fmt.Sprint(g[i]), wantData[i].String(), "")
			}
		}
	default:
		return fmt.Errorf("result data is %T, not a slice of a numgl element type", gotData)
	}
	if nbad == 0 {
		return nil
	}
	msg := fmt.Sprintf("%d of %d elements differ (dtype %s, shape %s, rtol=%g atol=%g", nbad, n, gotDType, fmtShape(gotShape), rtol, atol)
	if maxDiff > 0 {
		msg += fmt.Sprintf(", max |diff| %.3g", maxDiff)
	}
	msg += "): " + strings.Join(bad, "; ")
	if nbad > len(bad) {
		msg += "; ..."
	}
	return fmt.Errorf("%s", msg)
}

// sameData reports whether two host slices hold the same elements
// exactly (floats bit for bit, any NaN equal to any NaN).
func sameData(a, b any) bool {
	switch x := a.(type) {
	case []float32:
		y, ok := b.([]float32)
		return ok && slices.EqualFunc(x, y, func(p, q float32) bool {
			return math.Float32bits(p) == math.Float32bits(q) || (p != p && q != q)
		})
	case []float64:
		y, ok := b.([]float64)
		return ok && slices.EqualFunc(x, y, func(p, q float64) bool {
			return math.Float64bits(p) == math.Float64bits(q) || (p != p && q != q)
		})
	case []int32:
		y, ok := b.([]int32)
		return ok && slices.Equal(x, y)
	case []int64:
		y, ok := b.([]int64)
		return ok && slices.Equal(x, y)
	case []bool:
		y, ok := b.([]bool)
		return ok && slices.Equal(x, y)
	}
	return false
}

// fmtShape formats a shape as NumPy prints it: (), (3,), (2, 3).
func fmtShape(s []int) string {
	parts := make([]string, len(s))
	for i, n := range s {
		parts[i] = fmt.Sprint(n)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// fmtIndex formats the C-order position i in shape as a multi-index.
func fmtIndex(i int, shape []int) string {
	idx := make([]string, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		if shape[d] > 0 {
			idx[d] = fmt.Sprint(i % shape[d])
			i /= shape[d]
		}
	}
	return "[" + strings.Join(idx, ",") + "]"
}
