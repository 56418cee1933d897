package main

import (
	"fmt"
	"math"
)

// sumBlocks emits the block sums of a float sum: each block of sumBlock
// elements summed in float64 in the order of sumLanes (32 partial sums,
// then a tree), which the pure-Go version follows exactly.
func (g *generator) sumBlocks(t ftype) {
	k := &kernel{name: "sumBlocks" + t.name,
		params: []param{{"dst", "[]float64"}, {"x", "[]" + t.gotyp}},
		spec:   "for b := range dst {\n\tdst[b] = sumLanes(x[b*sumBlock : min(b*sumBlock+sumBlock, len(x))])\n}"}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, R9", a.length("dst"))
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("MOVQ %s, R10", a.length("x")) // elements left
		a.i("XORQ R8, R8")                 // block
		a.label("block")
		a.i("CMPQ R8, R9")
		a.i("JAE done")
		a.i("MOVQ $%d, CX", sumBlock)
		a.i("CMPQ R10, CX")
		a.i("CMOVQLT R10, CX")
		for r := range 8 {
			a.i("VXORPD Y%d, Y%d, Y%d", r, r, r)
		}
		a.i("VXORPD X12, X12, X12")
		add := func(disp, acc int) {
			if t.size == 4 {
				a.i("VCVTPS2PD %s, Y%d", mem("SI", 4, disp/2), 8+acc%4)
				a.i("VADDPD Y%d, Y%d, Y%d", 8+acc%4, acc, acc)
				return
			}
			a.i("VADDPD %s, Y%d, Y%d", mem("SI", 8, disp), acc, acc)
		}
		a.i("XORQ AX, AX")
		a.i("MOVQ CX, BX")
		a.i("ANDQ $-32, BX")
		a.i("JZ four")
		a.label("big")
		for r := range 8 {
			add(32*r, r)
		}
		a.i("ADDQ $32, AX")
		a.i("CMPQ AX, BX")
		a.i("JB big")
		a.label("four")
		a.i("MOVQ CX, BX")
		a.i("ANDQ $-4, BX")
		a.i("CMPQ AX, BX")
		a.i("JAE one")
		a.label("fourloop")
		add(0, 0)
		a.i("ADDQ $4, AX")
		a.i("CMPQ AX, BX")
		a.i("JB fourloop")
		a.label("one")
		a.i("CMPQ AX, CX")
		a.i("JAE tree")
		a.label("oneloop")
		if t.size == 4 {
			a.i("VCVTSS2SD (SI)(AX*4), X13, X13")
			a.i("VADDSD X13, X12, X12")
		} else {
			a.i("VADDSD (SI)(AX*8), X12, X12")
		}
		a.i("INCQ AX")
		a.i("CMPQ AX, CX")
		a.i("JB oneloop")
		a.label("tree")
		a.i("VADDPD Y1, Y0, Y0")
		a.i("VADDPD Y3, Y2, Y2")
		a.i("VADDPD Y5, Y4, Y4")
		a.i("VADDPD Y7, Y6, Y6")
		a.i("VADDPD Y2, Y0, Y0")
		a.i("VADDPD Y6, Y4, Y4")
		a.i("VADDPD Y4, Y0, Y0")
		a.i("VEXTRACTF128 $1, Y0, X1")
		a.i("VADDPD X1, X0, X0")
		a.i("VPERMILPD $1, X0, X1")
		a.i("VADDSD X1, X0, X0")
		a.i("VADDSD X12, X0, X0")
		a.i("VMOVSD X0, (DI)(R8*8)")
		a.i("INCQ R8")
		a.i("ADDQ $%d, SI", sumBlock*t.size)
		a.i("SUBQ $%d, R10", sumBlock)
		a.i("JMP block")
		a.label("done")
		a.ret()
	}
	g.add(k)
}

// sumBlock is the block length of sumBlocks (cpu's sumBlock, checked by
// a test there).
const sumBlock = 512

