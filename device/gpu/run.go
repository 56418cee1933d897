//go:build cgo && !nogpu

package gpu

import (
	"fmt"
	"math"

	"github.com/go-gl/gl/v4.3-core/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// Run turns one request into GLSL dispatches on the GL thread: the one
// dispatch point, each request to the file that implements it.
func (d *Device) Run(req device.Request) error {
	var err error
	switch r := req.(type) {
	case *device.Fill:
		d.call(func() { err = d.fill(r) })
	case *device.Copy:
		d.call(func() { err = d.copy(r) })
	case *device.Arange:
		d.call(func() { err = d.arange(r) })
	case *device.Elementwise:
		if !shaders.HasLoop(r.Op, r.Loop) {
			return device.Unsupported(d, fmt.Sprintf("%s on float64 (GLSL has no double version)", r.Op.Name))
		}
		d.call(func() { err = d.elementwise(r) })
	case *device.Reduce:
		d.call(func() { err = d.reduce(r) })
	case *device.Scan:
		d.call(func() { err = d.scan(r) })
	case *device.Gather:
		d.call(func() { err = d.advanced(r.Dst, r.Src, r.Index, r.Axes, false) })
	case *device.Scatter:
		d.call(func() { err = d.advanced(r.Value, r.Dst, r.Index, r.Axes, true) })
	case *device.Compress:
		d.call(func() { err = d.compress(r) })
	case *device.MatMul:
		d.call(func() { err = d.matmul(r) })
	default:
		return device.Unsupported(d, fmt.Sprintf("%T", req))
	}
	return err
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
		gl.Uniform1iv(p.uniform("u_shape"), int32(r), &sh[0])
		st := make([]int32, 0, r*len(l.strides))
		for _, s := range l.strides {
			for _, v := range s {
				st = append(st, int32(v))
			}
		}
		gl.Uniform1iv(p.uniform("u_strides"), int32(len(st)), &st[0])
	}
	off := make([]int32, len(l.offs))
	for i, v := range l.offs {
		off[i] = int32(v)
	}
	gl.Uniform1iv(p.uniform("u_off"), int32(len(off)), &off[0])
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
		gl.Uniform1ui(p.uniform("u_n"), uint32(end))
		gl.Uniform1ui(p.uniform("u_base"), uint32(base))
		groups := min((end-base+shaders.WorkGroup-1)/shaders.WorkGroup, maxGroups)
		gl.DispatchCompute(uint32(groups), 1, 1)
	}
	gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT | gl.BUFFER_UPDATE_BARRIER_BIT)
	return glError("dispatch")
}

// program compiles (once) and returns the program for source.
func (d *Device) program(source string) (*Program, error) { return d.programs.get(source) }

// scalarBits returns a value's bits as dt stores them, low word first.
func scalarBits(dt dtype.DType, s dtype.Scalar) [2]uint32 {
	var u uint64
	switch dt {
	case dtype.Bool:
		if s.Bool() {
			u = 1
		}
	case dtype.Int32:
		u = uint64(uint32(int32(s.Int())))
	case dtype.Int64:
		u = uint64(s.Int())
	case dtype.Float32:
		u = uint64(math.Float32bits(float32(s.Float())))
	case dtype.Float64:
		u = math.Float64bits(s.Float())
	}
	return [2]uint32{uint32(u), uint32(u >> 32)}
}

func (d *Device) fill(r *device.Fill) error {
	l := collapse(r.Dst.Shape, r.Dst)
	p, err := d.program(shaders.Fill(r.Dst.DType(), len(l.shape)))
	if err != nil {
		return err
	}
	bits := scalarBits(r.Dst.DType(), r.Value)
	return d.dispatch(p, broadcast.Size(r.Dst.Shape), []*Buffer{buf(r.Dst)}, func(p *Program) {
		l.set(p)
		gl.Uniform2ui(p.uniform("u_bits"), bits[0], bits[1])
	})
}

func (d *Device) copy(r *device.Copy) error {
	l := collapse(r.Dst.Shape, r.Src, r.Dst)
	p, err := d.program(shaders.Copy(r.Dst.DType(), r.Src.DType(), len(l.shape)))
	if err != nil {
		return err
	}
	return d.dispatch(p, broadcast.Size(r.Dst.Shape), []*Buffer{buf(r.Src), buf(r.Dst)}, l.set)
}

func (d *Device) arange(r *device.Arange) error {
	dt := r.Dst.DType()
	p, err := d.program(shaders.Arange(dt, d.caps.FP64))
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
	sb, tb := scalarBits(bitsDT, start), scalarBits(bitsDT, step)
	return d.dispatch(p, r.Dst.Shape[0], []*Buffer{buf(r.Dst)}, func(p *Program) {
		off, st := int32(r.Dst.Offset), int32(r.Dst.Strides[0])
		gl.Uniform1iv(p.uniform("u_off"), 1, &off)
		gl.Uniform1iv(p.uniform("u_strides"), 1, &st)
		gl.Uniform2ui(p.uniform("u_start"), sb[0], sb[1])
		gl.Uniform2ui(p.uniform("u_step"), tb[0], tb[1])
	})
}

func (d *Device) elementwise(r *device.Elementwise) error {
	ops := append(append([]device.Operand{}, r.In...), r.Out)
	l := collapse(r.Out.Shape, ops...)
	p, err := d.program(shaders.Elementwise(r.Op, r.Loop, len(l.shape)))
	if err != nil {
		return err
	}
	bufs := make([]*Buffer, len(ops))
	for k, o := range ops {
		bufs[k] = buf(o)
	}
	return d.dispatch(p, broadcast.Size(r.Out.Shape), bufs, l.set)
}
