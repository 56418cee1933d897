package shaders

import (
	"fmt"
	"strings"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
)

// GemmTile is a GEMM tiling: a work group of 256 invocations computes a
// block of (16·TM)×(16·TN) outputs, each invocation TM×TN of them held in
// registers, stepping through k in slices of BK staged in shared memory.
// A Vec tile is GemmVec's (TM, TN and BK multiples of 4), else Gemm's.
type GemmTile struct {
	TM, TN, BK int
	Vec        bool
}

// String names the tile ("4x4k16", "v8x8k8" for a vector tile).
func (t GemmTile) String() string {
	s := fmt.Sprintf("%dx%dk%d", t.TM, t.TN, t.BK)
	if t.Vec {
		s = "v" + s
	}
	return s
}

// SharedBytes is the shared memory a work group of tile t needs for
// elements of size bytes.
func (t GemmTile) SharedBytes(size int) int {
	if t.Vec { // two buffers; A's rows padded by one vector
		return 2 * t.BK * (16*t.TM + 4 + 16*t.TN) * size
	}
	return t.BK * (16*t.TM + 1 + 16*t.TN + 1) * size
}

// A product whose k is longer than its tile's KChunk runs in passes, each
// over a slice of k (the device offsets A and B and sets u_k), and u_pass
// says which: GemmAccumulate in every pass after the first, whose sums
// start from what C holds; GemmFinal in the last, which alone applies the
// epilogue. A single pass is GemmFinal.
//
// Passes keep the loop iterations of one invocation bounded, which the
// result depends on: Mesa's llvmpipe (gallivm) ends every loop of a
// shader once 65535 iterations have run in an invocation, all loops
// counted together (LP_MAX_TGSI_LOOP_ITERATIONS), so one pass over a k of
// 2^20 silently stops part way.
const (
	GemmAccumulate = 1
	GemmFinal      = 2
)

// gemmLoopBudget is the most loop iterations one pass runs per invocation
// through its k slices: half of llvmpipe's 65535, leaving the other half
// for the loops outside them (accumulator set-up, stores, the epilogue).
const gemmLoopBudget = 1 << 15

// SliceTrips bounds the loop iterations an invocation of tile t runs per
// slice of BK along k, whatever the driver unrolls: Gemm's loop over
// slices, its staging loops for A and B, and its loop over the slice's k
// (whose body Gemm writes out); GemmVec's loops over slices and over k
// (it writes the rest out). An inner loop of N iterations counts N+1:
// llvmpipe runs each loop once more, with every lane masked off, before
// it leaves (measured: 28 for Gemm's 4x4k16 where every loop stays a
// loop, 18 for 8x4k8).
func (t GemmTile) SliceTrips() int {
	if t.Vec {
		return 1 + t.BK + 1
	}
	bm, bn := 16*t.TM, 16*t.TN
	return 1 + (bm*t.BK+255)/256 + 1 + (t.BK*bn+255)/256 + 1 + t.BK + 1
}

// KChunk is the longest slice of k one pass of tile t runs: a multiple of
// BK (so of 4 for a vector tile) whose loops stay within the budget.
func (t GemmTile) KChunk() int {
	return max(1, gemmLoopBudget/t.SliceTrips()) * t.BK
}

// GemmTiles are the candidates a device's calibration times: the general
// kernel's, then the vector kernel's.
var GemmTiles = []GemmTile{
	{2, 2, 16, false}, {4, 4, 8, false}, {4, 4, 16, false}, {8, 4, 8, false},
	{4, 4, 8, true}, {4, 4, 16, true}, {8, 4, 8, true}, {8, 8, 8, true}, {8, 8, 16, true},
}

// GemmDefault and GemmVecDefault are the tiles used before (or without)
// calibration, for the general and the aligned case.
var (
	GemmDefault    = GemmTile{4, 4, 16, false}
	GemmVecDefault = GemmTile{8, 8, 8, true}
)

