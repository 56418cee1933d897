// float power through the double one: GLSL's pow (exp2(b*log2(a)) in
// float) loses up to ~5e-6 relative for large results and leaves x < 0
// undefined; the double npower is within 1 ulp of double, so rounding it to
// float is within 1 ulp of float. Needs math_double.glsl before it.
float npower(float a, float b) { return float(npower(double(a), double(b))); }
