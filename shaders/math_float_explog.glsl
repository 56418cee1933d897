// float versions of the exponential, logarithmic and hyperbolic functions:
// nexp nexp2 nexpm1 nlog nlog2 nlog10 nlog1p nsinh ncosh ntanh nasinh
// nacosh natanh ncbrt nlogaddexp nlogaddexp2. GLSL's built-ins promise
// little accuracy (measured on llvmpipe: exp 58 ulp, log millions of ulp
// just below 1, tanh 367 ulp), so these are computed from float arithmetic
// alone. Included after helpers_float.glsl with T = float and T_NAN, T_INF
// defined; math_double.glsl may be absent, and double arithmetic is not
// used (consumer GPUs run it at 1/32 to 1/64 of the float rate).
//
// Accuracy, measured on llvmpipe (which keeps float32 subnormals) against
// float64 references over 16.8 million inputs a function spread over every
// binade, and NumPy's validation files (device/gpu/math_float_explog_test.go
// runs a 1/32 as dense sweep): at most 0.75 ulp for exp and exp2, 0.92
// expm1, 0.80 log, 1.01 log2, 0.99 log10, 0.88 log1p, 0.83 sinh, 0.75
// cosh, 0.74 tanh, 0.86 arcsinh, 0.73 arccosh, 0.85 arctanh, 0.50 cbrt;
// logaddexp and logaddexp2 within 0.87 and 1.13 ulps of the larger of the
// result and max(a, b) (where max(a, b) is in [-1, 0) the result can
// cancel to near 0, and an error of the arguments' size is what float
// arithmetic gives there; NumPy's float32 logaddexp is 391 ulps of the
// result off at (-1.5461174, -0.23921673), these 57). Special values as C99 Annex F
// (and so NumPy) specifies. Subnormal inputs are read and subnormal
// results computed (to 1 ulp of the subnormal grid) where the hardware
// keeps them.
//
// Methods, all standard:
// * exp, exp2, expm1, sinh, cosh, tanh: x = k ln2 + r, |r| <= ln2/2, by
//   Cody-Waite reduction (ln2's high part has 16 bits, so k * hi is exact
//   for |k| < 256), e^r - 1 = r + r^2 P(r) with P Taylor's to r^6/8!
//   (remainder below 2^-32), 1 + r kept as an unrounded pair, and 2^k
//   applied to the bit pattern in two exact steps (one rounding when the
//   result is subnormal). expm1 subtracts 2^-k before scaling, exactly.
//   sinh and cosh use (E -+ 1/E)/2 with E = e^|x| as a pair and 1/E
//   corrected by its residual, sinh a Taylor polynomial below 1; tanh is
//   T/(T + 2), T = expm1(2|x|) as a pair, the quotient corrected by its
//   exact remainder.
// * log, log2, log10, log1p: a = 2^e m, m in [sqrt(1/2), sqrt(2)),
//   f = m - 1 exact, log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with
//   s = f/(2 + f) and R = 2 (z/3 + z^2/5 + ...) (the atanh series), so the
//   leading f is exact and the rest is a small correction; then
//   e C + (f + corr) M with C, M = (ln2, 1), (1, 1/ln2), (log10 2, 1/ln10)
//   as unrounded pairs. A low part al of the argument (log1p's 1 + x,
//   asinh's and acosh's x + sqrt(...)) adds al/a.
// * asinh, acosh, atanh: log of x + sqrt(x^2 +- 1), or (1+x)/(1-x), built
//   as unrounded pairs (exact squares, sqrt corrected by its exact
//   residual, quotient by its exact remainder), so the only cancellation
//   is log's exact m - 1; log(2|x|) past 2^12, x below 2^-12.
// * cbrt: exponent split off as a multiple of 3, a bit-pattern guess,
//   three Newton steps in float, and a last one from the exact residual
//   y^3 - m.
// * logaddexp(a, b) = max + log(1 + e^-|a-b|), with a - b, e^-|a-b| and the
//   log as pairs; logaddexp2 the base-2 twin.
//
// Rules the code follows (as math_double.glsl's):
// * Error-free transformations hold their values in `precise` variables,
//   so that a compiler neither contracts a*b+c into an fma nor applies
//   real-number algebra ((x + c) - c == x) to them.
// * Exact products are Dekker's, with the operands split by masking the
//   low 12 bits of the bit pattern: no fma() (llvmpipe splits it into a
//   multiply and an add) and no splitting constant whose product a
//   compiler could fuse.
// * Exponents are read and powers of two built from bit patterns, NaN
//   and inf recognised from them too.

