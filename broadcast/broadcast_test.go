package broadcast

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/numgl/numgl/internal/numerr"
)

// checkErr fails t unless err is a *numerr.Error of the given kind and
// message; kind 0 means no error is expected.
func checkErr(t *testing.T, err error, kind numerr.Kind, msg string) {
	t.Helper()
	if kind == 0 {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	var e *numerr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want *numerr.Error", err, err)
	}
	if e.Kind != kind || e.Msg != msg {
		t.Fatalf("error %v %q, want %v %q", e.Kind, e.Msg, kind, msg)
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		want  string
	}{
		{nil, "()"},
		{[]int{}, "()"},
		{[]int{3}, "(3,)"},
		{[]int{0}, "(0,)"},
		{[]int{3, 4}, "(3,4)"},
		{[]int{2, 0, 1, 10}, "(2,0,1,10)"},
	} {
		if got := Format(tc.shape); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.shape, got, tc.want)
		}
	}
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		want  int
	}{
		{nil, 1},
		{[]int{5}, 5},
		{[]int{3, 4}, 12},
		{[]int{3, 0, 4}, 0},
		{[]int{1, 1, 1}, 1},
		{[]int{2, 3, 4}, 24},
	} {
		if got := Size(tc.shape); got != tc.want {
			t.Errorf("Size(%v) = %d, want %d", tc.shape, got, tc.want)
		}
	}
}

func TestContiguousStrides(t *testing.T) {
	for _, tc := range []struct {
		shape, want []int
	}{
		{nil, []int{}},
		{[]int{5}, []int{1}},
		{[]int{3, 4}, []int{4, 1}},
		{[]int{2, 3, 4}, []int{12, 4, 1}},
		{[]int{3, 1, 4}, []int{4, 4, 1}},
		{[]int{3, 0, 4}, []int{4, 4, 1}}, // NumPy: np.empty((3,0,4)).strides == (32,32,8)
		{[]int{0, 2}, []int{2, 1}},
	} {
		got := ContiguousStrides(tc.shape)
		if !slices.Equal(got, tc.want) || got == nil {
			t.Errorf("ContiguousStrides(%v) = %v, want %v", tc.shape, got, tc.want)
		}
	}
}

