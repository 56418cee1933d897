//go:build cgo && !nogpu && !glfw

package gpu

import (
	"errors"
	"unsafe"
)

// errNoGLFW is openGLFW's error in a build without -tags glfw.
var errNoGLFW = errors.New("GLFW: not in this build (build with -tags glfw for a context through X11 where EGL does not serve)")

// glfwContext is never made in a build without GLFW.
type glfwContext struct{}

func (*glfwContext) close() {}

// openGLFW fails: this build has no GLFW (see glfw.go).
func openGLFW(int) (*glfwContext, func(string) unsafe.Pointer, error) {
	return nil, nil, errNoGLFW
}
