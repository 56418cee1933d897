package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// File is one case file: the NumPy version and seed that produced it and
// its cases.
type File struct {
	Path         string          `json:"-"`
	NumpyVersion string          `json:"numpy_version"`
	Seed         json.RawMessage `json:"seed,omitempty"`
	Cases        []*Case         `json:"cases"`
}

// Case is one operation and what NumPy made of it (FORMAT.md's CASE).
type Case struct {
	ID     string                     `json:"id"`
	Op     string                     `json:"op"`
	Args   []Arg                      `json:"args"`
	Kwargs map[string]json.RawMessage `json:"kwargs"`
	Expect Expect                     `json:"expect"`
	// Rtol and Atol are nil in a case that expects an error.
	Rtol *float64 `json:"rtol"`
	Atol *float64 `json:"atol"`
	Note string   `json:"note,omitempty"`

	// File is the base name of the file the case came from.
	File string `json:"-"`
}

// Arg is one positional argument: an array (possibly viewed or
// transposed), an index, or a bare scalar.
type Arg struct {
	// Array is set for {"array": ...}.
	Array *ArrayData
	// View, with Array, makes the argument the view Array[View...]
	// (basic items only).
	View []IndexItem
	// Transpose, with Array, makes the argument Array.Transpose(Transpose...).
	Transpose []int
	// Index is set for {"index": [...]}; IsIndex tells an empty index
	// apart from no index.
	Index   []IndexItem
	IsIndex bool
	// Scalar is set for a bare JSON number, boolean or "nan"-like string.
	Scalar *Number
}

// UnmarshalJSON reads an ARG.
func (a *Arg) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		var n Number
		if err := n.UnmarshalJSON(b); err != nil {
			return fmt.Errorf("arg: %w", err)
		}
		a.Scalar = &n
		return nil
	}
	var raw struct {
		Array     *ArrayData   `json:"array"`
		View      []IndexItem  `json:"view"`
		Transpose []int        `json:"transpose"`
		Index     *[]IndexItem `json:"index"`
	}
	if err := strictUnmarshal(b, &raw, "array", "view", "transpose", "index"); err != nil {
		return fmt.Errorf("arg: %w", err)
	}
	switch {
	case raw.Array != nil && raw.Index != nil:
		return fmt.Errorf("arg: both array and index")
	case raw.Array != nil:
		a.Array, a.View, a.Transpose = raw.Array, raw.View, raw.Transpose
	case raw.Index != nil:
		if raw.View != nil || raw.Transpose != nil {
			return fmt.Errorf("arg: view/transpose on an index")
		}
		a.Index, a.IsIndex = *raw.Index, true
	default:
		return fmt.Errorf("arg: neither array nor index: %s", b)
	}
	return nil
}

// ArrayData is an ARRAY: a dtype, a shape and C-ordered data (or a fill
// value).
type ArrayData struct {
	DType string   `json:"dtype"`
	Shape []int    `json:"shape"`
	Data  []Number `json:"data"`
	Fill  *Number  `json:"fill"`
}

// UnmarshalJSON reads an ARRAY, refusing keys it does not know.
func (a *ArrayData) UnmarshalJSON(b []byte) error {
	type plain ArrayData
	var p plain
	if err := strictUnmarshal(b, &p, "dtype", "shape", "data", "fill"); err != nil {
		return fmt.Errorf("array: %w", err)
	}
	if p.Shape == nil {
		return fmt.Errorf("array: no shape: %s", b)
	}
	*a = ArrayData(p)
	return nil
}

// Size is the number of elements the shape holds.
func (a *ArrayData) Size() int {
	n := 1
	for _, d := range a.Shape {
		n *= d
	}
	return n
}

// Elements returns the data with a fill expanded, after checking that its
// length matches the shape.
func (a *ArrayData) Elements() ([]Number, error) {
	for _, d := range a.Shape {
		if d < 0 {
			return nil, fmt.Errorf("array: negative dimension in shape %v", a.Shape)
		}
	}
	n := a.Size()
	if a.Fill != nil {
		if a.Data != nil {
			return nil, fmt.Errorf("array: both data and fill")
		}
		out := make([]Number, n)
		for i := range out {
			out[i] = *a.Fill
		}
		return out, nil
	}
	if len(a.Data) != n {
		return nil, fmt.Errorf("array: shape %v holds %d elements but data has %d", a.Shape, n, len(a.Data))
	}
	return a.Data, nil
}

