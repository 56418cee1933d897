package linalg

import (
	"fmt"
	"math"
	"slices"

	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/internal/numerr"
	"github.com/numgl/numgl/tensor"
)

// Ord is the order of a norm (NumPy's ord): a number, or one of
// OrdDefault, OrdFro, OrdNuc, OrdInf, OrdNegInf.
type Ord struct {
	p    float64
	name string
}

// The named orders.
var (
	OrdDefault = Ord{name: "default"} // 2-norm of vectors, Frobenius of matrices (ord=None)
	OrdFro     = Ord{name: "fro"}     // Frobenius: sqrt of the sum of squares
	OrdNuc     = Ord{name: "nuc"}     // nuclear: the sum of singular values
	OrdInf     = Ord{p: math.Inf(1)}  // max |x|; matrices: max row sum
	OrdNegInf  = Ord{p: math.Inf(-1)} // min |x|; matrices: min row sum
)

// P returns the order p (ord=p): 1, 2, -1, -2, 0 or any other number for
// vectors; ±1, ±2 for matrices.
func P(p float64) Ord { return Ord{p: p} }

func (o Ord) String() string {
	if o.name != "" {
		return o.name
	}
	return fmt.Sprint(o.p)
}

// Norm returns the norm of a (NumPy's linalg.norm with axis=None): for a
// 1-d a a vector norm, for a 2-d a a matrix norm. Vector norms, the
// Frobenius norm and the 1- and inf-norms are computed with numgl's own
// ops on a's device; the 2-, -2- and nuclear norms need singular values
// (on the CPU). An order that does not apply to a's dimensions panics with
// a ValueError, as NumPy raises.
func Norm(a *tensor.Array, ord Ord) (*tensor.Array, error) {
	x := a
	if !x.DType().IsFloat() {
		x = x.AsType(dtype.Float64)
	}
	abs := tensor.Abs(x)
	switch {
	case ord == OrdDefault && (a.NDim() == 1 || a.NDim() == 2), ord == OrdFro && a.NDim() == 2:
		return tensor.Sqrt(tensor.Multiply(x, x).Sum()), nil
	case a.NDim() == 1:
		p := ord.p
		switch {
		case ord.name != "":
			panic(numerr.New(numerr.Value, "Invalid norm order '%s' for vectors", ord))
		case math.IsInf(p, 1):
			return abs.Max(), nil
		case math.IsInf(p, -1):
			return abs.Min(), nil
		case p == 0:
			return tensor.NotEqual(x, 0).Sum().AsType(x.DType()), nil
		case p == 1:
			return abs.Sum(), nil
		case p == 2:
			return tensor.Sqrt(tensor.Multiply(x, x).Sum()), nil
		}
		return tensor.Power(tensor.Power(abs, p).Sum(), 1/p), nil
	case a.NDim() == 2:
		switch {
		case ord.p == 1 && ord.name == "":
			return abs.Sum(0).Max(), nil
		case ord.p == -1 && ord.name == "":
			return abs.Sum(0).Min(), nil
		case math.IsInf(ord.p, 1):
			return abs.Sum(1).Max(), nil
		case math.IsInf(ord.p, -1):
			return abs.Sum(1).Min(), nil
		case ord == OrdNuc, ord.p == 2 && ord.name == "", ord.p == -2 && ord.name == "":
			s, err := SVDVals(x)
			if err != nil {
				return nil, err
			}
			sv := tensor.ToSlice[float64](s)
			st, _ := readStack(x, false)
			var r float64
			switch {
			case ord == OrdNuc:
				for _, v := range sv {
					r += v
				}
			case ord.p == 2:
				r = slices.Max(append(sv, 0))
			default:
				r = slices.Min(append(sv, math.Inf(1)))
			}
			return st.build([]float64{r}, []int{}...), nil
		}
		panic(numerr.New(numerr.Value, "Invalid norm order for matrices."))
	}
	panic(numerr.New(numerr.Value, "Improper number of dimensions to norm."))
}
