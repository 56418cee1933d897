// Package gpu is numgl's GPU device: OpenGL 4.3 compute shaders on any GPU
// with a driver, found headless through EGL, and on Mesa's llvmpipe where
// there is none. Importing it registers the backend "gpu" (package tensor
// does); device.Get("gpu") opens the first GPU, "gpu:1" the second.
//
// # Context and thread
//
// EGL comes first: EGL_EXT_platform_device enumerates the GPUs (hardware
// first, Mesa's software device last) and each is opened with a 4.3 core
// context and no surface. One goroutine, locked to its OS thread, owns the
// context; every GL call runs there, so any goroutine may use GPU arrays.
// GL work is asynchronous: a request is enqueued and Run returns; reading
// back to the host (Download) or Sync waits for it.
//
// # Storage
//
// A Buffer is a shader storage buffer (SSBO). bool elements take 4 bytes
// (GLSL has no byte type without extensions); int64 needs
// GL_ARB_gpu_shader_int64. Released buffers go back to a pool by size
// class. A buffer that becomes unreachable is queued for release by a GC
// cleanup; the GL thread frees it, never the cleanup itself. Where the
// driver has glBufferStorage (GL 4.4, or GL_ARB_buffer_storage) buffers
// are immutable storage without client mapping, which drivers keep in
// device memory.
//
// # Kernels
//
// Requests become GLSL from package shaders, specialised on what changes
// the code (op, dtypes, rank), never on shapes: shapes, strides and
// offsets travel as uniforms, so a few programs serve every size.
//
// # Matrix products
//
// MatMul runs one of two tiled GEMM kernels (shaders.Gemm, any layout and
// dtype; shaders.GemmVec, float operands whose rows are contiguous and
// 4-aligned), with the request's epilogue (an elementwise plan: a bias, an
// activation, any graph) rendered into the kernel and applied as each
// output is stored. The tile of each is chosen per device by
// CalibrateGemm (gpubench calibrate), which times every candidate with
// GL timestamp queries and records the fastest in the program cache
// directory. Without a calibration the defaults serve: on an NVIDIA H200
// they were the calibrated winners, float32 at 24.7 TFLOP/s for n=4096
// (37% of its FP32 peak; PyTorch without TF32 reaches 51.2 there).
//
// # Builds without a GPU
//
// With CGO_ENABLED=0 or -tags nogpu the backend is still registered, and
// opening it fails with "no gpu: ...": device.Default falls back to the CPU.
package gpu
