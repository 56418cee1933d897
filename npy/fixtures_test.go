package npy_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// The fixtures in testdata/numpy were written by NumPy 1.24.2 with
// testdata/npyfixtures.py, which documents their names. values mirrors
// the script's values().

// python is the interpreter with NumPy that the live tests use.
const python = "/usr/bin/python3"

// devices are the devices the tests run on: every registered one that opens.
func devices(t testing.TB) []device.Device {
	var ds []device.Device
	for _, name := range device.Backends() {
		if d, err := device.Get(name); err == nil {
			ds = append(ds, d)
		} else if strings.HasPrefix(name, "gpu") && device.RequireGPU() {
			t.Fatalf("%s=1 and the GPU does not open: %v", device.EnvRequireGPU, err)
		} else {
			t.Logf("device %s does not open, not tested: %v", name, err)
		}
	}
	return ds
}

// values returns the n elements (C order) of a fixture of dtype dt. The
// NaN is NumPy's np.nan, bit for bit (Go's math.NaN has another payload).
func values(dt dtype.DType, n int) any {
	switch dt {
	case dtype.Bool:
		v := make([]bool, n)
		for i := range v {
			v[i] = i%3 == 0
		}
		return v
	case dtype.Int32:
		v := make([]int32, n)
		for i := range v {
			v[i] = int32((int64(i) - 7) * 98765431)
		}
		if n > 1 {
			v[0], v[1] = math.MinInt32, math.MaxInt32
		}
		return v
	case dtype.Int64:
		v := make([]int64, n)
		for i := range v {
			v[i] = (int64(i) - 7) * 123456789012345
		}
		if n > 1 {
			v[0], v[1] = math.MinInt64, math.MaxInt64
		}
		return v
	case dtype.Float32:
		v := make([]float32, n)
		for i := range v {
			v[i] = float32((float64(i) - 7) * 0.375)
		}
		if n > 5 {
			v[1], v[2], v[3], v[4], v[5] = float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), math.Float32frombits(0x7fc00000), float32(math.Pi)
		}
		return v
	case dtype.Float64:
		v := make([]float64, n)
		for i := range v {
			v[i] = (float64(i) - 7) * 0.375
		}
		if n > 5 {
			v[1], v[2], v[3], v[4], v[5] = math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.Float64frombits(0x7ff8000000000000), math.Pi
		}
		return v
	}
	panic(dt)
}

// fixture is what a fixture's name says.
type fixture struct {
	name    string
	dt      dtype.DType
	shape   []int
	fortran bool
	big     bool
	version int
}

var fixtureShapes = map[string][]int{"2x3x4": {2, 3, 4}, "7": {7}, "0x3": {0, 3}, "0d": {}}

// allFixtures lists every .npy fixture npyfixtures.py writes.
func allFixtures() []fixture {
	var out []fixture
	for _, dt := range dtype.All {
		endians := []string{"le", "be"}
		if dt == dtype.Bool {
			endians = []string{"na"}
		}
		for _, sname := range []string{"2x3x4", "7", "0x3", "0d"} {
			for _, order := range []string{"C", "F"} {
				for _, e := range endians {
					versions := []int{1}
					if sname == "2x3x4" {
						versions = []int{1, 2, 3}
					}
					for _, v := range versions {
						out = append(out, fixture{
							name: fmt.Sprintf("%s_%s_%s_%s_v%d.npy", dt, sname, order, e, v),
							dt:   dt, shape: fixtureShapes[sname], fortran: order == "F", big: e == "be", version: v,
						})
					}
				}
			}
		}
	}
	return out
}

// size is the number of elements of shape.
func size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// want returns the fixture's array on dev, C-ordered.
func (f fixture) want(dev device.Device) *tensor.Array {
	return tensor.On(dev).FromHost(values(f.dt, size(f.shape)), append([]int{}, f.shape...)...)
}

// options returns the write options that make numgl write the fixture.
func (f fixture) options() []npy.WriteOption {
	opts := []npy.WriteOption{npy.Version(f.version)}
	if f.fortran {
		opts = append(opts, npy.FortranOrder)
	}
	if f.big {
		opts = append(opts, npy.BigEndian)
	}
	return opts
}

