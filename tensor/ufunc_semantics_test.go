package tensor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
)

// testdata/ufunc_values.json holds NumPy's values for the ufunc edge cases
// (testdata/gen_ufunc_values.py): integer and float floor_divide and
// remainder, power, maximum/minimum with NaN and signed zeros, sign,
// reciprocal, the float functions at their domain edges, wrapping integer
// arithmetic, comparisons and logic with NaN, where and clip.

type ufValueCase struct {
	Name        string   `json:"name"`
	Op          string   `json:"op"`
	DTypes      []string `json:"dtypes"`
	RawArgs     [][]any  `json:"args"`
	DType       string   `json:"dtype"`
	RawOut      []any    `json:"out"`
	AltOut      []any    `json:"alt_out"`
	ULP         int      `json:"ulp"`
	AnyZeroSign []int    `json:"any_zero_sign"`
}

type ufValueTable struct {
	NumPyVersion string         `json:"numpy_version"`
	Cases        []*ufValueCase `json:"cases"`
	Errors       []struct {
		Name, Class, Msg string
	} `json:"errors"`
}

func loadUfuncValues(t *testing.T) *ufValueTable {
	t.Helper()
	raw, err := os.ReadFile("testdata/ufunc_values.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // int64 values beyond 2^53 stay exact
	var tab ufValueTable
	if err := dec.Decode(&tab); err != nil {
		t.Fatal(err)
	}
	if len(tab.Cases) < 100 {
		t.Fatalf("ufunc_values.json has %d cases", len(tab.Cases))
	}
	return &tab
}

// ufFloat decodes a float written by the script: a number, or "nan",
// "inf", "-inf".
func ufFloat(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	case string:
		switch x {
		case "nan":
			return math.NaN()
		case "inf":
			return math.Inf(1)
		case "-inf":
			return math.Inf(-1)
		}
	}
	t.Fatalf("bad float %v", v)
	return 0
}

