// float versions of sin, cos, tan, arcsin, arccos, arctan, arctan2 and
// hypot. GLSL's built-ins carry no accuracy promise (llvmpipe's tan gives
// +-1 for every |x| > 1e4, its sin and cos are 6 ulp off near multiples of
// pi/2, NVIDIA's tan is 4e-5 off near its poles), so these are written out.
// Included after helpers_float.glsl and math_float_explog.glsl with T =
// float, T_NAN and T_INF defined; they use no double arithmetic.
//
// Accuracy, measured on llvmpipe against Go's float64 math
// (device/gpu/math_float_trig_test.go, and once over every 16th float
// and 16 million random pairs): under 1 ulp for every function, the
// largest floats and subnormals included (max 0.76 sin, 0.77 cos, 0.91
// tan, 0.63 arcsin, 0.61 arccos, 0.64 arctan, 0.75 arctan2 and hypot);
// every float32 row of NumPy's validation files within 1 ulp. Special
// values as C99 Annex F (and so NumPy) specifies, zeros keeping their sign.
//
// Methods, all standard:
// * sin, cos, tan: x = n pi/2 + r, |r| <= pi/4, r kept as a float-float
//   rh + rl. Below 2048 the reduction is Cody-Waite's: pi/2 in three
//   parts of 13 bits, whose products with n <= 1304 are exact, and the
//   rounded rest, the differences carried by error-free sums. From 2048
//   to the largest float it is Payne-Hanek's, in integer arithmetic: the
//   24-bit significand times a 96-bit window of 2/pi's bits. Then minimax
//   polynomials for sin and cos on |r| <= pi/4, and tan = sin/cos as a
//   corrected quotient.
// * arctan: atan t for t <= tan(pi/8) by a minimax polynomial, pi/4 +
//   atan((t-1)/(t+1)) up to 1 and pi/2 - atan(1/t) above, the quotients
//   carried as float-floats. arctan2 takes the smaller magnitude over the
//   larger as a float-float (both scaled into [1, 2) first) and places
//   the angle in its quadrant; hypot scales by a power of two and takes a
//   corrected square root of a float-float sum of squares.
// * arcsin, arccos: a minimax polynomial up to 1/2, and above it
//   asin a = pi/2 - 2 asin(s), acos a = 2 asin(s), s = sqrt((1-a)/2)
//   (exact argument, corrected square root).
// The polynomial coefficients are near-minimax fits of the relative error
// (Lawson's iteratively reweighted least squares on 3000 Chebyshev points,
// in NumPy float64, against the functions' Taylor series), rounded to
// float one coefficient at a time, lowest first, refitting the rest.
// Their errors are checked by the test; shaders/testdata/fit_float_trig.py
// computes them (/usr/bin/python3 with NumPy).
//
// Rules the code follows (see also math_double.glsl):
// * Error-free transformations and the reduction steps hold their values
//   in `precise` variables, so that no compiler contracts or reassociates
//   them.
// * fma() is not used: llvmpipe splits it into a multiply and an add, so
//   exact products are Dekker's (Veltkamp split of each factor).
// * Quotients and square roots are corrected from exact residuals, so a
//   GPU whose division or sqrt is a few ulp off (GLSL allows 2.5 ulp for
//   division) still gives the accuracy above.
// * Exponents are read and powers of two built from bit patterns.

// ---- float-float building blocks ----

// s + e == a + b exactly, s = fl(a + b).
void mf_two_sum(float a, float b, out float s, out float e) {
	precise float ss = a + b;
	precise float bb = ss - a;
	precise float ee = (a - (ss - bb)) + (b - bb);
	s = ss;
	e = ee;
}

// As mf_two_sum for |a| >= |b| (or a == 0).
void mf_fast_two_sum(float a, float b, out float s, out float e) {
	precise float ss = a + b;
	precise float ee = b - (ss - a);
	s = ss;
	e = ee;
}

// Veltkamp's split: a == hi + lo with 12 significant bits in each (|a| < 2^115).
void mf_split(float a, out float hi, out float lo) {
	precise float c = 4097.0 * a; // 2^12 + 1
	precise float h = c - (c - a);
	precise float l = a - h;
	hi = h;
	lo = l;
}

