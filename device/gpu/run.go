//go:build cgo && !nogpu

package gpu

import (
	"fmt"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/plan"
	"github.com/numgl/numgl/shaders"
)

// Run enqueues one request's GLSL dispatches on the GL thread and
// returns without waiting for them: the one dispatch point, each request
// to the file that implements it. Requests are checked here, and so is
// every buffer they use (a released one is an error, ErrReleased); a
// failure of the GPU while running one (a compile error, GL out of
// memory) is returned by the next Run, Sync or Download. The request must
// not change after Run returns.
func (d *Device) Run(req device.Request) error {
	if err := d.takeErr(); err != nil {
		return err
	}
	var work func() error
	switch r := req.(type) {
	case *device.Fill:
		work = func() error { return d.fill(r) }
	case *device.Copy:
		work = func() error { return d.copy(r) }
	case *device.Arange:
		work = func() error { return d.arange(r) }
	case *device.Kernel:
		if op, ok := shaders.HasPlan(r.Plan); !ok {
			return device.Unsupported(d, fmt.Sprintf("%v (no GLSL for it)", op))
		}
		work = func() error { return d.kernel(r) }
	case *device.Scan:
		if r.Kind != plan.Sum && r.Kind != plan.Prod {
			return device.Unsupported(d, fmt.Sprintf("scan %v", r.Kind))
		}
		work = func() error { return d.scan(r) }
	case *device.Gather:
		work = func() error { return d.advanced(r.Dst, r.Src, r.Index, r.Axes, false) }
	case *device.Scatter:
		work = func() error { return d.advanced(r.Value, r.Dst, r.Index, r.Axes, true) }
	case *device.Compress:
		work = func() error { return d.compress(r) }
	case *device.MatMul:
		work = func() error { return d.matmul(r) }
	default:
		return device.Unsupported(d, fmt.Sprintf("%T", req))
	}
	bufs, err := d.requestBuffers(req)
	if err != nil {
		return err
	}
	d.post(func() error {
		for _, b := range bufs {
			if err := b.stale(); err != nil {
				return err
			}
		}
		return work()
	})
	return nil
}

// requestBuffers returns every buffer req reads or writes, or the error
// of the first that is released or of another device.
func (d *Device) requestBuffers(req device.Request) ([]*Buffer, error) {
	var all []device.Buffer
	ops := func(os ...device.Operand) {
		for _, o := range os {
			all = append(all, o.Buf)
		}
	}
	index := func(idx []*device.Operand) {
		for _, o := range idx {
			if o != nil {
				all = append(all, o.Buf)
			}
		}
	}
	switch r := req.(type) {
	case *device.Fill:
		ops(r.Dst)
	case *device.Copy:
		ops(r.Dst, r.Src)
	case *device.Arange:
		ops(r.Dst)
	case *device.Kernel:
		all = append(all, r.Bufs...)
	case *device.Scan:
		ops(r.Src, r.Out)
	case *device.Gather:
		ops(r.Dst, r.Src)
		index(r.Index)
	case *device.Scatter:
		ops(r.Dst, r.Value)
		index(r.Index)
	case *device.Compress:
		ops(r.Dst, r.Src, r.Mask)
	case *device.MatMul:
		ops(r.A, r.B, r.Out)
		all = append(all, r.EpilogueBufs...)
	}
	bufs := make([]*Buffer, 0, len(all))
	for _, x := range all {
		b, ok := x.(*Buffer)
		if !ok || b.dev != d {
			return nil, fmt.Errorf("%s: a request uses a buffer of another device", d.name)
		}
		if err := b.usable(); err != nil {
			return nil, err
		}
		bufs = append(bufs, b)
	}
	return bufs, nil
}

// buf returns the GL buffer of an operand.
func buf(o device.Operand) *Buffer { return o.Buf.(*Buffer) }

// layout is a collapsed strided layout of several operands over one shape.
type layout struct {
	shape   []int
	strides [][]int
	offs    []int
}

// collapse merges the dimensions every operand walks contiguously, so
// most kernels run at rank 0 or 1.
func collapse(shape []int, ops ...device.Operand) layout {
	st := make([][]int, len(ops))
	offs := make([]int, len(ops))
	for k, o := range ops {
		st[k] = o.Strides
		offs[k] = o.Offset
	}
	s, cst := broadcast.Collapse(shape, st...)
	return layout{shape: s, strides: cst, offs: offs}
}

// setLayout sets the u_shape, u_strides and u_off uniforms of p.
func (l layout) set(p *Program) {
	r := len(l.shape)
	if r > 0 {
		sh := make([]int32, r)
		for i, v := range l.shape {
			sh[i] = int32(v)
		}
		gl.Uniform1iv(p.uniform(shaders.UShape), int32(r), &sh[0])
		st := make([]int32, 0, r*len(l.strides))
		for _, s := range l.strides {
			for _, v := range s {
				st = append(st, int32(v))
			}
		}
		gl.Uniform1iv(p.uniform(shaders.UStrides), int32(len(st)), &st[0])
	}
	off := make([]int32, len(l.offs))
	for i, v := range l.offs {
		off[i] = int32(v)
	}
	gl.Uniform1iv(p.uniform(shaders.UOff), int32(len(off)), &off[0])
}

