package conformance

import (
	"strings"
	"testing"
)

// TestUfuncAdapters checks how the ufunc and reduction entries of Ops read
// their arguments and kwargs: what they accept, and that a kwarg they do
// not know fails the case.
func TestUfuncAdapters(t *testing.T) {
	dev := cpuLoop(t)
	const i23 = `{"array": {"dtype": "int64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}}`
	for _, c := range []struct {
		name   string
		js     string
		want   Status
		reason string // a substring of the reason
	}{
		{"binary with a scalar operand", `{"id": "t", "op": "add", "args": [` + i23 + `, 2], "kwargs": {},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [2, 3, 4, 5, 6, 7]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"ufunc kwarg", `{"id": "t", "op": "add", "args": [` + i23 + `, 2], "kwargs": {"dtype": "float64"},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [2, 3, 4, 5, 6, 7]}}, "rtol": 0, "atol": 0}`, Fail, "dtype"},
		{"shapes that do not broadcast", `{"id": "t", "op": "multiply", "args": [` + arr23 + `, {"array": {"dtype": "float64", "shape": [2], "data": [1, 2]}}], "kwargs": {},
			"expect": {"error": "shape"}}`, Pass, ""},
		{"unary wants one argument", `{"id": "t", "op": "exp", "args": [` + arr23 + `, 2], "kwargs": {},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "fill": 1}}, "rtol": 0, "atol": 0}`, Fail, "positional"},
		{"clip without a lower bound", `{"id": "t", "op": "clip", "args": [` + arr23 + `], "kwargs": {"a_min": null, "a_max": 2},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [0, 1, 2, 2, 2, 2]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"clip with an array bound", `{"id": "t", "op": "clip", "args": [` + arr23 + `], "kwargs": {"a_min": {"array": {"dtype": "float64", "shape": [3], "data": [1, 2, 3]}}, "a_max": 4},
			"expect": {"array": {"dtype": "float64", "shape": [2, 3], "data": [1, 2, 3, 3, 4, 4]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"clip with positional bounds", `{"id": "t", "op": "clip", "args": [` + i23 + `, 1, 3], "kwargs": {},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [1, 1, 2, 3, 3, 3]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"clip without bounds", `{"id": "t", "op": "clip", "args": [` + arr23 + `], "kwargs": {"a_min": null, "a_max": null},
			"expect": {"error": "value"}}`, Pass, ""},
		{"clip bound given twice", `{"id": "t", "op": "clip", "args": [` + arr23 + `, 1], "kwargs": {"a_min": 1, "a_max": 2},
			"expect": {"error": "value"}}`, Fail, "both"},
		{"sum over no axis", `{"id": "t", "op": "sum", "args": [` + i23 + `], "kwargs": {"axis": []},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [0, 1, 2, 3, 4, 5]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"sum over a list of axes, keepdims", `{"id": "t", "op": "sum", "args": [` + i23 + `], "kwargs": {"axis": [0, -1], "keepdims": true},
			"expect": {"array": {"dtype": "int64", "shape": [1, 1], "data": [15]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"sum with ddof", `{"id": "t", "op": "sum", "args": [` + i23 + `], "kwargs": {"ddof": 1},
			"expect": {"array": {"dtype": "int64", "shape": [], "data": [15]}}, "rtol": 0, "atol": 0}`, Fail, "ddof"},
		{"sum with a dtype", `{"id": "t", "op": "sum", "args": [` + i23 + `], "kwargs": {"dtype": "float64"},
			"expect": {"array": {"dtype": "float64", "shape": [], "data": [15]}}, "rtol": 0, "atol": 0}`, Fail, "dtype"},
		{"var with ddof", `{"id": "t", "op": "var", "args": [` + i23 + `], "kwargs": {"axis": 1, "ddof": 1},
			"expect": {"array": {"dtype": "float64", "shape": [2], "data": [1, 1]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"mean axis out of range", `{"id": "t", "op": "mean", "args": [` + arr23 + `], "kwargs": {"axis": 2},
			"expect": {"error": "axis"}}`, Pass, ""},
		{"argmax keepdims", `{"id": "t", "op": "argmax", "args": [` + i23 + `], "kwargs": {"axis": 0, "keepdims": true},
			"expect": {"array": {"dtype": "int64", "shape": [1, 3], "data": [1, 1, 1]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"argmax with a list axis", `{"id": "t", "op": "argmax", "args": [` + i23 + `], "kwargs": {"axis": [0]},
			"expect": {"array": {"dtype": "int64", "shape": [3], "data": [1, 1, 1]}}, "rtol": 0, "atol": 0}`, Fail, "list"},
		{"cumsum flattened", `{"id": "t", "op": "cumsum", "args": [` + i23 + `], "kwargs": {"axis": null},
			"expect": {"array": {"dtype": "int64", "shape": [6], "data": [0, 1, 3, 6, 10, 15]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"cumprod along an axis", `{"id": "t", "op": "cumprod", "args": [` + i23 + `], "kwargs": {"axis": 0},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [0, 1, 2, 0, 4, 10]}}, "rtol": 0, "atol": 0}`, Pass, ""},
		{"cumsum keepdims", `{"id": "t", "op": "cumsum", "args": [` + i23 + `], "kwargs": {"axis": 0, "keepdims": true},
			"expect": {"array": {"dtype": "int64", "shape": [2, 3], "data": [0, 1, 2, 3, 5, 7]}}, "rtol": 0, "atol": 0}`, Fail, "keepdims"},
	} {
		o := Run(dev, parseCase(t, c.js))
		if o.Status != c.want || !strings.Contains(o.Reason, c.reason) {
			t.Errorf("%s: got %s (%s), want %s with a reason mentioning %q", c.name, o.Status, o.Reason, c.want, c.reason)
		}
	}
}
