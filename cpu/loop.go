package cpu

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

// Loop is the cpu-loop device: the reference implementation of every
// kernel request, as plain strided loops.
type Loop struct{}

func init() {
	device.Register(device.Backend{
		Name: "cpu-loop",
		Rank: 0,
		Open: func(n int) (device.Device, error) {
			if n != 0 {
				return nil, fmt.Errorf("there is one cpu-loop device, cpu-loop:0")
			}
			if err := checkEnv(); err != nil {
				return nil, err
			}
			return loopDevice, nil
		},
	})
}

var loopDevice = &Loop{}

// Name returns "cpu-loop".
func (*Loop) Name() string { return "cpu-loop" }

// Alloc returns a zeroed buffer.
func (d *Loop) Alloc(dt dtype.DType, n int) (device.Buffer, error) {
	s, err := makeSlice(dt, n)
	if err != nil {
		return nil, err
	}
	return &Buffer{dev: d, dt: dt, data: s}, nil
}

// Upload returns a buffer holding a copy of host.
func (d *Loop) Upload(host any) (device.Buffer, error) {
	s, dt, err := cloneSlice(host)
	if err != nil {
		return nil, err
	}
	return &Buffer{dev: d, dt: dt, data: s}, nil
}

// Download copies n = len(host) elements from offset off of buf into host.
func (d *Loop) Download(buf device.Buffer, off int, host any) error {
	b, ok := buf.(*Buffer)
	if !ok {
		return fmt.Errorf("cpu-loop: download of a %T", buf)
	}
	return copyOut(b.data, off, host)
}

// Synchronous reports true: Run finishes every request before it
// returns (device.Synchronous).
func (*Loop) Synchronous() bool { return true }

// Sync returns at once: cpu-loop runs requests synchronously.
func (*Loop) Sync() error { return nil }

// Run executes one request with the reference loops.
func (d *Loop) Run(req device.Request) error {
	switch r := req.(type) {
	case *device.Fill:
		return fill(data(r.Dst), r.Dst, r.Value)
	case *device.Copy:
		return copyStrided(data(r.Dst), r.Dst, data(r.Src), r.Src)
	case *device.Arange:
		return arange(data(r.Dst), r.Dst, r.Start, r.Step)
	case *device.Gather:
		return gather(r)
	case *device.Scatter:
		return scatter(r)
	case *device.Kernel:
		return runPlan(r)
	case *device.Scan:
		return scan(r)
	case *device.Compress:
		return compress(r)
	case *device.MatMul:
		return matmul(r)
	}
	return device.Unsupported(d, fmt.Sprintf("%T", req))
}

// data returns the slice behind an operand's buffer.
func data(o device.Operand) any { return o.Buf.(*Buffer).data }
