//go:build cgo && !nogpu

package gpu_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/internal/devicetest"
	"github.com/numgl/numgl/tensor"
)

// openGPU returns the GPU, skipping the test when no context can be made —
// unless NUMGL_REQUIRE_GPU=1, which makes that a failure.
func openGPU(t testing.TB) *gpu.Device {
	t.Helper()
	d, err := device.Get("gpu")
	if err != nil {
		if device.RequireGPU() {
			t.Fatalf("%s=1 and the GPU does not open: %v", device.EnvRequireGPU, err)
		}
		t.Skipf("no GPU context: %v", err)
	}
	return d.(*gpu.Device)
}

// openFloat32 returns a factory on the GPU (as openGPU) and whether its
// compute shaders flush float32 subnormals.
func openFloat32(t testing.TB) (tensor.Factory, bool) {
	t.Helper()
	d := openGPU(t)
	return tensor.On(d), d.FlushesSubnormals(dtype.Float32)
}

func TestDevice(t *testing.T) { devicetest.Run(t, openGPU(t)) }

func TestCaps(t *testing.T) {
	d := openGPU(t)
	c := d.Caps()
	t.Logf("%s: %s, %s (GLSL %s), fp64 %v, int64 %v, subgroups %v, software %v",
		d.Name(), c.Renderer, c.Version, c.GLSL, c.FP64, c.Int64, c.Subgroups, c.Software)
	if c.MaxWorkGroupInvocations < 256 || c.MaxSSBOBindings < 8 || c.MaxSharedMemory < 16384 {
		t.Errorf("limits below GL 4.3's minimums: %+v", c)
	}
}

// TestNoLeaks: after a mixed workload whose arrays become unreachable, the
// count of live buffers returns to where it started.
func TestNoLeaks(t *testing.T) {
	d := openGPU(t)
	// GC cleanups run on their own goroutine some time after a
	// collection: collect and let the GL thread drain the queue until the
	// count stops moving.
	settle := func() int {
		last := -1
		for range 100 {
			runtime.GC()
			time.Sleep(5 * time.Millisecond)
			d.Sync() // runs the queued releases on the GL thread
			n := d.LiveBuffers()
			if n == last {
				return n
			}
			last = n
		}
		return last
	}
	start := settle()
	func() {
		f := tensor.On(d)
		a := f.Arange(tensor.Float32, 0, 1000, 1).Reshape(10, 100)
		for range 20 {
			b := tensor.Add(a, 1).Multiply(a.T().Copy().T())
			_ = b.Sum(0).Max()
			_ = a.Get([]int{1, 3}, tensor.Colon)
			c := a.Copy()
			c.Set(0, tensor.Greater(c, 500))
		}
		x := f.Zeros(tensor.Float64, 5)
		x.Buffer().(*gpu.Buffer).Release()
		x.Buffer().(*gpu.Buffer).Release() // idempotent
	}()
	if end := settle(); end != start {
		t.Errorf("live buffers: %d before, %d after", start, end)
	}
}

