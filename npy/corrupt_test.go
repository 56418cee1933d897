package npy_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/npy"
	"github.com/numgl/numgl/tensor"
)

// npyFile returns a .npy file of the given version with header text hdr
// (padded as NumPy pads it) followed by data.
func npyFile(major byte, hdr string, data []byte) []byte {
	lenSize := 4
	if major == 1 {
		lenSize = 2
	}
	hdr += "\n"
	for (6+2+lenSize+len(hdr))%64 != 0 {
		hdr = " " + hdr
	}
	b := append([]byte(npy.Magic), major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(hdr)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(hdr)))
	}
	return append(append(b, hdr...), data...)
}

// onlyReader hides every method of r but Read, so that Read cannot learn
// how many bytes are left.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestCorrupt(t *testing.T) {
	ok := "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
	data := make([]byte, 24)
	good := npyFile(1, ok, data)
	v2 := npyFile(2, ok, data)
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, npy.ErrTruncated},
		{"not npy", []byte("PK\x03\x04 a zip file"), npy.ErrNotNPY},
		{"short magic", []byte("\x93NUM"), npy.ErrTruncated},
		{"wrong magic", []byte("\x93NUMPX\x01\x00"), npy.ErrNotNPY},
		{"no version", []byte("\x93NUMPY"), npy.ErrTruncated},
		{"version 4.0", append([]byte("\x93NUMPY\x04\x00"), good[8:]...), npy.ErrVersion},
		{"version 1.1", append([]byte("\x93NUMPY\x01\x01"), good[8:]...), npy.ErrVersion},
		{"no header length", good[:9], npy.ErrTruncated},
		{"header cut", good[:40], npy.ErrTruncated},
		{"v2 header length over the limit", append([]byte("\x93NUMPY\x02\x00\xff\xff\xff\x7f"), v2[12:]...), npy.ErrHeader},
		{"v1 header length over the limit", append([]byte("\x93NUMPY\x01\x00\xff\xff"), good[10:]...), npy.ErrHeader},
		{"data cut", good[:len(good)-1], npy.ErrTruncated},
		{"no data", good[:len(good)-24], npy.ErrTruncated},
		{"not a dict", npyFile(1, "('<f4', False, (2, 3))", data), npy.ErrHeader},
		{"garbage", npyFile(1, "{'descr': '<f4', \x00}", data), npy.ErrHeader},
		{"unclosed", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ", data), npy.ErrHeader},
		{"missing key", npyFile(1, "{'descr': '<f4', 'shape': (2, 3), }", data), npy.ErrHeader},
		{"extra key", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", data), npy.ErrHeader},
		{"repeated key", npyFile(1, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", data), npy.ErrHeader},
		{"shape a list", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3], }", data), npy.ErrHeader},
		{"shape an int", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6), }", data), npy.ErrHeader},
		{"shape of floats", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2.0, 3), }", data), npy.ErrHeader},
		{"negative dimension", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }", data), npy.ErrHeader},
		{"huge dimension", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", data), npy.ErrHeader},
		{"size overflows", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", data), npy.ErrHeader},
		{"too many axes", npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ("+strings.Repeat("1, ", 65)+"), }", data), npy.ErrHeader},
		{"deep nesting", npyFile(1, "{'descr': "+strings.Repeat("(", 100)+"}", data), npy.ErrHeader},
		{"fortran_order an int", npyFile(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3), }", data), npy.ErrHeader},
		{"complex", npyFile(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (3,), }", data), npy.ErrDType},
		{"uint8", npyFile(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (24,), }", data), npy.ErrDType},
		{"float16", npyFile(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (12,), }", data), npy.ErrDType},
		{"structured", npyFile(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,), }", data), npy.ErrDType},
		{"object", npyFile(1, "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }", data), npy.ErrDType},
		{"strings", npyFile(1, "{'descr': '<U2', 'fortran_order': False, 'shape': (3,), }", data), npy.ErrDType},
		{"v3 not utf-8", npyFile(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } \xff", data), npy.ErrHeader},
		{"lying shape", npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", data), npy.ErrTruncated},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, r := range []io.Reader{bytes.NewReader(c.in), onlyReader{bytes.NewReader(c.in)}} {
				a, err := npy.Read(r, device.MustGet("cpu-loop"))
				if !errors.Is(err, c.want) {
					t.Fatalf("%T: got %v, %v; want an error wrapping %q", r, a, err, c.want)
				}
				t.Logf("%v", err)
			}
		})
	}
	// The well-formed ones read.
	for _, b := range [][]byte{good, v2, npyFile(1, "{'shape': (2,3,),'fortran_order':True,'descr':'>f4'}", data),
		npyFile(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }", data)} {
		if _, err := npy.ReadBytes(b, device.MustGet("cpu-loop")); err != nil {
			t.Errorf("%q: %v", b, err)
		}
	}
}

// TestLyingHeaderMemory: a header announcing 1 GiB over 1 MiB of data,
// from a reader that does not tell its length, costs memory in proportion
// to the data, not to the header.
func TestLyingHeaderMemory(t *testing.T) {
	f := npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (134217728,), }", make([]byte, 1<<20))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := npy.Read(onlyReader{bytes.NewReader(f)}, device.MustGet("cpu-loop"))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, npy.ErrTruncated) {
		t.Fatalf("got %v, want ErrTruncated", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("allocated %d bytes for 1 MiB of data", n)
	}
}

// zipWith returns an archive with one entry, whose header fields fix may
// change after the data is in (to lie about sizes).
func zipWith(t *testing.T, name string, method uint16, body []byte, fix func(*zip.FileHeader)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fh := &zip.FileHeader{Name: name, Method: method}
	var raw []byte
	if method == zip.Deflate {
		var c bytes.Buffer
		tmp := zip.NewWriter(&c)
		w, _ := tmp.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
		w.Write(body)
		tmp.Close()
		zr, _ := zip.NewReader(bytes.NewReader(c.Bytes()), int64(c.Len()))
		rr, _ := zr.File[0].OpenRaw()
		raw, _ = io.ReadAll(rr)
	} else {
		raw = body
	}
	fh.CRC32 = crc32.ChecksumIEEE(body)
	fh.CompressedSize64 = uint64(len(raw))
	fh.UncompressedSize64 = uint64(len(body))
	if fix != nil {
		fix(fh)
	}
	w, err := zw.CreateRaw(fh)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func TestCorruptNPZ(t *testing.T) {
	dev := device.MustGet("cpu-loop")
	ok := npyFile(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", make([]byte, 24))
	huge := npyFile(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", make([]byte, 24))
	for _, c := range []struct {
		name string
		zip  []byte
		want error
	}{
		{"not a zip", []byte("not a zip at all"), npy.ErrNPZ},
		{"truncated zip", zipWith(t, "a.npy", zip.Store, ok, nil)[:50], npy.ErrNPZ},
		{"bad entry", zipWith(t, "a.npy", zip.Store, []byte("garbage"), nil), npy.ErrNotNPY},
		{"stored, header lies", zipWith(t, "a.npy", zip.Store, huge, nil), npy.ErrTruncated},
		{"deflated, header lies", zipWith(t, "a.npy", zip.Deflate, huge, nil), npy.ErrTruncated},
		{"stored, header and directory lie", zipWith(t, "a.npy", zip.Store, huge, func(fh *zip.FileHeader) {
			fh.UncompressedSize64 = 1 << 50
		}), npy.ErrTruncated},
		{"deflated, header and directory lie", zipWith(t, "a.npy", zip.Deflate, huge, func(fh *zip.FileHeader) {
			fh.UncompressedSize64 = 1 << 50
		}), npy.ErrTruncated},
		{"bad checksum", zipWith(t, "a.npy", zip.Store, ok, func(fh *zip.FileHeader) { fh.CRC32++ }), npy.ErrNPZ},
	} {
		t.Run(c.name, func(t *testing.T) {
			z, err := npy.NewNPZ(bytes.NewReader(c.zip), int64(len(c.zip)))
			if err == nil {
				_, err = z.Read("a", dev)
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want an error wrapping %q", err, c.want)
			}
			t.Log(err)
		})
	}
	one := zipWith(t, "a.npy", zip.Store, ok, nil)
	z, err := npy.NewNPZ(bytes.NewReader(one), int64(len(one)))
	if err == nil {
		_, err = z.Read("b", dev)
	}
	if !errors.Is(err, npy.ErrNPZ) || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("missing entry: %v", err)
	}
}

func TestWriteErrors(t *testing.T) {
	a := tensor.On(device.MustGet("cpu-loop")).Zeros(tensor.Float32, 2)
	if err := npy.Write(io.Discard, a, npy.Version(4)); err == nil {
		t.Errorf("version 4: no error")
	}
	if err := npy.WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir.npy"), a); err == nil {
		t.Errorf("no directory: no error")
	}
	zw := npy.NewNPZWriter(io.Discard, false)
	if err := zw.Write("a", a); err != nil {
		t.Fatal(err)
	}
	if err := zw.Write("a", a); err == nil {
		t.Errorf("a name twice: no error")
	}
	if _, err := npy.ReadFile(filepath.Join(t.TempDir(), "missing.npy"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestRoundTripViews writes views (reversed, stepped, transposed) of
// arrays on every device in every order and byte order and reads them
// back.
func TestRoundTripViews(t *testing.T) {
	for _, dev := range devices(t) {
		base := tensor.On(dev).Arange(tensor.Float64, 0, 60, 1).Reshape(3, 4, 5)
		for _, v := range []*tensor.Array{
			base,
			base.Get(tensor.Colon.Step(-1), tensor.S(1, 4).Step(2)),
			base.Transpose(2, 0, 1),
			base.Get(1, tensor.Colon, 3).AsType(tensor.Int32),
			base.Greater(20.0),
		} {
			for _, opts := range [][]npy.WriteOption{nil, {npy.FortranOrder}, {npy.BigEndian}, {npy.FortranOrder, npy.BigEndian, npy.Version(3)}} {
				var buf bytes.Buffer
				if err := npy.Write(&buf, v, opts...); err != nil {
					t.Fatal(err)
				}
				got, err := npy.Read(&buf, dev)
				if err != nil {
					t.Fatal(err)
				}
				if !sameElements(got.Data(), v.Data()) || got.DType() != v.DType() {
					t.Errorf("%s: %v read back as %v", dev.Name(), v, got)
				}
			}
		}
	}
}
