package devicetest

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

var reductions = map[string]func(*tensor.Array, ...tensor.ReduceOption) *tensor.Array{
	"sum": tensor.Sum, "prod": tensor.Prod, "max": tensor.Max, "min": tensor.Min,
	"mean": tensor.Mean, "var": tensor.Var, "std": tensor.Std, "any": tensor.Any, "all": tensor.All,
	"argmax": tensor.ArgMax, "argmin": tensor.ArgMin,
}

// reductions over every axis, each single axis, and pairs, with keepdims.
func (c *checker) reductions(t *testing.T) {
	c.t = t
	for _, dt := range dtype.All {
		for _, p := range c.layouts(dt) {
			nd := p.got.NDim()
			var axes [][]int
			axes = append(axes, nil)
			for a := range nd {
				axes = append(axes, []int{a})
			}
			if nd >= 2 {
				axes = append(axes, []int{0, nd - 1})
			}
			for name, f := range reductions {
				for _, ax := range axes {
					if (name == "argmax" || name == "argmin") && len(ax) > 1 {
						continue
					}
					opts := []tensor.ReduceOption{}
					if ax != nil {
						opts = append(opts, tensor.Axis(ax...))
					}
					if len(ax) == 1 {
						opts = append(opts, tensor.KeepDims)
					}
					c.try(fmt.Sprintf("%s(%s, axes %v)", name, p.desc, ax), name == "std",
						one(func(a *tensor.Array) *tensor.Array { return f(a, opts...) }), p, p)
				}
			}
		}
	}
}

func (c *checker) scans(t *testing.T) {
	c.t = t
	for _, dt := range dtype.All {
		for _, p := range c.layouts(dt) {
			c.try("cumsum "+p.desc, false, one(func(a *tensor.Array) *tensor.Array { return a.CumSum() }), p, p)
			for ax := range p.got.NDim() {
				c.try(fmt.Sprintf("cumsum(%s, %d)", p.desc, ax), false, one(func(a *tensor.Array) *tensor.Array { return a.CumSum(ax) }), p, p)
				c.try(fmt.Sprintf("cumprod(%s, %d)", p.desc, ax), false, one(func(a *tensor.Array) *tensor.Array { return a.CumProd(ax) }), p, p)
			}
		}
	}
}

// indexing: fancy and mask reads, and assignments through slices, masks and
// index arrays (with repeated indices, where the last write wins).
func (c *checker) indexing(t *testing.T) {
	c.t = t
	for _, dt := range dtype.All {
		for _, p := range c.layouts(dt) {
			shape := p.got.Shape()
			if len(shape) == 0 || shape[0] == 0 {
				continue
			}
			n := shape[0]
			idx := []int{n - 1, 0, n / 2, -1, 0}
			c.try("take "+p.desc, false, one(func(a *tensor.Array) *tensor.Array { return a.Get(idx) }), p, p)
			c.try("mask "+p.desc, false, func(dev device.Device, a, _ *tensor.Array) *tensor.Array {
				return a.Get(tensor.Greater(a.AsType(dtype.Float64), 0))
			}, p, p)
			if len(shape) >= 2 {
				rows := tensor.FromSlice([]int64{0, int64(n - 1)}, 2, 1)
				cols := tensor.FromSlice([]int64{int64(shape[1] - 1), 0, int64(shape[1] / 2)})
				c.try("fancy2 "+p.desc, false, func(dev device.Device, a, _ *tensor.Array) *tensor.Array {
					return a.Get(rows.To(dev), tensor.Colon, cols.To(dev))
				}, p, p)
			}
			c.try("set fancy "+p.desc, false, func(dev device.Device, a, _ *tensor.Array) *tensor.Array {
				b := a.Copy()
				v := tensor.On(dev).Arange(dtype.Float64, 1, float64(len(idx))+1, 1)
				vs := append([]int{len(idx)}, ones(len(shape)-1)...)
				b.Set(v.Reshape(vs...), idx)
				return b
			}, p, p)
			c.try("set mask "+p.desc, false, func(dev device.Device, a, _ *tensor.Array) *tensor.Array {
				b := a.Copy()
				b.Set(7, tensor.Less(b.AsType(dtype.Float64), 0))
				return b
			}, p, p)
			c.try("set slice "+p.desc, false, func(dev device.Device, a, _ *tensor.Array) *tensor.Array {
				b := a.Copy()
				b.Set(a.Get(tensor.Colon.Step(-1)), tensor.Colon.Step(1))
				return b
			}, p, p)
		}
	}
}

func ones(n int) []int {
	o := make([]int, max(n, 0))
	for i := range o {
		o[i] = 1
	}
	return o
}
