package main

import "fmt"

// compress emits boolean-mask compaction: the elements of src where mask
// is true, packed into dst. Each group of elements whose mask bits form
// an index into a table of permutations is moved by one VPERMPS and one
// full-width store; dst advances by the group's popcount. The full-width
// stores run only while dst has room for a whole step, the rest goes one
// element at a time, so nothing is written past dst.
func (g *generator) compress(t ftype) {
	sl := "[]" + t.gotyp
	k := &kernel{name: "compress" + t.name,
		params: []param{{"dst", sl}, {"src", sl}, {"mask", "[]bool"}},
		spec:   "j := 0\nfor i, m := range mask {\n\tif m {\n\t\tdst[j] = src[i]\n\t\tj++\n\t}\n}"}
	// A group is one YMM register: 8 float32s or 4 float64s; its table
	// row lists the 32-bit lanes to gather, the chosen elements first.
	w := t.lanes
	rows := make([][8]uint32, 1<<w)
	for m := range rows {
		n := 0
		for b := range w {
			if m&(1<<b) == 0 {
				continue
			}
			if w == 8 {
				rows[m][n] = uint32(b)
				n++
			} else {
				rows[m][n], rows[m][n+1] = uint32(2*b), uint32(2*b+1)
				n += 2
			}
		}
	}
	tab := g.table("compress"+t.name+"tab", rows)
	mov := map[int]string{4: "MOVL", 8: "MOVQ"}[t.size]
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, R11", a.length("dst"))
		a.i("LEAQ (DI)(R11*%d), R11", t.size) // the end of dst
		a.i("MOVQ %s, SI", a.base("src"))
		a.i("MOVQ %s, DX", a.base("mask"))
		a.i("MOVQ %s, CX", a.length("mask"))
		a.i("LEAQ %s, R13", tab)
		a.i("XORQ AX, AX")
		a.i("MOVQ CX, BX")
		a.i("ANDQ $-32, BX")
		a.label("big")
		a.i("CMPQ AX, BX")
		a.i("JAE one")
		a.i("MOVQ R11, R8")
		a.i("SUBQ DI, R8")
		a.i("CMPQ R8, $%d", 32*t.size)
		a.i("JB one")
		// 32 mask bytes to 32 bits: bit 0 of each byte to its sign bit.
		a.i("VMOVDQU (DX)(AX*1), Y0")
		a.i("VPSLLW $7, Y0, Y0")
		a.i("VPMOVMSKB Y0, R9")
		for grp := range 32 / w {
			a.i("MOVL R9, R10")
			if grp > 0 {
				a.i("SHRL $%d, R10", grp*w)
			}
			a.i("ANDL $%d, R10", 1<<w-1)
			a.i("POPCNTL R10, R12")
			a.i("SHLL $5, R10")
			a.i("VMOVDQU (R13)(R10*1), Y1")
			a.i("VPERMPS %s, Y1, Y2", mem("SI", t.size, 32*grp))
			a.i("VMOVUPS Y2, (DI)")
			a.i("LEAQ (DI)(R12*%d), DI", t.size)
		}
		a.i("ADDQ $32, AX")
		a.i("JMP big")
		a.label("one")
		a.i("CMPQ AX, CX")
		a.i("JAE done")
		a.i("MOVBLZX (DX)(AX*1), R8")
		a.i("TESTL R8, R8")
		a.i("JZ skip")
		a.i("%s %s, R8", mov, mem("SI", t.size, 0))
		a.i("%s R8, (DI)", mov)
		a.i("ADDQ $%d, DI", t.size)
		a.label("skip")
		a.i("INCQ AX")
		a.i("JMP one")
		a.label("done")
		a.ret()
	}
	g.add(k)
}

