package shaders

import (
	"fmt"
	"slices"
	"strings"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/ufunc"
)

// This file renders kernel plans (package plan) as GLSL. A plan's
// buffer b is bound at binding b; its inputs are operands 0..NIN-1 of the
// layout uniforms and its output operand NIN. Constants travel as bits
// in u_const. Every node is a variable of its dtype's compute type,
// float ones `precise`, so that no compiler contracts a*b+c into an FMA
// or reassociates what NumPy rounds step by step.

// PlanKernel returns the GLSL of an elementwise plan: a grid-stride loop
// over the u_n positions of its (collapsed) shape.
func PlanKernel(k *plan.Kernel) string {
	g := newGraph(k)
	nin := len(k.Inputs)
	rank := len(k.Shape)
	var b strings.Builder
	b.WriteString(header(WorkGroup, g.dtypes()...))
	fmt.Fprintf(&b, "// plan: %s; rank %d\n", describe(k), rank)
	b.WriteString(g.buffers(true))
	b.WriteString(layoutUniforms(rank, nin+1))
	b.WriteString(g.uniforms())
	b.WriteString(g.helpers())
	var body strings.Builder
	body.WriteString(offsets(rank, nin+1))
	body.WriteString(g.statements(func(i int) string { return fmt.Sprintf("o%d", i) }))
	fmt.Fprintf(&body, "\t\tb%d[o%d] = %s;\n", k.Out.Buf, nin, store(k.Out.DType, g.root()))
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

// graph renders the nodes of a plan.
type graph struct {
	k      *plan.Kernel
	consts []int // the Const nodes, in order: u_const[j] is node consts[j]
	// bufName names the array of a plan buffer ("b3"); acc is the GLSL
	// of an epilogue's Acc node, in its dtype's compute type.
	bufName func(buf int) string
	acc     string
}

func newGraph(k *plan.Kernel) *graph {
	g := &graph{k: k, bufName: func(b int) string { return fmt.Sprintf("b%d", b) }}
	for i, n := range k.Nodes {
		if n.Kind == plan.Const {
			g.consts = append(g.consts, i)
		}
	}
	return g
}

// dtypes returns every dtype the kernel touches (for its extensions).
func (g *graph) dtypes() []dtype.DType {
	dts := []dtype.DType{g.k.Out.DType}
	for _, in := range g.k.Inputs {
		dts = append(dts, in.DType)
	}
	for _, n := range g.k.Nodes {
		dts = append(dts, n.DType)
	}
	return dts
}

// buffers declares the plan's buffers: read-only, write-only (the output,
// when withOut), or both (an output computed in place).
func (g *graph) buffers(withOut bool) string {
	k := g.k
	type use struct {
		dt          dtype.DType
		read, write bool
	}
	uses := map[int]*use{}
	var order []int
	get := func(b int, dt dtype.DType) *use {
		if uses[b] == nil {
			uses[b] = &use{dt: dt}
			order = append(order, b)
		}
		return uses[b]
	}
	for _, in := range k.Inputs {
		get(in.Buf, in.DType).read = true
	}
	if withOut {
		get(k.Out.Buf, k.Out.DType).write = true
	}
	slices.Sort(order)
	var b strings.Builder
	for _, i := range order {
		u := uses[i]
		access := "readonly"
		switch {
		case u.read && u.write:
			access = ""
		case u.write:
			access = "writeonly"
		}
		b.WriteString(buffer(i, u.dt, g.bufName(i), access))
	}
	return b.String()
}

// uniforms declares u_const.
func (g *graph) uniforms() string {
	if len(g.consts) == 0 {
		return ""
	}
	return fmt.Sprintf("uniform uvec2 u_const[%d]; // the constants' bits, low word first\n", len(g.consts))
}

// ConstBits returns the bits of a plan's constants in the order of its
// kernels' u_const.
func ConstBits(k *plan.Kernel) [][2]uint32 {
	var bits [][2]uint32
	for _, n := range k.Nodes {
		if n.Kind == plan.Const {
			bits = append(bits, ScalarBits(n.DType, n.Value))
		}
	}
	return bits
}

// helpers returns the op helpers of every compute type the graph uses.
func (g *graph) helpers() string {
	var types []dtype.DType
	pow32 := false
	add := func(dt dtype.DType) {
		c := computeDType(dt)
		if !slices.Contains(types, c) {
			types = append(types, c)
		}
	}
	add(dtype.Int32) // bool values are stored through nbool(int)
	for _, n := range g.k.Nodes {
		add(n.DType)
		if n.Kind == plan.Apply {
			for _, in := range n.Loop.In {
				add(in)
			}
			pow32 = pow32 || (n.Op == ufunc.Power && n.Loop.In[0] == dtype.Float32)
		}
	}
	return helperSet(types, pow32)
}

// helperSet returns the helper libraries of the compute types types
// (computeDType's), with float power (through double) when pow32.
func helperSet(types []dtype.DType, pow32 bool) string {
	var b strings.Builder
	b.WriteString("uint nbool(bool x) { return x ? 1u : 0u; }\n")
	slices.Sort(types)
	if slices.Contains(types, dtype.Float64) || pow32 {
		b.WriteString("#define T_NAN packDouble2x32(uvec2(0u, 0x7ff80000u))\n#define T_INF packDouble2x32(uvec2(0u, 0x7ff00000u))\n")
		b.WriteString(source("math_double.glsl"))
		b.WriteString("#undef T_NAN\n#undef T_INF\n")
	}
	for _, dt := range types {
		t := ComputeType(dt)
		fmt.Fprintf(&b, "#define T %s\n", t)
		switch dt {
		case dtype.Int32, dtype.Int64:
			fmt.Fprintf(&b, "#define T_MIN %s\n", map[dtype.DType]string{dtype.Int32: "int(0x80000000u)", dtype.Int64: "int64_t(0x8000000000000000ul)"}[dt])
			fmt.Fprintf(&b, "#define T_BITS %s\n", map[dtype.DType]string{dtype.Int32: "32", dtype.Int64: "64l"}[dt])
			b.WriteString(source("helpers_int.glsl"))
			b.WriteString("#undef T_MIN\n#undef T_BITS\n")
		case dtype.Float32:
			b.WriteString("#define T_WIDE double\n#define T_NAN uintBitsToFloat(0x7fc00000u)\n#define T_INF uintBitsToFloat(0x7f800000u)\n")
			b.WriteString(float32Defs)
			b.WriteString(source("helpers_float.glsl"))
			b.WriteString(source("math_float_explog.glsl"))
			b.WriteString(source("math_float_trig.glsl"))
			if pow32 {
				b.WriteString(source("math_float_pow.glsl"))
			}
			b.WriteString("#undef T_WIDE\n#undef T_NAN\n#undef T_INF\n")
			b.WriteString(undefFloatDefs)
		case dtype.Float64:
			b.WriteString("#define T_WIDE double\n#define T_NAN packDouble2x32(uvec2(0u, 0x7ff80000u))\n#define T_INF packDouble2x32(uvec2(0u, 0x7ff00000u))\n")
			b.WriteString(float64Defs)
			b.WriteString(source("helpers_float.glsl"))
			b.WriteString("#undef T_WIDE\n#undef T_NAN\n#undef T_INF\n")
			b.WriteString(undefFloatDefs)
		}
		b.WriteString("#undef T\n")
	}
	return b.String()
}

// The float types' sign bit and NumPy's degree-radian constants (its
// float32 ones are computed in float32 from float32 pi; see ufunc's
// deg2rad).
const (
	float32Defs = "#define T_SIGNBIT(x) ((floatBitsToUint(x) >> 31) != 0u)\n" +
		"#define T_DEG2RAD uintBitsToFloat(0x3c8efa35u)\n#define T_RAD2DEG uintBitsToFloat(0x42652ee0u)\n"
	float64Defs = "#define T_SIGNBIT(x) ((unpackDouble2x32(x).y >> 31) != 0u)\n" +
		"#define T_DEG2RAD packDouble2x32(uvec2(0xa2529d39u, 0x3f91df46u))\n" +
		"#define T_RAD2DEG packDouble2x32(uvec2(0x1a63c1f8u, 0x404ca5dcu))\n"
	undefFloatDefs = "#undef T_SIGNBIT\n#undef T_DEG2RAD\n#undef T_RAD2DEG\n"
)

// statements returns the GLSL computing every node for one element, input
// i read at the offset off(i); node j's value is variable vj.
func (g *graph) statements(off func(input int) string) string {
	var b strings.Builder
	k := g.k
	for i, n := range k.Nodes {
		ct := ComputeType(n.DType)
		prec := ""
		if n.DType.IsFloat() {
			prec = "precise "
		}
		var v string
		switch n.Kind {
		case plan.Load:
			in := &k.Inputs[n.Input]
			v = load(in.DType, g.bufName(in.Buf), off(n.Input))
		case plan.Acc:
			v = g.acc
		case plan.Const:
			v = fromBits(n.DType, fmt.Sprintf("u_const[%d]", slices.Index(g.consts, i)))
			if n.DType == dtype.Bool {
				v = "int(" + v + " != 0u)"
			}
		case plan.Cast:
			v = castGLSL(n.DType, k.Nodes[n.Args[0]].DType, fmt.Sprintf("v%d", n.Args[0]))
		case plan.Apply:
			args := make([]string, n.NArgs())
			for a := range args {
				args[a] = fmt.Sprintf("v%d", n.Args[a])
			}
			e := substitute(loopGLSL(n.Op, n.Loop), args, ComputeType(n.Loop.In[len(n.Loop.In)-1]))
			if n.DType == dtype.Bool {
				v = "int(nbool(" + e + "))"
			} else {
				v = ct + "(" + e + ")"
			}
		}
		fmt.Fprintf(&b, "\t\t%s%s v%d = %s;\n", prec, ct, i, v)
	}
	return b.String()
}

// root returns the variable of the root node.
func (g *graph) root() string { return fmt.Sprintf("v%d", g.k.Root()) }

// castGLSL converts x, a value of src's compute type, to dst's as NumPy's
// astype does: non-zero is true; NaN, ±inf and out-of-range floats give
// the integer minimum (x86's answer, and so NumPy's and cpu-loop's).
func castGLSL(dst, src dtype.DType, x string) string {
	switch {
	case dst == dtype.Bool:
		return fmt.Sprintf("int(%s != %s(0))", x, ComputeType(src))
	case src.IsFloat() && dst.IsInt():
		lim, min, suffix := "2147483648.0", "int(0x80000000u)", ""
		if dst == dtype.Int64 {
			lim, min = "9223372036854775808.0", "int64_t(0x8000000000000000ul)"
		}
		if src == dtype.Float64 {
			suffix = "lf"
		}
		return fmt.Sprintf("(%[5]s >= -%[1]s%[2]s && %[5]s < %[1]s%[2]s) ? %[3]s(%[5]s) : %[4]s", lim, suffix, ComputeType(dst), min, x)
	case dst == dtype.Int64 && src != dtype.Int64 && !src.IsFloat():
		// Sign-extended by hand: llvmpipe miscompiles int64_t(int) where
		// the result is compared and divided (remainder of a mixed pair).
		return fmt.Sprintf("packInt2x32(ivec2(%[1]s, %[1]s >> 31))", x)
	}
	return ComputeType(dst) + "(" + x + ")"
}

// substitute replaces the identifiers a, b, c of an op's expression with
// args and T with the compute type t.
func substitute(expr string, args []string, t string) string {
	var b strings.Builder
	for i := 0; i < len(expr); {
		c := expr[i]
		if !isIdent(c) {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(expr) && (isIdent(expr[j]) || (expr[j] >= '0' && expr[j] <= '9')) {
			j++
		}
		switch id := expr[i:j]; id {
		case "a", "b", "c":
			b.WriteString(args[id[0]-'a'])
		case "T":
			b.WriteString(t)
		default:
			b.WriteString(id)
		}
		i = j
	}
	return b.String()
}

func isIdent(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// HasPlan reports whether the GPU kernels implement every op of k: each
// has a GLSL expression, and the float64 functions GLSL lacks are in
// math_double.glsl.
func HasPlan(k *plan.Kernel) (ufunc.ID, bool) {
	for _, n := range k.Nodes {
		if n.Kind != plan.Apply {
			continue
		}
		e := opGLSL[n.Op]
		if e == "" {
			return n.Op, false
		}
		if n.Loop.In[len(n.Loop.In)-1] != dtype.Float64 {
			continue
		}
		fn, _, _ := strings.Cut(e, "(")
		if doubleFuncs[fn] && !strings.Contains(source("math_double.glsl"), "double "+fn+"(") {
			return n.Op, false
		}
	}
	return ufunc.NoOp, true
}

// describe writes a plan's structure (not its constants' values, which
// are uniforms) for the kernel's first comment.
func describe(k *plan.Kernel) string {
	var b strings.Builder
	if k.Reduce != plan.NoReduce {
		fmt.Fprintf(&b, "%v over %d axes of", k.Reduce, k.NReduce)
	}
	for i, n := range k.Nodes {
		fmt.Fprintf(&b, " v%d=", i)
		switch n.Kind {
		case plan.Load:
			fmt.Fprintf(&b, "load(b%d)", k.Inputs[n.Input].Buf)
		case plan.Const:
			fmt.Fprintf(&b, "const %v", n.DType)
		case plan.Acc:
			b.WriteString("acc")
		case plan.Cast:
			fmt.Fprintf(&b, "%v(v%d)", n.DType, n.Args[0])
		case plan.Apply:
			fmt.Fprintf(&b, "%v[%s](", n.Op, n.Loop.Signature())
			for a := range n.NArgs() {
				if a > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "v%d", n.Args[a])
			}
			b.WriteString(")")
		}
	}
	if !k.Epilogue() {
		fmt.Fprintf(&b, " -> b%d", k.Out.Buf)
	}
	fmt.Fprintf(&b, " -> %v", k.Out.DType)
	return b.String()
}
