// float versions of the functions GLSL has built in, with IEEE results
// outside their domains.
float nexp(float x) { return exp(x); }
float nlog(float x) { return x < 0.0 ? T_NAN : (x == 0.0 ? -T_INF : log(x)); }
float nsin(float x) { return sin(x); }
float ncos(float x) { return cos(x); }
float ntan(float x) { return tan(x); }
float ntanh(float x) { return isnan(x) ? x : (abs(x) > 9.0 ? sign(x) : tanh(x)); }
float nlog1p(float x) {
	float u = 1.0 + x;
	if (isinf(u) || u == 0.0) return nlog(u);
	return u == 1.0 ? x : nlog(u) * (x / (u - 1.0));
}
float nexpm1(float x) {
	float u = exp(x);
	if (u == 1.0 || isnan(x)) return x;
	if (isinf(u)) return u;
	float um1 = u - 1.0;
	if (um1 == -1.0) return -1.0;
	return um1 * x / log(u);
}
