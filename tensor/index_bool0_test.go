package tensor

import (
	"slices"
	"strings"
	"testing"
)

// TestGoBoolIndex checks that a Go bool indexes as NumPy's a[True] and
// a[False] (the conformance cases cover 0-d bool arrays), on every
// device, and that a single whole-shape mask refuses a value of two axes
// as NumPy does.
func TestGoBoolIndex(t *testing.T) {
	for _, dev := range openDevices(t) {
		a := On(dev).Arange(Int64, 0, 12, 1).Reshape(3, 4)
		for _, c := range []struct {
			items []any
			shape []int
		}{
			{[]any{true}, []int{1, 3, 4}},
			{[]any{false}, []int{0, 3, 4}},
			{[]any{Colon, true}, []int{3, 1, 4}},
			{[]any{true, []int{0, 2}}, []int{2, 4}},
			{[]any{true, Colon, []int{0, 2}}, []int{2, 3}},
		} {
			if got := a.Get(c.items...).Shape(); !slices.Equal(got, c.shape) {
				t.Errorf("%s: a%v has shape %v, want %v", dev.Name(), c.items, got, c.shape)
			}
		}
		b := a.Copy()
		b.Set(FromSliceOn(dev, []int64{9}), true, 1)
		if got := ToSlice[int64](b.Get(1)); !slices.Equal(got, []int64{9, 9, 9, 9}) {
			t.Errorf("%s: b[True, 1] = [9] gave row %v", dev.Name(), got)
		}
		e := catch(func() { b.Set(On(dev).Ones(Int64, 1, 12), b.GreaterEqual(0)) })
		if e == nil || e.Kind != ValueError || !strings.Contains(e.Error(), "requires a 0 or 1-dimensional input, input has 2 dimensions") {
			t.Errorf("%s: b[b >= 0] = ones((1, 12)): got %v, want NumPy's refusal", dev.Name(), e)
		}
	}
}
