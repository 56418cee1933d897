package broadcast

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/numgl/numgl/internal/numerr"
)

// decodeShapes turns fuzz bytes into 1 to 4 small shapes of up to 5 dims.
// Dims are mostly 1, 2 and 3 so that shapes often broadcast, with some 0s.
func decodeShapes(data []byte) [][]int {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	shapes := make([][]int, 1+next()%4)
	for k := range shapes {
		shape := make([]int, next()%6)
		for i := range shape {
			shape[i] = [...]int{1, 1, 1, 2, 2, 3, 3, 0}[next()%8]
		}
		shapes[k] = shape
	}
	return shapes
}

// refShapes is the broadcasting rule written out plainly: pad every shape on
// the left with 1s to the same length, then along each axis collect the
// sizes that are not 1; more than one distinct size is an error.
func refShapes(shapes [][]int) ([]int, string) {
	ndim := 0
	for _, s := range shapes {
		if len(s) > ndim {
			ndim = len(s)
		}
	}
	padded := make([][]int, len(shapes))
	for k, s := range shapes {
		p := make([]int, 0, ndim)
		for range ndim - len(s) {
			p = append(p, 1)
		}
		padded[k] = append(p, s...)
	}
	out := make([]int, ndim)
	for i := range ndim {
		var sizes []int
		for _, p := range padded {
			if p[i] != 1 && !slices.Contains(sizes, p[i]) {
				sizes = append(sizes, p[i])
			}
		}
		switch len(sizes) {
		case 0:
			out[i] = 1
		case 1:
			out[i] = sizes[0]
		default:
			// NumPy names the first shape with a size other than 1 on
			// this axis and the first after it with another size.
			src := -1
			for k, p := range padded {
				switch {
				case p[i] == 1:
				case src < 0:
					src = k
				case p[i] != padded[src][i]:
					return nil, fmt.Sprintf("shape mismatch: objects cannot be broadcast to a single shape.  "+
						"Mismatch is between arg %d with shape %s and arg %d with shape %s.",
						src, tupleOf(shapes[src]), k, tupleOf(shapes[k]))
				}
			}
		}
	}
	return out, ""
}

// tupleOf writes a shape as Python prints a tuple.
func tupleOf(s []int) string {
	var dims []string
	for _, d := range s {
		dims = append(dims, fmt.Sprint(d))
	}
	if len(s) == 1 {
		return "(" + dims[0] + ",)"
	}
	return "(" + strings.Join(dims, ", ") + ")"
}

func FuzzShapes(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 1, 3})
	f.Add([]byte{2, 3, 0, 3, 4, 2, 4, 0, 1, 2, 3})
	f.Add([]byte{3, 1, 7, 2, 0, 3, 4, 1, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		shapes := decodeShapes(data)
		want, wantMsg := refShapes(shapes)
		got, err := Shapes(shapes...)
		if wantMsg != "" {
			var e *numerr.Error
			if !errors.As(err, &e) || e.Kind != numerr.Shape || e.Msg != wantMsg {
				t.Fatalf("Shapes(%v) = %v, %v; want error %q", shapes, got, err, wantMsg)
			}
		} else if err != nil || !slices.Equal(got, want) {
			t.Fatalf("Shapes(%v) = %v, %v; want %v", shapes, got, err, want)
		}

		// Operand order does not matter: reversed and rotated.
		rev := slices.Clone(shapes)
		slices.Reverse(rev)
		rot := append(slices.Clone(shapes[1:]), shapes[0])
		for _, perm := range [][][]int{rev, rot} {
			got2, err2 := Shapes(perm...)
			if (err2 != nil) != (err != nil) || !slices.Equal(got2, got) {
				t.Fatalf("Shapes(%v) = %v, %v but Shapes(%v) = %v, %v", shapes, got, err, perm, got2, err2)
			}
		}
		if err != nil {
			return
		}

		// Every operand is seen at the result shape through Strides: stride
		// 0 on the axes it gains or stretches, its own stride elsewhere, and
		// so each element of the result reads the operand element whose
		// index is the result's index with stretched axes set to 0.
		for _, s := range shapes {
			cs := ContiguousStrides(s)
			bs, err := Strides(s, cs, got)
			if err != nil {
				t.Fatalf("Strides(%v, %v, %v): %v", s, cs, got, err)
			}
			lead := len(got) - len(s)
			for j := range got {
				i := j - lead
				switch {
				case i < 0 || (s[i] == 1 && got[j] != 1):
					if bs[j] != 0 {
						t.Fatalf("Strides(%v, %v, %v) = %v: axis %d should have stride 0", s, cs, got, bs, j)
					}
				case bs[j] != cs[i]:
					t.Fatalf("Strides(%v, %v, %v) = %v: axis %d should keep stride %d", s, cs, got, bs, j, cs[i])
				}
			}
			idx := make([]int, len(got))
			for range Size(got) {
				off, want := 0, 0
				for j := range idx {
					off += idx[j] * bs[j]
					if i := j - lead; i >= 0 && s[i] != 1 {
						want += idx[j] * cs[i]
					}
				}
				if off != want {
					t.Fatalf("operand %v at %v of %v: offset %d, want %d", s, idx, got, off, want)
				}
				for j := len(idx) - 1; j >= 0; j-- {
					if idx[j]++; idx[j] < got[j] {
						break
					}
					idx[j] = 0
				}
			}
		}
	})
}

