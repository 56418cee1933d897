//go:build cgo && !nogpu && glfw

package gpu_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
	"github.com/numgl/numgl/tensor"
)

// TestChildGLFW is run as a child under Xvfb: it opens the GPU through
// GLFW's hidden window and computes with it.
func TestChildGLFW(t *testing.T) {
	if os.Getenv("NUMGL_TEST_CHILD_GLFW") == "" {
		t.Skip("run by TestGLFWContext")
	}
	d := openGPU(t)
	s := tensor.Add(tensor.On(d).Arange(tensor.Int32, 0, 10, 1), 1).Sum().Item()
	fmt.Printf("via=%s renderer=%q sum=%v\n", d.Via(), d.Caps().Renderer, s)
}

// TestGLFWContext: where a display exists, GLFW's hidden window gives a
// context too. It runs a child process under xvfb-run when that exists.
func TestGLFWContext(t *testing.T) {
	openGPU(t)
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		if device.RequireGPU() {
			t.Fatalf("%s=1 and xvfb-run is missing to test the GLFW path", device.EnvRequireGPU)
		}
		t.Skip("no xvfb-run")
	}
	cmd := exec.Command(xvfb, "-a", os.Args[0], "-test.run=^TestChildGLFW$", "-test.v")
	cmd.Env = append(os.Environ(), "NUMGL_TEST_CHILD_GLFW=1", gpu.EnvContext+"=glfw")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "via=glfw") || !strings.Contains(string(out), "sum=55") {
		t.Fatalf("GLFW context under Xvfb: %v\n%s", err, out)
	}
	t.Logf("%s", strings.TrimSpace(strings.Split(string(out), "\n")[1]))
}