// Dekker's product: p + e == a * b exactly, p = fl(a * b) (no overflow,
// and e not below the normal range).
void mf_two_prod(float a, float b, out float p, out float e) {
	float ah, al, bh, bl;
	mf_split(a, ah, al);
	mf_split(b, bh, bl);
	precise float pp = a * b;
	precise float ee = ((ah * bh - pp) + ah * bl + al * bh) + al * bl;
	p = pp;
	e = ee;
}

// (ah + al) / (bh + bl) as qh + ql, to about 2^-44 relative: the quotient
// of the high parts corrected by the exact residual ah - q bh.
void mf_div(float ah, float al, float bh, float bl, out float qh, out float ql) {
	float q = ah / bh;
	float p, e;
	mf_two_prod(q, bh, p, e);
	precise float r = (((ah - p) - e) + al) - q * bl;
	precise float c = r / bh;
	mf_fast_two_sum(q, c, qh, ql);
}

// sqrt(ah + al) as sh + sl for ah >= 2^-100 (or ah == 0): the square root
// corrected by the exact residual ah - s^2.
void mf_sqrt(float ah, float al, out float sh, out float sl) {
	if (ah == 0.0) {
		sh = 0.0;
		sl = 0.0;
		return;
	}
	float s = sqrt(ah);
	float p, e;
	mf_two_prod(s, s, p, e);
	precise float c = (((ah - p) - e) + al) / (2.0 * s);
	mf_fast_two_sum(s, c, sh, sl);
}

// 2^k for -126 <= k <= 127.
float mf_pow2i(int k) { return uintBitsToFloat(uint(k + 127) << 23); }

// x * 2^k for -252 <= k <= 254 in two steps by normal powers of two: it
// rounds once where the result is normal (or x * 2^(k/2) is exact).
float mf_scale(float x, int k) {
	int k1 = k / 2;
	precise float y = x * mf_pow2i(k1);
	precise float z = y * mf_pow2i(k - k1);
	return z;
}

// The exponent of a finite x != 0: 2^e <= |x| < 2^(e+1), subnormals too.
int mf_ilogb(float x) {
	uint b = floatBitsToUint(x) & 0x7fffffffu;
	if (b < 0x00800000u) return findMSB(b) - 149;
	return int(b >> 23) - 127;
}

bool mf_signbit(float x) { return (floatBitsToUint(x) & 0x80000000u) != 0u; }

// Constants. Float-float pairs hi + lo of pi/2, pi and pi/4 (hi correctly
// rounded, lo the rounded remainder), from a 512-bit pi; the test checks
// them.
const float MF_PIO2_HI = uintBitsToFloat(0x3fc90fdbu); //  1.57079637
const float MF_PIO2_LO = uintBitsToFloat(0xb33bbd2eu); // -4.37113883e-08
const float MF_PI_HI = uintBitsToFloat(0x40490fdbu);   //  3.14159274
const float MF_PI_LO = uintBitsToFloat(0xb3bbbd2eu);   // -8.74227766e-08
const float MF_PIO4_HI = uintBitsToFloat(0x3f490fdbu); //  0.785398185
const float MF_PIO4_LO = uintBitsToFloat(0xb2bbbd2eu); // -2.18556941e-08
const float MF_3PIO4 = uintBitsToFloat(0x4016cbe4u);   //  2.3561945, 3pi/4 rounded

// ---- sin, cos, tan ----

const float MF_2_PI = uintBitsToFloat(0x3f22f983u); // 2/pi rounded
// pi/2 = MF_C1 + MF_C2 + MF_C3 + MF_C4 + O(2^-60): 13-bit parts (so n * part
// is exact for n < 2^11) and the rounded rest.
const float MF_C1 = uintBitsToFloat(0x3fc90800u); // 1.570556640625
const float MF_C2 = uintBitsToFloat(0x397b5000u); // 2.39670276641845703125e-4
const float MF_C3 = uintBitsToFloat(0x32888000u); // 1.58906914293766021728515625e-8
const float MF_C4 = uintBitsToFloat(0x2c34611au); // 2.56334407e-12

