//go:build cgo && !nogpu

package gpu

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Caps are the capabilities of a context, read once when it is made.
type Caps struct {
	Version, Renderer, Vendor, GLSL string
	Extensions                      map[string]bool
	MaxWorkGroupInvocations         int
	MaxWorkGroupSize                [3]int
	MaxWorkGroupCount               [3]int
	MaxSharedMemory                 int // bytes per work group
	MaxSSBOBindings                 int // storage blocks per compute shader
	MaxSSBOSize                     int // bytes
	FP64, Int64, Subgroups          bool
	BufferStorage                   bool // glBufferStorage (GL 4.4 or GL_ARB_buffer_storage): buffers are immutable and device-local
	Software                        bool // Mesa's llvmpipe or another CPU renderer
	// Denormals32 and Denormals64: whether compute shaders keep float32
	// and float64 subnormals or flush them to zero, probed by running a
	// kernel when the context is made (denormals.go).
	Denormals32, Denormals64 Denormals
}

// Device is one GPU with its context and GL thread.
type Device struct {
	name   string
	caps   Caps
	thread *glThread
	ctx    interface{ close() } // *eglContext or *glfwContext
	via    string               // "egl" or "glfw"

	programs  programCache
	pool      bufferPool
	gemmTiles map[dtype.DType]gemmChoice // calibrated GEMM tiles; GL thread only
	vecGemms  int64                      // products run by the vector kernel (tests); GL thread only

	// Buffers whose Go values became unreachable, freed on the GL thread.
	releaseMu sync.Mutex
	releaseQ  []uint32

	liveBuffers, liveBytes atomic.Int64
	pooledBytes            atomic.Int64 // bytes of the pool's buffers
	budget                 atomic.Int64 // the most live and pooled bytes (SetBudget)
	memory                 int64        // the device's memory in bytes (Memory)
	memoryFrom             string       // where that figure comes from
	dispatches             atomic.Int64 // kernel launches so far

	errMu sync.Mutex
	err   error // the first error of posted work not yet reported
}

func init() {
	device.Register(device.Backend{Name: "gpu", Rank: 10, Open: open})
}

