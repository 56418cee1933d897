//go:build !purego

package cpu

import "golang.org/x/sys/cpu"

// gemmAVX512 reports whether the GEMM runs the AVX-512 micro-kernels
// (else the AVX2+FMA ones, which haveSIMD requires).
var gemmAVX512 = cpu.X86.HasAVX512F

// gemmPackAsm reports whether the transposing packs run the assembly
// gemmPackTF32 and gemmPackTF64 (AVX-512 masked stores, BMI2).
var gemmPackAsm = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL && cpu.X86.HasBMI2