// ---- building blocks ----

bool fe_isnan(float x) { return (floatBitsToUint(x) & 0x7fffffffu) > 0x7f800000u; }
bool fe_isinf(float x) { return (floatBitsToUint(x) & 0x7fffffffu) == 0x7f800000u; }

// |v| with the sign of x.
float fe_copysign(float v, float x) {
	return uintBitsToFloat((floatBitsToUint(v) & 0x7fffffffu) | (floatBitsToUint(x) & 0x80000000u));
}

// s + e == a + b exactly, s = fl(a + b).
void fe_two_sum(float a, float b, out float s, out float e) {
	precise float ss = a + b;
	precise float bb = ss - a;
	precise float ee = (a - (ss - bb)) + (b - bb);
	s = ss;
	e = ee;
}

// As fe_two_sum for |a| >= |b| (or a == 0).
void fe_fast_two_sum(float a, float b, out float s, out float e) {
	precise float ss = a + b;
	precise float ee = b - (ss - a);
	s = ss;
	e = ee;
}

// a with its low 12 significand bits cleared: 12 significant bits, and
// a - fe_hi12(a) exact with at most 12.
float fe_hi12(float a) { return uintBitsToFloat(floatBitsToUint(a) & 0xfffff000u); }

// Dekker's product: p + e == a * b exactly, p = fl(a * b), for products
// and partial products in the normal range.
void fe_two_prod(float a, float b, out float p, out float e) {
	float ah = fe_hi12(a), bh = fe_hi12(b);
	precise float al = a - ah;
	precise float bl = b - bh;
	precise float pp = a * b;
	precise float ee = ((ah * bh - pp) + ah * bl + al * bh) + al * bl;
	p = pp;
	e = ee;
}

// 2^k for -126 <= k <= 127.
float fe_pow2i(int k) { return uintBitsToFloat(uint(k + 127) << 23); }

// y * 2^k for -252 <= k <= 254 in two exact steps: it overflows to inf
// and rounds once when the result is subnormal.
float fe_scale(float y, int k) {
	int k1 = k >> 1;
	precise float a = y * fe_pow2i(k1);
	precise float b = a * fe_pow2i(k - k1);
	return b;
}

// ---- exp and friends ----

const float FE_INV_LN2 = 1.442695;
const float FE_LN2_HI = 0.693145751953125; // ln2 to 16 bits: k * FE_LN2_HI is exact for |k| < 256
const float FE_LN2_LO = 1.4286068e-06;     // ln2 - FE_LN2_HI
const float FE_LN2 = 0.6931472;            // ln2 as float and the rest
const float FE_LN2_F_LO = -1.9046542e-09;

// Splits x + xl (|x| <= 105, |xl| <= ulp(x)) into k ln2 + r + c with
// k = round(x / ln2), |r| <= 0.35, c the rounding error of r.
int fe_exp_reduce(float x, float xl, out float r, out float c) {
	float k = roundEven(x * FE_INV_LN2);
	precise float hi = x - k * FE_LN2_HI; // exact
	precise float lo = k * FE_LN2_LO - xl;
	fe_two_sum(hi, -lo, r, c);
	return int(k);
}

