//go:build cgo && !nogpu

package gpu

import (
	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// compress is mask compaction by prefix sums (see shaders/compress.go):
// block counts, their exclusive scan, then each block writes its part.
func (d *Device) compress(r *device.Compress) error {
	n := broadcast.Size(r.Src.Shape)
	if n == 0 {
		return nil
	}
	l := collapse(r.Src.Shape, r.Src, r.Mask)
	rank := len(l.shape)
	dt := r.Src.DType()
	count, err := d.program(specKey("compress-count", rank), func() string { return shaders.CompressCount(rank) })
	if err != nil {
		return err
	}
	scan, err := d.program("compress-scan", shaders.CompressScan)
	if err != nil {
		return err
	}
	write, err := d.program(specKey("compress-write", int(dt), rank), func() string { return shaders.CompressWrite(dt, rank) })
	if err != nil {
		return err
	}
	blocks := (n + shaders.WorkGroup - 1) / shaders.WorkGroup
	counts, err := d.newBuffer(dtype.Int32, blocks)
	if err != nil {
		return err
	}
	defer d.recycleNow(counts)
	src, mask, dst := buf(r.Src), buf(r.Mask), buf(r.Dst)
	bind := func(p *Program) {
		gl.UseProgram(p.id)
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, 0, src.id)
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, 1, mask.id)
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, 2, counts.id)
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, 3, dst.id)
	}
	perBlock := func(p *Program) {
		bind(p)
		l.set(p)
		gl.Uniform1ui(p.uniform(shaders.UN), uint32(n))
		maxGroups := min(d.caps.MaxWorkGroupCount[0], 65535)
		for base := 0; base < blocks; base += maxGroups {
			gl.Uniform1ui(p.uniform(shaders.UBase), uint32(base))
			d.launch(uint32(min(maxGroups, blocks-base)), 1, 1)
		}
		gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT)
	}
	perBlock(count)
	bind(scan)
	gl.Uniform1ui(scan.uniform(shaders.UN), uint32(blocks))
	gl.Uniform1ui(scan.uniform(shaders.UBase), 0)
	d.launch(1, 1, 1)
	gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT)
	gl.UseProgram(write.id)
	gl.Uniform1i(write.uniform(shaders.UDstOff), int32(r.Dst.Offset))
	gl.Uniform1i(write.uniform(shaders.UDstStride), int32(r.Dst.Strides[0]))
	perBlock(write)
	gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT | gl.BUFFER_UPDATE_BARRIER_BIT)
	return glError("compress")
}

// recycleNow releases a scratch buffer made on the GL thread. GL thread only.
func (d *Device) recycleNow(b *Buffer) {
	if b.released.Swap(true) {
		return
	}
	b.cleanup.Stop()
	d.recycle(b.id, b.class)
}