func ufInt(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("bad int %v", v)
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// ufArray builds a 1-d array of dtype dt from the script's values.
func ufArray(t *testing.T, dt string, vals []any) *Array {
	t.Helper()
	switch dt {
	case "bool":
		s := make([]bool, len(vals))
		for i, v := range vals {
			s[i] = v.(bool)
		}
		return FromSlice(s)
	case "int32":
		s := make([]int32, len(vals))
		for i, v := range vals {
			s[i] = int32(ufInt(t, v))
		}
		return FromSlice(s)
	case "int64":
		s := make([]int64, len(vals))
		for i, v := range vals {
			s[i] = ufInt(t, v)
		}
		return FromSlice(s)
	case "float32":
		s := make([]float32, len(vals))
		for i, v := range vals {
			s[i] = float32(ufFloat(t, v)) // exact: the script wrote a float32 value
		}
		return FromSlice(s)
	case "float64":
		s := make([]float64, len(vals))
		for i, v := range vals {
			s[i] = ufFloat(t, v)
		}
		return FromSlice(s)
	}
	t.Fatalf("dtype %s", dt)
	return nil
}

// ufULPs is the distance between a and b in units in the last place of
// float32 (single) or float64: how many representable values lie between.
func ufULPs(a, b float64, single bool) uint64 {
	key := func(f float64) int64 {
		if single {
			u := int64(math.Float32bits(float32(f)))
			if u&(1<<31) != 0 {
				u = -(u &^ (1 << 31))
			}
			return u
		}
		u := math.Float64bits(f)
		if u>>63 == 1 {
			return -int64(u &^ (1 << 63))
		}
		return int64(u)
	}
	d := key(a) - key(b)
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// TestUfuncValuesMatchNumPy replays every case: the result dtype must be
// NumPy's, integers and bools must be equal, floats equal to the bit
// (signed zeros included) where the case's ulp is 0, and within ulp units
// in the last place of the result dtype otherwise; NaN must be NaN and
// infinities and zeros exact in every case.
func TestUfuncValuesMatchNumPy(t *testing.T) {
	tab := loadUfuncValues(t)
	for _, c := range tab.Cases {
		t.Run(c.Name, func(t *testing.T) {
			args := make([]any, len(c.DTypes))
			for i, dt := range c.DTypes {
				args[i] = ufArray(t, dt, c.RawArgs[i])
			}
			res, e := ufCatch(func() *Array { return ufPublic[c.Op].call(args) })
			if e != nil {
				t.Fatalf("numgl raises %v", e)
			}
			if got := res.DType().String(); got != c.DType {
				t.Fatalf("dtype %s, NumPy %s", got, c.DType)
			}
			loose := map[int]bool{}
			for _, i := range c.AnyZeroSign {
				loose[i] = true
			}
			bad := 0
			report := func(i int, got, want any) {
				bad++
				if bad <= 10 {
					in := ""
					for k := range args {
						in += fmt.Sprintf(" %v", c.RawArgs[k][i])
					}
					t.Errorf("%s(%s): %v, NumPy %v", c.Op, in[1:], got, want)
				}
			}
			switch got := res.Data().(type) {
			case []bool:
				for i, v := range got {
					if want := c.RawOut[i].(bool); v != want {
						report(i, v, want)
					}
				}
			case []int32:
				for i, v := range got {
					if want := ufInt(t, c.RawOut[i]); int64(v) != want {
						report(i, v, want)
					}
				}
			case []int64:
				for i, v := range got {
					if want := ufInt(t, c.RawOut[i]); v != want {
						report(i, v, want)
					}
				}
			case []float32:
				for i, v := range got {
					if want := ufFloat(t, c.RawOut[i]); !ufFloatClose(float64(v), want, c.ULP, true, loose[i]) &&
						!c.altMatches(t, i, float64(v)) {
						report(i, ufDescribe(float64(v), want, true), want)
					}
				}
			case []float64:
				for i, v := range got {
					if want := ufFloat(t, c.RawOut[i]); !ufFloatClose(v, want, c.ULP, false, loose[i]) &&
						!c.altMatches(t, i, v) {
						report(i, ufDescribe(v, want, false), want)
					}
				}
			}
			if bad > 10 {
				t.Errorf("... %d elements differ in all", bad)
			}
		})
	}
}

// ufDescribe formats a wrong float with its distance from NumPy's.
func ufDescribe(got, want float64, single bool) string {
	if got == want {
		return fmt.Sprintf("%v (sign of zero)", got)
	}
	return fmt.Sprintf("%v (%d ulp)", got, ufULPs(got, want, single))
}

// altMatches reports whether got is element i's second accepted answer
// (the exactly rounded one, where NumPy's float32 loop is less exact).
func (c *ufValueCase) altMatches(t *testing.T, i int, got float64) bool {
	if c.AltOut == nil || c.AltOut[i] == nil {
		return false
	}
	return ufFloatClose(got, ufFloat(t, c.AltOut[i]), 0, c.DType == "float32", false)
}

// ufFloatClose compares got with NumPy's want: NaN with NaN, infinities
// and zeros exactly (the sign of zero too, unless anyZeroSign), and other
// values within ulp units in the last place.
func ufFloatClose(got, want float64, ulp int, single, anyZeroSign bool) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || want == 0:
		return got == want && (anyZeroSign || math.Signbit(got) == math.Signbit(want))
	}
	return ufULPs(got, want, single) <= uint64(ulp)
}

// TestUfuncValueErrorsMatchNumPy: an integer power with a negative
// integer exponent is refused, as NumPy refuses it, and nothing is
// written to an out= array.
func TestUfuncValueErrorsMatchNumPy(t *testing.T) {
	tab := loadUfuncValues(t)
	calls := map[string]func() *Array{
		"power int32 negative exponent": func() *Array {
			return Power(FromSlice([]int32{2, 3}), FromSlice([]int32{1, -1}))
		},
		"power int64 negative scalar": func() *Array { return Power(FromSlice([]int64{2}), -1) },
		"power bool negative scalar":  func() *Array { return Power(FromSlice([]bool{true}), -2) },
	}
	if len(tab.Errors) != len(calls) {
		t.Errorf("%d NumPy error cases, %d numgl calls", len(tab.Errors), len(calls))
	}
	for _, c := range tab.Errors {
		f := calls[c.Name]
		if f == nil {
			t.Errorf("%s: no numgl call", c.Name)
			continue
		}
		_, e := ufCatch(f)
		if e == nil || e.Kind != ValueError || e.Msg != c.Msg {
			t.Errorf("%s: %v, NumPy raises %s: %s", c.Name, e, c.Class, c.Msg)
		}
	}
	dst := FromSlice([]int64{7, 7})
	if _, e := ufCatch(func() *Array { return PowerInto(dst, FromSlice([]int64{2, 2}), FromSlice([]int64{3, -1})) }); e == nil {
		t.Error("PowerInto with a negative exponent did not panic")
	}
	if got := dst.Data().([]int64); got[0] != 7 || got[1] != 7 {
		t.Errorf("PowerInto wrote %v before refusing", got)
	}
}
