//go:build !purego

#include "textflag.h"

// func subMul4AVX2(k, n8 int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int)
//
// For each strip of 8 columns, the 4×8 block of C is held in Y0–Y7 (two
// registers a row) while k rank-1 updates are subtracted from it: a row
// of B in Y8, Y9, one element of A a row broadcast to Y10–Y13.
TEXT ·subMul4AVX2(SB), NOSPLIT, $0-112
	MOVQ n8+8(FP), DX
	MOVQ a_base+16(FP), SI
	MOVQ lda+40(FP), R8
	MOVQ b_base+48(FP), BX
	MOVQ ldb+72(FP), R9
	MOVQ c_base+80(FP), DI
	MOVQ ldc+104(FP), R10
	SHLQ $3, R8
	SHLQ $3, R9
	SHLQ $3, R10
	LEAQ (SI)(R8*2), R11  // A row 2
	LEAQ (DI)(R10*2), R12 // C row 2

strip4:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD (DI)(R10*1), Y2
	VMOVUPD 32(DI)(R10*1), Y3
	VMOVUPD (R12), Y4
	VMOVUPD 32(R12), Y5
	VMOVUPD (R12)(R10*1), Y6
	VMOVUPD 32(R12)(R10*1), Y7
	MOVQ    SI, AX             // A rows 0, 1 at column p
	MOVQ    R11, R13           // A rows 2, 3 at column p
	MOVQ    BX, R14            // B row p of the strip
	MOVQ    k+0(FP), CX

loop4:
	VMOVUPD      (R14), Y8
	VMOVUPD      32(R14), Y9
	VBROADCASTSD (AX), Y10
	VFNMADD231PD Y8, Y10, Y0
	VFNMADD231PD Y9, Y10, Y1
	VBROADCASTSD (AX)(R8*1), Y11
	VFNMADD231PD Y8, Y11, Y2
	VFNMADD231PD Y9, Y11, Y3
	VBROADCASTSD (R13), Y12
	VFNMADD231PD Y8, Y12, Y4
	VFNMADD231PD Y9, Y12, Y5
	VBROADCASTSD (R13)(R8*1), Y13
	VFNMADD231PD Y8, Y13, Y6
	VFNMADD231PD Y9, Y13, Y7
	ADDQ         $8, AX
	ADDQ         $8, R13
	ADDQ         R9, R14
	DECQ         CX
	JNZ          loop4

	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, (DI)(R10*1)
	VMOVUPD Y3, 32(DI)(R10*1)
	VMOVUPD Y4, (R12)
	VMOVUPD Y5, 32(R12)
	VMOVUPD Y6, (R12)(R10*1)
	VMOVUPD Y7, 32(R12)(R10*1)
	ADDQ    $64, BX
	ADDQ    $64, DI
	ADDQ    $64, R12
	DECQ    DX
	JNZ     strip4
	VZEROUPPER
	RET

// func subMul1AVX2(k, n8 int, a, b []float64, ldb int, c []float64)
//
// One row: for each strip of 8 columns, c in Y0, Y1 (and Y2, Y3, which
// take the odd columns p of A so that two chains of FMAs interleave).
TEXT ·subMul1AVX2(SB), NOSPLIT, $0-96
	MOVQ n8+8(FP), DX
	MOVQ a_base+16(FP), SI
	MOVQ b_base+40(FP), BX
	MOVQ ldb+64(FP), R9
	MOVQ c_base+72(FP), DI
	SHLQ $3, R9

strip1:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VXORPD  Y2, Y2, Y2
	VXORPD  Y3, Y3, Y3
	MOVQ    SI, AX
	MOVQ    BX, R14
	MOVQ    k+0(FP), CX

pair1:
	CMPQ         CX, $2
	JLT          last1
	VBROADCASTSD (AX), Y10
	VFNMADD231PD (R14), Y10, Y0
	VFNMADD231PD 32(R14), Y10, Y1
	VBROADCASTSD 8(AX), Y11
	VFNMADD231PD (R14)(R9*1), Y11, Y2
	VFNMADD231PD 32(R14)(R9*1), Y11, Y3
	ADDQ         $16, AX
	LEAQ         (R14)(R9*2), R14
	SUBQ         $2, CX
	JMP          pair1

