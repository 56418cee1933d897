package main

import "math"

// tanhKernel emits tanh over float32 or float64, in the element type,
// eight (four) lanes at a time. With a = |x| clamped to 10 (20 for
// float64), where tanh rounds to 1:
//
//   - a >= T (0.55, 0.625 for float64): tanh a = 1 - 2/(e^(2a) + 1).
//     e^(2a) as in exp: n = round(2a/ln2) by the shifter, r = 2a - n·ln2
//     in two parts (the first step exact), e^r = 1 + r + r²·q(r) with q
//     of degree 4 (tanhExpF32Coef; float64: e^r's Taylor polynomial of
//     degree 13, truncated below 2^-57) and 2^n in the exponent bits.
//     There tanh > 1/2 and q = 2/(e^(2a)+1) < 1/2, so q's few rounding
//     errors weigh at most about half an ulp of the result;
//   - a < T: tanh a = a + a·z·P(z), z = a², P of degree 4 (11 for
//     float64) from tanhF32Coef, tanhF64Coef;
//   - each lane takes its own branch's value (a blend), then x's sign
//     bit, so that tanh(-0) = -0; NaN stays NaN through both.
func (g *generator) tanhKernel(t ftype) {
	m := &mathKernel{name: "tanh", t: t, chains: 2}
	clamp, small, coef := 10.0, 0.55, tanhF32Coef
	shift, bits := 0x1.8p23, 23
	m.spec = "for i := range dst {\n\tdst[i] = float32(fmath.Tanh(float64(x[i])))\n}"
	m.note = "The assembly computes in float32: within 1 ulp of the correctly\n" +
		"rounded value for every float32 (checked once exhaustively for |x| <=\n" +
		"11; the tests sweep every 127th and NumPy's validation data)."
	if t.size == 8 {
		clamp, small, coef = 20, 0.625, tanhF64Coef
		shift, bits = 0x1.8p52, 52
		m.spec = "for i := range dst {\n\tdst[i] = fmath.Tanh(x[i])\n}"
		m.note = "The assembly is within 1 ulp of the correctly rounded value on\n" +
			"NumPy's validation data and random arguments."
	}
	ln2 := parts(bigLn2{}.value(), 2)
	if t.size == 4 {
		hi, lo := bigLn2{}.split32()
		ln2 = []float64{hi, lo}
	}
	c := tanhConsts{
		abs:     g.constant("abs"+t.name, ^signWord(t)),
		sign:    g.constant("sign"+t.name, signWord(t)),
		clamp:   g.fconst("tanhclamp", t, clamp),
		small:   g.fconst("tanhsmall", t, small),
		shifter: g.fconst("tanhshift", t, shift),
		log2e:   g.fconst("tanhlog2e", t, math.Log2E),
		ln2hi:   g.fconst("tanhln2hi", t, ln2[0]),
		ln2lo:   g.fconst("tanhln2lo", t, ln2[1]),
		one:     g.fconst("tanhone", t, 1),
		two:     g.fconst("tanhtwo", t, 2),
		bias:    g.fconst("tanhone", t, 1), // 1.0's bits: the exponent bias in place
		exp:     g.consts("tanhexp"+t.name+"c", t, taylor(0, 1, 14, false)),
		poly:    g.consts("tanh"+t.name+"c", t, coef),
		bits:    bits,
	}
	if t.size == 4 {
		c.exp, c.expq = nil, g.consts("tanhexpqF32c", t, tanhExpF32Coef)
	}
	m.core = func(a *asm, chains int, reload func(s slot), id string) { c.core(a, t, chains, reload) }
	g.addMath(m)
}

