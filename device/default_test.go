package device_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Default reads $NUMGL_DEVICE once per process, so each case runs in a
// child process: the test binary itself, re-run with the variable set.
func TestDefaultHonoursEnv(t *testing.T) {
	for _, tc := range []struct{ env, want, log string }{
		{"cpu-loop", "cpu-loop", ""},
		{"no-such-device", "", "NUMGL_DEVICE=no-such-device"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "NUMGL_DEVICE="+tc.env, "NUMGL_TEST_PRINT_DEFAULT=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("NUMGL_DEVICE=%s: %v\n%s", tc.env, err, out)
		}
		got := string(out)
		if tc.want != "" && !strings.Contains(got, "default="+tc.want+"\n") {
			t.Errorf("NUMGL_DEVICE=%s: got %q, want default=%s", tc.env, got, tc.want)
		}
		if tc.log != "" && !strings.Contains(got, tc.log) {
			t.Errorf("NUMGL_DEVICE=%s: no log line naming it in %q", tc.env, got)
		}
		if !strings.Contains(got, "default=") {
			t.Errorf("NUMGL_DEVICE=%s: Default() did not fall back to a device: %q", tc.env, got)
		}
	}
}
