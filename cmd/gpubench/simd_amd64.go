//go:build amd64 && !purego

package main

import (
	"strings"

	"golang.org/x/sys/cpu"
)

// simdLevel says which vector instructions cpu-simd's kernels use here.
// It mirrors cpu-simd's own test: its amd64 assembly needs AVX2, FMA and
// POPCNT, and without them it runs the reference loops.
func simdLevel() string {
	var has []string
	for _, f := range []struct {
		name string
		ok   bool
	}{{"SSE4.2", cpu.X86.HasSSE42}, {"AVX", cpu.X86.HasAVX}, {"AVX2", cpu.X86.HasAVX2}, {"FMA", cpu.X86.HasFMA},
		{"AVX-512F", cpu.X86.HasAVX512F}, {"AVX-512BW", cpu.X86.HasAVX512BW}, {"AVX-512VL", cpu.X86.HasAVX512VL}} {
		if f.ok {
			has = append(has, f.name)
		}
	}
	cpuHas := "the CPU has " + strings.Join(has, " ")
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA && cpu.X86.HasPOPCNT {
		return "AVX2+FMA (cpu-simd's amd64 assembly; " + cpuHas + ")"
	}
	return "none: cpu-simd runs plain Go loops, its assembly needs AVX2, FMA and POPCNT (" + cpuHas + ")"
}