last1:
	TESTQ        CX, CX
	JZ           done1
	VBROADCASTSD (AX), Y10
	VFNMADD231PD (R14), Y10, Y0
	VFNMADD231PD 32(R14), Y10, Y1

done1:
	VADDPD  Y2, Y0, Y0
	VADDPD  Y3, Y1, Y1
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	ADDQ    $64, BX
	ADDQ    $64, DI
	DECQ    DX
	JNZ     strip1
	VZEROUPPER
	RET

// func leafPass8AVX2(rows int, a []float64, lda, j int, rinv float64, u *[8]float64, blend *[8]uint64, next bool) int
//
// Each row of the 8-column panel is held in Y0, Y1: l = row[j]·rinv is
// broadcast to Y2, the row less l·u (u zero up to lane j, in Y13, Y14),
// lane j replaced by l (blend mask in Y11, Y12). When next, the updated
// row[j+1] is reloaded and compared with the largest so far (X9).
TEXT ·leafPass8AVX2(SB), NOSPLIT, $0-88
	MOVQ         rows+0(FP), CX
	MOVQ         a_base+8(FP), SI
	MOVQ         lda+32(FP), R8
	SHLQ         $3, R8
	MOVQ         j+40(FP), DX
	SHLQ         $3, DX
	VBROADCASTSD rinv+48(FP), Y15
	MOVQ         u+56(FP), AX
	VMOVUPD      (AX), Y13
	VMOVUPD      32(AX), Y14
	MOVQ         blend+64(FP), BX
	VMOVUPD      (BX), Y11
	VMOVUPD      32(BX), Y12
	MOVBQZX      next+72(FP), R12
	MOVQ         $0x7fffffffffffffff, R9
	VMOVQ        R9, X10
	MOVQ         $0xbff0000000000000, R9 // -1
	VMOVQ        R9, X9
	XORQ         R10, R10                // the best row
	XORQ         R11, R11                // the row

row:
	VMOVUPD      (SI), Y0
	VMOVUPD      32(SI), Y1
	VBROADCASTSD (SI)(DX*1), Y2
	VMULPD       Y15, Y2, Y2
	VFNMADD231PD Y13, Y2, Y0
	VFNMADD231PD Y14, Y2, Y1
	VBLENDVPD    Y11, Y2, Y0, Y0
	VBLENDVPD    Y12, Y2, Y1, Y1
	VMOVUPD      Y0, (SI)
	VMOVUPD      Y1, 32(SI)
	TESTQ        R12, R12
	JZ           skip
	VMOVSD       8(SI)(DX*1), X3
	VANDPD       X10, X3, X3
	VUCOMISD     X9, X3
	JBE          skip
	VMOVAPD      X3, X9
	MOVQ         R11, R10

skip:
	ADDQ R8, SI
	INCQ R11
	CMPQ R11, CX
	JLT  row

	MOVQ       R10, ret+80(FP)
	VZEROUPPER
	RET

// func dotAVX2(x, y []float64) float64
//
// Four accumulators of four lanes over 16 elements a step, then 4 at a
// time, then one.
TEXT ·dotAVX2(SB), NOSPLIT, $0-56
	MOVQ   x_base+0(FP), SI
	MOVQ   x_len+8(FP), CX
	MOVQ   y_base+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3

loop16:
	CMPQ        CX, $16
	JLT         loop4
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VMOVUPD     64(SI), Y6
	VMOVUPD     96(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	SUBQ        $16, CX
	JMP         loop16

loop4:
	CMPQ        CX, $4
	JLT         tail
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	SUBQ        $4, CX
	JMP         loop4

tail:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0

tail1:
	TESTQ       CX, CX
	JZ          done
	VMOVSD      (SI), X4
	VFMADD231SD (DI), X4, X0
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JMP         tail1

done:
	VMOVSD     X0, ret+48(FP)
	VZEROUPPER
	RET
