//go:build !cgo || nogpu

package gpu

import (
	"errors"

	"github.com/numgl/numgl/device"
)

// ErrNoGPU is the error of every open in a build without GPU support.
var ErrNoGPU = errors.New("no gpu: numgl was built without cgo or with -tags nogpu")

func init() {
	device.Register(device.Backend{
		Name: "gpu",
		Rank: 10,
		Open: func(int) (device.Device, error) { return nil, ErrNoGPU },
	})
}
