//go:build cgo && !nogpu

package gpu

/*
#cgo linux LDFLAGS: -ldl
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <dlfcn.h>

// libEGL is loaded at run time (dlopen), so that building needs no EGL
// headers or library and a binary starts where libEGL is missing, on
// the CPU. The EGL types and constants numgl uses, from EGL/egl.h and
// EGL/eglext.h:
typedef void *EGLDisplay, *EGLContext, *EGLConfig, *EGLSurface, *EGLDeviceEXT;
typedef int32_t EGLint;
typedef unsigned int EGLBoolean, EGLenum;
#define EGL_SUCCESS 0x3000
#define EGL_NONE 0x3038
#define EGL_RENDERABLE_TYPE 0x3040
#define EGL_EXTENSIONS 0x3055
#define EGL_OPENGL_API 0x30A2
#define EGL_OPENGL_BIT 0x0008
#define EGL_CONTEXT_MAJOR_VERSION 0x3098
#define EGL_CONTEXT_MINOR_VERSION 0x30FB
#define EGL_CONTEXT_OPENGL_PROFILE_MASK 0x30FD
#define EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT 0x00000001
#define EGL_PLATFORM_DEVICE_EXT 0x313F
#define EGL_PLATFORM_SURFACELESS_MESA 0x31DD
#define EGL_NO_DISPLAY ((EGLDisplay)0)
#define EGL_NO_CONTEXT ((EGLContext)0)
#define EGL_NO_SURFACE ((EGLSurface)0)
#define EGL_DEFAULT_DISPLAY ((void *)0)

// The libEGL entry points, set by numgl_egl_load.
static void *(*eglGetProcAddress)(const char *);
static EGLint (*eglGetError)(void);
static EGLBoolean (*eglInitialize)(EGLDisplay, EGLint *, EGLint *);
static EGLBoolean (*eglBindAPI)(EGLenum);
static EGLBoolean (*eglChooseConfig)(EGLDisplay, const EGLint *, EGLConfig *, EGLint, EGLint *);
static EGLContext (*eglCreateContext)(EGLDisplay, EGLConfig, EGLContext, const EGLint *);
static EGLBoolean (*eglMakeCurrent)(EGLDisplay, EGLSurface, EGLSurface, EGLContext);
static EGLBoolean (*eglDestroyContext)(EGLDisplay, EGLContext);
static EGLBoolean (*eglTerminate)(EGLDisplay);
typedef EGLBoolean (*PFNEGLQUERYDEVICESEXTPROC)(EGLint, EGLDeviceEXT *, EGLint *);
typedef const char *(*PFNEGLQUERYDEVICESTRINGEXTPROC)(EGLDeviceEXT, EGLint);
typedef EGLDisplay (*PFNEGLGETPLATFORMDISPLAYEXTPROC)(EGLenum, void *, const EGLint *);

// numgl_egl_load opens libEGL.so.1 and finds its entry points; it returns
// NULL, or what is missing. Called on the GL thread before any EGL call.
static const char *numgl_egl_load(void) {
	static void *lib;
	if (eglGetProcAddress) return NULL;
	if (!lib) lib = dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL);
	if (!lib) return "libEGL.so.1 not found (Debian: apt-get install libegl1 libgl1-mesa-dri)";
#define LOAD(f) if (!(*(void **)&f = dlsym(lib, #f))) return #f " missing from libEGL.so.1";
	LOAD(eglGetError) LOAD(eglInitialize) LOAD(eglBindAPI) LOAD(eglChooseConfig)
	LOAD(eglCreateContext) LOAD(eglMakeCurrent) LOAD(eglDestroyContext) LOAD(eglTerminate)
	LOAD(eglGetProcAddress)
#undef LOAD
	return NULL;
}

// numgl_egl_devices fills devs with up to max EGL devices (hardware first,
// Mesa's software devices last) and returns how many there are, or -1 when
// EGL_EXT_device_enumeration is missing.
static int numgl_egl_devices(EGLDeviceEXT *devs, int max, int *software) {
	PFNEGLQUERYDEVICESEXTPROC query = (PFNEGLQUERYDEVICESEXTPROC)eglGetProcAddress("eglQueryDevicesEXT");
	PFNEGLQUERYDEVICESTRINGEXTPROC str = (PFNEGLQUERYDEVICESTRINGEXTPROC)eglGetProcAddress("eglQueryDeviceStringEXT");
	if (!query) return -1;
	EGLDeviceEXT all[32];
	EGLint n = 0;
	if (!query(32, all, &n)) return -1;
	int k = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n && k < max; i++) {
			const char *ext = str ? str(all[i], EGL_EXTENSIONS) : NULL;
			int soft = ext && strstr(ext, "EGL_MESA_device_software") != NULL;
			if (soft == pass) {
				devs[k] = all[i];
				software[k] = soft;
				k++;
			}
		}
	}
	return k;
}

typedef struct {
	EGLDisplay dpy;
	EGLContext ctx;
	const char *stage; // where it failed
	EGLint err;
} numgl_egl;

// numgl_egl_open makes a headless OpenGL 4.3 core context on device dev
// (or on Mesa's surfaceless platform when dev is NULL) current on the
// calling thread.
static numgl_egl numgl_egl_open(EGLDeviceEXT dev) {
	numgl_egl r = {EGL_NO_DISPLAY, EGL_NO_CONTEXT, NULL, EGL_SUCCESS};
	PFNEGLGETPLATFORMDISPLAYEXTPROC getDisplay = (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
	if (!getDisplay) { r.stage = "eglGetPlatformDisplayEXT missing"; return r; }
	if (dev) r.dpy = getDisplay(EGL_PLATFORM_DEVICE_EXT, dev, NULL);
	else r.dpy = getDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
	if (r.dpy == EGL_NO_DISPLAY) { r.stage = "eglGetPlatformDisplayEXT"; r.err = eglGetError(); return r; }
	EGLint major, minor;
	if (!eglInitialize(r.dpy, &major, &minor)) { r.stage = "eglInitialize"; r.err = eglGetError(); r.dpy = EGL_NO_DISPLAY; return r; }
	if (!eglBindAPI(EGL_OPENGL_API)) { r.stage = "eglBindAPI(EGL_OPENGL_API)"; r.err = eglGetError(); return r; }
	EGLint cfgAttr[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
	EGLConfig cfg = NULL;
	EGLint ncfg = 0;
	if (!eglChooseConfig(r.dpy, cfgAttr, &cfg, 1, &ncfg) || ncfg < 1) cfg = NULL; // EGL_KHR_no_config_context
	EGLint ctxAttr[] = {
		EGL_CONTEXT_MAJOR_VERSION, 4, EGL_CONTEXT_MINOR_VERSION, 3,
		EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
		EGL_NONE};
	r.ctx = eglCreateContext(r.dpy, cfg, EGL_NO_CONTEXT, ctxAttr);
	if (r.ctx == EGL_NO_CONTEXT) { r.stage = "eglCreateContext(OpenGL 4.3 core)"; r.err = eglGetError(); return r; }
	if (!eglMakeCurrent(r.dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, r.ctx)) {
		r.stage = "eglMakeCurrent(surfaceless)"; r.err = eglGetError();
		eglDestroyContext(r.dpy, r.ctx); r.ctx = EGL_NO_CONTEXT; return r;
	}
	return r;
}

static void numgl_egl_close(numgl_egl *r) {
	if (r->dpy == EGL_NO_DISPLAY) return;
	eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
	if (r->ctx != EGL_NO_CONTEXT) eglDestroyContext(r->dpy, r->ctx);
	eglTerminate(r->dpy);
}

static void *numgl_egl_proc(const char *name) { return (void *)eglGetProcAddress(name); }
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

var eglLoad sync.Mutex

// loadEGL opens libEGL.so.1 the first time it is called; without it there
// is no EGL context, and device.Default chooses a CPU device.
func loadEGL() error {
	eglLoad.Lock()
	defer eglLoad.Unlock()
	if msg := C.numgl_egl_load(); msg != nil {
		return errors.New("EGL: " + C.GoString(msg))
	}
	return nil
}

// EnvContext forces how the GPU context is made: "egl" or "glfw". By
// default EGL is tried first and, in a build with -tags glfw, GLFW (a
// hidden window) is the fallback where a display exists and EGL does not
// serve.
const EnvContext = "NUMGL_GPU_CONTEXT"

// eglContext is a headless EGL context, current on the GL thread.
type eglContext struct {
	c C.numgl_egl
}

// eglDevices reports the EGL devices (hardware first) and which are
// software renderers; ok is false when EGL cannot enumerate devices.
func eglDevices() (n int, software []bool, ok bool) {
	if loadEGL() != nil {
		return 0, nil, false
	}
	var devs [16]C.EGLDeviceEXT
	var soft [16]C.int
	k := int(C.numgl_egl_devices(&devs[0], 16, &soft[0]))
	if k < 0 {
		return 0, nil, false
	}
	for i := range k {
		software = append(software, soft[i] != 0)
	}
	return k, software, true
}

// openEGL makes a 4.3 core context for EGL device n current on the calling
// thread; with no device enumeration, device 0 is Mesa's surfaceless
// platform. It returns the context and the loader for GL entry points.
func openEGL(n int) (*eglContext, func(string) unsafe.Pointer, error) {
	if err := loadEGL(); err != nil {
		return nil, nil, err
	}
	var devs [16]C.EGLDeviceEXT
	var soft [16]C.int
	k := int(C.numgl_egl_devices(&devs[0], 16, &soft[0]))
	var dev C.EGLDeviceEXT
	switch {
	case k > 0 && n < k:
		dev = devs[n]
	case k > 0:
		return nil, nil, fmt.Errorf("no EGL device %d (there are %d)", n, k)
	case n > 0:
		return nil, nil, fmt.Errorf("no EGL device %d: EGL cannot enumerate devices", n)
	}
	r := C.numgl_egl_open(dev)
	if r.stage != nil {
		ctx := &eglContext{c: r}
		ctx.close()
		return nil, nil, fmt.Errorf("EGL: %s failed: %s", C.GoString(r.stage), eglErrorName(int(r.err)))
	}
	loader := func(name string) unsafe.Pointer {
		cs := C.CString(name)
		defer C.free(unsafe.Pointer(cs))
		return C.numgl_egl_proc(cs)
	}
	return &eglContext{c: r}, loader, nil
}

func (e *eglContext) close() { C.numgl_egl_close(&e.c) }

// eglErrorName names an EGL error code, with what it means here.
func eglErrorName(code int) string {
	names := map[int]string{
		0x3001: "EGL_NOT_INITIALIZED",
		0x3003: "EGL_BAD_ALLOC",
		0x3005: "EGL_BAD_CONFIG",
		0x3008: "EGL_BAD_DISPLAY (no usable display for this device)",
		0x3009: "EGL_BAD_MATCH (the driver offers no OpenGL 4.3 core context)",
		0x300C: "EGL_BAD_PARAMETER",
	}
	if n, ok := names[code]; ok {
		return n
	}
	return fmt.Sprintf("EGL error 0x%04x", code)
}
