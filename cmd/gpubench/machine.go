package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/numgl/numgl/device"
)

// cpuModel returns the CPU's model name from /proc/cpuinfo, or the
// architecture where there is none.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name", "Model", "Hardware", "cpu model":
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return runtime.GOARCH
}

// byteSize formats a byte count with a binary unit.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// machineLines describes the machine and the devices in use, for the
// header.
func machineLines(devs []device.Device, skipped []string) [][2]string {
	lines := [][2]string{
		{"cpu", fmt.Sprintf("%s (%d logical CPUs, GOMAXPROCS %d, %s/%s)", cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)},
	}
	simd := simdLevel()
	if !slices.Contains(device.Backends(), "cpu-simd") {
		simd = "cpu-simd is not in this build (" + simd + ")"
	}
	lines = append(lines, [2]string{"simd", simd})
	for _, d := range devs {
		if s := gpuSummary(d); s != "" {
			lines = append(lines, [2]string{d.Name(), s})
		}
	}
	for _, s := range skipped {
		name, why, _ := strings.Cut(s, "\x00")
		lines = append(lines, [2]string{name, "not used: " + why})
	}
	lines = append(lines, [2]string{"go", fmt.Sprintf("%s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)})
	return lines
}
