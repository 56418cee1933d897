package tensor

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The ufunc dtype table: testdata/ufunc_types.json, written by NumPy 1.24
// under NEP 50 weak promotion (testdata/gen_ufunc_types.py says how to
// read it). Every case is replayed here through the public API.

type ufTypeCase struct {
	Op         string   `json:"op"`
	Args       []string `json:"args"`
	Out        string   `json:"out"`
	DType      string   `json:"dtype"`
	NEP50DType string   `json:"nep50_dtype"`
	Error      *struct {
		Class      string `json:"class"`
		NumPyClass string `json:"numpy_class"`
		Msg        string `json:"msg"`
	} `json:"error"`
	Shapes   [][]int `json:"shapes"`
	OutShape []int   `json:"out_shape"`
}

func (c *ufTypeCase) String() string {
	s := c.Op + "(" + strings.Join(c.Args, ", ")
	if c.Out != "" {
		s += ", out=" + c.Out
	}
	if c.Shapes != nil {
		s += fmt.Sprintf(", shapes %v", c.Shapes)
	}
	return s + ")"
}

// want returns the dtype numgl must give: NumPy's, widened exactly as
// ufunc/doc.go documents (int8, int16, uint8 -> int32; float16 ->
// float32), or, for the where and clip cases where NumPy 1.24 is not yet
// NEP 50's, NumPy's own NEP 50 answer (see gen_ufunc_types.py).
func (c *ufTypeCase) want(t testing.TB) DType {
	name := c.DType
	if c.NEP50DType != "" {
		name = c.NEP50DType
	}
	return ufParseDType(t, ufWiden(name))
}

func ufWiden(name string) string {
	switch name {
	case "int8", "int16", "uint8":
		return "int32"
	case "float16":
		return "float32"
	}
	return name
}

// ufWidenMsg applies the same widening to dtype names inside a NumPy
// message ("from dtype('int8') to ...").
func ufWidenMsg(msg string) string {
	for _, n := range []string{"int8", "int16", "uint8", "float16"} {
		msg = strings.ReplaceAll(msg, "dtype('"+n+"')", "dtype('"+ufWiden(n)+"')")
	}
	return msg
}

func ufParseDType(t testing.TB, name string) DType {
	t.Helper()
	for _, d := range []DType{Bool, Int32, Int64, Float32, Float64} {
		if d.String() == name {
			return d
		}
	}
	t.Fatalf("dtype %q is not numgl's", name)
	return 0
}

type ufTypeTable struct {
	NumPyVersion   string        `json:"numpy_version"`
	PromotionState string        `json:"promotion_state"`
	Cases          []*ufTypeCase `json:"cases"`
	OutCases       []*ufTypeCase `json:"out_cases"`
	BothErrors     []*ufTypeCase `json:"both_errors"`
	Overflow       []*ufTypeCase `json:"overflow"`

	byKey map[string]*ufTypeCase
}

var ufTypes struct {
	once sync.Once
	tab  *ufTypeTable
	err  error
}

func loadUfuncTypes(t testing.TB) *ufTypeTable {
	t.Helper()
	ufTypes.once.Do(func() {
		raw, err := os.ReadFile("testdata/ufunc_types.json")
		if err != nil {
			ufTypes.err = err
			return
		}
		var tab ufTypeTable
		if err := json.Unmarshal(raw, &tab); err != nil {
			ufTypes.err = err
			return
		}
		tab.byKey = map[string]*ufTypeCase{}
		for _, c := range tab.Cases {
			tab.byKey[c.Op+"|"+strings.Join(c.Args, ",")] = c
		}
		ufTypes.tab = &tab
	})
	if ufTypes.err != nil {
		t.Fatal(ufTypes.err)
	}
	if ufTypes.tab.PromotionState != "weak" {
		t.Fatalf("ufunc_types.json was written with promotion state %q", ufTypes.tab.PromotionState)
	}
	return ufTypes.tab
}

