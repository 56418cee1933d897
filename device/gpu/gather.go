//go:build cgo && !nogpu

package gpu

import (
	"fmt"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// maxBindings is the number of storage-buffer bindings the index kernels
// may use: the device's limit, lowered by tests to pin the packed path.
func (d *Device) maxBindings() int {
	if packIndexBelow > 0 {
		return packIndexBelow
	}
	return d.caps.MaxSSBOBindings
}

// packIndexBelow, when positive, replaces the device's binding limit for
// the index kernels (tests set it).
var packIndexBelow = 0

// advanced runs a Gather (scatter false: res is Dst, base is Src) or a
// Scatter (scatter true: res is Value, base is Dst). Both walk the result
// space res.Shape; the offset into base is base.Offset + Σ_k
// base.Strides[k] * i_k, where a kept axis k contributes the result
// position along Axes[k] — so the kept axes act as one more strided
// operand over the result space, with base's strides summed onto the
// result axes they map to — and an indexed axis contributes its int64
// index array read at the position. All of these operands share the
// result space, so they collapse together like an elementwise kernel's.
//
// Each index array has a binding of its own while the kernel's bindings
// fit the device's limit (2 + arrays for Gather, 3 + arrays for Scatter;
// GL guarantees only 8). Beyond it, the index arrays are copied into one
// scratch buffer with glCopyBufferSubData, back to back, and their
// offsets moved into it: one binding serves them all.
//
// Scatter makes the last write in C order win when positions repeat:
// pass 0 clears a scratch uint per destination element touched (the
// scratch spans the offsets the destination view reaches), pass 1
// takes atomicMax of (position+1) into it, pass 2 writes only where the
// position won. GL thread only.
func (d *Device) advanced(res, base device.Operand, index []*device.Operand, axes []int, scatter bool) error {
	if !d.caps.Int64 {
		return fmt.Errorf("%s: advanced indexing needs int64 index arrays, and %s lacks GL_ARB_gpu_shader_int64", d.name, d.caps.Renderer)
	}
	n := broadcast.Size(res.Shape)
	if n == 0 {
		return nil
	}
	if n >= 1<<32-1 && scatter {
		return fmt.Errorf("%s: assignment through %d index positions exceeds the 2^32-1 the kernel counts", d.name, n)
	}
	rank := len(res.Shape)
	kept := make([]int, rank)
	ops := []device.Operand{res, {}}
	var istride []int
	var idx []*Buffer
	for k, st := range base.Strides {
		if index[k] == nil {
			kept[axes[k]] += st
			continue
		}
		ops = append(ops, *index[k])
		istride = append(istride, st)
		idx = append(idx, buf(*index[k]))
	}
	ops[1] = device.Operand{Strides: kept, Offset: base.Offset}
	l := collapse(res.Shape, ops...)

	first := 2 // the first index binding
	if scatter {
		first = 3
	}
	packed := first+len(idx) > d.maxBindings()
	if packed {
		total := 0
		for _, b := range idx {
			total += b.n
		}
		pk, err := d.newBuffer(dtype.Int64, total)
		if err != nil {
			return err
		}
		defer d.dropScratch(pk)
		at := 0
		for k, b := range idx {
			gl.BindBuffer(gl.COPY_READ_BUFFER, b.id)
			gl.BindBuffer(gl.COPY_WRITE_BUFFER, pk.id)
			gl.CopyBufferSubData(gl.COPY_READ_BUFFER, gl.COPY_WRITE_BUFFER, 0, at*8, b.n*8)
			l.offs[2+k] += at
			at += b.n
		}
		if err := glError("packing index arrays"); err != nil {
			return err
		}
		idx = []*Buffer{pk}
	}

	dt := res.DType()
	setIdx := func(p *Program) {
		l.set(p)
		setInts(p, shaders.UIStride, istride)
	}
	if !scatter {
		p, err := d.program(specKey("gather", int(dt), len(l.shape), len(istride), b2i(packed)),
			func() string { return shaders.Gather(dt, len(l.shape), len(istride), packed) })
		if err != nil {
			return err
		}
		return d.dispatch(p, n, append([]*Buffer{buf(base), buf(res)}, idx...), setIdx)
	}

	p, err := d.program(specKey("scatter", int(dt), len(l.shape), len(istride), b2i(packed)),
		func() string { return shaders.Scatter(dt, len(l.shape), len(istride), packed) })
	if err != nil {
		return err
	}
	// win covers the offsets the destination view can reach.
	lo, hi := base.Offset, base.Offset
	for k, st := range base.Strides {
		if st < 0 {
			lo += st * (base.Shape[k] - 1)
		} else {
			hi += st * (base.Shape[k] - 1)
		}
	}
	win, err := d.newBuffer(dtype.Int32, hi-lo+1)
	if err != nil {
		return err
	}
	defer d.dropScratch(win)
	bufs := append([]*Buffer{buf(res), buf(base), win}, idx...)
	for pass := range 3 {
		err := d.dispatch(p, n, bufs, func(p *Program) {
			setIdx(p)
			gl.Uniform1i(p.uniform(shaders.UPass), int32(pass))
			gl.Uniform1i(p.uniform(shaders.UWBase), int32(lo))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
