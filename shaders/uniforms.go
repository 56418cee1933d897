package shaders

import (
	"fmt"
	"regexp"
	"strings"
)

// Uniform is a uniform the kernels of this package declare: the typed
// half of the contract between a kernel and the device that runs it. A
// device sets uniforms by Uniform, never by name, and a program knows
// which of them its source declares (Uniforms), so setting one the
// kernel lacks is caught where it happens instead of binding location -1
// in silence.
type Uniform uint8

// The uniforms.
const (
	UN         Uniform = iota // uint u_n: the end of a grid-stride loop
	UBase                     // uint u_base: its first element
	UShape                    // int u_shape[R]: the collapsed shape (kept axes)
	UStrides                  // int u_strides[NOPS*R]: operand k's strides at k*R
	UOff                      // int u_off[NOPS]: operand offsets
	UConst                    // uvec2 u_const[NC]: a plan's constants, as bits
	UBits                     // uvec2 u_bits: Fill's value
	UStart                    // uvec2 u_start: Arange's start
	UStep                     // uvec2 u_step: Arange's step
	URShape                   // int u_rshape[RR]: the reduced axes
	URStrides                 // int u_rstrides[NIN*RR]: input k's reduced strides at k*RR
	UM                        // u_m: elements per reduced output
	UOuts                     // uint u_outs: outputs of a reduction
	UChunks                   // uint u_chunks: chunks per output
	UChunk                    // uint u_chunk: elements per chunk
	ULen                      // int u_len: a scan's line length
	USStride                  // int u_sstride: a scan's source stride
	UOStride                  // int u_ostride: a scan's output stride
	UPass                     // int u_pass: the pass of a multi-pass kernel
	UIStride                  // int u_istride[N]: index strides of gather and scatter
	UWBase                    // int u_wbase: scatter's first destination offset
	UDstOff                   // int u_dst_off: compress's destination offset
	UDstStride                // int u_dst_stride: compress's destination stride
	UZBase                    // uint u_zbase: the first batch of a GEMM dispatch
	UAS0                      // int u_as0: GEMM's A row stride
	UAS1                      // int u_as1: GEMM's A column stride
	UK                        // int u_k: GEMM's contracted length
	UBS0                      // int u_bs0: GEMM's B row stride
	UBS1                      // int u_bs1: GEMM's B column stride
	UCS0                      // int u_cs0: GEMM's C row stride
	UCS1                      // int u_cs1: GEMM's C column stride
	UES0                      // int u_es0[NIN]: a GEMM epilogue's inputs' row strides
	UES1                      // int u_es1[NIN]: a GEMM epilogue's inputs' column strides

	NumUniforms // one past the last
)

var uniformNames = [NumUniforms]string{
	"u_n", "u_base", "u_shape", "u_strides", "u_off", "u_const", "u_bits", "u_start", "u_step",
	"u_rshape", "u_rstrides", "u_m", "u_outs", "u_chunks", "u_chunk", "u_len", "u_sstride", "u_ostride",
	"u_pass", "u_istride", "u_wbase", "u_dst_off", "u_dst_stride", "u_zbase", "u_as0", "u_as1", "u_k", "u_bs0", "u_bs1", "u_cs0", "u_cs1", "u_es0", "u_es1",
}

// String returns the uniform's GLSL name.
func (u Uniform) String() string {
	if u < NumUniforms {
		return uniformNames[u]
	}
	return fmt.Sprintf("Uniform(%d)", int(u))
}

var (
	uniformDecl = regexp.MustCompile(`(?m)^\s*uniform\s+\w+\s+([^;]+);`)
	identifier  = regexp.MustCompile(`^\s*(\w+)`)
)

// Uniforms returns the uniforms source declares ("uniform int u_m, u_n;"
// declares two), or an error naming a declared uniform that is not one of
// the package's.
func Uniforms(source string) ([]Uniform, error) {
	var us []Uniform
	for _, m := range uniformDecl.FindAllStringSubmatch(source, -1) {
		for _, name := range strings.Split(m[1], ",") {
			id := identifier.FindStringSubmatch(name)
			u := NumUniforms
			if id != nil {
				u = lookupUniform(id[1])
			}
			if u == NumUniforms {
				return nil, fmt.Errorf("shaders: a kernel declares the unknown uniform %q", strings.TrimSpace(name))
			}
			us = append(us, u)
		}
	}
	return us, nil
}

func lookupUniform(name string) Uniform {
	for u, n := range uniformNames {
		if n == name {
			return Uniform(u)
		}
	}
	return NumUniforms
}