// The public forms of each op: the plain call and the Into call.
type ufForms struct {
	call func(args []any) *Array
	into func(dst *Array, args []any) *Array
}

func unaryForms(f func(any) *Array, into func(*Array, any) *Array) ufForms {
	return ufForms{func(a []any) *Array { return f(a[0]) }, func(d *Array, a []any) *Array { return into(d, a[0]) }}
}

func binaryForms(f func(any, any) *Array, into func(*Array, any, any) *Array) ufForms {
	return ufForms{func(a []any) *Array { return f(a[0], a[1]) }, func(d *Array, a []any) *Array { return into(d, a[0], a[1]) }}
}

func ternaryForms(f func(any, any, any) *Array, into func(*Array, any, any, any) *Array) ufForms {
	return ufForms{func(a []any) *Array { return f(a[0], a[1], a[2]) }, func(d *Array, a []any) *Array { return into(d, a[0], a[1], a[2]) }}
}

var ufUnaryNames = []string{"negative", "absolute", "square", "sqrt", "exp", "log", "log1p", "expm1",
	"sin", "cos", "tan", "tanh", "floor", "ceil", "sign", "reciprocal", "logical_not",
	"arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "sinh", "cosh", "exp2",
	"log2", "log10", "cbrt", "deg2rad", "rad2deg", "rint", "trunc", "positive", "signbit",
	"isnan", "isinf", "isfinite", "invert"}

var ufBinaryNames = []string{"add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
	"maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
	"logical_and", "logical_or", "logical_xor",
	"arctan2", "hypot", "logaddexp", "logaddexp2", "copysign", "fmod", "fmax", "fmin",
	"bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"}

