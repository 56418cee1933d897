// Package npy reads and writes NumPy's .npy and .npz files (numpy.save,
// numpy.load, numpy.savez, numpy.savez_compressed), so arrays travel
// between numgl and NumPy unchanged.
//
//	a, err := npy.ReadFile("weights.npy", gpu)      // onto a device
//	err = npy.WriteFile("out.npy", a)               // as numpy.save writes it
//	z, err := npy.OpenNPZ("model.npz")              // numpy.load of an .npz
//	w, err := z.Read("layer0.dense.weight", gpu)
//
// # Format
//
// A .npy file is the magic string "\x93NUMPY", a version byte pair, the
// header's length (2 bytes little-endian in version 1.0, 4 bytes in 2.0
// and 3.0), the header — a Python dict literal padded with spaces and a
// newline so that the elements start at a multiple of 64 bytes — and the
// elements:
//
//	\x93NUMPY 01 00 7600 {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   ...\n
//	[6 float32, little-endian, C order]
//
// Read accepts versions 1.0, 2.0 and 3.0 (UTF-8 header), both byte orders
// ('<', '>', and '|' for one-byte elements), C and Fortran order, and the
// five numgl dtypes: bool '|b1', int32 'i4', int64 'i8', float32 'f4',
// float64 'f8'. String arrays ('<U5', '|S3') are read into Go strings by
// ReadStrings, for metadata; anything else (uint8, float16, complex,
// structured and object arrays) is an ErrDType error. Write writes
// version 1.0, C order and little-endian unless told otherwise, with the
// header NumPy 1.24 writes byte for byte.
//
// A .npz file is a zip archive of .npy files, stored or deflated; the
// entry "w.npy" is the array "w".
//
// # Errors and untrusted input
//
// Nothing in a file makes the readers panic: every problem is a returned
// error wrapping one of ErrNotNPY, ErrVersion, ErrHeader, ErrDType,
// ErrTruncated and ErrNPZ, whose message says what is wrong. A header's
// shape is checked against the bytes available (the rest of a sized
// reader or file, a zip entry's size) before elements are allocated; from
// a reader that does not tell its size, storage grows with the bytes
// actually read. Headers over MaxHeaderLen bytes (NumPy's limit) and
// shapes of more than MaxDims axes or more bytes than an int holds are
// refused. FuzzRead and FuzzReadNPZ hold the parser to this.
//
// # Devices
//
// Read creates the array on the device it is given (device.Default()
// for nil); Write reads the array back from its device. A Fortran-ordered
// file gives a Fortran-ordered array (a transposed view of C-ordered
// storage), as numpy.load does.
package npy
