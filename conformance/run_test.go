package conformance

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/internal/numerr"
	"github.com/numgl/numgl/tensor"
)

func parseCase(t *testing.T, js string) *Case {
	t.Helper()
	var c Case
	if err := json.Unmarshal([]byte(js), &c); err != nil {
		t.Fatalf("parsing %s: %v", js, err)
	}
	return &c
}

const arr23 = `{"array": {"dtype": "float64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}}`

// TestRunVerdicts checks that the runner fails what it must fail and skips
// what it must skip, not only that it passes good cases.
func TestRunVerdicts(t *testing.T) {
	dev := cpuLoop(t)

	// Ops that misbehave on purpose.
	fakes := map[string]Op{
		"test.mutate_then_error": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			args[0].Array.Set(99.0, 0)
			panic(numerr.New(numerr.Shape, "too late: the input was written"))
		}},
		"test.mutate_input": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			r := args[0].Array.Copy()
			args[0].Array.Set(99.0, 0)
			return []*tensor.Array{r}, nil
		}},
		"test.runtime_panic": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			var s []int
			_ = s[len(args)+3]
			return nil, nil
		}},
		"test.string_panic": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			panic("index out of range")
		}},
		"test.unsupported": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			panic(fmt.Errorf("numgl: %w", device.Unsupported(dev, "test")))
		}},
		"test.unsupported_returned": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			return nil, device.Unsupported(dev, "test")
		}},
		"test.linalg": {Run: func(dev device.Device, args []Input, kw Kwargs) ([]*tensor.Array, error) {
			return nil, &KindError{Kind: "linalg", Err: fmt.Errorf("singular matrix")}
		}},
	}
	for name, op := range fakes {
		Ops[name] = op
	}
	t.Cleanup(func() {
		for name := range fakes {
			delete(Ops, name)
		}
	})

	for _, c := range []struct {
		name   string
		js     string
		want   Status
		reason string // a substring of the reason
	}{
		{"good result", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [3, 2]},
			"expect": {"array": {"dtype": "float64", "shape": [3, 2], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"wrong value", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [3, 2]},
			"expect": {"array": {"dtype": "float64", "shape": [3, 2], "data": [0, 1, 2, 3, 4, 6]}}, "rtol": 1e-6, "atol": 1e-7}`, Fail, "[2,1] got 5 want 6"},
		{"wrong shape", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [3, 2]},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Fail, "shape"},
		{"wrong dtype", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [3, 2]},
			"expect": {"array": {"dtype": "float32", "shape": [3, 2], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Fail, "dtype"},
		{"unknown op", `{"id": "t", "op": "no_such_op", "args": [], "kwargs": {}, "expect": {"error": "value"}}`, Skip, "not in the runner's table"},
		{"unknown kwarg", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [6], "order": "F"},
			"expect": {"array": {"dtype": "float64", "shape": [6], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Fail, "order"},
		{"no tolerances", `{"id": "t", "op": "ravel", "args": [` + arr23 + `], "kwargs": {},
			"expect": {"array": {"dtype": "float64", "shape": [6], "data": [0, 1, 2, 3, 4, 5]}}}`, Fail, "rtol/atol"},
		{"expected error, got result", `{"id": "t", "op": "zeros", "args": [], "kwargs": {"shape": [2]}, "expect": {"error": "value"}}`, Fail, "no error"},
		{"expected result, got error", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [4]},
			"expect": {"array": {"dtype": "float64", "shape": [4], "data": [0, 1, 2, 3]}}, "rtol": 0, "atol": 0}`, Fail, `error kind "shape"`},
		{"index error for index", `{"id": "t", "op": "getitem", "args": [` + arr23 + `, {"index": [{"int": 2}]}], "kwargs": {}, "expect": {"error": "index"}}`, Pass, ""},
		{"index error is not an axis error", `{"id": "t", "op": "getitem", "args": [` + arr23 + `, {"index": [{"int": 2}]}], "kwargs": {}, "expect": {"error": "axis"}}`, Fail, `got error kind "index"`},
		{"axis error satisfies value", `{"id": "t", "op": "expand_dims", "args": [` + arr23 + `], "kwargs": {"axis": 5}, "expect": {"error": "value"}}`, Pass, ""},
		{"axis error satisfies index", `{"id": "t", "op": "swapaxes", "args": [` + arr23 + `], "kwargs": {"axis1": 0, "axis2": 2}, "expect": {"error": "index"}}`, Pass, ""},
		{"shape error is not an index error", `{"id": "t", "op": "reshape", "args": [` + arr23 + `], "kwargs": {"shape": [4]}, "expect": {"error": "index"}}`, Fail, `got error kind "shape"`},
		{"input written before the error", `{"id": "t", "op": "test.mutate_then_error", "args": [` + arr23 + `], "kwargs": {}, "expect": {"error": "shape"}}`, Fail, "was changed"},
		{"input written by a pure op", `{"id": "t", "op": "test.mutate_input", "args": [` + arr23 + `], "kwargs": {},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Fail, "was changed"},
		{"runtime panic is not an index error", `{"id": "t", "op": "test.runtime_panic", "args": [], "kwargs": {}, "expect": {"error": "index"}}`, Fail, "not a *tensor.Error"},
		{"string panic", `{"id": "t", "op": "test.string_panic", "args": [], "kwargs": {}, "expect": {"error": "index"}}`, Fail, "not a *tensor.Error"},
		{"unsupported panic", `{"id": "t", "op": "test.unsupported", "args": [], "kwargs": {}, "expect": {"error": "index"}}`, Skip, "not supported"},
		{"unsupported error", `{"id": "t", "op": "test.unsupported_returned", "args": [], "kwargs": {},
			"expect": {"array": {"dtype": "float64", "shape": [], "data": [0]}}, "rtol": 0, "atol": 0}`, Skip, "not supported"},
		{"returned kind error", `{"id": "t", "op": "test.linalg", "args": [], "kwargs": {}, "expect": {"error": "linalg"}}`, Pass, ""},
		{"setitem writes its array", `{"id": "t", "op": "setitem", "args": [` + arr23 + `, {"index": [{"int": 0}]}, 7.0], "kwargs": {},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [7, 7, 7, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"setitem through a view arg", `{"id": "t", "op": "setitem", "args": [{"array": {"dtype": "int64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}, "view": [{"slice": [null, null, -1]}]}, {"index": [{"int": 0}]}, 7], "kwargs": {},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [7, 7, 7, 0, 1, 2]}}, "rtol": 0, "atol": 0}`, Pass, ""},
	} {
		o := Run(dev, parseCase(t, c.js))
		if o.Status != c.want || !strings.Contains(o.Reason, c.reason) {
			t.Errorf("%s: got %s (%s), want %s with a reason mentioning %q", c.name, o.Status, o.Reason, c.want, c.reason)
		}
	}
}

