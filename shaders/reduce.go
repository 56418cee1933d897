package shaders

import (
	"fmt"
	"strings"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// This file generates the kernels of the requests that do not map one
// element to one element: reductions (Reduce), cumulative sums and
// products (Scan) and advanced indexing (Gather, Scatter). They follow the
// conventions of kernel.go — shapes, strides and offsets are uniforms, a
// kernel is specialised on its op, dtypes and ranks only — and add the
// uniforms each needs.

// Reduction is one specialisation of the reduction kernels: a reducing
// plan (its graph computes each value reduced) and the dtype sums and
// products accumulate in.
type Reduction struct {
	Plan *plan.Kernel
	// Acc is the dtype sum and prod accumulate in: Float64 (or Float32
	// on devices without fp64) for float outputs, Int64 (or Int32) for
	// integer ones. The other reductions ignore it.
	Acc dtype.DType
}

func (r Reduction) kind() plan.ReduceKind { return r.Plan.Reduce }
func (r Reduction) src() dtype.DType      { return r.Plan.RootDType() }
func (r Reduction) out() dtype.DType      { return r.Plan.Out.DType }
func (r Reduction) leadRank() int         { return len(r.Plan.Kept()) }
func (r Reduction) redRank() int          { return r.Plan.NReduce }
func (r Reduction) nin() int              { return len(r.Plan.Inputs) }

// The stages of the work-group reduction (ReduceGroups).
const (
	// ReduceDirect reduces each output's elements in one work group
	// and writes the output.
	ReduceDirect = iota
	// ReducePartial reduces chunk c of output o's elements in one work
	// group and writes the partial state o*u_chunks + c.
	ReducePartial
	// ReduceFinal reduces each output's u_m partial states (written by
	// ReducePartial) in one work group and writes the output.
	ReduceFinal
)

// glslType is the GLSL type of a dtype's values in registers.
func glslType(dt dtype.DType) string { return ComputeType(dt) }

// computeDType is the dtype of ComputeType(dt): bool computes as int32.
func computeDType(dt dtype.DType) dtype.DType {
	if dt == dtype.Bool {
		return dtype.Int32
	}
	return dt
}

// ReducePartials returns the dtypes of the scratch buffers that hold one
// partial state of r: the running value and, for float sums, the
// compensation, or for argmax and argmin, the position (as a uint; Int32
// only gives its size). They are bound after the plan's buffers.
func ReducePartials(r Reduction) []dtype.DType {
	switch r.kind() {
	case plan.Sum:
		if r.Acc.IsFloat() {
			return []dtype.DType{r.Acc, r.Acc}
		}
		return []dtype.DType{r.Acc}
	case plan.Prod:
		return []dtype.DType{r.Acc}
	case plan.Max, plan.Min:
		return []dtype.DType{computeDType(r.src())}
	case plan.ArgMax, plan.ArgMin:
		return []dtype.DType{computeDType(r.src()), dtype.Int32}
	}
	return []dtype.DType{dtype.Int32} // any, all
}

// reduceState returns the GLSL of r's state: struct St, its identity
// st_id(), st_add(st, x, j) adding element j of value x (the compute type
// of the root), st_merge(a, b) combining two states, and st_write(off,
// st) storing the result at the output's offset off. The states of sum
// and prod are order-free; max and min keep the first NaN; argmax and
// argmin break ties on the position, so a merge in any order gives the
// first extreme.
func reduceState(r Reduction) string {
	t := glslType(r.src())
	a := glslType(r.Acc)
	isFloat := r.src().IsFloat()
	outv := fmt.Sprintf("b%d", r.Plan.Out.Buf)
	var b strings.Builder
	inf := map[string]string{
		"float":  "uintBitsToFloat(0x7f800000u)",
		"double": "packDouble2x32(uvec2(0u, 0x7ff00000u))",
	}
	switch r.kind() {
	case plan.Sum:
		if r.Acc.IsFloat() {
			// Neumaier's compensated summation: s is the running sum, c
			// collects the low-order bits each addition rounds away.
			// precise keeps the compiler from simplifying (s - t) + x to
			// 0. Once s is inf or NaN the compensation is meaningless
			// (inf - inf) and st_value ignores it.
			fmt.Fprintf(&b, `struct St { %[1]s s; %[1]s c; };
St st_id() { return St(%[1]s(0), %[1]s(0)); }
void st_addv(inout St st, %[1]s x) {
	precise %[1]s t = st.s + x;
	precise %[1]s e = abs(st.s) >= abs(x) ? (st.s - t) + x : (x - t) + st.s;
	precise %[1]s c = st.c + e;
	st.s = t;
	st.c = c;
}
void st_add(inout St st, %[2]s x, uint j) { st_addv(st, %[1]s(x)); }
St st_merge(St a, St b) {
	St r = a;
	st_addv(r, b.s);
	precise %[1]s c = r.c + b.c;
	r.c = c;
	return r;
}
%[1]s st_value(St st) {
	if (isinf(st.s) || isnan(st.s)) return st.s;
	precise %[1]s v = st.s + st.c;
	return v;
}
`, a, t)
		} else {
			fmt.Fprintf(&b, `struct St { %[1]s s; };
St st_id() { return St(%[1]s(0)); }
void st_add(inout St st, %[2]s x, uint j) { st.s += %[1]s(x); }
St st_merge(St a, St b) { return St(a.s + b.s); }
%[1]s st_value(St st) { return st.s; }
`, a, t)
		}
		fmt.Fprintf(&b, "void st_write(int off, St st) { %s[off] = %s(st_value(st)); }\n", outv, StoreType(r.out()))
	case plan.Prod:
		fmt.Fprintf(&b, `struct St { %[1]s s; };
St st_id() { return St(%[1]s(1)); }
void st_add(inout St st, %[2]s x, uint j) { st.s *= %[1]s(x); }
St st_merge(St a, St b) { return St(a.s * b.s); }
void st_write(int off, St st) { %[4]s[off] = %[3]s(st.s); }
`, a, t, StoreType(r.out()), outv)
	case plan.Max, plan.Min:
		cmp, id := ">=", ""
		if r.kind() == plan.Min {
			cmp = "<="
		}
		switch t {
		case "float", "double":
			id = inf[t]
			if r.kind() == plan.Max {
				id = "-" + id
			}
		case "int64_t":
			id = "int64_t(0x7ffffffffffffffful)"
			if r.kind() == plan.Max {
				id = "int64_t(0x8000000000000000ul)"
			}
		default: // int, and bool as int
			id = "int(0x7fffffffu)"
			if r.kind() == plan.Max {
				id = "int(0x80000000u)"
			}
		}
		// NaN is tested apart: a compiler may turn "a >= b ? a : b" into
		// max(a, b), which drops NaN (Mesa does once a is the constant
		// identity).
		nan := ""
		if isFloat {
			nan = "\tif (isnan(a)) return a;\n\tif (isnan(b)) return b;\n"
		}
		fmt.Fprintf(&b, `struct St { %[1]s v; };
St st_id() { return St(%[2]s); }
// better returns a unless b is more extreme (a NaN a is kept, a NaN b wins).
%[1]s better(%[1]s a, %[1]s b) {
%[4]s	return a %[3]s b ? a : b;
}
void st_add(inout St st, %[1]s x, uint j) { st.v = better(st.v, x); }
St st_merge(St a, St b) { return St(better(a.v, b.v)); }
`, t, id, cmp, nan)
		if r.src() == dtype.Bool {
			fmt.Fprintf(&b, "void st_write(int off, St st) { %s[off] = uint(st.v != 0); }\n", outv)
		} else {
			fmt.Fprintf(&b, "void st_write(int off, St st) { %s[off] = st.v; }\n", outv)
		}
	case plan.ArgMax, plan.ArgMin:
		gt := ">"
		if r.kind() == plan.ArgMin {
			gt = "<"
		}
		nan := ""
		if isFloat {
			nan = `	bool na = isnan(av), nb = isnan(bv);
	if (na || nb) return nb && (!na || bi < ai);
`
		}
		fmt.Fprintf(&b, `struct St { %[1]s v; uint i; };
const uint NONE = 0xffffffffu;
St st_id() { return St(%[1]s(0), NONE); }
// takeB reports whether (bv, bi) beats (av, ai): a NaN is the extreme,
// and of equals the smaller position wins.
bool takeB(%[1]s av, uint ai, %[1]s bv, uint bi) {
	if (bi == NONE) return false;
	if (ai == NONE) return true;
%[3]s	if (bv %[2]s av) return true;
	return bv == av && bi < ai;
}
void st_add(inout St st, %[1]s x, uint j) { if (takeB(st.v, st.i, x, j)) st = St(x, j); }
St st_merge(St a, St b) { return takeB(a.v, a.i, b.v, b.i) ? b : a; }
void st_write(int off, St st) { %[4]s[off] = int64_t(st.i); }
`, t, gt, nan, outv)
	case plan.Any, plan.All:
		id, op := "0", "|"
		if r.kind() == plan.All {
			id, op = "1", "&"
		}
		fmt.Fprintf(&b, `struct St { int v; };
St st_id() { return St(%[1]s); }
void st_add(inout St st, %[2]s x, uint j) { st.v %[3]s= int(x != %[2]s(0)); }
St st_merge(St a, St b) { return St(a.v %[3]s b.v); }
void st_write(int off, St st) { %[4]s[off] = uint(st.v); }
`, id, t, op, outv)
	default:
		panic(fmt.Sprintf("shaders: unknown reduction %v", r.kind()))
	}
	return b.String()
}

// partialIO returns the GLSL of the partial-state buffers (bound after
// the plan's buffers) and st_load(k) / st_store(k, st).
func partialIO(r Reduction, access string) string {
	dts := ReducePartials(r)
	first := r.Plan.NumBufs()
	var b strings.Builder
	for i, dt := range dts {
		ty := glslType(dt)
		if i == 1 && (r.kind() == plan.ArgMax || r.kind() == plan.ArgMin) {
			ty = "uint"
		}
		fmt.Fprintf(&b, "layout(std430, binding = %d) %s buffer P%d { %s p%d[]; };\n", first+i, access, i, ty, i)
	}
	fields := []string{"p0[k]"}
	if len(dts) == 2 {
		fields = append(fields, "p1[k]")
	}
	if access == "readonly" {
		fmt.Fprintf(&b, "St st_load(uint k) { return St(%s); }\n", strings.Join(fields, ", "))
	} else {
		members := map[plan.ReduceKind][]string{plan.Sum: {"s", "c"}, plan.Prod: {"s"}, plan.Max: {"v"}, plan.Min: {"v"},
			plan.ArgMax: {"v", "i"}, plan.ArgMin: {"v", "i"}, plan.Any: {"v"}, plan.All: {"v"}}[r.kind()]
		if r.kind() == plan.Sum && !r.Acc.IsFloat() {
			members = members[:1]
		}
		b.WriteString("void st_store(uint k, St st) {")
		for i, m := range members {
			fmt.Fprintf(&b, " p%d[k] = st.%s;", i, m)
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

// reduceHeader writes what every reduction kernel starts with: the
// layout of the kept axes (operands: the inputs, then the output), of the
// reduced axes (the inputs), the constants, the buffers and the helpers.
// withInputs is false for the final stage, which reads partial states
// only.
func reduceHeader(b *strings.Builder, r Reduction, g *graph, what string, withInputs bool) {
	dts := append(g.dtypes(), r.Acc)
	b.WriteString(header(WorkGroup, dts...))
	fmt.Fprintf(b, "// %s; acc %v, kept rank %d, reduced rank %d: %s\n", describe(r.Plan), r.Acc, r.leadRank(), r.redRank(), what)
	b.WriteString(layoutUniforms(r.leadRank(), r.nin()+1))
	if r.redRank() > 0 {
		fmt.Fprintf(b, "uniform int u_rshape[%d];\nuniform int u_rstrides[%d];\n", r.redRank(), r.redRank()*r.nin())
	}
	b.WriteString("uniform uint u_m; // elements per output\n")
	if withInputs {
		b.WriteString(g.buffers(false))
		b.WriteString(g.uniforms())
		b.WriteString(g.helpers())
	}
	b.WriteString(buffer(r.Plan.Out.Buf, r.out(), fmt.Sprintf("b%d", r.Plan.Out.Buf), "writeonly"))
}

// ReduceThreads returns the reduction kernel that gives each output one
// invocation, which visits the output's u_m elements in C order (an
// odometer over u_rshape, so any strides, reversed or broadcast, work),
// computing each from the plan's graph. Float sums are compensated
// (Neumaier). It is the kernel for many outputs of few elements each.
// Run it as a grid-stride loop over the outputs (u_n).
func ReduceThreads(r Reduction) string {
	var b strings.Builder
	g := newGraph(r.Plan)
	nin, rr := r.nin(), r.redRank()
	reduceHeader(&b, r, g, "one invocation per output", true)
	b.WriteString(reduceState(r))
	var body strings.Builder
	body.WriteString(offsets(r.leadRank(), nin+1))
	body.WriteString("\t\tSt st = st_id();\n")
	for k := range nin {
		fmt.Fprintf(&body, "\t\tint r%d = o%d;\n", k, k)
	}
	elem := indent(g.statements(func(i int) string { return fmt.Sprintf("r%d", i) }), "\t") +
		fmt.Sprintf("\t\t\tst_add(st, %s, j);\n", g.root())
	switch rr {
	case 0:
		fmt.Fprintf(&body, "\t\tfor (uint j = 0u; j < u_m; j++) {\n%s\t\t}\n", elem)
	case 1:
		body.WriteString("\t\tfor (uint j = 0u; j < u_m; j++) {\n" + elem)
		for k := range nin {
			fmt.Fprintf(&body, "\t\t\tr%d += u_rstrides[%d];\n", k, k)
		}
		body.WriteString("\t\t}\n")
	default:
		fmt.Fprintf(&body, "\t\tint pos[%d];\n\t\tfor (int a = 0; a < %d; a++) pos[a] = 0;\n", rr, rr)
		body.WriteString("\t\tfor (uint j = 0u; j < u_m; j++) {\n" + elem)
		fmt.Fprintf(&body, "\t\t\tfor (int a = %d; a >= 0; a--) {\n", rr-1)
		for k := range nin {
			fmt.Fprintf(&body, "\t\t\t\tr%d += u_rstrides[%d + a];\n", k, k*rr)
		}
		body.WriteString("\t\t\t\tif (++pos[a] < u_rshape[a]) break;\n")
		for k := range nin {
			fmt.Fprintf(&body, "\t\t\t\tr%d -= u_rstrides[%d + a] * u_rshape[a];\n", k, k*rr)
		}
		body.WriteString("\t\t\t\tpos[a] = 0;\n\t\t\t}\n\t\t}\n")
	}
	fmt.Fprintf(&body, "\t\tst_write(o%d, st);\n", nin)
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

// indent adds prefix to every line of s.
func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

// ReduceGroups returns the reduction kernel that gives each (output,
// chunk) pair one work group of WorkGroup invocations: invocation t adds
// elements t, t+WorkGroup, ... of the chunk into its own state, and a
// tree in shared memory merges the states (pairwise, so float sums stay
// accurate even without the compensation each state keeps). Work groups
// loop over the u_outs*u_chunks pairs; chunk c of an output covers its
// elements [c*u_chunk, min(u_m, (c+1)*u_chunk)).
//
// ReduceDirect and ReducePartial compute the elements from the plan's
// graph; ReducePartial writes each pair's state to the partial buffers
// (bound after the plan's), which ReduceFinal reads (u_m per output,
// u_chunks = 1) and merges into the output.
func ReduceGroups(r Reduction, stage int) string {
	var b strings.Builder
	g := newGraph(r.Plan)
	nin, rr := r.nin(), r.redRank()
	reduceHeader(&b, r, g, []string{"work-group tree", "work-group tree, partial states", "work-group tree over partial states"}[stage],
		stage != ReduceFinal)
	b.WriteString("uniform uint u_outs;   // outputs\nuniform uint u_chunks; // chunks per output\nuniform uint u_chunk;  // elements per chunk\n")
	b.WriteString(reduceState(r))
	switch stage {
	case ReducePartial:
		b.WriteString(partialIO(r, "writeonly"))
	case ReduceFinal:
		b.WriteString(partialIO(r, "readonly"))
	}
	fmt.Fprintf(&b, "shared St s_st[%d];\n", WorkGroup)
	b.WriteString("void main() {\n\tuint tid = gl_LocalInvocationID.x;\n\tuint total = u_outs * u_chunks;\n")
	b.WriteString("\tfor (uint g = gl_WorkGroupID.x; g < total; g += gl_NumWorkGroups.x) {\n")
	b.WriteString("\t\tuint oi = g / u_chunks, c = g % u_chunks;\n")
	b.WriteString("\t\tuint start = c * u_chunk, end = min(u_m, start + u_chunk);\n")
	fmt.Fprintf(&b, "\t\tint o[%d];\n\t\t{\n\t\tuint i = oi;\n", nin+1)
	b.WriteString(offsets(r.leadRank(), nin+1))
	for k := range nin + 1 {
		fmt.Fprintf(&b, "\t\to[%d] = o%d;\n", k, k)
	}
	b.WriteString("\t\t}\n\t\tSt st = st_id();\n")
	fmt.Fprintf(&b, "\t\tfor (uint j = start + tid; j < end; j += %du) {\n", WorkGroup)
	if stage == ReduceFinal {
		b.WriteString("\t\t\tst = st_merge(st, st_load(oi * u_m + j));\n")
	} else {
		// The inputs' offsets at reduced position j.
		for k := range nin {
			fmt.Fprintf(&b, "\t\t\tint r%d = o[%d];\n", k, k)
		}
		stridedOffsets(&b, strided{vars: "r", index: "j", rem: "q", shape: "u_rshape", strides: "u_rstrides", tabs: "\t\t\t"}, rr, nin)
		b.WriteString(indent(g.statements(func(i int) string { return fmt.Sprintf("r%d", i) }), "\t"))
		fmt.Fprintf(&b, "\t\t\tst_add(st, %s, j);\n", g.root())
	}
	b.WriteString("\t\t}\n\t\ts_st[tid] = st;\n\t\tmemoryBarrierShared();\n\t\tbarrier();\n")
	fmt.Fprintf(&b, "\t\tfor (uint s = %du; s > 0u; s >>= 1) {\n", WorkGroup/2)
	b.WriteString("\t\t\tif (tid < s) s_st[tid] = st_merge(s_st[tid], s_st[tid + s]);\n\t\t\tmemoryBarrierShared();\n\t\t\tbarrier();\n\t\t}\n")
	b.WriteString("\t\tif (tid == 0u) ")
	if stage == ReducePartial {
		b.WriteString("st_store(g, s_st[0]);\n")
	} else {
		fmt.Fprintf(&b, "st_write(o[%d], s_st[0]);\n", nin)
	}
	b.WriteString("\t\tbarrier();\n\t}\n}\n")
	return b.String()
}

// Scan returns the kernel of a cumulative sum or product (op plan.Sum or
// plan.Prod)
// along one axis, converting src into out's dtype. Elements accumulate in
// acc (double or float for float sources, int64 or int for the rest, as
// the reference does: floats in float64 rounded at each store). Lines are
// the positions of the other axes (u_shape, rank outerRank); each line of
// u_len elements (strides u_sstride, u_ostride) is cut into u_chunks
// chunks of u_chunk elements, and u_pass picks the pass:
//
//	0: invocation line*u_chunks+b writes its chunk's total to tot[line*u_chunks+b]
//	1: invocation line turns its tot entries into exclusive prefixes
//	2: invocation line*u_chunks+b scans its chunk from its prefix (the
//	   identity when u_chunks is 1) and writes out
//
// Binding 0 is the source, 1 the output, 2 the totals (acc).
func Scan(op plan.ReduceKind, src, out, acc dtype.DType, outerRank int) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, src, out, acc))
	fmt.Fprintf(&b, "// cum%s %v -> %v (acc %v), outer rank %d\n", op, src, out, acc, outerRank)
	b.WriteString(buffer(0, src, "src", "readonly"))
	b.WriteString(buffer(1, out, "outv", "writeonly"))
	a := glslType(acc)
	fmt.Fprintf(&b, "layout(std430, binding = 2) buffer B2 { %s tot[]; };\n", a)
	b.WriteString(layoutUniforms(outerRank, 2))
	b.WriteString("uniform int u_len;\nuniform int u_sstride;\nuniform int u_ostride;\nuniform uint u_chunks;\nuniform uint u_chunk;\nuniform int u_pass;\n")
	id, comb := "0", "+"
	if op == plan.Prod {
		id, comb = "1", "*"
	}
	x := fmt.Sprintf("%s(%s)", a, load(src, "src", "so + t * u_sstride"))
	var body strings.Builder
	body.WriteString("\t\tuint line = u_pass == 1 ? i : i / u_chunks, bk = u_pass == 1 ? 0u : i % u_chunks;\n")
	body.WriteString("\t\t{\n\t\tuint i = line;\n")
	body.WriteString(offsets(outerRank, 2))
	body.WriteString("\t\tso = o0; oo = o1;\n\t\t}\n")
	fmt.Fprintf(&body, "\t\t%s acc = %s(%s);\n", a, a, id)
	body.WriteString("\t\tint first = int(bk * u_chunk), last = min(u_len, first + int(u_chunk));\n")
	body.WriteString("\t\tif (u_pass == 0) {\n")
	fmt.Fprintf(&body, "\t\t\tfor (int t = first; t < last; t++) acc = acc %s %s;\n", comb, x)
	body.WriteString("\t\t\ttot[i] = acc;\n")
	body.WriteString("\t\t} else if (u_pass == 1) {\n")
	body.WriteString("\t\t\tfor (uint k = line * u_chunks; k < (line + 1u) * u_chunks; k++) {\n")
	fmt.Fprintf(&body, "\t\t\t\t%s v = tot[k];\n\t\t\t\ttot[k] = acc;\n\t\t\t\tacc = acc %s v;\n\t\t\t}\n", a, comb)
	body.WriteString("\t\t} else {\n")
	body.WriteString("\t\t\tif (u_chunks > 1u) acc = tot[i];\n")
	fmt.Fprintf(&body, "\t\t\tfor (int t = first; t < last; t++) {\n\t\t\t\tacc = acc %s %s;\n", comb, x)
	fmt.Fprintf(&body, "\t\t\t\toutv[oo + t * u_ostride] = %s(acc);\n\t\t\t}\n\t\t}\n", StoreType(out))
	// gridLoop's body may not declare so/oo inside the inner block and
	// use them outside: declare them first.
	b.WriteString(gridLoop("\t\tint so, oo;\n" + body.String()))
	return b.String()
}

// Gather returns the advanced-index read kernel of dt at rank (of the
// collapsed result space) with nIndex index operands. Operands over the
// result space: 0 the destination, 1 the source's kept axes (their
// strides summed onto the result axes they map to), 2.. the index
// arrays; the source offset adds u_istride[k] * index_k. Bindings: 0 the
// source, 1 the destination, then the index buffers (int64) — or, when
// packed, one buffer holding them all (their offsets then point into it).
func Gather(dt dtype.DType, rank, nIndex int, packed bool) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dt, dtype.Int64))
	fmt.Fprintf(&b, "// gather %v, rank %d, %d index arrays, packed %v\n", dt, rank, nIndex, packed)
	b.WriteString(buffer(0, dt, "src", "readonly"))
	b.WriteString(buffer(1, dt, "dst", "writeonly"))
	writeIndexBuffers(&b, 2, nIndex, packed)
	b.WriteString(layoutUniforms(rank, 2+nIndex))
	if nIndex > 0 {
		fmt.Fprintf(&b, "uniform int u_istride[%d];\n", nIndex)
	}
	var body strings.Builder
	body.WriteString(offsets(rank, 2+nIndex))
	body.WriteString("\t\tint so = o1" + indexTerms(nIndex, packed) + ";\n")
	body.WriteString("\t\tdst[o0] = src[so];\n")
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

