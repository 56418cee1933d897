package npy

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// chunkLen is how many bytes of elements are read and decoded at a time.
const chunkLen = 64 << 10

// Read reads a .npy file from r into a new array on dev (device.Default()
// when dev is nil), as numpy.load does. Elements in either byte order are
// converted to the host's; a Fortran-ordered file gives a Fortran-ordered
// array (the transpose of a C-ordered one: a view with reversed strides),
// as NumPy gives. Bytes after the elements are not read.
//
// Any problem with the data is a returned error wrapping ErrNotNPY,
// ErrVersion, ErrHeader, ErrDType or ErrTruncated, never a panic. The
// header's shape is checked against the bytes r can still give before
// elements are allocated when r tells its length (a *bytes.Reader, an
// *os.File, any io.Seeker); otherwise elements are read in chunks and the
// storage grows with the bytes actually read, so a header that lies about
// its size costs no more memory than the data that is there.
func Read(r io.Reader, dev device.Device) (*tensor.Array, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, err
	}
	avail := remaining(r)
	return readArray(r, h, dev, avail, avail >= 0)
}

// ReadBytes is Read from a byte slice.
func ReadBytes(b []byte, dev device.Device) (*tensor.Array, error) {
	return Read(bytes.NewReader(b), dev)
}

// ReadFile is Read from the named file. Errors name the file.
func ReadFile(name string, dev device.Device) (*tensor.Array, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := Read(f, dev)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return a, nil
}

// remaining returns how many bytes r can still give, or -1 when r does
// not say.
func remaining(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case io.Seeker:
		cur, err := r.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		end, err := r.Seek(0, io.SeekEnd)
		if err != nil {
			return -1
		}
		if _, err := r.Seek(cur, io.SeekStart); err != nil {
			return -1
		}
		return end - cur
	}
	return -1
}

// readArray reads the elements h announces from r and makes the array on
// dev. avail is the number of bytes r says it has left, or -1 when
// unknown; sized says that avail can be trusted to allocate the elements
// at once (the bytes are really there).
func readArray(r io.Reader, h *Header, dev device.Device, avail int64, sized bool) (*tensor.Array, error) {
	if !h.DType.Valid() {
		return nil, errorf(ErrDType, "descr %q is a string dtype: use ReadStrings", h.Descr)
	}
	if avail >= 0 && int64(h.DataLen()) > avail {
		return nil, errorf(ErrTruncated, "the header says shape %s of %s, %d bytes, and %d bytes follow it",
			formatShape(h.Shape), h.Descr, h.DataLen(), avail)
	}
	host, err := readHost(r, h, sized)
	if err != nil {
		return nil, err
	}
	if dev == nil {
		dev = device.Default()
	}
	return makeArray(dev, host, h.Shape, h.FortranOrder)
}

// makeArray uploads host to dev with the given shape, C- or
// Fortran-ordered. A failure of the device (out of memory) is returned.
func makeArray(dev device.Device, host any, shape []int, fortran bool) (a *tensor.Array, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				e = fmt.Errorf("%v", r)
			}
			a, err = nil, fmt.Errorf("npy: making the array on %s: %w", dev.Name(), e)
		}
	}()
	if !fortran || len(shape) < 2 {
		return tensor.On(dev).FromHost(host, append([]int{}, shape...)...), nil
	}
	rev := make([]int, len(shape))
	for i, d := range shape {
		rev[len(shape)-1-i] = d
	}
	return tensor.On(dev).FromHost(host, rev...).Transpose(), nil
}

// readHost reads the elements into a Go slice of h.DType's type.
// sized says that the input was checked to hold them all, so the slice
// can be allocated at once.
func readHost(r io.Reader, h *Header, sized bool) (any, error) {
	n, bo := h.Size(), h.ByteOrder
	switch h.DType {
	case dtype.Bool:
		return decode(r, n, 1, sized, func(b []byte) bool { return b[0] != 0 })
	case dtype.Int32:
		return decode(r, n, 4, sized, func(b []byte) int32 { return int32(bo.Uint32(b)) })
	case dtype.Int64:
		return decode(r, n, 8, sized, func(b []byte) int64 { return int64(bo.Uint64(b)) })
	case dtype.Float32:
		return decode(r, n, 4, sized, func(b []byte) float32 { return math.Float32frombits(bo.Uint32(b)) })
	case dtype.Float64:
		return decode(r, n, 8, sized, func(b []byte) float64 { return math.Float64frombits(bo.Uint64(b)) })
	}
	return nil, errorf(ErrDType, "descr %q", h.Descr)
}

// decode reads n elements of size bytes each and converts each with
// conv. Unless sized, the slice starts small and grows with the data
// actually read.
func decode[T any](r io.Reader, n, size int, sized bool, conv func([]byte) T) ([]T, error) {
	capHint := n
	if !sized {
		capHint = min(n, chunkLen/size)
	}
	out := make([]T, 0, capHint)
	buf := make([]byte, min(n*size, chunkLen))
	for len(out) < n {
		k := min(n-len(out), len(buf)/size)
		chunk := buf[:k*size]
		if err := readFull(r, chunk, fmt.Sprintf("the elements (%d of %d read)", len(out), n)); err != nil {
			return nil, err
		}
		for i := 0; i < len(chunk); i += size {
			out = append(out, conv(chunk[i:i+size]))
		}
	}
	return out, nil
}

// ReadStrings reads a .npy file of strings ('<U5' NumPy str, '|S3' bytes)
// from r: the strings in C order, trailing NULs removed as NumPy removes
// them, and the shape. numgl arrays do not hold strings; this is for the
// metadata of .npz files (a model's activation name, its class labels).
func ReadStrings(r io.Reader) ([]string, []int, error) {
	h, err := ReadHeader(r)
	if err != nil {
		return nil, nil, err
	}
	avail := remaining(r)
	return readStrings(r, h, avail, avail >= 0)
}

func readStrings(r io.Reader, h *Header, avail int64, sized bool) ([]string, []int, error) {
	isU := h.Kind == 'U'
	if !isU && h.Kind != 'S' {
		return nil, nil, errorf(ErrDType, "descr %q is not a string dtype", h.Descr)
	}
	if avail >= 0 && int64(h.DataLen()) > avail {
		return nil, nil, errorf(ErrTruncated, "the header says shape %s of %s, %d bytes, and %d bytes follow it",
			formatShape(h.Shape), h.Descr, h.DataLen(), avail)
	}
	bo := h.ByteOrder
	strs, err := decode(r, h.Size(), h.ItemSize, sized, func(b []byte) string {
		if !isU {
			return string(bytes.TrimRight(b, "\x00"))
		}
		var s []byte
		for i := 0; i < len(b); i += 4 {
			c := rune(bo.Uint32(b[i:]))
			if !utf8.ValidRune(c) {
				c = utf8.RuneError
			}
			s = utf8.AppendRune(s, c)
		}
		return strings.TrimRight(string(s), "\x00")
	})
	if err != nil {
		return nil, nil, err
	}
	if h.FortranOrder && len(h.Shape) > 1 {
		strs = fortranToC(strs, h.Shape)
	}
	return strs, h.Shape, nil
}

// fortranToC reorders elements stored in Fortran order into C order.
func fortranToC[T any](f []T, shape []int) []T {
	out := make([]T, len(f))
	idx := make([]int, len(shape))
	fstride := make([]int, len(shape))
	s := 1
	for i, d := range shape {
		fstride[i] = s
		s *= d
	}
	for c := range out {
		off := 0
		for i, v := range idx {
			off += v * fstride[i]
		}
		out[c] = f[off]
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
	}
	return out
}
