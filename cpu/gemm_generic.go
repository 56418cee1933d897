//go:build purego || !amd64

package cpu

// gemmAVX512 is false: the pure-Go micro-kernels of the AVX2 tile shapes
// run everywhere.
const gemmAVX512 = false

// gemmPackAsm is false: the transposing packs run in Go.
const gemmPackAsm = false
