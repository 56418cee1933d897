package npy_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/numgl/numgl/cpu"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// fuzzMaxMemory is the CPU allocation limit while the fuzz targets use
// what they read: a header that lies about its size must be refused
// (or cost no more than this), never abort the process.
const fuzzMaxMemory = 64 << 20

// useSeeds are small .npy files whose headers ask for much more than
// they hold: the (0, 6, 2**40), whose sum over axis 0 is 24 TiB,
// an empty (2**30, 0) whose product with its transpose is 4 EiB, shapes
// whose bytes overflow an int, and two honest arrays.
func useSeeds() [][]byte {
	hdr := func(descr, shape string) string {
		return fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape)
	}
	return [][]byte{
		npyFile(1, hdr("<f4", "(0, 6, 1099511627776)"), nil),
		npyFile(1, hdr("<f8", "(1073741824, 0)"), nil),
		npyFile(1, hdr("<f4", "(0, 4611686018427387904, 4611686018427387904)"), nil),
		npyFile(1, hdr("<i8", "(4, 4611686018427387906)"), make([]byte, 64)),
		npyFile(1, hdr("<f4", "(2, 3)"), make([]byte, 24)),
		npyFile(1, hdr("|b1", "(3,)"), []byte{1, 0, 1}),
	}
}

// useArray runs reductions, reshapes, a matmul and indexing on a: each
// must give an array or panic with a *tensor.Error (a MemoryError for
// what does not fit), never any other panic.
func useArray(t *testing.T, a *tensor.Array) {
	try := func(what string, f func()) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			var e *tensor.Error
			if err, ok := r.(error); !ok || !errors.As(err, &e) {
				t.Fatalf("%s of %v %v: untyped panic: %v", what, a.DType(), a.Shape(), r)
			}
		}()
		f()
	}
	shape := a.Shape()
	try("Sum()", func() { a.Sum() })
	for ax := range shape {
		try(fmt.Sprintf("Sum(%d)", ax), func() { a.Sum(ax) })
		try(fmt.Sprintf("Max(%d)", ax), func() { a.Max(ax) })
	}
	try("Reshape(-1)", func() { a.Reshape(-1) })
	if len(shape) >= 2 {
		try("Reshape(n, -1)", func() { a.Reshape(shape[0], -1) })
		try("Reshape(-1, n)", func() { a.Reshape(-1, shape[len(shape)-1]) })
		try("MatMul(a, a.T)", func() { tensor.MatMul(a, a.T()) })
		try("MatMul(a.T, a)", func() { tensor.MatMul(a.T(), a) })
	}
	if len(shape) >= 1 && shape[0] > 0 {
		try("Get(0)", func() { a.Get(0) })
		try("Get(-1)", func() { a.Get(-1) })
		try("Get(S(0, 2))", func() { a.Get(tensor.S(0, 2)).Copy() })
	}
	try("Add", func() { tensor.Add(a, a).Eval() })
}

// useDevices are the CPU devices, whose allocation gate the fuzz targets
// lower to fuzzMaxMemory.
func useDevices() []device.Device {
	return []device.Device{device.MustGet("cpu-loop"), device.MustGet("cpu-simd")}
}

// FuzzReadUse reads arbitrary bytes as .npy and, when that works, uses
// the array (useArray) on each CPU device, so that a lying header can
// never reach an allocation the gate does not refuse.
func FuzzReadUse(f *testing.F) {
	for _, b := range useSeeds() {
		f.Add(b)
	}
	prev := cpu.SetMaxMemory(fuzzMaxMemory)
	f.Cleanup(func() { cpu.SetMaxMemory(prev) })
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, dev := range useDevices() {
			a, err := npy.Read(bytes.NewReader(b), dev)
			if err != nil {
				continue
			}
			useArray(t, a)
		}
	})
}

// FuzzReadNPZUse is FuzzReadUse for .npz archives: every member that
// reads is used.
func FuzzReadNPZUse(f *testing.F) {
	for _, method := range []uint16{zip.Store, zip.Deflate} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i, b := range useSeeds()[:2] {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("m%d.npy", i), Method: method})
			if err != nil {
				f.Fatal(err)
			}
			w.Write(b)
		}
		if err := zw.Close(); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	prev := cpu.SetMaxMemory(fuzzMaxMemory)
	f.Cleanup(func() { cpu.SetMaxMemory(prev) })
	f.Fuzz(func(t *testing.T, b []byte) {
		z, err := npy.NewNPZ(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for _, name := range z.Names() {
			for _, dev := range useDevices() {
				if a, err := z.Read(name, dev); err == nil {
					useArray(t, a)
				}
			}
		}
	})
}

// TestLyingHeader: the 128-byte file loads (it is empty) and its
// sum over axis 0, 24 TiB, is refused with NumPy's MemoryError; a header
// whose bytes overflow an int is refused when read, as NumPy refuses to
// make such an array.
func TestLyingHeader(t *testing.T) {
	seeds := useSeeds()
	for _, dev := range useDevices() {
		a, err := npy.ReadBytes(seeds[0], dev)
		if err != nil {
			t.Fatalf("%s: reading (0, 6, 2**40): %v", dev.Name(), err)
		}
		var e *tensor.Error
		func() {
			defer func() { errors.As(recover().(error), &e) }()
			a.Sum(0)
		}()
		want := "Unable to allocate 24.0 TiB for an array with shape (6, 1099511627776) and data type float32"
		if e == nil || e.Kind != tensor.MemoryError || e.Msg != want {
			t.Errorf("%s: Sum(0) of (0, 6, 2**40): %v, want MemoryError %q", dev.Name(), e, want)
		}
		for _, b := range seeds[2:4] {
			_, err := npy.ReadBytes(b, dev)
			if !errors.Is(err, npy.ErrHeader) || !strings.Contains(err.Error(), "array is too big") {
				t.Errorf("%s: a header too big for an int: %v", dev.Name(), err)
			}
		}
	}
}
