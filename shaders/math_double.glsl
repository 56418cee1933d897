// double versions of exp, log, sin, cos, tan, tanh, log1p, expm1, pow,
// exp2, log2, log10, sinh, cosh, asinh, acosh, atanh, cbrt, asin, acos,
// atan, atan2, hypot, logaddexp and logaddexp2, which GLSL does not
// provide (its built-ins take float only). Included after
// helpers_float.glsl with T = double and T_NAN, T_INF defined.
//
// Accuracy, measured on llvmpipe against a 320-bit reference and Go's math
// package (device/gpu/math_double_test.go): under 0.75 ulp for every
// function over the whole normal range (sin, cos and tan for every finite
// double), special cases as C99 Annex F (and so NumPy) specifies. The one
// exception is logaddexp/logaddexp2 where the result cancels to far below
// the arguments (e^a + e^b near 1): there the absolute error is about
// 2^-57 (NumPy's formula: 2^-53).
// Subnormal results are computed (to 1 ulp of the subnormal grid), not
// flushed, unless the hardware flushes them itself.
//
// Methods, all standard: Cody-Waite argument reduction (ln2 and pi/2 split
// into parts whose products with the reduction multiple are exact), Taylor
// polynomials on the reduced range truncated far below double precision,
// and double-double arithmetic (error-free two_sum/two_prod) where a result
// must carry more than 53 bits: log for pow, log2, log10 and the inverse
// hyperbolics, the trig reduction, atan's reduction by a table of
// atan(k/8), the quotients of tan, tanh, sinh, cosh and atan2, the square
// roots of asin, acos, hypot (corrected from an exact residual, so the
// driver's sqrt and division need not be correctly rounded).
//
// Rules the code follows, so an optimising driver compiler cannot break it:
// * Error-free transformations and the reduction steps hold their values
//   in `precise` variables. Without it the compiler may apply algebra that
//   is exact only over the reals (Mesa folds (x + c) - c to x), which
//   breaks two_sum.
// * Nothing relies on a multiply staying uncontracted: every product
//   whose rounding error is taken (two_prod's partial products, k times a
//   split constant in the reductions) is exact, so an fma gives the same.
//   Veltkamp's split, c - (c - a) with c = (2^27 + 1) a, is replaced by an
//   integer split of the bit pattern.
// * fma() is used only under MD_FMA_EXACT, which the device layer defines
//   where a probe at context creation found double fma() fused (NVIDIA):
//   Mesa's llvmpipe splits fma() into a multiply and an add, even in
//   precise expressions (checked with a kernel: for a = 1 + 2^-30 read
//   from a buffer and p = a*a, fma(a, a, -p) gives 0, not 2^-60).
// * Powers of two are applied to the exponent field as integers
//   (md_scale), never as a chain of multiplications a compiler may
//   reassociate into one that overflows; exponents are read from the bit
//   patterns; reductions take their multiple with roundEven, never with a
//   (x + 1.5*2^52) - 1.5*2^52 trick.
// * Every literal carries the lf suffix: an unsuffixed one is a float.

// ---- double-double building blocks ----

// s + e == a + b exactly, s = fl(a + b).
void md_two_sum(double a, double b, out double s, out double e) {
	precise double ss = a + b;
	precise double bb = ss - a;
	precise double ee = (a - (ss - bb)) + (b - bb);
	s = ss;
	e = ee;
}

// As md_two_sum for |a| >= |b| (or a == 0).
void md_fast_two_sum(double a, double b, out double s, out double e) {
	precise double ss = a + b;
	precise double ee = b - (ss - a);
	s = ss;
	e = ee;
}

#ifdef MD_FMA_EXACT
// p + e == a * b exactly, p = fl(a * b), by one fused multiply-add. Only
// where the device layer has found, at context creation, that fma() is
// fused in double (an exact a*b - p from a buffer's values): NVIDIA's
// DFMA is; Mesa's llvmpipe splits fma() into a multiply and an add, which
// would make e 0 and every double-double here a plain double.
void md_two_prod(double a, double b, out double p, out double e) {
	precise double pp = a * b;
	precise double ee = fma(a, b, -pp);
	p = pp;
	e = ee;
}
#else
// a == hi + lo with hi the 26 leading significant bits of a rounded to
// nearest (on the integer bit pattern: half of the 27th bit added, the
// carry allowed into the exponent, the low 27 bits cleared) and lo = a - hi
// (exact) within 26 bits, for any finite a. This is Veltkamp's split
// without its arithmetic: c - (c - a) with c = (2^27 + 1) a is a pattern a
// compiler may fold to a, or contract into an fma, breaking the split.
void md_split(double a, out double hi, out double lo) {
	uvec2 w = unpackDouble2x32(a);
	uint x = w.x + 0x04000000u;
	uint y = w.y + (x < w.x ? 1u : 0u);
	precise double h = packDouble2x32(uvec2(x & 0xf8000000u, y));
	precise double l = a - h;
	hi = h;
	lo = l;
}

// Dekker's product: p + e == a * b exactly, p = fl(a * b), for |a b| in
// [2^-969, 2^1023]. The four partial products of 26-bit halves are exact,
// so contracting any of them into an fma changes nothing.
void md_two_prod(double a, double b, out double p, out double e) {
	double ah, al, bh, bl;
	md_split(a, ah, al);
	md_split(b, bh, bl);
	precise double pp = a * b;
	precise double ee = ((ah * bh - pp) + ah * bl + al * bh) + al * bl;
	p = pp;
	e = ee;
}
#endif

// 2^k for -1022 <= k <= 1023.
double md_pow2i(int k) { return packDouble2x32(uvec2(0u, uint(k + 1023) << 20)); }

const double MD_TWO_M600 = 2.409919865102884e-181lf; // 2^-600

// x * 2^k for -2044 <= k <= 2046, rounded once. A normal result is made
// by adding k to the exponent field, with no floating-point multiply: two
// (x 2^a) 2^b, an optimiser may reassociate into x (2^a 2^b), which
// overflows where the result does not (exp(709.78) = inf on NVIDIA). An
// overflow gives the signed inf; a subnormal result is x 2^(k+600), built
// exactly, times 2^-600, one rounding. x zero, subnormal, inf or NaN takes
// two multiplications, exact but the last.
double md_scale(double x, int k) {
	uvec2 w = unpackDouble2x32(x);
	int e = int((w.y >> 20) & 0x7ffu);
	if (e == 0 || e == 0x7ff) {
		int k1 = k >> 1;
		precise double y = x * md_pow2i(k1);
		precise double z = y * md_pow2i(k - k1);
		return z;
	}
	int n = e + k;
	uint sign = w.y & 0x80000000u;
	if (n >= 1 && n <= 2046) return packDouble2x32(uvec2(w.x, (w.y & 0x800fffffu) | (uint(n) << 20)));
	if (n > 2046) return packDouble2x32(uvec2(0u, sign | 0x7ff00000u));
	if (n < -60) return packDouble2x32(uvec2(0u, sign)); // below 2^-1083: rounds to 0
	precise double y = packDouble2x32(uvec2(w.x, (w.y & 0x800fffffu) | (uint(n + 600) << 20)));
	precise double z = y * MD_TWO_M600;
	return z;
}

bool md_signbit(double x) { return (unpackDouble2x32(x).y & 0x80000000u) != 0u; }

// ---- exp, expm1 ----

