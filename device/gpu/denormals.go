//go:build cgo && !nogpu

package gpu

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/dtype"
)

// Denormals is what a context's compute shaders do with subnormal
// (denormal) values of one float type, found by running a probe kernel when
// the context is made: GLSL lets an implementation flush them to zero, and
// some GPUs do (llvmpipe, Mesa 22.3 here, keeps both float32 and float64
// subnormals in compute shaders). Where they are flushed, a function whose input or result is subnormal cannot match
// NumPy there: exp(-100) is 0 in float32, log(1e-40) is -inf.
type Denormals struct {
	// Probed: the probe ran. False when the context has no such type
	// (float64 without fp64) or the probe failed (Err says why); then
	// Inputs and Results say nothing.
	Probed bool
	// Inputs: arithmetic on a subnormal operand uses its value
	// (2^-127 * 2 is 2^-126, not 0).
	Inputs bool
	// Results: a result in the subnormal range is kept (2^-126 * 0.5 is
	// 2^-127, not 0).
	Results bool
	// Err is why the probe failed, or "".
	Err string
}

// Kept reports whether the probe found subnormals kept both ways, as IEEE
// 754 (and NumPy on the CPU) computes.
func (d Denormals) Kept() bool { return d.Probed && d.Inputs && d.Results }

// Flushed reports whether the probe ran and found subnormal inputs or
// results flushed to zero.
func (d Denormals) Flushed() bool { return d.Probed && !(d.Inputs && d.Results) }

// String is "kept", "flushed", "inputs flushed", "results flushed", or
// "unknown" with the reason.
func (d Denormals) String() string {
	switch {
	case !d.Probed && d.Err != "":
		return "unknown (" + d.Err + ")"
	case !d.Probed:
		return "unknown"
	case d.Inputs && d.Results:
		return "kept"
	case !d.Inputs && !d.Results:
		return "flushed to zero (inputs and results)"
	case !d.Inputs:
		return "inputs flushed to zero"
	}
	return "results flushed to zero"
}

// FlushesSubnormals reports whether the probe found that the device's
// compute shaders flush subnormal values of dt (Float32 or Float64) to
// zero; false when they keep them, when the probe could not tell, and for
// other dtypes. Accuracy tests use it to excuse the points that flushing
// changes.
func (d *Device) FlushesSubnormals(dt dtype.DType) bool {
	switch dt {
	case dtype.Float32:
		return d.caps.Denormals32.Flushed()
	case dtype.Float64:
		return d.caps.Denormals64.Flushed()
	}
	return false
}

// The probe's buffer, in 32-bit words. Each float type gets a smallest
// normal value m, 0.5, the subnormal m/2 and 2, read from the buffer so
// that the compiler cannot fold them, and three results: m*0.5 (a
// subnormal result), (m/2)*2 and (m/2)+m (normal results of a subnormal
// operand).
const (
	probeF32In  = 0  // 4 floats
	probeF32Out = 4  // 3 floats
	probeF64In  = 8  // 4 doubles, as (low, high) word pairs
	probeF64Out = 16 // 3 doubles
	probeWords  = 22
)

// denormalProbeSource is the probe kernel: float32 always, float64 where
// the context has it.
func denormalProbeSource(fp64 bool) string {
	src := `#version 430 core
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Probe { uint v[]; };
void main() {
	float m = uintBitsToFloat(v[0]), half_ = uintBitsToFloat(v[1]);
	float s = uintBitsToFloat(v[2]), two = uintBitsToFloat(v[3]);
	v[4] = floatBitsToUint(m * half_);
	v[5] = floatBitsToUint(s * two);
	v[6] = floatBitsToUint(s + m);
`
	if fp64 {
		src += `	double dm = packDouble2x32(uvec2(v[8], v[9])), dhalf = packDouble2x32(uvec2(v[10], v[11]));
	double ds = packDouble2x32(uvec2(v[12], v[13])), dtwo = packDouble2x32(uvec2(v[14], v[15]));
	uvec2 r0 = unpackDouble2x32(dm * dhalf), r1 = unpackDouble2x32(ds * dtwo), r2 = unpackDouble2x32(ds + dm);
	v[16] = r0.x; v[17] = r0.y; v[18] = r1.x; v[19] = r1.y; v[20] = r2.x; v[21] = r2.y;
`
	}
	return src + "}\n"
}

// probeInputs returns the probe buffer's initial words.
func probeInputs() [probeWords]uint32 {
	var w [probeWords]uint32
	m32 := float32(math.Ldexp(1, -126)) // smallest normal float32
	for i, v := range []float32{m32, 0.5, m32 / 2, 2} {
		w[probeF32In+i] = math.Float32bits(v)
	}
	m64 := math.Ldexp(1, -1022) // smallest normal float64
	for i, v := range []float64{m64, 0.5, m64 / 2, 2} {
		b := math.Float64bits(v)
		w[probeF64In+2*i], w[probeF64In+2*i+1] = uint32(b), uint32(b>>32)
	}
	return w
}

// readDenormals judges the probe's output words: what IEEE arithmetic
// gives for each of the three results, and what a flush gives.
func readDenormals(w [probeWords]uint32, fp64 bool) (d32, d64 Denormals) {
	m32 := float32(math.Ldexp(1, -126))
	f32 := func(i int) float32 { return math.Float32frombits(w[probeF32Out+i]) }
	d32 = Denormals{Probed: true,
		Results: f32(0) == m32/2,
		Inputs:  f32(1) == m32 && f32(2) == m32*1.5,
	}
	if !fp64 {
		return d32, Denormals{Err: "no fp64"}
	}
	m64 := math.Ldexp(1, -1022)
	f64 := func(i int) float64 {
		return math.Float64frombits(uint64(w[probeF64Out+2*i]) | uint64(w[probeF64Out+2*i+1])<<32)
	}
	d64 = Denormals{Probed: true,
		Results: f64(0) == m64/2,
		Inputs:  f64(1) == m64 && f64(2) == m64*1.5,
	}
	return d32, d64
}

// probeDenormals runs the probe kernel once and returns what it found for
// float32 and float64; a failure leaves both unprobed, with the reason.
// The program goes through the program cache (a cached binary after the
// first run on a driver). GL thread only.
func (d *Device) probeDenormals() (d32, d64 Denormals) {
	fail := func(err error) (Denormals, Denormals) {
		e := Denormals{Err: err.Error()}
		return e, e
	}
	fp64 := d.caps.FP64
	key := specKey("denormal-probe", map[bool]int{false: 0, true: 1}[fp64])
	p, err := d.program(key, func() string { return denormalProbeSource(fp64) })
	if err != nil {
		return fail(fmt.Errorf("probe kernel: %w", err))
	}
	words := probeInputs()
	size := int(unsafe.Sizeof(words))
	var id uint32
	gl.GenBuffers(1, &id)
	defer gl.DeleteBuffers(1, &id)
	gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, id)
	gl.BufferData(gl.SHADER_STORAGE_BUFFER, size, unsafe.Pointer(&words[0]), gl.DYNAMIC_COPY)
	gl.UseProgram(p.id)
	gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, 0, id)
	gl.DispatchCompute(1, 1, 1) // not counted in Dispatches: no request asked for it
	gl.MemoryBarrier(gl.BUFFER_UPDATE_BARRIER_BIT)
	gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, id)
	gl.GetBufferSubData(gl.SHADER_STORAGE_BUFFER, 0, size, unsafe.Pointer(&words[0]))
	if err := glError("denormal probe"); err != nil {
		return fail(err)
	}
	return readDenormals(words, fp64)
}
