package device

import (
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
	return nil, fmt.Errorf("device %q: unknown device (have %s)", name, strings.Join(namesLocked(), ", "))
}

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

// Default returns the device numgl uses when a program names none: the
// device named by $NUMGL_DEVICE if set, else the best registered backend
// that opens and is not a software renderer (Mesa's llvmpipe runs on the
// CPU, slower than the CPU devices; name it to use it). It never fails:
// when nothing better opens it falls back to the CPU and logs one line
// saying why. A $NUMGL_DEVICE that cannot be
// opened is logged and ignored the same way.
func Default() Device {
	defaultOnce.Do(func() { defaultDev = chooseDefault() })
	return defaultDev
}

func chooseDefault() Device {
	if name := os.Getenv(EnvDevice); name != "" {
		d, err := Get(name)
		if err == nil {
			return d
		}
		log.Printf("numgl: %s=%s: %v; choosing a device automatically", EnvDevice, name, err)
	}
	var reasons []string
	for _, name := range Backends() {
		d, err := Get(name)
		if sw, ok := d.(interface{ Software() bool }); err == nil && ok && sw.Software() {
			// A renderer that runs on the CPU (Mesa's llvmpipe) is
			// slower than the CPU devices: use it only when asked to.
			reasons = append(reasons, d.Name()+" is a software renderer")
			continue
		}
		if err == nil {
			if len(reasons) > 0 {
				log.Printf("numgl: using %s (%s)", d.Name(), strings.Join(reasons, "; "))
			}
			return d
		}
		reasons = append(reasons, err.Error())
	}
	panic("numgl: no device could be opened: " + strings.Join(reasons, "; "))
}
