package shaders

import (
	"fmt"
	"strings"

	"github.com/numgl/numgl/dtype"
)

// GemmTile is a GEMM tiling: a 16×16 work group computes a block of
// (16·TM)×(16·TN) outputs, each invocation TM×TN of them held in
// registers, stepping through k in slices of BK staged in shared memory.
type GemmTile struct{ TM, TN, BK int }

// String names the tile ("4x4k16").
func (t GemmTile) String() string { return fmt.Sprintf("%dx%dk%d", t.TM, t.TN, t.BK) }

// GemmTiles are the candidates a device's calibration times.
var GemmTiles = []GemmTile{{2, 2, 16}, {4, 4, 8}, {4, 4, 16}, {8, 4, 8}}

// GemmDefault is the tile used before (or without) calibration.
var GemmDefault = GemmTile{4, 4, 16}

// Gemm returns the tiled matrix-product kernel for dtype dt and a batch of
// rank batchRank (collapsed): C[b] = A[b] @ B[b] with bindings 0 A, 1 B,
// 2 C. Rows and columns of each matrix are strided (uniforms), so
// transposed operands need no copy; edge tiles are bounds-checked; shared
// arrays are padded by one element against bank conflicts; each
// invocation's outputs are 16 apart so a warp reads consecutive
// addresses. Work group (x, y) covers columns x·BN and rows y·BM of batch
// element z (+ u_zbase).
func Gemm(dt dtype.DType, batchRank int, t GemmTile) string {
	ct := ComputeType(dt)
	acc := ct
	var b strings.Builder
	b.WriteString("#version 430 core\n")
	if needsInt64(dt) {
		b.WriteString("#extension GL_ARB_gpu_shader_int64 : require\n")
	}
	fmt.Fprintf(&b, "// gemm %v, batch rank %d, tile %v\n", dt, batchRank, t)
	b.WriteString("layout(local_size_x = 16, local_size_y = 16) in;\n")
	b.WriteString(buffer(0, dt, "a", "readonly"))
	b.WriteString(buffer(1, dt, "b", "readonly"))
	b.WriteString(buffer(2, dt, "c", "writeonly"))
	b.WriteString("uniform int u_m, u_n, u_k;\nuniform int u_as0, u_as1, u_bs0, u_bs1, u_cs0, u_cs1;\nuniform int u_off[3];\nuniform uint u_zbase;\n")
	if batchRank > 0 {
		fmt.Fprintf(&b, "uniform int u_shape[%d];\nuniform int u_strides[%d];\n", batchRank, 3*batchRank)
	}
	fmt.Fprintf(&b, "const int TM = %d, TN = %d, BK = %d, BM = 16 * TM, BN = 16 * TN;\n", t.TM, t.TN, t.BK)
	fmt.Fprintf(&b, "shared %s As[BK][BM + 1];\nshared %s Bs[BK][BN + 1];\n", acc, acc)
	if dt == dtype.Bool {
		b.WriteString("uint nbool(int x) { return x != 0 ? 1u : 0u; }\n")
	}
	b.WriteString("void main() {\n")
	b.WriteString("\tint oa = u_off[0], ob = u_off[1], oc = u_off[2];\n")
	if batchRank > 0 {
		b.WriteString("\tuint rem = u_zbase + gl_WorkGroupID.z;\n")
		fmt.Fprintf(&b, "\tfor (int d = %d; d >= 0; d--) {\n", batchRank-1)
		b.WriteString("\t\tint idx = int(rem % uint(u_shape[d]));\n\t\trem /= uint(u_shape[d]);\n")
		fmt.Fprintf(&b, "\t\toa += idx * u_strides[d]; ob += idx * u_strides[%d + d]; oc += idx * u_strides[%d + d];\n\t}\n", batchRank, 2*batchRank)
	}
	fmt.Fprintf(&b, `	int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
	int tid = ty * 16 + tx;
	int row0 = int(gl_WorkGroupID.y) * BM, col0 = int(gl_WorkGroupID.x) * BN;
	%[1]s acc[TM][TN];
	for (int i = 0; i < TM; i++) for (int j = 0; j < TN; j++) acc[i][j] = %[1]s(0);
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
			%[1]s av[TM], bv[TN];
			for (int i = 0; i < TM; i++) av[i] = As[kk][ty + 16 * i];
			for (int j = 0; j < TN; j++) bv[j] = Bs[kk][tx + 16 * j];
			for (int i = 0; i < TM; i++) for (int j = 0; j < TN; j++) acc[i][j] += av[i] * bv[j];
		}
		barrier();
	}
	for (int i = 0; i < TM; i++) {
		int r = row0 + ty + 16 * i;
		if (r >= u_m) continue;
		for (int j = 0; j < TN; j++) {
			int cidx = col0 + tx + 16 * j;
			if (cidx < u_n) c[oc + r * u_cs0 + cidx * u_cs1] = %[4]s;
		}
	}
}
`, acc, load(dt, "a", "oa + gr * u_as0 + gk * u_as1"), load(dt, "b", "ob + gk * u_bs0 + gc * u_bs1"), store(dt, "acc[i][j]"))
	return b.String()
}