// sumRows emits acc[j] += x[r*ldx+j] over rows, eight rows a pass (then
// one at a time), in the loop's order exactly: each acc element is loaded
// and stored once per pass. The row pointers advance with the column, so
// the eight rows are addressed from two bases: (SI), (SI)(R8*1),
// (SI)(R8*2), (SI)(R12*1) and the same from DX, four rows further.
func (g *generator) sumRows(t ftype) {
	k := &kernel{name: "sumRows" + t.name,
		params: []param{{"acc", "[]float64"}, {"x", "[]" + t.gotyp}, {"ldx", "int"}, {"rows", "int"}},
		spec:   "for r := range rows {\n\tfor j := range acc {\n\t\tacc[j] += float64(x[r*ldx+j])\n\t}\n}"}
	if t.size == 8 {
		k.spec = "for r := range rows {\n\tfor j := range acc {\n\t\tacc[j] += x[r*ldx+j]\n\t}\n}"
	}
	k.body = func(a *asm) {
		a.i("MOVQ %s, R11", a.base("acc"))
		a.i("MOVQ %s, CX", a.length("acc"))
		a.i("MOVQ %s, R10", a.base("x"))
		a.i("MOVQ %s, R8", a.arg("ldx"))
		a.i("SHLQ $%d, R8", map[int]int{4: 2, 8: 3}[t.size])
		a.i("LEAQ (R8)(R8*2), R12")
		a.i("MOVQ %s, R9", a.arg("rows"))
		rowsAt := []string{"(SI)", "(SI)(R8*1)", "(SI)(R8*2)", "(SI)(R12*1)", "(DX)", "(DX)(R8*1)", "(DX)(R8*2)", "(DX)(R12*1)"}
		at := func(row string, disp int) string {
			if disp == 0 {
				return row
			}
			return fmt.Sprintf("%d%s", disp, row)
		}
		// pass adds nrows rows from R10 into acc.
		pass := func(lbl string, nrows int) {
			a.i("MOVQ R10, SI")
			a.i("LEAQ (R10)(R8*4), DX")
			a.i("MOVQ R11, DI")
			a.i("MOVQ CX, BX")
			a.i("SHRQ $4, BX")
			a.i("JZ %sone", lbl)
			a.label(lbl + "big")
			for c := range 4 {
				a.i("VMOVUPD %d(DI), Y%d", 32*c, c)
			}
			for r := range nrows {
				for c := range 4 {
					if t.size == 4 {
						a.i("VCVTPS2PD %s, Y%d", at(rowsAt[r], 16*c), 4+c)
						a.i("VADDPD Y%d, Y%d, Y%d", 4+c, c, c)
					} else {
						a.i("VADDPD %s, Y%d, Y%d", at(rowsAt[r], 32*c), c, c)
					}
				}
			}
			for c := range 4 {
				a.i("VMOVUPD Y%d, %d(DI)", c, 32*c)
			}
			a.i("ADDQ $128, DI")
			a.i("ADDQ $%d, SI", 16*t.size)
			a.i("ADDQ $%d, DX", 16*t.size)
			a.i("DECQ BX")
			a.i("JNZ %sbig", lbl)
			a.label(lbl + "one")
			a.i("MOVQ CX, BX")
			a.i("ANDQ $15, BX")
			a.i("JZ %sdone", lbl)
			a.label(lbl + "oneloop")
			a.i("VMOVSD (DI), X0")
			for r := range nrows {
				if t.size == 4 {
					a.i("VCVTSS2SD %s, X1, X1", rowsAt[r])
					a.i("VADDSD X1, X0, X0")
				} else {
					a.i("VADDSD %s, X0, X0", rowsAt[r])
				}
			}
			a.i("VMOVSD X0, (DI)")
			a.i("ADDQ $8, DI")
			a.i("ADDQ $%d, SI", t.size)
			a.i("ADDQ $%d, DX", t.size)
			a.i("DECQ BX")
			a.i("JNZ %soneloop", lbl)
			a.label(lbl + "done")
		}
		a.label("rows8")
		a.i("CMPQ R9, $8")
		a.i("JB rows1")
		pass("eight", 8)
		a.i("LEAQ (R10)(R8*8), R10")
		a.i("SUBQ $8, R9")
		a.i("JMP rows8")
		a.label("rows1")
		a.i("TESTQ R9, R9")
		a.i("JZ end")
		pass("single", 1)
		a.i("ADDQ R8, R10")
		a.i("DECQ R9")
		a.i("JMP rows1")
		a.label("end")
		a.ret()
	}
	g.add(k)
}

