package tensor

import (
	"math"
	"reflect"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/ufunc"
)

// Factory creates arrays on one device. The package-level creation
// functions (Zeros, Arange, ...) use Default(); On(dev) picks another:
//
//	a := tensor.On(gpu).Zeros(tensor.Float32, 1024, 1024)
type Factory struct{ dev device.Device }

// On returns a Factory that creates arrays on dev.
func On(dev device.Device) Factory { return Factory{dev: dev} }

// Default returns a Factory for device.Default(): the device named by
// $NUMGL_DEVICE, or the best one that works.
func Default() Factory { return Factory{dev: device.Default()} }

// Device returns the factory's device.
func (f Factory) Device() device.Device { return f.dev }

// Zeros returns a new array of the given dtype and shape filled with 0
// (NumPy's zeros).
func (f Factory) Zeros(dt DType, shape ...int) *Array {
	return newArray(f.dev, dt, shape)
}

// Ones returns a new array filled with 1 (NumPy's ones).
func (f Factory) Ones(dt DType, shape ...int) *Array {
	return f.Full(dt, 1, shape...)
}

// Full returns a new array filled with value, converted to dt as NumPy's
// full does (NumPy's full): as astype casts, so NaN or an out-of-range
// float gives an integer dtype's minimum (see castScalar). value is a Go
// bool, integer or float.
func (f Factory) Full(dt DType, value any, shape ...int) *Array {
	v := castScalar(scalarOf(value), dt)
	a := newArray(f.dev, dt, shape)
	run(f.dev, &device.Fill{Dst: a.operand(), Value: v})
	return a
}

// Arange returns evenly spaced values in [start, stop) (NumPy's arange):
// ceil((stop-start)/step) elements (see arangeLength), start + i*step.
// Integer dtypes compute in int64 (start and step are truncated), float
// dtypes in float64. Bool allows at most two elements, start and
// start+step cast to bool, as NumPy does.
func (f Factory) Arange(dt DType, start, stop, step float64) *Array {
	if step == 0 {
		raise(ValueError, "division by zero")
	}
	n := arangeLength(start, stop, step)
	if dt == dtype.Bool && n > 2 {
		raise(DTypeError, "arange() is only supported for booleans when the result has at most length 2.")
	}
	if n > math.MaxInt32*8 {
		raise(ValueError, "Maximum allowed size exceeded")
	}
	a := newArray(f.dev, dt, []int{int(n)})
	if dt == dtype.Bool {
		boolArange(a, start, step)
		return a
	}
	if a.Size() > 0 {
		// NumPy fills an arange from its first two values, start and
		// start+step (cast to the dtype), stepping by their difference.
		// A single element is start alone (a step of ±Inf plays no part).
		next := start + step
		if n == 1 {
			next = start
		}
		s0, ds := dtype.FloatScalar(start), dtype.FloatScalar(next-start)
		if dt.IsInt() {
			s0 = dtype.IntScalar(int64(start))
			ds = dtype.IntScalar(int64(next) - int64(start))
		}
		run(f.dev, &device.Arange{Dst: a.operand(), Start: s0, Step: ds})
	}
	return a
}

// Linspace returns num evenly spaced values from start to stop inclusive
// (NumPy's linspace with endpoint=True): start + i*step computed in
// float64, the last element exactly stop. Like NumPy, integer dtypes take
// the floor of those float64 values, cast as AsType casts (NaN and
// out-of-range values give the dtype's minimum), so Linspace(Int64, -1,
// 3, 8) is [-1 -1 0 0 1 1 2 3]; bool takes them cast (non-zero is true).
func (f Factory) Linspace(dt DType, start, stop float64, num int) *Array {
	if num < 0 {
		raise(ValueError, "Number of samples, %d, must be non-negative.", num)
	}
	a := newArray(f.dev, dt, []int{num})
	if num == 0 {
		return a
	}
	vals := a
	if !dt.IsFloat() {
		vals = newArray(f.dev, dtype.Float64, []int{num})
	}
	// NumPy's value for one sample is 0*(stop-start) + start: start, or
	// NaN for an infinite interval.
	step := stop - start
	if num > 1 {
		step /= float64(num - 1)
	}
	run(f.dev, &device.Arange{Dst: vals.operand(), Start: dtype.FloatScalar(start), Step: dtype.FloatScalar(step)})
	if num > 1 {
		last := vals.view([]int{1}, []int{1}, num-1)
		run(f.dev, &device.Fill{Dst: last.operand(), Value: dtype.FloatScalar(stop)})
	}
	if dt.IsInt() {
		vals = apply(ufunc.Floor, vals, vals)
	}
	if vals != a {
		run(f.dev, &device.Copy{Dst: a.operand(), Src: vals.operand()})
	}
	return a
}

// arangeLength is the length of NumPy's arange: ceil((stop-start)/step),
// at least 0. A quotient that underflows to zero (or a step of ±Inf) gives
// one element, or none when the quotient is -0. A NaN length is refused
// with "arange: cannot compute length", one beyond an int64 (±Inf
// included) with "Maximum allowed size exceeded", as NumPy refuses them.
func arangeLength(start, stop, step float64) float64 {
	delta := stop - start
	q := delta / step
	if q == 0 && delta != 0 {
		if math.Signbit(q) {
			return 0
		}
		return 1
	}
	n := math.Ceil(q)
	if math.IsNaN(n) {
		raise(ValueError, "arange: cannot compute length")
	}
	if n < -0x1p63 || n > 0x1p63 {
		raise(ValueError, "Maximum allowed size exceeded")
	}
	return max(n, 0)
}

