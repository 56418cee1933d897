package shaders

import (
	"fmt"
	"strings"

	"github.com/numgl/numgl/dtype"
)

// Compaction (NumPy's a[mask]) runs in three kernels over blocks of
// WorkGroup elements in C order:
//
//	CompressCount  each work group counts its block's true mask elements
//	CompressScan   one work group turns the counts into exclusive offsets
//	CompressWrite  each work group scans its block's flags in shared
//	               memory and writes its elements at offset + prefix
//
// Bindings: 0 src, 1 mask, 2 counts/offsets (uint), 3 dst. Src and mask
// are strided (u_shape, u_strides for operands 0 and 1, u_off); u_base is
// the first block of this dispatch.

func compressCommon(rank int, withSrc bool, dt dtype.DType) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dt))
	if withSrc {
		b.WriteString(buffer(0, dt, "src", "readonly"))
	}
	b.WriteString(buffer(1, dtype.Bool, "mask", "readonly"))
	b.WriteString("layout(std430, binding = 2) buffer B2 { uint counts[]; };\n")
	if withSrc {
		b.WriteString(buffer(3, dt, "dst", "writeonly"))
		b.WriteString("uniform int u_dst_off;\nuniform int u_dst_stride;\n")
	}
	b.WriteString(layoutUniforms(rank, 2))
	b.WriteString(fmt.Sprintf("shared uint partial[%d];\n", WorkGroup))
	// flagOf sets o0, o1 for element i and reads the mask.
	b.WriteString("uint flagOf(uint i, out int o0) {\n")
	b.WriteString(strings.ReplaceAll(offsets(rank, 2), "\t\tint o0 = u_off[0];\n", "\t\to0 = u_off[0];\n"))
	b.WriteString("\treturn mask[o1] != 0u ? 1u : 0u;\n}\n")
	// Inclusive scan of partial[] in shared memory (Hillis-Steele).
	fmt.Fprintf(&b, `void scanShared(uint lid) {
	for (uint d = 1u; d < %du; d <<= 1) {
		barrier();
		uint v = lid >= d ? partial[lid - d] : 0u;
		barrier();
		partial[lid] += v;
	}
	barrier();
}
`, WorkGroup)
	return b.String()
}

// CompressCount counts the true mask elements of each block.
func CompressCount(rank int) string {
	return compressCommon(rank, false, dtype.Bool) + `void main() {
	uint block = u_base + gl_WorkGroupID.x;
	uint lid = gl_LocalInvocationID.x;
	uint i = block * gl_WorkGroupSize.x + lid;
	int o0;
	partial[lid] = i < u_n ? flagOf(i, o0) : 0u;
	scanShared(lid);
	if (lid == gl_WorkGroupSize.x - 1u) counts[block] = partial[lid];
}
`
}

// CompressScan turns u_n block counts into exclusive offsets, in one work
// group walking the counts in chunks.
func CompressScan() string {
	return header(WorkGroup) + fmt.Sprintf(`layout(std430, binding = 2) buffer B2 { uint counts[]; };
shared uint partial[%d];
void main() {
	uint lid = gl_LocalInvocationID.x;
	uint carry = 0u;
	for (uint start = 0u; start < u_n; start += gl_WorkGroupSize.x) {
		uint i = start + lid;
		uint c = i < u_n ? counts[i] : 0u;
		partial[lid] = c;
		for (uint d = 1u; d < gl_WorkGroupSize.x; d <<= 1) {
			barrier();
			uint v = lid >= d ? partial[lid - d] : 0u;
			barrier();
			partial[lid] += v;
		}
		barrier();
		if (i < u_n) counts[i] = carry + partial[lid] - c;
		carry += partial[gl_WorkGroupSize.x - 1u];
		barrier();
	}
}
`, WorkGroup)
}

// CompressWrite writes each block's selected elements at its offset.
func CompressWrite(dt dtype.DType, rank int) string {
	return compressCommon(rank, true, dt) + `void main() {
	uint block = u_base + gl_WorkGroupID.x;
	uint lid = gl_LocalInvocationID.x;
	uint i = block * gl_WorkGroupSize.x + lid;
	int o0 = 0;
	uint f = i < u_n ? flagOf(i, o0) : 0u;
	partial[lid] = f;
	scanShared(lid);
	if (f == 1u) {
		uint at = counts[block] + partial[lid] - 1u;
		dst[u_dst_off + int(at) * u_dst_stride] = src[o0];
	}
}
`
}
