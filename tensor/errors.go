package tensor

import (
	"github.com/numgl/numgl/internal/numerr"
)

// Error is the error every misuse of the API panics with: a Kind and a
// message in NumPy's words. Recover it with errors.As:
//
//	defer func() {
//		var e *tensor.Error
//		if r := recover(); r != nil && errors.As(r.(error), &e) { ... }
//	}()
type Error = numerr.Error

// ErrorKind classifies an Error the way NumPy's exception classes do.
type ErrorKind = numerr.Kind

// The kinds of Error.
const (
	ShapeError  = numerr.Shape  // shapes that do not broadcast, reshape to another size
	AxisError   = numerr.Axis   // an axis out of range or repeated; axes that do not match
	IndexError  = numerr.Index  // an index out of bounds or of the wrong kind
	ValueError  = numerr.Value  // any other bad value
	DTypeError  = numerr.DType  // an operation the dtype does not support
	MemoryError = numerr.Memory // an allocation refused before it is made: too big for memory or for an int
)

// raise panics with a new *Error.
func raise(k ErrorKind, format string, args ...any) {
	panic(numerr.New(k, format, args...))
}

// check panics with err if it is not nil. Errors from broadcast are
// already *Error values.
func check(err error) {
	if err != nil {
		panic(err)
	}
}

// must returns v, or panics with err if it is not nil.
func must[T any](v T, err error) T {
	check(err)
	return v
}

// passTooLarge panics with err when it is a MemoryError: broadcast.Shapes
// refusing a result too large for an int. Callers that restate Shapes'
// mismatch error in their own words call it first.
func passTooLarge(err error) {
	if e, ok := err.(*Error); ok && e.Kind == MemoryError {
		panic(e)
	}
}