// TestConcurrentUse: many goroutines use GPU arrays at once (run under
// -race in CI); every result must be right.
func TestConcurrentUse(t *testing.T) {
	d := openGPU(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := tensor.On(d).Full(tensor.Int64, g, 1000)
			for range 10 {
				a = tensor.Add(a, 1)
			}
			if s := a.Sum().Item().(int64); s != int64(1000*(g+10)) {
				errs <- fmt.Errorf("goroutine %d: sum %d, want %d", g, s, 1000*(g+10))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestMixingDevicesIsAnError(t *testing.T) {
	d := openGPU(t)
	g := tensor.On(d).Ones(tensor.Float32, 3)
	c := tensor.On(device.MustGet("cpu-loop")).Ones(tensor.Float32, 3)
	err := catch(func() { tensor.Add(g, c) })
	var e *tensor.Error
	if err == nil || !errors.As(err, &e) || !strings.Contains(e.Msg, d.Name()) || !strings.Contains(e.Msg, "cpu-loop") {
		t.Fatalf("adding a %s and a cpu-loop array: %v, want an error naming both", d.Name(), err)
	}
	if got := tensor.Add(g, c.To(d)).Device(); got != d {
		t.Errorf("after To, the result is on %s", got.Name())
	}
	back := g.To(device.MustGet("cpu-loop"))
	if back.Device().Name() != "cpu-loop" || back.Float(2) != 1 {
		t.Errorf("To(cpu-loop): %v", back)
	}
}

func TestUnavailableGPU(t *testing.T) {
	openGPU(t)
	_, err := device.Get("gpu:7")
	if err == nil || !strings.Contains(err.Error(), "gpu:7") {
		t.Fatalf("gpu:7: %v, want an error naming it", err)
	}
}

func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err, _ = r.(error)
		}
	}()
	f()
	return nil
}

// child runs this test binary as a child with env and returns its output.
func child(t *testing.T, run string, env ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+run+"$", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", run, err, out)
	}
	return string(out)
}

// TestChildCompiles is run as a child process: it runs a fixed set of ops
// and prints the program cache's counters.
func TestChildCompiles(t *testing.T) {
	if os.Getenv("NUMGL_TEST_CHILD") == "" {
		t.Skip("run by TestSecondProcessCompilesNothing")
	}
	d := openGPU(t)
	a := tensor.On(d).Arange(tensor.Float32, 0, 100, 1)
	_ = tensor.Exp(tensor.Add(a, 1)).Item(5)
	fmt.Printf("compiles=%d disk=%d\n", d.CacheStats().Compiles, d.CacheStats().DiskHits)
}

// TestSecondProcessCompilesNothing: with the on-disk program cache, a
// second process running the same ops compiles no shader.
func TestSecondProcessCompilesNothing(t *testing.T) {
	openGPU(t)
	dir := t.TempDir()
	env := []string{"NUMGL_TEST_CHILD=1", gpu.EnvCacheDir + "=" + dir}
	first := child(t, "TestChildCompiles", env...)
	second := child(t, "TestChildCompiles", env...)
	var c1, d1, c2, d2 int
	if _, err := fmt.Sscanf(first[strings.Index(first, "compiles="):], "compiles=%d disk=%d", &c1, &d1); err != nil {
		t.Fatalf("first child: %v\n%s", err, first)
	}
	if _, err := fmt.Sscanf(second[strings.Index(second, "compiles="):], "compiles=%d disk=%d", &c2, &d2); err != nil {
		t.Fatalf("second child: %v\n%s", err, second)
	}
	t.Logf("first process: %d compiles; second: %d compiles, %d programs from disk", c1, c2, d2)
	if c1 == 0 || c2 != 0 || d2 != c1 {
		t.Errorf("first process compiled %d, second compiled %d and loaded %d from disk; want 0 compiles the second time", c1, c2, d2)
	}
}

// TestOldGLIsAClearError: a context below 4.3 (Mesa capped at 3.3) is
// refused with a message saying why, not a crash.
func TestOldGLIsAClearError(t *testing.T) {
	if os.Getenv("NUMGL_TEST_CHILD_OLDGL") != "" {
		_, err := device.Get("gpu")
		fmt.Printf("error: %v\n", err)
		return
	}
	d := openGPU(t)
	if !d.Caps().Software {
		t.Skip("MESA_GL_VERSION_OVERRIDE caps only Mesa drivers")
	}
	out := child(t, "TestOldGLIsAClearError", "NUMGL_TEST_CHILD_OLDGL=1", "MESA_GL_VERSION_OVERRIDE=3.3")
	if !strings.Contains(out, "no gpu:") || !strings.Contains(out, "4.3") {
		t.Errorf("with GL capped at 3.3: %s", out)
	}
	t.Logf("%s", strings.TrimSpace(out))
}
