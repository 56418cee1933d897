//go:build cgo && !nogpu && !glfw

package gpu_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
)

// TestChildNoGLFW is run as a child with NUMGL_GPU_CONTEXT=glfw: it
// prints the error of opening the GPU.
func TestChildNoGLFW(t *testing.T) {
	if os.Getenv("NUMGL_TEST_CHILD_NOGLFW") == "" {
		t.Skip("run by TestNoGLFWIsAClearError")
	}
	_, err := device.Get("gpu")
	fmt.Printf("error: %v\n", err)
}

// TestNoGLFWIsAClearError: a build without -tags glfw asked for a GLFW
// context says how to get one.
func TestNoGLFWIsAClearError(t *testing.T) {
	out := child(t, "TestChildNoGLFW", "NUMGL_TEST_CHILD_NOGLFW=1", gpu.EnvContext+"=glfw")
	if !strings.Contains(out, "no gpu:") || !strings.Contains(out, "-tags glfw") {
		t.Errorf("%s=glfw in a build without GLFW: %s", gpu.EnvContext, out)
	}
}