const double MD_INV_LN2 = 1.4426950408889634lf;
const double MD_LN2_HI = 0.6931471803691238lf;     // ln 2 to 32 bits: k * MD_LN2_HI is exact for |k| < 2^21
const double MD_LN2_LO = 1.9082149292705877e-10lf; // ln 2 - MD_LN2_HI

// e^(r + c) - 1 as eh + el for |r| <= 0.35 (a little over ln2/2),
// |c| <= ulp(r): r + r^2 P(r), P Taylor to r^12/14! (the remainder is
// below 2^-60 relative), r^2 exact and r + r^2 P kept unrounded.
void md_expm1_kernel(double r, double c, out double eh, out double el) {
	double p = 1.1470745597729725e-11lf;
	p = 1.6059043836821613e-10lf + r * p;
	p = 2.08767569878681e-09lf + r * p;
	p = 2.505210838544172e-08lf + r * p;
	p = 2.755731922398589e-07lf + r * p;
	p = 2.7557319223985893e-06lf + r * p;
	p = 2.48015873015873e-05lf + r * p;
	p = 0.0001984126984126984lf + r * p;
	p = 0.001388888888888889lf + r * p;
	p = 0.008333333333333333lf + r * p;
	p = 0.041666666666666664lf + r * p;
	p = 0.16666666666666666lf + r * p;
	p = 0.5lf + r * p;
	double rrh, rrl;
	md_two_prod(r, r, rrh, rrl);
	precise double q = rrh * p + rrl * p;
	double h, l;
	md_fast_two_sum(r, q, h, l); // |q| < |r|/5
	precise double l2 = l + c * (1.0lf + h); // e^c - 1 = c to 2^-106
	eh = h;
	el = l2;
}

// Splits x into k ln2 + r + c, k = round(x / ln2), |r| <= ln2/2 (a little
// over when x/ln2 rounds at a half), c the rounding error of r. xl is a
// low part of x (0 for a plain double).
double md_exp_reduce(double xh, double xl, out double r, out double c) {
	double k = roundEven(xh * MD_INV_LN2);
	precise double hi = xh - k * MD_LN2_HI; // exact
	precise double lo = k * MD_LN2_LO - xl;
	md_two_sum(hi, -lo, r, c);
	return k;
}

// e^(xh + xl) 2^n for |xh| <= 746, |xl| <= ulp(xh), |n| <= 1100:
// 2^(k + n) (1 + e), 1 + e rounded once and scaled exactly (or rounded
// once more where the result is subnormal).
double md_exp_scaled(double xh, double xl, int n) {
	double r, c, eh, el, s, t;
	double k = md_exp_reduce(xh, xl, r, c);
	md_expm1_kernel(r, c, eh, el);
	md_fast_two_sum(1.0lf, eh, s, t);
	precise double y = s + (t + el);
	return md_scale(y, int(k) + n);
}

// e^(xh + xl) for xh not NaN and |xl| <= ulp(xh).
double md_exp_dd(double xh, double xl) {
	if (xh > 709.79lf) return T_INF;
	if (xh < -745.2lf) return 0.0lf;
	return md_exp_scaled(xh, xl, 0);
}

// e^(xh + xl) as hi + lo (about 2^-56 relative) for xh <= 709.78,
// |xl| <= ulp(xh); 0 below -745.2.
void md_exp_dd2(double xh, double xl, out double hi, out double lo) {
	hi = 0.0lf;
	lo = 0.0lf;
	if (xh < -745.2lf) return;
	double r, c, eh, el, s, t, yh, yl;
	int k = int(md_exp_reduce(xh, xl, r, c));
	md_expm1_kernel(r, c, eh, el);
	md_fast_two_sum(1.0lf, eh, s, t);
	precise double u = t + el;
	md_fast_two_sum(s, u, yh, yl);
	hi = md_scale(yh, k);
	lo = md_scale(yl, k);
}

double nexp(double x) {
	if (isnan(x)) return x;
	return md_exp_dd(x, 0.0lf);
}

// e^x - 1 as hi + lo for -40 <= x <= 709.79 (hi overflows to inf past
// ~709.78): 2^k (1 + e) - 1 = 2^k ((1 - 2^-k) + e), where 1 - 2^-k is
// exact for |k| <= 52, so nothing cancels but in one rounding.
void md_expm1_dd(double x, out double hi, out double lo) {
	double r, c, eh, el;
	int k = int(md_exp_reduce(x, 0.0lf, r, c));
	md_expm1_kernel(r, c, eh, el);
	if (k < -52) { // -1 + 2^k (1 + e), 2^k (1 + e) < 2^-52
		precise double v = md_scale(1.0lf + eh, k);
		md_fast_two_sum(-1.0lf, v, hi, lo);
		return;
	}
	double c0 = 1.0lf, c1 = 0.0lf;
	if (k <= 52) c0 = 1.0lf - md_pow2i(-k);
	else if (k <= 1022) c1 = -md_pow2i(-k);
	double s, t, yh, yl;
	md_two_sum(c0, eh, s, t);
	precise double u = t + (el + c1);
	md_fast_two_sum(s, u, yh, yl);
	hi = md_scale(yh, k);
	lo = md_scale(yl, k);
}

double nexpm1(double x) {
	if (isnan(x)) return x;
	if (x > 709.79lf) return T_INF;
	if (x < -40.0lf) return -1.0lf; // e^x < 2^-57: -1 + e^x rounds to -1
	if (abs(x) < 5.551115123125783e-17lf) return x; // 2^-54: x + x^2/2 rounds to x
	double h, l;
	md_expm1_dd(x, h, l);
	return h;
}

// ---- log, log1p ----

const double MD_THIRD_HI = 0.3333333333333333lf;
const double MD_THIRD_LO = 1.850371707708594e-17lf;

// log(m) as lh + ll, about 2^-64 relative, and the exponent e, with
// a = 2^e m, m in [sqrt(1/2), sqrt(2)], for finite a > 0. f = m - 1
// (exact) and log m = 2 atanh(s) = 2s (1 + z/3 + z^2/5 + ...),
// s = f/(2+f), z = s^2 <= 0.0295, with s, z, z/3 and the products in
// double-double and the tail z^2/5 + ... (< 2^-12) in double. The exponent
// is read from the bit pattern, so e is exact and log2 and log10 add it
// without a rounded e ln2.
void md_log_parts(double a, out int ex, out double lh, out double ll) {
	int e = 0;
	if (a < 2.2250738585072014e-308lf) { // subnormal: scale by 2^54
		a *= 18014398509481984.0lf;
		e = -54;
	}
	uvec2 w = unpackDouble2x32(a);
	e += int(w.y >> 20) - 1023;
	double m = packDouble2x32(uvec2(w.x, (w.y & 0x000fffffu) | 0x3ff00000u)); // [1, 2)
	if (m > 1.4142135623730951lf) {
		m *= 0.5lf;
		e += 1;
	}
	precise double f = m - 1.0lf; // exact
	// s = f / (2 + f) = sh + sl
	double dh, dl;
	md_fast_two_sum(2.0lf, f, dh, dl);
	precise double sh = f / dh;
	double ph, pl;
	md_two_prod(sh, dh, ph, pl);
	precise double sl = (((f - ph) - pl) - sh * dl) / dh;
	// z = s^2 = zh + zl
	double zh, zl0;
	md_two_prod(sh, sh, zh, zl0);
	precise double zl = zl0 + 2.0lf * sh * sl;
	// tail z^2 (1/5 + z/7 + ... + z^11/27): the series' remainder is below 2^-70
	double q = 0.037037037037037035lf;
	q = 0.04lf + zh * q;
	q = 0.043478260869565216lf + zh * q;
	q = 0.047619047619047616lf + zh * q;
	q = 0.05263157894736842lf + zh * q;
	q = 0.058823529411764705lf + zh * q;
	q = 0.06666666666666667lf + zh * q;
	q = 0.07692307692307693lf + zh * q;
	q = 0.09090909090909091lf + zh * q;
	q = 0.1111111111111111lf + zh * q;
	q = 0.14285714285714285lf + zh * q;
	q = 0.2lf + zh * q;
	precise double tail = (zh * zh) * q;
	// v = 1 + z/3 + tail
	double th, tl0;
	md_two_prod(zh, MD_THIRD_HI, th, tl0);
	precise double tl = tl0 + (zh * MD_THIRD_LO + zl * MD_THIRD_HI);
	double uh, ul;
	md_two_sum(th, tail, uh, ul);
	precise double ul2 = ul + tl;
	double vh, vl;
	md_fast_two_sum(1.0lf, uh, vh, vl);
	precise double vl2 = vl + ul2;
	// log m = 2s v
	precise double s2h = 2.0lf * sh;
	precise double s2l = 2.0lf * sl;
	double lh0, ll0;
	md_two_prod(s2h, vh, lh0, ll0);
	precise double ll1 = ll0 + (s2h * vl2 + s2l * vh);
	md_fast_two_sum(lh0, ll1, lh, ll);
	ex = e;
}