// Gemm returns the tiled matrix-product kernel for dtype dt and a batch of
// rank batchRank (collapsed): C[b] = A[b] @ B[b] with bindings 0 A, 1 B,
// 2 C, over the slice of k given by u_k and the offsets of A and B, in the
// pass of the product that u_pass says (GemmAccumulate, GemmFinal). Rows and columns of each matrix are strided (uniforms), so
// transposed operands need no copy; edge tiles are bounds-checked; shared
// arrays are padded by one element against bank conflicts; each
// invocation's outputs are 16 apart so a warp reads consecutive
// addresses. Work group (x, y) covers columns x·BN and rows y·BM of batch
// element z (+ u_zbase).
func Gemm(dt dtype.DType, batchRank int, t GemmTile, epi *plan.Kernel) string {
	ct := ComputeType(dt)
	acc := ct
	var b strings.Builder
	b.WriteString("#version 430 core\n")
	if needsInt64(dt) {
		b.WriteString("#extension GL_ARB_gpu_shader_int64 : require\n")
	}
	fmt.Fprintf(&b, "// gemm %v, batch rank %d, tile %v, epilogue %s\n", dt, batchRank, t, epilogueName(epi))
	b.WriteString("layout(local_size_x = 16, local_size_y = 16) in;\n")
	gemmBindings(&b, StoreType(dt), true, batchRank, epi)
	fmt.Fprintf(&b, "const int TM = %d, TN = %d, BK = %d, BM = 16 * TM, BN = 16 * TN;\n", t.TM, t.TN, t.BK)
	fmt.Fprintf(&b, "shared %s As[BK][BM + 1];\nshared %s Bs[BK][BN + 1];\n", acc, acc)
	if epi != nil {
		b.WriteString(newGraph(epi).helpers())
	} else if dt == dtype.Bool {
		b.WriteString("uint nbool(int x) { return x != 0 ? 1u : 0u; }\n")
	}
	gemmOffsets(&b, batchRank, epi)
	fmt.Fprintf(&b, `	int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
	int tid = ty * 16 + tx;
	int row0 = int(gl_WorkGroupID.y) * BM, col0 = int(gl_WorkGroupID.x) * BN;
	%[1]s acc[TM][TN];
	for (int i = 0; i < TM; i++) for (int j = 0; j < TN; j++) acc[i][j] = %[1]s(0);
	if ((u_pass & %[7]d) != 0) { // continue the sums of the earlier passes
		for (int i = 0; i < TM; i++) {
			int r = row0 + ty + 16 * i;
			if (r >= u_m) continue;
			for (int j = 0; j < TN; j++) {
				int cidx = col0 + tx + 16 * j;
				if (cidx < u_n) acc[i][j] = %[8]s;
			}
		}
	}
	for (int k0 = 0; k0 < u_k; k0 += BK) {
		for (int e = tid; e < BM * BK; e += 256) {
			int r = e / BK, kk = e %% BK, gr = row0 + r, gk = k0 + kk;
			As[kk][r] = (gr < u_m && gk < u_k) ? %[2]s : %[1]s(0);
		}
		for (int e = tid; e < BK * BN; e += 256) {
			int kk = e / BN, cc = e %% BN, gk = k0 + kk, gc = col0 + cc;
			Bs[kk][cc] = (gk < u_k && gc < u_n) ? %[3]s : %[1]s(0);
		}
		barrier();
		for (int kk = 0; kk < BK; kk++) {
%[9]s		}
		barrier();
	}
	for (int i = 0; i < TM; i++) {
		int r = row0 + ty + 16 * i;
		if (r >= u_m) continue;
		for (int j = 0; j < TN; j++) {
			int cidx = col0 + tx + 16 * j;
			if (cidx >= u_n) continue;
			%[5]s v = %[4]s;
%[6]s			c[oc + r * u_cs0 + cidx * u_cs1] = v;
		}
	}
}
`, acc, load(dt, "a", "oa + gr * u_as0 + gk * u_as1"), load(dt, "b", "ob + gk * u_bs0 + gc * u_bs1"), store(dt, "acc[i][j]"),
		StoreType(dt), gemmEpilogueCode(dt, epi, "\t\t\t", "v", "r", "cidx"),
		GemmAccumulate, load(dt, "c", "oc + r * u_cs0 + cidx * u_cs1"), gemmStep(acc, t))
	return b.String()
}

