package cpu

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/internal/numerr"
	"github.com/numgl/numgl/plan"
)

// memoryMsg returns err's message when it is a MemoryError, else "".
func memoryMsg(err error) string {
	var e *numerr.Error
	if errors.As(err, &e) && e.Kind == numerr.Memory {
		return e.Msg
	}
	return ""
}

// TestAllocGate: every CPU allocation path refuses a buffer larger than
// MaxMemory, or one whose bytes overflow an int, with a MemoryError.
func TestAllocGate(t *testing.T) {
	prev := SetMaxMemory(1 << 20)
	defer SetMaxMemory(prev)
	if got := MaxMemory(); got != 1<<20 {
		t.Fatalf("MaxMemory() = %d after SetMaxMemory(1 MiB)", got)
	}
	const twoMiB = "Unable to allocate 2.00 MiB for an array with shape (524288,) and data type float32"
	for _, d := range []device.Device{loopDevice, simdDevice} {
		if _, err := d.Alloc(dtype.Float32, 1<<19); memoryMsg(err) != twoMiB {
			t.Errorf("%s: Alloc 2 MiB: %v", d.Name(), err)
		}
		if _, err := device.AllocRaw(d, dtype.Float32, 1<<19); memoryMsg(err) != twoMiB {
			t.Errorf("%s: AllocRaw 2 MiB: %v", d.Name(), err)
		}
		if _, err := d.Upload(make([]float32, 1<<19)); memoryMsg(err) != twoMiB {
			t.Errorf("%s: Upload 2 MiB: %v", d.Name(), err)
		}
		if b, err := d.Alloc(dtype.Int64, 1<<17); err != nil || b.Len() != 1<<17 {
			t.Errorf("%s: Alloc 1 MiB: %v", d.Name(), err)
		}
		if _, err := d.Alloc(dtype.Float64, math.MaxInt/4); memoryMsg(err) == "" {
			t.Errorf("%s: Alloc of more bytes than an int holds: %v", d.Name(), err)
		}
	}
	if err := CheckAlloc(dtype.Bool, 1<<20+1); memoryMsg(err) != "Unable to allocate 1.00 MiB for an array with shape (1048577,) and data type bool" {
		t.Errorf("CheckAlloc: %v", err)
	}
}

// TestReduceGatherGate: cpu-loop's reduction gathers the reduced
// elements of each position into a slice; a broadcast source can make it
// any length, so it passes the gate too.
func TestReduceGatherGate(t *testing.T) {
	prev := SetMaxMemory(1 << 20)
	defer SetMaxMemory(prev)
	src, _ := loopDevice.Alloc(dtype.Float32, 1)
	out, _ := loopDevice.Alloc(dtype.Float64, 1)
	r := &reduction{Kind: plan.Sum, NReduce: 1,
		Src: device.Operand{Buf: src, Shape: []int{1 << 19}, Strides: []int{0}},
		Out: device.Operand{Buf: out, Shape: []int{}, Strides: []int{}}}
	if err := reduce(r); memoryMsg(err) == "" {
		t.Errorf("reduce of a 2 MiB broadcast under a 1 MiB limit: %v", err)
	}
	r.Src.Shape = []int{1 << 10}
	if err := reduce(r); err != nil {
		t.Errorf("reduce of a 4 KiB broadcast: %v", err)
	}
}

// TestMaxMemoryDefault: SetMaxMemory(0) restores the default, which is
// at most the physical memory and the Go memory limit.
func TestMaxMemoryDefault(t *testing.T) {
	prev := SetMaxMemory(12345)
	SetMaxMemory(0)
	defer SetMaxMemory(prev)
	got := MaxMemory()
	if got <= 0 || got > physicalMemory() || got > debug.SetMemoryLimit(-1) {
		t.Errorf("default MaxMemory() = %d; physical %d, GOMEMLIMIT %d", got, physicalMemory(), debug.SetMemoryLimit(-1))
	}
}

// TestEnvMaxMemory runs the test binary again with $NUMGL_MAX_MEMORY set
// (the default limit is computed once per process): a number of bytes is
// the limit, anything else makes opening the CPU devices fail.
func TestEnvMaxMemory(t *testing.T) {
	if os.Getenv("NUMGL_TEST_ENV_CHILD") == "1" {
		_, err := device.Get("cpu-simd")
		fmt.Printf("limit=%d open=%v\n", MaxMemory(), err)
		return
	}
	for env, want := range map[string]string{
		"1048576": "limit=1048576 open=<nil>",
		"lots":    `NUMGL_MAX_MEMORY="lots": want a positive number of bytes`,
		"-5":      `NUMGL_MAX_MEMORY="-5": want a positive number of bytes`,
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEnvMaxMemory$", "-test.count=1")
		cmd.Env = append(os.Environ(), "NUMGL_TEST_ENV_CHILD=1", EnvMaxMemory+"="+env)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("%s=%s: %v\n%s\nwant %q", EnvMaxMemory, env, err, out, want)
		}
	}
}
