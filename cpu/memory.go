package cpu

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/internal/numerr"
)

// EnvMaxMemory names the environment variable that sets the CPU devices'
// allocation limit in bytes (see SetMaxMemory), read at the first
// allocation. A value that is not a positive integer makes opening
// cpu-loop and cpu-simd fail.
const EnvMaxMemory = "NUMGL_MAX_MEMORY"

// The CPU allocation limit: 0 until the default is first needed.
var (
	maxMemory   atomic.Int64
	defaultOnce sync.Once
	defaultMax  int64 // the default limit, once computed
	envErr      error // a bad $NUMGL_MAX_MEMORY
)

// MaxMemory returns the CPU devices' allocation limit in bytes: the
// largest single buffer cpu-loop and cpu-simd allocate. Without
// SetMaxMemory it is $NUMGL_MAX_MEMORY when set, else the smaller of the
// machine's physical memory (MemTotal in /proc/meminfo) and the Go memory
// limit (GOMEMLIMIT, debug.SetMemoryLimit) when one is set, both as they
// were at the first allocation. Where neither is known (no /proc) there
// is no limit but an int's.
func MaxMemory() int64 {
	if m := maxMemory.Load(); m > 0 {
		return m
	}
	initDefault()
	maxMemory.CompareAndSwap(0, defaultMax)
	return maxMemory.Load()
}

// SetMaxMemory sets the CPU devices' allocation limit in bytes and
// returns the previous one; bytes <= 0 restores the default (see
// MaxMemory). A buffer larger than the limit is refused with a
// MemoryError before anything is allocated. The limit bounds each
// allocation on its own, not the total of live arrays: it keeps a request
// that can never succeed (more than the machine has) from aborting the
// process, which is what Go does when an allocation fails.
func SetMaxMemory(bytes int64) int64 {
	prev := MaxMemory()
	if bytes <= 0 {
		initDefault()
		bytes = defaultMax
	}
	maxMemory.Store(bytes)
	return prev
}

// initDefault computes the default limit once.
func initDefault() {
	defaultOnce.Do(func() {
		defaultMax = physicalMemory()
		if lim := debug.SetMemoryLimit(-1); lim > 0 && lim < defaultMax {
			defaultMax = lim
		}
		if v, ok := os.LookupEnv(EnvMaxMemory); ok {
			b, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil || b <= 0 {
				envErr = fmt.Errorf("%s=%q: want a positive number of bytes", EnvMaxMemory, v)
				return
			}
			defaultMax = b
		}
	})
}

// checkEnv returns the error of a bad $NUMGL_MAX_MEMORY, for the devices'
// Open.
func checkEnv() error {
	initDefault()
	return envErr
}

// physicalMemory returns MemTotal from /proc/meminfo, or MaxInt64 where
// it cannot be read.
func physicalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return math.MaxInt64
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		rest, ok := strings.CutPrefix(s.Text(), "MemTotal:")
		if !ok {
			continue
		}
		kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		if err == nil && kib > 0 && kib < math.MaxInt64>>10 {
			return kib << 10
		}
	}
	return math.MaxInt64
}

// admit is the CPU devices' allocation gate, which every buffer they
// allocate passes first (makeSlice, cloneSlice, cpu-loop's reduction
// temporaries): it refuses n elements of dt with a MemoryError, before
// anything is allocated, when their byte count overflows an int or is
// more than MaxMemory. The error names the shape (n,); tensor names the
// array's own shape.
func admit(dt dtype.DType, n int) error {
	size := max(dt.Size(), 1)
	if _, err := broadcast.CheckedSize([]int{n}, size); err != nil {
		return err
	}
	if bytes := int64(n) * int64(size); bytes > MaxMemory() {
		return numerr.AllocFailed([]int{n}, dt.String(), uint64(bytes))
	}
	return nil
}

// CheckAlloc is the CPU allocation gate (admit) for memory numgl
// allocates on the host outside the CPU devices' buffers, such as the
// slice random values are drawn into before they go to any device: nil
// when n elements of dt may be allocated, else the MemoryError.
func CheckAlloc(dt dtype.DType, n int) error { return admit(dt, n) }
