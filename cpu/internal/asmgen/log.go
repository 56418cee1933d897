package main

import "math"

// logKernel emits log over float32 or float64, eight (four) lanes of the
// element type at a time, with no table and no slow path:
//
//   - a subnormal x (any x below the smallest normal) is scaled by 2^23
//     (2^52) and its exponent lowered to match;
//   - with off = bits(1) - bits(√½), u = bits(x) + off: the biased
//     exponent of u is k+bias where x = 2^k·m, m in [√½, √2), and the
//     mantissa bits of u plus bits(√½) are m's bits. k becomes a float
//     by VCVTDQ2PS (float32) or by placing it in 2^52's mantissa and
//     subtracting (float64, AVX2 has no int64 conversion);
//   - f = m - 1 is exact, in [√½-1, √2-1];
//   - log x = k·ln2 + log1p(f), with ln2 = LN2 + ln2lo (LN2 the nearest
//     float, ln2lo the rest) and the last step k·LN2 + (...) one FMA;
//   - float32: log1p(f) = (f - (f/2)·f) + f³·P(f), P of degree 8 (see
//     logF32Coef);
//   - float64: s = f/(2+f), log1p(f) = 2·atanh(s) = f - f²/2 + s·(f²/2 +
//     z·R(z)), z = s², where R(z) = Σ 2z^(i-1)/(2i+1), i >= 1, for |s| <=
//     3-2√2 (see logF64Coef);
//   - x < 0 gives NaN, ±0 gives -Inf, +Inf and NaN themselves, by blends
//     on the lane's own x.
func (g *generator) logKernel(t ftype) {
	m := &mathKernel{name: "log", t: t, chains: 2}
	if t.size == 4 {
		m.spec = "for i := range dst {\n\tdst[i] = float32(fmath.Log(float64(x[i])))\n}"
		m.note = "The assembly computes in float32: within 1 ulp of the correctly\n" +
			"rounded value for every float32 (checked once exhaustively; the tests\n" +
			"sweep every 127th and NumPy's validation data)."
	} else {
		m.spec = "for i := range dst {\n\tdst[i] = fmath.Log(x[i])\n}"
		m.note = "The assembly reduces x to 2^k·m and sums atanh's series: within\n" +
			"1 ulp of the correctly rounded value on NumPy's validation data and\n" +
			"random arguments, subnormals included (Go's amd64 math.Log is not:\n" +
			"it ignores a subnormal's scaling)."
	}
	c := logConsts{
		tiny:  g.fconst("logtiny", t, math.Ldexp(1, map[int]int{4: -126, 8: -1022}[t.size])),
		scale: g.fconst("logscale", t, math.Ldexp(1, map[int]int{4: 23, 8: 52}[t.size])),
		sbits: g.fconst("logsbits", t, float64(map[int]int{4: 23, 8: 52}[t.size])),
		zero:  g.fconst("logzero", t, 0),
		one:   g.fconst("logone", t, 1),
		two:   g.fconst("logtwo", t, 2),
		half:  g.fconst("loghalf", t, 0.5),
		nan:   g.iconst("lognan", t, map[int]uint64{4: 0x7fc00000, 8: 0x7ff8000000000000}[t.size]),
		ninf:  g.fconst("logninf", t, math.Inf(-1)),
		inf:   g.fconst("loginf", t, math.Inf(1)),
	}
	ln2 := new(bigLn2)
	if t.size == 4 {
		c.off = g.iconst("logoff", t, 0x3f800000-0x3f3504f3)
		c.mant = g.iconst("logmant", t, 1<<23-1)
		c.sqrthalf = g.iconst("logsqrthalf", t, 0x3f3504f3)
		c.bias = g.fconst("logbias", t, 127)
		hi, lo := ln2.split32()
		c.ln2, c.ln2lo = g.fconst("logln2", t, hi), g.fconst("logln2lo", t, lo)
		c.coef = g.consts("logF32c", t, logF32Coef)
	} else {
		c.off = g.iconst("logoff", t, 0x3ff0000000000000-0x3fe6a09e667f3bcd)
		c.mant = g.iconst("logmant", t, 1<<52-1)
		c.sqrthalf = g.iconst("logsqrthalf", t, 0x3fe6a09e667f3bcd)
		c.magic = g.iconst("logmagic", t, 0x4330000000000000)
		c.bias = g.fconst("logbias", t, 0x1p52+1023)
		hi, lo := ln2.split64()
		c.ln2, c.ln2lo = g.fconst("logln2", t, hi), g.fconst("logln2lo", t, lo)
		c.coef = g.consts("logF64c", t, logF64Coef)
	}
	m.core = func(a *asm, chains int, reload func(s slot), id string) { c.core(a, t, chains, reload, id) }
	g.addMath(m)
}