// e^(r + c) as s + t, |t| about ulp(s), relative error below 2^-28, for
// |r| <= 0.36 and |c| <= 2^-20: 1 + r exactly as a pair plus
// r^2 P(r) + c (1 + r), P Taylor's 1/2! + r/3! + ... + r^6/8!.
void fe_exp_core(float r, float c, out float s, out float t) {
	float p = 2.4801588e-05;
	p = 0.0001984127 + r * p;
	p = 0.0013888889 + r * p;
	p = 0.008333334 + r * p;
	p = 0.041666668 + r * p;
	p = 0.16666667 + r * p;
	p = 0.5 + r * p;
	precise float q = (r * r) * p + c * (1.0 + r);
	float t0;
	fe_fast_two_sum(1.0, r, s, t0);
	precise float tt = t0 + q;
	t = tt;
}

// r * ln2 as rh + rl for |r| <= 0.5 (rl may carry a low part of r).
void fe_mul_ln2(float r, float rlow, out float rh, out float rl) {
	float p, e;
	fe_two_prod(r, FE_LN2, p, e);
	precise float l = e + (r * FE_LN2_F_LO + rlow * FE_LN2);
	rh = p;
	rl = l;
}

float nexp(float x) {
	if (fe_isnan(x)) return x;
	if (x > 89.0) return T_INF;
	if (x < -104.0) return 0.0; // e^x < 2^-150: rounds to 0
	float r, c, s, t;
	int k = fe_exp_reduce(x, 0.0, r, c);
	fe_exp_core(r, c, s, t);
	precise float y = s + t;
	return fe_scale(y, k);
}

float nexp2(float x) {
	if (fe_isnan(x)) return x;
	if (x >= 128.0) return T_INF;
	if (x <= -150.0) return 0.0; // 2^-150 rounds to 0 (even)
	float k = roundEven(x);
	precise float r = x - k; // exact
	float rh, rl, s, t;
	fe_mul_ln2(r, 0.0, rh, rl);
	fe_exp_core(rh, rl, s, t);
	precise float y = s + t;
	return fe_scale(y, int(k));
}

// e^x - 1 as hi + lo for 2^-26 <= |x| <= 89 (hi overflows past ~88.72):
// k = 0: r + (r^2 P + c) kept as a pair; otherwise
// 2^k ((s - 2^-k) + t), where s - 2^-k is an exact two_sum for
// -26 <= k <= 127 and 2^-k is inside t's rounding for k > 24.
void fe_expm1_pair(float x, out float hi, out float lo) {
	float r, c, s, t;
	int k = fe_exp_reduce(x, 0.0, r, c);
	if (k == 0) {
		float p = 2.4801588e-05;
		p = 0.0001984127 + r * p;
		p = 0.0013888889 + r * p;
		p = 0.008333334 + r * p;
		p = 0.041666668 + r * p;
		p = 0.16666667 + r * p;
		p = 0.5 + r * p;
		precise float q = (r * r) * p + c * (1.0 + r);
		fe_fast_two_sum(r, q, hi, lo); // |q| < |r|/4
		return;
	}
	fe_exp_core(r, c, s, t);
	float a = s, b = 0.0;
	if (k <= 60) fe_two_sum(s, -fe_scale(1.0, -k), a, b);
	float yh, yl;
	fe_fast_two_sum(a, b + t, yh, yl);
	hi = fe_scale(yh, k);
	lo = k > 100 ? 0.0 : fe_scale(yl, k);
}

float nexpm1(float x) {
	if (fe_isnan(x)) return x;
	if (x > 89.0) return T_INF;
	if (x < -17.5) return -1.0; // e^x < 2^-25: -1 + e^x rounds to -1
	if (abs(x) < 1.4901161e-08) return x; // 2^-26: x + x^2/2 rounds to x (and keeps -0)
	float h, l;
	fe_expm1_pair(x, h, l);
	return h;
}

// ---- log and friends ----