var ufPublic = map[string]ufForms{
	"negative":      unaryForms(Negative, NegativeInto),
	"absolute":      unaryForms(Abs, AbsInto),
	"square":        unaryForms(Square, SquareInto),
	"sqrt":          unaryForms(Sqrt, SqrtInto),
	"exp":           unaryForms(Exp, ExpInto),
	"log":           unaryForms(Log, LogInto),
	"log1p":         unaryForms(Log1p, Log1pInto),
	"expm1":         unaryForms(Expm1, Expm1Into),
	"sin":           unaryForms(Sin, SinInto),
	"cos":           unaryForms(Cos, CosInto),
	"tan":           unaryForms(Tan, TanInto),
	"tanh":          unaryForms(Tanh, TanhInto),
	"floor":         unaryForms(Floor, FloorInto),
	"ceil":          unaryForms(Ceil, CeilInto),
	"sign":          unaryForms(Sign, SignInto),
	"reciprocal":    unaryForms(Reciprocal, ReciprocalInto),
	"logical_not":   unaryForms(LogicalNot, LogicalNotInto),
	"add":           binaryForms(Add, AddInto),
	"subtract":      binaryForms(Subtract, SubtractInto),
	"multiply":      binaryForms(Multiply, MultiplyInto),
	"divide":        binaryForms(Divide, DivideInto),
	"floor_divide":  binaryForms(FloorDivide, FloorDivideInto),
	"remainder":     binaryForms(Remainder, RemainderInto),
	"power":         binaryForms(Power, PowerInto),
	"maximum":       binaryForms(Maximum, MaximumInto),
	"minimum":       binaryForms(Minimum, MinimumInto),
	"equal":         binaryForms(Equal, EqualInto),
	"not_equal":     binaryForms(NotEqual, NotEqualInto),
	"less":          binaryForms(Less, LessInto),
	"less_equal":    binaryForms(LessEqual, LessEqualInto),
	"greater":       binaryForms(Greater, GreaterInto),
	"greater_equal": binaryForms(GreaterEqual, GreaterEqualInto),
	"logical_and":   binaryForms(LogicalAnd, LogicalAndInto),
	"logical_or":    binaryForms(LogicalOr, LogicalOrInto),
	"logical_xor":   binaryForms(LogicalXor, LogicalXorInto),
	"arcsin":        unaryForms(ArcSin, ArcSinInto),
	"arccos":        unaryForms(ArcCos, ArcCosInto),
	"arctan":        unaryForms(ArcTan, ArcTanInto),
	"arcsinh":       unaryForms(ArcSinh, ArcSinhInto),
	"arccosh":       unaryForms(ArcCosh, ArcCoshInto),
	"arctanh":       unaryForms(ArcTanh, ArcTanhInto),
	"sinh":          unaryForms(Sinh, SinhInto),
	"cosh":          unaryForms(Cosh, CoshInto),
	"exp2":          unaryForms(Exp2, Exp2Into),
	"log2":          unaryForms(Log2, Log2Into),
	"log10":         unaryForms(Log10, Log10Into),
	"cbrt":          unaryForms(Cbrt, CbrtInto),
	"deg2rad":       unaryForms(Deg2Rad, Deg2RadInto),
	"rad2deg":       unaryForms(Rad2Deg, Rad2DegInto),
	"rint":          unaryForms(Rint, RintInto),
	"trunc":         unaryForms(Trunc, TruncInto),
	"positive":      unaryForms(Positive, PositiveInto),
	"signbit":       unaryForms(SignBit, SignBitInto),
	"isnan":         unaryForms(IsNaN, IsNaNInto),
	"isinf":         unaryForms(IsInf, IsInfInto),
	"isfinite":      unaryForms(IsFinite, IsFiniteInto),
	"invert":        unaryForms(Invert, InvertInto),
	"arctan2":       binaryForms(ArcTan2, ArcTan2Into),
	"hypot":         binaryForms(Hypot, HypotInto),
	"logaddexp":     binaryForms(LogAddExp, LogAddExpInto),
	"logaddexp2":    binaryForms(LogAddExp2, LogAddExp2Into),
	"copysign":      binaryForms(CopySign, CopySignInto),
	"fmod":          binaryForms(Fmod, FmodInto),
	"fmax":          binaryForms(Fmax, FmaxInto),
	"fmin":          binaryForms(Fmin, FminInto),
	"bitwise_and":   binaryForms(BitwiseAnd, BitwiseAndInto),
	"bitwise_or":    binaryForms(BitwiseOr, BitwiseOrInto),
	"bitwise_xor":   binaryForms(BitwiseXor, BitwiseXorInto),
	"left_shift":    binaryForms(LeftShift, LeftShiftInto),
	"right_shift":   binaryForms(RightShift, RightShiftInto),
	"where":         ternaryForms(Where, WhereInto),
	"clip":          ternaryForms(Clip, ClipInto),
}

// ufOperand builds one operand of the table's notation: a dtype name is
// an array of ones of that shape; "py:bool", "py:int", "py:float" are the
// Go scalars true, int(2) and 2.5 (NumPy's True, 2, 2.5); "py:int=N" is
// int(N); "none" is a missing clip bound.
func ufOperand(t testing.TB, arg string, shape []int) any {
	switch arg {
	case "py:bool":
		return true
	case "py:int":
		return int(2)
	case "py:float":
		return 2.5
	case "none":
		return nil
	}
	if v, ok := strings.CutPrefix(arg, "py:int="); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	return Ones(ufParseDType(t, arg), shape...)
}

// ufCatch runs f and returns its result, or the *Error it panicked with.
// A panic that is not an *Error is re-raised.
func ufCatch(f func() *Array) (res *Array, e *Error) {
	defer func() {
		if r := recover(); r != nil {
			err, ok := r.(error)
			if !ok || !errors.As(err, &e) {
				panic(r)
			}
		}
	}()
	return f(), nil
}

// ufKinds is the numgl Kind for each builtin exception class NumPy raises
// here. numgl has no overflow kind: NEP 50's OverflowError for an
// out-of-range Python int is a ValueError in numgl.
var ufKinds = map[string][]ErrorKind{
	"TypeError":     {DTypeError},
	"ValueError":    {ValueError, ShapeError},
	"OverflowError": {ValueError},
}

