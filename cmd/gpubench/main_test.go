package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// gpuDevices returns "gpu" when a GPU device opens here (llvmpipe counts),
// and fails the test when $NUMGL_REQUIRE_GPU=1 and none does.
func gpuDevices(t *testing.T) []string {
	t.Helper()
	if _, err := device.Get("gpu"); err != nil {
		if device.RequireGPU() {
			t.Fatalf("%s=1 and no GPU: %v", device.EnvRequireGPU, err)
		}
		t.Logf("no GPU: %v", err)
		return nil
	}
	return []string{"gpu"}
}

// allDevices is every device of the build that opens, as a -devices value.
func allDevices(t *testing.T) string {
	devs := []string{"cpu-loop"}
	if slices.Contains(device.Backends(), "cpu-simd") {
		devs = append(devs, "cpu-simd")
	}
	return strings.Join(append(devs, gpuDevices(t)...), ",")
}

// runCmd runs gpubench with args and returns its exit status and output.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// tiny is a fast selection: every kind of workload at a few hundred elements.
var tiny = []string{"-quick", "-repeat", "2", "-sizes", "256", "-no-progress"}

func TestJSONCarriesEveryField(t *testing.T) {
	devs := allDevices(t)
	args := append(slices.Clone(tiny), "-json", "-devices", devs,
		"-workloads", "add,exp,sum,argmax,mask_select,broadcast_add_col,sum_axis1,transpose_copy,matmul,solve")
	code, out, errOut := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	seen := map[string]bool{}
	lines := 0
	for sc.Scan() {
		lines++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", lines, err, sc.Text())
		}
		for _, k := range []string{"workload", "dtype", "size", "device", "status", "runs", "seconds", "max_abs_err", "speedup"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", lines, k, sc.Text())
			}
		}
		w, _ := m["workload"].(string)
		if findWorkload(w) == nil {
			t.Errorf("line %d: workload %q is not one of numpy_ref.py's", lines, w)
		}
		if m["status"] == statusUnavailable {
			if !strings.Contains(m["note"].(string), "not available in this build") {
				t.Errorf("line %d: unavailable without saying why: %s", lines, sc.Text())
			}
			seen["unavailable"] = true
			continue
		}
		if m["status"] != statusOK {
			t.Errorf("line %d: status %v: %s", lines, m["status"], sc.Text())
			continue
		}
		dev := m["device"].(string)
		seen[dev] = true
		if s, ok := m["seconds"].(float64); !ok || s <= 0 {
			t.Errorf("line %d: seconds %v", lines, m["seconds"])
		}
		if e, ok := m["max_abs_err"].(float64); !ok || e < 0 {
			t.Errorf("line %d: max_abs_err %v", lines, m["max_abs_err"])
		}
		if _, ok := m["speedup"].(float64); !ok {
			t.Errorf("line %d: speedup %v", lines, m["speedup"])
		}
		_, gf := m["gflops"].(float64)
		_, gb := m["gbps"].(float64)
		if !gf && !gb {
			t.Errorf("line %d has neither gflops nor gbps: %s", lines, sc.Text())
		}
		if strings.HasPrefix(dev, "gpu") {
			k, ok := m["kernel_seconds"].(float64)
			if !ok || k < 0 {
				t.Errorf("line %d: a GPU row without kernel_seconds: %s", lines, sc.Text())
			}
			// The timestamps are taken inside the wall-clock window.
			if s := m["seconds"].(float64); k > s*1.01 {
				t.Errorf("line %d: kernel_seconds %g > seconds %g", lines, k, s)
			}
		} else if _, ok := m["kernel_seconds"]; ok {
			t.Errorf("line %d: kernel_seconds on a CPU row: %s", lines, sc.Text())
		}
	}
	for _, d := range strings.Split(devs, ",") {
		if d == "gpu" {
			d = "gpu:0"
		}
		if !seen[d] {
			t.Errorf("no rows for %s", d)
		}
	}
	if strings.Contains(out, "# ") {
		t.Errorf("the machine header went to stdout in -json mode")
	}
	if !strings.Contains(errOut, "cpu:") || !strings.Contains(errOut, "go:") {
		t.Errorf("no machine header on stderr:\n%s", errOut)
	}
}

