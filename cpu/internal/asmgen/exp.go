package main

import (
	"fmt"
	"math"
)

// expKernel emits exp over float32 or float64, in the element type.
//
// float64: x is clamped to a range beyond which the result is 0 or +Inf
// (a NaN stays NaN), n = round(x/ln2) by the 1.5·2^52 shifter trick, r =
// x - n·ln2 with ln2 in two parts (|r| ≤ ln2/2), e^r by its Taylor
// polynomial of degree 13 (truncation below 5e-18) in Horner form with
// FMA, and the result is e^r·2^(n>>1)·2^(n-(n>>1)), 2^n built in the
// exponent bits in two factors so that results down in the subnormal
// range round once (x in [-746, 710]).
//
// float32, eight lanes at a time in the mathKernel frame (a lane's value
// does not depend on its neighbours, tails included): the same steps
// with the 1.5·2^23 shifter, ln2 in two float32 parts and e^r = 1 + r +
// r·(r·q(r)), q of degree 5 (expF32Coef), each step one FMA; 2^n at once
// where every lane of a step lies in [-87.3, 88] (normal results), in two
// factors otherwise (see expF32Consts.core). Within 1 ulp of the
// correctly rounded value over a dense sweep of the float32 range.
func (g *generator) expKernel(t ftype) {
	if t.size == 4 {
		g.expF32Kernel()
		return
	}
	sl := "[]" + t.gotyp
	deg, lo, hi := 13, -746.0, 710.0
	note := "The assembly reduces x by multiples of ln 2 and sums a degree-13\n" +
		"polynomial: within 2 ulp of the loop; tested on random and edge\n" +
		"inputs, subnormal results included."
	k := &kernel{name: "exp" + t.name, imports: []string{"github.com/numgl/numgl/internal/fmath"}, note: note,
		params: []param{{"dst", sl}, {"x", sl}},
		spec:   "for i := range dst {\n\tdst[i] = fmath.Exp(x[i])\n}"}
	c := expConsts{
		shifter: g.constant("expshift", f64bits(0x1.8p52)),
		lo:      g.constant(fmt.Sprintf("explo%s", t.name), f64bits(lo)),
		hi:      g.constant(fmt.Sprintf("exphi%s", t.name), f64bits(hi)),
		log2e:   g.constant("explog2e", f64bits(math.Log2E)),
		ln2hi:   g.constant("expln2hi", f64bits(6.93147180369123816490e-01)),
		ln2lo:   g.constant("expln2lo", f64bits(1.90821492927058770002e-10)),
		bias:    g.constant("expbias", 1023),
		bias52:  g.constant("expbias52", 1023<<52),
		coef:    make([]string, deg+1),
	}
	f := 1.0
	for i := range c.coef {
		if i > 0 {
			f /= float64(i)
		}
		c.coef[i] = g.constant(fmt.Sprintf("expc%d", i), f64bits(f))
	}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		a.i("MOVQ %s, SI", a.base("x"))
		c.load(a)
		step := func(chains int) {
			for j := range chains {
				a.i("VMOVUPD %s, Y%d", mem("SI", 8, 32*j), j)
			}
			c.core(a, chains)
			for j := range chains {
				a.i("VMOVUPD Y%d, %s", j, mem("DI", 8, 32*j))
			}
		}
		one := func() {
			a.i("VMOVSD %s, X0", mem("SI", 8, 0))
			c.core(a, 1)
			a.i("VMOVSD X0, %s", mem("DI", 8, 0))
		}
		a.stream(16, func() { step(4) }, 4, func() { step(1) }, one)
	}
	g.add(k)
}

// expF32Kernel emits the float32 exp (see expKernel).
func (g *generator) expF32Kernel() {
	fc := expF32Consts{
		shifter: g.constant("expshiftF32", f32bits(0x1.8p23)),
		lo:      g.constant("expfastloF32", f32bits(-87.3)),
		hi:      g.constant("expfasthiF32", f32bits(88)),
		clampLo: g.constant("explo2F32", f32bits(-104)),
		clampHi: g.constant("exphi2F32", f32bits(89)),
		log2e:   g.constant("explog2eF32", f32bits(math.Log2E)),
		ln2hi:   g.constant("expln2hiF32", f32bits(float32(math.Ln2))),
		ln2lo:   g.constant("expln2loF32", f32bits(float32(math.Ln2-float64(float32(math.Ln2))))),
		one:     g.constant("exponeF32", f32bits(1)),
	}
	fc.bias = fc.one // 1.0's bits are 127<<23, the exponent bias in place
	fc.coef = g.consts("expF32q", f32, expF32Coef)
	m := &mathKernel{name: "exp", t: f32, chains: 4,
		spec: "for i := range dst {\n\tdst[i] = float32(fmath.Exp(float64(x[i])))\n}",
		note: "The assembly computes in float32: within 1 ulp of the correctly\n" +
			"rounded value for every float32 (checked once exhaustively), a value\n" +
			"independent of its neighbours."}
	m.core = func(a *asm, chains int, reload func(s slot), id string) { fc.core(a, chains, id) }
	g.addMath(m)
}

