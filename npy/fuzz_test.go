package npy_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// FuzzRead feeds the parser arbitrary bytes, seeded with every NumPy
// fixture: it must return an array or an error, never panic or allocate
// beyond the input's size, and an array it reads must write and read
// back the same.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/numpy/*.npy")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(npyFile(1, "{'descr': '<U3', 'fortran_order': True, 'shape': (2, 2), }", make([]byte, 48)))
	f.Add(npyFile(3, "{'descr': '|S2', 'fortran_order': False, 'shape': (3,), }", []byte("abcdef")))
	dev := device.MustGet("cpu-loop")
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := npy.Read(bytes.NewReader(b), dev)
		a2, err2 := npy.Read(onlyReader{bytes.NewReader(b)}, dev)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("sized reader: %v; unsized reader: %v", err, err2)
		}
		npy.ReadStrings(bytes.NewReader(b))
		if err != nil {
			return
		}
		if !sameElements(a.Data(), a2.Data()) {
			t.Fatalf("the two readers differ")
		}
		var buf bytes.Buffer
		if err := npy.Write(&buf, a); err != nil {
			t.Fatal(err)
		}
		back, err := npy.Read(&buf, dev)
		if err != nil {
			t.Fatalf("reading what numgl wrote: %v", err)
		}
		if back.DType() != a.DType() || !sameElements(back.Data(), a.Data()) {
			t.Fatalf("round trip changed the array")
		}
	})
}

// FuzzReadNPZ feeds arbitrary archives to the .npz reader, seeded with
// small stored and deflated archives (NumPy's fixtures are large enough
// to make the fuzzer's minimising slow).
func FuzzReadNPZ(f *testing.F) {
	cpu := device.MustGet("cpu-loop")
	for _, compress := range []bool{false, true} {
		var buf bytes.Buffer
		zw := npy.NewNPZWriter(&buf, compress)
		zw.Write("a", tensor.On(cpu).FromHost([]float32{1, 2, 3, 4}, 2, 2), npy.FortranOrder)
		zw.Write("b", tensor.On(cpu).FromHost([]bool{true}))
		zw.Close()
		f.Add(buf.Bytes())
	}
	dev := device.MustGet("cpu-loop")
	f.Fuzz(func(t *testing.T, b []byte) {
		z, err := npy.NewNPZ(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for _, name := range z.Names() {
			z.Read(name, dev)
			z.ReadStrings(name)
		}
	})
}