// tanhF32Coef and tanhF64Coef are P of tanh a = a + a³·P(a²) on a in
// [0, T], T = 0.55 and 0.625, degrees 4 and 11: P interpolated at the
// Chebyshev nodes of [0, T²] in exact rational arithmetic (the target
// from tanh's Taylor series, its coefficients from Bernoulli numbers, 70
// terms), coefficients rounded to float32 (float64). The rounded
// polynomials are within 2^-27.4 (2^-56.8) of tanh, relative, on 2000
// points (polyfit.py: python3 polyfit.py 0.55 4 5 f32; python3
// polyfit.py 0.625 11 12).
var (
	tanhF32Coef = hexFloats("-0x1.555554p-2 0x1.110feap-3 -0x1.b9a044p-5 0x1.5d220ep-6 -0x1.b13538p-8")
	tanhF64Coef = hexFloats("-0x1.5555555555555p-2 0x1.11111111110a8p-3 -0x1.ba1ba1ba0f126p-5 0x1.664f487e0a749p-6 " +
		"-0x1.226e3473dce5cp-7 0x1.d6d39ae3905e2p-9 -0x1.7d9f6f23e8682p-10 0x1.3526e9ed54da1p-11 " +
		"-0x1.f243823c8c981p-13 0x1.8445870f6fe41p-14 -0x1.05bbdae896297p-15 0x1.b33642a122cddp-18")
)

// tanhExpF32Coef is q of e^r = 1 + r + r²·q(r), degree 4, on |r| <=
// ln2/2, interpolated as expF32Coef: within 2^-26.6 of e^r, relative
// (polyfit.py: python3 polyfit.py 0 4 5 f32 expq).
var tanhExpF32Coef = hexFloats("0x1p-1 0x1.5554dep-3 0x1.55551ap-5 0x1.120b62p-7 0x1.6d10fcp-10")

type tanhConsts struct {
	abs, sign, clamp, small, shifter, log2e, ln2hi, ln2lo, one, two, bias string
	exp, expq, poly                                                       []string
	bits                                                                  int
}

func (c *tanhConsts) core(a *asm, t ftype, chains int, reload func(s slot)) {
	const x, b, q, d, p = slot(0), slot(1), slot(2), slot(3), slot(4)
	e := func(f string, args ...any) { a.each(chains, f, args...) }
	ps, w := t.ps, map[int]string{4: "D", 8: "Q"}[t.size]
	e("VANDP%s %s, %s, %s", ps[1:], c.abs, x, x)
	e("%s %s, %s", t.mov(), c.clamp, b)
	e("VMIN%s %s, %s, %s", ps, x, b, x) // min(clamp, a), a when NaN
	// Large a: 1 - 2/(e^(2a) + 1).
	e("VADD%s %s, %s, %s", ps, x, x, b) // 2a
	e("%s %s, %s", t.mov(), c.shifter, q)
	e("VFMADD231%s %s, %s, %s", ps, c.log2e, b, q)
	e("VSUB%s %s, %s, %s", ps, c.shifter, q, d) // n
	e("VFNMADD231%s %s, %s, %s", ps, c.ln2hi, d, b)
	e("VFNMADD231%s %s, %s, %s", ps, c.ln2lo, d, b) // r
	if c.expq != nil {
		horner(a, t, chains, p, b, c.expq)
		e("VMUL%s %s, %s, %s", ps, b, p, p)
		e("VFMADD213%s %s, %s, %s", ps, b, b, p) // r + r·(r·q)
		e("VADD%s %s, %s, %s", ps, c.one, p, p)
	} else {
		horner(a, t, chains, p, b, c.exp)
	}
	e("VPSLL%s $%d, %s, %s", w, c.bits, q, q)
	e("VPADD%s %s, %s, %s", w, c.bias, q, q) // 2^n
	e("VMUL%s %s, %s, %s", ps, q, p, p)      // e^(2a)
	e("VADD%s %s, %s, %s", ps, c.one, p, p)
	e("%s %s, %s", t.mov(), c.two, d)
	e("VDIV%s %s, %s, %s", ps, p, d, d) // q = 2/(e^(2a) + 1)
	e("%s %s, %s", t.mov(), c.one, p)
	e("VSUB%s %s, %s, %s", ps, d, p, d) // 1 - q
	// Small a: a + a·z·P(z).
	e("VMUL%s %s, %s, %s", ps, x, x, b)
	horner(a, t, chains, p, b, c.poly)
	e("VMUL%s %s, %s, %s", ps, b, p, p)
	e("VFMADD213%s %s, %s, %s", ps, x, x, p)
	e("VCMP%s $0x11, %s, %s, %s", ps, c.small, x, b) // a < 0.625
	e("VBLENDV%s %s, %s, %s, %s", ps, b, p, d, x)
	reload(b)
	e("VANDP%s %s, %s, %s", ps[1:], c.sign, b, b)
	e("VORP%s %s, %s, %s", ps[1:], b, x, x)
}