// gemmStep returns the body of Gemm's loop over one k of a slice: the
// invocation's TM values of A and TN of B, and their TM×TN products added
// to the accumulators, written out (constant indices, no loops) so that
// the loop-iteration count of a slice does not depend on the driver's
// unrolling (see GemmTile.SliceTrips).
func gemmStep(acc string, t GemmTile) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\t\t\t%s av[TM], bv[TN];\n", acc)
	for i := range t.TM {
		fmt.Fprintf(&b, "\t\t\tav[%d] = As[kk][ty + %d];\n", i, 16*i)
	}
	for j := range t.TN {
		fmt.Fprintf(&b, "\t\t\tbv[%d] = Bs[kk][tx + %d];\n", j, 16*j)
	}
	for i := range t.TM {
		for j := range t.TN {
			fmt.Fprintf(&b, "\t\t\tacc[%[1]d][%[2]d] += av[%[1]d] * bv[%[2]d];\n", i, j)
		}
	}
	return b.String()
}

// A GEMM kernel's epilogue is an epilogue plan (plan.Kernel.Epilogue)
// over C's shape that it applies to each finished output before storing
// it: its Acc node is the output, its inputs are read through bindings 3
// and on (binding 3 + the input's buffer), input q at u_off[3 + q] plus
// the batch element's strides (after C's in u_strides) plus the row and
// column strides u_es0[q], u_es1[q] (in elements, even in the vector
// kernel), so a bias row broadcast over the rows has row stride 0.

// epilogueName names an epilogue for a kernel's first comment.
func epilogueName(epi *plan.Kernel) string {
	if epi == nil {
		return "none"
	}
	return describe(epi)
}

// gemmBindings writes the buffers (elements of type elem: a scalar type,
// or a vector one for GemmVec) and the uniforms both GEMM kernels share.
// scalarStrides adds the column strides, which a vector kernel does
// without.
func gemmBindings(b *strings.Builder, elem string, scalarStrides bool, batchRank int, epi *plan.Kernel) {
	for i, name := range []string{"a", "b", "c"} {
		access := "readonly"
		if name == "c" {
			access = "" // read back by the passes after the first
		}
		b.WriteString(bufferOf(i, elem, name, access))
	}
	nops := 3
	if epi != nil {
		g := epilogueGraph(epi, "")
		b.WriteString(g.buffers(false))
		b.WriteString(g.uniforms())
		if len(epi.Inputs) > 0 {
			fmt.Fprintf(b, "uniform int u_es0[%[1]d], u_es1[%[1]d];\n", len(epi.Inputs))
		}
		nops += len(epi.Inputs)
	}
	b.WriteString("uniform int u_m, u_n, u_k;\nuniform int u_as0, u_bs0, u_cs0;\n")
	if scalarStrides {
		b.WriteString("uniform int u_as1, u_bs1, u_cs1;\n")
	}
	fmt.Fprintf(b, "uniform int u_off[%d];\nuniform uint u_zbase;\nuniform int u_pass;\n", nops)
	if batchRank > 0 {
		fmt.Fprintf(b, "uniform int u_shape[%d];\nuniform int u_strides[%d];\n", batchRank, nops*batchRank)
	}
}