// 2/pi = sum over i >= 1 of MF_2_OVER_PI[i] 2^(-32 i), its first 224 bits,
// after a zero word that stands for the (zero) bits above the binary point.
const uint MF_2_OVER_PI[8] = uint[8](0u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u,
	0x3c439041u, 0xfe5163abu);

// 32 bits of MF_2_OVER_PI from bit 32 q + s (bit 0 the top of word 0).
uint mf_2_over_pi_bits(int q, uint s) {
	return (MF_2_OVER_PI[q] << s) | ((MF_2_OVER_PI[q + 1] >> 1) >> (31u - s));
}

// Payne-Hanek reduction of ax >= 2048 (finite): returns n mod 4 and rh + rl
// = ax - n pi/2, |r| <= pi/4. With ax = m 2^e (m the 24-bit significand,
// -12 <= e <= 104), ax 2/pi mod 4 needs only the bits of 2/pi from weight
// 2^(1-e) on: bits above give multiples of 4. m times 96 of those bits is
// ax 2/pi mod 4 in fixed point with 94 fraction bits, off by under
// m 2^-94 <= 2^-70. Over every float >= 2048 the fraction's distance from
// the nearest integer is at least 2^-30 (an exhaustive search, reproduced
// by the test), so at least 40 of the bits kept are right.
int mf_reduce_large(float ax, out float rh, out float rl) {
	uint b = floatBitsToUint(ax);
	int e = int(b >> 23) - 150;
	uint m = (b & 0x7fffffu) | 0x800000u;
	int pos = e + 30; // the bit of weight 2^1 of 2/pi in MF_2_OVER_PI
	int q = pos >> 5;
	uint s = uint(pos & 31);
	uint w0 = mf_2_over_pi_bits(q, s);
	uint w1 = mf_2_over_pi_bits(q + 1, s);
	uint w2 = mf_2_over_pi_bits(q + 2, s);
	// (r0, r1, r2) = m (w0, w1, w2) mod 2^96.
	uint h1, l1, h2, r2, c;
	umulExtended(m, w2, h2, r2);
	umulExtended(m, w1, h1, l1);
	uint r1 = uaddCarry(l1, h2, c);
	uint r0 = h1 + c + m * w0;
	// The top two bits are n mod 4 rounded down; shifted out, the rest
	// is the fraction as a 96-bit two's complement number in [-1/2, 1/2)
	// once n is rounded to nearest.
	uint f0 = (r0 << 2) | (r1 >> 30);
	uint f1 = (r1 << 2) | (r2 >> 30);
	uint f2 = r2 << 2;
	bool neg = (f0 >> 31) != 0u;
	uint n = (r0 >> 30) + (f0 >> 31);
	if (neg) {
		uint c1, c2;
		f2 = uaddCarry(~f2, 1u, c1);
		f1 = uaddCarry(~f1, c1, c2);
		f0 = ~f0 + c2;
	}
	// |fraction| = (f0, f1, f2) 2^-96 >= 2^-30: normalise its top 48 bits
	// into two exact floats fh + fl.
	int lz = 31 - findMSB(f0);
	uint g0 = (f0 << lz) | ((f1 >> 1) >> (31 - lz));
	uint g1 = (f1 << lz) | ((f2 >> 1) >> (31 - lz));
	float fh = float(g0 >> 8) * mf_pow2i(-24 - lz);
	float fl = float(((g0 & 0xffu) << 16) | (g1 >> 16)) * mf_pow2i(-48 - lz);
	// r = fraction * pi/2 as a float-float.
	float p, pe;
	mf_two_prod(fh, MF_PIO2_HI, p, pe);
	precise float t = pe + (fh * MF_PIO2_LO + fl * MF_PIO2_HI);
	mf_fast_two_sum(p, t, rh, rl);
	if (neg) {
		rh = -rh;
		rl = -rl;
	}
	return int(n & 3u);
}