func TestKindSatisfies(t *testing.T) {
	for _, c := range []struct {
		got, want string
		ok        bool
	}{
		{"shape", "shape", true},
		{"shape", "value", true},
		{"shape", "index", false},
		{"shape", "axis", false},
		{"axis", "axis", true},
		{"axis", "index", true},
		{"axis", "value", true},
		{"axis", "shape", false},
		{"index", "index", true},
		{"index", "axis", false},
		{"index", "value", false},
		{"value", "value", true},
		{"value", "shape", false},
		{"value", "axis", false},
		{"dtype", "value", false},
		{"linalg", "linalg", true},
		{"linalg", "value", false},
	} {
		if ok := KindSatisfies(c.got, c.want); ok != c.ok {
			t.Errorf("KindSatisfies(%q, %q) = %v, want %v", c.got, c.want, ok, c.ok)
		}
	}
}

// TestBuildView checks that "view" and "transpose" arguments are views of
// their base, with the strides and offset NumPy's would have.
func TestBuildView(t *testing.T) {
	dev := cpuLoop(t)
	c := parseCase(t, `{"id": "t", "op": "ravel", "args": [
		{"array": {"dtype": "float32", "shape": [6, 8], "fill": 1}, "view": [{"slice": [null, null, 2]}, {"slice": [null, null, -2]}]},
		{"array": {"dtype": "int32", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}, "transpose": [1, 0]},
		{"index": [{"slice": [1, null, null]}, {"int": -1}, {"newaxis": true}, {"ellipsis": true}, {"array": {"dtype": "int64", "shape": [2], "data": [0, 1]}}, {"mask": {"dtype": "bool", "shape": [2], "data": [true, false]}}]}
	], "kwargs": {}, "expect": {"error": "value"}}`)
	ins, err := BuildArgs(dev, c)
	if err != nil {
		t.Fatal(err)
	}
	v := ins[0].Array
	if !v.SharesMemory(ins[0].Base) || v.IsContiguous() {
		t.Errorf("view arg is not a strided view of its base")
	}
	if got, want := fmt.Sprint(v.Shape(), v.Strides(), v.Offset()), "[3 4] [16 -2] 7"; got != want {
		t.Errorf("view arg: shape, strides, offset = %s, want %s", got, want)
	}
	tr := ins[1].Array
	if got, want := fmt.Sprint(tr.Shape(), tr.Strides(), tr.SharesMemory(ins[1].Base)), "[3 2] [1 3] true"; got != want {
		t.Errorf("transpose arg: shape, strides, shares = %s, want %s", got, want)
	}
	if got := tensor.ToSlice[int32](tr); fmt.Sprint(got) != "[0 3 1 4 2 5]" {
		t.Errorf("transpose arg data = %v", got)
	}
	idx := ins[2].Index
	if len(idx) != 6 || len(ins[2].IndexArrays) != 2 {
		t.Fatalf("index: %d items, %d arrays", len(idx), len(ins[2].IndexArrays))
	}
	if _, ok := idx[0].(tensor.Slice); !ok {
		t.Errorf("index item 0 is %T, want tensor.Slice", idx[0])
	}
	if idx[1] != -1 || idx[2] != tensor.NewAxis || idx[3] != tensor.Ellipsis {
		t.Errorf("index items 1-3 = %v %v %v", idx[1], idx[2], idx[3])
	}
	if a, ok := idx[5].(*tensor.Array); !ok || a.DType() != tensor.Bool {
		t.Errorf("mask item is %T", idx[5])
	}

	bad := parseCase(t, `{"id": "t", "op": "ravel", "args": [
		{"array": {"dtype": "float32", "shape": [3], "fill": 1}, "view": [{"array": {"dtype": "int64", "shape": [1], "data": [0]}}]}
	], "kwargs": {}, "expect": {"error": "value"}}`)
	if _, err := BuildArgs(dev, bad); err == nil || !strings.Contains(err.Error(), "basic") {
		t.Errorf("a fancy index in a view: err = %v, want one about basic indexing", err)
	}
}