func TestCSV(t *testing.T) {
	code, out, errOut := runCmd(t, append(slices.Clone(tiny), "-csv", "-devices", "cpu-loop", "-workloads", "add,sum")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+4 || lines[0] != strings.Join(csvColumns, ",") {
		t.Fatalf("want a header and 4 rows, got:\n%s", out)
	}
	for _, l := range lines[1:] {
		if n := len(strings.Split(l, ",")); n != len(csvColumns) {
			t.Errorf("%d fields in %q", n, l)
		}
	}
}

func TestPlotWritesPNG(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bench.png")
	code, out, errOut := runCmd(t, append(slices.Clone(tiny), "-plot", file, "-devices", allDevices(t),
		"-workloads", "add,sum,transpose_copy,matmul")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s does not start with the PNG signature: % x", file, b[:min(8, len(b))])
	}
	if len(b) < 5000 {
		t.Errorf("%s is only %d bytes", file, len(b))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width < 500 || cfg.Height < 200 {
		t.Errorf("chart is %d×%d", cfg.Width, cfg.Height)
	}
}

func TestFlagErrorsExit2(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-workloads", "add,frobnicate"}, `unknown workload "frobnicate"`},
		{[]string{"-devices", "cpu-loop,tpu"}, `unknown device "tpu"`},
		{[]string{"-devices", "gpu:x"}, `bad device number`},
		{[]string{"-dtypes", "int8"}, `unknown dtype "int8"`},
		{[]string{"-sizes", "10,-3"}, `"-3" is not a positive integer`},
		{[]string{"-repeat", "0"}, `-repeat 0`},
		{[]string{"-json", "-csv"}, `choose one`},
		{[]string{"-plot", "chart.svg"}, `PNG`},
		{[]string{"-nosuchflag"}, `flag provided but not defined`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"devices", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errOut := runCmd(t, tc.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: stderr %q does not say %q", tc.args, errOut, tc.want)
		}
		if out != "" {
			t.Errorf("%v: wrote to stdout: %q", tc.args, out)
		}
	}
}

func TestQuickOnCPULoop(t *testing.T) {
	code, out, errOut := runCmd(t, "-quick", "-devices", "cpu-loop", "-sizes", "64", "-repeat", "1", "-warmup", "0", "-no-progress")
	if code != 0 || strings.Contains(out, "FAIL") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, w := range workloads {
		if !strings.Contains(out, w.name+" ") {
			t.Errorf("the table has no row for %s", w.name)
		}
	}
	for _, h := range []string{"cpu:", "simd:", "go:", "workload", "median", "throughput", "max err"} {
		if !strings.Contains(out, h) {
			t.Errorf("the table lacks %q", h)
		}
	}
}

// TestDisagreementFails injects a workload whose result is wrong on every
// device but cpu-loop: its rows are FAIL and the exit status is 1.
func TestDisagreementFails(t *testing.T) {
	other := "cpu-simd"
	if !slices.Contains(device.Backends(), other) {
		if g := gpuDevices(t); g == nil {
			t.Skip("no second device")
		}
		other = "gpu"
	}
	loop := device.MustGet("cpu-loop")
	bad := &workload{name: "bad_add", fam: famVec, dtypes: []dtype.DType{dtype.Float32}, sizes: []int{64}, quick: []int{64},
		bytes: bytesN(3),
		build: func(in *inputs) op {
			a, b, out := in.get("a"), in.get("b"), in.like("a")
			off := 0.0
			if in.dev != loop {
				off = 1e-3
			}
			return func() *tensor.Array { return tensor.AddInto(out, tensor.Add(a, off), b) }
		}}
	saved := workloads
	t.Cleanup(func() { workloads = saved })
	workloads = numbered(append(slices.Clone(saved), bad))

	code, out, errOut := runCmd(t, "-workloads", "bad_add,add", "-devices", "cpu-loop,"+other, "-repeat", "1", "-sizes", "64", "-no-progress")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "FAIL") || !strings.Contains(errOut, "bad_add float32 64") {
		t.Errorf("no FAIL reported:\n%s\n%s", out, errOut)
	}
	if strings.Contains(errOut, "add float32 64 on") && !strings.Contains(errOut, "bad_add float32 64 on") {
		t.Errorf("add reported as failing:\n%s", errOut)
	}
}

func TestTolerance(t *testing.T) {
	j := job{w: findWorkload("sum"), dt: dtype.Float32, size: 10}
	if c := compare([]float32{1, 2.00001}, []float32{1, 2}, j, 10); !c.within || !c.sameShape || c.maxErr == 0 {
		t.Errorf("a few ulp apart: %+v", c)
	}
	if c := compare([]float32{1, 2.01}, []float32{1, 2}, j, 10); c.within {
		t.Errorf("0.5%% apart passed: %+v", c)
	}
	if c := compare([]float32{1}, []float32{1, 2}, j, 10); c.sameShape {
		t.Errorf("lengths differ: %+v", c)
	}
	if c := compare([]float64{1}, []float32{1}, j, 10); c.sameShape || c.problem == "" {
		t.Errorf("dtypes differ: %+v", c)
	}
	idx := job{w: findWorkload("argmax"), dt: dtype.Float32, size: 10}
	if c := compare([]int64{3}, []int64{4}, idx, 10); c.within {
		t.Errorf("argmax 3 vs 4 passed: %+v", c)
	}
}

func TestJobsFollowNumPyRef(t *testing.T) {
	cfg, err := parseFlags(nil, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range cfg.jobs() {
		got = append(got, j.w.name+"/"+j.dt.String()+"/"+strconv.Itoa(j.size))
	}
	// numpy_ref.py's order and sizes.
	want := []string{"add/float32/10000000", "mul/float32/10000000"}
	if !slices.Equal(got[:2], want) {
		t.Errorf("first jobs %v, want %v", got[:2], want)
	}
	for _, s := range []string{"mask_select/float64/10000000", "broadcast_add_row/float32/16777216",
		"transpose_copy/float32/16777216", "matmul/float64/2048", "solve/float64/1000", "inv/float64/500", "mlp_forward/float32/1024"} {
		if !slices.Contains(got, s) {
			t.Errorf("no job %s", s)
		}
	}
	if i, k := slices.Index(got, "solve/float64/500"), slices.Index(got, "inv/float64/500"); i < 0 || k != i+1 {
		t.Errorf("solve and inv at n=500 are not together: %v", got)
	}
}

func TestDevicesCommand(t *testing.T) {
	code, out, _ := runCmd(t, "devices")
	if code != 0 || !strings.Contains(out, "cpu-loop") || !strings.Contains(out, "default:") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if gpuDevices(t) != nil && !strings.Contains(out, "renderer") {
		t.Errorf("no GPU capabilities listed:\n%s", out)
	}
}

func TestNumPySideBySide(t *testing.T) {
	if _, err := findPython(""); err != nil {
		t.Skip(err)
	}
	code, out, errOut := runCmd(t, append(slices.Clone(tiny), "-numpy", "-devices", "cpu-loop", "-workloads", "add,mask_select,matmul")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "numpy ") || !strings.Contains(out, "×numpy") {
		t.Errorf("no NumPy rows:\n%s", out)
	}
	var numpyRows, devRows int
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[0] == "matmul" {
			if f[3] == "numpy" {
				numpyRows++
			} else if f[3] == "cpu-loop" && strings.Contains(l, "×") {
				devRows++
			}
		}
	}
	if numpyRows != 2 || devRows != 2 {
		t.Errorf("want matmul float32 and float64 on cpu-loop and NumPy, got %d and %d rows:\n%s", devRows, numpyRows, out)
	}
}

// TestLoopSizeBound halves matmul's bound on cpu-loop's size: cpu-loop is
// timed at half the size, the other devices are timed at the full size
// and checked at cpu-loop's, and speed-ups come from throughputs. It runs
// mlp_forward (matrix products and a softmax) on every device too.
func TestLoopSizeBound(t *testing.T) {
	devs := allDevices(t)
	mm := findWorkload("matmul")
	savedLoop := mm.loopSize
	t.Cleanup(func() { mm.loopSize = savedLoop })
	mm.loopSize = func(n int) int { return n / 2 }

	code, out, errOut := runCmd(t, "-json", "-workloads", "matmul,mlp_forward", "-sizes", "16", "-devices", devs, "-repeat", "1", "-no-progress")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	rows := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		rows++
		if m["status"] != statusOK {
			t.Errorf("not ok: %s", l)
		}
		if _, ok := m["gflops"].(float64); !ok {
			t.Errorf("no gflops: %s", l)
		}
		if m["workload"] == "matmul" {
			note, _ := m["note"].(string)
			if m["device"] == "cpu-loop" && (m["timed_size"] != 8.0 || !strings.Contains(note, "timed at size 8")) {
				t.Errorf("cpu-loop not timed at the smaller size: %s", l)
			}
			if m["device"] != "cpu-loop" && !strings.Contains(note, "checked at size 8") {
				t.Errorf("not checked at cpu-loop's size: %s", l)
			}
			if _, ok := m["speedup"].(float64); !ok {
				t.Errorf("no speed-up from throughputs: %s", l)
			}
		}
	}
	if want := 3 * len(strings.Split(devs, ",")); rows != want { // matmul float32 and float64, mlp_forward float32
		t.Errorf("%d rows, want %d:\n%s", rows, want, out)
	}
}

