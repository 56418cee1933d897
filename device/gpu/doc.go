// Package gpu is numgl's GPU device: OpenGL 4.3 compute shaders on any GPU
// with a driver, found headless through EGL, and on Mesa's llvmpipe where
// there is none. Importing it registers the backend "gpu" (package tensor
// does); device.Get("gpu") opens the first GPU, "gpu:1" the second.
//
// # Context and thread
//
// EGL comes first: EGL_EXT_platform_device enumerates the GPUs (hardware
// first, Mesa's software device last) and each is opened with a 4.3 core
// context and no surface. libEGL.so.1 is loaded at run time (dlopen) and
// every GL entry point through eglGetProcAddress (package internal/gl), so
// building needs only a C compiler and a binary starts, on the CPU, where
// libEGL is missing. With -tags glfw, GLFW's hidden X11 window is the
// fallback where a display exists and EGL does not serve (it needs X11's
// headers to build); $NUMGL_GPU_CONTEXT=egl or glfw forces one. One goroutine, locked to its OS thread, owns the
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
// Every buffer passes one allocation gate (admit): its byte count is
// computed without overflow and checked against the largest storage block
// and the device's budget of live and pooled bytes (SetBudget,
// $NUMGL_GPU_BUDGET; by default 3/4 of the GPU's memory, or 1/4 of the
// physical memory on llvmpipe). An allocation that would pass the budget
// first runs the Go collector, frees the buffers of arrays found
// unreachable and empties the pool; one that still does not fit is a
// MemoryError in NumPy's words ("Unable to allocate 4.00 TiB for an array
// with shape (1099511627776,) and data type float32"; the shape is the
// flat element count, which is all the device sees), raised before
// anything is allocated or dispatched. LiveBytes and PooledBytes report
// what is held. A buffer's Release frees it for every array viewing it:
// any later use of one of them (write, read, operand) panics with a
// ValueError, ErrReleased, checked in one place, so the pool can hand its
// GL storage to a new array safely.
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
// output is stored. A long contracted axis runs in passes over slices of
// k, each continuing the sums of the last, because Mesa's llvmpipe stops
// every loop of a shader invocation after 65535 iterations in all
// (shaders.GemmFinal). The tile of each is chosen per device by
// CalibrateGemm (gpubench calibrate), which times every candidate with
// GL timestamp queries and records the fastest in the program cache
// directory. Without a calibration the defaults serve: on an NVIDIA H200
// they were the calibrated winners, float32 at 24.7 TFLOP/s for n=4096
// (37% of its FP32 peak; PyTorch without TF32 reaches 51.2 there).
//
// # Builds without a GPU
//
// With CGO_ENABLED=0 or -tags nogpu the backend is still registered, and
// opening it fails with "no gpu: ...": without $NUMGL_DEVICE,
// device.Default chooses a CPU device.
package gpu
