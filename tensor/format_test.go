package tensor

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// formatCase is one case of testdata/format_cases.json, written by
// testdata/gen_format.py from NumPy's repr.
type formatCase struct {
	Name  string   `json:"name"`
	DType string   `json:"dtype"`
	Shape []int    `json:"shape"`
	Data  []string `json:"data"`
	Repr  string   `json:"repr"`
}

func loadFormatCases(t *testing.T) []formatCase {
	t.Helper()
	b, err := os.ReadFile("testdata/format_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []formatCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	return cases
}

// host returns the case's dtype and its elements as a Go slice.
func (c formatCase) host(t *testing.T) (DType, any) {
	t.Helper()
	dt, err := dtype.Parse(c.DType)
	if err != nil {
		t.Fatal(err)
	}
	host := newHostSlice(dt, len(c.Data))
	for i, s := range c.Data {
		var err error
		switch h := host.(type) {
		case []bool:
			h[i] = s == "True"
		case []int32:
			var v int64
			v, err = strconv.ParseInt(s, 10, 32)
			h[i] = int32(v)
		case []int64:
			h[i], err = strconv.ParseInt(s, 10, 64)
		case []float32:
			var v float64
			v, err = strconv.ParseFloat(s, 64)
			h[i] = float32(v)
		case []float64:
			h[i], err = strconv.ParseFloat(s, 64)
		}
		if err != nil {
			t.Fatalf("%s: element %d: %v", c.Name, i, err)
		}
	}
	return dt, host
}

// TestFormatNumPy checks formatArray against NumPy's repr of every case.
func TestFormatNumPy(t *testing.T) {
	for _, c := range loadFormatCases(t) {
		dt, host := c.host(t)
		if got := formatArray(dt, c.Shape, host); got != c.Repr {
			t.Errorf("%s: shape %v\ngot:\n%s\nwant (NumPy):\n%s", c.Name, c.Shape, got, c.Repr)
		}
	}
}

// TestFormatString checks Array.String on a device against the same cases:
// the summarised ones take the path that reads back only the corners.
func TestFormatString(t *testing.T) {
	dev := device.MustGet("cpu-loop")
	for _, c := range loadFormatCases(t) {
		_, host := c.host(t)
		a := On(dev).FromHost(host, append([]int{}, c.Shape...)...)
		if got := a.String(); got != c.Repr {
			t.Errorf("%s: shape %v\ngot:\n%s\nwant (NumPy):\n%s", c.Name, c.Shape, got, c.Repr)
		}
	}
}

// TestFormatViews prints strided, reversed and offset views, summarised
// and not: String must print the view's elements, not its storage's.
func TestFormatViews(t *testing.T) {
	dev := device.MustGet("cpu-loop")
	for _, shape := range [][]int{{3, 4}, {40, 50}, {2, 30, 30}, {7, 1, 200}} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		base := On(dev).Arange(Int64, 0, float64(n), 1).Reshape(shape...)
		views := map[string]*Array{
			"transpose": base.Transpose(),
			"reversed":  base.Get(Colon.Step(-1)),
			"stepped":   base.Get(From(1).Step(2)),
			"offset":    base.Get(From(1)),
		}
		for name, v := range views {
			want := formatArray(v.DType(), v.Shape(), v.Data())
			if got := v.String(); got != want {
				t.Errorf("%v %s:\ngot:\n%s\nwant:\n%s", shape, name, got, want)
			}
		}
	}
}

// TestFormatKnown pins a few outputs in the text, so that a reader sees
// what String prints (each is also a NumPy case in the testdata).
func TestFormatKnown(t *testing.T) {
	dev := device.MustGet("cpu-loop")
	for _, c := range []struct {
		a    *Array
		want string
	}{
		{On(dev).FromHost([]float32{1, 2, 3, 4}, 2, 2), "array([[1., 2.],\n       [3., 4.]], dtype=float32)"},
		{On(dev).FromHost([]float64{3.5}, []int{}...), "array(3.5)"},
		{On(dev).FromHost([]float32{}), "array([], dtype=float32)"},
		{On(dev).Zeros(Float64, 0, 3), "array([], shape=(0, 3), dtype=float64)"},
		{On(dev).FromHost([]bool{true, false}), "array([ True, False])"},
		{On(dev).FromHost([]int32{1, -20}), "array([  1, -20], dtype=int32)"},
		{On(dev).Arange(Int64, 0, 2000, 1), "array([   0,    1,    2, ..., 1997, 1998, 1999])"},
	} {
		if got := c.a.String(); got != c.want {
			t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
		}
	}
}

// TestFormatCornersMatchFull checks that the corner-only path of String
// and formatArray over all the data agree on summarised arrays of every
// dtype.
func TestFormatCornersMatchFull(t *testing.T) {
	dev := device.MustGet("cpu-loop")
	for _, dt := range dtype.All {
		for _, shape := range [][]int{{1001}, {3, 400}, {11, 13, 17}} {
			n := 1
			for _, d := range shape {
				n *= d
			}
			a := On(dev).Arange(Int64, 0, float64(n), 1).Reshape(shape...)
			a = a.AsType(dt)
			full := formatArray(dt, shape, a.Data())
			if got := a.String(); got != full {
				t.Errorf("%v %v:\ngot:\n%s\nwant:\n%s", dt, shape, got, full)
			}
			if !strings.Contains(full, "...") {
				t.Errorf("%v %v: not summarised:\n%s", dt, shape, full)
			}
		}
	}
}
