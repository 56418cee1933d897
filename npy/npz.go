package npy

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/tensor"
)

// NPZ is an open .npz archive: a zip file of .npy files, as numpy.savez
// (stored) and numpy.savez_compressed (deflated) write them. An entry
// "name.npy" is the array "name", as numpy.load's NpzFile names it.
type NPZ struct {
	files  map[string]*zip.File
	names  []string
	size   int64
	closer io.Closer
}

// OpenNPZ opens the named .npz file. Close it when done.
func OpenNPZ(name string) (*NPZ, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	z, err := NewNPZ(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	z.closer = f
	return z, nil
}

// NewNPZ reads the directory of a .npz archive of size bytes from r.
func NewNPZ(r io.ReaderAt, size int64) (*NPZ, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errorf(ErrNPZ, "%v", err)
	}
	z := &NPZ{files: map[string]*zip.File{}, size: size}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a directory
		}
		name := strings.TrimSuffix(f.Name, ".npy")
		if _, dup := z.files[name]; dup {
			return nil, errorf(ErrNPZ, "two entries named %q", name)
		}
		z.files[name] = f
		z.names = append(z.names, name)
	}
	return z, nil
}

// Close closes the file OpenNPZ opened (nothing for NewNPZ).
func (z *NPZ) Close() error {
	if z.closer == nil {
		return nil
	}
	err := z.closer.Close()
	z.closer = nil
	return err
}

// Names returns the names of the arrays, in the archive's order, without
// the ".npy" suffix.
func (z *NPZ) Names() []string { return append([]string{}, z.names...) }

// Has reports whether the archive holds an array called name.
func (z *NPZ) Has(name string) bool { _, ok := z.files[name]; return ok }

// open opens an entry and reads its header. avail is the number of
// bytes of elements the entry can hold; sized says that they can be
// allocated at once (a stored entry inside the archive's size).
func (z *NPZ) open(name string) (rc io.ReadCloser, h *Header, avail int64, sized bool, err error) {
	f, ok := z.files[name]
	if !ok {
		return nil, nil, 0, false, errorf(ErrNPZ, "no array %q in the archive (it has %s)", name, strings.Join(z.names, ", "))
	}
	rc, err = f.Open()
	if err != nil {
		return nil, nil, 0, false, fmt.Errorf("npz entry %q: %w", f.Name, errorf(ErrNPZ, "%v", err))
	}
	cr := &countingReader{r: rc}
	h, err = ReadHeader(cr)
	if err != nil {
		rc.Close()
		return nil, nil, 0, false, fmt.Errorf("npz entry %q: %w", f.Name, err)
	}
	// The entry's size from the zip directory bounds the elements; a
	// stored entry is also no longer than its compressed size, which must
	// lie within the archive for its elements to be allocated at once.
	declared := f.UncompressedSize64
	if f.Method == zip.Store {
		declared = min(declared, f.CompressedSize64)
	}
	avail = max(int64(min(declared, 1<<62))-cr.n, 0)
	sized = f.Method == zip.Store && f.CompressedSize64 <= uint64(z.size)
	return rc, h, avail, sized, nil
}

// Header returns the header of the array called name.
func (z *NPZ) Header(name string) (*Header, error) {
	rc, h, _, _, err := z.open(name)
	if err != nil {
		return nil, err
	}
	rc.Close()
	return h, nil
}

// Read reads the array called name onto dev (device.Default() when nil),
// with Read's checks: the header's size is checked against the entry's
// before anything is allocated, and a deflated entry's elements are
// allocated as they are inflated.
func (z *NPZ) Read(name string, dev device.Device) (*tensor.Array, error) {
	rc, h, avail, sized, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	a, err := readArray(rc, h, dev, avail, sized)
	if err == nil {
		err = drain(rc)
	}
	if err != nil {
		return nil, fmt.Errorf("npz entry %q: %w", z.files[name].Name, err)
	}
	return a, nil
}

// ReadStrings reads the string array called name (see ReadStrings).
func (z *NPZ) ReadStrings(name string) ([]string, []int, error) {
	rc, h, avail, sized, err := z.open(name)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	s, shape, err := readStrings(rc, h, avail, sized)
	if err == nil {
		err = drain(rc)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("npz entry %q: %w", z.files[name].Name, err)
	}
	return s, shape, nil
}

