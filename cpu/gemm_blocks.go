package cpu

// The GEMM block sizes for each micro-kernel (see gemm.go for the loops
// they bound and BenchmarkGemmBlocking for how they were measured).
var (
	gemmF32AVX2   = gemmBlocking[float32]{mr: 6, nr: 16, mc: 144, kc: 256, nc: 4096, kernel: gemmKernelF32AVX2}
	gemmF64AVX2   = gemmBlocking[float64]{mr: 6, nr: 8, mc: 96, kc: 256, nc: 4096, kernel: gemmKernelF64AVX2}
	gemmF32AVX512 = gemmBlocking[float32]{mr: 14, nr: 32, mc: 168, kc: 256, nc: 4096, kernel: gemmKernelF32AVX512}
	gemmF64AVX512 = gemmBlocking[float64]{mr: 14, nr: 16, mc: 168, kc: 256, nc: 4096, kernel: gemmKernelF64AVX512}
)

func gemmBlocks32() *gemmBlocking[float32] {
	if gemmAVX512 {
		return &gemmF32AVX512
	}
	return &gemmF32AVX2
}

func gemmBlocks64() *gemmBlocking[float64] {
	if gemmAVX512 {
		return &gemmF64AVX512
	}
	return &gemmF64AVX2
}
