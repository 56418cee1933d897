package tensor

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestSetScalarPythonRules assigns Go floats and ints to integer arrays
// through every kind of index on every device: NumPy 1.24's verdicts
// (/usr/bin/python3: a = np.zeros(3, np.int32); a[0] = v), and nothing
// written when the assignment is refused.
func TestSetScalarPythonRules(t *testing.T) {
	refused := []struct {
		v   any
		msg string
	}{
		{math.NaN(), "cannot convert float NaN to integer"},
		{float32(math.NaN()), "cannot convert float NaN to integer"},
		{math.Inf(1), "cannot convert float infinity to integer"},
		{math.Inf(-1), "cannot convert float infinity to integer"},
		{1e20, "Python int too large to convert to C long"},
		{9.3e18, "Python int too large to convert to C long"},
		{0x1p63, "Python int too large to convert to C long"},
	}
	items := [][]any{{0}, {S(0, 2)}, {[]int{0, 2}}, {[]bool{true, false, true}}, {}}
	for _, dev := range openDevices(t) {
		for _, dt := range []DType{Int32, Int64} {
			for _, c := range refused {
				for _, it := range items {
					a := On(dev).FromHost([]int64{1, 2, 3}).AsType(dt)
					e := catch(func() { a.Set(c.v, it...) })
					if e == nil || e.Kind != ValueError || !strings.Contains(e.Error(), c.msg) {
						t.Errorf("%s %v: Set(%v, %v): got %v, want ValueError %q", dev.Name(), dt, c.v, it, e, c.msg)
					}
					if got := ToSlice[int64](a); !slices.Equal(got, []int64{1, 2, 3}) {
						t.Errorf("%s %v: refused Set(%v, %v) wrote %v", dev.Name(), dt, c.v, it, got)
					}
				}
			}
		}
		// NumPy 1.24's accepted values: truncation toward zero, then
		// int64 wrapping to int32.
		accepted := []struct {
			dt   DType
			v    any
			want int64
		}{
			{Int32, 3e9, -1294967296},
			{Int32, -3e9, 1294967296},
			{Int32, 0x1p31, math.MinInt32},
			{Int32, -0x1p31 - 1, math.MaxInt32},
			{Int32, -0x1p63, 0},
			{Int32, 2.9, 2},
			{Int32, float32(-2.5), -2},
			{Int64, 3e9, 3000000000},
			{Int64, -0x1p63, math.MinInt64},
			{Int64, 1 << 40, 1 << 40},
			{Bool, math.NaN(), 1},
			{Float32, 1 << 40, 1 << 40},
		}
		for _, c := range accepted {
			for _, it := range items {
				a := On(dev).Zeros(c.dt, 3)
				a.Set(c.v, it...)
				if got := ToSlice[int64](a)[0]; got != c.want {
					t.Errorf("%s %v: Set(%v, %v): a[0] = %d, want %d", dev.Name(), c.dt, c.v, it, got, c.want)
				}
			}
		}
		// A Go int int32 cannot hold: NEP 50's error (NumPy 1.24 wraps
		// it with a DeprecationWarning announcing this error).
		a := On(dev).Zeros(Int32, 3)
		e := catch(func() { a.Set(1<<40, 0) })
		if e == nil || e.Kind != ValueError || !strings.Contains(e.Error(), "Python integer 1099511627776 out of bounds for int32") {
			t.Errorf("%s: int32 Set(1<<40): got %v", dev.Name(), e)
		}
	}
}

// TestFullCastsAsAsType checks Full against NumPy's np.full(3, v,
// dtype=dt), which casts as astype does (INT_MIN for NaN on x86), and
// AsType against the same values, on every device.
func TestFullCastsAsAsType(t *testing.T) {
	cases := []struct {
		dt   DType
		v    any
		want int64
	}{
		{Int32, math.NaN(), math.MinInt32},
		{Int32, math.Inf(1), math.MinInt32},
		{Int32, 1e20, math.MinInt32},
		{Int32, 3e9, math.MinInt32},
		{Int32, -3e9, math.MinInt32},
		{Int32, 2.5, 2},
		{Int32, -2.5, -2},
		{Int32, 1 << 40, 0},
		{Int64, math.NaN(), math.MinInt64},
		{Int64, math.Inf(-1), math.MinInt64},
		{Int64, 1e20, math.MinInt64},
		{Int64, 3e9, 3000000000},
		{Bool, math.NaN(), 1},
		{Bool, 0.0, 0},
	}
	for _, dev := range openDevices(t) {
		for _, c := range cases {
			if got := ToSlice[int64](On(dev).Full(c.dt, c.v, 3)); !slices.Equal(got, []int64{c.want, c.want, c.want}) {
				t.Errorf("%s: Full(%v, %v) = %v, want %d", dev.Name(), c.dt, c.v, got, c.want)
			}
			if f, ok := c.v.(float64); ok {
				got := ToSlice[int64](On(dev).FromHost([]float64{f}).AsType(c.dt))[0]
				if got != c.want {
					t.Errorf("%s: [%v].AsType(%v) = %d, want %d", dev.Name(), f, c.dt, got, c.want)
				}
			}
		}
	}
}
