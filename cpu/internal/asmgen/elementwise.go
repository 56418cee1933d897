package main

import "fmt"

// binop is a binary float operation.
type binop struct {
	name   string // add
	expr   string // the Go expression of a and b
	ins    string // VADD: the instruction without its suffix
	nanfix bool   // x86 MAX/MIN return the second operand for a NaN first one
	sv     bool   // needs its own scalar-vector form (not commutative)
}

var binops = []binop{
	{"add", "%s + %s", "VADD", false, false},
	{"sub", "%s - %s", "VSUB", false, true},
	{"mul", "%s * %s", "VMUL", false, false},
	{"div", "%s / %s", "VDIV", false, true},
	{"max", "maxNaN(%s, %s)", "VMAX", true, true},
	{"min", "minNaN(%s, %s)", "VMIN", true, true},
}

// emit computes dst = x op y; x is a register, y a register or memory.
// tmp is clobbered. With scalar set it works on the low element only.
func (o binop) emit(a *asm, t ftype, scalar bool, x, y, dst, tmp string) {
	sfx := t.ps
	if scalar {
		sfx = t.ss
	}
	// Go's operand order is Intel's reversed: "VSUBPS y, x, d" is d = x - y,
	// and "VMAXPS y, x, d" is d = x > y ? x : y (y when either is NaN).
	a.i("%s%s %s, %s, %s", o.ins, sfx, y, x, dst)
	if o.nanfix {
		// NumPy's maximum propagates a NaN x too: d = isnan(x) ? x : d.
		a.i("VCMP%s $3, %s, %s, %s", sfx, x, x, tmp)
		a.i("VBLENDV%s %s, %s, %s, %s", t.ps, tmp, x, dst, dst)
	}
}

func xreg(n int) string { return fmt.Sprintf("X%d", n) }
func yreg(n int) string { return fmt.Sprintf("Y%d", n) }

// binaryKernels emits the vector-vector, vector-scalar and (for the
// non-commutative ops) scalar-vector forms of every binop.
func (g *generator) binaryKernels(t ftype) {
	for _, o := range binops {
		for _, layout := range []string{"VV", "VS", "SV"} {
			if layout == "SV" && !o.sv {
				continue
			}
			g.binary(t, o, layout)
		}
	}
}

func (g *generator) binary(t ftype, o binop, layout string) {
	k := &kernel{name: o.name + layout + t.name}
	sl := "[]" + t.gotyp
	var xe, ye string
	switch layout {
	case "VV":
		k.params = []param{{"dst", sl}, {"x", sl}, {"y", sl}}
		xe, ye = "x[i]", "y[i]"
	case "VS":
		k.params = []param{{"dst", sl}, {"x", sl}, {"y", t.gotyp}}
		xe, ye = "x[i]", "y"
	case "SV":
		k.params = []param{{"dst", sl}, {"x", t.gotyp}, {"y", sl}}
		xe, ye = "x", "y[i]"
	}
	k.spec = fmt.Sprintf("for i := range dst {\n\tdst[i] = "+o.expr+"\n}", xe, ye)
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		switch layout {
		case "VV":
			a.i("MOVQ %s, SI", a.base("x"))
			a.i("MOVQ %s, DX", a.base("y"))
		case "VS":
			a.i("MOVQ %s, SI", a.base("x"))
			a.i("%s %s, X15", t.movs, a.arg("y"))
			a.i("%s X15, Y15", t.bcast)
		case "SV":
			a.i("%s %s, X15", t.movs, a.arg("x"))
			a.i("%s X15, Y15", t.bcast)
			a.i("MOVQ %s, DX", a.base("y"))
		}
		step := func(n int, scalar bool) {
			reg := yreg
			if scalar {
				reg = xreg
			}
			load := t.mov()
			if scalar {
				load = "VMOV" + t.ss
			}
			for k := range n {
				m := func(base string) string { return mem(base, t.size, 32*k) }
				switch layout {
				case "VV":
					a.i("%s %s, %s", load, m("SI"), reg(k))
					o.emit(a, t, scalar, reg(k), m("DX"), reg(4+k), reg(8+k))
				case "VS":
					a.i("%s %s, %s", load, m("SI"), reg(k))
					o.emit(a, t, scalar, reg(k), reg(15), reg(4+k), reg(8+k))
				case "SV":
					a.i("%s %s, %s", load, m("DX"), reg(k))
					o.emit(a, t, scalar, reg(15), reg(k), reg(4+k), reg(8+k))
				}
			}
			for k := range n {
				a.i("%s %s, %s", load, reg(4+k), mem("DI", t.size, 32*k))
			}
		}
		a.stream(4*t.lanes, func() { step(4, false) }, t.lanes, func() { step(1, false) }, func() { step(1, true) })
	}
	g.add(k)
}

