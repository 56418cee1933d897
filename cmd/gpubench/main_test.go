package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
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
		// A GPU row that dispatched no kernel (work run on the CPU) has
		// no kernel time: its timestamps would time only transfers.
		if n, _ := m["dispatches"].(float64); strings.HasPrefix(dev, "gpu") && n > 0 {
			k, ok := m["kernel_seconds"].(float64)
			if !ok || k < 0 {
				t.Errorf("line %d: a GPU row without kernel_seconds: %s", lines, sc.Text())
			}
			// The timestamps are taken inside the wall-clock window.
			if s := m["seconds"].(float64); k > s*1.01 {
				t.Errorf("line %d: kernel_seconds %g > seconds %g", lines, k, s)
			}
		} else if _, ok := m["kernel_seconds"]; ok {
			t.Errorf("line %d: kernel_seconds on a row that ran no GPU kernel: %s", lines, sc.Text())
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
	// numpy_ref.py's order: the vectors, overhead_add, the matrices, ...,
	// linear algebra, the expressions (float32, then float64), softmax,
	// standardize, the network.
	order := []string{"mask_select/float64/10000000", "overhead_add/float32/1000", "broadcast_add_row/float32/16777216",
		"inv/float64/1000", "expr_poly_sum/float32/10000000", "expr_gauss/float32/10000000", "expr_where/float32/10000000",
		"expr_dist/float32/10000000", "expr_poly_sum/float64/10000000", "expr_dist/float64/10000000",
		"expr_softmax/float32/4194304", "expr_standardize/float32/16777216", "mlp_forward/float32/1024"}
	for i := 1; i < len(order); i++ {
		if a, b := slices.Index(got, order[i-1]), slices.Index(got, order[i]); a < 0 || b < 0 || a > b {
			t.Errorf("%s (at %d) not before %s (at %d)", order[i-1], a, order[i], b)
		}
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
	fewCalls(t, 20)
	code, out, errOut := runCmd(t, append(slices.Clone(tiny), "-numpy", "-devices", "cpu-loop", "-workloads", "add,mask_select,matmul,overhead_add,expr_gauss")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "numpy ") || !strings.Contains(out, "×numpy") {
		t.Errorf("no NumPy rows:\n%s", out)
	}
	py, _ := findPython("")
	_, noNumexpr := execOutput(py, "-c", "import numexpr")
	for _, w := range []string{"overhead_add", "expr_gauss"} {
		if !strings.Contains(out, "\n"+w+" ") || !regexp.MustCompile(`\n`+w+` .* numpy `).MatchString(out) {
			t.Errorf("no NumPy row for %s:\n%s", w, out)
		}
	}
	if hasNE := regexp.MustCompile(`\nexpr_gauss .* numexpr `).MatchString(out); hasNE != (noNumexpr == nil) {
		t.Errorf("numexpr row: %v, numexpr imports: %v:\n%s", hasNE, noNumexpr == nil, out)
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

// exprWorkloads are the compound expressions and the per-call overhead.
const exprWorkloads = "overhead_add,expr_poly_sum,expr_gauss,expr_where,expr_dist,expr_softmax,expr_standardize"

// fewCalls makes overhead_add's runs short for a test.
func fewCalls(t *testing.T, n int) {
	w := findWorkload("overhead_add")
	saved := w.calls
	t.Cleanup(func() { w.calls = saved })
	w.calls = n
}

// TestExpressions runs the expressions on every device at a small size:
// each row is checked against cpu-loop, carries its throughput, and on a
// GPU the kernel launches of its timed run — at least one, which also
// shows that the run computed its lazy result inside the clock. overhead_add
// is reported per call.
func TestExpressions(t *testing.T) {
	fewCalls(t, 50)
	devs := allDevices(t)
	code, out, errOut := runCmd(t, "-json", "-workloads", exprWorkloads, "-sizes", "4096", "-devices", devs,
		"-repeat", "2", "-gpu-spinup", "0", "-no-progress")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	rows := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		w, dev := m["workload"].(string), m["device"].(string)
		rows[w]++
		if m["status"] != statusOK {
			t.Errorf("not ok: %s", l)
			continue
		}
		if g, ok := m["gbps"].(float64); !ok || g <= 0 {
			t.Errorf("no gbps: %s", l)
		}
		if e, ok := m["max_abs_err"].(float64); !ok || e < 0 {
			t.Errorf("not checked: %s", l)
		}
		if _, ok := m["timed_size"]; ok {
			t.Errorf("timed at another size: %s", l)
		}
		switch w {
		case "expr_softmax", "expr_standardize":
			if m["size"] != 4096.0 { // 64×64
				t.Errorf("size %v, want 4096: %s", m["size"], l)
			}
		case "overhead_add":
			if note, _ := m["note"].(string); !strings.Contains(note, "per call, 50 calls a run") {
				t.Errorf("overhead_add not said to be per call: %s", l)
			}
		}
		d, has := m["dispatches"].(float64)
		switch {
		case strings.HasPrefix(dev, "gpu") && (!has || d < 1):
			t.Errorf("a GPU row without its dispatches: %s", l)
		case !strings.HasPrefix(dev, "gpu") && has:
			t.Errorf("dispatches on a CPU row: %s", l)
		}
	}
	ndev := len(strings.Split(devs, ","))
	for _, w := range strings.Split(exprWorkloads, ",") {
		want := 2 * ndev // float32 and float64
		if w == "overhead_add" || w == "expr_softmax" || w == "expr_standardize" {
			want = ndev
		}
		if rows[w] != want {
			t.Errorf("%s: %d rows, want %d", w, rows[w], want)
		}
	}
}

// TestGPURowsCarryDispatches checks the dispatches of GPU rows in every
// format: a field of -json and -csv, words in the table.
func TestGPURowsCarryDispatches(t *testing.T) {
	if gpuDevices(t) == nil {
		t.Skip("no GPU")
	}
	fewCalls(t, 20)
	args := append(slices.Clone(tiny), "-devices", "cpu-loop,gpu", "-dtypes", "float32", "-gpu-spinup", "0",
		"-workloads", "add,sum,overhead_add,expr_dist")
	code, out, errOut := runCmd(t, append(slices.Clone(args), "-json")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	gpuRows := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		d, has := m["dispatches"].(float64)
		if m["device"] == "cpu-loop" {
			if has {
				t.Errorf("dispatches on cpu-loop: %s", l)
			}
			continue
		}
		gpuRows++
		if !has || d < 1 || d != float64(int64(d)) {
			t.Errorf("want a whole number of dispatches, at least 1: %s", l)
		}
		if m["workload"] == "add" && d != 1 {
			t.Errorf("add into an output is one kernel, got %v: %s", d, l)
		}
	}
	if gpuRows != 4 {
		t.Errorf("%d GPU rows, want 4:\n%s", gpuRows, out)
	}

	code, out, errOut = runCmd(t, args...)
	if code != 0 || !strings.Contains(out, "1 dispatch") {
		t.Errorf("exit %d; the table does not show dispatches:\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCmd(t, append(slices.Clone(args), "-csv")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := slices.Index(csvColumns, "dispatches")
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if strings.HasPrefix(f[3], "gpu") && f[col] == "" {
			t.Errorf("no dispatches in CSV row %q", l)
		}
	}
}

// fakeNumPy writes a stand-in for Python and its NumPy script: it answers
// findPython's and numpyVersion's -c, and prints lines for the NumPy
// script, one of them with numexpr's time.
func fakeNumPy(t *testing.T, lines ...string) (python, script string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake interpreter is a shell script")
	}
	dir := t.TempDir()
	python = filepath.Join(dir, "python")
	sh := "#!/bin/sh\nif [ \"$1\" = -c ]; then echo 'NumPy fake'; exit 0; fi\ncat <<'EOF'\n" +
		strings.Join(lines, "\n") + "\nEOF\n"
	if err := os.WriteFile(python, []byte(sh), 0o755); err != nil {
		t.Fatal(err)
	}
	script = filepath.Join(dir, "bench.py")
	if err := os.WriteFile(script, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return python, script
}

// TestNumexprFigures feeds gpubench NumPy figures with numexpr_seconds:
// the expression's rows carry numexpr's time and the speed-up over it in
// JSON, CSV and the table, and numexpr gets a row of its own; a workload
// without it has neither.
func TestNumexprFigures(t *testing.T) {
	python, script := fakeNumPy(t,
		`{"workload": "add", "dtype": "float32", "size": 256, "seconds": 0.001, "gbps": 0.003}`,
		`{"workload": "expr_dist", "dtype": "float32", "size": 256, "seconds": 0.002, "gbps": 0.002, "numexpr_seconds": 0.0005}`)
	args := append(slices.Clone(tiny), "-numpy", "-python", python, "-numpy-script", script,
		"-devices", "cpu-loop", "-dtypes", "float32", "-workloads", "add,expr_dist")

	code, out, errOut := runCmd(t, append(slices.Clone(args), "-json")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	got := map[string]map[string]any{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		got[m["workload"].(string)+"/"+m["device"].(string)] = m
	}
	loop := got["expr_dist/cpu-loop"]
	if loop == nil || loop["numexpr_seconds"] != 0.0005 || loop["numpy_seconds"] != 0.002 {
		t.Fatalf("cpu-loop's expr_dist row lacks NumPy's and numexpr's times: %v", loop)
	}
	if s, up := loop["seconds"].(float64), loop["speedup_vs_numexpr"].(float64); math.Abs(up-0.0005/s) > 1e-9*up {
		t.Errorf("speedup_vs_numexpr %v, want %v", up, 0.0005/s)
	}
	ne := got["expr_dist/numexpr"]
	if ne == nil || ne["seconds"] != 0.0005 || ne["speedup_vs_numpy"] != 4.0 || ne["gbps"] != 0.008 {
		t.Errorf("numexpr's row: %v", ne)
	}
	if np := got["expr_dist/numpy"]; np == nil || np["speedup_vs_numexpr"] != 0.25 {
		t.Errorf("NumPy's row: %v", np)
	}
	for _, k := range []string{"add/cpu-loop", "add/numpy"} {
		if _, ok := got[k]["numexpr_seconds"]; ok || got[k] == nil {
			t.Errorf("%s: %v", k, got[k])
		}
	}
	if _, ok := got["add/numexpr"]; ok {
		t.Errorf("a numexpr row for add")
	}

	code, out, errOut = runCmd(t, args...)
	if code != 0 || !strings.Contains(out, "×numexpr") || !strings.Contains(out, " numexpr ") {
		t.Errorf("exit %d; the table has no numexpr column or row:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut+out, "NumPy fake") {
		t.Errorf("the header does not name the interpreter's NumPy:\n%s", out)
	}
	code, out, errOut = runCmd(t, append(slices.Clone(args), "-csv")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	col := slices.Index(csvColumns, "numexpr_seconds")
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if f := strings.Split(l, ","); f[0] == "expr_dist" && f[col] == "0.0005" {
			n++
		}
	}
	if n != 3 { // cpu-loop, numpy, numexpr
		t.Errorf("%d expr_dist CSV rows with numexpr_seconds, want 3:\n%s", n, out)
	}
}

func TestSoftmaxShape(t *testing.T) {
	for _, tc := range []struct{ size, rows, cols int }{
		{4096 * 1024, 4096, 1024}, {1024 * 1024, 1024, 1024}, {4096, 64, 64}, {1000, 32, 31}, {1, 1, 1},
	} {
		if r, c := softmaxShape(tc.size); r != tc.rows || c != tc.cols {
			t.Errorf("softmaxShape(%d) = %d×%d, want %d×%d", tc.size, r, c, tc.rows, tc.cols)
		}
	}
	if s := findWorkload("expr_softmax").canonicalSize(1000); s != 992 {
		t.Errorf("expr_softmax at size 1000 runs at %d, want 992 (32×31)", s)
	}
}