// transpose emits a blocked transpose: 8×8 blocks of float32 (4×4 of
// float64) are loaded as rows, transposed in registers with unpack,
// shuffle and 128-bit permutes, and stored as rows.
func (g *generator) transpose(t ftype) {
	sl := "[]" + t.gotyp
	b := 8
	if t.size == 8 {
		b = 4
	}
	k := &kernel{name: "transpose" + t.name,
		params: []param{{"dst", sl}, {"ldd", "int"}, {"src", sl}, {"lds", "int"}, {"rows", "int"}, {"cols", "int"}},
		spec:   "for i := range rows {\n\tfor j := range cols {\n\t\tdst[i*ldd+j] = src[j*lds+i]\n\t}\n}",
		note:   fmt.Sprintf("The assembly needs rows and cols to be multiples of %d.", b)}
	shift := map[int]int{4: 2, 8: 3}[t.size]
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, R8", a.arg("ldd"))
		a.i("SHLQ $%d, R8", shift)
		a.i("MOVQ %s, SI", a.base("src"))
		a.i("MOVQ %s, R9", a.arg("lds"))
		a.i("SHLQ $%d, R9", shift)
		a.i("LEAQ (R9)(R9*2), R12")
		a.i("LEAQ (R8)(R8*2), R13")
		a.i("XORQ CX, CX")
		a.label("iloop")
		a.i("CMPQ CX, %s", a.arg("rows"))
		a.i("JAE done")
		a.i("MOVQ SI, BX")
		a.i("MOVQ DI, DX")
		a.i("XORQ AX, AX")
		a.label("jloop")
		a.i("CMPQ AX, %s", a.arg("cols"))
		a.i("JAE jdone")
		rowsAt := []string{"(BX)", "(BX)(R9*1)", "(BX)(R9*2)", "(BX)(R12*1)", "(R10)", "(R10)(R9*1)", "(R10)(R9*2)", "(R10)(R12*1)"}
		outAt := []string{"(DX)", "(DX)(R8*1)", "(DX)(R8*2)", "(DX)(R13*1)", "(R11)", "(R11)(R8*1)", "(R11)(R8*2)", "(R11)(R13*1)"}
		if b == 8 {
			a.i("LEAQ (BX)(R9*4), R10")
			for r := range 8 {
				a.i("VMOVUPS %s, Y%d", rowsAt[r], r)
			}
			for p := range 4 {
				a.i("VUNPCKLPS Y%d, Y%d, Y%d", 2*p+1, 2*p, 8+2*p)
				a.i("VUNPCKHPS Y%d, Y%d, Y%d", 2*p+1, 2*p, 9+2*p)
			}
			for h := range 2 {
				t0, t1, t2, t3 := 8+4*h, 9+4*h, 10+4*h, 11+4*h
				a.i("VSHUFPS $0x44, Y%d, Y%d, Y%d", t2, t0, 4*h)
				a.i("VSHUFPS $0xee, Y%d, Y%d, Y%d", t2, t0, 4*h+1)
				a.i("VSHUFPS $0x44, Y%d, Y%d, Y%d", t3, t1, 4*h+2)
				a.i("VSHUFPS $0xee, Y%d, Y%d, Y%d", t3, t1, 4*h+3)
			}
			for c := range 4 {
				a.i("VPERM2F128 $0x20, Y%d, Y%d, Y%d", c+4, c, 8+c)
				a.i("VPERM2F128 $0x31, Y%d, Y%d, Y%d", c+4, c, 12+c)
			}
			a.i("LEAQ (DX)(R8*4), R11")
			for c := range 8 {
				a.i("VMOVUPS Y%d, %s", 8+c, outAt[c])
			}
			a.i("ADDQ $8, AX")
			a.i("LEAQ (BX)(R9*8), BX")
		} else {
			for r := range 4 {
				a.i("VMOVUPD %s, Y%d", rowsAt[r], r)
			}
			a.i("VUNPCKLPD Y1, Y0, Y4")
			a.i("VUNPCKHPD Y1, Y0, Y5")
			a.i("VUNPCKLPD Y3, Y2, Y6")
			a.i("VUNPCKHPD Y3, Y2, Y7")
			a.i("VPERM2F128 $0x20, Y6, Y4, Y0")
			a.i("VPERM2F128 $0x20, Y7, Y5, Y1")
			a.i("VPERM2F128 $0x31, Y6, Y4, Y2")
			a.i("VPERM2F128 $0x31, Y7, Y5, Y3")
			for c := range 4 {
				a.i("VMOVUPD Y%d, %s", c, outAt[c])
			}
			a.i("ADDQ $4, AX")
			a.i("LEAQ (BX)(R9*4), BX")
		}
		a.i("ADDQ $32, DX")
		a.i("JMP jloop")
		a.label("jdone")
		a.i("ADDQ $%d, CX", b)
		a.i("ADDQ $32, SI")
		a.i("LEAQ (DI)(R8*%d), DI", b)
		a.i("JMP iloop")
		a.label("done")
		a.ret()
	}
	g.add(k)
}
