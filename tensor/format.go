package tensor

import (
	"github.com/numgl/numgl/internal/numerr"

	"math"
	"strconv"
	"strings"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/dtype"
)

// NumPy's default print options (numpy.get_printoptions() in NumPy 1.24),
// which String follows.
const (
	printPrecision = 8    // digits after the point, at most
	printThreshold = 1000 // arrays with more elements are summarised
	printEdgeItems = 3    // elements kept at each end of a summarised axis
	printLineWidth = 75   // columns
)

// String returns the array as NumPy's repr prints it with its default print
// options (NumPy 1.24: precision 8, floatmode "maxprec", threshold 1000,
// edgeitems 3, linewidth 75):
//
//	array([[1., 2.],
//	       [3., 4.]], dtype=float32)
//
// float64, int64 and bool arrays omit the dtype, as NumPy does for its
// default types; empty arrays always carry it. Floats print with the
// fewest digits that identify them (at most 8 after the point), padded to
// a common width, in scientific notation when the non-zero magnitudes span
// more than a factor of 1000, reach 1e8 or fall below 1e-4. Arrays of more
// than 1000 elements print the first and last three items of every axis
// longer than six, with "..." between. Only those items are read back from
// the device.
func (a *Array) String() string {
	shape := a.live().shape
	if broadcast.Size(shape) <= printThreshold {
		return formatArray(a.dt, shape, a.Data())
	}
	cshape, host := a.corners()
	return formatCorners(a.dt, shape, cshape, host)
}

// corners returns the items a summarised print shows: for every axis
// longer than 2*printEdgeItems only the first and last printEdgeItems,
// in C order, and the shape of that block. Each corner block is read back
// as a view, so the device copies out only what is printed.
func (a *Array) corners() ([]int, any) {
	nd := len(a.shape)
	cshape := make([]int, nd)
	var cut []int // the summarised axes
	for k, n := range a.shape {
		cshape[k] = n
		if n > 2*printEdgeItems {
			cshape[k] = 2 * printEdgeItems
			cut = append(cut, k)
		}
	}
	host := newHostSlice(a.dt, broadcast.Size(cshape))
	cstrides := broadcast.ContiguousStrides(cshape)
	for mask := 0; mask < 1<<len(cut); mask++ {
		bshape := append([]int{}, cshape...)
		off, dst := a.offset, 0
		for j, k := range cut {
			bshape[k] = printEdgeItems
			if mask&(1<<j) != 0 {
				off += (a.shape[k] - printEdgeItems) * a.strides[k]
				dst += printEdgeItems * cstrides[k]
			}
		}
		block := a.view(bshape, a.strides, off).Data()
		scatterBlock(host, dst, cstrides, bshape, block)
	}
	return cshape, host
}

// newHostSlice returns a zeroed Go slice of n elements of dt.
func newHostSlice(dt DType, n int) any {
	switch dt {
	case dtype.Bool:
		return make([]bool, n)
	case dtype.Int32:
		return make([]int32, n)
	case dtype.Int64:
		return make([]int64, n)
	case dtype.Float32:
		return make([]float32, n)
	case dtype.Float64:
		return make([]float64, n)
	}
	raise(DTypeError, "data type %v not understood", dt)
	return nil
}

// scatterBlock copies src, a C-order block of shape bshape, into dst starting
// at element off, with dst's strides.
func scatterBlock(dst any, off int, strides, bshape []int, src any) {
	switch d := dst.(type) {
	case []bool:
		scatterBlockT(d, off, strides, bshape, src.([]bool))
	case []int32:
		scatterBlockT(d, off, strides, bshape, src.([]int32))
	case []int64:
		scatterBlockT(d, off, strides, bshape, src.([]int64))
	case []float32:
		scatterBlockT(d, off, strides, bshape, src.([]float32))
	case []float64:
		scatterBlockT(d, off, strides, bshape, src.([]float64))
	}
}

func scatterBlockT[T any](dst []T, off int, strides, bshape []int, src []T) {
	idx := make([]int, len(bshape))
	for _, v := range src {
		p := off
		for k, i := range idx {
			p += i * strides[k]
		}
		dst[p] = v
		for k := len(idx) - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < bshape[k] {
				break
			}
			idx[k] = 0
		}
	}
}

