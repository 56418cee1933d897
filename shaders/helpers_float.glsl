// Helpers of the op table's GLSL for a float compute type T (float or
// double). NaN and inf are made from their bit patterns (T_NAN, T_INF)
// because GLSL leaves the results of sqrt, log and pow outside their
// domains undefined: these helpers return IEEE's answers instead.
uint nbool(T x) { return x != T(0) ? 1u : 0u; }

// divmod as NumPy's npy_divmod: Python's floor division and modulo.
// C's fmod: a finite a over an infinite b is a itself. float operands are
// worked in double (T_WIDE), where b*q is exact, so the float result is
// exact as C's is.
T nfmod(T a, T b) {
	if (isinf(b) && !isinf(a)) return a;
	precise T_WIDE q = trunc(T_WIDE(a) / T_WIDE(b));
	precise T_WIDE r = T_WIDE(a) - T_WIDE(b) * q;
	return T(r);
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
	return (a / b < T(0)) ? -T(0) : T(0);
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
