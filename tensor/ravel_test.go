package tensor

import (
	"slices"
	"testing"
)

// TestRavelViewOrCopy checks Ravel's view/copy rule against NumPy's
// np.shares_memory(a.ravel(), a) for each view, on every device, and
// that Flatten always copies: writes through a copy must not reach a.
func TestRavelViewOrCopy(t *testing.T) {
	for _, dev := range openDevices(t) {
		base := func() *Array { return On(dev).Arange(Float64, 0, 24, 1).Reshape(4, 6) }
		cases := []struct {
			name   string
			view   func(a *Array) *Array
			shared bool // NumPy 1.24's np.shares_memory(v.ravel(), a)
		}{
			{"a", func(a *Array) *Array { return a }, true},
			{"a[1]", func(a *Array) *Array { return a.Get(1) }, true},
			{"a[0, ::2]", func(a *Array) *Array { return a.Get(0, Colon.Step(2)) }, false},
			{"a[1, 1:4]", func(a *Array) *Array { return a.Get(1, S(1, 4)) }, true},
			{"a[:, 0:1][::2]", func(a *Array) *Array { return a.Get(Colon, S(0, 1)).Get(Colon.Step(2)) }, false},
			{"a[1:2, ::2]", func(a *Array) *Array { return a.Get(S(1, 2), Colon.Step(2)) }, false},
			{"a[::-1][:1]", func(a *Array) *Array { return a.Get(Colon.Step(-1)).Get(Upto(1)) }, true},
			{"a[2:3, 1:]", func(a *Array) *Array { return a.Get(S(2, 3), From(1)) }, true},
			{"a.T", func(a *Array) *Array { return a.T() }, false},
			{"a[0, 0]", func(a *Array) *Array { return a.Get(0, 0) }, true},
		}
		for _, c := range cases {
			a := base()
			v := c.view(a)
			want := ToSlice[float64](v)
			r := v.Ravel()
			if r.NDim() != 1 || !slices.Equal(ToSlice[float64](r), want) {
				t.Errorf("%s: %s.Ravel() = %v %v, want 1-d %v", dev.Name(), c.name, r.Shape(), ToSlice[float64](r), want)
			}
			r.Set(-1.0, 0)
			if wrote := Any(a.Equal(-1.0)).Item().(bool); wrote != c.shared {
				t.Errorf("%s: a write through %s.Ravel() reached a: %v, want %v (NumPy's view/copy rule)", dev.Name(), c.name, wrote, c.shared)
			}
			a = base()
			f := c.view(a).Flatten()
			f.Set(-1.0, 0)
			if Any(a.Equal(-1.0)).Item().(bool) {
				t.Errorf("%s: a write through %s.Flatten() reached a", dev.Name(), c.name)
			}
		}
	}
}