// formatArray returns NumPy's repr (see Array.String) of an array of dtype
// dt and the given shape whose elements, in C order, are host: a []bool,
// []int32, []int64, []float32 or []float64 of the shape's size.
func formatArray(dt DType, shape []int, host any) string {
	size := broadcast.Size(shape)
	if size <= printThreshold {
		return formatCorners(dt, shape, shape, host)
	}
	// Keep only what is printed, as NumPy's _leading_trailing does.
	cshape := make([]int, len(shape))
	for k, n := range shape {
		cshape[k] = min(n, 2*printEdgeItems)
	}
	corner := newHostSlice(dt, broadcast.Size(cshape))
	strides := broadcast.ContiguousStrides(shape)
	idx := make([]int, len(shape))
	for c := range broadcast.Size(cshape) {
		p := 0
		for k, i := range idx {
			if cshape[k] != shape[k] && i >= printEdgeItems {
				i += shape[k] - cshape[k]
			}
			p += i * strides[k]
		}
		copyHostElem(corner, c, host, p)
		for k := len(idx) - 1; k >= 0; k-- {
			idx[k]++
			if idx[k] < cshape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return formatCorners(dt, shape, cshape, corner)
}

// copyHostElem sets dst[i] = src[j] for two slices of one element type.
func copyHostElem(dst any, i int, src any, j int) {
	switch d := dst.(type) {
	case []bool:
		d[i] = src.([]bool)[j]
	case []int32:
		d[i] = src.([]int32)[j]
	case []int64:
		d[i] = src.([]int64)[j]
	case []float32:
		d[i] = src.([]float32)[j]
	case []float64:
		d[i] = src.([]float64)[j]
	}
}

// formatCorners is formatArray given only the printed items: host holds, in
// C order, an array of shape cshape, which is shape with every axis that a
// summarised print cuts (more than printThreshold elements in all and more
// than 2*printEdgeItems on the axis) cut to its first and last
// printEdgeItems. When nothing is cut, cshape is shape and host is all of
// it.
//
// It follows NumPy 1.24's array_repr, array2string and _formatArray.
func formatCorners(dt DType, shape, cshape []int, host any) string {
	const prefix = "array("
	size := broadcast.Size(shape)
	implied := dt == dtype.Float64 || dt == dtype.Int64 || dt == dtype.Bool
	skipDType := implied && size > 0
	var body string
	switch {
	case size > 0:
		suffix := ","
		if skipDType {
			suffix = ")"
		}
		p := printer{
			shape:    shape,
			cshape:   cshape,
			cstrides: broadcast.ContiguousStrides(cshape),
			words:    formatElements(dt, host, len(shape) == 0),
			summary:  size > printThreshold,
		}
		body = p.recurse(0, 0, strings.Repeat(" ", len(prefix)+1), printLineWidth-len(suffix))
	case len(shape) == 1:
		body = "[]"
	default:
		body = "[], shape=" + pyTuple(shape)
	}
	s := prefix + body
	if skipDType {
		return s + ")"
	}
	s += ","
	dtypeStr := "dtype=" + dt.String() + ")"
	// The dtype goes on a line of its own when it would overflow the last.
	lastLine := len(s) - (strings.LastIndexByte(s, '\n') + 1)
	if lastLine+len(dtypeStr)+1 > printLineWidth {
		return s + "\n" + strings.Repeat(" ", len(prefix)) + dtypeStr
	}
	return s + " " + dtypeStr
}

// pyTuple formats shape as Python's repr of a tuple: (2, 3), (4,), ().
func pyTuple(shape []int) string { return numerr.PyTuple(shape) }

// printer lays out formatted elements as NumPy's _formatArray does.
type printer struct {
	shape    []int    // the array's shape
	cshape   []int    // the shape of the printed items (see formatCorners)
	cstrides []int    // C-order strides of cshape
	words    []string // the printed items, formatted, in C order
	summary  bool     // whether axes longer than 2*printEdgeItems are cut
}

// recurse returns the text of the sub-array at axis whose first printed
// item is words[off]. hang is the indent of its continuation lines and
// width the columns it may use.
func (p *printer) recurse(axis, off int, hang string, width int) string {
	if axis == len(p.shape) {
		return p.words[off]
	}
	const sep = ", "
	nextHang, nextWidth := hang+" ", width-len("]")
	n := p.shape[axis]
	lead, trail := 0, n
	show := p.summary && 2*printEdgeItems < n
	if show {
		lead, trail = printEdgeItems, printEdgeItems
	}
	// item returns the text of item i (0 <= i < n) of this axis.
	item := func(i int) string {
		if p.cshape[axis] != n && i >= printEdgeItems {
			i -= n - p.cshape[axis]
		}
		return p.recurse(axis+1, off+i*p.cstrides[axis], nextHang, nextWidth)
	}
	var s strings.Builder
	if axesLeft := len(p.shape) - axis; axesLeft == 1 {
		// The last axis: items on lines, wrapped before they would
		// pass the width less room for the separator or bracket.
		elemWidth := width - max(len(strings.TrimRight(sep, " ")), len("]"))
		line := hang
		for i := range lead {
			line = extendLine(&s, line, item(i), elemWidth, hang) + sep
		}
		if show {
			line = extendLine(&s, line, "...", elemWidth, hang) + sep
		}
		for i := trail; i > 1; i-- {
			line = extendLine(&s, line, item(n-i), elemWidth, hang) + sep
		}
		line = extendLine(&s, line, item(n-1), elemWidth, hang)
		s.WriteString(line)
	} else {
		// Other axes: one sub-array after another, separated by as
		// many newlines as axes remain below.
		lineSep := strings.TrimRight(sep, " ") + strings.Repeat("\n", axesLeft-1)
		for i := range lead {
			s.WriteString(hang + item(i) + lineSep)
		}
		if show {
			s.WriteString(hang + "..." + lineSep)
		}
		for i := trail; i > 1; i-- {
			s.WriteString(hang + item(n-i) + lineSep)
		}
		s.WriteString(hang + item(n-1))
	}
	// Drop the hanging indent of the first line and wrap in brackets.
	return "[" + s.String()[len(hang):] + "]"
}

// extendLine appends word to line, first moving the line to s and
// starting a new one at indent when the word would pass width (unless the
// line holds nothing but the indent, where wrapping would not help). It
// returns the line.
func extendLine(s *strings.Builder, line, word string, width int, indent string) string {
	if len(line)+len(word) > width && len(line) > len(indent) {
		s.WriteString(strings.TrimRight(line, " ") + "\n")
		line = indent
	}
	return line + word
}

// formatElements formats every element of host, a slice of dt's Go type,
// with one formatter chosen from all of them, as NumPy does with the items
// it prints. zeroD is set for a 0-d array.
func formatElements(dt DType, host any, zeroD bool) []string {
	switch h := host.(type) {
	case []bool:
		t := " True"
		if zeroD {
			t = "True"
		}
		out := make([]string, len(h))
		for i, v := range h {
			out[i] = "False"
			if v {
				out[i] = t
			}
		}
		return out
	case []int32:
		return formatInts(h)
	case []int64:
		return formatInts(h)
	case []float32:
		v := make([]float64, len(h))
		for i, x := range h {
			v[i] = float64(x)
		}
		return newFloatFormat(v, 32).formatAll(v)
	case []float64:
		return newFloatFormat(h, 64).formatAll(h)
	}
	raise(DTypeError, "cannot format %T as %v", host, dt)
	return nil
}

// formatInts right-aligns the decimal integers to the width of the
// longest (NumPy's IntegerFormat).
func formatInts[T int32 | int64](h []T) []string {
	out := make([]string, len(h))
	width := 0
	for i, v := range h {
		out[i] = strconv.FormatInt(int64(v), 10)
		width = max(width, len(out[i]))
	}
	for i, s := range out {
		out[i] = strings.Repeat(" ", width-len(s)) + s
	}
	return out
}

// floatFormat is NumPy's FloatingFormat in its default mode ("maxprec",
// precision 8, sign "-"), fitted to the values it will print.
type floatFormat struct {
	bits      int  // 32 or 64: the shortest digits are those of this size
	exp       bool // scientific notation
	precision int  // scientific: the digits after the point, for every value
	expDigits int  // scientific: the digits of the exponent, at least
	padLeft   int  // columns left of the point
	padRight  int  // columns right of the point (scientific: with the exponent)
}

// newFloatFormat chooses the notation and the padding for vals (float32
// values converted exactly when bits is 32), as FloatingFormat.fillFormat.
func newFloatFormat(vals []float64, bits int) *floatFormat {
	f := &floatFormat{bits: bits}
	var finite []float64
	nonFinite, negInf := false, false
	maxAbs, minAbs := 0.0, math.Inf(1)
	for _, v := range vals {
		switch {
		case math.IsNaN(v):
			nonFinite = true
		case math.IsInf(v, 0):
			nonFinite = true
			negInf = negInf || v < 0
		default:
			finite = append(finite, v)
			if v != 0 {
				maxAbs = max(maxAbs, math.Abs(v))
				minAbs = min(minAbs, math.Abs(v))
			}
		}
	}
	if maxAbs > 0 {
		// NumPy divides in the array's dtype and compares in float64.
		ratio := maxAbs / minAbs
		if bits == 32 {
			ratio = float64(float32(maxAbs) / float32(minAbs))
		}
		f.exp = maxAbs >= 1e8 || minAbs < 1e-4 || ratio > 1e3
	}
	switch {
	case len(finite) == 0:
	case f.exp:
		// First the unique digits of each value, then all with as
		// many digits as the longest needs.
		for _, v := range finite {
			mant, exp := f.scientific(v)
			ip, fp, _ := strings.Cut(mant, ".")
			f.padLeft = max(f.padLeft, len(ip))
			f.precision = max(f.precision, len(fp))
			f.expDigits = max(f.expDigits, len(exp)-1)
		}
		f.padRight = f.expDigits + 2 + f.precision
	default:
		for _, v := range finite {
			ip, fp, _ := strings.Cut(f.positional(v), ".")
			f.padLeft = max(f.padLeft, len(ip))
			f.padRight = max(f.padRight, len(fp))
		}
	}
	if nonFinite {
		// Make room for "nan", "inf" and "-inf".
		infLen := len("inf")
		if negInf {
			infLen++
		}
		f.padLeft = max(f.padLeft, len("nan")-(f.padRight+1), infLen-(f.padRight+1))
	}
	return f
}

// formatAll formats each value.
func (f *floatFormat) formatAll(vals []float64) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = f.format(v)
	}
	return out
}