// TestMaxRunSkips runs matmul at two sizes with a -max-run nothing fits:
// at the larger size cpu-loop is timed at the smaller one, and the other
// devices are skipped, saying why, without failing.
func TestMaxRunSkips(t *testing.T) {
	devs := allDevices(t)
	code, out, errOut := runCmd(t, "-json", "-workloads", "matmul", "-dtypes", "float32", "-sizes", "8,16",
		"-max-run", "1ns", "-devices", devs, "-repeat", "1", "-no-progress")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		note, _ := m["note"].(string)
		switch {
		case m["size"] == 8.0:
			if m["status"] != statusOK {
				t.Errorf("size 8 (no pace known yet) did not run: %s", l)
			}
		case m["device"] == "cpu-loop":
			if m["status"] != statusOK || m["timed_size"] != 8.0 || !strings.Contains(note, "timed at size 8") {
				t.Errorf("cpu-loop not timed at size 8: %s", l)
			}
		default:
			if m["status"] != statusSkipped || !strings.Contains(note, "-max-run") {
				t.Errorf("not skipped: %s", l)
			}
		}
	}
}

// TestUnavailableWorkloads empties the matrix-product and network hooks,
// as in a build without them: matmul and mlp_forward are listed, not run,
// and do not fail the run.
func TestUnavailableWorkloads(t *testing.T) {
	savedMatMul, savedMLP := matMulInto, mlp
	t.Cleanup(func() { matMulInto, mlp = savedMatMul, savedMLP })
	matMulInto, mlp = nil, nil
	code, out, errOut := runCmd(t, append(slices.Clone(tiny), "-devices", "cpu-loop", "-workloads", "add,matmul,mlp_forward")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, w := range []string{"matmul", "mlp_forward"} {
		if n := strings.Count(out, "\n"+w+" "); n != 1 || !strings.Contains(out, "not available in this build") {
			t.Errorf("%s: %d lines, want one saying it is not available:\n%s", w, n, out)
		}
	}
	code, out, _ = runCmd(t, append(slices.Clone(tiny), "-json", "-devices", "cpu-loop", "-workloads", "matmul")...)
	if code != 0 || strings.Count(out, `"status":"unavailable"`) != 2 {
		t.Errorf("exit %d; want two unavailable JSON rows (float32, float64):\n%s", code, out)
	}
}
