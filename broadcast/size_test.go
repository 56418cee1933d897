package broadcast

import (
	"errors"
	"math"
	"testing"

	"github.com/numgl/numgl/internal/numerr"
)

// kindOf returns err's numerr kind, or 0.
func kindOf(err error) numerr.Kind {
	var e *numerr.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

// The cases follow NumPy 1.24's np.empty(shape, dtype) with dtype of
// itemSize bytes.
func TestCheckedSize(t *testing.T) {
	for _, c := range []struct {
		shape    []int
		itemSize int
		want     int
		kind     numerr.Kind
	}{
		{[]int{}, 4, 1, 0},
		{[]int{3, 4}, 8, 12, 0},
		{[]int{0, 5}, 4, 0, 0},
		{[]int{1 << 61}, 4, 0, numerr.Memory},              // 2**63 bytes do not fit an int
		{[]int{1 << 60}, 1, 1 << 60, 0},                    // bool
		{[]int{math.MaxInt / 8}, 8, math.MaxInt / 8, 0},    // the largest float64 array
		{[]int{math.MaxInt/8 + 1}, 8, 0, numerr.Memory},    // one more element
		{[]int{4, 1<<62 + 2}, 4, 0, numerr.Memory},         // the Zeros: wraps to 8 unchecked
		{[]int{1 << 32, 1 << 32}, 1, 0, numerr.Memory},     // the element count overflows
		{[]int{0, 1 << 62, 1 << 62}, 4, 0, numerr.Memory},  // NumPy leaves out the zeros
		{[]int{1 << 62, 1 << 62, 0}, 4, 0, numerr.Memory},  // wherever they are
		{[]int{0, 6, 1 << 40}, 4, 0, 0},                    // the issue's .npy shape
		{[]int{2, -1}, 4, 0, numerr.Value},                 // negative dimensions are not allowed
		{[]int{1 << 62, 1 << 62, -1}, 4, 0, numerr.Memory}, // NumPy meets the overflow first
	} {
		got, err := CheckedSize(c.shape, c.itemSize)
		if kindOf(err) != c.kind || got != c.want {
			t.Errorf("CheckedSize(%v, %d) = %d, %v; want %d, kind %v", c.shape, c.itemSize, got, err, c.want, c.kind)
		}
		if c.kind == numerr.Memory && err != nil && err.Error() != tooBigMsg {
			t.Errorf("CheckedSize(%v): message %q", c.shape, err)
		}
		if c.kind == numerr.Value && err != nil && err.Error() != "negative dimensions are not allowed" {
			t.Errorf("CheckedSize(%v): message %q", c.shape, err)
		}
	}
}

func TestProduct(t *testing.T) {
	for _, c := range []struct {
		dims []int
		want int
		ok   bool
	}{
		{nil, 1, true},
		{[]int{2, 3}, 6, true},
		{[]int{0, 1 << 62, 4}, 0, true},  // zero first: no overflow, as in NumPy's reshape
		{[]int{1 << 62, 4, 0}, 0, false}, // the overflow comes before the zero
		{[]int{1<<62 + 1, 4}, 0, false},  // the Reshape(-1, 1<<62+1, 4)
		{[]int{math.MaxInt, 1}, math.MaxInt, true},
	} {
		got, ok := Product(c.dims)
		if got != c.want || ok != c.ok {
			t.Errorf("Product(%v) = %d, %v; want %d, %v", c.dims, got, ok, c.want, c.ok)
		}
	}
}

func TestAddSize(t *testing.T) {
	if n, err := AddSize(1<<62, 1<<62-1); err != nil || n != math.MaxInt {
		t.Errorf("AddSize at MaxInt = %d, %v", n, err)
	}
	if _, err := AddSize(1<<62, 1<<62); kindOf(err) != numerr.Memory || err.Error() != tooBigMsg {
		t.Errorf("AddSize(2**62, 2**62) = %v, want the too-big error", err)
	}
}

// NumPy: np.broadcast_shapes((2**62, 1), (1, 2)) raises "broadcast
// dimensions too large."; a zero dim makes any size fine.
func TestShapesTooLarge(t *testing.T) {
	if _, err := Shapes([]int{1 << 62, 1}, []int{1, 2}); kindOf(err) != numerr.Memory || err.Error() != "broadcast dimensions too large." {
		t.Errorf("Shapes((2**62,1), (1,2)) = %v", err)
	}
	if got, err := Shapes([]int{0, 1, 1}, []int{1 << 62, 4}); err != nil || got[1] != 1<<62 {
		t.Errorf("Shapes((0,1,1), (2**62,4)) = %v, %v", got, err)
	}
	if got, err := Shapes([]int{4, 1}, []int{1, 1 << 60}); err != nil || got[1] != 1<<60 {
		t.Errorf("Shapes((4,1), (1,2**60)) = %v, %v", got, err)
	}
}
