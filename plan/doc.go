// Package plan is numgl's kernel plan: the one typed description of a
// kernel that sits between package tensor and the devices.
//
// A plan (Kernel) is a small expression graph evaluated at every position
// of an iteration space: loads of operands with their layouts, constants
// (NumPy's weak scalars once their dtype is resolved), casts, and
// applications of ops of the ufunc table (ufunc.ID, a typed enum: nothing
// below package tensor's API dispatches on a name), with at most one
// reduction at the root, and a store. The planner (package tensor, through
// a Builder) resolves dtypes and collapses layouts once, for every device:
//
//	tensor.Sum(x*x + 2*x + 1)       builder                     kernel
//	                                 v0 = load x                 Shape [10000000]/1 sum
//	                                 v1 = multiply(v0, v0)       Inputs: x (stride 1)
//	                                 v2 = const 2                Nodes: v0..v5
//	                                 v3 = multiply(v0, v2)       Out: a 0-d float64
//	                                 v4 = add(v1, v3)
//	                                 v5 = add(v4, const 1)
//
// # Lowering
//
// Devices lower plans, each in its own way:
//
//   - cpu-loop interprets a plan node by node with the ops' loops (the
//     plain reference every other device is checked against);
//   - cpu-simd matches one-node plans to its vector kernels (fast paths
//     beside the general path, as Go's image/draw does) and runs every
//     other graph in cache-sized blocks: each block's inputs read once,
//     every node applied with vector kernels on block-local buffers, the
//     result stored once;
//   - the GPU renders one GLSL kernel per plan structure and caches the
//     program by Key (op ids, dtypes, ranks), never by shape or source.
//
// # Results
//
// Every node rounds to its dtype exactly as the eager op does, and
// nothing is contracted (no a*b+c into an FMA: NumPy never contracts). On
// cpu-loop and cpu-simd a fused plan's results are bit-identical to those
// of the same ops run one plan each; a reduction follows the order its
// values would have had unfused (Kernel.RootStrides).
//
// # Adding an elementwise op
//
// Three hand-written files: its ufunc.ID and Op (loops and scalar
// definitions) in package ufunc (ops.go), its GLSL expression in
// package shaders (ops.go), and its functions in package tensor
// (ufuncs.go). The plan, cpu-loop and cpu-simd need no change (cpu-simd
// runs an op without vector kernels through its loops); vector kernels
// for it are an addition to cpu-simd's table, not a requirement.
package plan
