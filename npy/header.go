package npy

import (
	"github.com/numgl/numgl/internal/numerr"

	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/dtype"
)

// Magic is the string every .npy file starts with.
const Magic = "\x93NUMPY"

// MaxHeaderLen is the longest header Read accepts, in bytes: NumPy's own
// default limit (numpy.lib.format._MAX_HEADER_SIZE). A header is at most a
// few hundred bytes for any array numgl can hold.
const MaxHeaderLen = 10000

// MaxDims is the most axes a header may give: NumPy 2's NPY_MAXDIMS.
const MaxDims = 64

// growthDigits is NumPy's GROWTH_AXIS_MAX_DIGITS: the header leaves room
// for the growth axis to reach 21 digits, padded with spaces.
const growthDigits = 21

// arrayAlign is the alignment of the data: the magic, the version, the
// header length and the header together are a multiple of 64 bytes.
const arrayAlign = 64

// Header is what the header of a .npy file says about its array.
type Header struct {
	// Major and Minor are the format version: 1.0, 2.0 or 3.0.
	Major, Minor byte
	// Descr is the dtype as the file spells it ('<f4', '|b1', '>i8').
	Descr string
	// DType is the numgl dtype of Descr, or dtype.Invalid for a string
	// dtype ('<U5', '|S3'), which only ReadStrings reads.
	DType dtype.DType
	// ByteOrder is the byte order of the elements (little-endian for
	// one-byte elements, whose order does not matter).
	ByteOrder binary.ByteOrder
	// Kind is NumPy's dtype kind: 'b', 'i', 'f', or 'U' and 'S' for
	// strings.
	Kind byte
	// ItemSize is the number of bytes of one element.
	ItemSize int
	// FortranOrder is true when the elements are stored in Fortran order
	// (the first index varies fastest).
	FortranOrder bool
	// Shape is the array's shape; () is a 0-d array of one element.
	Shape []int
}

// Size returns the number of elements: the product of the shape.
func (h *Header) Size() int {
	n := 1
	for _, d := range h.Shape {
		n *= d
	}
	return n
}

// DataLen returns the number of bytes of the elements. ReadHeader has
// checked that it does not overflow an int.
func (h *Header) DataLen() int { return h.Size() * h.ItemSize }

