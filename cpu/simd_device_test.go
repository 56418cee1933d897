package cpu_test

import (
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/internal/devicetest"
)

func TestSIMDDevice(t *testing.T) { devicetest.Run(t, device.MustGet("cpu-simd")) }