const float FE_LG2_HI = 0.30103302001953125; // log10(2) to 16 bits
const float FE_LG2_LO = -3.0243555e-06;
const float FE_INV_LN2_LO = 1.925963e-08;     // 1/ln2 - FE_INV_LN2
const float FE_INV_LN10 = 0.4342945;
const float FE_INV_LN10_LO = -1.010305e-08;

// log(ah + al) = e ln2 + fh + fl (fh + fl unrounded, relative error below
// 2^-30 of their sum) for 0 < ah < inf, |al| <= ulp(ah); returns e.
int fe_log_core(float ah, float al, out float fh, out float fl) {
	precise float g = al / ah; // log(ah + al) = log(ah) + al/ah to 2^-48
	int e = 0;
	float a = ah;
	if (a < 1.17549435e-38) { // subnormal: scale by 2^24
		a *= 16777216.0;
		e = -24;
	}
	uint bits = floatBitsToUint(a);
	e += int(bits >> 23) - 127;
	float m = uintBitsToFloat((bits & 0x007fffffu) | 0x3f800000u); // [1, 2)
	if (m > 1.4142135) {
		m *= 0.5;
		e += 1;
	}
	precise float f = m - 1.0; // exact
	float s = f / (2.0 + f);
	float z = s * s;
	float R = 0.18181819;
	R = 0.22222222 + z * R;
	R = 0.2857143 + z * R;
	R = 0.4 + z * R;
	R = 0.6666667 + z * R;
	R *= z;
	precise float hfsq = 0.5 * f * f;
	precise float corr = s * (hfsq + R) - hfsq;
	precise float l = corr + g;
	fh = f;
	fl = l;
	return e;
}

// e (Ch + Cl) + (fh + fl)(Mh + Ml) as a normalised pair hi + lo, for Ch
// with at most 16 significant bits (e Ch exact).
void fe_log_combine(int e, float fh, float fl, float Mh, float Ml, float Ch, float Cl, out float hi, out float lo) {
	float ph, pl, s, t;
	fe_two_prod(fh, Mh, ph, pl);
	precise float pl2 = pl + (fl * Mh + fh * Ml);
	float de = float(e);
	precise float a = de * Ch; // exact
	fe_two_sum(a, ph, s, t);
	precise float l = t + (pl2 + de * Cl);
	fe_fast_two_sum(s, l, hi, lo);
}

// log(ah + al) as hi + lo (ah > 0 finite, |al| <= ulp(ah)); k adds k ln2.
void fe_log_pair(float ah, float al, int k, out float hi, out float lo) {
	float fh, fl;
	int e = fe_log_core(ah, al, fh, fl) + k;
	fe_log_combine(e, fh, fl, 1.0, 0.0, FE_LN2_HI, FE_LN2_LO, hi, lo);
}

// NaN for x < 0 or NaN, -inf for +-0, inf for inf, else what the core
// gives (0 means finite positive: compute).
float fe_log_special(float x, float infv) {
	if (fe_isnan(x)) return x;
	if (x < 0.0) return T_NAN;
	if (x == 0.0) return -T_INF;
	return infv;
}

float nlog(float x) {
	if (!(x > 0.0) || fe_isinf(x)) return fe_log_special(x, x);
	float h, l;
	fe_log_pair(x, 0.0, 0, h, l);
	return h;
}

float nlog2(float x) {
	if (!(x > 0.0) || fe_isinf(x)) return fe_log_special(x, x);
	float fh, fl, h, l;
	int e = fe_log_core(x, 0.0, fh, fl);
	fe_log_combine(e, fh, fl, FE_INV_LN2, FE_INV_LN2_LO, 1.0, 0.0, h, l);
	return h;
}