// ReadHeader reads the magic string, the version and the header of a .npy
// file from r, leaving r at the first byte of the elements. It checks
// everything the header says: the keys, the shape (a tuple of
// non-negative ints whose byte size fits an int), and the dtype.
func ReadHeader(r io.Reader) (*Header, error) {
	var pre [8]byte
	n, err := io.ReadFull(r, pre[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("npy: reading the header: %w", err)
	}
	if m := min(n, len(Magic)); string(pre[:m]) != Magic[:m] {
		return nil, errorf(ErrNotNPY, "starts with %q, not %q", pre[:m], Magic)
	}
	if n == 0 {
		return nil, errorf(ErrTruncated, "empty input")
	}
	if n < len(pre) {
		return nil, errorf(ErrTruncated, "%d bytes, fewer than the magic string and version (8)", n)
	}
	h := &Header{Major: pre[6], Minor: pre[7]}
	var hlen int
	switch {
	case h.Major == 1 && h.Minor == 0:
		var b [2]byte
		if err := readFull(r, b[:], "the header length"); err != nil {
			return nil, err
		}
		hlen = int(binary.LittleEndian.Uint16(b[:]))
	case (h.Major == 2 || h.Major == 3) && h.Minor == 0:
		var b [4]byte
		if err := readFull(r, b[:], "the header length"); err != nil {
			return nil, err
		}
		n := binary.LittleEndian.Uint32(b[:])
		if n > MaxHeaderLen {
			return nil, errorf(ErrHeader, "header length %d is over the limit of %d bytes", n, MaxHeaderLen)
		}
		hlen = int(n)
	default:
		return nil, errorf(ErrVersion, "version %d.%d (numgl reads 1.0, 2.0 and 3.0)", h.Major, h.Minor)
	}
	if hlen > MaxHeaderLen {
		return nil, errorf(ErrHeader, "header length %d is over the limit of %d bytes", hlen, MaxHeaderLen)
	}
	text := make([]byte, hlen)
	if err := readFull(r, text, fmt.Sprintf("the header of %d bytes", hlen)); err != nil {
		return nil, err
	}
	if err := h.parse(text); err != nil {
		return nil, err
	}
	return h, nil
}

// readFull reads len(b) bytes of what, returning ErrTruncated when the
// input ends first and other read errors wrapped.
func readFull(r io.Reader, b []byte, what string) error {
	n, err := io.ReadFull(r, b)
	switch err {
	case nil:
		return nil
	case io.EOF, io.ErrUnexpectedEOF:
		return errorf(ErrTruncated, "the input ends %d bytes into %s", n, what)
	}
	return fmt.Errorf("npy: reading %s: %w", what, err)
}

// parse fills h from the header text.
func (h *Header) parse(text []byte) error {
	var s string
	if h.Major >= 3 {
		if !utf8.Valid(text) {
			return errorf(ErrHeader, "a version 3.0 header that is not UTF-8")
		}
		s = string(text)
	} else {
		// Latin-1: every byte is a character. Only ASCII can be valid
		// here, and non-ASCII bytes fail in the parser with a message.
		s = string(text)
	}
	v, err := parsePyLiteral(s, h.Major <= 2)
	if err != nil {
		return errorf(ErrHeader, "cannot parse the header %s: %v", quoteHeader(s), err)
	}
	if v.Kind != pyDict {
		return errorf(ErrHeader, "the header is of type %s, not a dict: %s", v.Kind, quoteHeader(s))
	}
	var descr, fortran, shape *pyValue
	for i := 0; i < len(v.Items); i += 2 {
		k, val := v.Items[i], &v.Items[i+1]
		if k.Kind != pyStr {
			return errorf(ErrHeader, "a header key of type %s, not a str", k.Kind)
		}
		var slot **pyValue
		switch k.Str {
		case "descr":
			slot = &descr
		case "fortran_order":
			slot = &fortran
		case "shape":
			slot = &shape
		default:
			return errorf(ErrHeader, "unexpected key %q (the keys are 'descr', 'fortran_order' and 'shape')", k.Str)
		}
		if *slot != nil {
			return errorf(ErrHeader, "key %q given twice", k.Str)
		}
		*slot = val
	}
	switch {
	case descr == nil:
		return errorf(ErrHeader, "no 'descr' key")
	case fortran == nil:
		return errorf(ErrHeader, "no 'fortran_order' key")
	case shape == nil:
		return errorf(ErrHeader, "no 'shape' key")
	}
	if fortran.Kind != pyBool {
		return errorf(ErrHeader, "fortran_order is of type %s, not a bool", fortran.Kind)
	}
	h.FortranOrder = fortran.Bool
	if shape.Kind != pyTuple {
		return errorf(ErrHeader, "shape is of type %s, not a tuple", shape.Kind)
	}
	if len(shape.Items) > MaxDims {
		return errorf(ErrHeader, "shape has %d axes, more than %d", len(shape.Items), MaxDims)
	}
	h.Shape = make([]int, len(shape.Items))
	for i, d := range shape.Items {
		if d.Kind != pyInt {
			return errorf(ErrHeader, "shape item %d is of type %s, not an int", i, d.Kind)
		}
		if d.Int < 0 {
			return errorf(ErrHeader, "shape item %d is negative (%d)", i, d.Int)
		}
		if d.Int > math.MaxInt {
			return errorf(ErrHeader, "dimension %d is too large", d.Int)
		}
		h.Shape[i] = int(d.Int)
	}
	if descr.Kind != pyStr {
		return errorf(ErrDType, "descr is of type %s (structured dtypes are not supported)", descr.Kind)
	}
	if err := h.parseDescr(descr.Str); err != nil {
		return err
	}
	// The byte size must fit an int, checked as NumPy checks a new array:
	// the zero dims left out, so (0, 2**62, 2**62) is refused although it
	// has no elements (broadcast.CheckedSize).
	if _, err := broadcast.CheckedSize(h.Shape, h.ItemSize); err != nil {
		return errorf(ErrHeader, "shape %s of %s: %v", formatShape(h.Shape), h.Descr, err)
	}
	return nil
}

// parseDescr sets Descr, DType, ByteOrder and ItemSize from a descr
// string such as '<f4'.
func (h *Header) parseDescr(d string) error {
	h.Descr = d
	if len(d) < 2 {
		return errorf(ErrDType, "descr %q", d)
	}
	order, kind, size := d[0], d[1], d[2:]
	switch order {
	case '<', '|':
		h.ByteOrder = binary.LittleEndian
	case '>':
		h.ByteOrder = binary.BigEndian
	case '=':
		h.ByteOrder = binary.NativeEndian
	default:
		// NumPy also accepts a descr without a byte order ('f4'); it is
		// native then.
		kind, size = d[0], d[1:]
		h.ByteOrder = binary.NativeEndian
	}
	n, err := strconv.Atoi(size)
	if err != nil || n <= 0 || n > MaxHeaderLen {
		return errorf(ErrDType, "descr %q", d)
	}
	h.ItemSize, h.Kind = n, kind
	switch {
	case kind == 'b' && n == 1:
		h.DType = dtype.Bool
	case kind == 'i' && n == 4:
		h.DType = dtype.Int32
	case kind == 'i' && n == 8:
		h.DType = dtype.Int64
	case kind == 'f' && n == 4:
		h.DType = dtype.Float32
	case kind == 'f' && n == 8:
		h.DType = dtype.Float64
	case kind == 'U':
		// UCS-4 strings: n characters of 4 bytes.
		if n > MaxHeaderLen/4 {
			return errorf(ErrDType, "descr %q", d)
		}
		h.ItemSize = 4 * n
	case kind == 'S':
	default:
		return errorf(ErrDType, "descr %q (numgl holds bool '|b1', int32 '<i4', int64 '<i8', float32 '<f4' and float64 '<f8', either byte order)", d)
	}
	if n == 1 && kind != 'U' {
		h.ByteOrder = binary.LittleEndian
	}
	return nil
}

// quoteHeader quotes a header for an error message, shortened.
func quoteHeader(s string) string {
	s = strings.Trim(s, " \n")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return strconv.Quote(s)
}

// formatShape formats a shape as Python's repr of a tuple: (), (3,),
// (2, 3).
func formatShape(shape []int) string { return numerr.PyTuple(shape) }

// descrOf returns the descr of dt in byte order bo: '<f4', '>i8', '|b1'.
func descrOf(dt dtype.DType, bo binary.ByteOrder) string {
	if dt == dtype.Bool {
		return "|b1"
	}
	c := "<"
	if bo == binary.BigEndian {
		c = ">"
	}
	switch dt {
	case dtype.Int32:
		return c + "i4"
	case dtype.Int64:
		return c + "i8"
	case dtype.Float32:
		return c + "f4"
	case dtype.Float64:
		return c + "f8"
	}
	panic(fmt.Sprintf("npy: no descr for dtype %v", dt))
}

// encodeHeader returns the magic, version, header length and header of
// an array, exactly as NumPy 1.24's numpy.lib.format.write_array writes
// them: the dict's keys sorted, room for the growth axis to reach 21
// digits, and spaces and a newline up to a multiple of 64 bytes. major 0
// picks the oldest version that can hold the header, as NumPy does.
func encodeHeader(descr string, fortran bool, shape []int, major byte) ([]byte, error) {
	var b strings.Builder
	b.WriteString("{'descr': '")
	b.WriteString(descr)
	b.WriteString("', 'fortran_order': ")
	if fortran {
		b.WriteString("True")
	} else {
		b.WriteString("False")
	}
	b.WriteString(", 'shape': ")
	b.WriteString(formatShape(shape))
	b.WriteString(", }")
	if len(shape) > 0 {
		growth := shape[0]
		if fortran {
			growth = shape[len(shape)-1]
		}
		b.WriteString(strings.Repeat(" ", max(0, growthDigits-len(strconv.Itoa(growth)))))
	}
	text := b.String()
	if major == 0 {
		major = 1
		if len(text)+1+len(Magic)+4 >= 1<<16 {
			major = 2
		}
	}
	lenSize := 4
	if major == 1 {
		lenSize = 2
	}
	hlen := len(text) + 1
	pad := arrayAlign - (len(Magic)+2+lenSize+hlen)%arrayAlign
	total := hlen + pad
	if major == 1 && total >= 1<<16 {
		return nil, fmt.Errorf("npy: header of %d bytes is too long for format version 1.0", total)
	}
	out := make([]byte, 0, len(Magic)+2+lenSize+total)
	out = append(out, Magic...)
	out = append(out, major, 0)
	if major == 1 {
		out = binary.LittleEndian.AppendUint16(out, uint16(total))
	} else {
		out = binary.LittleEndian.AppendUint32(out, uint32(total))
	}
	out = append(out, text...)
	out = append(out, strings.Repeat(" ", pad)...)
	out = append(out, '\n')
	return out, nil
}