// boolArange writes a bool arange of at most two elements as NumPy does:
// start and start+step, each cast to bool.
func boolArange(a *Array, start, step float64) {
	for i, v := range []float64{start, start + step}[:a.Size()] {
		el := a.view([]int{1}, []int{1}, i)
		run(a.Device(), &device.Fill{Dst: el.operand(), Value: dtype.BoolScalar(v != 0)})
	}
}

// Eye returns an n×m array with ones on the k-th diagonal (k > 0 above the
// main one, k < 0 below) and zeros elsewhere (NumPy's eye, with M given).
func (f Factory) Eye(dt DType, n, m, k int) *Array {
	a := newArray(f.dev, dt, []int{n, m})
	// The k-th diagonal is itself a strided view: stride m+1 from
	// element (0, k) or (-k, 0).
	start, count := 0, 0
	if k >= 0 && k < m {
		start, count = k, min(n, m-k)
	} else if k < 0 && -k < n {
		start, count = -k*m, min(n+k, m)
	}
	if count > 0 {
		diag := a.view([]int{count}, []int{m + 1}, start)
		run(f.dev, &device.Fill{Dst: diag.operand(), Value: dtype.IntScalar(1)})
	}
	return a
}

// FromHost returns a new array holding a copy of host, a []bool, []int32,
// []int64, []float32 or []float64, with the given shape, whose size must be
// len(host). A nil shape gives a 1-d array; an empty non-nil shape a 0-d
// one.
func (f Factory) FromHost(host any, shape ...int) *Array {
	dt := dtype.Of(host)
	if dt == dtype.Invalid {
		raise(DTypeError, "cannot make an array from %T", host)
	}
	n := reflect.ValueOf(host).Len()
	if shape == nil {
		shape = []int{n}
	}
	for _, d := range shape {
		if d < 0 {
			raise(ValueError, "negative dimensions are not allowed")
		}
	}
	if size, ok := broadcast.Product(shape); !ok || size != n {
		raise(ShapeError, "cannot reshape array of size %d into shape %s", n, broadcast.Format(shape))
	}
	must(broadcast.CheckedSize(shape, dt.Size())) // (0, 2**62, 2**62) is too big
	shape = append([]int{}, shape...)
	buf, err := f.dev.Upload(host)
	if err != nil {
		panic(allocFailed(err, dt, shape))
	}
	return &Array{dt: dt, shape: shape, strides: broadcast.ContiguousStrides(shape), st: newStorage(f.dev, buf)}
}

// Zeros is Default().Zeros.
func Zeros(dt DType, shape ...int) *Array { return Default().Zeros(dt, shape...) }

// Ones is Default().Ones.
func Ones(dt DType, shape ...int) *Array { return Default().Ones(dt, shape...) }

// Full is Default().Full.
func Full(dt DType, value any, shape ...int) *Array { return Default().Full(dt, value, shape...) }

// Arange is Default().Arange.
func Arange(dt DType, start, stop, step float64) *Array {
	return Default().Arange(dt, start, stop, step)
}

// Linspace is Default().Linspace.
func Linspace(dt DType, start, stop float64, num int) *Array {
	return Default().Linspace(dt, start, stop, num)
}

// Eye is Default().Eye.
func Eye(dt DType, n, m, k int) *Array { return Default().Eye(dt, n, m, k) }

// FromSlice returns a new array on the default device holding a copy of
// data with the given shape; with no shape it is 1-d. The dtype follows
// the element type ([]float32 gives float32). NumPy's array(data).reshape(shape).
func FromSlice[T dtype.Element](data []T, shape ...int) *Array {
	return FromSliceOn(device.Default(), data, shape...)
}

// FromSliceOn is FromSlice on the device dev.
func FromSliceOn[T dtype.Element](dev device.Device, data []T, shape ...int) *Array {
	if shape == nil {
		shape = []int{len(data)}
	}
	return On(dev).FromHost(data, shape...)
}

// Scalar returns a 0-d array holding v on the default device (NumPy's
// array(v) for a Python scalar; Go's int gives int64, float64 float64).
func Scalar[T dtype.Element](v T) *Array {
	return Default().FromHost([]T{v}, []int{}...)
}

// scalarOf converts a Go value to a request scalar.
func scalarOf(v any) dtype.Scalar {
	switch x := v.(type) {
	case bool:
		return dtype.BoolScalar(x)
	case int:
		return dtype.IntScalar(int64(x))
	case int8:
		return dtype.IntScalar(int64(x))
	case int16:
		return dtype.IntScalar(int64(x))
	case int32:
		return dtype.Scalar{DType: dtype.Int32, I: int64(x)}
	case int64:
		return dtype.IntScalar(x)
	case uint8:
		return dtype.IntScalar(int64(x))
	case uint16:
		return dtype.IntScalar(int64(x))
	case uint32:
		return dtype.IntScalar(int64(x))
	case float32:
		return dtype.Scalar{DType: dtype.Float32, F: float64(x)}
	case float64:
		return dtype.FloatScalar(x)
	case dtype.Scalar:
		return x
	}
	raise(DTypeError, "cannot use %T as an array element", v)
	return dtype.Scalar{}
}
