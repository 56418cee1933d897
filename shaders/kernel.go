package shaders

import (
	"embed"
	"fmt"
	"strings"

	"github.com/numgl/numgl/dtype"
)

//go:embed *.glsl
var sources embed.FS

func source(name string) string {
	b, err := sources.ReadFile(name)
	if err != nil {
		panic("shaders: " + err.Error())
	}
	return string(b)
}

// WorkGroup is the work-group size of the elementwise kernels.
const WorkGroup = 256

// header starts every kernel: the version, the extensions the dtypes
// need, the work-group size and the grid-stride uniforms.
func header(local int, dts ...dtype.DType) string {
	var b strings.Builder
	b.WriteString("#version 430 core\n")
	if needsInt64(dts...) {
		b.WriteString("#extension GL_ARB_gpu_shader_int64 : require\n")
	}
	fmt.Fprintf(&b, "layout(local_size_x = %d) in;\n", local)
	b.WriteString("uniform uint u_n;    // elements in all\n")
	b.WriteString("uniform uint u_base; // the first element of this dispatch\n")
	return b.String()
}

// Operand layout uniforms: u_shape[R], u_strides[NOPS*R], u_off[NOPS].
func layoutUniforms(rank, nops int) string {
	if rank == 0 {
		return fmt.Sprintf("uniform int u_off[%d];\n", nops)
	}
	return fmt.Sprintf("uniform int u_shape[%d];\nuniform int u_strides[%d];\nuniform int u_off[%d];\n", rank, nops*rank, nops)
}

// offsets returns GLSL statements that set int o0..o{nops-1} to the
// operands' element offsets for element i (a uint).
func offsets(rank, nops int) string {
	var b strings.Builder
	for k := range nops {
		fmt.Fprintf(&b, "\t\tint o%d = u_off[%d];\n", k, k)
	}
	stridedOffsets(&b, strided{vars: "o", index: "i", rem: "rem", shape: "u_shape", strides: "u_strides", tabs: "\t\t"}, rank, nops)
	return b.String()
}

// strided names the GLSL pieces of stridedOffsets: int variables
// vars0, vars1, ... advanced by index (a uint) over an iteration space
// of the given rank, shape and strides arrays (operand k's at
// strides[k*rank]), rem the remainder's name, tabs the indentation.
type strided struct {
	vars, index, rem, shape, strides, tabs string
}

// stridedOffsets writes the statements that add to each of the nops
// offsets its stride times index's coordinate along every axis.
func stridedOffsets(b *strings.Builder, s strided, rank, nops int) {
	switch rank {
	case 0:
	case 1:
		for k := range nops {
			fmt.Fprintf(b, "%s%s%d += int(%s) * %s[%d];\n", s.tabs, s.vars, k, s.index, s.strides, k)
		}
	default:
		fmt.Fprintf(b, "%suint %s = %s;\n", s.tabs, s.rem, s.index)
		fmt.Fprintf(b, "%sfor (int a = %d; a >= 0; a--) {\n", s.tabs, rank-1)
		fmt.Fprintf(b, "%s\tint idx = int(%s %% uint(%s[a]));\n%s\t%s /= uint(%s[a]);\n", s.tabs, s.rem, s.shape, s.tabs, s.rem, s.shape)
		for k := range nops {
			fmt.Fprintf(b, "%s\t%s%d += idx * %s[%d + a];\n", s.tabs, s.vars, k, s.strides, k*rank)
		}
		fmt.Fprintf(b, "%s}\n", s.tabs)
	}
}

// buffer declares binding as an array name of dt's store type.
func buffer(binding int, dt dtype.DType, name string, access string) string {
	return bufferOf(binding, StoreType(dt), name, access)
}

// bufferOf declares the storage buffer at binding as an array name of
// GLSL type elem (a scalar, or a vector for the vectorised kernels).
func bufferOf(binding int, elem, name, access string) string {
	return fmt.Sprintf("layout(std430, binding = %d) %s buffer B%d { %s %s[]; };\n", binding, access, binding, elem, name)
}

// gridLoop wraps body in the grid-stride loop over elements i.
func gridLoop(body string) string {
	return "void main() {\n" +
		"\tuint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;\n" +
		"\tfor (uint i = u_base + gl_GlobalInvocationID.x; i < u_n; i += stride) {\n" +
		body +
		"\t}\n}\n"
}

// doubleFuncs are the helper functions GLSL lacks for double.
var doubleFuncs = map[string]bool{"nexp": true, "nlog": true, "nsin": true, "ncos": true, "ntan": true,
	"ntanh": true, "nlog1p": true, "nexpm1": true, "npower": true,
	"nasin": true, "nacos": true, "natan": true, "nasinh": true, "nacosh": true, "natanh": true,
	"nsinh": true, "ncosh": true, "nexp2": true, "nlog2": true, "nlog10": true, "ncbrt": true,
	"natan2": true, "nhypot": true, "nlogaddexp": true, "nlogaddexp2": true}