float nlog10(float x) {
	if (!(x > 0.0) || fe_isinf(x)) return fe_log_special(x, x);
	float fh, fl, h, l;
	int e = fe_log_core(x, 0.0, fh, fl);
	fe_log_combine(e, fh, fl, FE_INV_LN10, FE_INV_LN10_LO, FE_LG2_HI, FE_LG2_LO, h, l);
	return h;
}

float nlog1p(float x) {
	if (fe_isnan(x)) return x;
	if (x < -1.0) return T_NAN;
	if (x == -1.0) return -T_INF;
	if (fe_isinf(x)) return x;
	if (abs(x) < 5.9604645e-08) return x; // 2^-24: x - x^2/2 rounds to x (and keeps -0)
	float ah, al, h, l;
	fe_two_sum(1.0, x, ah, al);
	fe_log_pair(ah, al, 0, h, l);
	return h;
}

// ---- hyperbolic functions ----

// e^x as eh + el (relative error below 2^-28) for |x| <= 10.
void fe_exp_pair(float x, out float eh, out float el) {
	float r, c, s, t, h, l;
	int k = fe_exp_reduce(x, 0.0, r, c);
	fe_exp_core(r, c, s, t);
	fe_fast_two_sum(s, t, h, l);
	float p = fe_pow2i(k);
	eh = h * p;
	el = l * p;
}

// 1/(eh + el) as ih + il for eh >= 2^-20: the reciprocal corrected by its
// residual 1 - (eh + el) ih, with eh ih exact.
void fe_recip_pair(float eh, float el, out float ih, out float il) {
	float i = 1.0 / eh;
	float p, pe;
	fe_two_prod(eh, i, p, pe);
	precise float res = ((1.0 - p) - pe) - el * i; // 1 - p exact
	ih = i;
	il = res * i;
}

// e^|x| / 2 for |x| >= 9: 1/e^|x| is below 2^-26 of it. Overflows to inf.
float fe_half_exp(float ax) {
	if (ax > 90.0) return T_INF;
	float r, c, s, t;
	int k = fe_exp_reduce(ax, 0.0, r, c);
	fe_exp_core(r, c, s, t);
	precise float y = s + t;
	return fe_scale(y, k - 1);
}

float nsinh(float x) {
	if (fe_isnan(x)) return x;
	float ax = abs(x);
	float v;
	if (ax < 1.0) {
		// x + x^3 (1/3! + x^2/5! + ... + x^8/11!), remainder below 2^-32
		float z = x * x;
		float p = 2.5052108e-08;
		p = 2.7557319e-06 + z * p;
		p = 0.0001984127 + z * p;
		p = 0.008333334 + z * p;
		p = 0.16666667 + z * p;
		precise float y = ax + ax * z * p;
		v = y;
	} else if (ax < 9.0) {
		float eh, el, ih, il, a, b;
		fe_exp_pair(ax, eh, el);
		fe_recip_pair(eh, el, ih, il);
		fe_two_sum(eh, -ih, a, b);
		precise float y = 0.5 * (a + (b + (el - il)));
		v = y;
	} else {
		v = fe_half_exp(ax);
	}
	return fe_copysign(v, x);
}

float ncosh(float x) {
	if (fe_isnan(x)) return x;
	float ax = abs(x);
	if (ax >= 9.0) return fe_half_exp(ax);
	float eh, el, ih, il, a, b;
	fe_exp_pair(ax, eh, el);
	fe_recip_pair(eh, el, ih, il);
	fe_two_sum(eh, ih, a, b);
	precise float y = 0.5 * (a + (b + (el + il)));
	return y;
}

float ntanh(float x) {
	if (fe_isnan(x)) return x;
	float ax = abs(x);
	if (ax < 0.00024414062) return x; // 2^-12: x - x^3/3 rounds to x
	if (ax > 9.1) return x < 0.0 ? -1.0 : 1.0; // 1 - tanh < 2^-25.3
	// T / (T + 2), T = expm1(2|x|) = th + tl
	float th, tl, dh, dl0;
	fe_expm1_pair(2.0 * ax, th, tl);
	fe_two_sum(th, 2.0, dh, dl0);
	precise float dl = dl0 + tl;
	float q = th / dh;
	float p, pe;
	fe_two_prod(q, dh, p, pe);
	precise float rem = ((th - p) - pe) + (tl - q * dl); // th - p exact
	precise float y = q + rem / dh;
	return x < 0.0 ? -y : y;
}

