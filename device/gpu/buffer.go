//go:build cgo && !nogpu

package gpu

import (
	"fmt"
	"math/bits"
	"runtime"
	"sync/atomic"
	"unsafe"

	"github.com/numgl/numgl/internal/gl"
	"github.com/numgl/numgl/internal/numerr"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Buffer is GPU storage: one shader storage buffer holding Len elements.
type Buffer struct {
	dev      *Device
	id       uint32
	dt       dtype.DType
	n        int
	class    int // bytes allocated: a power of two
	released atomic.Bool
	freed    bool // its GL buffer has gone back to the pool: GL thread only
	cleanup  runtime.Cleanup
}

// ErrReleased is the message of the error any use of a released buffer
// (or of an array viewing it) raises. NumPy has no explicit release, so
// no NumPy words: numgl's own, of kind ValueError.
const ErrReleased = "array was released"

// usable is the one released-state check of the buffer layer: every path
// that reads or writes a buffer (Run for each buffer of a request, and
// Download) calls it before enqueuing work, and again on the GL thread
// (stale) before the work runs, so that a released buffer's GL storage,
// which the pool may have handed to a new array, is never touched through
// it. Views share their storage's Buffer: releasing it releases them all.
func (b *Buffer) usable() error {
	if b.released.Load() {
		return numerr.New(numerr.Value, ErrReleased)
	}
	return nil
}

// stale reports, on the GL thread, whether b's GL buffer has gone back to
// the pool (a Release that raced with the request); GL thread only.
func (b *Buffer) stale() error {
	if b.freed {
		return numerr.New(numerr.Value, ErrReleased)
	}
	return nil
}

// Device returns the device the buffer lives on.
func (b *Buffer) Device() device.Device { return b.dev }

// DType returns the element type.
func (b *Buffer) DType() dtype.DType { return b.dt }

// Len returns the number of elements.
func (b *Buffer) Len() int { return b.n }

// ID returns the GL buffer name.
func (b *Buffer) ID() uint32 { return b.id }

// elemSize is the bytes one element takes on the GPU: bool takes a uint.
func elemSize(dt dtype.DType) int {
	if dt == dtype.Bool {
		return 4
	}
	return dt.Size()
}

// sizeClass rounds a byte count up to the pool's size class.
func sizeClass(bytes int) int {
	if bytes <= 256 {
		return 256
	}
	return 1 << bits.Len(uint(bytes-1))
}

// bufferPool keeps released GL buffers by size class for reuse. It is
// touched only on the GL thread.
type bufferPool struct {
	free map[int][]uint32
}

const maxPooledPerClass = 8

// Release frees the buffer (on the GL thread, after the work queued so
// far, which may still read it). It is idempotent; a buffer is also
// released when it becomes unreachable. Any later use of the buffer, or
// of an array viewing it, is an error (ErrReleased).
func (b *Buffer) Release() {
	if b.released.Swap(true) {
		return
	}
	b.dev.post(func() error {
		if b.freed {
			return nil // create failed
		}
		b.cleanup.Stop()
		b.freed = true
		b.dev.recycle(b.id, b.class)
		return nil
	})
}

// recycle returns a buffer to the pool or deletes it. GL thread only.
func (d *Device) recycle(id uint32, class int) {
	d.liveBuffers.Add(-1)
	d.liveBytes.Add(-int64(class))
	if d.pool.free == nil {
		d.pool.free = map[int][]uint32{}
	}
	if len(d.pool.free[class]) < maxPooledPerClass {
		d.pool.free[class] = append(d.pool.free[class], id)
		d.pooledBytes.Add(int64(class))
		return
	}
	gl.DeleteBuffers(1, &id)
}

// purgePool deletes every pooled buffer. GL thread only.
func (d *Device) purgePool() {
	for class, ids := range d.pool.free {
		gl.DeleteBuffers(int32(len(ids)), &ids[0])
		d.pooledBytes.Add(-int64(class * len(ids)))
		delete(d.pool.free, class)
	}
}

// queueRelease is called by GC cleanups: it only queues the buffer; the GL
// thread frees it the next time it runs work.
func (d *Device) queueRelease(id uint32, class int) {
	d.releaseMu.Lock()
	d.releaseQ = append(d.releaseQ, uint32(id), uint32(class))
	d.releaseMu.Unlock()
}

// drainReleases frees the queued buffers. GL thread only.
func (d *Device) drainReleases() {
	d.releaseMu.Lock()
	q := d.releaseQ
	d.releaseQ = nil
	d.releaseMu.Unlock()
	for i := 0; i < len(q); i += 2 {
		d.recycle(q[i], int(q[i+1]))
	}
}

// LiveBuffers returns the number of buffers allocated and not released.
func (d *Device) LiveBuffers() int { return int(d.liveBuffers.Load()) }

// LiveBytes returns the bytes held by live buffers (by size class), which
// with PooledBytes is the device memory numgl holds.
func (d *Device) LiveBytes() int64 { return d.liveBytes.Load() }

// call runs f on the GL thread after freeing queued buffers and waits
// for it to return.
func (d *Device) call(f func()) {
	d.thread.do(func() {
		d.drainReleases()
		f()
	})
}

// post queues f to run on the GL thread (after freeing queued buffers)
// and returns at once. An error f reports is kept and returned by the
// next call that waits for the GPU (Sync, Download) or runs a request.
func (d *Device) post(f func() error) {
	d.thread.post(func() {
		d.drainReleases()
		if err := f(); err != nil {
			d.errMu.Lock()
			if d.err == nil {
				d.err = err
			}
			d.errMu.Unlock()
		}
	})
}

// takeErr returns (and clears) the first error of the work posted so far
// that has run.
func (d *Device) takeErr() error {
	d.errMu.Lock()
	defer d.errMu.Unlock()
	err := d.err
	d.err = nil
	return err
}

// newBuffer takes a buffer of n elements of dt from the pool or GL, with
// undefined contents, through the allocation gate (admit). GL thread
// only.
func (d *Device) newBuffer(dt dtype.DType, n int) (*Buffer, error) {
	class, err := d.admit(dt, n, true)
	if err != nil {
		return nil, err
	}
	b := &Buffer{dev: d, dt: dt, n: n, class: class}
	return b, d.create(b)
}

// reserve returns the Buffer of n elements of dt, not yet backed by GL
// storage (create backs it, on the GL thread), admitted and counted by
// the allocation gate (admit). Any goroutine but the GL thread.
func (d *Device) reserve(dt dtype.DType, n int) (*Buffer, error) {
	class, err := d.admit(dt, n, false)
	if err != nil {
		return nil, err
	}
	return &Buffer{dev: d, dt: dt, n: n, class: class}, nil
}

// create backs a reserved buffer with GL storage, from the pool or new,
// and arranges its release when it becomes unreachable. GL thread only.
func (d *Device) create(b *Buffer) error {
	class := b.class
	var id uint32
	if free := d.pool.free[class]; len(free) > 0 {
		id = free[len(free)-1]
		d.pool.free[class] = free[:len(free)-1]
	} else {
		gl.GenBuffers(1, &id)
		gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, id)
		if d.caps.BufferStorage {
			// Immutable storage that only GL maps: drivers place it in
			// device memory from the start, where a DYNAMIC_DRAW
			// buffer may begin in host-visible memory. Uploads use
			// glBufferSubData, which DYNAMIC_STORAGE_BIT allows.
			gl.BufferStorage(gl.SHADER_STORAGE_BUFFER, class, nil, gl.DYNAMIC_STORAGE_BIT)
		} else {
			gl.BufferData(gl.SHADER_STORAGE_BUFFER, class, nil, gl.DYNAMIC_COPY)
		}
		if err := glError("allocating a storage buffer"); err != nil {
			gl.DeleteBuffers(1, &id)
			d.liveBuffers.Add(-1)
			d.liveBytes.Add(-int64(class))
			b.released.Store(true)
			b.freed = true
			return fmt.Errorf("%s: %w (out of GPU memory?)", d.name, err)
		}
	}
	b.id = id
	b.cleanup = runtime.AddCleanup(b, func(c [2]uint32) { d.queueRelease(c[0], int(c[1])) }, [2]uint32{id, uint32(class)})
	return nil
}

