package linalg

import (
	"fmt"
	"slices"
	"sync"

	"gonum.org/v1/gonum/blas/blas64"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// Error is NumPy's LinAlgError: a matrix the operation cannot use.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) *Error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// stack is a batch of matrices read to the host as float64.
type stack struct {
	dev   device.Device
	dt    dtype.DType // the result dtype: float32 or float64
	batch []int
	m, n  int
	data  []float64 // batch × m × n, row-major
}

// count is the number of matrices in the stack.
func (s stack) count() int {
	c := 1
	for _, d := range s.batch {
		c *= d
	}
	return c
}

// matrix returns matrix i as a gonum general matrix sharing s.data.
func (s stack) matrix(i int) blas64.General {
	return blas64.General{Rows: s.m, Cols: s.n, Stride: s.n, Data: s.data[i*s.m*s.n : (i+1)*s.m*s.n]}
}

// resultType is the dtype numgl's linalg returns for input dt.
func resultType(dt dtype.DType) dtype.DType {
	if dt == dtype.Float32 {
		return dtype.Float32
	}
	return dtype.Float64
}

// readStack reads a (…, m, n) array to the host. Fewer than 2 dims, or a
// non-square matrix where one is needed, is a LinAlgError, as in NumPy.
// The data is the stack's own copy, which may be factored in place.
func readStack(a *tensor.Array, square bool) (stack, error) {
	s, err := stackOf(a, square)
	if err != nil {
		return stack{}, err
	}
	s.data = tensor.ToSlice[float64](a)
	return s, nil
}

// hostPool recycles the host copies of matrices that readStackPooled
// hands out, as *[]float64.
var hostPool sync.Pool

// readStackPooled is readStack for data the caller is done with when it
// calls release (which it must call at most once, and then drop s.data):
// a contiguous float64 array is read into a recycled buffer, sparing the
// allocation — and the page faults of fresh memory — of a large copy on
// every call.
func readStackPooled(a *tensor.Array, square bool) (s stack, release func(), err error) {
	s, err = stackOf(a, square)
	if err != nil {
		return stack{}, nil, err
	}
	n := a.Size()
	if a.DType() != dtype.Float64 || !a.IsContiguous() || n == 0 {
		s.data = tensor.ToSlice[float64](a)
		return s, func() {}, nil
	}
	p, _ := hostPool.Get().(*[]float64)
	if p == nil || cap(*p) < n {
		p = new([]float64)
		*p = make([]float64, n)
	}
	s.data = (*p)[:n]
	if err := a.Device().Download(a.Buffer(), a.Offset(), s.data); err != nil {
		panic(fmt.Errorf("numgl: %w", err)) // as tensor.ToSlice does
	}
	return s, func() { hostPool.Put(p) }, nil
}

// stackOf checks a as readStack does and describes it, without reading
// its data.
func stackOf(a *tensor.Array, square bool) (stack, error) {
	if a.NDim() < 2 {
		return stack{}, errorf("%d-dimensional array given. Array must be at least two-dimensional", a.NDim())
	}
	sh := a.Shape()
	s := stack{dev: a.Device(), dt: resultType(a.DType()), batch: sh[:len(sh)-2], m: sh[len(sh)-2], n: sh[len(sh)-1]}
	if square && s.m != s.n {
		return stack{}, errorf("Last 2 dimensions of the array must be square")
	}
	return s, nil
}

// build makes an array of the stack's result dtype on its device from
// float64 host data.
func (s stack) build(data []float64, shape ...int) *tensor.Array {
	f := tensor.On(s.dev)
	if s.dt == dtype.Float32 {
		v := make([]float32, len(data))
		for i, x := range data {
			v[i] = float32(x)
		}
		return f.FromHost(v, shape...)
	}
	return f.FromHost(data, shape...)
}

// shape returns the batch shape followed by dims.
func (s stack) shape(dims ...int) []int {
	return append(slices.Clone(s.batch), dims...)
}
