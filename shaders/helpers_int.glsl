// Helpers of the op table's GLSL for an integer compute type T (int or
// int64_t). Integer arithmetic wraps; division by zero gives 0 as NumPy's
// does; GLSL's % is undefined for negative operands, so it is not used.
uint nbool(T x) { return x != T(0) ? 1u : 0u; }
T nfloordiv(T a, T b) {
	if (b == T(0)) return T(0);
	T q = a / b;
	if (q * b != a && ((a < T(0)) != (b < T(0)))) q -= T(1);
	return q;
}
T nremainder(T a, T b) {
	if (b == T(0)) return T(0);
	T r = a - (a / b) * b;
	if (r != T(0) && ((r < T(0)) != (b < T(0)))) r += b;
	return r;
}
T npower(T a, T b) {
	T r = T(1);
	while (b > T(0)) {
		if ((b & T(1)) == T(1)) r *= a;
		a *= a;
		b >>= 1;
	}
	return r;
}
T nmaximum(T a, T b) { return a >= b ? a : b; }
T nminimum(T a, T b) { return a <= b ? a : b; }
T nabs(T a) { return a < T(0) ? -a : a; }
T nsign(T a) { return a > T(0) ? T(1) : (a < T(0) ? T(-1) : T(0)); }
// 1/a truncated; 1/0 is the most negative value, as NumPy's cast of inf.
T nreciprocal(T a) {
	if (a == T(0)) return T_MIN;
	if (a == T(1) || a == T(-1)) return a;
	return T(0);
}
T nwhere(int c, T x, T y) { return c != 0 ? x : y; }
T nclip(T a, T lo, T hi) { a = a > lo ? a : lo; return a < hi ? a : hi; }
// C's %: the dividend's sign; a zero divisor gives 0, as does MIN % -1.
T nfmod(T a, T b) {
	if (b == T(0) || b == T(-1)) return T(0);
	return a - (a / b) * b;
}
T nfmax(T a, T b) { return a >= b ? a : b; }
T nfmin(T a, T b) { return a <= b ? a : b; }
bool nisnan(T a) { return false; }
bool nisinf(T a) { return false; }
bool nisfinite(T a) { return true; }
// NumPy's npy_lshift and npy_rshift: GLSL leaves shifts by a negative
// count or by the width or more undefined; NumPy gives 0 (and -1 for a
// negative a shifted right).
T nleft_shift(T a, T b) { return (b >= T(0) && b < T_BITS) ? a << int(b) : T(0); }
T nright_shift(T a, T b) {
	if (b >= T(0) && b < T_BITS) return a >> int(b);
	return a < T(0) ? T(-1) : T(0);
}
