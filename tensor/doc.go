// Package tensor is numgl's array: NumPy's ndarray in Go, on any device.
//
//	a := tensor.Arange(tensor.Float32, 0, 12, 1).Reshape(3, 4)
//	row := a.Get(1)                      // a[1]        a view
//	col := a.Get(tensor.Colon, -1)         // a[:, -1]    a view
//	big := a.Get(a.Get(tensor.Colon, 0).AsType(tensor.Bool)) // a[mask] a copy
//	a.Set(0, tensor.Colon, tensor.S(0, 2)) // a[:, 0:2] = 0
//
// Names follow NumPy's in Go form (Zeros, Arange, Reshape, Transpose,
// Concatenate); each doc comment says which NumPy function it mirrors and
// where it differs.
//
// # Arrays and devices
//
// An Array is a dtype, a shape, strides and an offset into a Buffer that
// lives on one device (package device). The package-level creation
// functions use device.Default(); On(dev) creates on another device, and
// a.To(dev) moves an array. An operation on arrays of two devices panics
// with a message naming both.
//
// # Views and aliasing
//
// Basic indexing (ints, slices, NewAxis, Ellipsis), Reshape when the
// strides allow it, Transpose, SwapAxes, Squeeze, ExpandDims, Ravel of a
// contiguous array and BroadcastTo return views: new geometry over the same
// storage. Writing through a view writes the base:
//
//	base:   [0 1 2 3 4 5]           shape (6,)   strides (1,)  offset 0
//	v := base.Get(tensor.S(4, 0).Step(-2))
//	v:          [4 2]               shape (2,)   strides (-2,) offset 4
//	v.Set(9)  → base is [0 1 9 3 9 5]
//
// Advanced indexing (integer arrays, masks), Copy, AsType, Flatten,
// Concatenate and the Stack family return new storage. BroadcastTo views
// are read-only (stride 0 repeats elements), as in NumPy.
//
// An assignment whose value shares storage with its target reads the
// whole value before writing (NumPy's overlap rule), so a.Set(a.Get(...))
// is safe.
//
// Ufuncs with a destination (AddInto(dst, a, b), a.AddInPlace(b), Out(dst)
// for reductions) may write over an operand that has exactly dst's layout:
// each element is read before it is written. An operand that overlaps dst
// any other way (a shifted or reversed view of it) is read as it was
// before the write, so the result is always the one NumPy gives. Nothing
// else aliases: every ufunc and reduction without a destination returns
// new storage.
//
// # Lazy results and fusion
//
// A ufunc's result is lazy. Its shape and dtype are resolved, and every
// error raised, when the ufunc is called; the arithmetic waits until the
// values are needed, so that an expression runs as one kernel — one pass
// over memory, with no temporaries — instead of one per operator:
//
//	d := tensor.Sqrt(x.Multiply(x).Add(y.Multiply(y))) // nothing computed yet
//	s := tensor.Sum(x.Multiply(x).Add(x.Multiply(2)))  // one pass over x
//	fmt.Println(d.Data())                               // d's kernel runs here
//
// A lazy result is computed when its data is read (Data, ToSlice, Item,
// String, Buffer), when a view of it is taken or it is written into, when
// an op that is not elementwise takes it (MatMul, indexing, linalg, a
// cumulative sum; a reduction takes it without computing it, its kernel
// evaluating the expression), when Eval or Sync is called, and when an
// expression grows past the size of one kernel (32 ops, or more buffers
// than the device binds to one kernel). Its values are those eager
// evaluation gives, to the bit on the CPU devices: writing into an array
// a pending lazy result reads leaves the result's inputs as they were
// (the write goes to new memory when it must). NUMGL_FUSION=off computes
// every result at once, one kernel per op.
//
// # Ufuncs and type promotion
//
// Elementwise operations are defined once in package ufunc and take
// *Array operands or Go scalars. Array dtypes promote by NumPy's
// result_type (int32 + float32 is float64, bool + int32 is int32, int /
// int divides to float64). Go scalars are weak, as NEP 50 specifies: they
// take the arrays' dtype when it is of their kind or higher (float32 array
// + 2.5 is float32, int32 array + 3 is int32), and their kind's default
// dtype (int64, float64) otherwise. This holds for Where and Clip too,
// where NumPy 1.24 still made Python scalars strong.
//
// # Errors
//
// Misuse by the caller — shapes that do not broadcast, an axis or index
// out of range, a reshape to another size, a bad dtype — panics with a
// *Error whose Kind is ShapeError, AxisError, IndexError, ValueError or
// DTypeError and whose message is NumPy's ("operands could not be
// broadcast together with shapes (3,4) (3,) "), as Go's own slices and
// gonum's matrices panic. Every check runs while the operation is planned,
// before any device work, so a call that panics has written nothing:
// its inputs and any destination are unchanged. A nil *Array, as an
// argument, an assignment value or a method's receiver, is such misuse
// too: a ValueError "nil *tensor.Array argument" (NumPy has no nil; its
// None gives a TypeError), never a nil-pointer runtime error. errors.As
// works on the recovered value:
//
//	defer func() {
//		if r := recover(); r != nil {
//			var e *tensor.Error
//			if err, ok := r.(error); ok && errors.As(err, &e) && e.Kind == tensor.ShapeError { ... }
//		}
//	}()
//
// Failures of the environment — a device that cannot allocate, a GPU that
// is gone — are not the caller's misuse; functions that can meet them at
// the API's edge (device.Get) return an error, and inside an operation
// they panic with the device's error, not a *Error.
//
// # Invariants
//
//   - Strides and offsets count elements; strides may be negative (reversed
//     views) or zero (broadcast views, NewAxis).
//   - An Array's geometry never changes after creation.
//   - Every request a device receives has been checked (see device.Request).
//   - A lazy result's value is fixed when the ufunc is called: later writes
//     to its inputs do not change it.
package tensor
