package cpu_test

import (
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/internal/devicetest"
)

// cpu-loop against itself: the shared body's self-check (every path of the
// test body runs and agrees with itself).
func TestLoopDevice(t *testing.T) { devicetest.Run(t, device.MustGet("cpu-loop")) }
