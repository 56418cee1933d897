package cpu

import (
	"fmt"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
)

//go:generate go run ./internal/asmgen

// SIMD is the cpu-simd device: vector kernels (AVX2 and FMA assembly on
// amd64, plain Go loops elsewhere and with -tags purego) for the layouts
// they serve, cpu-loop's reference loops for everything else, and large
// work split over GOMAXPROCS goroutines. Its buffers are cpu-loop's kind
// (Go slices), so the reference loops run on them unchanged.
type SIMD struct{}

func init() {
	device.Register(device.Backend{
		Name: "cpu-simd",
		Rank: 5,
		Open: func(n int) (device.Device, error) {
			if n != 0 {
				return nil, fmt.Errorf("there is one cpu-simd device, cpu-simd:0")
			}
			if err := checkEnv(); err != nil {
				return nil, err
			}
			return simdDevice, nil
		},
	})
}

var simdDevice = &SIMD{}

// Name returns "cpu-simd".
func (*SIMD) Name() string { return "cpu-simd" }

// Alloc returns a zeroed buffer.
func (d *SIMD) Alloc(dt dtype.DType, n int) (device.Buffer, error) {
	s, err := makeSlice(dt, n)
	if err != nil {
		return nil, err
	}
	return &Buffer{dev: d, dt: dt, data: s}, nil
}

// Upload returns a buffer holding a copy of host.
func (d *SIMD) Upload(host any) (device.Buffer, error) {
	s, dt, err := cloneSlice(host)
	if err != nil {
		return nil, err
	}
	return &Buffer{dev: d, dt: dt, data: s}, nil
}

// Download copies n = len(host) elements from offset off of buf into host.
func (d *SIMD) Download(buf device.Buffer, off int, host any) error {
	b, ok := buf.(*Buffer)
	if !ok {
		return fmt.Errorf("cpu-simd: download of a %T", buf)
	}
	return copyOut(b.data, off, host)
}

// Synchronous reports true: Run finishes every request before it
// returns (device.Synchronous).
func (*SIMD) Synchronous() bool { return true }

// Sync returns at once: cpu-simd finishes every request before Run
// returns (the goroutines a request is split over included).
func (*SIMD) Sync() error { return nil }

// Run executes one request. It is cpu-simd's one dispatch point: each
// request goes to its planner, which collapses the operands' layouts
// (planLayout) and switches on the result — one contiguous run or
// broadcast scalar to a vector kernel, rows of such runs (row and column
// broadcasts) to the kernel row by row, 2-d transposed copies to the
// blocked transpose — and hands every other layout, dtype or op without a
// kernel to cpu-loop's complete strided loops. The fast paths only add
// speed: their results are the loops' results (see the kernels' doc
// comments for the few last-bit differences of exp and of sums).
func (d *SIMD) Run(req device.Request) error {
	if !haveSIMD {
		// An amd64 CPU without AVX2 and FMA: the reference loops.
		return loopDevice.Run(req)
	}
	switch r := req.(type) {
	case *device.Kernel:
		return d.kernel(r)
	case *device.Copy:
		return d.copy(r)
	case *device.Fill:
		return d.fill(r)
	case *device.Compress:
		return d.compress(r)
	case *device.MatMul:
		return d.matmul(r)
	}
	// Everything else (Arange, Gather, Scatter: index arithmetic; Scan: a
	// serial dependence; requests added later): the reference loops.
	return loopDevice.Run(req)
}