// epilogueGraph renders an epilogue plan inside a GEMM kernel: its buffers
// named e0, e1, ... (bound at 3 + buffer), its Acc node acc.
func epilogueGraph(epi *plan.Kernel, acc string) *graph {
	// The buffers bind after a, b and c.
	k := *epi
	k.Inputs = append([]plan.Input(nil), epi.Inputs...)
	for i := range k.Inputs {
		k.Inputs[i].Buf += 3
	}
	g := newGraph(&k)
	g.bufName = func(buf int) string { return fmt.Sprintf("e%d", buf-3) }
	g.acc = acc
	return g
}

// gemmOffsets opens main with the offsets oa, ob, oc (and oe0, oe1, ...,
// the epilogue inputs') of batch element u_zbase + z.
func gemmOffsets(b *strings.Builder, batchRank int, epi *plan.Kernel) {
	b.WriteString("void main() {\n\tint oa = u_off[0], ob = u_off[1], oc = u_off[2];\n")
	nin := 0
	if epi != nil {
		nin = len(epi.Inputs)
	}
	for q := range nin {
		fmt.Fprintf(b, "\tint oe%d = u_off[%d];\n", q, 3+q)
	}
	if batchRank == 0 {
		return
	}
	b.WriteString("\tuint rem = u_zbase + gl_WorkGroupID.z;\n")
	fmt.Fprintf(b, "\tfor (int d = %d; d >= 0; d--) {\n", batchRank-1)
	b.WriteString("\t\tint idx = int(rem % uint(u_shape[d]));\n\t\trem /= uint(u_shape[d]);\n")
	fmt.Fprintf(b, "\t\toa += idx * u_strides[d]; ob += idx * u_strides[%d + d]; oc += idx * u_strides[%d + d];\n", batchRank, 2*batchRank)
	for q := range nin {
		fmt.Fprintf(b, "\t\toe%d += idx * u_strides[%d + d];\n", q, (3+q)*batchRank)
	}
	b.WriteString("\t}\n")
}

// gemmEpilogueCode returns the statements applying epi (nil: none) to the
// variable v of dt's store type, the output at row r and column c (GLSL
// expressions), in a block of its own that runs in the final pass only.
func gemmEpilogueCode(dt dtype.DType, epi *plan.Kernel, indent, v, r, c string) string {
	if epi == nil {
		return ""
	}
	accv := v
	if dt == dtype.Bool {
		accv = "int(" + v + " != 0u)"
	}
	g := epilogueGraph(epi, accv)
	stmts := g.statements(func(q int) string {
		return fmt.Sprintf("oe%[1]d + (%[2]s) * u_es0[%[1]d] + (%[3]s) * u_es1[%[1]d]", q, r, c)
	})
	return indent + fmt.Sprintf("if ((u_pass & %d) != 0) {\n", GemmFinal) + indent + strings.ReplaceAll(strings.TrimRight(stmts, "\n"), "\n", "\n"+indent) + "\n" +
		fmt.Sprintf("%s\t%s = %s;\n%s}\n", indent, v, store(dt, g.root()), indent)
}

