package main

import (
	"fmt"
	"math/big"
)

// trigKernel emits sin or cos over float32 or float64, in the element
// type, eight (four) lanes at a time:
//
//   - n = round(x·2/π) by the 1.5·2^23 (2^52) shifter, whose low bits
//     keep n's quadrant (n+1's for cos);
//   - r = x - n·π/2 with π/2 in three positive parts P1+P2+P3 of the
//     element type, each step one FMA. The first step is exact: with |x|
//     within the bound, x - n·P1 is below 1 in size and a multiple of
//     min(ulp(x), ulp(P1)), so it is representable; each later step
//     rounds relative to what is left (r plus n·P3 at most), and n times
//     what the parts leave out is below 2^-55 (2^-128 for float64);
//   - sin r = r + r·z·S(z) and cos r = 1 + z·(z·C(z) - 1/2), z = r², S
//     and C the Taylor series of sin and cos, truncated below 2^-28
//     (2^-58 for float64) relative on |r| <= π/4;
//   - the quadrant picks sin or cos of r and the sign; sin r takes r's
//     sign bit as well, so that sin(-0) is -0.
//
// Lanes with |x| beyond the bound (trigBoundF32 = 1e5, trigBoundF64 =
// 1e9), Inf or NaN are left to the caller: the kernel writes x there and
// counts them, and leftToLoop computes them with the op table's function.
func (g *generator) trigKernel(t ftype, cos bool) {
	name, goName := "sin", "Sin"
	if cos {
		name, goName = "cos", "Cos"
	}
	bound := map[int]float64{4: trigBoundF32, 8: trigBoundF64}[t.size]
	m := &mathKernel{name: name, t: t, chains: 2, bound: bound}
	if t.size == 4 {
		m.spec = fmt.Sprintf("n := 0\nfor i, v := range x {\n\tif math.Abs(float64(v)) <= trigBoundF32 {\n\t\tdst[i] = float32(fmath.%s(float64(v)))\n\t} else {\n\t\tdst[i] = v\n\t\tn++\n\t}\n}\nreturn n", goName)
	} else {
		m.spec = fmt.Sprintf("n := 0\nfor i, v := range x {\n\tif math.Abs(v) <= trigBoundF64 {\n\t\tdst[i] = fmath.%s(v)\n\t} else {\n\t\tdst[i] = v\n\t\tn++\n\t}\n}\nreturn n", goName)
	}
	m.note = fmt.Sprintf("It leaves the elements with |x| > %g, Inf and NaN to the caller (x\n"+
		"written, and counted in the result), which computes them with the op\n"+
		"table's function (leftToLoop). The assembly reduces by π/2 in three\n"+
		"parts: %s", bound, map[int]string{
		4: "within 1 ulp of the correctly rounded value for every float32\n" +
			"up to the bound (checked once exhaustively; cos: 2 ulp at two inputs).",
		8: "within 1 ulp of the correctly rounded value on NumPy's validation\n" +
			"data and random arguments (checked with math/big)."}[t.size])
	c := trigConsts{t: t}
	bits := map[int]int{4: 23, 8: 52}[t.size]
	c.shifter = g.fconst("trigshift", t, float64(3)*float64(uint64(1)<<(bits-1)))
	c.one = g.fconst("trigone", t, 1)
	c.half = g.fconst("trighalf", t, 0.5)
	c.sign = g.constant("sign"+t.name, signWord(t))
	c.oneq = g.iconst("trigoneq", t, 1)
	half := new(big.Float).SetPrec(bigPrec).Quo(bigPi(), big.NewFloat(2))
	twoOverPi, _ := new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(2), bigPi()).Float64()
	c.twoopi = g.fconst("trigtwoopi", t, twoOverPi)
	prec, ns, nc := uint(53), 8, 7
	if t.size == 4 {
		prec, ns, nc = 24, 4, 4
	}
	for i, p := range positiveParts(half, 3, prec) {
		c.pio2 = append(c.pio2, g.fconst(fmt.Sprintf("trigpio2_%d", i), t, p))
	}
	// S(z) = -1/3! + z/5! - ..., C(z) = 1/4! - z/6! + ...
	var sin []float64
	for _, v := range taylor(3, 2, ns, true) {
		sin = append(sin, -v)
	}
	c.sin = g.consts("trigsin"+t.name+"c", t, sin)
	c.cos = g.consts("trigcos"+t.name+"c", t, taylor(4, 2, nc, true))
	m.core = func(a *asm, chains int, reload func(s slot), id string) { c.core(a, chains, cos) }
	g.addMath(m)
}

// The largest |x| the sin and cos kernels reduce themselves: n stays
// below 2^16 (2^30), where the first reduction step is exact and the
// parts' remainder negligible.
const (
	trigBoundF32 = 1e5
	trigBoundF64 = 1e9
)

type trigConsts struct {
	t                                      ftype
	shifter, one, half, sign, oneq, twoopi string
	pio2, sin, cos                         []string
}

func (c *trigConsts) core(a *asm, chains int, cos bool) {
	const x, n, q, z, sp, cp = slot(0), slot(1), slot(2), slot(3), slot(4), slot(5)
	e := func(f string, args ...any) { a.each(chains, f, args...) }
	t, ps := c.t, c.t.ps
	w, bits := map[int]string{4: "D", 8: "Q"}[t.size], 8*t.size
	e("%s %s, %s", t.mov(), c.shifter, q)
	e("VFMADD231%s %s, %s, %s", ps, c.twoopi, x, q) // x·2/π + 1.5·2^p
	e("VSUB%s %s, %s, %s", ps, c.shifter, q, n)     // n
	for _, p := range c.pio2 {
		e("VFNMADD231%s %s, %s, %s", ps, p, n, x) // r -= n·part
	}
	if cos {
		e("VPADD%s %s, %s, %s", w, c.oneq, q, q) // cos x = sin(x + π/2)
	}
	e("VMUL%s %s, %s, %s", ps, x, x, z)
	horner(a, t, chains, sp, z, c.sin)
	e("VMUL%s %s, %s, %s", ps, z, sp, sp)
	e("VFMADD213%s %s, %s, %s", ps, x, x, sp) // sin r = r + r·(z·S)
	horner(a, t, chains, cp, z, c.cos)
	e("VMUL%s %s, %s, %s", ps, z, cp, cp)
	e("VSUB%s %s, %s, %s", ps, c.half, cp, cp)
	e("VFMADD213%s %s, %s, %s", ps, c.one, z, cp) // cos r = 1 + z·(z·C - 1/2)
	e("VANDP%s %s, %s, %s", ps[1:], c.sign, x, n)
	e("VORP%s %s, %s, %s", ps[1:], n, sp, sp)       // sin(-0) = -0
	e("VPSLL%s $%d, %s, %s", w, bits-1, q, x)       // odd quadrant: cos r
	e("VBLENDV%s %s, %s, %s, %s", ps, x, cp, sp, x) //
	e("VPSLL%s $%d, %s, %s", w, bits-2, q, q)       // quadrants 2 and 3:
	e("VANDP%s %s, %s, %s", ps[1:], c.sign, q, q)   // negated
	e("VXORP%s %s, %s, %s", ps[1:], q, x, x)
}