// log(a) as hi + lo, about 2^-64 relative, for finite a > 0: log m + e ln2.
void md_log_dd(double a, out double hi, out double lo) {
	int e;
	double lh, ll;
	md_log_parts(a, e, lh, ll);
	double fe = double(e);
	precise double eh = fe * MD_LN2_HI; // exact
	double rh, rl;
	md_two_sum(eh, lh, rh, rl);
	precise double rl2 = rl + (ll + fe * MD_LN2_LO);
	md_fast_two_sum(rh, rl2, hi, lo);
}

double nlog(double x) {
	if (isnan(x)) return x;
	if (x < 0.0lf) return T_NAN;
	if (x == 0.0lf) return -T_INF;
	if (isinf(x)) return x;
	double h, l;
	md_log_dd(x, h, l);
	return h;
}

double nlog1p(double x) {
	if (isnan(x)) return x;
	if (x < -1.0lf) return T_NAN;
	if (x == -1.0lf) return -T_INF;
	if (isinf(x)) return x;
	if (abs(x) < 5.551115123125783e-17lf) return x; // 2^-54: x - x^2/2 rounds to x
	// 1 + x = uh + ul exactly; log(uh + ul) = log(uh) + ul/uh to 2^-106.
	double uh, ul;
	md_two_sum(1.0lf, x, uh, ul);
	double h, l;
	md_log_dd(uh, h, l);
	precise double r = h + (l + ul / uh);
	return r;
}

// ---- pow ----

// C's pow, as NumPy's power uses it: pow(x, +-0) = 1 and pow(1, y) = 1
// even for NaN; a negative base needs an integer exponent (else NaN) and
// gives a negative result for an odd one; pow(+-0, y<0) = inf (signed for
// odd y); pow(-1, +-inf) = 1; otherwise |x|^y = e^(y log|x|) with log|x|
// in double-double, so the product keeps ~2^-64 relative accuracy and the
// result is within about 1 ulp.
double npower(double a, double b) {
	if (b == 0.0lf || a == 1.0lf) return 1.0lf;
	if (isnan(a) || isnan(b)) return T_NAN;
	if (b == 1.0lf) return a;
	double aa = abs(a);
	if (isinf(b)) {
		if (aa == 1.0lf) return 1.0lf;
		return ((aa < 1.0lf) == (b > 0.0lf)) ? 0.0lf : T_INF;
	}
	bool bint = trunc(b) == b;
	bool odd = bint && abs(b) < 9007199254740992.0lf && trunc(0.5lf * b) != 0.5lf * b;
	bool neg = md_signbit(a);
	if (a == 0.0lf) {
		if (b < 0.0lf) return (odd && neg) ? -T_INF : T_INF;
		return odd ? a : 0.0lf;
	}
	if (isinf(a)) {
		if (b < 0.0lf) return (odd && neg) ? -0.0lf : 0.0lf;
		return (odd && neg) ? -T_INF : T_INF;
	}
	if (neg && !bint) return T_NAN;
	double sgn = (neg && odd) ? -1.0lf : 1.0lf;
	if (b == 2.0lf) return a * a;
	if (abs(b) >= 18446744073709551616.0lf) {
		// |b| >= 2^64 (an even integer): |b log|a|| > 2^11 unless a == +-1.
		if (aa == 1.0lf) return 1.0lf;
		return ((aa > 1.0lf) == (b > 0.0lf)) ? T_INF : 0.0lf;
	}
	double lh, ll;
	md_log_dd(aa, lh, ll);
	double ph, pl;
	md_two_prod(b, lh, ph, pl);
	precise double pl2 = pl + b * ll;
	double yh, yl;
	md_fast_two_sum(ph, pl2, yh, yl);
	return sgn * md_exp_dd(yh, yl);
}

// ---- sin, cos, tan ----

const double MD_PIO4 = 0.7853981633974483lf;
const double MD_TWO_OVER_PI = 0.6366197723675814lf;
// pi/2 = MD_PIO2_1 + MD_PIO2_2 + MD_PIO2_3 + MD_PIO2_4 (to 152 bits), the
// first three with 33 significant bits so k * each is exact for k < 2^20.
const double MD_PIO2_1 = 1.5707963267341256lf;
const double MD_PIO2_2 = 6.077100506303966e-11lf;
const double MD_PIO2_3 = 2.0222662487111665e-21lf;
const double MD_PIO2_4 = 8.4784276603689e-32lf;
// pi/2 = MD_PIO2_HI + MD_PIO2_LO to 107 bits.
const double MD_PIO2_HI = 1.5707963267948966lf;
const double MD_PIO2_LO = 6.123233995736766e-17lf;

// 2/pi in base 2^24: 2/pi = sum digit[i] 2^(-24(i+1)), 1344 bits, which
// covers every double (the largest needs digits up to index 52).
const double MD_TWO_OVER_PI_24[56] = double[56](
	10680707.0lf, 7228996.0lf, 1387004.0lf, 2578385.0lf, 16069853.0lf, 12639074.0lf, 9804092.0lf,
	4427841.0lf, 16666979.0lf, 11263675.0lf, 12935607.0lf, 2387514.0lf, 4345298.0lf, 14681673.0lf,
	3074569.0lf, 13734428.0lf, 16653803.0lf, 1880361.0lf, 10960616.0lf, 8533493.0lf, 3062596.0lf,
	8710556.0lf, 7349940.0lf, 6258241.0lf, 3772886.0lf, 3769171.0lf, 3798172.0lf, 8675211.0lf,
	12450088.0lf, 3874808.0lf, 9961438.0lf, 366607.0lf, 15675153.0lf, 9132554.0lf, 7151469.0lf,
	3571407.0lf, 2607881.0lf, 12013382.0lf, 4155038.0lf, 6285869.0lf, 7677882.0lf, 13102053.0lf,
	15825725.0lf, 473591.0lf, 9065106.0lf, 15363067.0lf, 6271263.0lf, 9264392.0lf, 5636912.0lf,
	4652155.0lf, 7056368.0lf, 13614112.0lf, 10155062.0lf, 1944035.0lf, 9527646.0lf, 15080200.0lf
);