// Copy returns the kernel converting src (binding 0) into dst (binding 1)
// element by element as NumPy's astype does.
func Copy(dst, src dtype.DType, rank int) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dst, src))
	fmt.Fprintf(&b, "// copy %v -> %v, rank %d\n", src, dst, rank)
	b.WriteString(buffer(0, src, "src", "readonly"))
	b.WriteString(buffer(1, dst, "dst", "writeonly"))
	b.WriteString(layoutUniforms(rank, 2))
	var body strings.Builder
	body.WriteString(offsets(rank, 2))
	v := "src[o0]"
	switch {
	case dst == src:
	case dst == dtype.Bool:
		v = fmt.Sprintf("uint(src[o0] != %s(0))", StoreType(src))
	case (src == dtype.Float32 || src == dtype.Float64) && (dst == dtype.Int32 || dst == dtype.Int64):
		// NaN, ±inf and out-of-range values become the integer minimum,
		// as x86's conversions (and so NumPy and cpu-loop) give; GLSL
		// leaves them undefined, and NVIDIA saturates.
		lim, min, suffix := "2147483648.0", "int(0x80000000u)", ""
		if dst == dtype.Int64 {
			lim, min = "9223372036854775808.0", "int64_t(0x8000000000000000ul)"
		}
		if src == dtype.Float64 {
			suffix = "lf"
		}
		v = fmt.Sprintf("(src[o0] >= -%[1]s%[2]s && src[o0] < %[1]s%[2]s) ? %[3]s(src[o0]) : %[4]s", lim, suffix, StoreType(dst), min)
	default:
		v = fmt.Sprintf("%s(src[o0])", StoreType(dst))
	}
	fmt.Fprintf(&body, "\t\tdst[o1] = %s;\n", v)
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

// Fill returns the kernel writing u_value (bits in u_bits: low and high
// words) to every element of binding 0.
func Fill(dt dtype.DType, rank int) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dt))
	fmt.Fprintf(&b, "// fill %v, rank %d\n", dt, rank)
	b.WriteString(buffer(0, dt, "dst", "writeonly"))
	b.WriteString(layoutUniforms(rank, 1))
	b.WriteString("uniform uvec2 u_bits; // the value's bits, low word first\n")
	var body strings.Builder
	body.WriteString(offsets(rank, 1))
	fmt.Fprintf(&body, "\t\tdst[o0] = %s;\n", fromBits(dt, "u_bits"))
	b.WriteString(gridLoop(body.String()))
	return b.String()
}

// fromBits reinterprets a uvec2 of bits as dt's store type.
func fromBits(dt dtype.DType, bits string) string {
	switch dt {
	case dtype.Bool:
		return bits + ".x"
	case dtype.Int32:
		return "int(" + bits + ".x)"
	case dtype.Int64:
		return "int64_t(packUint2x32(" + bits + "))"
	case dtype.Float32:
		return "uintBitsToFloat(" + bits + ".x)"
	}
	return "packDouble2x32(" + bits + ")"
}

// Arange returns the kernel writing start + i*step to a 1-d binding 0:
// in int64 (or int) for integers, in double when the device has it (else
// float) for floats; start and step arrive as bits like Fill's value.
func Arange(dt dtype.DType, fp64 bool) string {
	var b strings.Builder
	b.WriteString(header(WorkGroup, dt))
	fmt.Fprintf(&b, "// arange %v\n", dt)
	b.WriteString(buffer(0, dt, "dst", "writeonly"))
	b.WriteString("uniform int u_off[1];\nuniform int u_strides[1];\nuniform uvec2 u_start;\nuniform uvec2 u_step;\n")
	var body string
	switch {
	case dt == dtype.Int64:
		body = "\t\tdst[u_off[0] + int(i) * u_strides[0]] = int64_t(packUint2x32(u_start)) + int64_t(i) * int64_t(packUint2x32(u_step));\n"
	case dt == dtype.Int32:
		body = "\t\tdst[u_off[0] + int(i) * u_strides[0]] = int(u_start.x) + int(i) * int(u_step.x);\n"
	case fp64:
		body = fmt.Sprintf("\t\tdst[u_off[0] + int(i) * u_strides[0]] = %s(packDouble2x32(u_start) + double(i) * packDouble2x32(u_step));\n", StoreType(dt))
	default:
		body = "\t\tdst[u_off[0] + int(i) * u_strides[0]] = uintBitsToFloat(u_start.x) + float(i) * uintBitsToFloat(u_step.x);\n"
	}
	b.WriteString(gridLoop(body))
	return b.String()
}
