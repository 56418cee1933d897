//go:build !cgo || nogpu

package main

import (
	"errors"
	"io"
	"time"

	"github.com/numgl/numgl/device"
)

// This build has no GPU device: the GPU hooks do nothing.

func isGPU(device.Device) bool                               { return false }
func startTimer(device.Device) func() (time.Duration, error) { return nil }
func programCount(device.Device) int64                       { return 0 }
func gpuSummary(device.Device) string                        { return "" }
func gpuDetails(device.Device) [][2]string                   { return nil }
func calibrateGemm(device.Device, int, io.Writer) error {
	return errors.New("this build has no GPU")
}