func (d *Device) checkDType(dt dtype.DType) error {
	if !d.Supports(dt) {
		return fmt.Errorf("%s: %v needs %s, which %s lacks", d.name, dt,
			map[dtype.DType]string{dtype.Int64: "GL_ARB_gpu_shader_int64", dtype.Float64: "GL_ARB_gpu_shader_fp64"}[dt], d.caps.Renderer)
	}
	return nil
}

// Alloc returns a zeroed buffer of n elements.
func (d *Device) Alloc(dt dtype.DType, n int) (device.Buffer, error) {
	if err := d.checkDType(dt); err != nil {
		return nil, err
	}
	b, err := d.reserve(dt, n)
	if err != nil {
		return nil, err
	}
	d.post(func() error {
		if err := d.create(b); err != nil {
			return err
		}
		gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, b.id)
		gl.ClearBufferData(gl.SHADER_STORAGE_BUFFER, gl.R32UI, gl.RED_INTEGER, gl.UNSIGNED_INT, nil)
		return glError("clearing a buffer")
	})
	return b, nil
}

// AllocRaw returns a buffer of n elements whose contents are undefined,
// for the output of a kernel that writes every element: no clearing pass
// (device.RawAllocator).
func (d *Device) AllocRaw(dt dtype.DType, n int) (device.Buffer, error) {
	if err := d.checkDType(dt); err != nil {
		return nil, err
	}
	b, err := d.reserve(dt, n)
	if err != nil {
		return nil, err
	}
	d.post(func() error { return d.create(b) })
	return b, nil
}

