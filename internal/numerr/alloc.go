package numerr

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// AllocFailed returns NumPy's MemoryError, Kind Memory, for an array of
// the given shape and dtype name that would take bytes bytes: "Unable to
// allocate 256. GiB for an array with shape (68719476736,) and data type
// float32". The shape is printed as Python prints a tuple. A device that
// sees only a flat element count n passes []int{n}.
func AllocFailed(shape []int, dtype string, bytes uint64) *Error {
	return &Error{Kind: Memory, Msg: "Unable to allocate " + SizeString(bytes) +
		" for an array with shape " + PyTuple(shape) + " and data type " + dtype}
}

// SizeString writes a byte count as NumPy's MemoryError does
// (numpy/core/_exceptions.py, _size_to_string): the binary unit that
// keeps the value under 1024 after rounding, with three significant
// digits and Python's '#' point when under 1000 units ("1.00 KiB",
// "24.0 TiB", "256. GiB"), all the digits otherwise ("1000. KiB"), and
// whole bytes below 1 KiB ("512 bytes").
func SizeString(bytes uint64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := max(bits.Len64(bytes)-1, 1) / 10
	v := float64(bytes) / math.Exp2(float64(10*i))
	if math.RoundToEven(v) == 1024 && i+1 < len(units) {
		i++
		v /= 1024
	}
	switch {
	case i == 0:
		return strconv.FormatFloat(v, 'f', 0, 64) + " " + units[0]
	case math.RoundToEven(v) < 1000:
		return sig3(v) + " " + units[i]
	}
	return strconv.FormatFloat(v, 'f', 0, 64) + ". " + units[i]
}

// sig3 formats v, at least 1 and under 1000, as Python's '{:#.3g}': three
// significant digits, trailing zeros and the point kept ("1.00", "16.0",
// "256.").
func sig3(v float64) string {
	s := strconv.FormatFloat(v, 'g', 3, 64)
	if !strings.Contains(s, ".") {
		s += "."
	}
	for len(s) < 4 { // three digits and the point
		s += "0"
	}
	return s
}

// PyTuple formats a shape as Python's repr of a tuple of ints: "()",
// "(3,)", "(6, 1099511627776)".
func PyTuple(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
