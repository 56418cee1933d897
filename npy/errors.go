package npy

import (
	"errors"
	"fmt"
)

// The kinds of error Read and its relatives return. Every error they
// return wraps exactly one of these (test with errors.Is) and says in its
// message what was wrong and where.
var (
	// ErrNotNPY: the data does not start with the .npy magic string.
	ErrNotNPY = errors.New("not a .npy file")
	// ErrVersion: a format version other than 1.0, 2.0 and 3.0.
	ErrVersion = errors.New("unsupported .npy format version")
	// ErrHeader: the header is not the Python dict literal the format
	// specifies (missing or extra keys, a shape that is not a tuple of
	// non-negative ints, a header over MaxHeaderLen bytes, ...).
	ErrHeader = errors.New("malformed .npy header")
	// ErrDType: a well-formed descr naming a dtype numgl does not hold
	// (uint8, float16, complex, structured and object arrays, ...).
	ErrDType = errors.New("unsupported dtype")
	// ErrTruncated: the data ends before the header or the elements it
	// announces.
	ErrTruncated = errors.New("truncated .npy data")
	// ErrNPZ: the .npz archive is not a valid zip, or has no such entry.
	ErrNPZ = errors.New("invalid .npz archive")
)

// errorf returns an error wrapping kind with a message saying what is
// wrong: "npy: truncated .npy data: ...".
func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("npy: %w: %s", kind, fmt.Sprintf(format, args...))
}
