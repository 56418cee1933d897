package broadcast

import (
	"math"
	"math/bits"

	"github.com/numgl/numgl/internal/numerr"
)

// tooBigMsg is NumPy's message for an array whose byte size does not fit
// an int (numpy/core/src/multiarray/ctors.c).
const tooBigMsg = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."

// TooBig returns NumPy's error for an array whose size in bytes does not
// fit an int, with Kind numerr.Memory (NumPy raises it as a ValueError:
// "array is too big; `arr.size * arr.dtype.itemsize` is larger than the
// maximum possible size.").
func TooBig() error { return &numerr.Error{Kind: numerr.Memory, Msg: tooBigMsg} }

// mulSize returns a*b for non-negative a and b, and false when the
// product does not fit an int.
func mulSize(a, b int) (int, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt {
		return 0, false
	}
	return int(lo), true
}

// CheckedSize is the overflow-checked size of a shape that comes from a
// caller (a shape to create, reshape or broadcast to, a file's header):
// the number of elements of an array of that shape whose elements take
// itemSize bytes each. It checks what NumPy checks before it makes such
// an array: every dim is non-negative (else Kind numerr.Value, "negative
// dimensions are not allowed"), and the product of the nonzero dims times
// itemSize fits an int (else TooBig's error). As in NumPy the zero dims
// are left out of that product, so (0, 2**62, 2**62) is too big even
// though it has no elements.
//
// After a nil error, size*itemSize (the byte count) and every partial
// product of the dims fit an int. Use itemSize 1 for an element count
// alone, and []int{n} for a flat buffer of n elements (a device's byte
// count: bytes = n*itemSize once CheckedSize([]int{n}, itemSize) passes).
// Size is for shapes already checked, those of existing arrays.
func CheckedSize(shape []int, itemSize int) (int, error) {
	nbytes, zero := max(itemSize, 1), false
	for _, d := range shape {
		if d < 0 {
			return 0, numerr.New(numerr.Value, "negative dimensions are not allowed")
		}
		if d == 0 {
			zero = true
			continue
		}
		var ok bool
		if nbytes, ok = mulSize(nbytes, d); !ok {
			return 0, TooBig()
		}
	}
	if zero {
		return 0, nil
	}
	return nbytes / max(itemSize, 1), nil
}

// Product returns the product of non-negative dims, multiplied in order
// as NumPy's reshape does, and false when a partial product overflows an
// int before a zero dim makes it 0: (2**62, 4, 0) overflows, (0, 2**62,
// 4) does not.
func Product(dims []int) (int, bool) {
	n := 1
	for _, d := range dims {
		var ok bool
		if n, ok = mulSize(n, d); !ok {
			return 0, false
		}
	}
	return n, true
}

// AddSize returns a+b for two non-negative lengths (the length of a
// concatenation), or TooBig's error when the sum does not fit an int.
func AddSize(a, b int) (int, error) {
	if b > math.MaxInt-a {
		return 0, TooBig()
	}
	return a + b, nil
}
