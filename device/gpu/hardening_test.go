//go:build cgo && !nogpu

package gpu_test

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
	"github.com/numgl/numgl/tensor"
)

// raised runs f and returns the *tensor.Error it panics with: the panic
// value itself must be one (not a wrapped error); nil when f returns.
func raised(t *testing.T, f func()) (e *tensor.Error) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		var ok bool
		if e, ok = r.(*tensor.Error); !ok {
			t.Fatalf("panicked with %T (%v), want a *tensor.Error", r, r)
		}
	}()
	f()
	return nil
}

// TestHugeAllocationIsRefused (issue 16, item 2): an allocation beyond the
// device is a MemoryError in NumPy's words, raised before anything is
// allocated or dispatched (it used to get a 256-byte buffer and then
// dispatch 2^31 times).
func TestHugeAllocationIsRefused(t *testing.T) {
	d := openGPU(t)
	f := tensor.On(d)
	d.Sync()
	live, launches := d.LiveBytes(), d.Dispatches()
	const tooBig = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
	for _, c := range []struct {
		name string
		make func()
		msg  string
	}{
		// np.ones(2**62, np.float32): 2^64 bytes overflow.
		{"Ones(float32, 1<<62)", func() { f.Ones(tensor.Float32, 1<<62) }, tooBig},
		{"Linspace(float32, 1<<62)", func() { f.Linspace(tensor.Float32, 0, 1, 1<<62) }, tooBig},
		{"Zeros(int64, 1<<61)", func() { f.Zeros(tensor.Int64, 1<<61) }, tooBig},
		// np.ones(2**40, np.float32) and friends: MemoryError.
		{"Ones(float32, 1<<40)", func() { f.Ones(tensor.Float32, 1<<40) },
			"Unable to allocate 4.00 TiB for an array with shape (1099511627776,) and data type float32"},
		{"Linspace(float64, 1<<40)", func() { f.Linspace(tensor.Float64, 0, 1, 1<<40) },
			"Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type float64"},
		{"Full(int32, 1e12)", func() { f.Full(tensor.Int32, 1, 1000000000000) },
			"Unable to allocate 3.64 TiB for an array with shape (1000000000000,) and data type int32"},
		{"Ones(float32, 1<<60)", func() { f.Ones(tensor.Float32, 1<<60) },
			"Unable to allocate 4.00 EiB for an array with shape (1152921504606846976,) and data type float32"},
	} {
		e := raised(t, c.make)
		if e == nil || e.Kind != tensor.MemoryError || e.Msg != c.msg {
			t.Errorf("%s: %v, want MemoryError %q", c.name, e, c.msg)
		}
	}
	if got := d.Dispatches(); got != launches {
		t.Errorf("%d dispatches for refused allocations", got-launches)
	}
	if got := d.LiveBytes(); got != live {
		t.Errorf("live bytes %d before, %d after refused allocations", live, got)
	}
	// The device still works.
	if s := f.Ones(tensor.Float32, 1000).Sum().Float(); s != 1000 {
		t.Errorf("sum after refusals: %v", s)
	}
}

// TestLargestBufferIsTheLimit: a buffer just past the device's largest
// storage block is refused by the gate (a MemoryError naming its size),
// not by the driver later.
func TestLargestBufferIsTheLimit(t *testing.T) {
	d := openGPU(t)
	max := d.Caps().MaxSSBOSize
	if max <= 0 || int64(max)+4 > d.Budget() {
		t.Skipf("largest storage block %d, budget %d", max, d.Budget())
	}
	n := max/4 + 1
	live := d.LiveBytes()
	_, err := d.AllocRaw(tensor.Float32, n)
	var e *tensor.Error
	if !errors.As(err, &e) || e.Kind != tensor.MemoryError {
		t.Fatalf("AllocRaw of %d float32 (block limit %d bytes): %v, want a MemoryError", n, max, err)
	}
	if d.LiveBytes() != live {
		t.Errorf("live bytes moved: %d, %d", live, d.LiveBytes())
	}
}

