// Package broadcast is numgl's shape algebra: NumPy's broadcasting rules,
// element strides, axis and index normalising, and Python's slice arithmetic.
// It knows nothing of dtypes, storage or devices; tensor resolves every
// operation with it before any device work, so that a caller's mistake is
// reported before anything is written.
//
// # Rules
//
// Shapes follows NumPy's broadcasting rules (numpy.broadcast_shapes):
//
//  1. Shapes of fewer dimensions are padded on the left with 1s.
//  2. Along each axis the sizes must be equal, or one of them must be 1;
//     a size-1 axis is stretched to the other size (a 1 stretches to 0 too).
//  3. Anything else is an error.
//
// For example (3,1,5) and (4,1) broadcast to (3,4,5), while (3,4) and (3,)
// do not broadcast.
//
// # Strides
//
// Strides are counted in elements, not bytes, and may be negative (reversed
// views). An operand is broadcast without copying: Strides gives it stride 0
// on every axis it gains or stretches, so one element is read many times.
// Seen at the target shape (3,4), a contiguous operand of shape (4,) and one
// of shape (3,1):
//
//	shape (4,)  strides (1,)         shape (3,1)  strides (1,1)
//	   -> (3,4)         (0,1)           -> (3,4)          (1,0)
//
//	  a b c d   row 0                     a a a a
//	  a b c d   row 1  (same memory)      b b b b
//	  a b c d   row 2                     c c c c
//	  ^ stride 0 down the columns           ^ stride 0 along the rows
//
// Broadcasting is for inputs only: an output with a stride-0 axis would
// write one element many times, and tensor rejects it while planning.
//
// Collapse then merges the axes that every operand walks as one run of
// memory and drops size-1 axes, so kernels loop over as few dimensions as
// possible: shape (2,3,4) with C-contiguous strides (12,4,1) collapses to
// shape (24,) with stride (1,).
//
// # Errors
//
// Functions return a caller's mistakes as errors instead of panicking; tensor
// turns them into panics with the *numerr.Error (seen by users as
// tensor.Error). Only Collapse panics, on strides that do not match its shape:
// it is handed validated plans, so that is a bug in numgl, not in the caller. Each error has
// a Kind (numerr.Shape, numerr.Axis, numerr.Index, numerr.Value) and a
// message in NumPy's exact words, for example Shapes' (numpy.broadcast_shapes')
//
//	shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3, 4) and arg 1 with shape (3,).
package broadcast