// extreme emits the maximum (or minimum) of a float slice: NaN when any
// element is NaN, -Inf (+Inf) when empty.
func (g *generator) extreme(t ftype, isMax bool) {
	name, ins, cmp, init := "max", "VMAX", ">", math.Inf(-1)
	if !isMax {
		name, ins, cmp, init = "min", "VMIN", "<", math.Inf(1)
	}
	k := &kernel{name: name + t.name, result: t.gotyp, imports: []string{"math"},
		params: []param{{"x", "[]" + t.gotyp}},
		note:   "Where +0 and -0 tie for the extreme, the assembly may return either."}
	inf := "-1"
	if !isMax {
		inf = "1"
	}
	k.spec = fmt.Sprintf("m := %s(math.Inf(%s))\nfor _, v := range x {\n\tif v %s m || v != v {\n\t\tm = v\n\t}\n}\nreturn m", t.gotyp, inf, cmp)
	var initC, nanC string
	if t.size == 4 {
		initC = g.constant(name+"initF32", f32bits(float32(init)))
		nanC = g.constant("nanF32", f32bits(float32(math.NaN())))
	} else {
		initC = g.constant(name+"initF64", f64bits(init))
		nanC = g.constant("nanF64", f64bits(math.NaN()))
	}
	k.body = func(a *asm) {
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("MOVQ %s, CX", a.length("x"))
		for r := range 4 {
			a.i("VMOVUPD %s, Y%d", initC, r)
		}
		a.i("VMOVUPD %s, Y14", initC)
		a.i("VXORPD Y4, Y4, Y4")
		a.i("VXORPD Y5, Y5, Y5")
		a.i("VXORPD Y15, Y15, Y15")
		// acc = x > acc ? x : acc: a NaN x leaves acc alone, and the
		// unordered compares gather NaNs into Y4, Y5 (X15 for the tail).
		big := func() {
			for r := range 4 {
				a.i("%s %s, Y%d", t.mov(), mem("SI", t.size, 32*r), 8+r)
			}
			for r := range 4 {
				a.i("%s%s Y%d, Y%d, Y%d", ins, t.ps, r, 8+r, r)
			}
			a.i("VCMP%s $3, Y9, Y8, Y12", t.ps)
			a.i("VCMP%s $3, Y11, Y10, Y13", t.ps)
			a.i("VORPD Y12, Y4, Y4")
			a.i("VORPD Y13, Y5, Y5")
		}
		vec := func() {
			a.i("%s %s, Y8", t.mov(), mem("SI", t.size, 0))
			a.i("%s%s Y0, Y8, Y0", ins, t.ps)
			a.i("VCMP%s $3, Y8, Y8, Y12", t.ps)
			a.i("VORPD Y12, Y4, Y4")
		}
		one := func() {
			a.i("VMOV%s %s, X8", t.ss, mem("SI", t.size, 0))
			a.i("%s%s X14, X8, X14", ins, t.ss)
			a.i("VCMP%s $3, X8, X8, X12", t.ss)
			a.i("VORPD X12, X15, X15")
		}
		end := func() {
			a.i("VORPD Y5, Y4, Y4")
			a.i("VORPD Y15, Y4, Y4")
			a.i("VPTEST Y4, Y4")
			a.i("JNZ nan")
			a.i("%s%s Y1, Y0, Y0", ins, t.ps)
			a.i("%s%s Y3, Y2, Y2", ins, t.ps)
			a.i("%s%s Y2, Y0, Y0", ins, t.ps)
			a.i("VEXTRACTF128 $1, Y0, X1")
			a.i("%s%s X1, X0, X0", ins, t.ps)
			if t.size == 4 {
				a.i("VPERMILPS $0x4e, X0, X1")
				a.i("%sPS X1, X0, X0", ins)
				a.i("VPERMILPS $0xb1, X0, X1")
				a.i("%sPS X1, X0, X0", ins)
			} else {
				a.i("VPERMILPD $1, X0, X1")
				a.i("%sPD X1, X0, X0", ins)
			}
			a.i("%s%s X14, X0, X0", ins, t.ss)
			a.i("%s X0, %s", t.movs, a.arg("ret"))
			a.ret()
			a.label("nan")
			a.i("%s %s, X0", t.movs, nanC)
			a.i("%s X0, %s", t.movs, a.arg("ret"))
			a.ret()
		}
		a.streamEnd(4*t.lanes, big, t.lanes, vec, one, end)
	}
	g.add(k)
}

// countTrue emits the number of true bools (each a byte 0 or 1).
func (g *generator) countTrue() {
	k := &kernel{name: "countTrue", result: "int", params: []param{{"x", "[]bool"}},
		spec: "n := 0\nfor _, b := range x {\n\tif b {\n\t\tn++\n\t}\n}\nreturn n"}
	k.body = func(a *asm) {
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("MOVQ %s, CX", a.length("x"))
		a.i("VPXOR Y15, Y15, Y15")
		for r := range 4 {
			a.i("VPXOR Y%d, Y%d, Y%d", r, r, r)
		}
		a.i("XORQ R9, R9")
		big := func() {
			// The sums of absolute differences from zero of each 8 bytes.
			for r := range 4 {
				a.i("VPSADBW %s, Y15, Y%d", mem("SI", 1, 32*r), 4+r)
			}
			for r := range 4 {
				a.i("VPADDQ Y%d, Y%d, Y%d", 4+r, r, r)
			}
		}
		one := func() {
			a.i("MOVBQZX (SI)(AX*1), BX")
			a.i("ADDQ BX, R9")
		}
		end := func() {
			a.i("VPADDQ Y1, Y0, Y0")
			a.i("VPADDQ Y3, Y2, Y2")
			a.i("VPADDQ Y2, Y0, Y0")
			a.i("VEXTRACTI128 $1, Y0, X1")
			a.i("VPADDQ X1, X0, X0")
			a.i("VMOVQ X0, AX")
			a.i("VPEXTRQ $1, X0, BX")
			a.i("ADDQ BX, AX")
			a.i("ADDQ R9, AX")
			a.i("MOVQ AX, %s", a.arg("ret"))
			a.ret()
		}
		a.streamEnd(128, big, 0, nil, one, end)
	}
	g.add(k)
}