// Splits ax >= 0 (finite) into n pi/2 + rh + rl, |rh| <= pi/4 (a hair over
// where ax 2/pi rounds at a half), returning n (only n mod 4 is used).
int mf_trig_reduce(float ax, out float rh, out float rl) {
	if (ax < 0.78539818) {
		rh = ax;
		rl = 0.0;
		return 0;
	}
	if (ax >= 2048.0) return mf_reduce_large(ax, rh, rl);
	// Cody-Waite: n <= 1304, so n * MF_C1..3 are exact, and so is ax -
	// n * MF_C1 (the two are within a factor 2); the rest is carried.
	// The nearest float to a multiple of pi/2 below 2048 is 2^-27.9 from
	// it; the error here is under 2^-56.
	float n = roundEven(ax * MF_2_PI);
	precise float a = ax - n * MF_C1;
	float h1, l1, h2, l2;
	mf_two_sum(a, -(n * MF_C2), h1, l1);
	mf_two_sum(h1, -(n * MF_C3), h2, l2);
	precise float t = (l1 + l2) - n * MF_C4;
	mf_two_sum(h2, t, rh, rl);
	return int(n);
}

// sin(rh + rl) as h + l for |rh| <= ~pi/4, |rl| <= ulp(rh):
// r + r^3 S(r^2), S minimax (relative error 2^-32.5), plus rl cos r.
void mf_sin_kernel(float rh, float rl, out float h, out float l) {
	float z = rh * rh;
	float p = 2.83275313e-06;
	p = -0.000198530761 + z * p;
	p = 0.0083333794 + z * p;
	p = -0.166666672 + z * p;
	precise float t = (rh * z) * p + (rl - 0.5 * z * rl);
	mf_fast_two_sum(rh, t, h, l);
}

// cos(rh + rl) as h + l for |rh| <= ~pi/4, |rl| <= ulp(rh):
// 1 - r^2/2 + r^4 C(r^2), C minimax (relative error 2^-37), with r^2 exact
// and 1 - r^2/2 kept unrounded, minus rl sin r.
void mf_cos_kernel(float rh, float rl, out float h, out float l) {
	float zh, zl, w, we;
	mf_two_prod(rh, rh, zh, zl);
	mf_fast_two_sum(1.0, -0.5 * zh, w, we);
	float p = -2.8878452e-07;
	p = 2.48220076e-05 + zh * p;
	p = -0.001388898 + zh * p;
	p = 0.0416666679 + zh * p;
	precise float t = we + ((zh * zh) * p - (0.5 * zl + rh * rl));
	mf_fast_two_sum(w, t, h, l);
}

float nsin(float x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	float ax = abs(x);
	if (ax < 2.44140625e-4) return x; // 2^-12: x^3/6 is below a third of an ulp
	float rh, rl, h, l;
	int n = mf_trig_reduce(ax, rh, rl);
	if ((n & 1) == 0) mf_sin_kernel(rh, rl, h, l);
	else mf_cos_kernel(rh, rl, h, l);
	float v = h + l;
	if ((n & 2) != 0) v = -v;
	return x < 0.0 ? -v : v;
}

float ncos(float x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	float rh, rl, h, l;
	int n = mf_trig_reduce(abs(x), rh, rl);
	if ((n & 1) == 0) mf_cos_kernel(rh, rl, h, l);
	else mf_sin_kernel(rh, rl, h, l);
	float v = h + l;
	return ((n + 1) & 2) != 0 ? -v : v;
}

// tan = sin/cos in even quadrants and -cos/sin in odd ones, both as
// float-floats and the quotient corrected from its residual.
float ntan(float x) {
	if (isnan(x)) return x;
	if (isinf(x)) return T_NAN;
	float ax = abs(x);
	if (ax < 2.44140625e-4) return x; // 2^-12: x^3/3 is below a third of an ulp
	float rh, rl, sh, sl, ch, cl, qh, ql;
	int n = mf_trig_reduce(ax, rh, rl);
	mf_sin_kernel(rh, rl, sh, sl);
	mf_cos_kernel(rh, rl, ch, cl);
	float v;
	if ((n & 1) == 0) {
		mf_div(sh, sl, ch, cl, qh, ql);
		v = qh + ql;
	} else {
		mf_div(ch, cl, sh, sl, qh, ql);
		v = -(qh + ql);
	}
	return x < 0.0 ? -v : v;
}