// sameElements compares host slices bit for bit (NaN is NaN, -0 is not 0).
func sameElements(got, want any) bool {
	switch w := want.(type) {
	case []float32:
		g := got.([]float32)
		if len(g) != len(w) {
			return false
		}
		for i := range w {
			if math.Float32bits(g[i]) != math.Float32bits(w[i]) && !(g[i] != g[i] && w[i] != w[i]) {
				return false
			}
		}
		return true
	case []float64:
		g := got.([]float64)
		if len(g) != len(w) {
			return false
		}
		for i := range w {
			if math.Float64bits(g[i]) != math.Float64bits(w[i]) && !(g[i] != g[i] && w[i] != w[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, want)
}

// checkArray checks an array read from a file against the fixture: its
// dtype, shape, elements, device, and a Fortran layout for a Fortran file.
func checkArray(t *testing.T, what string, a *tensor.Array, f fixture, dev device.Device) {
	t.Helper()
	if a.Device() != dev {
		t.Errorf("%s: on %s, want %s", what, a.Device().Name(), dev.Name())
	}
	if a.DType() != f.dt || !reflect.DeepEqual(a.Shape(), f.shape) && !(len(a.Shape()) == 0 && len(f.shape) == 0) {
		t.Fatalf("%s: %v %v, want %v %v", what, a.DType(), a.Shape(), f.dt, f.shape)
	}
	if got, want := a.Data(), values(f.dt, size(f.shape)); !sameElements(got, want) {
		t.Errorf("%s: elements\n got %v\nwant %v", what, got, want)
	}
	if f.fortran && len(f.shape) > 1 {
		st := a.Strides()
		if f.shape[0] > 1 && st[0] != 1 {
			t.Errorf("%s: a Fortran file gave strides %v, want a Fortran layout", what, st)
		}
	}
}

// TestNumPyFixtures reads every file NumPy wrote on every device, and
// checks that numgl writes the same bytes for the same array.
func TestNumPyFixtures(t *testing.T) {
	fixtures := allFixtures()
	files, _ := filepath.Glob("testdata/numpy/*.npy")
	if len(files) != len(fixtures) {
		t.Fatalf("%d fixture files in testdata/numpy, want %d: rerun testdata/npyfixtures.py write testdata/numpy", len(files), len(fixtures))
	}
	devs := devices(t)
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/numpy", f.name))
			if err != nil {
				t.Fatal(err)
			}
			h, err := npy.ReadHeader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if int(h.Major) != f.version || h.DType != f.dt {
				t.Errorf("header %+v", h)
			}
			if f.big && h.ByteOrder != binary.BigEndian || !f.big && h.ByteOrder != binary.LittleEndian {
				t.Errorf("byte order %v", h.ByteOrder)
			}
			for _, dev := range devs {
				a, err := npy.ReadBytes(raw, dev)
				if err != nil {
					t.Fatalf("%s: %v", dev.Name(), err)
				}
				checkArray(t, dev.Name(), a, f, dev)

				// numgl writes what NumPy wrote, from a C-ordered array
				// and from the array as read (Fortran-ordered for F files).
				for _, src := range []*tensor.Array{f.want(dev), a} {
					var buf bytes.Buffer
					if err := npy.Write(&buf, src, f.options()...); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(buf.Bytes(), raw) {
						t.Errorf("%s: numgl wrote\n%q\nNumPy wrote\n%q", dev.Name(), buf.Bytes(), raw)
					}
				}
			}
		})
	}
}

// npzWant are the arrays of the .npz fixtures (npz_arrays in the script).
func npzWant() map[string]fixture {
	return map[string]fixture{
		"f32":                 {dt: dtype.Float32, shape: []int{2, 3, 4}},
		"f64_F":               {dt: dtype.Float64, shape: []int{2, 3, 4}, fortran: true},
		"i64_be":              {dt: dtype.Int64, shape: []int{7}, big: true},
		"i32_0d":              {dt: dtype.Int32, shape: []int{}},
		"b":                   {dt: dtype.Bool, shape: []int{0, 3}},
		"layer0.dense.weight": {dt: dtype.Float32, shape: []int{2, 3, 4}, fortran: true, big: true},
	}
}

func TestNPZFixtures(t *testing.T) {
	for _, file := range []string{"arrays_stored.npz", "arrays_deflated.npz"} {
		t.Run(file, func(t *testing.T) {
			checkNPZ(t, filepath.Join("testdata/numpy", file))
		})
	}
}