// Scatter returns the advanced-index assignment kernel: the mirror of
// Gather with operand 0 the value and 1 the destination's kept axes.
// When positions repeat, the last in C order must win, so u_pass runs
// three passes over the value's positions i:
//
//	0: win[d - u_wbase] = 0 for the destination offset d of every i
//	1: atomicMax(win[d - u_wbase], i+1)
//	2: dst[d] = value[i] where win[d - u_wbase] == i+1
//
// Bindings: 0 the value, 1 the destination, 2 win (uint, one per offset
// the destination view reaches, win[0] at offset u_wbase), then the index
// buffers as for Gather.
func Scatter(dt dtype.DType, rank, nIndex int, packed bool) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dt, dtype.Int64))
	fmt.Fprintf(&b, "// scatter %v, rank %d, %d index arrays, packed %v\n", dt, rank, nIndex, packed)
	b.WriteString(buffer(0, dt, "val", "readonly"))
	b.WriteString(buffer(1, dt, "dst", "writeonly"))
	b.WriteString("layout(std430, binding = 2) buffer B2 { uint win[]; };\n")
	writeIndexBuffers(&b, 3, nIndex, packed)
	b.WriteString(layoutUniforms(rank, 2+nIndex))
	if nIndex > 0 {
		fmt.Fprintf(&b, "uniform int u_istride[%d];\n", nIndex)
	}
	b.WriteString("uniform int u_pass;\nuniform int u_wbase; // the destination offset of win[0]\n")
	var body strings.Builder
	body.WriteString(offsets(rank, 2+nIndex))
	body.WriteString("\t\tint d = o1" + indexTerms(nIndex, packed) + ";\n")
	body.WriteString("\t\tint w = d - u_wbase;\n")
	body.WriteString("\t\tif (u_pass == 0) win[w] = 0u;\n")
	body.WriteString("\t\telse if (u_pass == 1) atomicMax(win[w], i + 1u);\n")
	body.WriteString("\t\telse if (win[w] == i + 1u) dst[d] = val[o0];\n")
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

func writeIndexBuffers(b *strings.Builder, first, n int, packed bool) {
	if packed {
		if n > 0 {
			fmt.Fprintf(b, "layout(std430, binding = %d) readonly buffer BI { int64_t pidx[]; };\n", first)
		}
		return
	}
	for k := range n {
		fmt.Fprintf(b, "layout(std430, binding = %d) readonly buffer BI%d { int64_t idx%d[]; };\n", first+k, k, k)
	}
}

// indexTerms returns " + u_istride[k] * int(idx_k[o_{2+k}])" for each k.
func indexTerms(n int, packed bool) string {
	var b strings.Builder
	for k := range n {
		name := fmt.Sprintf("idx%d", k)
		if packed {
			name = "pidx"
		}
		fmt.Fprintf(&b, " + u_istride[%d] * int(%s[o%d])", k, name, 2+k)
	}
	return b.String()
}
