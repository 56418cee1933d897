// Package ufunc is numgl's op table: every elementwise operation defined
// once — its name, arity, loops (NumPy's ufunc.types restricted to numgl's
// dtypes, in NumPy's search order), a strided inner loop per loop in plain
// Go, and the GLSL expression the GPU backend compiles. Backends look ops
// up here; they do not re-describe them.
//
// # Loops and type resolution
//
// An Op's Loops are searched in order for the first whose input dtypes
// every operand can be cast to safely (NumPy's linear type search); that
// loop's output dtype is the result's. The caller (package tensor) first
// turns Go scalars into concrete dtypes by NEP 50's weak-scalar rule and
// casts the operands to the loop's inputs, so inner loops see one dtype.
//
// Where NumPy's chosen loop is int8 or float16, dtypes numgl does not
// have, numgl's table has the next wider loop: square(bool) is int32 and
// sqrt(bool) float32 here (NumPy: int8, float16). The test compares the
// table with one NumPy generated, allowing exactly that widening.
//
// # Inner loops
//
// A Loop1D is NumPy's inner loop: it runs one op over n elements that
// start at offs[k] in args[k] and step by steps[k] (inputs first, output
// last). It trusts its arguments: the planner has checked them.
//
// # Semantics
//
// Integer arithmetic wraps (two's complement). floor_divide and remainder
// follow Python: the quotient rounds toward -inf and the remainder has
// the divisor's sign; an integer division by zero gives 0 (NumPy also
// warns). maximum and minimum propagate NaN. Float ops on float32 compute
// in float64 and round once, which is at least as accurate as NumPy's
// float32 loops.
package ufunc