func checkNPZ(t *testing.T, path string) {
	want := npzWant()
	z, err := npy.OpenNPZ(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if len(z.Names()) != len(want) {
		t.Errorf("names %v", z.Names())
	}
	for _, dev := range devices(t) {
		for _, name := range z.Names() {
			f, ok := want[name]
			if !ok {
				t.Errorf("unexpected entry %q", name)
				continue
			}
			a, err := z.Read(name, dev)
			if err != nil {
				t.Fatalf("%s: %v", dev.Name(), err)
			}
			checkArray(t, dev.Name()+" "+name, a, f, dev)
		}
	}
	all, err := npy.LoadNPZ(path, device.MustGet("cpu-loop"))
	if err != nil || len(all) != len(want) {
		t.Errorf("LoadNPZ: %d arrays, %v", len(all), err)
	}
}

func TestStringFixtures(t *testing.T) {
	z, err := npy.OpenNPZ("testdata/numpy/strings.npz")
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for name, want := range map[string]struct {
		s     []string
		shape []int
	}{
		"activation": {[]string{"relu"}, []int{}},
		"labels":     {[]string{"a", "bc", "d\u00e9f", ""}, []int{2, 2}},
		"labels_F":   {[]string{"a", "bc", "x", "d\u00e9f", "", "yz"}, []int{2, 3}},
		"bytes":      {[]string{"x", "yz\x00w"}, []int{2}},
	} {
		s, shape, err := z.ReadStrings(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(s, want.s) || len(shape) != len(want.shape) || len(shape) > 0 && !reflect.DeepEqual(shape, want.shape) {
			t.Errorf("%s: %q %v, want %q %v", name, s, shape, want.s, want.shape)
		}
	}
	if _, err := z.Read("activation", nil); err == nil {
		t.Errorf("Read of a string array: no error")
	}

	// WriteStrings writes NumPy's bytes.
	zr, err := zip.OpenReader("testdata/numpy/strings.npz")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, c := range []struct {
		entry string
		s     []string
		shape []int
	}{
		{"activation.npy", []string{"relu"}, []int{}},
		{"labels.npy", []string{"a", "bc", "d\u00e9f", ""}, []int{2, 2}},
	} {
		rc, err := zr.Open(c.entry)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		var buf bytes.Buffer
		if err := npy.WriteStrings(&buf, c.s, c.shape); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), raw) {
			t.Errorf("%s: numgl wrote\n%q\nNumPy wrote\n%q", c.entry, buf.Bytes(), raw)
		}
		s, shape, err := npy.ReadStrings(&buf)
		if err != nil || !reflect.DeepEqual(s, c.s) || len(shape) != len(c.shape) {
			t.Errorf("%s: read back %q %v %v", c.entry, s, shape, err)
		}
	}
	if err := npy.WriteStrings(io.Discard, []string{"a"}, []int{2}); err == nil {
		t.Errorf("WriteStrings of 1 string as shape (2,): no error")
	}
}

// hasNumPy reports whether python has NumPy.
func hasNumPy() bool {
	return exec.Command(python, "-c", "import numpy").Run() == nil
}

// TestNumPyLive runs both directions with the NumPy installed here: NumPy
// writes every fixture afresh and numgl reads them; numgl writes every
// fixture (from C- and Fortran-ordered arrays, on every device) and NumPy
// checks them.
func TestNumPyLive(t *testing.T) {
	if !hasNumPy() {
		t.Skipf("%s with NumPy is not available; the committed fixtures stand in", python)
	}
	script, _ := filepath.Abs("testdata/npyfixtures.py")

	// NumPy → numgl.
	fromNumPy := t.TempDir()
	if out, err := exec.Command(python, script, "write", fromNumPy).CombinedOutput(); err != nil {
		t.Fatalf("npyfixtures.py write: %v\n%s", err, out)
	}
	dev := device.MustGet("cpu-loop")
	for _, f := range allFixtures() {
		a, err := npy.ReadFile(filepath.Join(fromNumPy, f.name), dev)
		if err != nil {
			t.Fatal(err)
		}
		checkArray(t, f.name, a, f, dev)
	}
	checkNPZ(t, filepath.Join(fromNumPy, "arrays_deflated.npz"))

	// numgl → NumPy, from every device.
	for _, dev := range devices(t) {
		dir := t.TempDir()
		for _, f := range allFixtures() {
			src := f.want(dev)
			if f.fortran && len(f.shape) > 1 {
				src = src.Transpose().Copy().Transpose() // Fortran-ordered storage
			}
			if err := npy.WriteFile(filepath.Join(dir, f.name), src, f.options()...); err != nil {
				t.Fatal(err)
			}
		}
		for _, compress := range []bool{false, true} {
			arrays := map[string]*tensor.Array{}
			for name, f := range npzWant() {
				arrays[name] = f.want(dev)
			}
			// The per-array options (order, byte order) travel through
			// an NPZWriter.
			var buf bytes.Buffer
			zw := npy.NewNPZWriter(&buf, compress)
			for name, f := range npzWant() {
				if err := zw.Write(name, arrays[name], f.options()...); err != nil {
					t.Fatal(err)
				}
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("arrays_%v.npz", compress)), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := npy.SaveNPZ(filepath.Join(dir, fmt.Sprintf("saved_%v.npz", compress)), arrays, compress); err != nil {
				t.Fatal(err)
			}
		}
		out, err := exec.Command(python, script, "check", dir).CombinedOutput()
		t.Logf("%s: NumPy: %s", dev.Name(), bytes.TrimSpace(out))
		if err != nil {
			t.Errorf("%s: NumPy rejects files numgl wrote: %v", dev.Name(), err)
		}
	}
}
