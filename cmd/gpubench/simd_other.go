//go:build !amd64 || purego

package main

import "runtime"

// simdLevel says which vector instructions cpu-simd's kernels use here:
// its assembly is amd64-only and off with -tags purego.
func simdLevel() string {
	if runtime.GOARCH == "amd64" {
		return "none: built with -tags purego (cpu-simd runs plain Go loops)"
	}
	return "none: no assembly for " + runtime.GOARCH + " (cpu-simd runs plain Go loops, split over goroutines)"
}