double md_two_over_pi_digit(int i) { return i < 0 ? 0.0lf : MD_TWO_OVER_PI_24[i]; }

// Payne-Hanek reduction for finite ax >= 2^5 (used from 2^20): returns n with
// ax = (4j + n) pi/2 + rh + rl, |rh + rl| <= pi/4, to about 2^-100 relative
// however close ax is to a multiple of pi/2. ax = M 2^E with M the 53-bit
// significand; with t = (E + 48) mod 24, M 2^t = sum m[j] 2^(24j) in
// 24-bit digits and ax 2/pi = sum over columns u of
// g_u 2^(-24(u+1)), g_u = sum_j m[j] digit[u + j + qp], every product and
// sum exact in double. Columns u <= -2 are multiples of 4 and dropped;
// u = -1 holds the integer part, u = 0..9 the fraction (to 2^-240, where
// 2^-130 would do).
int md_reduce_large(double ax, out double rh, out double rl) {
	uvec2 w = unpackDouble2x32(ax);
	int E = int(w.y >> 20) - 1075;
	double M = packDouble2x32(uvec2(w.x, (w.y & 0x000fffffu) | 0x43300000u)); // [2^52, 2^53)
	int t = (E + 48) % 24;
	int qp = (E + 48) / 24 - 2; // ax = (M 2^t) 2^(24 qp)
	double mt = M * md_pow2i(t);
	double m3 = floor(mt * md_pow2i(-72));
	mt -= m3 * md_pow2i(72);
	double m2 = floor(mt * md_pow2i(-48));
	mt -= m2 * md_pow2i(48);
	double m1 = floor(mt * md_pow2i(-24));
	double m0 = mt - m1 * md_pow2i(24);
	double g[11]; // g[u + 1] is column u
	for (int u = -1; u <= 9; u++) {
		int i = u + qp;
		g[u + 1] = m0 * md_two_over_pi_digit(i) + m1 * md_two_over_pi_digit(i + 1) +
			m2 * md_two_over_pi_digit(i + 2) + m3 * md_two_over_pi_digit(i + 3);
	}
	// Carry into base-2^24 digits.
	for (int u = 10; u >= 1; u--) {
		double c = floor(g[u] * 5.9604644775390625e-08lf); // 2^-24
		g[u] -= c * 16777216.0lf;
		g[u - 1] += c;
	}
	int n = int(g[0] - 4.0lf * floor(0.25lf * g[0]));
	// A fraction >= 1/2 rounds up: r = -(1 - fraction) pi/2 in quadrant n + 1.
	bool up = g[1] >= 8388608.0lf;
	if (up) {
		n = (n + 1) & 3;
		for (int u = 1; u <= 10; u++) g[u] = 16777215.0lf - g[u];
		g[10] += 1.0lf;
	}
	// The fraction from its first non-zero digit, as fh + fl (96 bits).
	int s = 1;
	while (s < 7 && g[s] == 0.0lf) s++;
	double fh = (g[s] * 16777216.0lf + g[s + 1]) * md_pow2i(-24 * (s + 1));
	double fl = (g[s + 2] * 16777216.0lf + g[s + 3]) * md_pow2i(-24 * (s + 3));
	double ph, pl;
	md_two_prod(fh, MD_PIO2_HI, ph, pl);
	precise double pl2 = pl + (fh * MD_PIO2_LO + fl * MD_PIO2_HI);
	md_fast_two_sum(ph, pl2, rh, rl);
	if (up) {
		rh = -rh;
		rl = -rl;
	}
	return n;
}

// Reduces finite ax >= 0 to ax = (4j + n) pi/2 + rh + rl, |rh + rl| <= pi/4
// (a hair over where ax 2/pi rounds at a half), returning n. Below 2^20 it is
// Cody-Waite with the four-part pi/2: the first two steps are exact and the
// rest is carried in double-double, so rh + rl is good to about 2^-130
// absolute, where no double comes closer to a multiple of pi/2 than about
// 2^-61 (the worst case over all doubles). From 2^20 to the largest double
// it is Payne-Hanek (md_reduce_large), so sin, cos and tan keep their
// accuracy over the whole double range, not just up to 1e5.
int md_trig_reduce(double ax, out double rh, out double rl) {
	if (ax <= MD_PIO4) {
		rh = ax;
		rl = 0.0lf;
		return 0;
	}
	if (ax >= 1048576.0lf) return md_reduce_large(ax, rh, rl);
	double k = roundEven(ax * MD_TWO_OVER_PI); // < 2^20
	precise double r1 = ax - k * MD_PIO2_1; // exact
	precise double w2 = k * MD_PIO2_2;      // exact
	double h, l;
	md_two_sum(r1, -w2, h, l);
	precise double w3 = k * MD_PIO2_3; // exact
	double h2, l2;
	md_two_sum(h, -w3, h2, l2);
	precise double lo = (l + l2) - k * MD_PIO2_4;
	md_two_sum(h2, lo, rh, rl);
	return int(k) & 3;
}

// sin(x + y) as hi + lo for |x| <= ~pi/4, |y| <= ulp(x):
// x - x^3/6 + x^5 R(x^2) + y (1 - x^2/2), R Taylor to x^19/19!
// (remainder below 2^-70 relative).
void md_sin_kernel(double x, double y, out double hi, out double lo) {
	precise double z = x * x;
	precise double v = z * x;
	double r = -8.22063524662433e-18lf;
	r = 2.8114572543455206e-15lf + z * r;
	r = -7.647163731819816e-13lf + z * r;
	r = 1.6059043836821613e-10lf + z * r;
	r = -2.505210838544172e-08lf + z * r;
	r = 2.7557319223985893e-06lf + z * r;
	r = -0.0001984126984126984lf + z * r;
	r = 0.008333333333333333lf + z * r;
	precise double tail = v * -0.16666666666666666lf + (v * (z * r) + (y - 0.5lf * z * y));
	md_fast_two_sum(x, tail, hi, lo);
}

// cos(x + y) as hi + lo for |x| <= ~pi/4, |y| <= ulp(x):
// 1 - x^2/2 + x^4 C(x^2) - x y, C Taylor to x^20/20!, with x^2 exact and
// 1 - x^2/2 split so its rounding error is kept.
void md_cos_kernel(double x, double y, out double hi, out double lo) {
	double zh, zl;
	md_two_prod(x, x, zh, zl);
	double c = 4.110317623312165e-19lf;
	c = -1.5619206968586225e-16lf + zh * c;
	c = 4.779477332387385e-14lf + zh * c;
	c = -1.1470745597729725e-11lf + zh * c;
	c = 2.08767569878681e-09lf + zh * c;
	c = -2.755731922398589e-07lf + zh * c;
	c = 2.48015873015873e-05lf + zh * c;
	c = -0.001388888888888889lf + zh * c;
	c = 0.041666666666666664lf + zh * c;
	precise double hz = 0.5lf * zh;
	precise double w = 1.0lf - hz;
	precise double tail = ((1.0lf - w) - hz) + ((zh * zh) * c - (x * y + 0.5lf * zl));
	md_fast_two_sum(w, tail, hi, lo);
}