// TestMatMulLongK (issue 16, item 5): a contracted axis past llvmpipe's
// 65535 loop iterations per invocation gives the exact sum (k past 2^20:
// TestGemmPast2To20) (ones: every partial sum is an integer below 2^24), for float32 and
// float64 and for both GEMM kernels ((1,k)@(k,1) is the general one,
// (4,k)@(k,4) the vector one).
func TestMatMulLongK(t *testing.T) {
	d := openGPU(t)
	f := tensor.On(d)
	for _, c := range []struct {
		dt   tensor.DType
		m, k int
	}{
		{tensor.Float32, 1, 29128},
		{tensor.Float32, 4, 70000},
		{tensor.Float64, 1, 70001},
		{tensor.Float64, 4, 65536},
		{tensor.Int32, 2, 40003},
	} {
		if !d.Supports(c.dt) {
			continue
		}
		start := time.Now()
		a := f.Ones(c.dt, c.m, c.k)
		b := f.Ones(c.dt, c.k, c.m)
		p := tensor.MatMul(a, b)
		for i := range c.m {
			for j := range c.m {
				if got := p.Float(i, j); got != float64(c.k) {
					t.Errorf("%v (%d,%d)@(%d,%d): [%d,%d] = %v, want %d", c.dt, c.m, c.k, c.k, c.m, i, j, got, c.k)
				}
			}
		}
		t.Logf("%v (%d,%d)@(%d,%d): %v", c.dt, c.m, c.k, c.k, c.m, time.Since(start))
	}
	// Not all ones: a transposed operand, a bias and an activation (the
	// epilogue runs once, after the last slice of k).
	k := 70000
	a := f.Linspace(tensor.Float32, -1, 1, 3*k).Reshape(3, k)
	b := f.Ones(tensor.Float32, 2, k).T()
	bias := f.Arange(tensor.Float32, 0, 2, 1)
	got := tensor.MatMulBias(a, b, bias, tensor.ReLU)
	want := tensor.MatMulBias(a.To(device.MustGet("cpu-loop")), b.To(device.MustGet("cpu-loop")), bias.To(device.MustGet("cpu-loop")), tensor.ReLU)
	for i := range 3 {
		for j := range 2 {
			g, w := got.Float(i, j), want.Float(i, j)
			if d := g - w; d > 1e-2*max(1, w) || d < -1e-2*max(1, w) {
				t.Errorf("MatMulBias with k=%d: [%d,%d] = %v, cpu-loop %v", k, i, j, g, w)
			}
		}
	}
}

// TestReleasedArrayIsRefused (issue 16, item 6): after Release, every use
// of the array and of its views (write, read, operand) panics with a
// ValueError, and a new array that took the released buffer from the pool
// is never touched.
func TestReleasedArrayIsRefused(t *testing.T) {
	d := openGPU(t)
	f := tensor.On(d)
	x := f.Zeros(tensor.Float32, 1000)
	view := x.Get(tensor.S(0, 10))
	x.Buffer().(*gpu.Buffer).Release()
	y := f.Full(tensor.Float32, 7, 1000) // may reuse x's GL buffer
	for name, use := range map[string]func(){
		"Set":            func() { x.Set(1, 3) },
		"Set of a view":  func() { view.Set(1, 0) },
		"Float":          func() { x.Float(0) },
		"Add":            func() { tensor.Add(x, 1).Float(0) },
		"Add of a view":  func() { tensor.Add(view, y.Get(tensor.S(0, 10))).Float(0) },
		"operand of Add": func() { tensor.Add(y, x).Float(0) },
		"Sum":            func() { x.Sum().Float() },
		"Copy":           func() { x.Copy().Float(0) },
		"MatMul":         func() { tensor.MatMul(x.Reshape(10, 100), y.Reshape(100, 10)).Float(0, 0) },
		"assign into":    func() { y.Get(tensor.S(0, 10)).Set(view) },
	} {
		e := raised(t, use)
		if e == nil || e.Kind != tensor.ValueError || e.Msg != gpu.ErrReleased {
			t.Errorf("%s on a released array: %v, want ValueError %q", name, e, gpu.ErrReleased)
		}
	}
	if s := y.Sum().Float(); s != 7000 {
		t.Errorf("the new array changed through the released one: sum %v, want 7000", s)
	}
}

