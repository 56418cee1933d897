package dtype

import (
	"encoding/json"
	"os"
	"testing"
)

// TestPromoteMatchesNumPy compares Promote with NumPy's result_type for
// every pair, from a table NumPy wrote (testdata/gen_promote.py).
func TestPromoteMatchesNumPy(t *testing.T) {
	raw, err := os.ReadFile("testdata/promote.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		ResultType [][3]string `json:"result_type"`
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.ResultType) != 25 {
		t.Fatalf("table has %d pairs, want 25", len(table.ResultType))
	}
	for _, row := range table.ResultType {
		a, b, want := mustParse(t, row[0]), mustParse(t, row[1]), mustParse(t, row[2])
		if got := Promote(a, b); got != want {
			t.Errorf("Promote(%v, %v) = %v, NumPy says %v", a, b, got, want)
		}
	}
}

func mustParse(t *testing.T, s string) DType {
	d, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNamesAndSizes(t *testing.T) {
	sizes := map[DType]int{Bool: 1, Int32: 4, Int64: 8, Float32: 4, Float64: 8}
	for _, d := range All {
		if got := mustParse(t, d.String()); got != d {
			t.Errorf("Parse(%q) = %v", d.String(), got)
		}
		if d.Size() != sizes[d] {
			t.Errorf("%v.Size() = %d, want %d", d, d.Size(), sizes[d])
		}
	}
	if _, err := Parse("complex128"); err == nil {
		t.Error("Parse(complex128) succeeded")
	}
	if Of([]float32{}) != Float32 || Of([]int{}) != Invalid || For[int32]() != Int32 {
		t.Error("Of/For disagree with the element types")
	}
}

func TestScalarConversions(t *testing.T) {
	s := FloatScalar(-2.7)
	if s.Int() != -2 || !s.Bool() || s.Float() != -2.7 {
		t.Errorf("FloatScalar(-2.7): Int %d Bool %v Float %v", s.Int(), s.Bool(), s.Float())
	}
	if i := IntScalar(1 << 60); i.Int() != 1<<60 || i.Float() != float64(1<<60) {
		t.Errorf("IntScalar(1<<60) lost its value: %d", i.Int())
	}
	if BoolScalar(false).Bool() || !BoolScalar(true).Bool() || BoolScalar(true).Int() != 1 {
		t.Error("BoolScalar conversions")
	}
}
