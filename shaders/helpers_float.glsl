// Helpers of the op table's GLSL for a float compute type T (float or
// double). NaN and inf are made from their bit patterns (T_NAN, T_INF)
// because GLSL leaves the results of sqrt, log and pow outside their
// domains undefined: these helpers return IEEE's answers instead.
uint nbool(T x) { return x != T(0) ? 1u : 0u; }

// divmod as NumPy's npy_divmod: Python's floor division and modulo, both
// from C's fmod.
//
// nfmod is C's fmod, exact: |a| is reduced by |b| * 2^k for k from the
// largest that fits down to 0, each subtraction exact (Sterbenz: the
// operands are within a factor of two), so the result is exact for every
// quotient, however large (up to ~2100 steps for double 1e300 by 5e-324).
// A quotient through division and trunc is not: it loses the low bits once
// it passes 2^53.
T nfmod(T a, T b) {
	if (isnan(a) || isnan(b) || isinf(a) || b == T(0)) return T_NAN;
	if (isinf(b)) return a;
	precise T x = abs(a);
	T y = abs(b);
	if (x < y) return a;
	T t = y;
	while (t + t <= x) t += t;
	while (x >= y) {
		while (t > x) t *= T(0.5);
		x -= t;
	}
	return T_SIGNBIT(a) ? -x : x;
}
T nfloordiv(T a, T b) {
	if (b == T(0)) return a / b;
	T m = nfmod(a, b);
	T d = (a - m) / b;
	if (m != T(0) && ((b < T(0)) != (m < T(0)))) d -= T(1);
	if (d != T(0)) {
		T f = floor(d);
		if (d - f > T(0.5)) f += T(1);
		return f;
	}
	// A zero quotient takes the sign of a/b, as npy_divmod's
	// copysign(0, a/b): floor_divide(-0.0, 1) is -0.0.
	return T_SIGNBIT(a / b) ? -T(0) : T(0);
}
T nremainder(T a, T b) {
	if (b == T(0)) return T_NAN;
	T m = nfmod(a, b);
	if (m != T(0)) {
		if ((b < T(0)) != (m < T(0))) m += b;
	} else {
		m = b < T(0) ? -T(0) : T(0);
	}
	return m;
}
// NumPy's: NaN propagates, a tie (±0) gives the second argument.
T nmaximum(T a, T b) { return (a > b || isnan(a)) ? a : b; }
T nminimum(T a, T b) { return (a < b || isnan(a)) ? a : b; }
T nabs(T a) { return abs(a); }
T nsign(T a) { return isnan(a) ? a : (a > T(0) ? T(1) : (a < T(0) ? T(-1) : T(0))); }
T nreciprocal(T a) { return T(1) / a; }
T nwhere(int c, T x, T y) { return c != 0 ? x : y; }
T nsqrt(T x) { return x < T(0) ? T_NAN : sqrt(x); }
T nfloor(T x) { return floor(x); }
T nceil(T x) { return ceil(x); }
// NumPy's _NPY_CLIP: a NaN a is returned; comparisons are strict, so
// clip(-0.0, 0, 1) is +0.0 and a NaN bound gives NaN.
T nclip(T a, T lo, T hi) {
	if (isnan(a)) return a;
	a = a > lo ? a : lo;
	if (isnan(a)) return a;
	return a < hi ? a : hi;
}
// copysign with the sign bit of b, NaN's included (T_SIGNBIT reads the bits).
T ncopysign(T a, T b) { return T_SIGNBIT(a) == T_SIGNBIT(b) ? a : -a; }
// NumPy's fmax and fmin: a NaN argument is ignored unless both are NaN;
// a tie (±0) gives a.
T nfmax(T a, T b) { return (a >= b || isnan(b)) ? a : b; }
T nfmin(T a, T b) { return (a <= b || isnan(b)) ? a : b; }
bool nisnan(T a) { return isnan(a); }
bool nisinf(T a) { return isinf(a); }
bool nisfinite(T a) { return !isnan(a) && !isinf(a); }
bool nsignbit(T a) { return T_SIGNBIT(a); }
T ndeg2rad(T a) { return a * T_DEG2RAD; }
T nrad2deg(T a) { return a * T_RAD2DEG; }