// IndexItem is one ITEM of an index. Exactly one field is set.
type IndexItem struct {
	// Slice is [start, stop, step], each possibly nil (Python's None).
	Slice    []*int     `json:"slice,omitempty"`
	Int      *int       `json:"int,omitempty"`
	NewAxis  bool       `json:"newaxis,omitempty"`
	Ellipsis bool       `json:"ellipsis,omitempty"`
	Array    *ArrayData `json:"array,omitempty"`
	Mask     *ArrayData `json:"mask,omitempty"`
}

// UnmarshalJSON reads an ITEM and checks that it is exactly one thing.
func (it *IndexItem) UnmarshalJSON(b []byte) error {
	type plain IndexItem
	var p plain
	if err := strictUnmarshal(b, &p, "slice", "int", "newaxis", "ellipsis", "array", "mask"); err != nil {
		return fmt.Errorf("index item: %w", err)
	}
	n := 0
	for _, set := range []bool{p.Slice != nil, p.Int != nil, p.NewAxis, p.Ellipsis, p.Array != nil, p.Mask != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("index item: want exactly one of slice, int, newaxis, ellipsis, array, mask: %s", b)
	}
	if p.Slice != nil && len(p.Slice) != 3 {
		return fmt.Errorf("index item: slice wants [start, stop, step], got %s", b)
	}
	*it = IndexItem(p)
	return nil
}

// IsBasic reports whether the item is basic indexing (int, slice,
// newaxis, ellipsis), which gives a view.
func (it IndexItem) IsBasic() bool { return it.Array == nil && it.Mask == nil }

// Expect is an EXPECT: one array, several, or an error kind.
type Expect struct {
	Array  *ArrayData  `json:"array,omitempty"`
	Arrays []ArrayData `json:"arrays,omitempty"`
	Error  string      `json:"error,omitempty"`
}

// UnmarshalJSON reads an EXPECT and checks that it is exactly one thing.
func (e *Expect) UnmarshalJSON(b []byte) error {
	type plain Expect
	var p plain
	if err := strictUnmarshal(b, &p, "array", "arrays", "error"); err != nil {
		return fmt.Errorf("expect: %w", err)
	}
	n := 0
	for _, set := range []bool{p.Array != nil, p.Arrays != nil, p.Error != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("expect: want exactly one of array, arrays, error: %s", b)
	}
	*e = Expect(p)
	return nil
}

// ErrorKinds lists the error kinds a case may expect.
var ErrorKinds = []string{"shape", "axis", "index", "linalg", "value"}

// Results returns the expected arrays (nil for an expected error).
func (e *Expect) Results() []*ArrayData {
	if e.Array != nil {
		return []*ArrayData{e.Array}
	}
	out := make([]*ArrayData, len(e.Arrays))
	for i := range e.Arrays {
		out[i] = &e.Arrays[i]
	}
	return out
}

// Check reports what is malformed in the case itself (not in what numgl
// makes of it): an unknown error kind, an expected array without
// tolerances, data that does not fill its shape.
func (c *Case) Check() error {
	if c.ID == "" || c.Op == "" {
		return fmt.Errorf("case without id or op")
	}
	if c.Expect.Error != "" {
		if !slices.Contains(ErrorKinds, c.Expect.Error) {
			return fmt.Errorf("unknown expected error kind %q (want one of %s)", c.Expect.Error, strings.Join(ErrorKinds, ", "))
		}
		return nil
	}
	if c.Rtol == nil || c.Atol == nil {
		return fmt.Errorf("case expects a result but has no rtol/atol")
	}
	if *c.Rtol < 0 || *c.Atol < 0 || math.IsNaN(*c.Rtol) || math.IsNaN(*c.Atol) {
		return fmt.Errorf("bad tolerances rtol=%v atol=%v", *c.Rtol, *c.Atol)
	}
	for i, r := range c.Expect.Results() {
		if _, err := r.Elements(); err != nil {
			return fmt.Errorf("expected result %d: %w", i, err)
		}
		if _, err := parseDType(r.DType); err != nil {
			return fmt.Errorf("expected result %d: %w", i, err)
		}
	}
	return nil
}

// NumberKind says how a Number was written.
type NumberKind uint8

