//go:build cgo && !nogpu && glfw

// GLFW is built only with -tags glfw: it needs X11's development headers
// to build and libX11 to start, which headless machines lack. Without the
// tag, EGL is the only way to a context (glfw_off.go).

package gpu

import (
	"errors"
	"fmt"
	"os"
	"unsafe"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// glfwContext is a hidden GLFW window whose 4.3 core context is current
// on the GL thread.
type glfwContext struct{ w *glfw.Window }

func (c *glfwContext) close() {
	c.w.Destroy()
	glfw.Terminate()
}

// openGLFW makes a 4.3 core context in a hidden 1×1 window on the calling
// thread. GLFW cannot choose among GPUs: it serves gpu:0 only.
func openGLFW(n int) (ctx *glfwContext, loader func(string) unsafe.Pointer, err error) {
	if n != 0 {
		return nil, nil, fmt.Errorf("GLFW serves gpu:0 only")
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return nil, nil, errors.New("GLFW: no display (DISPLAY is not set)")
	}
	// go-gl/glfw panics on errors after a failed Init: turn them into errors.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("GLFW: %v", r)
		}
	}()
	if err := glfw.Init(); err != nil {
		return nil, nil, fmt.Errorf("GLFW: %w", err)
	}
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 4)
	glfw.WindowHint(glfw.ContextVersionMinor, 3)
	glfw.WindowHint(glfw.OpenGLProfile, glfw.OpenGLCoreProfile)
	glfw.WindowHint(glfw.OpenGLForwardCompatible, glfw.True)
	w, err := glfw.CreateWindow(1, 1, "numgl", nil, nil)
	if err != nil {
		glfw.Terminate()
		return nil, nil, fmt.Errorf("GLFW: no OpenGL 4.3 core context: %w", err)
	}
	w.MakeContextCurrent()
	return &glfwContext{w: w}, glfw.GetProcAddress, nil
}
