package device

import (
	"errors"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"sync"
)

// EnvDevice is the environment variable that overrides Default's choice.
const EnvDevice = "NUMGL_DEVICE"

// EnvRequireGPU, set to 1, turns tests that skip for want of a GPU context
// into failures (CI sets it: Mesa's llvmpipe always gives one there).
const EnvRequireGPU = "NUMGL_REQUIRE_GPU"

// RequireGPU reports whether $NUMGL_REQUIRE_GPU is 1.
func RequireGPU() bool { return os.Getenv(EnvRequireGPU) == "1" }

// A Backend makes devices of one family: "cpu-loop", "cpu-simd", "gpu".
// Backends register themselves from their package's init.
type Backend struct {
	// Name is the family name, used by Get.
	Name string
	// Rank orders backends for Default: the highest that opens wins.
	Rank int
	// Open returns device number n of the family (n is 0 for a plain
	// "gpu"). It returns an error when the device cannot be had.
	Open func(n int) (Device, error)
}

var (
	mu       sync.Mutex
	backends []Backend
	opened   = map[string]Device{}

	defaultOnce sync.Once
	defaultDev  Device
)

// Register adds a backend. It panics if the name is taken.
func Register(b Backend) {
	mu.Lock()
	defer mu.Unlock()
	for _, o := range backends {
		if o.Name == b.Name {
			panic("device: backend " + b.Name + " registered twice")
		}
	}
	backends = append(backends, b)
	slices.SortStableFunc(backends, func(x, y Backend) int { return y.Rank - x.Rank })
}

// Backends returns the registered backend names, best first.
func Backends() []string {
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, len(backends))
	for i, b := range backends {
		names[i] = b.Name
	}
	return names
}

// Get returns the device with the given name: a backend name ("cpu-loop",
// "gpu"), or a backend name with a device number ("gpu:1"). Devices are
// opened once and shared.
func Get(name string) (Device, error) {
	family, n, err := parseName(name)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%s:%d", family, n)
	mu.Lock()
	defer mu.Unlock()
	if d, ok := opened[key]; ok {
		return d, nil
	}
	for _, b := range backends {
		if b.Name == family {
			d, err := b.Open(n)
			if err != nil {
				return nil, fmt.Errorf("device %s: %w", name, err)
			}
			opened[key] = d
			return d, nil
		}
	}
	return nil, fmt.Errorf("device %q: %w (have %s)", name, ErrUnknownDevice, strings.Join(namesLocked(), ", "))
}

// ErrUnknownDevice is wrapped by Get's error for a name no backend of
// this build has.
var ErrUnknownDevice = errors.New("unknown device")

// MustGet is Get for names known to exist; it panics on error.
func MustGet(name string) Device {
	d, err := Get(name)
	if err != nil {
		panic(err)
	}
	return d
}

func namesLocked() []string {
	names := make([]string, len(backends))
	for i, b := range backends {
		names[i] = b.Name
	}
	return names
}

func parseName(name string) (family string, n int, err error) {
	family, num, found := strings.Cut(name, ":")
	if !found {
		return family, 0, nil
	}
	if _, err := fmt.Sscanf(num, "%d", &n); err != nil || n < 0 || fmt.Sprint(n) != num {
		return "", 0, fmt.Errorf("device %q: bad device number %q", name, num)
	}
	return family, n, nil
}

// EnvVerbose, set to 1, makes Default log one line saying which device
// it chose and why. Without it the choice is silent; Choose reports it.
const EnvVerbose = "NUMGL_VERBOSE"

// A Choice says how Default chose its device.
type Choice struct {
	Device  string   // the chosen device's name
	FromEnv bool     // named by $NUMGL_DEVICE
	Passed  []string // devices passed over before it, each with why
}

// String says it in one line: "cpu-loop (NUMGL_DEVICE=cpu-loop)" or
// "cpu-simd (automatic; passed over: gpu:0 is a software renderer)".
func (c Choice) String() string {
	switch {
	case c.FromEnv:
		return fmt.Sprintf("%s (%s=%s)", c.Device, EnvDevice, os.Getenv(EnvDevice))
	case len(c.Passed) > 0:
		return fmt.Sprintf("%s (automatic; passed over: %s)", c.Device, strings.Join(c.Passed, "; "))
	}
	return c.Device + " (automatic: the best device of this build)"
}

var (
	chosen    Choice
	chooseErr error
)

// Choose returns the device numgl uses when a program names none, how it
// was chosen, or why there is none. $NUMGL_DEVICE, when set, names the
// device: one that does not exist in this build or fails to open is an
// error naming the value and this build's devices, never a fallback.
// Otherwise it is the best registered backend that opens and is not a
// software renderer (Mesa's llvmpipe runs on the CPU, slower than the CPU
// devices; name it to use it). The choice is made once per process.
func Choose() (Device, Choice, error) {
	defaultOnce.Do(func() {
		defaultDev, chosen, chooseErr = choose()
		if chooseErr == nil && os.Getenv(EnvVerbose) == "1" {
			log.Printf("numgl: using %s", chosen)
		}
	})
	return defaultDev, chosen, chooseErr
}

// Default is Choose's device, for programs that name none; it panics
// with Choose's error (a bad $NUMGL_DEVICE), so that a program never runs
// on a device other than the one asked for. Without $NUMGL_DEVICE it
// does not fail: a CPU device always opens.
func Default() Device {
	d, _, err := Choose()
	if err != nil {
		panic(err)
	}
	return d
}

// choose makes Choose's choice.
func choose() (Device, Choice, error) {
	if name := os.Getenv(EnvDevice); name != "" {
		d, err := Get(name)
		if err != nil {
			return nil, Choice{}, envError(name, err)
		}
		return d, Choice{Device: d.Name(), FromEnv: true}, nil
	}
	var passed []string
	for _, name := range Backends() {
		d, err := Get(name)
		if err != nil {
			passed = append(passed, err.Error())
			continue
		}
		if sw, ok := d.(interface{ Software() bool }); ok && sw.Software() {
			// A renderer that runs on the CPU (Mesa's llvmpipe) is
			// slower than the CPU devices: use it only when asked to.
			passed = append(passed, d.Name()+" is a software renderer")
			continue
		}
		return d, Choice{Device: d.Name(), Passed: passed}, nil
	}
	return nil, Choice{}, fmt.Errorf("numgl: no device could be opened: %s", strings.Join(passed, "; "))
}

// envError is the error of a $NUMGL_DEVICE that Get refused: it names
// the value and the devices this build has.
func envError(name string, err error) error {
	if errors.Is(err, ErrUnknownDevice) { // Get's error lists the devices
		return fmt.Errorf("numgl: %s=%q: %w; unset %s to choose automatically", EnvDevice, name, err, EnvDevice)
	}
	return fmt.Errorf("numgl: %s=%q: %w (this build's devices: %s; unset %s to choose automatically)",
		EnvDevice, name, err, strings.Join(Backends(), ", "), EnvDevice)
}