// TestReleaseReuseRace: releasing an array while other goroutines
// allocate, write and read arrays of the same size never corrupts them
// (run under -race in CI).
func TestReleaseReuseRace(t *testing.T) {
	d := openGPU(t)
	f := tensor.On(d)
	done := make(chan error)
	for g := range 4 {
		go func() {
			var err error
			defer func() { done <- err }()
			for i := range 20 {
				v := float32(g*100 + i)
				a := f.Full(tensor.Float32, v, 256)
				victim := f.Zeros(tensor.Float32, 256)
				victim.Buffer().(*gpu.Buffer).Release()
				if e := raised(t, func() { victim.Set(-1, 0) }); e == nil {
					err = fmt.Errorf("goroutine %d: Set on a released array did not panic", g)
					return
				}
				if s := a.Sum().Float(); s != float64(256*v) {
					err = fmt.Errorf("goroutine %d: sum %v, want %v", g, s, 256*v)
					return
				}
			}
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestBudgetCollectsDroppedArrays (issue 16, item 7): with a budget 64
// MiB above what is live, dropping 200 arrays of 4 MiB without
// runtime.GC never holds more than the budget and raises nothing: the
// allocation that would pass it collects the dropped ones first. An
// array that cannot fit even then is a MemoryError.
func TestBudgetCollectsDroppedArrays(t *testing.T) {
	d := openGPU(t)
	f := tensor.On(d)
	// An allocation over a budget of what is held now collects what
	// earlier tests dropped and empties the pool first.
	prev := d.SetBudget(d.LiveBytes() + d.PooledBytes())
	defer d.SetBudget(prev)
	raised(t, func() { f.Zeros(tensor.Float32, 1) })
	budget := d.LiveBytes() + d.PooledBytes() + 64<<20
	d.SetBudget(budget)
	peak := int64(0)
	for i := range 200 {
		a := f.Full(tensor.Float32, float32(i), 1<<20) // 4 MiB, dropped next round
		if a.Float(1<<20-1) != float64(i) {
			t.Fatalf("array %d: wrong contents", i)
		}
		peak = max(peak, d.LiveBytes()+d.PooledBytes())
	}
	if peak > budget {
		t.Errorf("held %d bytes, budget %d", peak, budget)
	}
	t.Logf("peak %d MiB of a %d MiB budget", peak>>20, budget>>20)
	keep := f.Zeros(tensor.Float32, 8<<20) // 32 MiB, kept
	e := raised(t, func() { f.Zeros(tensor.Float32, 10<<20) })
	const want = "Unable to allocate 40.0 MiB for an array with shape (10485760,) and data type float32"
	if e == nil || e.Kind != tensor.MemoryError || e.Msg != want {
		t.Errorf("past the budget: %v, want MemoryError %q", e, want)
	}
	runtime.KeepAlive(keep)
}

// TestBudgetDefault: the device knows its memory and budgets a part of it.
func TestBudgetDefault(t *testing.T) {
	d := openGPU(t)
	mem, from := d.Memory()
	t.Logf("%s: memory %d MiB (%s), budget %d MiB", d.Name(), mem>>20, from, d.Budget()>>20)
	if mem <= 0 || d.Budget() <= 0 || d.Budget() > mem {
		t.Errorf("memory %d, budget %d", mem, d.Budget())
	}
}

// TestBudgetEnv: NUMGL_GPU_BUDGET sets the budget, in bytes, and a bad
// value is an error when the device opens.
func TestBudgetEnv(t *testing.T) {
	openGPU(t)
	out := child(t, "TestChildBudget", gpu.EnvBudget+"=123456789")
	if want := "budget=123456789"; !containsLine(out, want) {
		t.Errorf("child with %s=123456789:\n%s", gpu.EnvBudget, out)
	}
	out = child(t, "TestChildBudget", gpu.EnvBudget+"=lots")
	if !strings.Contains(out, "open error: ") || !strings.Contains(out, `NUMGL_GPU_BUDGET="lots": want a positive number of bytes`) {
		t.Errorf("child with %s=lots:\n%s", gpu.EnvBudget, out)
	}
}

// TestChildBudget is run by TestBudgetEnv.
func TestChildBudget(t *testing.T) {
	if !testing.Verbose() || !containsEnv(gpu.EnvBudget) {
		t.Skip("run by TestBudgetEnv")
	}
	d, err := device.Get("gpu")
	if err != nil {
		fmt.Printf("open error: %v\n", err)
		return
	}
	fmt.Printf("budget=%d\n", d.(*gpu.Device).Budget())
}

// containsLine reports whether out has a line equal to want.
func containsLine(out, want string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// containsEnv reports whether the environment sets name.
func containsEnv(name string) bool {
	_, ok := os.LookupEnv(name)
	return ok
}
