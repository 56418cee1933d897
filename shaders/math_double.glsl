// double versions of exp, log, sin, cos, tan, tanh, log1p, expm1 and pow,
// which GLSL does not provide (its built-ins take float only). Included
// after helpers_float.glsl with T = double and T_NAN, T_INF defined.
//
// Accuracy, measured on llvmpipe against a 320-bit reference and Go's math
// package (device/gpu/math_double_test.go): under 0.75 ulp for every
// function over the whole normal range (sin, cos and tan for every finite
// double), special cases as C99 Annex F (and so NumPy) specifies.
// Subnormal results are computed (to 1 ulp of the subnormal grid), not
// flushed, unless the hardware flushes them itself.
//
// Methods, all standard: Cody-Waite argument reduction (ln2 and pi/2 split
// into parts whose products with the reduction multiple are exact), Taylor
// polynomials on the reduced range truncated far below double precision,
// and double-double arithmetic (error-free two_sum/two_prod) where a result
// must carry more than 53 bits: log for pow, the trig reduction, tan's and
// tanh's final quotients.
//
// Rules the code follows:
// * Error-free transformations and the reduction steps hold their values
//   in `precise` variables. Without it the compiler may contract a*b+c into
//   an fma or apply algebra that is exact only over the reals (Mesa folds
//   (x + c) - c to x), and both break them.
// * fma() is not used: Mesa's llvmpipe splits it into a multiply and an
//   add even in precise expressions, so products are split Dekker's way.
// * Every literal carries the lf suffix: an unsuffixed one is a float.
// * Exponents are read and powers of two built from the bit patterns,
//   independent of how a driver treats ldexp and frexp at the extremes.

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

// Veltkamp's split: a == hi + lo with 26 significant bits in each (|a| < 2^995).
void md_split(double a, out double hi, out double lo) {
	precise double c = 134217729.0lf * a; // 2^27 + 1
	precise double h = c - (c - a);
	precise double l = a - h;
	hi = h;
	lo = l;
}

// Dekker's product: p + e == a * b exactly, p = fl(a * b).
void md_two_prod(double a, double b, out double p, out double e) {
	double ah, al, bh, bl;
	md_split(a, ah, al);
	md_split(b, bh, bl);
	precise double pp = a * b;
	precise double ee = ((ah * bh - pp) + ah * bl + al * bh) + al * bl;
	p = pp;
	e = ee;
}

// 2^k for -1022 <= k <= 1023.
double md_pow2i(int k) { return packDouble2x32(uvec2(0u, uint(k + 1023) << 20)); }

// x * 2^k for -2044 <= k <= 2046 in two exact steps: it overflows to inf
// and rounds once when the result is subnormal.
double md_scale(double x, int k) {
	int k1 = k >> 1;
	precise double y = x * md_pow2i(k1);
	precise double z = y * md_pow2i(k - k1);
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

// e^(xh + xl) for xh not NaN and |xl| <= ulp(xh): 2^k (1 + e), 1 + e
// rounded once.
double md_exp_dd(double xh, double xl) {
	if (xh > 709.79lf) return T_INF;
	if (xh < -745.2lf) return 0.0lf;
	double r, c, eh, el, s, t;
	double k = md_exp_reduce(xh, xl, r, c);
	md_expm1_kernel(r, c, eh, el);
	md_fast_two_sum(1.0lf, eh, s, t);
	precise double y = s + (t + el);
	return md_scale(y, int(k));
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

// log(a) as hi + lo, about 2^-64 relative, for finite a > 0.
// a = 2^e m with m in [sqrt(1/2), sqrt(2)], f = m - 1 (exact) and
// log m = 2 atanh(s) = 2s (1 + z/3 + z^2/5 + ...), s = f/(2+f), z = s^2 <= 0.0295,
// with s, z, z/3 and the products in double-double and the tail
// z^2/5 + ... (< 2^-12) in double.
void md_log_dd(double a, out double hi, out double lo) {
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
	double lh, ll0;
	md_two_prod(s2h, vh, lh, ll0);
	precise double ll = ll0 + (s2h * vl2 + s2l * vh);
	// + e ln2
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