double nsin(double x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	double ax = abs(x);
	if (ax < 1.4901161193847656e-08lf) return x; // 2^-26: x - x^3/6 rounds to x
	double rh, rl, h, l;
	int n = md_trig_reduce(ax, rh, rl);
	if ((n & 1) == 0) md_sin_kernel(rh, rl, h, l);
	else md_cos_kernel(rh, rl, h, l);
	if (n >= 2) h = -h;
	return x < 0.0lf ? -h : h;
}

double ncos(double x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	double ax = abs(x);
	if (ax < 7.450580596923828e-09lf) return 1.0lf; // 2^-27: 1 - x^2/2 rounds to 1
	double rh, rl, h, l;
	int n = md_trig_reduce(ax, rh, rl);
	if ((n & 1) == 0) md_cos_kernel(rh, rl, h, l);
	else md_sin_kernel(rh, rl, h, l);
	if (n == 1 || n == 2) h = -h;
	return h;
}

// tan = sin/cos (or -cos/sin in odd quadrants) from the double-double
// kernels, divided in double-double.
double ntan(double x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	double ax = abs(x);
	if (ax < 7.450580596923828e-09lf) return x; // 2^-27: x + x^3/3 rounds to x
	double rh, rl, sh, sl, ch, cl;
	int n = md_trig_reduce(ax, rh, rl);
	md_sin_kernel(rh, rl, sh, sl);
	md_cos_kernel(rh, rl, ch, cl);
	double nh = sh, nl = sl, dh = ch, dl = cl;
	if ((n & 1) == 1) {
		nh = ch;
		nl = cl;
		dh = -sh;
		dl = -sl;
	}
	precise double q = nh / dh;
	double ph, pl;
	md_two_prod(q, dh, ph, pl);
	precise double rem = (((nh - ph) - pl) + nl) - q * dl;
	precise double t = q + rem / dh;
	return x < 0.0lf ? -t : t;
}

// ---- tanh ----

// tanh |x| = t / (t + 2) below 0.55 and 1 - 2 / (t + 2) above, t = expm1(2|x|)
// in double-double and the quotients too, so only the last rounding is
// not carried; 1 beyond 22, where tanh rounds to 1.
double ntanh(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax > 22.0lf) return x > 0.0lf ? 1.0lf : -1.0lf;
	if (ax < 3.725290298461914e-09lf) return x; // 2^-28: x - x^3/3 rounds to x
	double th, tl, dh, dl0;
	md_expm1_dd(2.0lf * ax, th, tl);
	md_two_sum(th, 2.0lf, dh, dl0);
	precise double dl = dl0 + tl;
	bool small = ax < 0.55lf;
	double nh = small ? th : 2.0lf;
	double nl = small ? tl : 0.0lf;
	precise double q = nh / dh;
	double ph, pl;
	md_two_prod(q, dh, ph, pl);
	precise double ql = ((((nh - ph) - pl) + nl) - q * dl) / dh;
	precise double r;
	if (small) {
		r = q + ql;
	} else {
		double oh, ol;
		md_two_sum(1.0lf, -q, oh, ol);
		r = oh + (ol - ql);
	}
	return x < 0.0lf ? -r : r;
}

// ---- more double-double helpers ----

// Constants computed with math/big (600 bits; ln 10 = 3 ln2 + 2 atanh(1/9),
// atan by argument halving and its series): each _HI is the value rounded
// to double, each _LO the rest rounded to double.
const double MD_LN2_D = 0.6931471805599453lf;        // ln 2
const double MD_LN2_DLO = 2.3190468138462996e-17lf;  // ln 2 - MD_LN2_D
const double MD_INV_LN2_LO = 2.0355273740931033e-17lf; // 1/ln2 - MD_INV_LN2
const double MD_INV_LN10_HI = 0.4342944819032518lf;  // 1/ln 10
const double MD_INV_LN10_LO = 1.0983196502167651e-17lf;
const double MD_LG2_HI = 0.3010299956658855lf;      // log10(2) to 32 bits: e * MD_LG2_HI is exact for |e| < 2^21
const double MD_LG2_LO = -1.9043128467164274e-12lf; // log10(2) - MD_LG2_HI
const double MD_PI_HI = 3.141592653589793lf;
const double MD_PI_LO = 1.2246467991473532e-16lf;
const double MD_3PIO4 = 2.356194490192345lf; // 3pi/4 rounded

// The exponent field of x less the bias: floor(log2 x) for normal x,
// -1023 for zero and subnormals.
int md_exponent(double x) { return int((unpackDouble2x32(x).y >> 20) & 0x7ffu) - 1023; }

// (qh + ql) = (nh + nl) / (dh + dl) to about 2^-104 relative, the
// remainder of qh = fl(nh/dh) computed exactly, so a division that is not
// correctly rounded costs nothing (|dh| >= 2^-960, |nh| < 2^995).
void md_div_dd(double nh, double nl, double dh, double dl, out double qh, out double ql) {
	precise double q = nh / dh;
	double ph, pl;
	md_two_prod(q, dh, ph, pl);
	precise double r = ((((nh - ph) - pl) + nl) - q * dl) / dh;
	md_fast_two_sum(q, r, qh, ql);
}

// sqrt(ah + al) as hi + lo for ah > 0 (|ah| < 2^995): one Newton step from
// the driver's sqrt with the exact residual, so any sqrt within a few ulp
// gives about 2^-100 relative.
void md_sqrt_dd(double ah, double al, out double hi, out double lo) {
	precise double s = sqrt(ah);
	double ph, pl;
	md_two_prod(s, s, ph, pl);
	precise double c = (((ah - ph) - pl) + al) / (2.0lf * s);
	md_fast_two_sum(s, c, hi, lo);
}

// log(1 + xh + xl) as hi + lo for xh >= -0.5 (|xl| <= ulp(xh)), about
// 2^-64 relative: 1 + x = uh + ul exactly, log(uh) in double-double and
// log(1 + w) = w - w^2/2 for w = ul/uh (|w| <= 2^-52).
void md_log1p_dd(double xh, double xl, out double hi, out double lo) {
	double uh, ul0, h, l;
	md_two_sum(1.0lf, xh, uh, ul0);
	precise double ul = ul0 + xl;
	md_log_dd(uh, h, l);
	precise double w = ul / uh;
	precise double t = l + (w - 0.5lf * w * w);
	md_fast_two_sum(h, t, hi, lo);
}

// a - (bh + bl) for a double-double constant a = ah + al with
// |ah| >= |bh|, as hi + lo.
void md_sub_dd(double ah, double al, double bh, double bl, out double hi, out double lo) {
	double s, e;
	md_two_sum(ah, -bh, s, e);
	precise double t = e + (al - bl);
	md_fast_two_sum(s, t, hi, lo);
}

// ---- exp2, log2, log10 ----

// 2^x = 2^n 2^f with n = round(x) and f = x - n (both exact, |f| <= 1/2),
// 2^f = e^(f ln2) with f ln2 in double-double, so only exp's own rounding
// remains; n is added to the exponent exactly.
double nexp2(double x) {
	if (isnan(x)) return x;
	if (x >= 1024.0lf) return T_INF;
	if (x < -1080.0lf) return 0.0lf;
	double n = roundEven(x);
	precise double f = x - n; // exact: |x| < 2^11
	double yh, yl, ph, pl;
	md_two_prod(f, MD_LN2_D, ph, pl);
	precise double pl2 = pl + f * MD_LN2_DLO;
	md_fast_two_sum(ph, pl2, yh, yl);
	return md_exp_scaled(yh, yl, int(n));
}

