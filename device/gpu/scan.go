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

// scanTargetInvocations is how many invocations a scan over few lines is
// spread over (a first guess, as the reduction's tunables), and
// scanMinChunk the fewest elements one of them scans.
var (
	scanTargetInvocations = 8192
	scanMinChunk          = 256
)

// scan runs a Scan request. Each line along the axis is scanned in order
// by one invocation when there are lines enough to fill the GPU; a few
// long lines are cut into chunks: pass 0 totals each chunk, pass 1 turns
// each line's totals into exclusive prefixes, pass 2 scans every chunk
// from its prefix (see shaders.Scan).
//
// Like the reference, the running value is kept in float64 for float
// sources (float on devices without fp64) and in int64 for the others,
// and each step is rounded to Out's dtype as it is stored. With one
// chunk per line the float64 results are the reference's to the bit; in
// chunks, the order of the additions differs, as in any parallel scan.
// GL thread only.
func (d *Device) scan(r *device.Scan) error {
	if r.Kind != plan.Sum && r.Kind != plan.Prod {
		return device.Unsupported(d, fmt.Sprintf("scan %v", r.Kind))
	}
	src, out := r.Src.DType(), r.Out.DType()
	if out == dtype.Bool {
		return fmt.Errorf("%s: cum%v into bool is not a scan the planner makes", d.name, r.Kind)
	}
	acc := dtype.Int32
	switch {
	case src.IsFloat() && d.caps.FP64 && !floatAccumulators:
		acc = dtype.Float64
	case src.IsFloat():
		acc = dtype.Float32
	case d.caps.Int64:
		acc = dtype.Int64
	}
	ax := r.Axis
	n := r.Src.Shape[ax]
	drop := func(s []int) []int { return append(append([]int{}, s[:ax]...), s[ax+1:]...) }
	l := collapse(drop(r.Src.Shape),
		device.Operand{Strides: drop(r.Src.Strides), Offset: r.Src.Offset},
		device.Operand{Strides: drop(r.Out.Strides), Offset: r.Out.Offset})
	lines := broadcast.Size(l.shape)
	if lines == 0 || n == 0 {
		return nil
	}
	rank := len(l.shape)
	p, err := d.program(specKey("scan", int(r.Kind), int(src), int(out), int(acc), rank),
		func() string { return shaders.Scan(r.Kind, src, out, acc, rank) })
	if err != nil {
		return err
	}
	chunks := 1
	if lines < scanTargetInvocations {
		chunks = max(1, min((scanTargetInvocations+lines-1)/lines, (n+scanMinChunk-1)/scanMinChunk))
	}
	// Passes 0 and 2 loop over a chunk, pass 1 over a line's chunks.
	chunks = min(max(chunks, (n+maxLoop-1)/maxLoop), maxLoop)
	chunk := (n + chunks - 1) / chunks
	chunks = (n + chunk - 1) / chunk
	set := func(pass int) func(*Program) {
		return func(p *Program) {
			l.set(p)
			gl.Uniform1i(p.uniform(shaders.ULen), int32(n))
			gl.Uniform1i(p.uniform(shaders.USStride), int32(r.Src.Strides[ax]))
			gl.Uniform1i(p.uniform(shaders.UOStride), int32(r.Out.Strides[ax]))
			gl.Uniform1ui(p.uniform(shaders.UChunks), uint32(chunks))
			gl.Uniform1ui(p.uniform(shaders.UChunk), uint32(chunk))
			gl.Uniform1i(p.uniform(shaders.UPass), int32(pass))
		}
	}
	sb, ob := buf(r.Src), buf(r.Out)
	if chunks == 1 {
		// Binding 2 (the totals) is not read with one chunk; bind the
		// source there so that every binding names a buffer.
		return d.dispatch(p, lines, []*Buffer{sb, ob, sb}, set(2))
	}
	tot, err := d.newBuffer(acc, lines*chunks)
	if err != nil {
		return err
	}
	defer d.dropScratch(tot)
	bufs := []*Buffer{sb, ob, tot}
	if err := d.dispatch(p, lines*chunks, bufs, set(0)); err != nil {
		return err
	}
	if err := d.dispatch(p, lines, bufs, set(1)); err != nil {
		return err
	}
	return d.dispatch(p, lines*chunks, bufs, set(2))
}