// expF32Coef is q of e^r = 1 + r + r²·q(r), degree 5, on |r| <= ln2/2: q
// interpolated at the 6 Chebyshev nodes of the interval in exact
// rational arithmetic (the target from e^r's series, 40 terms),
// coefficients rounded to float32; the rounded polynomial is within
// 2^-30.4 of e^r, relative, on 2000 points (polyfit.py: python3
// polyfit.py 0 5 6 f32 expq).
var expF32Coef = hexFloats("0x1p-1 0x1.555556p-3 0x1.5554eap-5 0x1.1110ep-7 0x1.6d4316p-10 0x1.a124e4p-13")

// expConsts names exp's float64 constants.
type expConsts struct {
	shifter, lo, hi, log2e, ln2hi, ln2lo, bias, bias52 string
	coef                                               []string
}

// load puts the shifter, lo, hi and log2(e) in Y12-Y15.
func (c *expConsts) load(a *asm) {
	a.i("VMOVUPD %s, Y12", c.shifter)
	a.i("VMOVUPD %s, Y13", c.lo)
	a.i("VMOVUPD %s, Y14", c.hi)
	a.i("VMOVUPD %s, Y15", c.log2e)
}

// core computes exp in float64 in place on chains of four lanes, the
// shifter, lo, hi and log2(e) in Y12-Y15; chain j uses Yj (x, then r,
// then the result), Y(4+j) and Y(8+j).
func (c *expConsts) core(a *asm, chains int) {
	shifter, lo, hi, log2e := "Y12", "Y13", "Y14", "Y15"
	deg := len(c.coef) - 1
	ins := func(f func(x, t, n string) string) {
		for j := range chains {
			a.i("%s", f(yreg(j), yreg(4+j), yreg(8+j)))
		}
	}
	// Clamp: max(lo, x) and min(hi, x) return x when it is NaN.
	ins(func(x, _, _ string) string { return fmt.Sprintf("VMAXPD %s, %s, %s", x, lo, x) })
	ins(func(x, _, _ string) string { return fmt.Sprintf("VMINPD %s, %s, %s", x, hi, x) })
	// t = x·log2(e) + 1.5·2^52: n = round(x/ln2) sits in t's low bits.
	ins(func(_, t, _ string) string { return fmt.Sprintf("VMOVAPD %s, %s", shifter, t) })
	ins(func(x, t, _ string) string { return fmt.Sprintf("VFMADD231PD %s, %s, %s", log2e, x, t) })
	ins(func(_, t, n string) string { return fmt.Sprintf("VSUBPD %s, %s, %s", shifter, t, n) })
	// r = x - n·ln2hi - n·ln2lo.
	ins(func(x, _, n string) string { return fmt.Sprintf("VFNMADD231PD %s, %s, %s", c.ln2hi, n, x) })
	ins(func(x, _, n string) string { return fmt.Sprintf("VFNMADD231PD %s, %s, %s", c.ln2lo, n, x) })
	// p = Σ r^i/i! by Horner.
	ins(func(_, _, n string) string { return fmt.Sprintf("VMOVUPD %s, %s", c.coef[deg], n) })
	for i := deg - 1; i >= 0; i-- {
		ins(func(x, _, n string) string { return fmt.Sprintf("VFMADD213PD %s, %s, %s", c.coef[i], x, n) })
	}
	// n as an int64, then 2^(n>>1) and 2^(n-(n>>1)).
	ins(func(_, t, _ string) string { return fmt.Sprintf("VPSUBQ %s, %s, %s", shifter, t, t) })
	ins(func(x, t, _ string) string { return fmt.Sprintf("VPSRAD $1, %s, %s", t, x) })
	ins(func(x, t, _ string) string { return fmt.Sprintf("VPSUBQ %s, %s, %s", x, t, t) })
	ins(func(x, _, _ string) string { return fmt.Sprintf("VPADDQ %s, %s, %s", c.bias, x, x) })
	ins(func(_, t, _ string) string { return fmt.Sprintf("VPADDQ %s, %s, %s", c.bias, t, t) })
	ins(func(x, _, _ string) string { return fmt.Sprintf("VPSLLQ $52, %s, %s", x, x) })
	ins(func(_, t, _ string) string { return fmt.Sprintf("VPSLLQ $52, %s, %s", t, t) })
	ins(func(x, _, n string) string { return fmt.Sprintf("VMULPD %s, %s, %s", x, n, n) })
	ins(func(x, t, n string) string { return fmt.Sprintf("VMULPD %s, %s, %s", t, n, x) })
}

