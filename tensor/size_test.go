package tensor

import (
	"slices"
	"testing"

	"github.com/numgl/numgl/cpu"
	"github.com/numgl/numgl/device"
)

// tooBig is NumPy's ValueError for an array whose bytes overflow an int.
const tooBig = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."

// sizeDevices returns cpu-loop, cpu-simd and the GPU where it opens (it
// must where $NUMGL_REQUIRE_GPU is 1).
func sizeDevices(t *testing.T) []device.Device {
	devs := []device.Device{must(device.Get("cpu-loop")), must(device.Get("cpu-simd"))}
	g, err := device.Get("gpu")
	switch {
	case err == nil:
		devs = append(devs, g)
	case device.RequireGPU():
		t.Fatalf("no GPU: %v", err)
	}
	return devs
}

// wantError checks that f panics with an *Error of kind k and message msg.
func wantError(t *testing.T, what string, k ErrorKind, msg string, f func()) {
	t.Helper()
	e := catch(f)
	switch {
	case e == nil:
		t.Errorf("%s: no error, want %v %q", what, k, msg)
	case e.Kind != k || e.Msg != msg:
		t.Errorf("%s: %v %q, want %v %q", what, e.Kind, e.Msg, k, msg)
	}
}

// TestSizeOverflow: shapes whose size or byte count overflows an int are
// refused, before anything is allocated, with NumPy's errors (issue 16,
// item 1). Unchecked, Zeros(Float32, 4, 1<<62+2) got 8 elements.
func TestSizeOverflow(t *testing.T) {
	for _, dev := range sizeDevices(t) {
		f := On(dev)
		t.Run(dev.Name(), func(t *testing.T) {
			// np.zeros((4, 2**62+2), np.float32) and friends.
			wantError(t, "Zeros(4, 2**62+2)", MemoryError, tooBig, func() { f.Zeros(Float32, 4, 1<<62+2) })
			wantError(t, "Zeros(2**61) float32", MemoryError, tooBig, func() { f.Zeros(Float32, 1<<61) })
			wantError(t, "Zeros(0, 2**62, 2**62)", MemoryError, tooBig, func() { f.Zeros(Float32, 0, 1<<62, 1<<62) })
			wantError(t, "Zeros(2**32, 2**32) bool", MemoryError, tooBig, func() { f.Zeros(Bool, 1<<32, 1<<32) })
			wantError(t, "Zeros(-1)", ValueError, "negative dimensions are not allowed", func() { f.Zeros(Float32, 2, -1) })
			wantError(t, "Ones", MemoryError, tooBig, func() { f.Ones(Float64, 1<<60) })
			wantError(t, "Full", MemoryError, tooBig, func() { f.Full(Int32, 7, 4, 1<<62+2) })
			wantError(t, "Eye(2**31, 2**31)", MemoryError, tooBig, func() { f.Eye(Float32, 1<<31, 1<<31, 0) })
			wantError(t, "Eye(0, 2**62)", MemoryError, tooBig, func() { f.Eye(Float32, 0, 1<<62, 0) })
			wantError(t, "Linspace(2**62)", MemoryError, tooBig, func() { f.Linspace(Float32, 0, 1, 1<<62) })
			wantError(t, "FromHost(0, 2**62, 2**62)", MemoryError, tooBig, func() { f.FromHost([]float32{}, 0, 1<<62, 1<<62) })
			wantError(t, "FromHost(2**62+1, 4)", ShapeError, "cannot reshape array of size 4 into shape (4611686018427387905,4)",
				func() { f.FromHost([]float32{1, 2, 3, 4}, 1<<62+1, 4) })

			// np.empty(8, np.float32).reshape(-1, 2**62+1, 4): the
			// known dims' product overflows. NumPy leaves a leading
			// -1 out of the shape it prints.
			a := f.Zeros(Float32, 8)
			wantError(t, "Reshape(-1, 2**62+1, 4)", ShapeError, "cannot reshape array of size 8 into shape (4611686018427387905,4)",
				func() { a.Reshape(-1, 1<<62+1, 4) })
			wantError(t, "Reshape(2**62+2, 4)", ShapeError, "cannot reshape array of size 8 into shape (4611686018427387906,4)",
				func() { a.Reshape(1<<62+2, 4) })
			wantError(t, "Reshape(-1, 5)", ShapeError, "cannot reshape array of size 8 into shape (5)", func() { a.Reshape(-1, 5) })
			wantError(t, "Reshape(3, -1)", ShapeError, "cannot reshape array of size 8 into shape (3,newaxis)", func() { a.Reshape(3, -1) })
			e := f.Zeros(Float32, 0)
			wantError(t, "Reshape(-1, 2**62, 4) of empty", ShapeError, "cannot reshape array of size 0 into shape (4611686018427387904,4)",
				func() { e.Reshape(-1, 1<<62, 4) })
			wantError(t, "Reshape(2**62, 4, 0) of empty", ShapeError, "cannot reshape array of size 0 into shape (4611686018427387904,4,0)",
				func() { e.Reshape(1<<62, 4, 0) })
			wantError(t, "Reshape(0, 2**62, 4) of empty", MemoryError, tooBig, func() { e.Reshape(0, 1<<62, 4) })
			if got := e.Reshape(0, 1<<58, 4).Shape(); !slices.Equal(got, []int{0, 1 << 58, 4}) {
				t.Errorf("Reshape(0, 2**58, 4) of empty: shape %v", got)
			}

			// np.broadcast_to: NumPy's "iterator is too large" for an
			// element count past an int is numgl's tooBig too.
			s := f.Zeros(Float32)
			wantError(t, "BroadcastTo(4, 2**62+2)", MemoryError, tooBig, func() { s.BroadcastTo(4, 1<<62+2) })
			wantError(t, "BroadcastTo(2**62) float32", MemoryError, tooBig, func() { s.BroadcastTo(1 << 62) })
			wantError(t, "BroadcastTo(0, 2**62, 2**62)", MemoryError, tooBig, func() { s.BroadcastTo(0, 1<<62, 1<<62) })
			big := f.Zeros(Bool).BroadcastTo(1 << 62) // 2**62 bytes: fine, as in NumPy
			if big.Size() != 1<<62 {
				t.Errorf("BroadcastTo(2**62) bool: size %d", big.Size())
			}

			// Operands broadcast to a result too big for an int: NumPy's
			// np.ones((4,1), np.float32) + np.broadcast_to(np.float32(1),
			// (1, 2**60)), the same refused when fused into a sum.
			x := f.Ones(Float32, 4, 1)
			y := s.BroadcastTo(1, 1<<60)
			wantError(t, "(4,1) + (1,2**60)", MemoryError, tooBig, func() { Add(x, y) })
			wantError(t, "((4,1) + (1,2**60)).Sum()", MemoryError, tooBig, func() { Add(x, y).Sum() })
			if !slices.Equal(x.Data().([]float32), []float32{1, 1, 1, 1}) {
				t.Errorf("an operand changed: %v", x.Data())
			}
			// The element count itself overflows: NumPy's
			// np.broadcast_shapes message.
			wantError(t, "(4,1) & (1,2**62)", MemoryError, "broadcast dimensions too large.",
				func() { LogicalAnd(f.Ones(Bool, 4, 1), big.Reshape(1, -1)) })

			// np.concatenate / np.stack of two 2**62 views.
			wantError(t, "Concatenate", MemoryError, tooBig, func() { Concatenate([]*Array{big, big}, 0) })
			wantError(t, "Stack", MemoryError, tooBig, func() { Stack([]*Array{big, big}, 0) })

			// A matmul's batch dims broadcast past an int.
			m1 := f.Zeros(Float32, 1, 1, 1).BroadcastTo(1<<32, 1, 1, 1)
			m2 := f.Zeros(Float32, 1, 1, 1).BroadcastTo(1, 1<<32, 1, 1)
			if e := catch(func() { MatMul(m1, m2) }); e == nil || e.Kind != MemoryError {
				t.Errorf("MatMul with a batch of 2**64: %v, want a MemoryError", e)
			}
		})
	}
}

