package ufunc

import (
	"fmt"
	"sort"

	"github.com/numgl/numgl/dtype"
)

// ID names one op of the table: the typed vocabulary of every layer below
// package tensor's public API. Kernel plans, device kernel tables and the
// GPU's expression table are keyed by ID, never by name; an ID's op is
// ID.Op() and its NumPy name ID.String().
//
// Adding an elementwise ufunc takes three hand-written files: its ID and
// its Op (loops, scalar definitions) in ops.go, its GLSL expression in
// package shaders (ops.go there), and its functions in package tensor
// (ufuncs.go). cpu-loop and cpu-simd run it through its
// loops with no change; cpu-simd may add vector kernels for it later.
type ID uint8

// Loop1D runs an op over n elements: args holds the typed slices ([]float32
// ...) of the inputs and then the output; element j of argument k is
// args[k][offs[k] + j*steps[k]].
type Loop1D func(args []any, offs, steps []int, n int)

// Loop is one typed implementation of an op: NumPy's "ff->f".
type Loop struct {
	In  []dtype.DType
	Out dtype.DType
	Fn  Loop1D
}

// Signature returns the loop in NumPy's notation ("ff->f").
func (l *Loop) Signature() string {
	s := ""
	for _, d := range l.In {
		s += typeChar(d)
	}
	return s + "->" + typeChar(l.Out)
}

func typeChar(d dtype.DType) string {
	return map[dtype.DType]string{dtype.Bool: "?", dtype.Int32: "i", dtype.Int64: "l", dtype.Float32: "f", dtype.Float64: "d"}[d]
}

// Op is one elementwise operation.
type Op struct {
	// ID is the op's entry in the vocabulary: what every layer below
	// package tensor's API dispatches on.
	ID ID
	// Name is NumPy's name ("add", "floor_divide").
	Name string
	// Arity is the number of inputs.
	Arity int
	// Loops in search order.
	Loops []*Loop
	// IntsToDouble sends bool and integer inputs (with no float among
	// them) to the float64 loop, as NumPy's true_divide does.
	IntsToDouble bool
	// RefuseBool refuses all-bool inputs even where a wider loop would
	// take them, as NumPy does for negative, subtract and sign.
	RefuseBool bool
	// NoLoop, when set, replaces the generic "no loop" message (NumPy's
	// own TypeError texts for boolean negative and subtract).
	NoLoop string
}

// Resolve returns the first loop whose inputs the dtypes in can be cast
// to safely, or an error in NumPy's words when there is none.
func (op *Op) Resolve(in ...dtype.DType) (*Loop, error) {
	if len(in) != op.Arity {
		return nil, fmt.Errorf("%s() takes %d inputs, got %d", op.Name, op.Arity, len(in))
	}
	allBool, anyFloat := true, false
	for _, d := range in {
		allBool = allBool && d == dtype.Bool
		anyFloat = anyFloat || d.IsFloat()
	}
	if op.IntsToDouble && !anyFloat {
		in = append([]dtype.DType{}, in...)
		for i := range in {
			in[i] = dtype.Float64
		}
	}
	for _, l := range op.Loops {
		if op.RefuseBool && allBool {
			break
		}
		ok := true
		for i, d := range in {
			ok = ok && CanCast(d, l.In[i])
		}
		if ok {
			return l, nil
		}
	}
	if op.NoLoop != "" {
		return nil, fmt.Errorf("%s", op.NoLoop)
	}
	// NumPy 1.24's words: the types are dtype classes, in a tuple when
	// there are several.
	s := ""
	for i, d := range in {
		if i > 0 {
			s += ", "
		}
		s += "<class 'numpy.dtype[" + map[dtype.DType]string{dtype.Bool: "bool_"}[d]
		if d != dtype.Bool {
			s += d.String()
		}
		s += "]'>"
	}
	if len(in) > 1 {
		s = "(" + s + ")"
	}
	return nil, fmt.Errorf("ufunc '%s' did not contain a loop with signature matching types %s -> None", op.Name, s)
}

// CanCast reports whether every value of from converts to to exactly
// (NumPy's can_cast with casting='safe'): bool to anything, int32 to
// int64 and float64, int64 to float64 (NumPy's rule, though large int64
// values round), float32 to float64.
func CanCast(from, to dtype.DType) bool {
	if from == to || from == dtype.Bool {
		return true
	}
	switch from {
	case dtype.Int32:
		return to == dtype.Int64 || to == dtype.Float64
	case dtype.Int64, dtype.Float32:
		return to == dtype.Float64
	}
	return false
}

// LoopIndex returns the position of l in op.Loops, or -1.
func (op *Op) LoopIndex(l *Loop) int {
	for i, x := range op.Loops {
		if x == l {
			return i
		}
	}
	return -1
}

var (
	byID   [NumIDs]*Op
	byName = map[string]*Op{}
)

func register(ops ...*Op) {
	for _, op := range ops {
		if op.ID <= NoOp || op.ID >= NumIDs || byID[op.ID] != nil {
			panic(fmt.Sprintf("ufunc: %s has a bad or repeated ID %d", op.Name, op.ID))
		}
		if _, dup := byName[op.Name]; dup {
			panic("ufunc: " + op.Name + " defined twice")
		}
		byID[op.ID] = op
		byName[op.Name] = op
	}
}

// Op returns the op the ID names (nil for NoOp).
func (id ID) Op() *Op {
	if id >= NumIDs {
		return nil
	}
	return byID[id]
}

// String returns NumPy's name of the op ("add"), or "ID(n)".
func (id ID) String() string {
	if op := id.Op(); op != nil {
		return op.Name
	}
	return fmt.Sprintf("ID(%d)", int(id))
}

// Lookup returns the op with NumPy's name, or nil. Names are for the
// public API and its tests; everything below it dispatches on ID.
func Lookup(name string) *Op { return byName[name] }

// MustLookup returns the op with NumPy's name; it panics for an unknown one.
func MustLookup(name string) *Op {
	op := byName[name]
	if op == nil {
		panic("ufunc: no op " + name)
	}
	return op
}

// Names returns the names of every op, sorted.
func Names() []string {
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
