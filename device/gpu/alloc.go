//go:build cgo && !nogpu

package gpu

import (
	"bufio"
	"fmt"
	"math"
	"math/bits"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/numgl/numgl/internal/gl"
	"github.com/numgl/numgl/internal/numerr"

	"github.com/numgl/numgl/dtype"
)

// EnvBudget names the environment variable that sets a GPU device's
// memory budget in bytes (see Device.SetBudget), read when the device
// opens.
const EnvBudget = "NUMGL_GPU_BUDGET"

// The budget a device gets without EnvBudget: a fraction of its memory.
// A software renderer (llvmpipe) keeps its buffers in system memory,
// which the Go heap and CPU arrays share, so it gets a smaller share of
// the physical memory.
const (
	budgetNum, budgetDen                 = 3, 4 // of dedicated GPU memory
	softwareBudgetNum, softwareBudgetDen = 1, 4 // of physical memory
	fallbackMemory                       = 4 << 30
)

// GL_NVX_gpu_memory_info and GL_ATI_meminfo queries (KiB), which
// internal/gl does not name.
const (
	glGPUMemoryDedicatedNVX = 0x9047
	glVBOFreeMemoryATI      = 0x87FB
)

// deviceMemory returns the bytes of memory the device has and where that
// figure comes from: GL_NVX_gpu_memory_info's dedicated video memory,
// GL_ATI_meminfo's free buffer memory (at open, before numgl allocates),
// or, for a software renderer and any driver with neither extension, the
// machine's physical memory. GL thread only.
func deviceMemory(c Caps) (int64, string) {
	if !c.Software && c.Extensions["GL_NVX_gpu_memory_info"] {
		if kib := glInt(glGPUMemoryDedicatedNVX); kib > 0 {
			return int64(kib) << 10, "GL_NVX_gpu_memory_info"
		}
	}
	if !c.Software && c.Extensions["GL_ATI_meminfo"] {
		var v [4]int32
		gl.GetIntegerv(glVBOFreeMemoryATI, &v[0])
		if v[0] > 0 {
			return int64(v[0]) << 10, "GL_ATI_meminfo"
		}
	}
	return physicalMemory(), "physical memory"
}

// physicalMemory returns MemTotal from /proc/meminfo, or fallbackMemory
// where it cannot be read.
func physicalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return fallbackMemory
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "MemTotal:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil && kib > 0 {
				return kib << 10
			}
		}
	}
	return fallbackMemory
}

// initBudget sets the device's memory and budget when it opens: EnvBudget
// when set (an error when it is not a positive number of bytes), else a
// fraction of the device's memory. GL thread only.
func (d *Device) initBudget() error {
	mem, from := deviceMemory(d.caps)
	d.memory, d.memoryFrom = mem, from
	num, den := int64(budgetNum), int64(budgetDen)
	if from == "physical memory" {
		num, den = softwareBudgetNum, softwareBudgetDen
	}
	d.budget.Store(mem / den * num)
	if v, ok := os.LookupEnv(EnvBudget); ok {
		b, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || b <= 0 {
			return fmt.Errorf("%s=%q: want a positive number of bytes", EnvBudget, v)
		}
		d.budget.Store(b)
	}
	return nil
}

// Memory returns the bytes of memory the device has, as initBudget found
// them, and where the figure comes from ("GL_NVX_gpu_memory_info",
// "GL_ATI_meminfo" or "physical memory").
func (d *Device) Memory() (int64, string) { return d.memory, d.memoryFrom }

// Budget returns the most bytes of buffers, live and pooled, the device
// holds at once.
func (d *Device) Budget() int64 { return d.budget.Load() }

// SetBudget sets the most bytes of buffers, live and pooled, the device
// holds at once, and returns the previous budget. An allocation that
// would pass it first collects the garbage (runtime.GC), frees the
// buffers of arrays found unreachable and empties the pool, and fails
// with a MemoryError only if it still does not fit. The default is 3/4
// of the GPU's dedicated memory (GL_NVX_gpu_memory_info, or
// GL_ATI_meminfo's free memory at open) or, on a software renderer or a
// driver with neither extension, 1/4 of physical memory; $NUMGL_GPU_BUDGET
// sets it in bytes.
func (d *Device) SetBudget(bytes int64) int64 { return d.budget.Swap(bytes) }

// PooledBytes returns the bytes of released buffers the pool keeps for
// reuse.
func (d *Device) PooledBytes() int64 { return d.pooledBytes.Load() }

// gcRounds is how many collections an allocation over budget tries
// before failing.
const gcRounds = 3

// admit is the allocation gate: it counts the bytes of a buffer of n
// elements of dt as live and returns its size class, or refuses it with a
// MemoryError before anything is allocated: a byte count that overflows,
// a buffer larger than the device's largest storage block, or one that
// does not fit the budget even after collecting unreachable arrays.
// onGL says whether the caller is the GL thread, which frees the
// collected buffers itself.
func (d *Device) admit(dt dtype.DType, n int, onGL bool) (int, error) {
	hi, bytes := bits.Mul64(uint64(max(n, 0)), uint64(elemSize(dt)))
	if n < 0 || hi != 0 || bytes > math.MaxInt64 {
		return 0, numerr.New(numerr.Memory, "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
	}
	if d.caps.MaxSSBOSize > 0 && bytes > uint64(d.caps.MaxSSBOSize) {
		return 0, allocError(dt, n, bytes)
	}
	class := int64(sizeClass(int(bytes)))
	if d.caps.MaxSSBOSize > 0 {
		class = min(class, int64(d.caps.MaxSSBOSize))
	}
	for round := 0; ; round++ {
		if d.liveBytes.Add(class)+d.pooledBytes.Load() <= d.budget.Load() {
			d.liveBuffers.Add(1)
			return int(class), nil
		}
		d.liveBytes.Add(-class)
		if round == gcRounds || class > d.budget.Load() {
			return 0, allocError(dt, n, bytes)
		}
		d.reclaim(onGL)
	}
}

// reclaim frees what it can: it collects the garbage, waits for the
// cleanups of unreachable buffers to queue them, frees them and empties
// the pool.
func (d *Device) reclaim(onGL bool) {
	d.collect()
	if onGL {
		d.drainReleases()
		d.purgePool()
		return
	}
	d.call(d.purgePool) // call drains the queue first
}

// collect runs the garbage collector and waits (up to 100 ms) for the
// cleanups it scheduled: until a sentinel's cleanup, scheduled by the same
// collection, has run and the release queue has stopped growing.
func (d *Device) collect() {
	done := make(chan struct{})
	// Not a tiny allocation (under 16 bytes, no pointers), whose cleanup
	// may never run.
	runtime.AddCleanup(new([64]byte), func(c chan struct{}) { close(c) }, done)
	runtime.GC()
	deadline := time.After(100 * time.Millisecond)
	select {
	case <-done:
	case <-deadline:
		return
	}
	last, still := -1, 0
	for still < 2 {
		select {
		case <-deadline:
			return
		case <-time.After(time.Millisecond):
		}
		d.releaseMu.Lock()
		n := len(d.releaseQ)
		d.releaseMu.Unlock()
		if n == last {
			still++
		} else {
			last, still = n, 0
		}
	}
}

// allocError is NumPy's MemoryError for n elements of dt taking bytes.
// The device sees a flat count, so the shape it names is (n,).
func allocError(dt dtype.DType, n int, bytes uint64) error {
	return numerr.AllocFailed([]int{n}, dt.String(), bytes)
}
