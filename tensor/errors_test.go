package tensor

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// misuses reproduces, with numgl's API, each misuse that
// testdata/gen_errors.py records NumPy's error for, with the Kind numgl
// gives it.
var misuses = map[string]struct {
	kind ErrorKind
	call func(a *Array)
}{
	"broadcast_to":                 {ShapeError, func(a *Array) { Ones(Float64, 1, 3).BroadcastTo(3, 1) }},
	"setitem_slice_shape":          {ShapeError, func(a *Array) { a.Set(Ones(Float64, 3), Colon, 0) }},
	"setitem_fancy_shape":          {ShapeError, func(a *Array) { a.Set(Ones(Float64, 3), []int{0, 1}) }},
	"fancy_broadcast":              {IndexError, func(a *Array) { a.Get([]int{0, 1}, []int{1, 2, 3}) }},
	"mask_mismatch":                {IndexError, func(a *Array) { a.Get([]bool{true, false}) }},
	"reshape_size":                 {ShapeError, func(a *Array) { a.Reshape(5, -1) }},
	"reshape_two_unknown":          {ShapeError, func(a *Array) { a.Reshape(-1, -1) }},
	"reshape_size_known":           {ShapeError, func(a *Array) { a.Reshape(5, 5) }},
	"arange_zero_step":             {ValueError, func(a *Array) { Arange(Float64, 0, 10, 0) }},
	"transpose_axes":               {AxisError, func(a *Array) { a.Transpose(0) }},
	"too_many_indices":             {IndexError, func(a *Array) { a.Get(1, 2, 3) }},
	"index_out_of_bounds":          {IndexError, func(a *Array) { a.Get(4) }},
	"index_negative_out_of_bounds": {IndexError, func(a *Array) { a.Get(Colon, -7) }},
	"fancy_out_of_bounds":          {IndexError, func(a *Array) { a.Get([]int{0, 9}) }},
	"two_ellipses":                 {IndexError, func(a *Array) { a.Get(Ellipsis, Ellipsis) }},
	"concatenate_mismatch":         {ShapeError, func(a *Array) { Concatenate([]*Array{a, Ones(Float64, 2, 3)}, 1) }},
	"concatenate_ndim":             {ShapeError, func(a *Array) { Concatenate([]*Array{a, Ones(Float64, 3)}, 0) }},
	"concatenate_empty":            {ValueError, func(a *Array) { Concatenate(nil, 0) }},
	"stack_mismatch":               {ShapeError, func(a *Array) { Stack([]*Array{a, Ones(Float64, 2, 3)}, 0) }},
	"squeeze_not_one":              {ShapeError, func(a *Array) { Ones(Float64, 1, 3).Squeeze(1) }},
	"float_index":                  {IndexError, func(a *Array) { a.Get(FromSlice([]float64{0, 1})) }},
	"broadcast_read_only":          {ValueError, func(a *Array) { Ones(Float64, 3).BroadcastTo(2, 3).Set(1.0, 0) }},
	"linspace_negative":            {ValueError, func(a *Array) { Linspace(Float64, 0, 1, -1) }},
	"item_size":                    {ValueError, func(a *Array) { a.Item() }},
}

// numpyClass is the NumPy exception class each Kind corresponds to
// (AxisError is a ValueError in NumPy too; shape errors are ValueErrors).
var numpyClass = map[ErrorKind][]string{
	ShapeError: {"ValueError"},
	AxisError:  {"AxisError", "ValueError"},
	IndexError: {"IndexError"},
	ValueError: {"ValueError", "ZeroDivisionError"},
	DTypeError: {"TypeError"},
}

func TestErrorMessagesAreNumPys(t *testing.T) {
	raw, err := os.ReadFile("testdata/errors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Errors map[string]*struct{ Class, Msg string }
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Errors) != len(misuses) {
		t.Errorf("errors.json has %d cases, the test %d", len(file.Errors), len(misuses))
	}
	for name, want := range file.Errors {
		m, ok := misuses[name]
		if !ok {
			t.Errorf("%s: no numgl call for this NumPy case", name)
			continue
		}
		if want == nil {
			t.Errorf("%s: NumPy raised nothing", name)
			continue
		}
		a := Arange(Float64, 0, 24, 1).Reshape(4, 6)
		before := a.Data().([]float64)
		e := catch(func() { m.call(a) })
		if e == nil {
			t.Errorf("%s: no error; NumPy raises %s: %s", name, want.Class, want.Msg)
			continue
		}
		if e.Msg != want.Msg {
			t.Errorf("%s: message\n  %q\nNumPy's\n  %q", name, e.Msg, want.Msg)
		}
		if e.Kind != m.kind {
			t.Errorf("%s: kind %v, want %v", name, e.Kind, m.kind)
		}
		classOK := false
		for _, c := range numpyClass[e.Kind] {
			classOK = classOK || c == want.Class
		}
		if !classOK {
			t.Errorf("%s: kind %v does not correspond to NumPy's %s", name, e.Kind, want.Class)
		}
		for i, v := range a.Data().([]float64) {
			if v != before[i] {
				t.Errorf("%s: the failed call wrote a[%d] = %v", name, i, v)
				break
			}
		}
	}
}

// catch runs f and returns the *Error it panics with, or nil when it does
// not panic. Any other panic is re-raised.
func catch(f func()) (e *Error) {
	defer func() {
		if r := recover(); r != nil {
			err, ok := r.(error)
			if !ok || !errors.As(err, &e) {
				panic(r)
			}
		}
	}()
	f()
	return nil
}
