// Package shaders holds numgl's GLSL compute kernels and the generator that
// specialises them. The sources are embedded (*.glsl) and written as Go
// templates; a kernel is specialised only on what changes its code — the
// op, the dtypes, the rank, the work-group size — and never on shapes,
// which travel as uniforms. So a handful of programs serve every size, and
// the GPU device caches each one after its first compile.
//
// # Conventions
//
// Every kernel is a grid-stride loop over u_n elements (element
// u_base + gl_GlobalInvocationID.x, stepping by the number of invocations),
// so one dispatch of at most 65535 work groups covers any size below 2^32.
// Operand k is the storage buffer at binding k; for a strided operand its
// offset is u_off[k] + Σ_a idx_a * u_strides[k*R + a] over the rank-R
// index of the element in u_shape.
//
// The GEMM kernels (Gemm, GemmVec) are the exception to the grid-stride
// loop: a work group computes one tile of the output and a dispatch covers
// the matrix (x: columns, y: rows, z: batch). They are specialised on
// their tile and epilogue too.
//
// # Types
//
// bool is stored as uint (0 or 1) and computed as int; int64 needs
// GL_ARB_gpu_shader_int64; float64 is core GLSL 4.00, but GLSL has no
// double exp, log, sin, cos, tan, tanh or pow: numgl's own double versions
// are in math_double.glsl (see its comments for their error).
package shaders