// LoadNPZ reads every array of the named .npz file onto dev (numpy.load
// of an .npz, read at once). String arrays are an ErrDType error: read
// them with NPZ.ReadStrings.
func LoadNPZ(name string, dev device.Device) (map[string]*tensor.Array, error) {
	z, err := OpenNPZ(name)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	out := make(map[string]*tensor.Array, len(z.names))
	for _, n := range z.names {
		a, err := z.Read(n, dev)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[n] = a
	}
	return out, nil
}

// drain reads what is left of a zip entry after its elements, up to 64
// KiB, so that the zip reader checks the entry's CRC-32 at its end.
func drain(rc io.Reader) error {
	_, err := io.CopyN(io.Discard, rc, 64<<10)
	if err != nil && err != io.EOF {
		return errorf(ErrNPZ, "%v", err)
	}
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NPZWriter writes a .npz archive, one array at a time.
type NPZWriter struct {
	zw     *zip.Writer
	method uint16
	names  map[string]bool
}

// NewNPZWriter returns a writer of a .npz archive to w: entries deflated
// when compress is true (numpy.savez_compressed), stored otherwise
// (numpy.savez). Close it to finish the archive.
func NewNPZWriter(w io.Writer, compress bool) *NPZWriter {
	m := zip.Store
	if compress {
		m = zip.Deflate
	}
	return &NPZWriter{zw: zip.NewWriter(w), method: m, names: map[string]bool{}}
}

// Write adds the array a as the entry name + ".npy", written as Write
// writes it.
//
// The name must be a safe relative path: a name that is empty, holds a NUL
// byte, starts with "/" or "\", or has a ".." component is refused with
// an error, and nothing is written. This deliberately differs from
// numpy.savez, which writes any name, so that an archive numgl writes can
// never extract outside its directory or carry a name cut short at a NUL.
func (z *NPZWriter) Write(name string, a *tensor.Array, opts ...WriteOption) error {
	if err := checkEntryName(name); err != nil {
		return err
	}
	if z.names[name] {
		return fmt.Errorf("npz: array %q written twice", name)
	}
	z.names[name] = true
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: z.method})
	if err != nil {
		return err
	}
	return Write(w, a, opts...)
}

// WriteStrings adds the strings as the entry name + ".npy", written as
// WriteStrings writes them. Names are checked as Write checks them.
func (z *NPZWriter) WriteStrings(name string, strs []string, shape []int) error {
	if err := checkEntryName(name); err != nil {
		return err
	}
	if z.names[name] {
		return fmt.Errorf("npz: array %q written twice", name)
	}
	z.names[name] = true
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: z.method})
	if err != nil {
		return err
	}
	return WriteStrings(w, strs, shape)
}

// checkEntryName refuses an array name that would make an unsafe zip
// entry (see NPZWriter.Write): empty, holding a NUL byte, starting with
// "/" or "\", or with a ".." path component between "/" or "\"
// separators. Once extracted by an unzip tool such a name could name a
// file outside the extraction directory, or be cut short at the NUL.
func checkEntryName(name string) error {
	switch {
	case name == "":
		return errors.New("npz: an empty array name")
	case strings.IndexByte(name, 0) >= 0:
		return fmt.Errorf("npz: array name %q holds a NUL byte", name)
	case name[0] == '/' || name[0] == '\\':
		return fmt.Errorf("npz: array name %q is an absolute path", name)
	}
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return fmt.Errorf("npz: array name %q has a \"..\" path component", name)
		}
	}
	return nil
}

// Close finishes the archive (its central directory). It does not close
// the underlying writer.
func (z *NPZWriter) Close() error { return z.zw.Close() }

// SaveNPZ writes arrays to the named file as a .npz archive (deflated
// when compress is true), in the order of their sorted names. Names are
// checked as NPZWriter.Write checks them (unlike numpy.savez, unsafe
// names are refused).
func SaveNPZ(name string, arrays map[string]*tensor.Array, compress bool, opts ...WriteOption) error {
	for n := range arrays {
		if err := checkEntryName(n); err != nil {
			return err // before the file is created
		}
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	zw := NewNPZWriter(f, compress)
	names := make([]string, 0, len(arrays))
	for n := range arrays {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err = zw.Write(n, arrays[n], opts...); err != nil {
			break
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
