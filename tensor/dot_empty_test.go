package tensor

import (
	"slices"
	"testing"
)

// TestDotInnerEmptyAxis checks Dot and Inner with a zero-length contracted
// axis on every device: zeros of the result's shape and dtype, as NumPy
// gives (np.dot(np.ones((2,0)), np.ones((0,3))) is zeros((2,3))).
func TestDotInnerEmptyAxis(t *testing.T) {
	cases := []struct {
		name string
		f    func(a, b *Array) *Array
		a, b []int
		want []int
	}{
		{"dot 2d", Dot, []int{2, 0}, []int{0, 3}, []int{2, 3}},
		{"dot 1d", Dot, []int{0}, []int{0}, []int{}},
		{"dot 2d·1d", Dot, []int{2, 0}, []int{0}, []int{2}},
		{"dot nd", Dot, []int{2, 3, 0}, []int{4, 0, 5}, []int{2, 3, 4, 5}},
		{"dot nd·1d", Dot, []int{2, 3, 0}, []int{0}, []int{2, 3}},
		{"dot empty batch", Dot, []int{0, 3, 2}, []int{2, 2}, []int{0, 3, 2}},
		{"inner 2d", Inner, []int{2, 0}, []int{3, 0}, []int{2, 3}},
		{"inner 1d", Inner, []int{0}, []int{0}, []int{}},
		{"inner nd·1d", Inner, []int{2, 4, 0}, []int{0}, []int{2, 4}},
		{"inner nd", Inner, []int{2, 4, 0}, []int{3, 0}, []int{2, 4, 3}},
	}
	for _, dev := range openDevices(t) {
		for _, dt := range []DType{Float32, Float64, Int32} {
			for _, c := range cases {
				f := On(dev)
				got := c.f(f.Ones(dt, c.a...), f.Ones(dt, c.b...))
				if !slices.Equal(got.Shape(), c.want) || got.DType() != dt {
					t.Errorf("%s %s %v: %v·%v gave %v %v, want %v", dev.Name(), c.name, dt, c.a, c.b, got.Shape(), got.DType(), c.want)
					continue
				}
				for i, v := range ToSlice[float64](got) {
					if v != 0 {
						t.Errorf("%s %s %v: element %d is %v, want 0", dev.Name(), c.name, dt, i, v)
						break
					}
				}
			}
		}
	}
}