// sqrt(qh + ql) as sh + sl for qh in the normal range, |ql| <= ulp(qh):
// GLSL's sqrt (not promised correctly rounded) corrected by its residual.
void fe_sqrt_pair(float qh, float ql, out float sh, out float sl) {
	float r = sqrt(qh);
	float p, pe;
	fe_two_prod(r, r, p, pe);
	precise float res = ((qh - p) - pe) + ql; // qh - p exact
	sh = r;
	sl = res / (2.0 * r);
}

float nasinh(float x) {
	if (fe_isnan(x) || fe_isinf(x)) return x;
	float ax = abs(x);
	if (ax < 0.00024414062) return x; // 2^-12: x - x^3/6 rounds to x
	float h, l;
	if (ax > 4096.0) {
		// log(2|x|) + 1/(4x^2) - ...: the rest is below 2^-29 of it
		fe_log_pair(ax, 0.0, 1, h, l);
	} else {
		// log(|x| + sqrt(x^2 + 1)), the argument as a pair
		float x2h, x2l, qh, ql0, sh, sl, ah, al0;
		fe_two_prod(ax, ax, x2h, x2l);
		fe_two_sum(x2h, 1.0, qh, ql0);
		fe_sqrt_pair(qh, ql0 + x2l, sh, sl);
		fe_two_sum(ax, sh, ah, al0);
		fe_log_pair(ah, al0 + sl, 0, h, l);
	}
	return x < 0.0 ? -h : h;
}

float nacosh(float x) {
	if (fe_isnan(x)) return x;
	if (x < 1.0) return T_NAN;
	if (fe_isinf(x)) return x;
	float h, l;
	if (x > 4096.0) {
		// log(2x) - 1/(4x^2) - ...
		fe_log_pair(x, 0.0, 1, h, l);
	} else {
		// log(x + sqrt(x^2 - 1)), the argument as a pair
		float x2h, x2l, qh, ql0, sh, sl, ah, al0;
		fe_two_prod(x, x, x2h, x2l);
		fe_two_sum(x2h, -1.0, qh, ql0);
		if (qh == 0.0) return 0.0; // x == 1
		fe_sqrt_pair(qh, ql0 + x2l, sh, sl);
		fe_two_sum(x, sh, ah, al0);
		fe_log_pair(ah, al0 + sl, 0, h, l);
	}
	return h;
}

float natanh(float x) {
	if (fe_isnan(x)) return x;
	float ax = abs(x);
	if (ax > 1.0) return T_NAN;
	if (ax == 1.0) return x * T_INF;
	if (ax < 0.00024414062) return x; // 2^-12: x + x^3/3 rounds to x
	// log((1 + |x|)/(1 - |x|)) / 2, the quotient as a pair
	float nh, nl, dh, dl, p, pe, h, l;
	fe_two_sum(1.0, ax, nh, nl);
	fe_two_sum(1.0, -ax, dh, dl);
	float q = nh / dh;
	fe_two_prod(q, dh, p, pe);
	precise float rem = ((nh - p) - pe) + (nl - q * dl); // nh - p exact
	fe_log_pair(q, rem / dh, 0, h, l);
	precise float y = 0.5 * h;
	return x < 0.0 ? -y : y;
}

// ---- cbrt ----