// checkUfuncCase calls c through the public API and compares with NumPy.
func checkUfuncCase(t *testing.T, c *ufTypeCase) {
	t.Helper()
	forms, ok := ufPublic[c.Op]
	if !ok {
		t.Errorf("%v: no public form", c)
		return
	}
	args := make([]any, len(c.Args))
	for i, a := range c.Args {
		shape := []int{1}
		if c.Shapes != nil {
			shape = c.Shapes[i]
		}
		args[i] = ufOperand(t, a, shape)
	}
	call := func() *Array { return forms.call(args) }
	if c.Out != "" {
		shape := []int{1}
		if c.OutShape != nil {
			shape = c.OutShape
		}
		dst := Ones(ufParseDType(t, c.Out), shape...)
		call = func() *Array {
			if r := forms.into(dst, args); r != dst {
				t.Errorf("%v: the Into form did not return dst", c)
			}
			return dst
		}
	}
	res, e := ufCatch(call)
	if c.Error != nil {
		if e == nil {
			t.Errorf("%v: numgl gives %v, NumPy raises %s: %s", c, res.DType(), c.Error.NumPyClass, c.Error.Msg)
			return
		}
		if !slices.Contains(ufKinds[c.Error.Class], e.Kind) {
			t.Errorf("%v: numgl raises a %v error, NumPy a %s", c, e.Kind, c.Error.Class)
		}
		if want := ufWidenMsg(c.Error.Msg); e.Msg != want {
			t.Errorf("%v: numgl's message\n\t%q\nNumPy's\n\t%q", c, e.Msg, want)
		}
		return
	}
	if e != nil {
		t.Errorf("%v: numgl raises %q, NumPy gives %s", c, e.Msg, c.DType)
		return
	}
	want := c.want(t)
	if c.Out != "" {
		want = ufParseDType(t, c.Out)
	}
	if res.DType() != want {
		note := ""
		if c.DType != want.String() {
			note = fmt.Sprintf(" (NumPy's answer %s", c.DType)
			if c.NEP50DType != "" {
				note += ", NEP 50's " + c.NEP50DType
			}
			note += ")"
		}
		t.Errorf("%v: numgl gives %v, want %v%s", c, res.DType(), want, note)
	}
}

// TestUfuncTypesMatchNumPy replays every NumPy case: unary ops over every
// dtype and Python scalar kind, binary ops over every pair of those, where
// and clip, each compared with NumPy's result dtype or error.
func TestUfuncTypesMatchNumPy(t *testing.T) {
	tab := loadUfuncTypes(t)
	if len(tab.Cases) < 1500 {
		t.Fatalf("ufunc_types.json has only %d cases", len(tab.Cases))
	}
	ops := map[string]bool{}
	for _, c := range tab.Cases {
		ops[c.Op] = true
		checkUfuncCase(t, c)
	}
	for op := range ufPublic {
		if !ops[op] {
			t.Errorf("%s: no NumPy cases", op)
		}
	}
}

// TestUfuncOutCastingMatchesNumPy writes every unary and binary array
// call into an out= array of every dtype: NumPy's casting='same_kind'.
func TestUfuncOutCastingMatchesNumPy(t *testing.T) {
	tab := loadUfuncTypes(t)
	if len(tab.OutCases) == 0 {
		t.Fatal("no out= cases")
	}
	for _, c := range tab.OutCases {
		checkUfuncCase(t, c)
	}
}

// TestUfuncErrorOrderMatchesNumPy: with a dtype error and a shape error at
// once, NumPy reports the dtype error (it resolves the loop first).
func TestUfuncErrorOrderMatchesNumPy(t *testing.T) {
	tab := loadUfuncTypes(t)
	if len(tab.BothErrors) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range tab.BothErrors {
		checkUfuncCase(t, c)
	}
}

