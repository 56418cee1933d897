package tensor

import "github.com/numgl/numgl/ufunc"

// Round returns a rounded to the given number of decimals (NumPy's round
// and around): halves go to the even neighbour, and a negative decimals
// rounds to tens, hundreds, ... As NumPy's, it scales by a power of ten
// in a's precision, rounds (Rint) and scales back, so the result is the
// float nearest that computation, not always the decimal nearest a
// (round(2.675, 2) is 2.67: 2.675 is stored as 2.67499999...).
//
// Integers keep their dtype: decimals >= 0 gives a copy (NumPy returns a
// itself), a negative decimals rounds through float64. Bools are refused,
// as NumPy refuses them.
func Round(a *Array, decimals int) *Array { return round(nil, a, decimals) }

// Round is Round(a, decimals).
func (a *Array) Round(decimals int) *Array { return round(nil, a, decimals) }

// RoundInto writes Round(a, decimals) into dst and returns dst.
func RoundInto(dst, a *Array, decimals int) *Array { return round(dst, a, decimals) }

func round(dst, a *Array, decimals int) *Array {
	a.live()
	scale, unscale := ufunc.Multiply, ufunc.Divide
	if decimals < 0 {
		scale, unscale = unscale, scale
	}
	if a.dt == Bool {
		raise(DTypeError, "Cannot cast ufunc '%v' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'", scale)
	}
	f := powerOfTen(max(decimals, -decimals))
	var r *Array
	switch {
	case a.dt.IsInt() && decimals >= 0:
		r = a.Copy()
	case a.dt.IsInt():
		r = apply(unscale, nil, apply(ufunc.Rint, nil, apply(scale, nil, a, f)), f).AsType(a.dt)
	default:
		return apply(unscale, dst, apply(ufunc.Rint, nil, apply(scale, nil, a, f)), f)
	}
	if dst == nil {
		return r
	}
	return apply(ufunc.Positive, dst, r)
}

// powerOfTen is 10**n. NumPy's round starts from a table up to 1e8 and
// multiplies by 10 beyond; every power up to 1e22 is exact either way, and
// past that both round at the same steps.
func powerOfTen(n int) float64 {
	p := 1.0
	for range n {
		p *= 10
	}
	return p
}
