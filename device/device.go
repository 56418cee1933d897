package device

import (
	"errors"
	"fmt"

	"github.com/numgl/numgl/dtype"
)

// Device runs kernel requests on storage it owns. Implementations trust the
// requests they are given: tensor and broadcast have already checked shapes,
// bounds and dtypes (see Request).
type Device interface {
	// Name is the name Get accepts: "cpu-loop", "cpu-simd", "gpu:0".
	Name() string
	// Alloc returns zeroed storage for n elements of dt.
	Alloc(dt dtype.DType, n int) (Buffer, error)
	// Upload returns new storage holding a copy of host, a []bool,
	// []int32, []int64, []float32 or []float64.
	Upload(host any) (Buffer, error)
	// Download copies the elements [off, off+n) of buf into host, a
	// slice of buf's Go element type with length n.
	Download(buf Buffer, off int, host any) error
	// Run executes one kernel request. A request the device does not
	// implement returns an error wrapping ErrUnsupported.
	Run(req Request) error
	// Sync waits until every request run so far has finished.
	Sync() error
}

// Buffer is storage for Len elements of one dtype on one device.
type Buffer interface {
	Device() Device
	DType() dtype.DType
	Len() int
}

// ErrUnsupported is wrapped by the errors of requests a device does not
// implement (yet). Callers test it with errors.Is.
var ErrUnsupported = errors.New("not supported on this device")

// Unsupported returns an error wrapping ErrUnsupported that names the
// device and the request.
func Unsupported(d Device, what string) error {
	return fmt.Errorf("%s: %s: %w", d.Name(), what, ErrUnsupported)
}

// BufferLimiter is implemented by a device that binds a bounded number of
// buffers to one kernel (a GPU's storage blocks per shader): the planner
// keeps the buffers of every Kernel request it sends, inputs and output
// together, within MaxKernelBuffers (a device keeps what it needs for
// its own scratch buffers out of the figure).
type BufferLimiter interface {
	MaxKernelBuffers() int
}

// DispatchCounter is implemented by a device that counts its kernel
// launches (the GPU: every glDispatchCompute). gpubench reports the
// dispatches of a timed run from the difference of two readings.
type DispatchCounter interface {
	Dispatches() int64
}

// Synchronous is implemented by a device whose Run has finished with a
// request, and with everything the request refers to, when it returns
// (the CPU devices): the planner may then reuse a request's memory.
type Synchronous interface {
	Synchronous() bool
}

// RawAllocator is implemented by a device that can allocate storage
// without clearing it, for the output of a kernel that writes every
// element: AllocRaw is Alloc with contents undefined.
type RawAllocator interface {
	AllocRaw(dt dtype.DType, n int) (Buffer, error)
}

// AllocRaw returns storage for n elements of dt on d for a kernel to
// write in full: d's AllocRaw where it has one, else its Alloc.
func AllocRaw(d Device, dt dtype.DType, n int) (Buffer, error) {
	if r, ok := d.(RawAllocator); ok {
		return r.AllocRaw(dt, n)
	}
	return d.Alloc(dt, n)
}
