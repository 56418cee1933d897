// Package gl is the part of OpenGL 4.3 core that numgl's GPU backend
// calls, cut from go-gl/gl (MIT licence) by gen_gl.go.
//
// Unlike go-gl/gl it links no GL library and includes no GL, GLX or X11
// header: building it needs only a C compiler, and every entry point is
// loaded at run time through the loader passed to InitWithProcAddrFunc
// (eglGetProcAddress, or GLFW's). A function device/gpu starts to call is
// bound by running go generate ./internal/gl.
package gl

//go:generate go run gen_gl.go