// expF32Consts names the float32 kernel's constants.
type expF32Consts struct {
	shifter, lo, hi, clampLo, clampHi, log2e, ln2hi, ln2lo, one, bias string
	coef                                                              []string // q's
}

// core computes exp in float32 in place on chains of eight lanes (x in
// slot 0, slots 1 and 2 scratch; R9 scratch). A step whose lanes all lie
// in [-87.3, 88] (normal results) scales by 2^n at once; any other
// clamps x to [-104, 89] (NaN kept) and scales by 2^(n>>1)·2^(n-(n>>1)),
// so that subnormal results round once and overflow gives +Inf. For a
// lane in the fast range both give the same value (the scalings are
// exact there): a lane's value does not depend on its neighbours.
func (c *expF32Consts) core(a *asm, chains int, id string) {
	const x, t, q = slot(0), slot(1), slot(2)
	e := func(f string, args ...any) { a.each(chains, f, args...) }
	e("VCMPPS $0x1d, %s, %s, %s", c.lo, x, t) // x >= lo, ordered
	e("VCMPPS $0x12, %s, %s, %s", c.hi, x, q) // x <= hi, ordered
	e("VANDPS %s, %s, %s", q, t, t)
	for j := 1; j < chains; j++ {
		a.i("VANDPS Y%d, Y%d, Y%d", chains+j, chains, chains)
	}
	a.i("VMOVMSKPS Y%d, R9", chains)
	a.i("CMPL R9, $0xff")
	a.i("JEQ %sfast", id)
	// Clamp: max(lo, x) and min(hi, x) return x when it is NaN.
	e("VMOVUPS %s, %s", c.clampLo, t)
	e("VMAXPS %s, %s, %s", x, t, x)
	e("VMOVUPS %s, %s", c.clampHi, t)
	e("VMINPS %s, %s, %s", x, t, x)
	c.poly(a, chains)
	// n as an int32, then 2^(n>>1) and 2^(n-(n>>1)).
	e("VPSUBD %s, %s, %s", c.shifter, t, t)
	e("VPSRAD $1, %s, %s", t, x)
	e("VPSUBD %s, %s, %s", x, t, t)
	e("VPSLLD $23, %s, %s", x, x)
	e("VPADDD %s, %s, %s", c.bias, x, x)
	e("VPSLLD $23, %s, %s", t, t)
	e("VPADDD %s, %s, %s", c.bias, t, t)
	e("VMULPS %s, %s, %s", x, q, q)
	e("VMULPS %s, %s, %s", t, q, x)
	a.i("JMP %sdone", id)
	a.label(id + "fast")
	c.poly(a, chains)
	// 2^n: the low bits of t shifted into the exponent field.
	e("VPSLLD $23, %s, %s", t, t)
	e("VPADDD %s, %s, %s", c.bias, t, t)
	e("VMULPS %s, %s, %s", t, q, x)
	a.label(id + "done")
}

// poly leaves in slot 1 (t) 1.5·2^23 + n, n = round(x/ln2), and in slot
// 2 (q) e^r, r = x - n·ln2 (ln2 in two parts): e^r = 1 + r + r·(r·q(r)).
func (c *expF32Consts) poly(a *asm, chains int) {
	const x, t, q = slot(0), slot(1), slot(2)
	e := func(f string, args ...any) { a.each(chains, f, args...) }
	e("VMOVUPS %s, %s", c.shifter, t)
	e("VFMADD231PS %s, %s, %s", c.log2e, x, t)
	e("VSUBPS %s, %s, %s", c.shifter, t, q)
	e("VFNMADD231PS %s, %s, %s", c.ln2hi, q, x)
	e("VFNMADD231PS %s, %s, %s", c.ln2lo, q, x) // r
	horner(a, f32, chains, q, x, c.coef)
	e("VMULPS %s, %s, %s", x, q, q)
	e("VFMADD213PS %s, %s, %s", x, x, q)
	e("VADDPS %s, %s, %s", c.one, q, q)
}