// cmpop is a comparison; pred is the VCMPPS predicate (ordered and quiet,
// except not-equal, which is true for NaN).
type cmpop struct {
	name string
	op   string
	pred int
}

var cmpops = []cmpop{
	{"eq", "==", 0x00}, // EQ_OQ
	{"ne", "!=", 0x04}, // NEQ_UQ
	{"lt", "<", 0x11},  // LT_OQ
	{"le", "<=", 0x12}, // LE_OQ
	{"gt", ">", 0x1e},  // GT_OQ
	{"ge", ">=", 0x1d}, // GE_OQ
}

// compareKernels emits vector-vector and vector-scalar comparisons that
// write bools (one byte, 0 or 1). A scalar-vector comparison is the
// vector-scalar one with the operator mirrored.
func (g *generator) compareKernels(t ftype) {
	ones := g.constant("ones8", 0x0101010101010101)
	perm := g.constant("packperm", 0x0000000400000000, 0x0000000500000001, 0x0000000600000002, 0x0000000700000003)
	for _, c := range cmpops {
		for _, layout := range []string{"VV", "VS"} {
			k := &kernel{name: c.name + layout + t.name}
			sl := "[]" + t.gotyp
			ye := "y[i]"
			k.params = []param{{"dst", "[]bool"}, {"x", sl}, {"y", sl}}
			if layout == "VS" {
				k.params[2] = param{"y", t.gotyp}
				ye = "y"
			}
			k.spec = fmt.Sprintf("for i := range dst {\n\tdst[i] = x[i] %s %s\n}", c.op, ye)
			k.body = func(a *asm) {
				a.i("MOVQ %s, DI", a.base("dst"))
				a.i("MOVQ %s, CX", a.length("dst"))
				a.i("MOVQ %s, SI", a.base("x"))
				if layout == "VV" {
					a.i("MOVQ %s, DX", a.base("y"))
				} else {
					a.i("%s %s, X15", t.movs, a.arg("y"))
					a.i("%s X15, Y15", t.bcast)
				}
				a.i("VMOVDQU %s, Y13", ones)
				a.i("VMOVDQU %s, Y14", perm)
				// 32 elements a step: compare into masks of 32-bit
				// lanes (float64 masks narrowed by conversion: an
				// all-ones double is a NaN that converts to all-ones),
				// pack them to bytes, restore the order, keep bit 0.
				big := func() {
					nv := 32 / t.lanes
					for k := range nv {
						a.i("%s %s, %s", t.mov(), mem("SI", t.size, 32*k), yreg(k))
						y := yreg(15)
						if layout == "VV" {
							y = mem("DX", t.size, 32*k)
						}
						a.i("VCMP%s $0x%02x, %s, %s, %s", t.ps, c.pred, y, yreg(k), yreg(k))
					}
					m := []int{0, 1, 2, 3}
					if t.size == 8 {
						for j := range 4 {
							a.i("VCVTPD2PSY Y%d, X%d", 2*j, 2*j)
							a.i("VCVTPD2PSY Y%d, X%d", 2*j+1, 2*j+1)
							a.i("VINSERTF128 $1, X%d, Y%d, Y%d", 2*j+1, 2*j, 2*j)
						}
						m = []int{0, 2, 4, 6}
					}
					a.i("VPACKSSDW Y%d, Y%d, Y%d", m[1], m[0], m[0])
					a.i("VPACKSSDW Y%d, Y%d, Y%d", m[3], m[2], m[2])
					a.i("VPACKSSWB Y%d, Y%d, Y%d", m[2], m[0], m[0])
					a.i("VPERMD Y%d, Y14, Y%d", m[0], m[0])
					// Bytes are 0 or negative: the unsigned min with 1 is the bool.
					a.i("VPMINUB Y13, Y%d, Y%d", m[0], m[0])
					a.i("VMOVDQU Y%d, (DI)(AX*1)", m[0])
				}
				one := func() {
					a.i("VMOV%s %s, X0", t.ss, mem("SI", t.size, 0))
					y := "X15"
					if layout == "VV" {
						y = mem("DX", t.size, 0)
					}
					a.i("VCMP%s $0x%02x, %s, X0, X0", t.ss, c.pred, y)
					a.i("VMOVD X0, BX")
					a.i("ANDL $1, BX")
					a.i("MOVB BX, (DI)(AX*1)")
				}
				a.stream(32, big, 0, nil, one)
			}
			g.add(k)
		}
	}
}

