package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The table ends with one line counting the rows, the checks against
// cpu-loop that passed and the failures.
func TestSummaryLine(t *testing.T) {
	args := append(append([]string{}, tiny...), "-workloads", "add,sum", "-dtypes", "float32", "-devices", "cpu-loop,cpu-simd")
	code, out, errOut := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	re := regexp.MustCompile(`^gpubench: 4 rows, 2 of 2 checks against cpu-loop passed, 0 failures \(\d+s\)$`)
	if !re.MatchString(last) {
		t.Errorf("last line %q, want it to match %s", last, re)
	}
}

func TestTallyCountsFailures(t *testing.T) {
	rows := []*result{
		{Device: "cpu-loop", Status: statusOK},
		{Device: "cpu-simd", Status: statusOK},
		{Device: "gpu:0", Status: statusFail},
		{Device: "gpu:0", Status: statusError},
		{Device: "gpu:0", Status: statusSkipped},
	}
	got := count(rows, "cpu-loop")
	want := tally{rows: 5, checked: 2, passed: 1, failed: 2, other: 1}
	if got != want {
		t.Errorf("count = %+v, want %+v", got, want)
	}
	line := got.line(3 * time.Second)
	if line != "gpubench: 5 rows, 1 of 2 checks against cpu-loop passed, 2 failures, 1 rows not run (3s): FAILED" {
		t.Errorf("line %q", line)
	}
}

// The header says what the runner does: with -repeat 2 a row has at most
// two timed runs, never "at least 3".
func TestTimingSentence(t *testing.T) {
	for _, tc := range []struct {
		repeat int
		want   string
	}{
		{1, "one timed run after"},
		{2, "up to 2 timed runs (fewer once they pass 500ms, but 2 while"},
		{5, "up to 5 timed runs (fewer once they pass 500ms, but 3 while"},
	} {
		s := timingSentence(&config{repeat: tc.repeat, warmup: 1, budget: 500 * time.Millisecond})
		if !strings.Contains(s, tc.want) {
			t.Errorf("-repeat %d: %q lacks %q", tc.repeat, s, tc.want)
		}
	}
}

// TestChildDevices runs "gpubench devices" in a child with the
// environment TestDevicesBadEnv gives it (device.Choose chooses once per
// process).
func TestChildDevices(t *testing.T) {
	if os.Getenv("GPUBENCH_TEST_CHILD_DEVICES") == "" {
		t.Skip("run by TestDevicesBadEnv")
	}
	code, out, _ := runCmd(t, "devices")
	os.Stdout.WriteString(out)
	os.Exit(code)
}

// A $NUMGL_DEVICE naming no device: "gpubench devices" says so, naming
// the value, and exits 1.
func TestDevicesBadEnv(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildDevices$")
	cmd.Env = append(os.Environ(), "GPUBENCH_TEST_CHILD_DEVICES=1", "NUMGL_DEVICE=cuda")
	out, err := cmd.Output()
	if e, ok := err.(*exec.ExitError); !ok || e.ExitCode() != 1 {
		t.Errorf("exit %v, want status 1", err)
	}
	if !strings.Contains(string(out), `default: error: numgl: NUMGL_DEVICE="cuda"`) {
		t.Errorf("output does not name the bad value:\n%s", out)
	}
}