float ncbrt(float x) {
	if (fe_isnan(x) || fe_isinf(x) || x == 0.0) return x;
	float a = abs(x);
	int e = 0;
	if (a < 1.17549435e-38) { // subnormal: scale by 2^24
		a *= 16777216.0;
		e = -24;
	}
	uint bits = floatBitsToUint(a);
	e += int(bits >> 23) - 127;
	int q = (e + 300) / 3 - 100; // floor(e / 3)
	int r3 = e - 3 * q;          // 0, 1 or 2
	float m = uintBitsToFloat((bits & 0x007fffffu) | uint(127 + r3) << 23); // [1, 8)
	// a guess within 15% from the bit pattern (exponent / 3), then
	// Newton's y - (y^3 - m) / (3 y^2): 0.15 -> 2e-2 -> 4e-4 -> 2e-7
	float y = uintBitsToFloat(floatBitsToUint(m) / 3u + 0x2a555555u);
	y = y - (y * y * y - m) / (3.0 * y * y);
	y = y - (y * y * y - m) / (3.0 * y * y);
	y = y - (y * y * y - m) / (3.0 * y * y);
	// last step from the exact residual y^3 - m
	float sh, sl, ch, cl;
	fe_two_prod(y, y, sh, sl);
	fe_two_prod(sh, y, ch, cl);
	precise float res = (ch - m) + (cl + sl * y); // ch - m exact
	precise float z = y - res / (3.0 * sh);
	float v = z * fe_pow2i(q);
	return x < 0.0 ? -v : v;
}

// ---- logaddexp, logaddexp2 ----

// log(e^a + e^b) (base2: log2(2^a + 2^b)) as NumPy computes it: equal
// arguments (infinities included) give a + log 2, NaN propagates, and
// otherwise max + log(1 + e^-|a-b|), with a - b, e^-|a-b| and the log
// as pairs, so the result is rounded once.
float fe_logaddexp(float a, float b, bool base2) {
	if (a == b) {
		precise float y = base2 ? a + 1.0 : a + FE_LN2 + FE_LN2_F_LO;
		return y;
	}
	if (fe_isnan(a) || fe_isnan(b)) return a + b;
	float mx = max(a, b);
	float dh, dl;
	fe_two_sum(a, -b, dh, dl);
	// NumPy adds log1p(e^u) >= +0 to the larger: a -0 becomes +0
	if (fe_isinf(dh)) return mx == 0.0 ? 0.0 : mx; // an infinity, or |a - b| beyond the floats
	// u + ul = -|a - b|
	float u = a > b ? -dh : dh, ul = a > b ? -dl : dl;
	if (u < (base2 ? -150.0 : -104.0)) return mx == 0.0 ? 0.0 : mx; // e^u rounds to 0 next to 1
	float r, c, s, t, eh, el;
	int k;
	if (base2) {
		float kf = roundEven(u);
		precise float rr = u - kf; // exact
		fe_mul_ln2(rr, ul, r, c);
		k = int(kf);
	} else {
		k = fe_exp_reduce(u, ul, r, c);
	}
	fe_exp_core(r, c, s, t);
	fe_fast_two_sum(s, t, eh, el);
	eh = fe_scale(eh, k);
	el = k < -100 ? 0.0 : fe_scale(el, k);
	// L = log(1 + E), E = eh + el <= 1
	float ah, al, fh, fl, lh, ll, sh, st;
	fe_two_sum(1.0, eh, ah, al);
	int e = fe_log_core(ah, al + el, fh, fl);
	if (base2) fe_log_combine(e, fh, fl, FE_INV_LN2, FE_INV_LN2_LO, 1.0, 0.0, lh, ll);
	else fe_log_combine(e, fh, fl, 1.0, 0.0, FE_LN2_HI, FE_LN2_LO, lh, ll);
	fe_two_sum(mx, lh, sh, st);
	precise float y = sh + (st + ll);
	return y;
}

float nlogaddexp(float a, float b) { return fe_logaddexp(a, b, false); }
float nlogaddexp2(float a, float b) { return fe_logaddexp(a, b, true); }