// hostBytes returns the bytes of a host slice as the GPU stores them.
func hostBytes(host any) (dtype.DType, []byte, error) {
	switch s := host.(type) {
	case []bool:
		u := make([]uint32, len(s))
		for i, v := range s {
			if v {
				u[i] = 1
			}
		}
		return dtype.Bool, sliceBytes(u), nil
	case []int32:
		return dtype.Int32, sliceBytes(s), nil
	case []int64:
		return dtype.Int64, sliceBytes(s), nil
	case []float32:
		return dtype.Float32, sliceBytes(s), nil
	case []float64:
		return dtype.Float64, sliceBytes(s), nil
	}
	return dtype.Invalid, nil, fmt.Errorf("gpu: cannot upload %T", host)
}

func sliceBytes[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(z)))
}

// Upload returns a new buffer holding a copy of host.
func (d *Device) Upload(host any) (device.Buffer, error) {
	dt, raw, err := hostBytes(host)
	if err != nil {
		return nil, err
	}
	if err := d.checkDType(dt); err != nil {
		return nil, err
	}
	b, err := d.reserve(dt, len(raw)/elemSize(dt))
	if err != nil {
		return nil, err
	}
	d.call(func() {
		if err = d.create(b); err != nil || len(raw) == 0 {
			return
		}
		gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, b.id)
		gl.BufferSubData(gl.SHADER_STORAGE_BUFFER, 0, len(raw), gl.Ptr(raw))
		err = glError("uploading")
		runtime.KeepAlive(host)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Download copies elements [off, off+len(host)) of buf into host, waiting
// for the work that writes them.
func (d *Device) Download(buf device.Buffer, off int, host any) error {
	b, ok := buf.(*Buffer)
	if !ok || b.dev != d {
		return fmt.Errorf("%s: download of a buffer of another device", d.name)
	}
	if err := b.usable(); err != nil {
		return err
	}
	var raw []byte
	var flags []uint32
	switch s := host.(type) {
	case []bool:
		flags = make([]uint32, len(s))
		raw = sliceBytes(flags)
	default:
		var dt dtype.DType
		var err error
		dt, raw, err = hostBytes(host)
		if err != nil {
			return err
		}
		if dt != b.dt {
			return fmt.Errorf("%s: download of a %v buffer into %T", d.name, b.dt, host)
		}
	}
	n := len(raw) / elemSize(b.dt)
	if off < 0 || off+n > b.n {
		return fmt.Errorf("%s: download of [%d,%d) from %d elements", d.name, off, off+n, b.n)
	}
	var err error
	if len(raw) > 0 {
		d.call(func() {
			if err = b.stale(); err != nil {
				return
			}
			gl.BindBuffer(gl.SHADER_STORAGE_BUFFER, b.id)
			gl.GetBufferSubData(gl.SHADER_STORAGE_BUFFER, off*elemSize(b.dt), len(raw), gl.Ptr(raw))
			err = glError("downloading")
		})
	}
	if perr := d.takeErr(); perr != nil {
		return perr
	}
	if s, ok := host.([]bool); ok {
		for i, v := range flags {
			s[i] = v != 0
		}
	}
	runtime.KeepAlive(b)
	return err
}