// ---- arcsin, arccos ----

// (asin s - s) / s^3 as a polynomial in z = s^2, 0 <= z <= 1/4: minimax,
// relative error of asin 2^-31.7.
float mf_asin_poly(float z) {
	float p = 0.0377021208;
	p = 0.0143121732 + z * p;
	p = 0.0318395235 + z * p;
	p = 0.0445133522 + z * p;
	p = 0.0750052184 + z * p;
	return 0.166666597 + z * p;
}

float nasin(float x) {
	if (isnan(x)) return x;
	float a = abs(x);
	if (a > 1.0) return T_NAN;
	if (a < 2.44140625e-4) return x; // 2^-12: x^3/6 is below a third of an ulp
	float v;
	if (a <= 0.5) {
		float z = a * a;
		v = a + (a * z) * mf_asin_poly(z);
	} else {
		// pi/2 - 2 asin s, s = sqrt(z), z = (1 - a)/2 exactly.
		float z = 0.5 * (1.0 - a);
		float sh, sl, h, l;
		mf_sqrt(z, 0.0, sh, sl);
		precise float t = MF_PIO2_LO - 2.0 * (sl + (sh * z) * mf_asin_poly(z));
		mf_fast_two_sum(MF_PIO2_HI, -2.0 * sh, h, l);
		v = h + (l + t);
	}
	return x < 0.0 ? -v : v;
}

float nacos(float x) {
	if (isnan(x)) return x;
	float a = abs(x);
	if (a > 1.0) return T_NAN;
	float h, l;
	if (a <= 0.5) {
		// pi/2 - asin x
		float z = x * x;
		precise float t = MF_PIO2_LO - (x * z) * mf_asin_poly(z);
		mf_fast_two_sum(MF_PIO2_HI, -x, h, l);
		return h + (l + t);
	}
	// 2 asin s for x > 0 and pi - 2 asin s for x < 0, s = sqrt((1 - |x|)/2).
	float z = 0.5 * (1.0 - a);
	float sh, sl;
	mf_sqrt(z, 0.0, sh, sl);
	precise float w = sl + (sh * z) * mf_asin_poly(z); // asin s - sh
	if (x > 0.0) return 2.0 * (sh + w);
	mf_fast_two_sum(MF_PI_HI, -2.0 * sh, h, l);
	return h + (l + (MF_PI_LO - 2.0 * w));
}

// ---- arctan, arctan2 ----

// (atan u - u) / u^3 as a polynomial in z = u^2, 0 <= z <= tan(pi/8)^2:
// minimax, relative error of atan 2^-33.9.
float mf_atan_poly(float z) {
	float p = 0.0435108654;
	p = -0.0828315318 + z * p;
	p = 0.110095829 + z * p;
	p = -0.142791316 + z * p;
	p = 0.199998021 + z * p;
	return -0.333333313 + z * p;
}

// atan(th + tl) as h + l for 0 <= th <= 1, |tl| <= ulp(th): the polynomial
// up to tan(pi/8), above it pi/4 + atan u, u = (t - 1)/(t + 1), |u| <=
// tan(pi/8), u a float-float; atan(uh + ul) = atan uh + ul/(1 + uh^2).
void mf_atan_core(float th, float tl, out float h, out float l) {
	float ch = 0.0, cl = 0.0, uh = th, ul = tl;
	if (th > 0.41421356) {
		float nh, nl, dh, dl;
		mf_two_sum(th, -1.0, nh, nl);
		mf_fast_two_sum(1.0, th, dh, dl);
		precise float nl2 = nl + tl;
		precise float dl2 = dl + tl;
		mf_div(nh, nl2, dh, dl2, uh, ul);
		ch = MF_PIO4_HI;
		cl = MF_PIO4_LO;
	}
	float z = uh * uh;
	precise float tail = (uh * z) * mf_atan_poly(z) + (ul - ul * z);
	float s, e;
	mf_two_sum(ch, uh, s, e);
	precise float lo = e + (cl + tail);
	mf_fast_two_sum(s, lo, h, l);
}

