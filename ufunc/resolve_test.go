package ufunc

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/numgl/numgl/dtype"
)

// resolveTable is testdata/resolve.json, written by NumPy
// (tensor/testdata/gen_ufunc_types.py): every op over array dtypes only,
// NumPy's ufunc.types, and can_cast for every pair.
type resolveTable struct {
	NumPyVersion string              `json:"numpy_version"`
	Types        map[string][]string `json:"types"`
	CanCast      [][4]any            `json:"can_cast"`
	Cases        []struct {
		Op    string   `json:"op"`
		Args  []string `json:"args"`
		DType string   `json:"dtype"`
		Error *struct {
			Class, Msg string
		} `json:"error"`
	} `json:"cases"`
}

func loadResolveTable(t *testing.T) *resolveTable {
	t.Helper()
	raw, err := os.ReadFile("testdata/resolve.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab resolveTable
	if err := json.Unmarshal(raw, &tab); err != nil {
		t.Fatal(err)
	}
	if len(tab.Cases) == 0 || len(tab.CanCast) != 25 {
		t.Fatalf("resolve.json: %d cases, %d can_cast rows", len(tab.Cases), len(tab.CanCast))
	}
	return &tab
}

// widen maps NumPy's answer to numgl's documented one (doc.go): numgl has
// no int8, int16, uint8 or float16 and uses the next wider loop. Nothing
// else is changed.
func widen(t *testing.T, name string) dtype.DType {
	t.Helper()
	switch name {
	case "int8", "int16", "uint8":
		name = "int32"
	case "float16":
		name = "float32"
	}
	d, err := dtype.Parse(name)
	if err != nil {
		t.Fatalf("NumPy answered %s: %v", name, err)
	}
	return d
}

func parseAll(t *testing.T, names []string) []dtype.DType {
	t.Helper()
	dts := make([]dtype.DType, len(names))
	for i, n := range names {
		d, err := dtype.Parse(n)
		if err != nil {
			t.Fatal(err)
		}
		dts[i] = d
	}
	return dts
}

// TestResolveMatchesNumPy resolves every op over every combination of
// array dtypes and compares the loop's output dtype with NumPy's (widened),
// and the error message with NumPy's where NumPy has no loop.
func TestResolveMatchesNumPy(t *testing.T) {
	tab := loadResolveTable(t)
	seen := map[string]bool{}
	for _, c := range tab.Cases {
		seen[c.Op] = true
		op := Lookup(c.Op)
		if op == nil {
			t.Errorf("no op %q", c.Op)
			continue
		}
		in := parseAll(t, c.Args)
		if c.Op == "where" && in[0] != dtype.Bool {
			continue // package tensor passes the condition as bool
		}
		desc := c.Op + "(" + strings.Join(c.Args, ", ") + ")"
		loop, err := op.Resolve(in...)
		if c.Error != nil {
			if err == nil {
				t.Errorf("%s: loop %s, NumPy raises %s: %s", desc, loop.Signature(), c.Error.Class, c.Error.Msg)
			} else if err.Error() != c.Error.Msg {
				t.Errorf("%s: error\n\t%q\nNumPy's:\n\t%q", desc, err.Error(), c.Error.Msg)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v; NumPy gives %s", desc, err, c.DType)
			continue
		}
		if want := widen(t, c.DType); loop.Out != want {
			t.Errorf("%s: loop %s gives %v; NumPy gives %s, so numgl should give %v", desc, loop.Signature(), loop.Out, c.DType, want)
		}
		for i, d := range in {
			if !CanCast(d, loop.In[i]) {
				t.Errorf("%s: loop %s takes operand %d (%v) by an unsafe cast", desc, loop.Signature(), i, d)
			}
		}
	}
	for _, name := range Names() {
		if name != "abs" && !seen[name] {
			t.Errorf("op %s is not in resolve.json", name)
		}
	}
}

// TestResolveIsLinearSearch checks Resolve's contract directly: the loop is
// the first whose inputs every dtype casts to safely (for IntsToDouble ops,
// inputs with no float among them search as float64), and all-bool inputs
// are refused by the ops that say so.
func TestResolveIsLinearSearch(t *testing.T) {
	for _, name := range Names() {
		op := MustLookup(name)
		for _, in := range dtypeTuples(op.Arity) {
			loop, err := op.Resolve(in...)
			var first *Loop
			allBool := !slices.ContainsFunc(in, func(d dtype.DType) bool { return d != dtype.Bool })
			search := in
			if op.IntsToDouble && !slices.ContainsFunc(in, dtype.DType.IsFloat) {
				search = slices.Repeat([]dtype.DType{dtype.Float64}, len(in))
			}
			if !(op.RefuseBool && allBool) {
				for _, l := range op.Loops {
					if castsAll(search, l.In) {
						first = l
						break
					}
				}
			}
			switch {
			case first == nil && err == nil:
				t.Errorf("%s%v: loop %s, want an error", name, in, loop.Signature())
			case first != nil && loop != first:
				t.Errorf("%s%v: Resolve gives %s, the first castable loop is %s", name, in, loop.Signature(), first.Signature())
			}
		}
	}
}

func castsAll(in, to []dtype.DType) bool {
	for i, d := range in {
		if !CanCast(d, to[i]) {
			return false
		}
	}
	return true
}

// dtypeTuples returns every n-tuple of dtypes.
func dtypeTuples(n int) [][]dtype.DType {
	out := [][]dtype.DType{{}}
	for range n {
		var next [][]dtype.DType
		for _, p := range out {
			for _, d := range dtype.All {
				next = append(next, append(slices.Clone(p), d))
			}
		}
		out = next
	}
	return out
}

// TestResolveArity refuses a wrong number of operands.
func TestResolveArity(t *testing.T) {
	if _, err := MustLookup("add").Resolve(dtype.Float64); err == nil {
		t.Error("add with one operand resolved")
	}
	if _, err := MustLookup("sqrt").Resolve(dtype.Float64, dtype.Float64); err == nil {
		t.Error("sqrt with two operands resolved")
	}
}

// TestNoLoopMessages pins NumPy 1.24's words for the errors Resolve makes.
func TestNoLoopMessages(t *testing.T) {
	for _, c := range []struct {
		op  string
		in  []dtype.DType
		msg string
	}{
		{"sign", []dtype.DType{dtype.Bool},
			"ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtype[bool_]'> -> None"},
		{"negative", []dtype.DType{dtype.Bool},
			"The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."},
		{"subtract", []dtype.DType{dtype.Bool, dtype.Bool},
			"numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."},
	} {
		_, err := MustLookup(c.op).Resolve(c.in...)
		if err == nil || err.Error() != c.msg {
			t.Errorf("%s%v: %v, want %q", c.op, c.in, err, c.msg)
		}
	}
}

// TestLoopsAreNumPys checks that every numgl loop is one of NumPy's loops
// (ufunc.types, with 'l' and 'q' both int64) and that numgl keeps NumPy's
// order, so that the linear search finds the loop NumPy finds.
func TestLoopsAreNumPys(t *testing.T) {
	tab := loadResolveTable(t)
	canon := func(sig string) string { return strings.ReplaceAll(sig, "q", "l") }
	for _, name := range Names() {
		if name == "where" || name == "abs" {
			continue // where is not a ufunc in NumPy
		}
		types, ok := tab.Types[name]
		if !ok {
			t.Errorf("%s: no NumPy types", name)
			continue
		}
		last := -1
		for _, l := range MustLookup(name).Loops {
			at := slices.IndexFunc(types, func(s string) bool { return canon(s) == l.Signature() })
			switch {
			case at < 0:
				t.Errorf("%s: loop %s is not NumPy's (%v)", name, l.Signature(), types)
			case at < last:
				t.Errorf("%s: loop %s comes earlier in NumPy's order", name, l.Signature())
			}
			last = max(last, at)
		}
	}
}

// TestCanCastMatchesNumPy compares CanCast with np.can_cast(a, b, 'safe').
func TestCanCastMatchesNumPy(t *testing.T) {
	tab := loadResolveTable(t)
	for _, row := range tab.CanCast {
		from := parseAll(t, []string{row[0].(string), row[1].(string)})
		if got, want := CanCast(from[0], from[1]), row[2].(bool); got != want {
			t.Errorf("CanCast(%v, %v) = %v, NumPy's can_cast 'safe' %v", from[0], from[1], got, want)
		}
	}
	if CanCast(dtype.Invalid, dtype.Float64) || CanCast(dtype.Float64, dtype.Invalid) {
		t.Error("CanCast accepts Invalid")
	}
}

func TestEveryIDHasItsOp(t *testing.T) {
	for id := NoOp + 1; id < NumIDs; id++ {
		op := id.Op()
		if op == nil || op.ID != id || Lookup(op.Name) != op {
			t.Errorf("ID %d (%v) has no op of its own", id, id)
		}
	}
	if NoOp.Op() != nil || NumIDs.Op() != nil {
		t.Error("NoOp or NumIDs has an op")
	}
	if got := ID(200).String(); got != "ID(200)" {
		t.Errorf("ID(200).String() = %q", got)
	}
}

func TestSignatureAndLookup(t *testing.T) {
	var sigs []string
	for _, l := range MustLookup("add").Loops {
		sigs = append(sigs, l.Signature())
	}
	if want := []string{"??->?", "ii->i", "ll->l", "ff->f", "dd->d"}; !slices.Equal(sigs, want) {
		t.Errorf("add loops %v, want %v", sigs, want)
	}
	if got := MustLookup("where").Loops[2].Signature(); got != "?ll->l" {
		t.Errorf("where loop 2 is %s", got)
	}
	if Lookup("abs") != Lookup("absolute") || Lookup("abs") == nil {
		t.Error("abs is not absolute")
	}
	if Lookup("no_such_op") != nil {
		t.Error("Lookup found no_such_op")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustLookup(no_such_op) did not panic")
			}
		}()
		MustLookup("no_such_op")
	}()
	names := Names()
	if !sort.StringsAreSorted(names) {
		t.Errorf("Names not sorted: %v", names)
	}
	for _, n := range []string{"add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
		"maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
		"logical_and", "logical_or", "logical_xor", "logical_not", "negative", "absolute", "square", "sign",
		"reciprocal", "sqrt", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "floor", "ceil",
		"where", "clip"} {
		if !slices.Contains(names, n) {
			t.Errorf("Names lacks %s", n)
		}
	}
	for _, n := range names {
		op := MustLookup(n)
		if len(op.Loops) == 0 || op.ID.Op() != op || (n != "abs" && op.ID.String() != n) {
			t.Errorf("%s: no loops, or its ID %d is not its own", n, op.ID)
		}
		for _, l := range op.Loops {
			if len(l.In) != op.Arity || l.Fn == nil || !l.Out.Valid() {
				t.Errorf("%s: malformed loop %s", n, l.Signature())
			}
		}
	}
}