// refSlice applies the documented rules of Python's sequence slicing
// s[i:j:k] for len(s) == n, then lists the selected indices one by one:
//
//   - a negative i or j is relative to the end: n+i or n+j is substituted;
//     one still negative lies before the first element (0 when k > 0; when
//     k < 0, "before index 0", which we write as -1);
//   - when k > 0, i and j are reduced to n if greater; when k < 0, to n-1;
//   - an omitted i or j becomes the "end" value: for k > 0 the start 0 and
//     the stop n, for k < 0 the start n-1 and a stop before index 0;
//   - the indices are i, i+k, i+2k, ..., stopping when j is reached (never
//     including j).
func refSlice(i, j, k int, hasI, hasJ bool, n int) []int {
	norm := func(b int) int {
		if b < 0 {
			b += n
			if b < 0 {
				if k > 0 {
					return 0
				}
				return -1
			}
		}
		if k > 0 && b > n {
			b = n
		}
		if k < 0 && b > n-1 {
			b = n - 1
		}
		return b
	}
	if hasI {
		i = norm(i)
	} else if k > 0 {
		i = 0
	} else {
		i = n - 1
	}
	if hasJ {
		j = norm(j)
	} else if k > 0 {
		j = n
	} else {
		j = -1
	}
	var out []int
	for x := i; (k > 0 && x < j) || (k < 0 && x > j); {
		out = append(out, x)
		// Step without overflowing: stop once the next index would pass j.
		if (k > 0 && j-x <= k) || (k < 0 && j-x >= k) {
			break
		}
		x += k
	}
	return out
}

func FuzzSlice(f *testing.F) {
	f.Add(1, 100, 1, true, true, uint8(4))
	f.Add(0, 0, -1, false, false, uint8(4))
	f.Add(3, 1, -1, true, true, uint8(4))
	f.Add(-100, 0, -1, true, false, uint8(4))
	f.Add(5, 10, 1, true, true, uint8(4))
	f.Add(-6, 0, 3, true, false, uint8(4))
	f.Add(0, 0, 0, false, false, uint8(4))
	f.Add(-9223372036854775808, 9223372036854775807, -9223372036854775808, true, true, uint8(7))
	f.Fuzz(func(t *testing.T, start, stop, step int, hasStart, hasStop bool, n8 uint8) {
		n := int(n8)
		first, count, err := Slice(start, stop, step, hasStart, hasStop, n)
		if step == 0 {
			var e *numerr.Error
			if !errors.As(err, &e) || e.Kind != numerr.Value || e.Msg != "slice step cannot be zero" {
				t.Fatalf("Slice with step 0: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Slice(%d, %d, %d, %v, %v, %d): %v", start, stop, step, hasStart, hasStop, n, err)
		}
		want := refSlice(start, stop, step, hasStart, hasStop, n)
		if count != len(want) || (count > 0 && first != want[0]) {
			t.Fatalf("Slice(%d, %d, %d, %v, %v, %d) = first %d, count %d; want indices %v",
				start, stop, step, hasStart, hasStop, n, first, count, want)
		}
		for _, x := range want {
			if x < 0 || x >= n {
				t.Fatalf("reference index %d out of [0, %d)", x, n)
			}
		}
	})
}

func FuzzIndex(f *testing.F) {
	f.Add(0, uint16(4), 0)
	f.Add(4, uint16(4), 0)
	f.Add(-6, uint16(5), 1)
	f.Add(-1, uint16(0), 2)
	f.Add(-9223372036854775808, uint16(3), 0)
	f.Fuzz(func(t *testing.T, i int, n16 uint16, axis int) {
		n := int(n16 % 1024)
		// The valid indices are 0..n-1 and their negative forms -n..-1.
		want := -1
		for j := range n {
			if i == j || i == j-n {
				want = j
			}
		}
		got, err := Index(i, n, axis)
		if want < 0 {
			msg := fmt.Sprintf("index %v is out of bounds for axis %v with size %v", i, axis, n)
			var e *numerr.Error
			if !errors.As(err, &e) || e.Kind != numerr.Index {
				t.Fatalf("Index(%d, %d, %d) = %d, %v; want an index error", i, n, axis, got, err)
			}
			if e.Msg != msg {
				t.Fatalf("Index(%d, %d, %d): message %q, want %q", i, n, axis, e.Msg, msg)
			}
			return
		}
		if err != nil || got != want {
			t.Fatalf("Index(%d, %d, %d) = %d, %v; want %d", i, n, axis, got, err, want)
		}
	})
}