// logF32Coef is P of log1p(f) = f - f²/2 + f³·P(f), degree 8, on
// [√½-1, √2-1]: P interpolated at the 9 Chebyshev nodes of the interval
// in exact rational arithmetic (the target from log1p's series, 120
// terms), coefficients rounded to float32; the rounded polynomial is
// within 2^-28.1 of log1p, relative, on 2000 points (polyfit.py: python3
// polyfit.py 0 8 9 f32 log).
var logF32Coef = hexFloats("0x1.555554p-2 -0x1.fffffcp-3 0x1.999d5ap-3 -0x1.555b4ap-3 0x1.23d21ap-3 -0x1.fcf4c6p-4 0x1.dea282p-4 -0x1.d635bcp-4 0x1.1d8ea6p-4")

// logF64Coef is R of 2·atanh(s) = 2s + s·z·R(z), z = s², degree 6, on
// z in [0, (3-2√2)²]: R interpolated at the 7 Chebyshev nodes of the
// interval in exact rational arithmetic (the target from atanh's series,
// 60 terms), coefficients rounded to float64; the rounded polynomial's
// error weighs below 2^-57.5 of log1p(f) (polyfit.py: python3 polyfit.py
// 0 6 7 f64 atanh).
var logF64Coef = hexFloats("0x1.5555555555558p-1 0x1.99999999952e2p-2 0x1.2492492df148dp-2 0x1.c71c62e5800a1p-3 " +
	"0x1.7462b4ab2ef6bp-3 0x1.39fe606542ddep-3 0x1.2b584aae78a56p-3")

type logConsts struct {
	tiny, scale, sbits, zero, one, two, half, nan, ninf, inf string
	off, mant, sqrthalf, magic, bias, ln2, ln2lo             string
	coef                                                     []string
}

