package main

import (
	"fmt"
	"strconv"
	"strings"
)

// The transcendental kernels (float32 exp, log, sin, cos, tanh) share one
// streaming frame, mathKernel (addMath). It gives every element the value
// of one and the same per-lane computation wherever the element lies:
//
//   - full vectors run the vector code, chains of them a step;
//   - the last, partial vector is loaded and stored with a lane mask
//     (VMASKMOVPS/PD: the lanes past the end read as zero and are not
//     written) and runs the same vector code, so a tail element gets the
//     value it would get inside a vector;
//   - special inputs (zero, negative, Inf, NaN, subnormal for log) are
//     handled per lane by blends decided by the lane's own value; a core
//     may skip work for a step whose lanes are all ordinary (log, exp)
//     only where that work changes no ordinary lane;
//   - where a kernel has a bound (sin, cos), a lane with !(|x| <= bound)
//     (Inf and NaN included) is left to the caller: the kernel writes x
//     there and returns how many it left, and the caller computes those
//     with the op table's scalar function (leftToLoop).
//
// So fused and unfused evaluation, which cut arrays into blocks
// differently, agree bit for bit.

// slot names a per-chain register: slot s of chain j, with c chains, is
// Y(s*c + j). Y15 holds the tail's lane mask, so a core may use slots
// while s*c + j <= 14: 7 slots with two chains, 14 with one.
type slot int

// each emits format once per chain, slot arguments replaced by the
// chain's register.
func (a *asm) each(chains int, format string, args ...any) {
	for j := range chains {
		vs := make([]any, len(args))
		for i, v := range args {
			if s, ok := v.(slot); ok {
				vs[i] = yreg(int(s)*chains + j)
			} else {
				vs[i] = v
			}
		}
		a.i(format, vs...)
	}
}

// mathKernel is one transcendental kernel over float32 or float64.
type mathKernel struct {
	name   string // "log": the kernel is logF32/logF64
	t      ftype
	chains int // chains per big step: 1, 2 or 4
	// core computes in place on slot 0 of each chain; reload(s) loads
	// the chains' inputs (as the core's type) into slot s again; id
	// makes the core's labels unique. It may use R9 and R10.
	core func(a *asm, chains int, reload func(s slot), id string)
	// bound, when not zero, leaves lanes with !(|x| <= bound) to the
	// caller (see above); the kernel then returns their count.
	bound float64
	// spec is the Go loop of the pure-Go kernel and the doc: the op
	// table's function (internal/fmath), so that with -tags purego
	// cpu-simd computes what the reference device does.
	spec string
	note string
}

// addMath registers the kernel.
func (g *generator) addMath(m *mathKernel) {
	sl := "[]" + m.t.gotyp
	k := &kernel{name: m.name + m.t.name, params: []param{{"dst", sl}, {"x", sl}},
		spec: m.spec, note: m.note, imports: []string{"github.com/numgl/numgl/internal/fmath"}}
	if m.bound != 0 {
		k.imports = append(k.imports, "math")
	}
	if m.bound != 0 {
		k.result = "int"
	}
	mask := g.table("mathmask", [][8]uint32{
		{^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0)}, {}})
	abs := g.constant("abs"+m.t.name, ^signWord(m.t))
	var bound string
	if m.bound != 0 {
		bound = g.fconst(m.name+"bound", m.t, m.bound)
	}
	k.body = func(a *asm) {
		a.i("MOVQ %s, DI", a.base("dst"))
		a.i("MOVQ %s, CX", a.length("dst"))
		a.i("MOVQ %s, SI", a.base("x"))
		a.i("XORQ R11, R11") // the count of lanes left to the caller
		a.i("XORQ AX, AX")
		big := m.chains * m.t.lanes
		a.i("MOVQ CX, BX")
		a.i("ANDQ $-%d, BX", big)
		a.i("JZ vec")
		a.label("big")
		m.step(a, m.chains, false, "big", abs, bound)
		a.i("ADDQ $%d, AX", big)
		a.i("CMPQ AX, BX")
		a.i("JB big")
		a.label("vec")
		if m.chains > 1 {
			a.i("MOVQ CX, BX")
			a.i("ANDQ $-%d, BX", m.t.lanes)
			a.i("CMPQ AX, BX")
			a.i("JAE tail")
			a.label("vecloop")
			m.step(a, 1, false, "vec", abs, bound)
			a.i("ADDQ $%d, AX", m.t.lanes)
			a.i("CMPQ AX, BX")
			a.i("JB vecloop")
		}
		a.label("tail")
		a.i("CMPQ AX, CX")
		a.i("JAE done")
		// The mask of the remaining lanes: rem all-ones lanes then
		// zeros, read from the table at 32 - rem*size bytes.
		a.i("MOVQ CX, R9")
		a.i("SUBQ AX, R9")
		a.i("NEGQ R9")
		a.i("LEAQ %s, R10", mask)
		a.i("VMOVDQU 32(R10)(R9*%d), Y15", m.t.size)
		m.step(a, 1, true, "tail", abs, bound)
		a.label("done")
		if m.bound != 0 {
			a.i("MOVQ R11, %s", a.arg("ret"))
		}
		a.ret()
	}
	g.add(k)
}