float natan(float x) {
	if (isnan(x)) return x;
	float a = abs(x);
	if (a < 2.44140625e-4) return x; // 2^-12: x^3/3 is below a third of an ulp
	float v;
	if (a > 67108864.0) {
		v = MF_PIO2_HI; // 2^26: pi/2 - 1/a rounds to pi/2
	} else if (a <= 1.0) {
		float h, l;
		mf_atan_core(a, 0.0, h, l);
		v = h + l;
	} else {
		// pi/2 - atan(1/a)
		float th, tl, h, l, s, e;
		mf_div(1.0, 0.0, a, 0.0, th, tl);
		mf_atan_core(th, tl, h, l);
		mf_fast_two_sum(MF_PIO2_HI, -h, s, e);
		v = s + (e + (MF_PIO2_LO - l));
	}
	return x < 0.0 ? -v : v;
}

// C99's atan2 (NumPy's): the angle of (x, y) in [-pi, pi], the sign of y's
// (zero included), with the special values of C99 Annex F.
float natan2(float y, float x) {
	if (isnan(x) || isnan(y)) return T_NAN;
	float ax = abs(x), ay = abs(y);
	bool xneg = mf_signbit(x);
	float v;
	if (isinf(ax) || isinf(ay)) {
		if (isinf(ax) && isinf(ay)) v = xneg ? MF_3PIO4 : MF_PIO4_HI;
		else if (isinf(ay)) v = MF_PIO2_HI;
		else v = xneg ? MF_PI_HI : 0.0;
	} else if (ay == 0.0) {
		v = xneg ? MF_PI_HI : 0.0;
	} else if (ax == 0.0) {
		v = MF_PIO2_HI;
	} else {
		// atan(num/den) <= pi/4. Where num/den >= 2^-126, both are scaled
		// into [1, 2), so that their quotient and its residual are exact
		// float-floats, and the quotient scaled back (exactly). Below,
		// atan(num/den) is num/den to far beyond float precision and
		// rounds once to the subnormal grid.
		float num = min(ax, ay), den = max(ax, ay);
		int en = mf_ilogb(num), ed = mf_ilogb(den);
		float th, tl, h, l, s, e;
		if (en - ed < -125) {
			h = num / den;
			l = 0.0;
		} else {
			mf_div(mf_scale(num, -en), 0.0, mf_scale(den, -ed), 0.0, th, tl);
			th = mf_scale(th, en - ed);
			tl = mf_scale(tl, en - ed);
			mf_atan_core(th, tl, h, l);
		}
		if (ay > ax) { // pi/2 - atan(ax/ay)
			mf_fast_two_sum(MF_PIO2_HI, -h, s, e);
			h = s;
			l = e + (MF_PIO2_LO - l);
		}
		if (xneg) { // pi - angle
			mf_fast_two_sum(MF_PI_HI, -h, s, e);
			h = s;
			l = e + (MF_PI_LO - l);
		}
		v = h + l;
	}
	return mf_signbit(y) ? -v : v;
}

// ---- hypot ----

// sqrt(a^2 + b^2) without overflow or underflow in between: both scaled by
// the power of two that brings the larger into [1, 2), the squares and
// their sum exact as float-floats, the square root corrected from its
// residual, and the scale undone (one rounding where the result is normal).
// An infinite argument gives inf even with a NaN (C99).
float nhypot(float a, float b) {
	if (isinf(a) || isinf(b)) return T_INF;
	if (isnan(a) || isnan(b)) return T_NAN;
	float hi = max(abs(a), abs(b)), lo = min(abs(a), abs(b));
	if (lo == 0.0) return hi;
	int k = mf_ilogb(hi);
	float h = mf_scale(hi, -k), l = mf_scale(lo, -k);
	float hh, hl, lh, ll, sh, sl, rh, rl;
	mf_two_prod(h, h, hh, hl);
	mf_two_prod(l, l, lh, ll);
	mf_fast_two_sum(hh, lh, sh, sl);
	precise float sl2 = sl + (hl + ll);
	mf_sqrt(sh, sl2, rh, rl);
	return mf_scale(rh + rl, k);
}