// TestUfuncScalarOverflowMatchesNumPy: a Go int that the weak scalar's
// dtype cannot hold is refused with NumPy's message (NEP 50).
func TestUfuncScalarOverflowMatchesNumPy(t *testing.T) {
	tab := loadUfuncTypes(t)
	if len(tab.Overflow) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range tab.Overflow {
		checkUfuncCase(t, c)
	}
}

// TestWhereScalarOverflow is not from NumPy 1.24, whose where is not NEP
// 50's (np.where(c, int32 array, 2**40) is an int64 array there). numgl's
// where treats Go scalars as every ufunc does, and refuses the int as
// NumPy >= 2 does (numpy PR #30803: "don't silently truncate Python
// scalars").
func TestWhereScalarOverflow(t *testing.T) {
	c := Ones(Bool, 2)
	for _, args := range [][2]any{{Ones(Int32, 2), 1 << 40}, {-1 << 40, Ones(Int32, 2)}} {
		_, e := ufCatch(func() *Array { return Where(c, args[0], args[1]) })
		if e == nil || e.Kind != ValueError || !strings.HasSuffix(e.Msg, "out of bounds for int32") {
			t.Errorf("Where(c, %v, %v): %v", args[0], args[1], e)
		}
	}
	if got := Where(c, Ones(Int32, 2), 1<<31-1).DType(); got != Int32 {
		t.Errorf("Where(c, int32, MaxInt32) is %v", got)
	}
}

// ufFuzzDTypes are the operand kinds the fuzz target draws from: the five
// array dtypes and the three Go scalar kinds.
var ufFuzzDTypes = []string{"bool", "int32", "int64", "float32", "float64", "py:bool", "py:int", "py:float"}

// ufFuzzShape decodes a small shape: rank min(len(b), 4), each dim 0..3.
func ufFuzzShape(b []byte) []int {
	shape := make([]int, min(len(b), 4))
	for i := range shape {
		shape[i] = int(b[i] % 4)
	}
	return shape
}

// ufRefBroadcast is NumPy's broadcasting rule written out for the test:
// align the shapes on the right; on each axis every dim is 1 or one
// common size, which the result takes (1 if all are 1).
func ufRefBroadcast(shapes ...[]int) ([]int, bool) {
	rank := 0
	for _, s := range shapes {
		rank = max(rank, len(s))
	}
	out := make([]int, rank)
	for ax := range rank {
		size := -1
		for _, s := range shapes {
			i := ax - (rank - len(s))
			if i < 0 || s[i] == 1 {
				continue
			}
			if size >= 0 && size != s[i] {
				return nil, false
			}
			size = s[i]
		}
		out[ax] = 1
		if size >= 0 {
			out[ax] = size
		}
	}
	return out, true
}