// dispatch runs program p over n elements with bufs bound in order and
// set called to set its uniforms; it grid-strides in chunks of at most
// 2^31 elements. GL thread only.
func (d *Device) dispatch(p *Program, n int, bufs []*Buffer, set func(*Program)) error {
	if n == 0 {
		return nil
	}
	gl.UseProgram(p.id)
	for i, b := range bufs {
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(i), b.id)
	}
	if set != nil {
		set(p)
	}
	maxGroups := min(d.caps.MaxWorkGroupCount[0], 65535)
	const chunk = 1 << 31
	for base := 0; base < n; base += chunk {
		end := min(n, base+chunk)
		gl.Uniform1ui(p.uniform(shaders.UN), uint32(end))
		gl.Uniform1ui(p.uniform(shaders.UBase), uint32(base))
		groups := min((end-base+shaders.WorkGroup-1)/shaders.WorkGroup, maxGroups)
		d.launch(uint32(groups), 1, 1)
	}
	gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT | gl.BUFFER_UPDATE_BARRIER_BIT)
	return glError("dispatch")
}

// program returns the program of a kernel's specialisation key, which
// gen writes on the first request (see programCache.get).
func (d *Device) program(key string, gen func() string) (*Program, error) {
	return d.programs.get(key, gen)
}

// specKey is the cache key of a fixed kernel: its name and the bytes of
// its specialisation.
func specKey(name string, spec ...int) string {
	b := []byte(name)
	for _, v := range spec {
		b = append(b, 0, byte(v))
	}
	return string(b)
}

func (d *Device) fill(r *device.Fill) error {
	l := collapse(r.Dst.Shape, r.Dst)
	dt, rank := r.Dst.DType(), len(l.shape)
	p, err := d.program(specKey("fill", int(dt), rank), func() string { return shaders.Fill(dt, rank) })
	if err != nil {
		return err
	}
	bits := shaders.ScalarBits(r.Dst.DType(), r.Value)
	return d.dispatch(p, broadcast.Size(r.Dst.Shape), []*Buffer{buf(r.Dst)}, func(p *Program) {
		l.set(p)
		gl.Uniform2ui(p.uniform(shaders.UBits), bits[0], bits[1])
	})
}

func (d *Device) copy(r *device.Copy) error {
	l := collapse(r.Dst.Shape, r.Src, r.Dst)
	dst, src, rank := r.Dst.DType(), r.Src.DType(), len(l.shape)
	p, err := d.program(specKey("copy", int(dst), int(src), rank), func() string { return shaders.Copy(dst, src, rank) })
	if err != nil {
		return err
	}
	return d.dispatch(p, broadcast.Size(r.Dst.Shape), []*Buffer{buf(r.Src), buf(r.Dst)}, l.set)
}

func (d *Device) arange(r *device.Arange) error {
	dt := r.Dst.DType()
	fp64 := 0
	if d.caps.FP64 {
		fp64 = 1
	}
	p, err := d.program(specKey("arange", int(dt), fp64), func() string { return shaders.Arange(dt, d.caps.FP64) })
	if err != nil {
		return err
	}
	start, step := r.Start, r.Step
	bitsDT := dt
	if dt.IsFloat() {
		bitsDT = dtype.Float32
		if d.caps.FP64 {
			bitsDT = dtype.Float64
		}
	}
	sb, tb := shaders.ScalarBits(bitsDT, start), shaders.ScalarBits(bitsDT, step)
	return d.dispatch(p, r.Dst.Shape[0], []*Buffer{buf(r.Dst)}, func(p *Program) {
		off, st := int32(r.Dst.Offset), int32(r.Dst.Strides[0])
		gl.Uniform1iv(p.uniform(shaders.UOff), 1, &off)
		gl.Uniform1iv(p.uniform(shaders.UStrides), 1, &st)
		gl.Uniform2ui(p.uniform(shaders.UStart), sb[0], sb[1])
		gl.Uniform2ui(p.uniform(shaders.UStep), tb[0], tb[1])
	})
}

// kernel runs an elementwise plan: one dispatch of the GLSL rendered
// from it (shaders.PlanKernel), cached by the plan's Key. Binding b is the
// request's buffer b. A reducing plan goes to reduce. GL thread only.
func (d *Device) kernel(r *device.Kernel) error {
	k := r.Plan
	if k.Reduce != plan.NoReduce {
		return d.reduce(r)
	}
	n := k.Size()
	if n == 0 {
		return nil
	}
	p, err := d.program("plan\x00"+k.Key(), func() string { return shaders.PlanKernel(k) })
	if err != nil {
		return err
	}
	l := layout{shape: k.Shape, strides: make([][]int, 0, len(k.Inputs)+1), offs: make([]int, 0, len(k.Inputs)+1)}
	for _, in := range k.Inputs {
		l.strides = append(l.strides, in.Strides)
		l.offs = append(l.offs, in.Offset)
	}
	l.strides = append(l.strides, k.Out.Strides)
	l.offs = append(l.offs, k.Out.Offset)
	consts := shaders.ConstBits(k)
	return d.dispatch(p, n, planBuffers(r), func(p *Program) {
		l.set(p)
		setConsts(p, consts)
	})
}

// planBuffers returns the GL buffers of a plan's request, by binding.
func planBuffers(r *device.Kernel) []*Buffer {
	bufs := make([]*Buffer, len(r.Bufs))
	for i, b := range r.Bufs {
		bufs[i] = b.(*Buffer)
	}
	return bufs
}

// setConsts sets u_const to a plan's constants.
func setConsts(p *Program, bits [][2]uint32) {
	if len(bits) == 0 {
		return
	}
	flat := make([]uint32, 0, 2*len(bits))
	for _, b := range bits {
		flat = append(flat, b[0], b[1])
	}
	gl.Uniform2uiv(p.uniform(shaders.UConst), int32(len(bits)), &flat[0])
}