// unaryKernels emits negative, absolute value and square root.
func (g *generator) unaryKernels(t ftype) {
	sign := g.constant("sign"+t.name, signWord(t))
	abs := g.constant("abs"+t.name, ^signWord(t))
	type unop struct {
		name, expr, note string
		imports          []string
		emit             func(a *asm, src, dst string, scalar bool)
	}
	logic := func(ins, c string) func(a *asm, src, dst string, scalar bool) {
		return func(a *asm, src, dst string, scalar bool) {
			if scalar {
				a.i("VMOV%s %s, %s", t.ss, src, dst)
				a.i("%s%s X15, %s, %s", ins, t.ps, dst, dst)
				return
			}
			a.i("%s%s %s, Y15, %s", ins, t.ps, src, dst)
		}
	}
	ops := []unop{
		{name: "neg", expr: "-x[i]", emit: logic("VXOR", sign)},
		{name: "abs", expr: "absNaN(x[i])", emit: logic("VAND", abs)},
		{name: "sqrt", expr: t.gotyp + "(math.Sqrt(float64(x[i])))", imports: []string{"math"},
			note: "The assembly's square root is correctly rounded, as the loop's is.",
			emit: func(a *asm, src, dst string, scalar bool) {
				if scalar {
					a.i("VSQRT%s %s, %s, %s", t.ss, src, dst, dst)
					return
				}
				a.i("VSQRT%s %s, %s", t.ps, src, dst)
			}},
	}
	consts := map[string]string{"neg": sign, "abs": abs}
	for _, o := range ops {
		o := o
		k := &kernel{name: o.name + t.name, note: o.note, imports: o.imports,
			params: []param{{"dst", "[]" + t.gotyp}, {"x", "[]" + t.gotyp}},
			spec:   fmt.Sprintf("for i := range dst {\n\tdst[i] = %s\n}", o.expr)}
		k.body = func(a *asm) {
			a.i("MOVQ %s, DI", a.base("dst"))
			a.i("MOVQ %s, CX", a.length("dst"))
			a.i("MOVQ %s, SI", a.base("x"))
			if c := consts[o.name]; c != "" {
				a.i("VMOVDQU %s, Y15", c)
			}
			step := func(n int, scalar bool) {
				reg, store := yreg, t.mov()
				if scalar {
					reg, store = xreg, "VMOV"+t.ss
				}
				for k := range n {
					o.emit(a, mem("SI", t.size, 32*k), reg(k), scalar)
				}
				for k := range n {
					a.i("%s %s, %s", store, reg(k), mem("DI", t.size, 32*k))
				}
			}
			a.stream(4*t.lanes, func() { step(4, false) }, t.lanes, func() { step(1, false) }, func() { step(1, true) })
		}
		g.add(k)
	}
}

func signWord(t ftype) uint64 {
	if t.size == 4 {
		return 0x8000000080000000
	}
	return 0x8000000000000000
}

