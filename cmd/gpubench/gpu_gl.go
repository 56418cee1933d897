//go:build cgo && !nogpu

package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/device/gpu"
	"github.com/numgl/numgl/dtype"
)

// isGPU reports whether dev is an OpenGL device.
func isGPU(dev device.Device) bool {
	_, ok := dev.(*gpu.Device)
	return ok
}

// startTimer starts a GL timestamp timer on a GPU device and returns its
// stop function, which waits for the GPU; nil for other devices.
func startTimer(dev device.Device) func() (time.Duration, error) {
	g, ok := dev.(*gpu.Device)
	if !ok {
		return nil
	}
	t, err := g.StartTimer()
	if err != nil {
		return nil
	}
	return t.Stop
}

// programCount counts a GPU's program compilations and disk-cache loads,
// to prove that none happened while timing; 0 for other devices.
func programCount(dev device.Device) int64 {
	g, ok := dev.(*gpu.Device)
	if !ok {
		return 0
	}
	s := g.CacheStats()
	return s.Compiles + s.DiskHits
}

// gpuSummary is the header's line for a GPU: renderer and GL version.
func gpuSummary(dev device.Device) string {
	g, ok := dev.(*gpu.Device)
	if !ok {
		return ""
	}
	c := g.Caps()
	s := fmt.Sprintf("%s, OpenGL %s via %s", c.Renderer, c.Version, strings.ToUpper(g.Via()))
	if c.Software {
		s += " (software renderer: runs on the CPU)"
	}
	return s
}

// gpuDetails lists a GPU's capabilities for "gpubench devices".
func gpuDetails(dev device.Device) [][2]string {
	g, ok := dev.(*gpu.Device)
	if !ok {
		return nil
	}
	c := g.Caps()
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	var exts []string
	for _, e := range []string{"GL_ARB_gpu_shader_fp64", "GL_ARB_gpu_shader_int64", "GL_KHR_shader_subgroup", "GL_ARB_timer_query", "GL_ARB_get_program_binary"} {
		if c.Extensions[e] {
			exts = append(exts, e)
		}
	}
	slices.Sort(exts)
	st := g.CacheStats()
	return [][2]string{
		{"renderer", c.Renderer},
		{"vendor", c.Vendor},
		{"OpenGL", c.Version},
		{"GLSL", c.GLSL},
		{"context", g.Via()},
		{"software", yes(c.Software)},
		{"float64", yes(c.FP64)},
		{"int64", yes(c.Int64)},
		{"float32 subnormals", c.Denormals32.String()},
		{"float64 subnormals", c.Denormals64.String()},
		{"subgroups", yes(c.Subgroups)},
		{"work group", fmt.Sprintf("%d invocations, size ≤ %v, count ≤ %v", c.MaxWorkGroupInvocations, c.MaxWorkGroupSize, c.MaxWorkGroupCount)},
		{"shared memory", fmt.Sprintf("%d bytes per work group", c.MaxSharedMemory)},
		{"storage buffers", fmt.Sprintf("%d per compute shader, ≤ %s each", c.MaxSSBOBindings, byteSize(int64(c.MaxSSBOSize)))},
		{"extensions", fmt.Sprintf("%d (%s)", len(c.Extensions), strings.Join(exts, ", "))},
		{"program cache", fmt.Sprintf("%d compiled, %d from memory, %d from disk", st.Compiles, st.MemoryHits, st.DiskHits)},
	}
}

// calibrateGemm runs the GPU's GEMM calibration on n×n products and prints
// each tile's GFLOP/s, fastest first per dtype.
func calibrateGemm(dev device.Device, n int, w io.Writer) error {
	res, err := dev.(*gpu.Device).CalibrateGemm(n)
	if err != nil {
		return err
	}
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
		rs := slices.Clone(res[dt])
		slices.SortFunc(rs, func(a, b gpu.GemmResult) int { return cmp.Compare(b.GFLOPS, a.GFLOPS) })
		for _, r := range rs {
			fmt.Fprintf(w, "%-8v %-8s %10.1f GFLOP/s  %8.3f ms\n", dt, r.Tile, r.GFLOPS, r.Seconds*1e3)
		}
	}
	return nil
}