// open makes the context for EGL device n on a new GL thread.
func open(n int) (device.Device, error) {
	d := &Device{name: fmt.Sprintf("gpu:%d", n)}
	t, err := startThread(func() error {
		ctx, loader, err := openContext(n, d)
		if err != nil {
			return err
		}
		// go-gl keeps one table of entry points: with EGL (and GLVND)
		// they dispatch on the context current on the calling thread.
		if err := gl.InitWithProcAddrFunc(loader); err != nil {
			ctx.close()
			return fmt.Errorf("loading OpenGL entry points: %w", err)
		}
		d.ctx = ctx
		d.caps = readCaps()
		if err := d.caps.check(); err != nil {
			ctx.close()
			return err
		}
		if err := d.initBudget(); err != nil {
			ctx.close()
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("no gpu: %w", err)
	}
	d.thread = t
	d.programs.init(d)
	d.call(func() { d.caps.Denormals32, d.caps.Denormals64 = d.probeDenormals() })
	return d, nil
}

// openContext makes the context on the calling thread: EGL first, then
// GLFW where a display exists ($NUMGL_GPU_CONTEXT forces one).
func openContext(n int, d *Device) (interface{ close() }, func(string) unsafe.Pointer, error) {
	switch os.Getenv(EnvContext) {
	case "egl":
		d.via = "egl"
		return openEGL(n)
	case "glfw":
		d.via = "glfw"
		return openGLFW(n)
	}
	ctx, loader, err := openEGL(n)
	if err == nil {
		d.via = "egl"
		return ctx, loader, nil
	}
	gctx, gloader, gerr := openGLFW(n)
	if gerr == nil {
		d.via = "glfw"
		return gctx, gloader, nil
	}
	return nil, nil, fmt.Errorf("%w; %v", err, gerr)
}

// Via returns how the context was made: "egl" or "glfw".
func (d *Device) Via() string { return d.via }

func glString(name uint32) string {
	p := gl.GetString(name)
	if p == nil {
		return ""
	}
	return gl.GoStr(p)
}

func glInt(name uint32) int {
	var v int32
	gl.GetIntegerv(name, &v)
	return int(v)
}

func glIndexed(name uint32, i uint32) int {
	var v int32
	gl.GetIntegeri_v(name, i, &v)
	return int(v)
}

func readCaps() Caps {
	c := Caps{
		Version:    glString(gl.VERSION),
		Renderer:   glString(gl.RENDERER),
		Vendor:     glString(gl.VENDOR),
		GLSL:       glString(gl.SHADING_LANGUAGE_VERSION),
		Extensions: map[string]bool{},
	}
	for i := range glInt(gl.NUM_EXTENSIONS) {
		c.Extensions[gl.GoStr(gl.GetStringi(gl.EXTENSIONS, uint32(i)))] = true
	}
	c.MaxWorkGroupInvocations = glInt(gl.MAX_COMPUTE_WORK_GROUP_INVOCATIONS)
	for i := range 3 {
		c.MaxWorkGroupSize[i] = glIndexed(gl.MAX_COMPUTE_WORK_GROUP_SIZE, uint32(i))
		c.MaxWorkGroupCount[i] = glIndexed(gl.MAX_COMPUTE_WORK_GROUP_COUNT, uint32(i))
	}
	c.MaxSharedMemory = glInt(gl.MAX_COMPUTE_SHARED_MEMORY_SIZE)
	c.MaxSSBOBindings = glInt(gl.MAX_COMPUTE_SHADER_STORAGE_BLOCKS)
	c.MaxSSBOSize = glInt(gl.MAX_SHADER_STORAGE_BLOCK_SIZE)
	c.FP64 = c.Extensions["GL_ARB_gpu_shader_fp64"] || versionAtLeast(c.Version, 4, 0)
	c.Int64 = c.Extensions["GL_ARB_gpu_shader_int64"]
	c.Subgroups = c.Extensions["GL_KHR_shader_subgroup"]
	c.BufferStorage = c.Extensions["GL_ARB_buffer_storage"] || versionAtLeast(c.Version, 4, 4)
	r := strings.ToLower(c.Renderer)
	c.Software = strings.Contains(r, "llvmpipe") || strings.Contains(r, "softpipe") || strings.Contains(r, "swrast")
	return c
}

func versionAtLeast(v string, major, minor int) bool {
	var a, b int
	if _, err := fmt.Sscanf(v, "%d.%d", &a, &b); err != nil {
		return false
	}
	return a > major || (a == major && b >= minor)
}

// check refuses contexts numgl cannot use.
func (c Caps) check() error {
	if !versionAtLeast(c.Version, 4, 3) {
		return fmt.Errorf("OpenGL %q is older than the 4.3 core profile numgl needs for compute shaders (renderer %s)", c.Version, c.Renderer)
	}
	if c.MaxSSBOBindings < 8 {
		return fmt.Errorf("only %d shader storage blocks per compute shader (numgl needs 8)", c.MaxSSBOBindings)
	}
	return nil
}

// Name returns "gpu:N".
func (d *Device) Name() string { return d.name }

// Caps returns the context's capabilities.
func (d *Device) Caps() Caps { return d.caps }

// Software reports whether the renderer runs on the CPU (llvmpipe):
// device.Default does not choose such a device on its own.
func (d *Device) Software() bool { return d.caps.Software }

// Supports reports whether the device can hold dt.
func (d *Device) Supports(dt dtype.DType) bool {
	switch dt {
	case dtype.Int64:
		return d.caps.Int64
	case dtype.Float64:
		return d.caps.FP64
	}
	return dt.Valid()
}

// Sync waits until every GL command issued so far has finished (and frees
// the buffers queued for release).
func (d *Device) Sync() error {
	var err error
	d.call(func() {
		gl.Finish()
		err = glError("glFinish")
	})
	if perr := d.takeErr(); perr != nil {
		return perr
	}
	return err
}

// glError returns the pending GL error, if any, naming what was done.
func glError(what string) error {
	if e := gl.GetError(); e != gl.NO_ERROR {
		return fmt.Errorf("%s: GL error 0x%04x", what, e)
	}
	return nil
}

// Dispatches returns the number of kernel launches (glDispatchCompute
// calls) the device has made so far (device.DispatchCounter).
func (d *Device) Dispatches() int64 { return d.dispatches.Load() }

// launch dispatches the bound program over x×y×z work groups, counting
// the launch. GL thread only.
func (d *Device) launch(x, y, z uint32) {
	d.dispatches.Add(1)
	gl.DispatchCompute(x, y, z)
}

// MaxKernelBuffers is the most buffers of one Kernel request
// (device.BufferLimiter): the context's storage blocks per compute shader,
// less the two a reduction's partial states take.
func (d *Device) MaxKernelBuffers() int { return d.caps.MaxSSBOBindings - 2 }
