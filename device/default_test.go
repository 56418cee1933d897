package device_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// defaultIn runs Default in a child process (the test binary itself, see
// TestMain) with env added, since Default chooses once per process.
func defaultIn(t *testing.T, env ...string) (out string, err error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NUMGL_DEVICE=", "NUMGL_VERBOSE=")
	cmd.Env = append(cmd.Env, env...)
	cmd.Env = append(cmd.Env, "NUMGL_TEST_PRINT_DEFAULT=1")
	b, err := cmd.CombinedOutput()
	return string(b), err
}

func TestDefaultHonoursEnv(t *testing.T) {
	out, err := defaultIn(t, "NUMGL_DEVICE=cpu-loop")
	if err != nil || out != "default=cpu-loop\n" {
		t.Errorf("NUMGL_DEVICE=cpu-loop: got %q, %v; want only default=cpu-loop", out, err)
	}
}

// A NUMGL_DEVICE that names no device, or one that does not open, is an
// error naming the value and the build's devices: the program exits
// non-zero instead of running on another device.
func TestDefaultRefusesBadEnv(t *testing.T) {
	for _, name := range []string{"no-such-device", "cpu-loop:7", "gpu:99"} {
		out, err := defaultIn(t, "NUMGL_DEVICE="+name)
		if err == nil {
			t.Errorf("NUMGL_DEVICE=%s: exit status 0, want an error; output %q", name, out)
		}
		if strings.Contains(out, "default=") {
			t.Errorf("NUMGL_DEVICE=%s: fell back to a device: %q", name, out)
		}
		for _, want := range []string{`NUMGL_DEVICE="` + name + `"`, "cpu-loop", "cpu-simd"} {
			if !strings.Contains(out, want) {
				t.Errorf("NUMGL_DEVICE=%s: error does not name %q: %q", name, want, out)
			}
		}
	}
}

// Without NUMGL_DEVICE the choice is silent unless NUMGL_VERBOSE=1.
func TestDefaultSilentUnlessVerbose(t *testing.T) {
	out, err := defaultIn(t)
	if err != nil || !strings.HasPrefix(out, "default=") || strings.Count(out, "\n") != 1 {
		t.Errorf("no NUMGL_DEVICE: got %q, %v; want one line default=...", out, err)
	}
	out, err = defaultIn(t, "NUMGL_VERBOSE=1")
	if err != nil || !strings.Contains(out, "numgl: using ") {
		t.Errorf("NUMGL_VERBOSE=1: got %q, %v; want a log line naming the device", out, err)
	}
}