// ufPyShape formats a shape as Python prints a tuple: (), (3,), (2,3).
func ufPyShape(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// FuzzUfuncTypes calls a fuzzed op on fuzzed dtypes and shapes. The result
// dtype must be the NumPy table's, the result shape the reference
// broadcast, and every element the op's value on ones (every array is
// ones). Shapes that do not broadcast must panic with a ShapeError in
// NumPy's words; a dtype error comes first, as in NumPy.
func FuzzUfuncTypes(f *testing.F) {
	f.Add(uint8(17), uint8(1), uint8(4), []byte{2, 3}, []byte{3}, []byte{})
	f.Add(uint8(18), uint8(0), uint8(0), []byte{2}, []byte{3}, []byte{1})
	f.Add(uint8(3), uint8(0), uint8(7), []byte{0, 1}, []byte{}, []byte{})
	f.Add(uint8(35), uint8(3), uint8(6), []byte{1, 2, 3}, []byte{2, 1}, []byte{3, 1, 1})
	f.Add(uint8(36), uint8(2), uint8(4), []byte{3}, []byte{2, 1}, []byte{0})
	f.Add(uint8(20), uint8(2), uint8(5), []byte{1, 0}, []byte{1}, []byte{})
	f.Fuzz(func(t *testing.T, op, da, db uint8, sa, sb, sc []byte) {
		tab := loadUfuncTypes(t)
		ops := slices.Concat(ufUnaryNames, ufBinaryNames, []string{"where", "clip"})
		name := ops[int(op)%len(ops)]
		dta, dtb := ufFuzzDTypes[int(da)%len(ufFuzzDTypes)], ufFuzzDTypes[int(db)%len(ufFuzzDTypes)]
		var names []string
		var shapes [][]int
		switch {
		case name == "where":
			names, shapes = []string{"bool", dta, dtb}, [][]int{ufFuzzShape(sc), ufFuzzShape(sa), ufFuzzShape(sb)}
		case name == "clip":
			dta = ufFuzzDTypes[int(da)%5] // clip's a is an array
			names, shapes = []string{dta, dtb, dtb}, [][]int{ufFuzzShape(sa), ufFuzzShape(sb), ufFuzzShape(sc)}
		case slices.Contains(ufUnaryNames, name):
			names, shapes = []string{dta}, [][]int{ufFuzzShape(sa)}
		default:
			names, shapes = []string{dta, dtb}, [][]int{ufFuzzShape(sa), ufFuzzShape(sb)}
		}
		c := tab.byKey[name+"|"+strings.Join(names, ",")]
		if c == nil {
			t.Fatalf("no table entry for %s%v", name, names)
		}
		args := make([]any, len(names))
		for i, n := range names {
			if strings.HasPrefix(n, "py:") {
				shapes[i] = []int{} // a scalar broadcasts as ()
			}
			args[i] = ufOperand(t, n, shapes[i])
		}
		res, e := ufCatch(func() *Array { return ufPublic[name].call(args) })
		if c.Error != nil {
			if e == nil || !slices.Contains(ufKinds[c.Error.Class], e.Kind) || e.Msg != ufWidenMsg(c.Error.Msg) {
				t.Fatalf("%s%v shapes %v: got %v, NumPy raises %s: %s", name, names, shapes, e, c.Error.Class, c.Error.Msg)
			}
			return
		}
		want, ok := ufRefBroadcast(shapes...)
		if !ok {
			var msg strings.Builder
			msg.WriteString("operands could not be broadcast together with shapes ")
			for _, s := range shapes {
				msg.WriteString(ufPyShape(s) + " ")
			}
			if e == nil || e.Kind != ShapeError || e.Msg != msg.String() {
				t.Fatalf("%s%v shapes %v: got %v, want ShapeError %q", name, names, shapes, e, msg.String())
			}
			return
		}
		if e != nil {
			t.Fatalf("%s%v shapes %v: %v", name, names, shapes, e)
		}
		if res.DType() != c.want(t) || !slices.Equal(res.Shape(), want) {
			t.Fatalf("%s%v shapes %v: %v %v, want %v %v", name, names, shapes, res.DType(), res.Shape(), c.want(t), want)
		}
		// Every input is ones, so every element is the op on ones.
		oneArgs := make([]any, len(names))
		for i, n := range names {
			oneArgs[i] = ufOperand(t, n, []int{})
		}
		one := fmt.Sprint(ufPublic[name].call(oneArgs).Item())
		for i, v := range ufFlatStrings(res) {
			if v != one {
				t.Fatalf("%s%v shapes %v: element %d is %s, want %s", name, names, shapes, i, v, one)
			}
		}
	})
}

// ufFlatStrings formats every element of a in C order.
func ufFlatStrings(a *Array) []string {
	var out []string
	switch d := a.Data().(type) {
	case []bool:
		for _, v := range d {
			out = append(out, fmt.Sprint(v))
		}
	case []int32:
		for _, v := range d {
			out = append(out, fmt.Sprint(v))
		}
	case []int64:
		for _, v := range d {
			out = append(out, fmt.Sprint(v))
		}
	case []float32:
		for _, v := range d {
			out = append(out, fmt.Sprint(v))
		}
	case []float64:
		for _, v := range d {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}
