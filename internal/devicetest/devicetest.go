// Package devicetest is the test body every numgl device runs: it repeats
// each operation on the device under test and on cpu-loop, the reference,
// over every layout — contiguous, transposed, stepped, reversed,
// broadcast, 0-d, empty, lengths around the work-group and vector sizes —
// and every dtype, and requires equal results within the conformance
// format's tolerances. A backend's test is one line:
//
//	func TestDevice(t *testing.T) { devicetest.Run(t, dev) }
package devicetest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// Run runs the whole body against dev.
func Run(t *testing.T, dev device.Device) {
	ref := device.MustGet("cpu-loop")
	c := &checker{t: t, dev: dev, ref: ref, rng: rand.New(rand.NewPCG(7, 11))}
	t.Run("copy", c.copies)
	t.Run("unary", c.unary)
	t.Run("binary", c.binary)
	t.Run("ternary", c.ternary)
	t.Run("reduce", c.reductions)
	t.Run("scan", c.scans)
	t.Run("index", c.indexing)
	t.Run("matmul-epilogue", c.epilogues)
}

type checker struct {
	t        *testing.T
	dev, ref device.Device
	rng      *rand.Rand
}

// pair is one array built the same way on both devices.
type pair struct {
	got, want *tensor.Array
	desc      string
}

// shapes are the base shapes of the layouts: 0-d, empty, size-1 axes, and
// lengths around 256 (the GPU work group) and the vector widths.
var shapes = [][]int{
	{}, {0}, {1}, {7}, {31}, {255}, {256}, {257}, {1023}, {1025},
	{3, 4}, {4, 1}, {1, 5}, {0, 3}, {16, 33}, {2, 3, 4}, {3, 1, 5, 2}, {65, 17},
}

// values returns random host data of dt with the special values NumPy's
// tests care about sprinkled in.
func (c *checker) values(dt dtype.DType, n int) any {
	switch dt {
	case dtype.Bool:
		v := make([]bool, n)
		for i := range v {
			v[i] = c.rng.IntN(2) == 0
		}
		return v
	case dtype.Int32:
		v := make([]int32, n)
		for i := range v {
			v[i] = int32(c.rng.IntN(41) - 20)
		}
		return v
	case dtype.Int64:
		v := make([]int64, n)
		for i := range v {
			v[i] = int64(c.rng.IntN(41) - 20)
		}
		return v
	}
	f := make([]float64, n)
	for i := range f {
		switch c.rng.IntN(40) {
		case 0:
			f[i] = math.NaN()
		case 1:
			f[i] = math.Inf(1 - 2*c.rng.IntN(2))
		case 2:
			f[i] = 0
		default:
			f[i] = c.rng.Float64()*6 - 3
		}
	}
	if dt == dtype.Float64 {
		return f
	}
	v := make([]float32, n)
	for i, x := range f {
		v[i] = float32(x)
	}
	return v
}

// layouts returns arrays of dt in every layout, each built on both devices.
func (c *checker) layouts(dt dtype.DType) []pair {
	var out []pair
	for _, shape := range shapes {
		n := 1
		for _, d := range shape {
			n *= d
		}
		host := c.values(dt, n)
		base := pair{
			got:  tensor.On(c.dev).FromHost(host, append([]int{}, shape...)...),
			want: tensor.On(c.ref).FromHost(host, append([]int{}, shape...)...),
			desc: fmt.Sprintf("%v%v", dt, shape),
		}
		out = append(out, base)
		if len(shape) >= 2 {
			out = append(out, base.apply("transposed", func(a *tensor.Array) *tensor.Array { return a.T() }))
		}
		if len(shape) >= 1 {
			out = append(out,
				base.apply("reversed", func(a *tensor.Array) *tensor.Array { return a.Get(tensor.Colon.Step(-1)) }),
				base.apply("stepped", func(a *tensor.Array) *tensor.Array {
					items := make([]any, len(shape))
					for i := range items {
						items[i] = tensor.Colon.Step(2)
					}
					return a.Get(items...)
				}))
			// Broadcast: the first row repeated along a new leading axis.
			out = append(out, base.apply("broadcast", func(a *tensor.Array) *tensor.Array {
				return a.BroadcastTo(append([]int{3}, shape...)...)
			}))
		}
	}
	return out
}

func (p pair) apply(what string, f func(*tensor.Array) *tensor.Array) pair {
	return pair{got: f(p.got), want: f(p.want), desc: p.desc + " " + what}
}

// tolerance returns the conformance format's tolerances for dt, looser
// for the transcendental functions.
func tolerance(dt dtype.DType, transcendental bool) (rtol, atol float64) {
	switch dt {
	case dtype.Float32:
		if transcendental {
			return 2e-6, 1e-6
		}
		return 1e-6, 1e-7
	case dtype.Float64:
		if transcendental {
			return 1e-10, 1e-12
		}
		return 1e-12, 1e-14
	}
	return 0, 0
}

// same compares a result from the device with the reference's.
func (c *checker) same(what string, got, want *tensor.Array, transcendental bool) {
	c.t.Helper()
	rtol, atol := tolerance(got.DType(), transcendental)
	c.within(what, got, want, rtol, atol)
}

// within compares a result from the device with the reference's, floats
// within atol + rtol·|reference|.
func (c *checker) within(what string, got, want *tensor.Array, rtol, atol float64) {
	c.t.Helper()
	if got.Device() != c.dev {
		c.t.Errorf("%s: the result lives on %s, not %s", what, got.Device().Name(), c.dev.Name())
	}
	if got.DType() != want.DType() || !slices.Equal(got.Shape(), want.Shape()) {
		c.t.Errorf("%s: %v %v, reference %v %v", what, got.DType(), got.Shape(), want.DType(), want.Shape())
		return
	}
	if got.DType() == dtype.Int64 { // exactly, beyond float64's 53 bits
		if gi, wi := tensor.ToSlice[int64](got), tensor.ToSlice[int64](want); !slices.Equal(gi, wi) {
			c.t.Errorf("%s: %v, reference %v", what, gi, wi)
		}
		return
	}
	g, w := tensor.ToSlice[float64](got), tensor.ToSlice[float64](want)
	bad := 0
	for i := range g {
		ok := g[i] == w[i] || (math.IsNaN(g[i]) && math.IsNaN(w[i])) ||
			math.Abs(g[i]-w[i]) <= atol+rtol*math.Abs(w[i])
		if !ok {
			if bad < 3 {
				c.t.Errorf("%s: element %d is %v, reference %v", what, i, g[i], w[i])
			}
			bad++
		}
	}
	if bad > 3 {
		c.t.Errorf("%s: %d elements differ in all", what, bad)
	}
}

// try runs f on both devices and compares, or compares their panics: a
// caller error must be the same error on both.
func (c *checker) try(what string, transcendental bool, f func(device.Device, *tensor.Array, *tensor.Array) *tensor.Array, p pair, q pair) {
	c.t.Helper()
	var got, want *tensor.Array
	gerr := catch(func() { got = f(c.dev, p.got, q.got) })
	werr := catch(func() { want = f(c.ref, p.want, q.want) })
	switch {
	case gerr != nil || werr != nil:
		if fmt.Sprint(gerr) != fmt.Sprint(werr) {
			c.t.Errorf("%s: device says %v, reference says %v", what, gerr, werr)
		}
	default:
		c.same(what, got, want, transcendental)
	}
}

func catch(f func()) (err any) {
	defer func() { err = recover() }()
	f()
	return nil
}