// where emits where(c, x, y) for vector x and y.
func (g *generator) where(t ftype) {
	sl := "[]" + t.gotyp
	k := &kernel{name: "where" + t.name,
		params: []param{{"dst", sl}, {"c", "[]bool"}, {"x", sl}, {"y", sl}},
		spec:   "for i := range dst {\n\tif c[i] {\n\t\tdst[i] = x[i]\n\t} else {\n\t\tdst[i] = y[i]\n\t}\n}"}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		a.i("MOVQ %s, R8", a.base("c"))
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("MOVQ %s, DX", a.base("y"))
		// Widen each bool byte to a lane, move bit 0 to the sign bit and
		// blend on it.
		widen := "VPMOVZXBD"
		if t.size == 8 {
			widen = "VPMOVZXBQ"
		}
		shift, bits := "VPSLLD", 31
		if t.size == 8 {
			shift, bits = "VPSLLQ", 63
		}
		big := func() {
			for k := range 4 {
				a.i("%s %d(R8)(AX*1), Y%d", widen, k*t.lanes, k)
				a.i("%s $%d, Y%d, Y%d", shift, bits, k, k)
				a.i("%s %s, Y%d", t.mov(), mem("DX", t.size, 32*k), 4+k)
				a.i("VBLENDV%s Y%d, %s, Y%d, Y%d", t.ps, k, mem("SI", t.size, 32*k), 4+k, 4+k)
			}
			for k := range 4 {
				a.i("%s Y%d, %s", t.mov(), 4+k, mem("DI", t.size, 32*k))
			}
		}
		one := func() {
			a.i("MOVBLZX (R8)(AX*1), BX")
			a.i("TESTL BX, BX")
			a.i("JZ wherey")
			a.i("MOV%s %s, BX", map[int]string{4: "L", 8: "Q"}[t.size], mem("SI", t.size, 0))
			a.i("JMP wherestore")
			a.label("wherey")
			a.i("MOV%s %s, BX", map[int]string{4: "L", 8: "Q"}[t.size], mem("DX", t.size, 0))
			a.label("wherestore")
			a.i("MOV%s BX, %s", map[int]string{4: "L", 8: "Q"}[t.size], mem("DI", t.size, 0))
		}
		a.stream(4*t.lanes, big, 0, nil, one)
	}
	g.add(k)
}

// clip emits NumPy's clip with scalar bounds: min(max(x, lo), hi) where a
// NaN x, or a NaN bound it meets, is the result.
func (g *generator) clip(t ftype) {
	sl := "[]" + t.gotyp
	k := &kernel{name: "clipVSS" + t.name,
		params: []param{{"dst", sl}, {"x", sl}, {"lo", t.gotyp}, {"hi", t.gotyp}},
		spec:   "for i := range dst {\n\tdst[i] = clipNaN(x[i], lo, hi)\n}"}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("%s %s, X14", t.movs, a.arg("lo"))
		a.i("%s X14, Y14", t.bcast)
		a.i("%s %s, X15", t.movs, a.arg("hi"))
		a.i("%s X15, Y15", t.bcast)
		max := binop{ins: "VMAX", nanfix: true}
		min := binop{ins: "VMIN", nanfix: true}
		step := func(n int, scalar bool) {
			reg, load := yreg, t.mov()
			if scalar {
				reg, load = xreg, "VMOV"+t.ss
			}
			for k := range n {
				a.i("%s %s, %s", load, mem("SI", t.size, 32*k), reg(k))
				// a = x > lo ? x : lo, NaN x kept; then a < hi ? a : hi,
				// NaN a (x or lo) kept.
				max.emit(a, t, scalar, reg(k), reg(14), reg(4+k), reg(8+k))
				min.emit(a, t, scalar, reg(4+k), reg(15), reg(k), reg(8+k))
			}
			for k := range n {
				a.i("%s %s, %s", load, reg(k), mem("DI", t.size, 32*k))
			}
		}
		a.stream(4*t.lanes, func() { step(4, false) }, t.lanes, func() { step(1, false) }, func() { step(1, true) })
	}
	g.add(k)
}
