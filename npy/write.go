package npy

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/numgl/numgl/tensor"
)

// WriteOption changes how Write lays out a file.
type WriteOption func(*writeOpts)

type writeOpts struct {
	fortran bool
	order   binary.ByteOrder
	major   byte
}

// FortranOrder writes the elements in Fortran order (the first index
// varies fastest) with fortran_order True in the header, as NumPy saves
// an F-contiguous array. As in NumPy, an array whose Fortran and C
// layouts are the same bytes (at most one axis longer than 1, or no
// elements) is written as C-ordered.
func FortranOrder(o *writeOpts) { o.fortran = true }

// BigEndian writes multi-byte elements big-endian ('>f4'). The default is
// little-endian ('<f4'), as NumPy writes on every common machine.
func BigEndian(o *writeOpts) { o.order = binary.BigEndian }

// Version writes format version major.0 (1, 2 or 3). By default Write
// picks 1.0, or 2.0 for a header too long for 1.0, as NumPy does; 2.0
// and 3.0 differ from 1.0 only in a 4-byte header length (and 3.0 in a
// UTF-8 header, which numgl's headers never need).
func Version(major int) WriteOption {
	return func(o *writeOpts) { o.major = byte(min(max(major, 0), 255)) }
}

// Write writes a as a .npy file to w, as numpy.save does: C order and
// little-endian unless the options say otherwise. The header is
// byte-for-byte the one NumPy 1.24 writes for the same array, so files
// compare equal to NumPy's. a may be any view; its elements are read back
// from its device.
func Write(w io.Writer, a *tensor.Array, opts ...WriteOption) error {
	o := writeOpts{order: binary.LittleEndian}
	for _, f := range opts {
		f(&o)
	}
	if o.major != 0 && (o.major < 1 || o.major > 3) {
		return fmt.Errorf("npy: format version %d.0: numgl writes 1.0, 2.0 and 3.0", o.major)
	}
	shape := a.Shape()
	o.fortran = o.fortran && fortranDiffers(shape)
	head, err := encodeHeader(descrOf(a.DType(), o.order), o.fortran, shape, o.major)
	if err != nil {
		return err
	}
	host, err := hostData(a, o.fortran)
	if err != nil {
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	return encode(w, host, o.order)
}

// WriteFile is Write to the named file, created or truncated.
func WriteFile(name string, a *tensor.Array, opts ...WriteOption) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, chunkLen)
	err = Write(bw, a, opts...)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// fortranDiffers reports whether an array of this shape has a Fortran
// layout other than its C layout: NumPy's "not C-contiguous" for an
// F-contiguous array.
func fortranDiffers(shape []int) bool {
	long := 0
	for _, d := range shape {
		if d == 0 {
			return false
		}
		if d > 1 {
			long++
		}
	}
	return long > 1
}

// hostData returns a's elements in C order, or in Fortran order (the C
// order of its transpose).
func hostData(a *tensor.Array, fortran bool) (host any, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				e = fmt.Errorf("%v", r)
			}
			host, err = nil, fmt.Errorf("npy: reading the array from %s: %w", a.Device().Name(), e)
		}
	}()
	if fortran {
		return a.Transpose().Data(), nil
	}
	return a.Data(), nil
}

// encode writes the elements of host in byte order bo, a chunk at a time.
func encode(w io.Writer, host any, bo binary.ByteOrder) error {
	switch s := host.(type) {
	case []bool:
		return encodeSlice(w, s, 1, func(b []byte, v bool) {
			b[0] = 0
			if v {
				b[0] = 1
			}
		})
	case []int32:
		return encodeSlice(w, s, 4, func(b []byte, v int32) { bo.PutUint32(b, uint32(v)) })
	case []int64:
		return encodeSlice(w, s, 8, func(b []byte, v int64) { bo.PutUint64(b, uint64(v)) })
	case []float32:
		return encodeSlice(w, s, 4, func(b []byte, v float32) { bo.PutUint32(b, math.Float32bits(v)) })
	case []float64:
		return encodeSlice(w, s, 8, func(b []byte, v float64) { bo.PutUint64(b, math.Float64bits(v)) })
	}
	return fmt.Errorf("npy: cannot write elements of type %T", host)
}

func encodeSlice[T any](w io.Writer, s []T, size int, put func([]byte, T)) error {
	buf := make([]byte, min(len(s)*size, chunkLen))
	for len(s) > 0 {
		k := min(len(s), len(buf)/size)
		for i, v := range s[:k] {
			put(buf[i*size:], v)
		}
		if _, err := w.Write(buf[:k*size]); err != nil {
			return err
		}
		s = s[k:]
	}
	return nil
}

// WriteStrings writes strings as a .npy array of NumPy str ('<U{n}', n
// the longest string's length in characters) of the given shape (nil: 1-d;
// []int{} for a 0-d array of one string), as numpy.save writes
// np.array(strings). It is the counterpart of ReadStrings, for metadata.
// Trailing NUL characters do not survive (NumPy strips them too).
func WriteStrings(w io.Writer, strs []string, shape []int) error {
	if shape == nil {
		shape = []int{len(strs)}
	}
	n := 1
	for _, d := range shape {
		if d < 0 {
			return fmt.Errorf("npy: negative dimension in shape %v", shape)
		}
		n *= d
	}
	if n != len(strs) {
		return fmt.Errorf("npy: %d strings do not make shape %s", len(strs), formatShape(shape))
	}
	width := 1
	runes := make([][]rune, len(strs))
	for i, s := range strs {
		runes[i] = []rune(s)
		width = max(width, len(runes[i]))
	}
	head, err := encodeHeader(fmt.Sprintf("<U%d", width), false, shape, 0)
	if err != nil {
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	buf := make([]byte, 4*width)
	for _, r := range runes {
		clear(buf)
		for i, c := range r {
			binary.LittleEndian.PutUint32(buf[4*i:], uint32(c))
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}