func TestIsContiguous(t *testing.T) {
	for _, tc := range []struct {
		shape, strides []int
		want           bool
	}{
		{nil, nil, true},
		{[]int{5}, []int{1}, true},
		{[]int{5}, []int{2}, false},  // stepped
		{[]int{5}, []int{-1}, false}, // reversed
		{[]int{5}, []int{0}, false},  // broadcast
		{[]int{1}, []int{7}, true},   // size-1 dims may have any stride
		{[]int{3, 4}, []int{4, 1}, true},
		{[]int{3, 4}, []int{1, 3}, false}, // transposed
		{[]int{3, 4}, []int{8, 1}, false}, // every other row
		{[]int{3, 4}, []int{0, 1}, false}, // broadcast rows
		{[]int{3, 1, 4}, []int{4, 99, 1}, true},
		{[]int{1, 4}, []int{0, 1}, true},
		{[]int{3, 0, 4}, []int{5, 7, 9}, true}, // no elements
		{[]int{0}, []int{-3}, true},
	} {
		if got := IsContiguous(tc.shape, tc.strides); got != tc.want {
			t.Errorf("IsContiguous(%v, %v) = %v, want %v", tc.shape, tc.strides, got, tc.want)
		}
	}
	for _, shape := range [][]int{nil, {4}, {2, 3}, {2, 1, 3}, {2, 0, 3}} {
		if !IsContiguous(shape, ContiguousStrides(shape)) {
			t.Errorf("IsContiguous(%v, ContiguousStrides) = false", shape)
		}
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct {
		shapes [][]int
		want   []int
		msg    string
	}{
		{nil, []int{}, ""},
		{[][]int{{}}, []int{}, ""},
		{[][]int{{}, {}}, []int{}, ""},
		{[][]int{{3, 4}}, []int{3, 4}, ""},
		{[][]int{{3, 4}, {4}}, []int{3, 4}, ""},
		{[][]int{{3, 4}, {}}, []int{3, 4}, ""},
		{[][]int{{3, 1}, {1, 4}}, []int{3, 4}, ""},
		{[][]int{{3, 1, 5}, {4, 1}}, []int{3, 4, 5}, ""},
		{[][]int{{8, 1, 6, 1}, {7, 1, 5}}, []int{8, 7, 6, 5}, ""},
		{[][]int{{1}, {0}}, []int{0}, ""},
		{[][]int{{0}, {1}}, []int{0}, ""},
		{[][]int{{2, 1}, {0}}, []int{2, 0}, ""},
		{[][]int{{1, 2}, {3, 1}, {1, 1, 1}}, []int{1, 3, 2}, ""},
		// numpy.broadcast_shapes' messages, from NumPy 1.24.
		{[][]int{{3, 4}, {3}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (3, 4) and arg 1 with shape (3,)."},
		{[][]int{{2, 3}, {3, 2}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (2, 3) and arg 1 with shape (3, 2)."},
		{[][]int{{4, 1, 3}, {2, 4, 2}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (4, 1, 3) and arg 1 with shape (2, 4, 2)."},
		{[][]int{{5}, {4}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (5,) and arg 1 with shape (4,)."},
		{[][]int{{0}, {3}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (0,) and arg 1 with shape (3,)."},
		{[][]int{{}, {2}, {3}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 1 with shape (2,) and arg 2 with shape (3,)."},
		{[][]int{{1, 3}, {3}, {2}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (1, 3) and arg 2 with shape (2,)."},
		{[][]int{{2, 1}, {1, 3}, {4, 1, 1}, {2, 5}}, nil, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 1 with shape (1, 3) and arg 3 with shape (2, 5)."},
	} {
		var in [][]int
		for _, s := range tc.shapes {
			in = append(in, slices.Clone(s))
		}
		got, err := Shapes(in...)
		if tc.msg != "" {
			checkErr(t, err, numerr.Shape, tc.msg)
			continue
		}
		checkErr(t, err, 0, "")
		if !slices.Equal(got, tc.want) || got == nil {
			t.Errorf("Shapes(%v) = %v, want %v", tc.shapes, got, tc.want)
		}
		for i := range in {
			if !slices.Equal(in[i], tc.shapes[i]) {
				t.Errorf("Shapes modified its input %v -> %v", tc.shapes[i], in[i])
			}
		}
	}
}

func TestStrides(t *testing.T) {
	const remapped = "operands could not be broadcast together with remapped shapes [original->remapped]: "
	for _, tc := range []struct {
		shape, strides, target []int
		want                   []int
		kind                   numerr.Kind
		msg                    string
	}{
		{nil, nil, nil, []int{}, 0, ""},
		{nil, nil, []int{3, 4}, []int{0, 0}, 0, ""},
		{[]int{4}, []int{1}, []int{3, 4}, []int{0, 1}, 0, ""},
		{[]int{3, 1}, []int{1, 1}, []int{3, 4}, []int{1, 0}, 0, ""},
		{[]int{3, 4}, []int{4, 1}, []int{3, 4}, []int{4, 1}, 0, ""},
		{[]int{3, 4}, []int{1, 3}, []int{2, 3, 4}, []int{0, 1, 3}, 0, ""}, // transposed
		{[]int{4}, []int{-2}, []int{2, 4}, []int{0, -2}, 0, ""},           // reversed, stepped
		{[]int{1}, []int{5}, []int{1}, []int{5}, 0, ""},                   // equal size-1 keeps its stride
		{[]int{1}, []int{1}, []int{0}, []int{0}, 0, ""},                   // 1 stretches to 0
		{[]int{0}, []int{1}, []int{2, 0}, []int{0, 1}, 0, ""},
		{[]int{1, 3}, []int{3, 1}, []int{3, 1}, nil, numerr.Shape,
			remapped + "(1,3)  and requested shape (3,1)"},
		{[]int{3}, []int{1}, []int{4}, nil, numerr.Shape,
			remapped + "(3,)  and requested shape (4,)"},
		{[]int{0}, []int{1}, []int{1}, nil, numerr.Shape,
			remapped + "(0,)  and requested shape (1,)"},
		{[]int{2, 3}, []int{3, 1}, []int{3}, nil, numerr.Shape,
			"input operand has more dimensions than allowed by the axis remapping"},
		{[]int{1}, []int{1}, []int{}, nil, numerr.Shape,
			"input operand has more dimensions than allowed by the axis remapping"},
		{[]int{3}, []int{1}, []int{-1, 3}, nil, numerr.Value,
			"all elements of broadcast shape must be non-negative"},
		{[]int{3}, []int{1, 1}, []int{3}, nil, numerr.Value,
			"broadcast: 2 strides for a shape of 1 dims"},
	} {
		got, err := Strides(tc.shape, tc.strides, tc.target)
		checkErr(t, err, tc.kind, tc.msg)
		if tc.kind == 0 && (!slices.Equal(got, tc.want) || got == nil) {
			t.Errorf("Strides(%v, %v, %v) = %v, want %v", tc.shape, tc.strides, tc.target, got, tc.want)
		}
	}
}

func TestAxis(t *testing.T) {
	for _, tc := range []struct {
		axis, ndim, want int
		msg              string
	}{
		{0, 1, 0, ""},
		{1, 2, 1, ""},
		{-1, 2, 1, ""},
		{-2, 2, 0, ""},
		{2, 3, 2, ""},
		{3, 2, 0, "axis 3 is out of bounds for array of dimension 2"},
		{2, 2, 0, "axis 2 is out of bounds for array of dimension 2"},
		{-3, 2, 0, "axis -3 is out of bounds for array of dimension 2"},
		{0, 0, 0, "axis 0 is out of bounds for array of dimension 0"},
		{-1, 0, 0, "axis -1 is out of bounds for array of dimension 0"},
		{math.MinInt, 3, 0, "axis -9223372036854775808 is out of bounds for array of dimension 3"},
	} {
		got, err := Axis(tc.axis, tc.ndim)
		if tc.msg != "" {
			checkErr(t, err, numerr.Axis, tc.msg)
			continue
		}
		checkErr(t, err, 0, "")
		if got != tc.want {
			t.Errorf("Axis(%d, %d) = %d, want %d", tc.axis, tc.ndim, got, tc.want)
		}
	}
}

func TestAxes(t *testing.T) {
	for _, tc := range []struct {
		axes []int
		ndim int
		want []int
		msg  string
	}{
		{nil, 2, []int{}, ""},
		{[]int{0, 1}, 2, []int{0, 1}, ""},
		{[]int{-1, 0}, 2, []int{1, 0}, ""},
		{[]int{2, -3, 1}, 3, []int{2, 0, 1}, ""},
		{[]int{0, 2}, 2, nil, "axis 2 is out of bounds for array of dimension 2"},
		{[]int{0, -3}, 2, nil, "axis -3 is out of bounds for array of dimension 2"},
		{[]int{1, 1}, 2, nil, "repeated axis"},
		{[]int{1, -1}, 2, nil, "repeated axis"},
		{[]int{0, 1, -3}, 3, nil, "repeated axis"},
	} {
		in := slices.Clone(tc.axes)
		got, err := Axes(in, tc.ndim)
		if !slices.Equal(in, tc.axes) {
			t.Errorf("Axes modified its input %v -> %v", tc.axes, in)
		}
		if tc.msg != "" {
			checkErr(t, err, numerr.Axis, tc.msg)
			continue
		}
		checkErr(t, err, 0, "")
		if !slices.Equal(got, tc.want) || got == nil {
			t.Errorf("Axes(%v, %d) = %v, want %v", tc.axes, tc.ndim, got, tc.want)
		}
	}
}

func TestIndex(t *testing.T) {
	for _, tc := range []struct {
		i, n, axis, want int
		msg              string
	}{
		{0, 4, 0, 0, ""},
		{3, 4, 0, 3, ""},
		{-1, 4, 0, 3, ""},
		{-4, 4, 0, 0, ""},
		{-5, 5, 1, 0, ""},
		{4, 4, 0, 0, "index 4 is out of bounds for axis 0 with size 4"},
		{-6, 5, 1, 0, "index -6 is out of bounds for axis 1 with size 5"},
		{-5, 4, 2, 0, "index -5 is out of bounds for axis 2 with size 4"},
		{0, 0, 0, 0, "index 0 is out of bounds for axis 0 with size 0"},
		{-1, 0, 3, 0, "index -1 is out of bounds for axis 3 with size 0"},
		{math.MaxInt, 4, 0, 0, "index 9223372036854775807 is out of bounds for axis 0 with size 4"},
		{math.MinInt, 4, 0, 0, "index -9223372036854775808 is out of bounds for axis 0 with size 4"},
	} {
		got, err := Index(tc.i, tc.n, tc.axis)
		if tc.msg != "" {
			checkErr(t, err, numerr.Index, tc.msg)
			continue
		}
		checkErr(t, err, 0, "")
		if got != tc.want {
			t.Errorf("Index(%d, %d, %d) = %d, want %d", tc.i, tc.n, tc.axis, got, tc.want)
		}
	}
}

// none marks a slice bound that was not given (Python's None) in the table
// of TestSlice.
const none = math.MinInt + 1

func TestSlice(t *testing.T) {
	// Expected values are Python's: s = slice(start, stop, step);
	// first = s.indices(n)[0], count = len(range(*s.indices(n))).
	for _, tc := range []struct {
		start, stop, step, n int
		first, count         int
	}{
		{none, none, 1, 4, 0, 4},
		{1, 3, 1, 4, 1, 2},
		{1, 100, 1, 4, 1, 3},        // stop clamps to n
		{5, 10, 1, 4, 4, 0},         // start clamps to n: empty
		{-1, none, 1, 4, 3, 1},      // negative start counts from the end
		{-100, 2, 1, 4, 0, 2},       // and clamps to 0
		{-6, none, 3, 4, 0, 2},      // clamps to 0 before stepping: 0, 3
		{none, -1, 1, 4, 0, 3},      // negative stop
		{none, -100, 1, 4, 0, 0},    // clamps to 0: empty
		{3, 1, 1, 4, 3, 0},          // start past stop: empty
		{none, none, 2, 5, 0, 3},    // 0, 2, 4
		{1, none, 2, 5, 1, 2},       // 1, 3
		{none, none, 3, 4, 0, 2},    // 0, 3
		{none, none, -1, 4, 3, 4},   // 3, 2, 1, 0
		{3, 1, -1, 4, 3, 2},         // 3, 2
		{1, 3, -1, 4, 1, 0},         // empty
		{-100, none, -1, 4, -1, 0},  // start clamps to -1: empty
		{100, none, -1, 4, 3, 4},    // start clamps to n-1
		{none, -100, -1, 4, 3, 4},   // stop clamps to -1 (before the start of the axis)
		{-1, -5, -1, 4, 3, 4},       // -5+4 = -1
		{-1, -4, -1, 4, 3, 3},       // -4+4 = 0: stops before 0
		{none, none, -2, 5, 4, 3},   // 4, 2, 0
		{none, none, -2, 4, 3, 2},   // 3, 1
		{none, 0, -2, 5, 4, 2},      // 4, 2
		{none, none, 1, 0, 0, 0},    // empty axis
		{none, none, -1, 0, -1, 0},  // empty axis, reversed
		{0, 0, 1, 0, 0, 0},          // empty axis
		{none, none, 100, 4, 0, 1},  // step larger than the axis
		{none, none, -100, 4, 3, 1}, // and reversed
		{none, none, math.MaxInt, 4, 0, 1},
		{none, none, math.MinInt, 4, 3, 1},
		{math.MinInt, math.MaxInt, 1, 4, 0, 4},
		{math.MaxInt, math.MinInt, -1, 4, 3, 4},
		{math.MaxInt, none, 1, 4, 4, 0},
		{math.MinInt, none, -1, 4, -1, 0},
	} {
		first, count, err := Slice(tc.start, tc.stop, tc.step, tc.start != none, tc.stop != none, tc.n)
		checkErr(t, err, 0, "")
		if first != tc.first || count != tc.count {
			t.Errorf("Slice(%s, %s, %d) on %d = first %d, count %d; want %d, %d",
				bound(tc.start), bound(tc.stop), tc.step, tc.n, first, count, tc.first, tc.count)
		}
	}
	_, _, err := Slice(0, 4, 0, true, true, 4)
	checkErr(t, err, numerr.Value, "slice step cannot be zero")
	_, _, err = Slice(0, 0, 0, false, false, 4)
	checkErr(t, err, numerr.Value, "slice step cannot be zero")
	_, _, err = Slice(0, 4, 1, true, true, -1)
	checkErr(t, err, numerr.Value, "length should not be negative")
}

func bound(b int) string {
	if b == none {
		return "None"
	}
	return strconv.Itoa(b)
}

func TestCollapse(t *testing.T) {
	for _, tc := range []struct {
		name      string
		shape     []int
		strides   [][]int
		wantShape []int
		want      [][]int
	}{
		{"0-d", nil, [][]int{{}, {}}, []int{}, [][]int{{}, {}}},
		{"all ones", []int{1, 1}, [][]int{{5, 7}, {0, 0}}, []int{}, [][]int{{}, {}}},
		{"no operands", []int{2, 3}, nil, []int{6}, [][]int{}},
		{"contiguous", []int{2, 3, 4}, [][]int{{12, 4, 1}, {12, 4, 1}}, []int{24}, [][]int{{1}, {1}}},
		{"size-1 dims dropped", []int{2, 1, 3}, [][]int{{3, 99, 1}}, []int{6}, [][]int{{1}}},
		{"transposed", []int{3, 4}, [][]int{{4, 1}, {1, 3}}, []int{3, 4}, [][]int{{4, 1}, {1, 3}}},
		{"transposed 3-d", []int{2, 3, 4}, [][]int{{12, 4, 1}, {1, 2, 6}}, []int{2, 3, 4}, [][]int{{12, 4, 1}, {1, 2, 6}}},
		{"transposed inner pair", []int{2, 3, 4}, [][]int{{12, 1, 3}}, []int{2, 3, 4}, [][]int{{12, 1, 3}}},
		{"swapped outer axes", []int{2, 3, 4}, [][]int{{4, 8, 1}}, []int{2, 3, 4}, [][]int{{4, 8, 1}}},
		{"stepped outer axis", []int{2, 3, 4}, [][]int{{100, 4, 1}}, []int{2, 12}, [][]int{{100, 1}}},
		{"stepped inner", []int{3, 4}, [][]int{{8, 2}}, []int{12}, [][]int{{2}}},
		{"stepped rows", []int{3, 4}, [][]int{{8, 1}, {4, 1}}, []int{3, 4}, [][]int{{8, 1}, {4, 1}}},
		{"sliced columns", []int{2, 3, 4}, [][]int{{24, 8, 1}}, []int{6, 4}, [][]int{{8, 1}}}, // a[:, :, :4] of (2,3,8)
		{"reversed", []int{3, 4}, [][]int{{-4, -1}}, []int{12}, [][]int{{-1}}},
		{"reversed rows only", []int{3, 4}, [][]int{{-4, 1}}, []int{3, 4}, [][]int{{-4, 1}}},
		{"broadcast rows", []int{3, 4}, [][]int{{4, 1}, {0, 1}}, []int{3, 4}, [][]int{{4, 1}, {0, 1}}},
		{"broadcast scalar", []int{3, 4}, [][]int{{4, 1}, {0, 0}}, []int{12}, [][]int{{1}, {0}}},
		{"broadcast leading", []int{5, 3, 4}, [][]int{{12, 4, 1}, {0, 4, 1}}, []int{5, 12}, [][]int{{12, 1}, {0, 1}}},
		{"broadcast column", []int{3, 4, 2}, [][]int{{8, 2, 1}, {1, 0, 0}}, []int{3, 8}, [][]int{{8, 1}, {1, 0}}},
		{"empty", []int{3, 0, 4}, [][]int{{0, 4, 1}, {4, 4, 1}}, []int{0}, [][]int{{0}, {0}}},
		{"empty 1-d", []int{0}, [][]int{{1}}, []int{0}, [][]int{{0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shape := slices.Clone(tc.shape)
			var strides [][]int
			for _, s := range tc.strides {
				strides = append(strides, slices.Clone(s))
			}
			gotShape, got := Collapse(shape, strides...)
			if !slices.Equal(gotShape, tc.wantShape) || gotShape == nil {
				t.Errorf("shape %v, want %v", gotShape, tc.wantShape)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d strides, want %d", len(got), len(tc.want))
			}
			for k := range got {
				if !slices.Equal(got[k], tc.want[k]) || got[k] == nil {
					t.Errorf("strides[%d] %v, want %v", k, got[k], tc.want[k])
				}
			}
			if !slices.Equal(shape, tc.shape) {
				t.Errorf("modified shape %v -> %v", tc.shape, shape)
			}
			for k := range strides {
				if !slices.Equal(strides[k], tc.strides[k]) {
					t.Errorf("modified strides %v -> %v", tc.strides[k], strides[k])
				}
			}
			if Size(gotShape) != Size(tc.shape) {
				t.Errorf("size %d, want %d", Size(gotShape), Size(tc.shape))
			}
		})
	}
}

// TestCollapseOffsets checks on every layout of a few shapes that Collapse
// keeps the element offsets each operand visits, in order.
func TestCollapseOffsets(t *testing.T) {
	shape := []int{2, 1, 3, 4}
	layouts := [][]int{
		ContiguousStrides(shape),
		{1, 5, 2, 6},     // permuted
		{-12, 0, -4, -1}, // reversed
		{24, 7, 8, 2},    // stepped
		{0, 0, 4, 1},     // broadcast
		{0, 0, 0, 0},     // scalar broadcast
		{12, 4, 4, 1},
	}
	for _, a := range layouts {
		for _, b := range layouts {
			cs, cst := Collapse(shape, a, b)
			for k, s := range [][]int{a, b} {
				want := offsets(shape, s)
				got := offsets(cs, cst[k])
				if !slices.Equal(got, want) {
					t.Errorf("Collapse(%v, %v, %v) = %v %v: operand %d visits %v, want %v",
						shape, a, b, cs, cst, k, got, want)
				}
			}
		}
	}
}

// offsets lists the element offsets visited in C order.
func offsets(shape, strides []int) []int {
	var out []int
	idx := make([]int, len(shape))
	for range Size(shape) {
		off := 0
		for i := range idx {
			off += idx[i] * strides[i]
		}
		out = append(out, off)
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
	}
	return out
}