// log2 x = e + log(m)/ln2 (md_log_parts): e exact, the quotient in
// double-double, one rounding at the end. Exact for powers of two.
double nlog2(double x) {
	if (isnan(x)) return x;
	if (x < 0.0lf) return T_NAN;
	if (x == 0.0lf) return -T_INF;
	if (isinf(x)) return x;
	int e;
	double lh, ll, ph, pl, sh, sl;
	md_log_parts(x, e, lh, ll);
	md_two_prod(lh, MD_INV_LN2, ph, pl);
	precise double pl2 = pl + (lh * MD_INV_LN2_LO + ll * MD_INV_LN2);
	md_two_sum(double(e), ph, sh, sl);
	precise double r = sh + (sl + pl2);
	return r;
}

// log10 x = e log10(2) + log(m)/ln10: e log10(2) with the 32-bit split
// (its first part exact), log(m)/ln10 in double-double, one rounding.
double nlog10(double x) {
	if (isnan(x)) return x;
	if (x < 0.0lf) return T_NAN;
	if (x == 0.0lf) return -T_INF;
	if (isinf(x)) return x;
	int e;
	double lh, ll, ph, pl, sh, sl;
	md_log_parts(x, e, lh, ll);
	md_two_prod(lh, MD_INV_LN10_HI, ph, pl);
	precise double pl2 = pl + (lh * MD_INV_LN10_LO + ll * MD_INV_LN10_HI);
	double fe = double(e);
	precise double eh = fe * MD_LG2_HI; // exact
	md_two_sum(eh, ph, sh, sl);
	precise double r = sh + (sl + (pl2 + fe * MD_LG2_LO));
	return r;
}

// ---- sinh, cosh ----

// sinh |x| = (t + t/(1 + t))/2 with t = expm1|x| in double-double up to
// 22; beyond, e^-|x| < 2^-63 e^|x| and sinh = e^|x| / 2, computed as
// e^|x| 2^-1 without overflowing where e^|x| alone would (to 710.47).
double nsinh(double x) {
	if (isnan(x) || isinf(x)) return x;
	double ax = abs(x);
	if (ax < 1.4901161193847656e-08lf) return x; // 2^-26: x + x^3/6 rounds to x
	precise double r;
	if (ax > 22.0lf) {
		r = ax > 711.0lf ? T_INF : md_exp_scaled(ax, 0.0lf, -1);
	} else {
		double th, tl, dh, dl0, qh, ql, sh, sl;
		md_expm1_dd(ax, th, tl);
		md_two_sum(1.0lf, th, dh, dl0);
		precise double dl = dl0 + tl;
		md_div_dd(th, tl, dh, dl, qh, ql);
		md_two_sum(th, qh, sh, sl);
		r = 0.5lf * (sh + (sl + (tl + ql)));
	}
	return x < 0.0lf ? -r : r;
}

// cosh |x| = (E + 1/E)/2 with E = 1 + expm1|x| and 1/E in double-double
// (no cancellation: both terms are positive) up to 22; e^|x| / 2 beyond.
double ncosh(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax > 22.0lf) return ax > 711.0lf ? T_INF : md_exp_scaled(ax, 0.0lf, -1);
	if (ax < 7.450580596923828e-09lf) return 1.0lf; // 2^-27: 1 + x^2/2 rounds to 1
	double th, tl, dh, dl0, qh, ql, sh, sl;
	md_expm1_dd(ax, th, tl);
	md_two_sum(1.0lf, th, dh, dl0);
	precise double dl = dl0 + tl;
	md_div_dd(1.0lf, 0.0lf, dh, dl, qh, ql);
	md_two_sum(dh, qh, sh, sl);
	precise double r = 0.5lf * (sh + (sl + (dl + ql)));
	return r;
}

// ---- asinh, acosh, atanh ----

// log(ax) + ln 2 for the large arguments of asinh and acosh, where the
// next term, 1/(4x^2), is below 2^-58 of it.
double md_log_2x(double ax) {
	double h, l, sh, sl;
	md_log_dd(ax, h, l);
	md_two_sum(h, MD_LN2_D, sh, sl);
	precise double r = sh + (sl + (l + MD_LN2_DLO));
	return r;
}

// log(uh + ul) for a double-double u >= 1 rounded once.
double md_log_of_dd(double uh, double ul) {
	double h, l;
	md_log_dd(uh, h, l);
	precise double r = h + (l + ul / uh);
	return r;
}

// asinh |x| = log(|x| + sqrt(1 + x^2)) with 1 + x^2 (exact as a
// double-double), its root and the sum in double-double, so log's
// argument is good to about 2^-100 and nothing cancels even for small x
// (where the argument is 1 + |x| + ...); log(2|x|) from 2^28.
double nasinh(double x) {
	if (isnan(x) || isinf(x)) return x;
	double ax = abs(x);
	if (ax < 1.4901161193847656e-08lf) return x; // 2^-26: x - x^3/6 rounds to x
	precise double r;
	if (ax > 268435456.0lf) {
		r = md_log_2x(ax);
	} else {
		double ph, pl, wh, wl0, sh, sl, uh, ul0;
		md_two_prod(ax, ax, ph, pl);
		md_two_sum(1.0lf, ph, wh, wl0);
		precise double wl = wl0 + pl;
		md_sqrt_dd(wh, wl, sh, sl);
		md_two_sum(ax, sh, uh, ul0);
		precise double ul = ul0 + sl;
		r = md_log_of_dd(uh, ul);
	}
	return x < 0.0lf ? -r : r;
}

// acosh x = log(x + sqrt(x^2 - 1)): x^2 - 1 is exact as a double-double
// (x^2 split exactly, minus 1 error-free), so near x = 1, where
// acosh ~ sqrt(2(x-1)), nothing is lost; log(2x) from 2^28.
double nacosh(double x) {
	if (isnan(x)) return x;
	if (x < 1.0lf) return T_NAN;
	if (x == 1.0lf) return 0.0lf;
	if (isinf(x)) return x;
	if (x > 268435456.0lf) return md_log_2x(x);
	double ph, pl, wh0, wl0, wh, wl, sh, sl, uh, ul0;
	md_two_prod(x, x, ph, pl);
	md_two_sum(ph, -1.0lf, wh0, wl0);
	precise double wl1 = wl0 + pl;
	md_fast_two_sum(wh0, wl1, wh, wl);
	md_sqrt_dd(wh, wl, sh, sl);
	md_two_sum(x, sh, uh, ul0);
	precise double ul = ul0 + sl;
	return md_log_of_dd(uh, ul);
}

// atanh |x| = log1p(2|x| / (1 - |x|)) / 2 with 1 - |x| (exact as a
// double-double), the quotient and log1p in double-double.
double natanh(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax > 1.0lf) return T_NAN;
	if (ax == 1.0lf) return x > 0.0lf ? T_INF : -T_INF;
	if (ax < 7.450580596923828e-09lf) return x; // 2^-27: x + x^3/3 rounds to x
	double dh, dl, qh, ql, h, l;
	md_two_sum(1.0lf, -ax, dh, dl);
	md_div_dd(2.0lf * ax, 0.0lf, dh, dl, qh, ql);
	md_log1p_dd(qh, ql, h, l);
	precise double r = 0.5lf * (h + l);
	return x < 0.0lf ? -r : r;
}