func (c *logConsts) core(a *asm, t ftype, chains int, reload func(s slot), id string) {
	const x, k, sub, p, tmp = slot(0), slot(1), slot(2), slot(3), slot(4)
	e := func(f string, args ...any) { a.each(chains, f, args...) }
	ps := t.ps
	// R9: all lanes are normal, positive and finite (the common case): the
	// scaling and the special lanes' blends, which change no such lane,
	// are skipped.
	all := map[int]int{4: 0xff, 8: 0xf}[t.size]
	e("VCMP%s $0x1d, %s, %s, %s", ps, c.tiny, x, sub) // x >= tiny
	e("VCMP%s $0x11, %s, %s, %s", ps, c.inf, x, k)    // x < Inf
	e("VANDP%s %s, %s, %s", ps[1:], k, sub, sub)
	for j := 1; j < chains; j++ {
		a.i("VANDP%s Y%d, Y%d, Y%d", ps[1:], int(sub)*chains+j, int(sub)*chains, int(sub)*chains)
	}
	a.i("VMOVMSK%s Y%d, R9", ps, int(sub)*chains)
	e("VXORP%s %s, %s, %s", ps[1:], sub, sub, sub)
	a.i("CMPL R9, $0x%x", all)
	a.i("JEQ %snormal", id)
	// Subnormals (and everything below them: their results are replaced
	// below) scaled into the normal range.
	e("VCMP%s $0x11, %s, %s, %s", ps, c.tiny, x, sub) // x < tiny
	e("VMUL%s %s, %s, %s", ps, c.scale, x, k)
	e("VBLENDV%s %s, %s, %s, %s", ps, sub, k, x, x)
	e("VANDP%s %s, %s, %s", ps[1:], c.sbits, sub, sub) // 23 or 52 where scaled
	a.label(id + "normal")
	if t.size == 4 {
		e("VPADDD %s, %s, %s", c.off, x, k)
		e("VPAND %s, %s, %s", c.mant, k, x)
		e("VPADDD %s, %s, %s", c.sqrthalf, x, x) // m
		e("VPSRLD $23, %s, %s", k, k)
		e("VCVTDQ2PS %s, %s", k, k)
	} else {
		e("VPADDQ %s, %s, %s", c.off, x, k)
		e("VPAND %s, %s, %s", c.mant, k, x)
		e("VPADDQ %s, %s, %s", c.sqrthalf, x, x) // m
		e("VPSRLQ $52, %s, %s", k, k)
		e("VPOR %s, %s, %s", c.magic, k, k) // 2^52 + k + 1023
	}
	e("VSUB%s %s, %s, %s", ps, c.bias, k, k)
	e("VSUB%s %s, %s, %s", ps, sub, k, k)   // k
	e("VSUB%s %s, %s, %s", ps, c.one, x, x) // f
	if t.size == 4 {
		horner(a, t, chains, p, x, c.coef)
		e("VMULPS %s, %s, %s", x, x, tmp)          // f²
		e("VMULPS %s, %s, %s", x, p, p)            // f·P
		e("VMULPS %s, %s, %s", tmp, p, p)          // f³·P
		e("VFMADD231PS %s, %s, %s", c.ln2lo, k, p) // + k·ln2lo
		e("VMULPS %s, %s, %s", c.half, x, tmp)     // f/2
	} else {
		const s = sub
		e("VADDPD %s, %s, %s", c.two, x, s)    // 2 + f
		e("VDIVPD %s, %s, %s", s, x, s)        // s = f/(2+f)
		e("VMULPD %s, %s, %s", s, s, tmp)      // z = s²
		horner(a, t, chains, p, tmp, c.coef)   // R(z)
		e("VMULPD %s, %s, %s", tmp, p, p)      // z·R(z)
		e("VMULPD %s, %s, %s", c.half, x, tmp) // f/2
		e("VFMADD231PD %s, %s, %s", tmp, x, p) // f²/2 + z·R
		e("VMULPD %s, %s, %s", s, p, p)        // s·(f²/2 + z·R)
		e("VFMADD231PD %s, %s, %s", c.ln2lo, k, p)
	}
	e("VFNMADD231%s %s, %s, %s", ps, tmp, x, x) // f - (f/2)·f, one rounding
	e("VADD%s %s, %s, %s", ps, p, x, x)
	e("VFMADD231%s %s, %s, %s", ps, c.ln2, k, x)
	// Special lanes, from the lane's own x.
	a.i("CMPL R9, $0x%x", all)
	a.i("JEQ %sdone", id)
	reload(k)
	e("VCMP%s $0x11, %s, %s, %s", ps, c.zero, k, tmp) // x < 0
	e("VBLENDV%s %s, %s, %s, %s", ps, tmp, c.nan, x, x)
	e("VCMP%s $0x00, %s, %s, %s", ps, c.zero, k, tmp) // x == ±0
	e("VBLENDV%s %s, %s, %s, %s", ps, tmp, c.ninf, x, x)
	e("VCMP%s $0x05, %s, %s, %s", ps, c.inf, k, tmp) // !(x < Inf): +Inf, NaN
	e("VBLENDV%s %s, %s, %s, %s", ps, tmp, k, x, x)
	a.label(id + "done")
}