// format formats one value, padded to the common width.
func (f *floatFormat) format(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s := "nan"
		if math.IsInf(v, 1) {
			s = "inf"
		} else if math.IsInf(v, -1) {
			s = "-inf"
		}
		return padTo(s, f.padLeft+f.padRight+1)
	}
	if f.exp {
		// Exactly precision digits: the value's exact decimal
		// expansion rounded half to even, as Dragon4 with min_digits.
		s := strconv.FormatFloat(v, 'e', f.precision, f.bits)
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += "."
		}
		digits := exp[1:]
		if len(digits) < f.expDigits {
			digits = strings.Repeat("0", f.expDigits-len(digits)) + digits
		}
		ip, fp, _ := strings.Cut(mant, ".")
		return padTo(ip, f.padLeft) + "." + fp + "e" + exp[:1] + digits
	}
	ip, fp, _ := strings.Cut(f.positional(v), ".")
	return padTo(ip, f.padLeft) + "." + fp + strings.Repeat(" ", f.padRight-len(fp))
}

// positional returns v with the fewest digits that identify it, at most
// printPrecision after the point (rounding the exact value half to even
// past that), trailing zeros trimmed and the point kept: "1.", "0.5",
// "-0.".
func (f *floatFormat) positional(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, f.bits)
	if _, fp, ok := strings.Cut(s, "."); ok && len(fp) > printPrecision {
		s = strings.TrimRight(strconv.FormatFloat(v, 'f', printPrecision, f.bits), "0")
	}
	if !strings.Contains(s, ".") {
		s += "."
	}
	return s
}

// scientific returns v in scientific notation with the fewest digits that
// identify it, at most printPrecision after the point, trailing zeros
// trimmed and the point kept, split into the mantissa ("1.", "-2.5") and
// the exponent with its sign ("+05", "-123").
func (f *floatFormat) scientific(v float64) (mant, exp string) {
	s := strconv.FormatFloat(v, 'e', -1, f.bits)
	mant, exp, _ = strings.Cut(s, "e")
	if _, fp, ok := strings.Cut(mant, "."); ok && len(fp) > printPrecision {
		s = strconv.FormatFloat(v, 'e', printPrecision, f.bits)
		mant, exp, _ = strings.Cut(s, "e")
		mant = strings.TrimRight(mant, "0")
	}
	if !strings.Contains(mant, ".") {
		mant += "."
	}
	return mant, exp
}

// padTo right-aligns s in width columns.
func padTo(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}
