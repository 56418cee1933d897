package main

import (
	"fmt"
	"math"
)

// expKernel emits exp over float32 or float64.
//
// float64 (and float32 where a vector holds a value outside the fast
// path's range) computes in float64: x is clamped to a range beyond
// which the result is 0 or +Inf (a NaN stays NaN), n = round(x/ln2) by
// the 1.5·2^52 shifter trick, r = x - n·ln2 with ln2 in two parts (|r| ≤
// ln2/2), e^r by its Taylor polynomial in Horner form with FMA, and the
// result is e^r·2^n with 2^n built in the exponent bits.
//
// float64: degree 13 (truncation below 5e-18), and 2^n applied as two
// factors 2^(n>>1)·2^(n-(n>>1)) so that results down in the subnormal
// range round once (x in [-746, 710]).
//
// float32 in float64: degree 8 (truncation error below 3e-10 relative),
// and the float64 result rounds once to float32: within 1 ulp of the
// correctly rounded value, including subnormal results (x in [-104, 89]).
//
// float32's fast path, eight lanes of float32 at a time when every lane
// of the vector lies in [-87.3, 88] (normal results, no overflow): the
// same steps in float32 with the 1.5·2^23 shifter, ln2 in two float32
// parts, and e^r = 1 + r + r·(r·q(r)) with q of degree 5 (Cephes expf's
// coefficients), each step one FMA; within 1 ulp of the correctly
// rounded value over the range (every 7th float32 checked, 99.2% of
// them exact), at twice the float64 path's speed.
func (g *generator) expKernel(t ftype) {
	sl := "[]" + t.gotyp
	deg, lo, hi := 8, -104.0, 89.0
	note := "The assembly computes in float32 where all eight lanes of a vector lie in\n" +
		"[-87.3, 88] and otherwise in float64, rounding once: within 1 ulp of the\n" +
		"loop; tested over a dense sweep of the float32 range."
	if t.size == 8 {
		deg, lo, hi = 13, -746, 710
		note = "The assembly reduces x by multiples of ln 2 and sums a degree-13\n" +
			"polynomial: within 2 ulp of the loop; tested on random and edge\n" +
			"inputs, subnormal results included."
	}
	k := &kernel{name: "exp" + t.name, imports: []string{"math"}, note: note,
		params: []param{{"dst", sl}, {"x", sl}}}
	if t.size == 4 {
		k.spec = "for i := range dst {\n\tdst[i] = float32(math.Exp(float64(x[i])))\n}"
	} else {
		k.spec = "for i := range dst {\n\tdst[i] = math.Exp(x[i])\n}"
	}
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
	if t.size == 8 {
		k.body = func(a *asm) {
			a.i("MOVQ %s, DI", a.base("dst"))
			a.i("MOVQ %s, CX", a.length("dst"))
			a.i("MOVQ %s, SI", a.base("x"))
			c.load(a)
			step := func(chains int) {
				for j := range chains {
					a.i("VMOVUPD %s, Y%d", mem("SI", 8, 32*j), j)
				}
				c.core(a, chains, false)
				for j := range chains {
					a.i("VMOVUPD Y%d, %s", j, mem("DI", 8, 32*j))
				}
			}
			one := func() {
				a.i("VMOVSD %s, X0", mem("SI", 8, 0))
				c.core(a, 1, false)
				a.i("VMOVSD X0, %s", mem("DI", 8, 0))
			}
			a.stream(16, func() { step(4) }, 4, func() { step(1) }, one)
		}
		g.add(k)
		return
	}
	fc := expF32Consts{
		shifter: g.constant("expshiftF32", f32bits(0x1.8p23)),
		lo:      g.constant("expfastloF32", f32bits(-87.3)),
		hi:      g.constant("expfasthiF32", f32bits(88)),
		log2e:   g.constant("explog2eF32", f32bits(math.Log2E)),
		ln2hi:   g.constant("expln2hiF32", f32bits(float32(math.Ln2))),
		ln2lo:   g.constant("expln2loF32", f32bits(float32(math.Ln2-float64(float32(math.Ln2))))),
		one:     g.constant("exponeF32", f32bits(1)),
	}
	fc.bias = fc.one // 1.0's bits are 127<<23, the exponent bias in place
	for i, v := range []float32{5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4} {
		fc.coef = append(fc.coef, g.constant(fmt.Sprintf("expF32c%d", i+2), f32bits(v)))
	}
	// slow computes 4·chains elements from byte disp in float64, its
	// constants in Y12-Y15 (loaded by the caller).
	slow := func(a *asm, chains, disp int) {
		for j := range chains {
			a.i("VCVTPS2PD %s, Y%d", mem("SI", 4, disp+16*j), j)
		}
		c.core(a, chains, true)
		for j := range chains {
			a.i("VCVTPD2PSY Y%d, X%d", j, j)
			a.i("VMOVUPS X%d, %s", j, mem("DI", 4, disp+16*j))
		}
	}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		a.i("MOVQ %s, SI", a.base("x"))
		fc.load(a)
		// big: four vectors of eight; any lane out of the fast range (or
		// NaN) sends the 32 elements to the float64 path.
		big := func() {
			const chains = 4
			for j := range chains {
				a.i("VMOVUPS %s, Y%d", mem("SI", 4, 32*j), j)
			}
			fc.inRange(a, chains)
			a.i("VMOVMSKPS Y4, R8")
			a.i("CMPL R8, $0xff")
			a.i("JNE bigslow")
			fc.core(a, chains)
			for j := range chains {
				a.i("VMOVUPS Y%d, %s", j, mem("DI", 4, 32*j))
			}
			a.label("bignext")
		}
		// The tails run the float64 path (their constants are loaded each
		// time: the tails are short).
		vec := func() {
			c.load(a)
			slow(a, 1, 0)
		}
		one := func() {
			c.load(a)
			a.i("VMOVSS %s, X0", mem("SI", 4, 0))
			a.i("VCVTPS2PD X0, Y0")
			c.core(a, 1, true)
			a.i("VCVTPD2PSY Y0, X0")
			a.i("VMOVSS X0, %s", mem("DI", 4, 0))
		}
		a.streamEnd(32, big, 4, vec, one, func() {
			a.ret()
			a.label("bigslow")
			c.load(a)
			slow(a, 4, 0)
			slow(a, 4, 64)
			fc.load(a)
			a.i("JMP bignext")
		})
	}
	g.add(k)
}

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
// then the result), Y(4+j) and Y(8+j). half says the result is rounded
// to float32 afterwards (degree 8 and one scaling).
func (c *expConsts) core(a *asm, chains int, half bool) {
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
	if half {
		// 2^n: the low bits of t shifted into the exponent field.
		ins(func(_, t, _ string) string { return fmt.Sprintf("VPSLLQ $52, %s, %s", t, t) })
		ins(func(_, t, _ string) string { return fmt.Sprintf("VPADDQ %s, %s, %s", c.bias52, t, t) })
		ins(func(x, t, n string) string { return fmt.Sprintf("VMULPD %s, %s, %s", t, n, x) })
		return
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

// expF32Consts names the float32 fast path's constants, held in Y12
// (shifter), Y13 (lo), Y14 (hi) and Y15 (log2(e)) and read from memory
// for the rest.
type expF32Consts struct {
	shifter, lo, hi, log2e, ln2hi, ln2lo, one, bias string
	coef                                            []string // q's, from r^2's
}

// load puts the shifter, lo, hi and log2(e) in Y12-Y15.
func (c *expF32Consts) load(a *asm) {
	a.i("VMOVUPS %s, Y12", c.shifter)
	a.i("VMOVUPS %s, Y13", c.lo)
	a.i("VMOVUPS %s, Y14", c.hi)
	a.i("VMOVUPS %s, Y15", c.log2e)
}

// inRange leaves in Y4 the lanes where every chain's x (Yj) lies in
// [lo, hi], NaN lanes out; it uses Y4-Y11.
func (c *expF32Consts) inRange(a *asm, chains int) {
	for j := range chains {
		a.i("VCMPPS $0x1d, Y13, Y%d, Y%d", j, 4+j) // x >= lo, ordered
		a.i("VCMPPS $0x12, Y14, Y%d, Y%d", j, 8+j) // x <= hi, ordered
		a.i("VANDPS Y%d, Y%d, Y%d", 8+j, 4+j, 4+j)
	}
	for j := 1; j < chains; j++ {
		a.i("VANDPS Y%d, Y4, Y4", 4+j)
	}
}

// core computes exp in float32 in place on chains of eight lanes whose
// x (Yj) are in the fast range; chain j uses Y(4+j) (t, then 2^n) and
// Y(8+j) (n, then the polynomial).
func (c *expF32Consts) core(a *asm, chains int) {
	ins := func(f func(x, t, q string) string) {
		for j := range chains {
			a.i("%s", f(yreg(j), yreg(4+j), yreg(8+j)))
		}
	}
	// t = x·log2(e) + 1.5·2^23: n = round(x/ln2) sits in t's low bits.
	ins(func(_, t, _ string) string { return fmt.Sprintf("VMOVAPS Y12, %s", t) })
	ins(func(x, t, _ string) string { return fmt.Sprintf("VFMADD231PS Y15, %s, %s", x, t) })
	ins(func(_, t, q string) string { return fmt.Sprintf("VSUBPS Y12, %s, %s", t, q) })
	// r = x - n·ln2hi - n·ln2lo.
	ins(func(x, _, q string) string { return fmt.Sprintf("VFNMADD231PS %s, %s, %s", c.ln2hi, q, x) })
	ins(func(x, _, q string) string { return fmt.Sprintf("VFNMADD231PS %s, %s, %s", c.ln2lo, q, x) })
	// q(r) by Horner, then e^r = 1 + r + r·(r·q).
	last := len(c.coef) - 1
	ins(func(_, _, q string) string { return fmt.Sprintf("VMOVUPS %s, %s", c.coef[last], q) })
	for i := last - 1; i >= 0; i-- {
		ins(func(x, _, q string) string { return fmt.Sprintf("VFMADD213PS %s, %s, %s", c.coef[i], x, q) })
	}
	ins(func(x, _, q string) string { return fmt.Sprintf("VMULPS %s, %s, %s", x, q, q) })
	ins(func(x, _, q string) string { return fmt.Sprintf("VFMADD213PS %s, %s, %s", x, x, q) })
	ins(func(_, _, q string) string { return fmt.Sprintf("VADDPS %s, %s, %s", c.one, q, q) })
	// 2^n: the low bits of t shifted into the exponent field.
	ins(func(_, t, _ string) string { return fmt.Sprintf("VPSLLD $23, %s, %s", t, t) })
	ins(func(_, t, _ string) string { return fmt.Sprintf("VPADDD %s, %s, %s", c.bias, t, t) })
	ins(func(x, t, q string) string { return fmt.Sprintf("VMULPS %s, %s, %s", t, q, x) })
}
