package devicetest

import (
	"fmt"
	"testing"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

func one(f func(a *tensor.Array) *tensor.Array) func(device.Device, *tensor.Array, *tensor.Array) *tensor.Array {
	return func(_ device.Device, a, _ *tensor.Array) *tensor.Array { return f(a) }
}

// copies: AsType between every pair of dtypes, and contiguous copies of
// every layout.
func (c *checker) copies(t *testing.T) {
	c.t = t
	for _, from := range dtype.All {
		for _, p := range c.layouts(from) {
			c.try(p.desc+" copy", false, one((*tensor.Array).Copy), p, p)
			for _, to := range dtype.All {
				to := to
				c.try(fmt.Sprintf("%s astype %v", p.desc, to), false, one(func(a *tensor.Array) *tensor.Array { return a.AsType(to) }), p, p)
			}
		}
	}
}

var unaryOps = map[string]func(any) *tensor.Array{
	"negative": tensor.Negative, "abs": tensor.Abs, "square": tensor.Square, "sqrt": tensor.Sqrt,
	"exp": tensor.Exp, "log": tensor.Log, "log1p": tensor.Log1p, "expm1": tensor.Expm1,
	"sin": tensor.Sin, "cos": tensor.Cos, "tan": tensor.Tan, "tanh": tensor.Tanh,
	"floor": tensor.Floor, "ceil": tensor.Ceil, "sign": tensor.Sign, "reciprocal": tensor.Reciprocal,
	"logical_not": tensor.LogicalNot,
}

var transcendental = map[string]bool{"exp": true, "log": true, "log1p": true, "expm1": true,
	"sin": true, "cos": true, "tan": true, "tanh": true, "power": true, "sqrt": true}

func (c *checker) unary(t *testing.T) {
	c.t = t
	for _, dt := range dtype.All {
		ps := c.layouts(dt)
		for name, f := range unaryOps {
			for _, p := range ps {
				c.try(fmt.Sprintf("%s(%s)", name, p.desc), transcendental[name], one(func(a *tensor.Array) *tensor.Array { return f(a) }), p, p)
			}
		}
	}
}

var binaryOps = map[string]func(a, b any) *tensor.Array{
	"add": tensor.Add, "subtract": tensor.Subtract, "multiply": tensor.Multiply, "divide": tensor.Divide,
	"floor_divide": tensor.FloorDivide, "remainder": tensor.Remainder, "power": tensor.Power,
	"maximum": tensor.Maximum, "minimum": tensor.Minimum, "equal": tensor.Equal, "not_equal": tensor.NotEqual,
	"less": tensor.Less, "less_equal": tensor.LessEqual, "greater": tensor.Greater, "greater_equal": tensor.GreaterEqual,
	"logical_and": tensor.LogicalAnd, "logical_or": tensor.LogicalOr, "logical_xor": tensor.LogicalXor,
}

// binary runs every binary ufunc on every dtype pair: operands of one
// layout, a layout against its own reversal (broadcast row), and against
// a Go scalar.
func (c *checker) binary(t *testing.T) {
	c.t = t
	for _, da := range dtype.All {
		pa := c.layouts(da)
		for _, db := range dtype.All {
			pb := c.layouts(db)
			for name, f := range binaryOps {
				for i := range pa {
					if i%3 != 0 && da != db {
						continue // every layout for equal dtypes, a third for mixed pairs
					}
					p, q := pa[i], pb[i]
					if name == "power" && (db == dtype.Int32 || db == dtype.Int64) {
						q = q.apply("abs", func(a *tensor.Array) *tensor.Array { return tensor.Abs(a) })
					}
					c.try(fmt.Sprintf("%s(%s, %s)", name, p.desc, q.desc), transcendental[name],
						func(_ device.Device, a, b *tensor.Array) *tensor.Array { return f(a, b) }, p, q)
				}
			}
		}
		for name, f := range binaryOps {
			for _, p := range pa {
				c.try(fmt.Sprintf("%s(%s, 2)", name, p.desc), transcendental[name],
					func(_ device.Device, a, _ *tensor.Array) *tensor.Array { return f(a, 2) }, p, p)
				c.try(fmt.Sprintf("%s(1.5, %s)", name, p.desc), transcendental[name],
					func(_ device.Device, a, _ *tensor.Array) *tensor.Array { return f(1.5, a) }, p, p)
			}
		}
	}
}

func (c *checker) ternary(t *testing.T) {
	c.t = t
	for _, dt := range dtype.All {
		for _, p := range c.layouts(dt) {
			c.try("where "+p.desc, false, one(func(a *tensor.Array) *tensor.Array {
				return tensor.Where(tensor.Greater(a, 0), a, tensor.Negative(tensor.Abs(a).AsType(dtype.Float64)))
			}), p, p)
			c.try("clip "+p.desc, false, one(func(a *tensor.Array) *tensor.Array { return tensor.Clip(a, -1, 2) }), p, p)
		}
	}
}