// ---- cbrt ----

// cbrt x = 2^q cbrt(m 2^j) with the exponent e = 3q + j (j in 0..2) taken
// from the bit pattern, so the cube root is of a in [1, 8): a cubic seed
// (least-squares fit of a^(1/3) on [1, 8] by numpy.polyfit, 1.4% relative
// error), three Newton steps (to about 2^-49) and a last one from the
// exact residual a - y^3 (y^2 and y^3 split error-free), which leaves
// about 2^-100: one rounding. Exact for exact cubes.
double ncbrt(double x) {
	if (isnan(x) || isinf(x) || x == 0.0lf) return x;
	double ax = abs(x);
	int e = 0;
	if (ax < 2.2250738585072014e-308lf) { // subnormal: scale by 2^54
		ax *= 18014398509481984.0lf;
		e = -54;
	}
	uvec2 w = unpackDouble2x32(ax);
	e += int(w.y >> 20) - 1023;
	int eb = e + 1200; // > 0, a multiple of 3 above e
	int q = eb / 3;
	int j = eb - 3 * q;
	q -= 400;
	double a = packDouble2x32(uvec2(w.x, (w.y & 0x000fffffu) | 0x3ff00000u)) * double(1 << j);
	double y = ((0.0019168lf * a - 0.037498lf) * a + 0.34003lf) * a + 0.70912lf;
	for (int i = 0; i < 3; i++) {
		precise double y2 = y * y;
		y = y - (y - a / y2) * 0.3333333333333333lf;
	}
	double sh, sl, ch, cl;
	md_two_prod(y, y, sh, sl);
	md_two_prod(sh, y, ch, cl);
	precise double res = ((a - ch) - cl) - sl * y; // a - y^3, a - ch exact
	precise double z = y + res / (3.0lf * sh);
	precise double r = md_scale(z, q);
	return x < 0.0lf ? -r : r;
}

// ---- atan, atan2, asin, acos ----

// atan(k/8) for k = 0..8 as hi + lo (math/big, see above).
const double MD_ATAN_HI[9] = double[9](0.0lf, 0.12435499454676144lf, 0.24497866312686414lf,
	0.35877067027057225lf, 0.4636476090008061lf, 0.5585993153435624lf, 0.6435011087932844lf,
	0.7188299996216245lf, 0.7853981633974483lf);
const double MD_ATAN_LO[9] = double[9](0.0lf, -3.1253241424539383e-18lf, 1.0698755618734451e-17lf,
	-2.4623815582638635e-17lf, 2.2698777452961687e-17lf, -5.4556305485916264e-18lf,
	1.5834785051444286e-17lf, -2.1478388444456983e-17lf, 3.061616997868383e-17lf);

// atan(th + tl) as hi + lo for 0 <= th <= 1 (|tl| <= ulp(th)), about
// 2^-100 relative: with c = k/8 the nearest eighth,
// atan t = atan c + atan u, u = (t - c)/(1 + t c), |u| <= 1/16, u in
// double-double and atan u = u - u^3/3 + ... + u^17/17 (Taylor; the
// remainder is below 2^-76 relative), the cubic and higher terms in double.
void md_atan_dd(double th, double tl, out double hi, out double lo) {
	int k = int(th * 8.0lf + 0.5lf); // any nearby k keeps |u| small
	double c = double(k) * 0.125lf;
	double nh, nl0, ph, pl, dh, dl0, uh, ul;
	md_two_sum(th, -c, nh, nl0);
	precise double nl = nl0 + tl;
	md_two_prod(th, c, ph, pl);
	md_two_sum(1.0lf, ph, dh, dl0);
	precise double dl = dl0 + (pl + tl * c);
	md_div_dd(nh, nl, dh, dl, uh, ul);
	double z = uh * uh;
	double p = 0.058823529411764705lf;
	p = -0.06666666666666667lf + z * p;
	p = 0.07692307692307693lf + z * p;
	p = -0.09090909090909091lf + z * p;
	p = 0.1111111111111111lf + z * p;
	p = -0.14285714285714285lf + z * p;
	p = 0.2lf + z * p;
	p = -0.3333333333333333lf + z * p;
	precise double tail = (uh * z) * p;
	double sh, sl;
	md_two_sum(MD_ATAN_HI[k], uh, sh, sl);
	precise double l = sl + ((MD_ATAN_LO[k] + ul) + tail);
	md_fast_two_sum(sh, l, hi, lo);
}

// atan((nh + nl) / (dh + dl)) as hi + lo for positive double-doubles
// with quotient in [2^-70, 2^70] and |nh|, |dh| in [2^-960, 2^990]: the
// smaller over the larger, and pi/2 - atan(1/t) where t > 1.
void md_atan_ratio(double nh, double nl, double dh, double dl, out double hi, out double lo) {
	bool inv = nh > dh;
	double qh, ql;
	if (inv) md_div_dd(dh, dl, nh, nl, qh, ql);
	else md_div_dd(nh, nl, dh, dl, qh, ql);
	md_atan_dd(qh, ql, hi, lo);
	if (inv) md_sub_dd(MD_PIO2_HI, MD_PIO2_LO, hi, lo, hi, lo);
}

double natan(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax < 7.450580596923828e-09lf) return x; // 2^-27: x - x^3/3 rounds to x
	precise double r;
	if (ax > 1.152921504606847e18lf) { // 2^60: pi/2 - 1/x, and 1/x^3 is negligible
		r = MD_PIO2_HI + (MD_PIO2_LO - 1.0lf / ax);
	} else {
		double h, l;
		md_atan_ratio(ax, 0.0lf, 1.0lf, 0.0lf, h, l);
		r = h + l;
	}
	return x < 0.0lf ? -r : r;
}

// C99's atan2: the angle of (x, y) in [-pi, pi], with its special cases
// for zeros (by sign) and infinities. Finite non-zero arguments are scaled
// by a power of two so their larger is in [1, 2) (exact while the ratio
// is above 2^-60; below, atan(t) = t and t = |y|/|x| is one division),
// and pi - angle for x < 0 is taken in double-double.
double natan2(double y, double x) {
	if (isnan(x) || isnan(y)) return T_NAN;
	bool xneg = md_signbit(x);
	double ay = abs(y), ax = abs(x);
	double h = 0.0lf, l = 0.0lf;
	if (isinf(ax) || isinf(ay)) {
		if (isinf(ax) && isinf(ay)) h = xneg ? MD_3PIO4 : MD_PIO4;
		else if (isinf(ay)) h = MD_PIO2_HI;
		else h = xneg ? MD_PI_HI : 0.0lf;
	} else if (ay == 0.0lf) {
		h = xneg ? MD_PI_HI : 0.0lf;
	} else if (ax == 0.0lf) {
		h = MD_PIO2_HI;
	} else {
		if (max(ax, ay) < 2.0e-270lf) { // exact: both scaled up by 2^600
			ax *= 4.149515568880993e+180lf;
			ay *= 4.149515568880993e+180lf;
		}
		int ex = md_exponent(ax), ey = md_exponent(ay);
		if (ey - ex < -62) { // |y/x| < 2^-61 (or a subnormal y/x): atan = y/x
			h = ay / ax;
			if (xneg) md_sub_dd(MD_PI_HI, MD_PI_LO, h, 0.0lf, h, l);
		} else if (ey - ex > 62) { // |x/y| < 2^-61: pi/2 -+ x/y
			md_sub_dd(MD_PIO2_HI, MD_PIO2_LO, xneg ? -ax / ay : ax / ay, 0.0lf, h, l);
		} else {
			int es = max(ex, ey);
			double sx = md_scale(ax, -es), sy = md_scale(ay, -es); // exact, in [2^-63, 2)
			md_atan_ratio(sy, 0.0lf, sx, 0.0lf, h, l);
			if (xneg) md_sub_dd(MD_PI_HI, MD_PI_LO, h, l, h, l);
		}
	}
	precise double r = h + l;
	return md_signbit(y) ? -r : r;
}