// GemmVec returns the vectorised tiled matrix-product kernel for float32
// or float64: the fast path for operands whose rows are contiguous and
// aligned to 4 elements (A's k, B's and C's columns unit-strided; row
// strides, offsets, batch strides, k and n multiples of 4). Bindings,
// uniforms and work-group grid are Gemm's, except that strides and
// offsets count vec4s (dvec4s for float64).
//
// A 256-invocation work group computes a (16·TM)×(16·TN) block; each
// invocation holds TM×TN outputs as (TM/4)×(TN/4) quads of 4×4, 64 rows
// or columns apart. Every global read and write is a vector; A's slice is
// stored transposed (k-major) in shared memory, four rows at a time so
// that the transposition needs no dynamic vector index, and the inner
// loop reads vectors from both tiles: TM/4 + TN/4 shared reads for TM·TN
// FMAs. Tiles are double-buffered: the next slice is loaded into registers
// while the current one is multiplied, and one barrier separates the
// steps. Everything indexed per invocation is unrolled here, with
// constant indices, so that the accumulators stay in registers whatever
// the driver's loop unrolling does.
func GemmVec(dt dtype.DType, batchRank int, t GemmTile, epi *plan.Kernel) string {
	if !t.Vec || t.TM%4 != 0 || t.TN%4 != 0 || t.BK%4 != 0 {
		panic(fmt.Sprintf("shaders.GemmVec: tile %v is not a vector tile", t))
	}
	v := "vec4"
	if dt == dtype.Float64 {
		v = "dvec4"
	}
	qm, qn, bm, bn := t.TM/4, t.TN/4, 16*t.TM, 16*t.TN
	kv := t.BK / 4         // vectors per row of A's slice
	groups := bm / 4 * kv  // A's slice in groups of 4 rows × 1 vector
	bvecs := t.BK * bn / 4 // B's slice in vectors
	ga, gb := (groups+255)/256, (bvecs+255)/256
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("#version 430 core\n#pragma optionNV(unroll all)\n")
	w("// gemm (vectorised) %v, batch rank %d, tile %v, epilogue %s\n", dt, batchRank, t, epilogueName(epi))
	w("layout(local_size_x = 256) in;\n")
	gemmBindings(&b, v, false, batchRank, epi)
	// A's rows are padded by one vector so the transposing stores of
	// neighbouring k rows fall in different banks.
	w("shared %[1]s As[2][%[2]d][%[3]d];\nshared %[1]s Bs[2][%[2]d][%[4]d];\n", v, t.BK, bm/4+1, bn/4)
	if epi != nil {
		b.WriteString(newGraph(epi).helpers())
	}
	gemmOffsets(&b, batchRank, epi)
	w("\tint tid = int(gl_LocalInvocationID.x), tx = tid %% 16, ty = tid / 16;\n")
	w("\tint row0 = int(gl_WorkGroupID.y) * %d, c40 = int(gl_WorkGroupID.x) * %d;\n", bm, bn/4)
	w("\tint k4 = u_k / 4, n4 = u_n / 4;\n")
	// Per invocation: A groups (row group g, vector q) and B vectors (row
	// kk, column vector q) it stages, fixed for the whole loop.
	for l := range ga {
		w("\tint ae%[1]d = tid + %[2]d, ag%[1]d = ae%[1]d / %[3]d, aq%[1]d = ae%[1]d %% %[3]d;\n", l, 256*l, kv)
		for c := range 4 {
			w("\t%s ra%d_%d;\n", v, l, c)
		}
	}
	for l := range gb {
		w("\tint be%[1]d = tid + %[2]d, bk%[1]d = be%[1]d / %[3]d, bq%[1]d = be%[1]d %% %[3]d;\n\t%[4]s rb%[1]d;\n", l, 256*l, bn/4, v)
	}
	for i := range t.TM {
		for j := range qn {
			w("\t%[1]s acc%[2]d_%[3]d = %[1]s(0);\n", v, i, j)
		}
	}
	w("\tif ((u_pass & %d) != 0) { // continue the sums of the earlier passes\n", GemmAccumulate)
	for i := range qm {
		for ii := range 4 {
			w("\t\t{ int r = row0 + %d + 4 * ty; if (r < u_m) {\n", 64*i+ii)
			for j := range qn {
				w("\t\t\tif (c40 + tx + %[1]d < n4) acc%[2]d_%[3]d = c[oc + r * u_cs0 + c40 + tx + %[1]d];\n", 16*j, 4*i+ii, j)
			}
			w("\t\t} }\n")
		}
	}
	w("\t}\n")
	w("\tint nt = (u_k + %[1]d) / %[2]d;\n", t.BK-1, t.BK)
	w("\tfor (int t = -1; t < nt; t++) {\n\t\tint cur = t & 1;\n")
	w("\t\tif (t + 1 < nt) { // fetch slice t+1 into registers\n\t\t\tint kv0 = (t + 1) * %d, k0 = (t + 1) * %d;\n", kv, t.BK)
	for l := range ga {
		guard := ""
		if (l+1)*256 > groups {
			guard = fmt.Sprintf("ae%d < %d && ", l, groups)
		}
		for c := range 4 {
			w("\t\t\t{ int r = row0 + 4 * ag%[1]d + %[2]d; ra%[1]d_%[2]d = (%[3]sr < u_m && kv0 + aq%[1]d < k4) ? a[oa + r * u_as0 + kv0 + aq%[1]d] : %[4]s(0); }\n", l, c, guard, v)
		}
	}
	for l := range gb {
		guard := ""
		if (l+1)*256 > bvecs {
			guard = fmt.Sprintf("be%d < %d && ", l, bvecs)
		}
		w("\t\t\trb%[1]d = (%[2]sk0 + bk%[1]d < u_k && c40 + bq%[1]d < n4) ? b[ob + (k0 + bk%[1]d) * u_bs0 + c40 + bq%[1]d] : %[3]s(0);\n", l, guard, v)
	}
	w("\t\t}\n\t\tif (t >= 0) { // multiply slice t\n\t\t\tfor (int kk = 0; kk < %d; kk++) {\n", t.BK)
	for i := range qm {
		w("\t\t\t\t%s av%d = As[cur][kk][ty + %d];\n", v, i, 16*i)
	}
	for j := range qn {
		w("\t\t\t\t%s bv%d = Bs[cur][kk][tx + %d];\n", v, j, 16*j)
	}
	for i := range qm {
		for ii, comp := range "xyzw" {
			for j := range qn {
				w("\t\t\t\tacc%[1]d_%[2]d = fma(%[3]s(av%[4]d.%[5]c), bv%[2]d, acc%[1]d_%[2]d);\n", 4*i+ii, j, v, i, comp)
			}
		}
	}
	w("\t\t\t}\n\t\t}\n\t\tif (t + 1 < nt) { // stage slice t+1 in the other buffer\n\t\t\tint nxt = cur ^ 1;\n")
	for l := range ga {
		guard := ""
		if (l+1)*256 > groups {
			guard = fmt.Sprintf("if (ae%d < %d) ", l, groups)
		}
		for c, comp := range "xyzw" {
			w("\t\t\t%[1]sAs[nxt][4 * aq%[2]d + %[3]d][ag%[2]d] = %[4]s(ra%[2]d_0.%[5]c, ra%[2]d_1.%[5]c, ra%[2]d_2.%[5]c, ra%[2]d_3.%[5]c);\n", guard, l, c, v, comp)
		}
	}
	for l := range gb {
		guard := ""
		if (l+1)*256 > bvecs {
			guard = fmt.Sprintf("if (be%d < %d) ", l, bvecs)
		}
		w("\t\t\t%[1]sBs[nxt][bk%[2]d][bq%[2]d] = rb%[2]d;\n", guard, l)
	}
	w("\t\t}\n\t\tbarrier();\n\t}\n")
	for i := range qm {
		for ii := range 4 {
			w("\t{ int r = row0 + %d + 4 * ty; if (r < u_m) {\n", 64*i+ii)
			for j := range qn {
				w("\t\tif (c40 + tx + %[1]d < n4) {\n\t\t\t%[4]s v = acc%[2]d_%[3]d;\n", 16*j, 4*i+ii, j, v)
				for ci, comp := range "xyzw" {
					b.WriteString(gemmEpilogueCode(dt, epi, "\t\t\t", "v."+string(comp), "r", fmt.Sprintf("4 * (c40 + tx + %d) + %d", 16*j, ci)))
				}
				w("\t\t\tc[oc + r * u_cs0 + c40 + tx + %d] = v;\n\t\t}\n", 16*j)
			}
			w("\t} }\n")
		}
	}
	w("}\n")
	return b.String()
}
