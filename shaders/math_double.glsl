// double versions of exp, log, sin, cos, tan, tanh, log1p and expm1, which
// GLSL does not provide. (Filled in by numgl's own implementations.)
