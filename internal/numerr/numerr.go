// Package numerr holds the error type that numgl raises for misuse by the
// caller. It lives below every other package so that broadcast, device and
// tensor share one type; users see it as tensor.Error.
package numerr

import "fmt"

// Kind classifies a caller error the way NumPy's exception classes do.
type Kind int

const (
	// Shape: shapes that do not broadcast, a reshape to another size,
	// mismatched operands (NumPy's ValueError for these cases).
	Shape Kind = iota + 1
	// Axis: an axis out of range or repeated (NumPy's AxisError).
	Axis
	// Index: an index out of bounds, or an index of the wrong kind (IndexError).
	Index
	// Value: any other bad value, such as the maximum of an empty array (ValueError).
	Value
	// DType: an operation the dtype does not support (NumPy's TypeError / UFuncTypeError).
	DType
	// Memory: an allocation numgl refuses before making it, because it
	// cannot fit (NumPy's MemoryError, or ValueError "array is too big"
	// for sizes that overflow).
	Memory
)

// String returns the kind's name as the conformance format spells it.
func (k Kind) String() string {
	switch k {
	case Shape:
		return "shape"
	case Axis:
		return "axis"
	case Index:
		return "index"
	case Value:
		return "value"
	case DType:
		return "dtype"
	case Memory:
		return "memory"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a caller error: a Kind and a message in NumPy's words.
type Error struct {
	Kind Kind
	Msg  string
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// New returns an *Error of kind k with a formatted message.
func New(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}