// load emits the loads of the chains' inputs into slot s; masked uses
// the tail's mask in Y15 (one chain).
func (m *mathKernel) load(a *asm, chains int, masked bool, s slot) {
	for j := range chains {
		r := yreg(int(s)*chains + j)
		if masked {
			a.i("VMASKMOV%s (SI)(AX*%d), Y15, %s", m.t.ps, m.t.size, r)
		} else {
			a.i("%s %s, %s", m.t.mov(), mem("SI", m.t.size, 32*j), r)
		}
	}
}

// store emits the stores of slot 0.
func (m *mathKernel) store(a *asm, chains int, masked bool) {
	for j := range chains {
		if masked {
			a.i("VMASKMOV%s %s, Y15, (DI)(AX*%d)", m.t.ps, yreg(j), m.t.size)
		} else {
			a.i("%s %s, %s", m.t.mov(), yreg(j), mem("DI", m.t.size, 32*j))
		}
	}
}

// step emits one step over chains vectors: load, the bound check, the
// core, the lanes left to the caller, store. id makes its labels unique.
func (m *mathKernel) step(a *asm, chains int, masked bool, id, abs, bound string) {
	ct := m.t // the type the core computes in
	m.load(a, chains, masked, 0)
	if bound != "" {
		// R8: whether any lane of the step is out of bounds (or NaN).
		const t = slot(1)
		a.each(chains, "VANDP%s %s, %s, %s", ct.ps[1:], abs, slot(0), t)
		a.each(chains, "VCMP%s $0x06, %s, %s, %s", ct.ps, bound, t, t) // NLE_UQ
		for j := 1; j < chains; j++ {
			a.i("VORP%s Y%d, Y%d, Y%d", ct.ps[1:], chains+j, chains, chains)
		}
		a.i("VMOVMSK%s Y%d, R8", ct.ps, chains)
	}
	m.core(a, chains, func(s slot) { m.load(a, chains, masked, s) }, id)
	if bound != "" {
		// Lanes out of bounds get x back, and are counted.
		a.i("TESTL R8, R8")
		a.i("JZ %sstore", id)
		x, t := slot(1), slot(2)
		m.load(a, chains, masked, x)
		a.each(chains, "VANDP%s %s, %s, %s", ct.ps[1:], abs, x, t)
		a.each(chains, "VCMP%s $0x06, %s, %s, %s", ct.ps, bound, t, t)
		a.each(chains, "VBLENDV%s %s, %s, %s, %s", ct.ps, t, x, slot(0), slot(0))
		for j := range chains {
			a.i("VMOVMSK%s Y%d, R9", ct.ps, 2*chains+j)
			a.i("POPCNTL R9, R9")
			a.i("ADDQ R9, R11")
		}
		a.label(id + "store")
	}
	m.store(a, chains, masked)
}

// horner emits p = c[n]·z^n + ... + c[0] into slot p, z in slot z.
func horner(a *asm, t ftype, chains int, p, z slot, c []string) {
	a.each(chains, "%s %s, %s", t.mov(), c[len(c)-1], p)
	for i := len(c) - 2; i >= 0; i-- {
		a.each(chains, "VFMADD213%s %s, %s, %s", t.ps, c[i], z, p)
	}
}

// consts defines one constant per value, named prefix0, prefix1, ...
func (g *generator) consts(prefix string, t ftype, vs []float64) []string {
	var out []string
	for i, v := range vs {
		w := f64bits(v)
		if t.size == 4 {
			w = f32bits(float32(v))
		}
		out = append(out, g.constant(fmt.Sprintf("%s%d", prefix, i), w))
	}
	return out
}

// fconst defines one float constant of type t.
func (g *generator) fconst(name string, t ftype, v float64) string {
	if t.size == 4 {
		return g.constant(name+t.name, f32bits(float32(v)))
	}
	return g.constant(name+t.name, f64bits(v))
}

// iconst defines one integer constant of type t's width.
func (g *generator) iconst(name string, t ftype, v uint64) string {
	if t.size == 4 {
		return g.constant(name+t.name, v|v<<32)
	}
	return g.constant(name+t.name, v)
}

// hexFloats parses C99 hex float literals (the fitted coefficients).
func hexFloats(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			panic(err)
		}
		out = append(out, v)
	}
	return out
}

// taylor returns the coefficients 1/k! for k = from, from+step, ...,
// count of them, with alternating signs when alt is set.
func taylor(from, step, count int, alt bool) []float64 {
	var out []float64
	sign := 1.0
	for i := range count {
		k := from + i*step
		f := 1.0
		for j := 2; j <= k; j++ {
			f *= float64(j)
		}
		out = append(out, sign/f)
		if alt {
			sign = -sign
		}
	}
	return out
}
