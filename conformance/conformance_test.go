package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
)

// Environment variables of TestConformance.
const (
	envCases   = "NUMGL_CASES"   // directory of case files
	envDevices = "NUMGL_DEVICES" // comma-separated device names
)

// defaultCases is the project's own copy of the cases.
const defaultCases = "testdata/cases"

// tally counts the verdicts on one device.
type tally struct {
	device                  string
	passed, failed, skipped int
	skippedOps              map[string]bool
}

// tallies are the verdicts of TestConformance, printed by TestMain.
var tallies []*tally

// TestMain prints the summary of TestConformance after every test has
// finished, so that it is the last thing go test -v prints (the subtests'
// --- PASS lines come when their parent ends). It goes to stdout with
// fmt.Printf, not t.Logf, so that it shows whatever the flags.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, tl := range tallies {
		ops := make([]string, 0, len(tl.skippedOps))
		for op := range tl.skippedOps {
			ops = append(ops, op)
		}
		sort.Strings(ops)
		fmt.Printf("conformance device=%s passed=%d failed=%d skipped=%d\n", tl.device, tl.passed, tl.failed, tl.skipped)
		fmt.Printf("conformance device=%s skipped-ops=%s\n", tl.device, strings.Join(ops, ","))
	}
	os.Exit(code)
}

// TestConformance runs every case of $NUMGL_CASES on every device of
// $NUMGL_DEVICES (see the package documentation).
func TestConformance(t *testing.T) {
	dir := casesDir(t)
	files, errs := LoadDir(dir)
	for _, err := range errs {
		t.Errorf("loading cases: %v", err)
	}
	if len(files) == 0 && len(errs) == 0 {
		t.Fatalf("no case files (*.json) in %s", dir)
	}
	ncases := 0
	for _, f := range files {
		ncases += len(f.Cases)
	}
	t.Logf("%d cases in %d files from %s", ncases, len(files), dir)

	for _, dev := range devices(t) {
		tl := &tally{device: dev.Name(), skippedOps: map[string]bool{}}
		tallies = append(tallies, tl)
		t.Run(dev.Name(), func(t *testing.T) {
			for _, f := range files {
				for _, c := range f.Cases {
					t.Run(c.ID, func(t *testing.T) {
						o := Run(dev, c)
						switch o.Status {
						case Pass:
							tl.passed++
						case Fail:
							tl.failed++
							t.Errorf("FAIL %s on %s (op %s, %s, numpy %s): %s%s",
								c.ID, dev.Name(), c.Op, f.Path, f.NumpyVersion, o.Reason, noteOf(c))
						case Skip:
							tl.skipped++
							tl.skippedOps[c.Op] = true
							t.Skip(o.Reason)
						}
					})
				}
			}
		})
	}

}

func noteOf(c *Case) string {
	if c.Note == "" {
		return ""
	}
	return " (note: " + c.Note + ")"
}

// casesDir returns $NUMGL_CASES or the default, resolving a relative path
// against the package directory (go test's working directory) and then
// the module root.
func casesDir(t *testing.T) string {
	dir := os.Getenv(envCases)
	if dir == "" {
		return defaultCases
	}
	if filepath.IsAbs(dir) || isDir(dir) {
		return dir
	}
	if up := filepath.Join("..", dir); isDir(up) {
		return up
	}
	t.Fatalf("%s=%s: not a directory (relative paths are tried against the package directory and the module root)", envCases, dir)
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// devices opens the devices of $NUMGL_DEVICES, or every registered backend
// that opens.
func devices(t *testing.T) []device.Device {
	var names []string
	explicit := false
	if env := os.Getenv(envDevices); env != "" {
		explicit = true
		for _, n := range strings.Split(env, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	} else {
		names = device.Backends()
	}
	var devs []device.Device
	seen := map[string]bool{}
	for _, n := range names {
		d, err := device.Get(n)
		if err != nil {
			if explicit {
				t.Errorf("%s: %v", envDevices, err)
			} else if strings.HasPrefix(n, "gpu") && device.RequireGPU() {
				t.Errorf("%s=1 but the GPU does not open: %v", device.EnvRequireGPU, err)
			} else {
				t.Logf("device %s does not open, not run: %v", n, err)
			}
			continue
		}
		if seen[d.Name()] {
			continue
		}
		seen[d.Name()] = true
		devs = append(devs, d)
	}
	if len(devs) == 0 {
		t.Fatalf("no device to run on (%s=%q, backends %v)", envDevices, os.Getenv(envDevices), device.Backends())
	}
	return devs
}