// asin x = atan(|x| / sqrt(1 - x^2)) with 1 - x^2 = (1 - |x|)(1 + |x|)
// in double-double (1 - |x| is exact from 1/2 on), so near |x| = 1 the
// root keeps its relative accuracy.
void md_one_minus_sq(double ax, out double h, out double l) {
	double ph, pl, dh, dl0;
	if (ax < 0.5lf) {
		md_two_prod(ax, ax, ph, pl);
		md_two_sum(1.0lf, -ph, dh, dl0);
		precise double dl = dl0 - pl;
		md_fast_two_sum(dh, dl, h, l);
	} else {
		precise double d = 1.0lf - ax; // exact
		double sh, sl;
		md_two_sum(1.0lf, ax, sh, sl);
		md_two_prod(d, sh, ph, pl);
		precise double pl2 = pl + d * sl;
		md_fast_two_sum(ph, pl2, h, l);
	}
}

double nasin(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax > 1.0lf) return T_NAN;
	if (ax < 1.4901161193847656e-08lf) return x; // 2^-26: x + x^3/6 rounds to x
	precise double r;
	if (ax == 1.0lf) {
		r = MD_PIO2_HI;
	} else {
		double wh, wl, sh, sl, h, l;
		md_one_minus_sq(ax, wh, wl);
		md_sqrt_dd(wh, wl, sh, sl);
		md_atan_ratio(ax, 0.0lf, sh, sl, h, l);
		r = h + l;
	}
	return x < 0.0lf ? -r : r;
}

// acos x = atan(sqrt(1 - x^2) / x) for x > 0, pi - that for x < 0.
double nacos(double x) {
	if (isnan(x)) return x;
	double ax = abs(x);
	if (ax > 1.0lf) return T_NAN;
	if (ax == 1.0lf) return x > 0.0lf ? 0.0lf : MD_PI_HI;
	double h, l;
	if (ax < 5.551115123125783e-17lf) { // 2^-54: pi/2 - x rounds from pi/2 in double-double
		md_sub_dd(MD_PIO2_HI, MD_PIO2_LO, x, 0.0lf, h, l);
	} else {
		double wh, wl, sh, sl;
		md_one_minus_sq(ax, wh, wl);
		md_sqrt_dd(wh, wl, sh, sl);
		md_atan_ratio(sh, sl, ax, 0.0lf, h, l);
		if (x < 0.0lf) md_sub_dd(MD_PI_HI, MD_PI_LO, h, l, h, l);
	}
	precise double r = h + l;
	return r;
}

// ---- hypot ----

// sqrt(a^2 + b^2) without overflow or underflow in between: the larger
// magnitude scaled into [1, 2) by its exponent (exact: the smaller stays
// above 2^-62 times it, or it no longer matters), the squares' sum in
// double-double and its root corrected from the exact residual, then
// scaled back once. inf wins over NaN, as C99 says.
double nhypot(double a, double b) {
	double ax = abs(a), ay = abs(b);
	if (isinf(ax) || isinf(ay)) return T_INF;
	if (isnan(ax) || isnan(ay)) return T_NAN;
	double mx = max(ax, ay), mn = min(ax, ay);
	if (mn == 0.0lf) return mx;
	int es = 0;
	if (mx < 2.0e-270lf) { // exact: both scaled up by 2^600
		mx *= 4.149515568880993e+180lf;
		mn *= 4.149515568880993e+180lf;
		es = -600;
	}
	int e = md_exponent(mx);
	if (e - md_exponent(mn) > 60) return max(ax, ay); // 1 + (mn/mx)^2/2 rounds to 1
	double sx = md_scale(mx, -e), sn = md_scale(mn, -e);
	double p1, e1, p2, e2, s, t, wh, wl, h, l;
	md_two_prod(sx, sx, p1, e1);
	md_two_prod(sn, sn, p2, e2);
	md_fast_two_sum(p1, p2, s, t);
	precise double t2 = t + (e1 + e2);
	md_fast_two_sum(s, t2, wh, wl);
	md_sqrt_dd(wh, wl, h, l);
	precise double r = h + l;
	return md_scale(r, e + es);
}

// ---- logaddexp, logaddexp2 ----

// NumPy's npy_logaddexp: log(e^a + e^b) = m + log1p(e^-d), m the larger,
// d = |a - b|. Equal arguments give a + ln2 (rounded once from ln2 in
// double-double; inf for (inf, inf) and -inf for (-inf, -inf)); NaN
// propagates. d is kept in double-double and
// e^-d and log1p in double-double, so the sum is rounded once; where the
// result cancels to far below m (m near -ln2) its absolute error, about
// 2^-56, is what remains.
double nlogaddexp(double a, double b) {
	if (isnan(a) || isnan(b)) return T_NAN;
	if (isinf(a) && a == b) return a;
	double sh, sl;
	if (a == b) { // a + ln2, rounded once
		md_two_sum(a, MD_LN2_D, sh, sl);
		precise double r2 = sh + (sl + MD_LN2_DLO);
		return r2;
	}
	double m = max(a, b), n = min(a, b);
	if (isinf(m) || isinf(n)) return m;
	double dh, dl, eh, el, lh, ll;
	md_two_sum(m, -n, dh, dl);
	if (isinf(dh)) return m; // e^-d = 0
	md_exp_dd2(-dh, -dl, eh, el);
	md_log1p_dd(eh, el, lh, ll);
	md_two_sum(m, lh, sh, sl);
	precise double r = sh + (sl + ll);
	return r;
}

// NumPy's npy_logaddexp2: log2(2^a + 2^b) = m + log2(1 + 2^-d) as
// nlogaddexp, 2^-d = e^(-d ln2) and the log divided by ln2 in
// double-double; equal arguments give a + 1.
double nlogaddexp2(double a, double b) {
	if (isnan(a) || isnan(b)) return T_NAN;
	if (a == b) return a + 1.0lf;
	double m = max(a, b), n = min(a, b);
	if (isinf(m) || isinf(n)) return m;
	double dh, dl, yh, yl, ph, pl, eh, el, lh, ll, qh, ql, sh, sl;
	md_two_sum(m, -n, dh, dl);
	if (dh > 1100.0lf) return m; // 2^-d < 2^-1100
	md_two_prod(dh, MD_LN2_D, ph, pl);
	precise double pl2 = pl + (dh * MD_LN2_DLO + dl * MD_LN2_D);
	md_fast_two_sum(ph, pl2, yh, yl);
	md_exp_dd2(-yh, -yl, eh, el);
	md_log1p_dd(eh, el, lh, ll);
	md_two_prod(lh, MD_INV_LN2, qh, ql);
	precise double ql2 = ql + (lh * MD_INV_LN2_LO + ll * MD_INV_LN2);
	md_two_sum(m, qh, sh, sl);
	precise double r = sh + (sl + ql2);
	return r;
}