// The kinds of Number.
const (
	IntNumber   NumberKind = iota + 1 // an integer literal: 3, -7
	FloatNumber                       // a float literal or "nan", "inf", "-inf"
	BoolNumber                        // true or false
)

// Number is one element as the case files write it: a JSON number, a
// boolean, or one of the strings "nan", "inf", "-inf". Integer literals
// are kept exactly in I (an int64 does not survive a float64).
type Number struct {
	Kind NumberKind
	I    int64
	F    float64
	B    bool
}

// UnmarshalJSON reads a number, boolean or "nan"/"inf"/"-inf".
func (n *Number) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	switch {
	case s == "true" || s == "false":
		*n = Number{Kind: BoolNumber, B: s == "true"}
		return nil
	case s == "null" || s == "":
		return fmt.Errorf("element is %q: want a number, a boolean or \"nan\"/\"inf\"/\"-inf\"", s)
	case s[0] == '"':
		str, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("element %s: %w", s, err)
		}
		switch strings.ToLower(str) {
		case "nan":
			*n = Number{Kind: FloatNumber, F: math.NaN()}
		case "inf", "+inf", "infinity":
			*n = Number{Kind: FloatNumber, F: math.Inf(1)}
		case "-inf", "-infinity":
			*n = Number{Kind: FloatNumber, F: math.Inf(-1)}
		default:
			return fmt.Errorf("element %s: the only strings allowed are \"nan\", \"inf\", \"-inf\"", s)
		}
		return nil
	}
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			*n = Number{Kind: IntNumber, I: i}
			return nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("element %s: %w", s, err)
	}
	*n = Number{Kind: FloatNumber, F: f}
	return nil
}

// Float returns the value as a float64 (true is 1).
func (n Number) Float() float64 {
	switch n.Kind {
	case IntNumber:
		return float64(n.I)
	case BoolNumber:
		if n.B {
			return 1
		}
		return 0
	}
	return n.F
}

// Int returns the value as an int64 and whether it is exactly an integer.
func (n Number) Int() (int64, bool) {
	switch n.Kind {
	case IntNumber:
		return n.I, true
	case BoolNumber:
		if n.B {
			return 1, true
		}
		return 0, true
	}
	if n.F != math.Trunc(n.F) || math.IsInf(n.F, 0) || n.F < -(1<<63) || n.F >= 1<<63 {
		return 0, false
	}
	return int64(n.F), true
}

// Bool returns the value's truth (non-zero is true).
func (n Number) Bool() bool {
	if n.Kind == BoolNumber {
		return n.B
	}
	return n.Float() != 0
}

// Go returns the value as the Go type it was written as: int64, float64
// or bool.
func (n Number) Go() any {
	switch n.Kind {
	case IntNumber:
		return n.I
	case BoolNumber:
		return n.B
	}
	return n.F
}

// String formats the number as the case files write it.
func (n Number) String() string {
	switch n.Kind {
	case IntNumber:
		return strconv.FormatInt(n.I, 10)
	case BoolNumber:
		return strconv.FormatBool(n.B)
	}
	return formatFloat(n.F)
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// LoadFile reads one case file. Every case is read strictly: an unknown
// field, an element that is not a number, or a malformed item is an error
// naming the file.
func LoadFile(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// Unknown keys of the file and of a case are metadata and are
	// ignored; the parts that say what to compute (args, index items,
	// arrays, expect) are read strictly.
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	base := filepath.Base(path)
	for i, c := range f.Cases {
		if c == nil {
			return nil, fmt.Errorf("%s: case %d is null", path, i)
		}
		c.File = base
	}
	return &f, nil
}

// LoadDir reads every *.json file of dir, in name order. A file that does
// not load is reported in errs and the others are still returned, so one
// bad file does not hide the rest.
func LoadDir(dir string) (files []*File, errs []error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, []error{err}
	}
	slices.Sort(paths)
	for _, p := range paths {
		f, err := LoadFile(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, f)
	}
	return files, errs
}

// strictUnmarshal decodes the JSON object b into v, refusing keys that are
// not in known (json's DisallowUnknownFields does not reach custom
// UnmarshalJSON methods, which this uses for nested objects).
func strictUnmarshal(b []byte, v any, known ...string) error {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return err
	}
	for k := range keys {
		if !slices.Contains(known, k) {
			return fmt.Errorf("unknown key %q (want %s)", k, strings.Join(known, ", "))
		}
	}
	return json.Unmarshal(b, v)
}