// withMaxMemory runs f with the CPU allocation limit set to bytes.
func withMaxMemory(bytes int64, f func()) {
	prev := cpu.SetMaxMemory(bytes)
	defer cpu.SetMaxMemory(prev)
	f()
}

// TestMemoryGate: an allocation larger than the CPU devices' limit is
// refused with NumPy's MemoryError before anything is allocated, its
// inputs untouched (issue 16, item 3). The limit is set low, 1 MiB, so
// that a refusal that came too late would not be noticed as an abort but
// as a wrong answer.
func TestMemoryGate(t *testing.T) {
	for _, name := range []string{"cpu-loop", "cpu-simd"} {
		dev := must(device.Get(name))
		f := On(dev)
		t.Run(name, func(t *testing.T) {
			withMaxMemory(1<<20, func() {
				wantError(t, "Zeros 2 MiB", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (524288,) and data type float32",
					func() { f.Zeros(Float32, 1<<19) })
				wantError(t, "Ones (512, 1024)", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (512, 1024) and data type float32",
					func() { f.Ones(Float32, 512, 1024) })
				if a := f.Zeros(Float32, 1<<17); a.Size() != 1<<17 { // 512 KiB
					t.Errorf("Zeros 512 KiB: size %d", a.Size())
				}
				if a := f.Zeros(Int64, 1<<17); a.Size() != 1<<17 { // 1 MiB: at the limit
					t.Errorf("Zeros 1 MiB: size %d", a.Size())
				}

				// The issue's .npy: (0, 6, 2**40) is empty; its sum over
				// axis 0 is not. Here (0, 6, 2**20), whose sum is 24 MiB.
				empty := f.Zeros(Float32, 0, 6, 1<<20)
				wantError(t, "Sum(0) of (0, 6, 2**20)", MemoryError,
					"Unable to allocate 24.0 MiB for an array with shape (6, 1048576) and data type float32",
					func() { empty.Sum(0) })
				if !slices.Equal(empty.Shape(), []int{0, 6, 1 << 20}) {
					t.Errorf("the input changed: %v", empty.Shape())
				}

				// An elementwise result, computed when it is needed.
				row := f.Ones(Float32, 1).BroadcastTo(1 << 19)
				wantError(t, "Add 2 MiB", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (524288,) and data type float32",
					func() { Add(row, row).Eval() })
				wantError(t, "FromHost 2 MiB", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (512, 1024) and data type float32",
					func() { f.FromHost(make([]float32, 1<<19), 512, 1024) })
				wantError(t, "Data 2 MiB", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (2, 262144) and data type float32",
					func() { f.Ones(Float32, 1, 1).BroadcastTo(2, 1<<18).Data() })
				wantError(t, "Uniform 2 MiB", MemoryError, "Unable to allocate 2.00 MiB for an array with shape (1024, 512) and data type float32",
					func() { NewGenerator(1).On(dev).Uniform(Float32, 0, 1, 1024, 512) })
			})
		})
	}
}

// TestMemoryErrorShape: the case itself, 24 TiB, on every device
// (the CPU's limit lowered to 1 GiB; the GPU's gate is its budget): the
// MemoryError names the array's shape as NumPy's does, though the device
// sees a flat count.
func TestMemoryErrorShape(t *testing.T) {
	withMaxMemory(1<<30, func() {
		for _, dev := range sizeDevices(t) {
			empty := On(dev).Zeros(Float32, 0, 6, 1<<40)
			wantError(t, dev.Name()+": Sum(0) of (0, 6, 2**40)", MemoryError,
				"Unable to allocate 24.0 TiB for an array with shape (6, 1099511627776) and data type float32",
				func() { empty.Sum(0) })
		}
	})
}
