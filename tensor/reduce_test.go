package tensor

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
)

// numpyArray is an array as the testdata scripts write it.
type numpyArray struct {
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
	Data  []any  `json:"data"`
	Error string `json:"error"`
	Msg   string `json:"msg"`
}

func loadReduceCases(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile("testdata/reduce.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func numpyCase(t *testing.T, m map[string]json.RawMessage, name string) numpyArray {
	t.Helper()
	var a numpyArray
	if err := json.Unmarshal(m[name], &a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return a
}

func (e numpyArray) floats() []float64 {
	out := make([]float64, len(e.Data))
	for i, v := range e.Data {
		switch x := v.(type) {
		case float64:
			out[i] = x
		case bool:
			if x {
				out[i] = 1
			}
		case string:
			switch x {
			case "nan":
				out[i] = math.NaN()
			case "inf":
				out[i] = math.Inf(1)
			case "-inf":
				out[i] = math.Inf(-1)
			}
		}
	}
	return out
}

// checkAgainst compares got with NumPy's array: dtype, shape, and values
// within rtol (NaN equals NaN).
func checkAgainst(t *testing.T, name string, got *Array, want numpyArray, rtol float64) {
	t.Helper()
	if got.DType().String() != want.DType || !slices.Equal(got.Shape(), want.Shape) {
		t.Errorf("%s: %v %v, NumPy %s %v", name, got.DType(), got.Shape(), want.DType, want.Shape)
		return
	}
	g := ToSlice[float64](got)
	for i, w := range want.floats() {
		ok := g[i] == w || (math.IsNaN(g[i]) && math.IsNaN(w)) || math.Abs(g[i]-w) <= rtol*math.Abs(w)
		if !ok {
			t.Errorf("%s: element %d = %v, NumPy %v", name, i, g[i], w)
		}
	}
}

// TestFloat32SumAccuracy: the float32 sum of a million 0.1s matches NumPy's
// (pairwise) to 1e-6 relative; a naive running float32 sum is ~1% off.
func TestFloat32SumAccuracy(t *testing.T) {
	m := loadReduceCases(t)
	tenth := Full(Float32, 0.1, 1_000_000)
	checkAgainst(t, "sum", tenth.Sum(), numpyCase(t, m, "sum_million_tenths_f32"), 1e-6)
	checkAgainst(t, "mean", tenth.Mean(), numpyCase(t, m, "mean_million_tenths_f32"), 1e-6)

	// On values of mixed magnitude numgl is at least as close to the
	// exact sum as NumPy.
	n := 1 << 20
	x := make([]float32, n)
	for i := range x {
		scale := math.Pow10(i%7 - 3)
		x[i] = float32(float64((int64(i)*7919)%10007-5003) / 1000.0 * scale)
	}
	var exact float64
	if err := json.Unmarshal(m["mixed_sum_exact"], &exact); err != nil {
		t.Fatal(err)
	}
	np := numpyCase(t, m, "mixed_sum_f32").floats()[0]
	got := float64(FromSlice(x).Sum().Item().(float32))
	if math.Abs(got-exact) > math.Abs(np-exact) {
		t.Errorf("mixed sum %v is further from the exact %v than NumPy's %v", got, exact, np)
	}
}

func TestReductionsNaN(t *testing.T) {
	m := loadReduceCases(t)
	a := FromSlice([]float64{1, math.NaN(), 3, 4, 5, 6}, 2, 3)
	fns := map[string]func(*Array, ...ReduceOption) *Array{
		"max": Max, "min": Min, "sum": Sum, "mean": Mean, "argmax": ArgMax, "argmin": ArgMin,
	}
	for name, f := range fns {
		checkAgainst(t, name+" all", f(a), numpyCase(t, m, "nan_"+name+"_all"), 1e-15)
		checkAgainst(t, name+" axis0", f(a, Axis(0)), numpyCase(t, m, "nan_"+name+"_axis0"), 1e-15)
		checkAgainst(t, name+" axis1", f(a, Axis(1)), numpyCase(t, m, "nan_"+name+"_axis1"), 1e-15)
	}
	ties := FromSlice([]int32{3, 7, 7, 1, 1, 7})
	checkAgainst(t, "argmax ties", ties.ArgMax(), numpyCase(t, m, "ties_argmax"), 0)
	checkAgainst(t, "argmin ties", ties.ArgMin(), numpyCase(t, m, "ties_argmin"), 0)
}

func TestEmptyReductions(t *testing.T) {
	m := loadReduceCases(t)
	e := Zeros(Float32, 0, 3)
	checkAgainst(t, "sum all", e.Sum(), numpyCase(t, m, "empty_sum_all"), 0)
	checkAgainst(t, "sum axis0", e.Sum(0), numpyCase(t, m, "empty_sum_axis0"), 0)
	checkAgainst(t, "prod axis0", e.Prod(0), numpyCase(t, m, "empty_prod_axis0"), 0)
	checkAgainst(t, "any axis0", e.Any(0), numpyCase(t, m, "empty_any_axis0"), 0)
	checkAgainst(t, "all axis0", e.All(0), numpyCase(t, m, "empty_all_axis0"), 0)
	checkAgainst(t, "mean axis0", e.Mean(0), numpyCase(t, m, "empty_mean_axis0"), 0)
	checkAgainst(t, "max axis1", e.Max(1), numpyCase(t, m, "empty_max_axis1"), 0)
	checkAgainst(t, "cumsum", e.CumSum(0), numpyCase(t, m, "empty_cumsum"), 0)
	for name, f := range map[string]func(){
		"empty_max_axis0":    func() { e.Max(0) },
		"empty_min_all":      func() { e.Min() },
		"empty_argmax_all":   func() { e.ArgMax() },
		"empty_argmin_axis0": func() { e.ArgMin(0) },
	} {
		want := numpyCase(t, m, name)
		err := catch(f)
		if err == nil || err.Msg != want.Msg || err.Kind != ValueError {
			t.Errorf("%s: got %v, NumPy %s: %s", name, err, want.Error, want.Msg)
		}
	}
}

func TestReductionDTypes(t *testing.T) {
	m := loadReduceCases(t)
	a := FromSlice([]int32{1, 2, 3, 4, 5, 6}, 2, 3)
	checkAgainst(t, "sum", a.Sum(0), numpyCase(t, m, "int_sum"), 0)
	checkAgainst(t, "prod", a.Prod(0), numpyCase(t, m, "int_prod"), 0)
	checkAgainst(t, "mean", a.Mean(0), numpyCase(t, m, "int_mean"), 1e-15)
	checkAgainst(t, "var", a.Var(0), numpyCase(t, m, "int_var"), 1e-15)
	checkAgainst(t, "std", a.Std(0), numpyCase(t, m, "int_std"), 1e-15)
	checkAgainst(t, "max", a.Max(0), numpyCase(t, m, "int_max"), 0)
	checkAgainst(t, "cumsum", a.CumSum(0), numpyCase(t, m, "int_cumsum"), 0)
	checkAgainst(t, "cumprod", a.CumProd(0), numpyCase(t, m, "int_cumprod"), 0)
	checkAgainst(t, "bool sum", FromSlice([]bool{true, false, true}).Sum(), numpyCase(t, m, "bool_sum"), 0)
	checkAgainst(t, "ddof1", Var(a, Axis(1), DDof(1)), numpyCase(t, m, "var_ddof1"), 1e-15)
	checkAgainst(t, "ddof3", Var(a, Axis(1), DDof(3)), numpyCase(t, m, "var_ddof3"), 0)
	big := FromSlice([]int64{1 << 62, 1 << 62, -5}).Sum()
	if got, want := big.Item().(int64), int64(math.MaxInt64-4); got != want {
		t.Errorf("int64 sum wraps like NumPy's: got %d, want %d", got, want)
	}
}

func TestReductionOptions(t *testing.T) {
	a := Arange(Float64, 0, 24, 1).Reshape(2, 3, 4)
	s := Sum(a, Axis(0, -1), KeepDims)
	if !slices.Equal(s.Shape(), []int{1, 3, 1}) {
		t.Fatalf("keepdims shape %v", s.Shape())
	}
	if got := s.Data().([]float64); !slices.Equal(got, []float64{60, 92, 124}) {
		t.Errorf("sum over (0, -1): %v", got)
	}
	if got := Sum(a, Axis()).Shape(); !slices.Equal(got, []int{2, 3, 4}) {
		t.Errorf("axis=() reduces nothing, got shape %v", got)
	}
	dst := Zeros(Float32, 3)
	if r := Sum(a, Axis(0, 2), Out(dst)); r != dst || dst.Float(2) != 124 {
		t.Errorf("Out: %v", dst)
	}
	if e := catch(func() { Sum(a, Axis(0), Out(dst)) }); e == nil || e.Kind != ShapeError {
		t.Errorf("Out of the wrong shape: %v", e)
	}
	if e := catch(func() { Sum(a, Axis(0, 0)) }); e == nil || e.Kind != AxisError || e.Msg != "repeated axis" {
		t.Errorf("repeated axis: %v", e)
	}
	if e := catch(func() { Sum(a, Axis(3)) }); e == nil || e.Msg != "axis 3 is out of bounds for array of dimension 3" {
		t.Errorf("axis out of range: %v", e)
	}
	am := ArgMax(a, KeepDims)
	if !slices.Equal(am.Shape(), []int{1, 1, 1}) || am.Item(0, 0, 0).(int64) != 23 {
		t.Errorf("argmax keepdims: %v", am)
	}
}
