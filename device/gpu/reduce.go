//go:build cgo && !nogpu

package gpu

import (
	"fmt"

	"github.com/go-gl/gl/v4.3-core/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// Tunables of the reduction. They are first guesses, not measurements:
// llvmpipe, where the tests run, cannot tell them apart.
var (
	// reduceThreadsMax is the longest reduction that one invocation per
	// output does alone; longer ones get a work group per output...
	reduceThreadsMax = shaders.WorkGroup - 1
	// ...unless there are so many outputs that they fill the GPU anyway,
	reduceThreadsOuts = 1 << 16
	// or enough of them lie next to each other in memory while their
	// elements do not: then neighbouring invocations read neighbouring
	// elements (Sum(axis=0) of a C-ordered matrix).
	reduceCoalescedOuts = 1 << 10
	// reduceTargetGroups is the number of work groups a reduction with
	// few outputs is cut into (a second pass merges the chunks of one
	// output), each chunk holding at least reduceMinChunk elements.
	reduceTargetGroups = 1024
	reduceMinChunk     = 8 * shaders.WorkGroup
	reduceMaxChunks    = 4096
)

// floatAccumulators makes float sums, products and scans accumulate in
// float even where the device has fp64, as on devices without it (tests
// set it).
var floatAccumulators = false

// maxLoop bounds the iterations of any loop one invocation runs: llvmpipe
// stops every shader loop after 65535 iterations (gallivm's
// LP_MAX_TGSI_LOOP_ITERATIONS) without a word, and a real GPU's watchdog
// dislikes long invocations too. The reduction and scan kernels are cut
// so that no loop comes near it.
const maxLoop = 1<<16 - 1

// reduce runs a Reduce request. The kept (leading) axes and the reduced
// (trailing) ones are collapsed separately, so any strides work and most
// reductions run at ranks 0 or 1. One dispatch point:
//
//   - many outputs of short reductions: one invocation per output, which
//     loops over its elements in C order (ReduceThreads);
//   - otherwise one work group per output, a tree in shared memory
//     (ReduceGroups, ReduceDirect), and when the outputs are too few to
//     fill the GPU each output is cut into chunks, one work group each,
//     whose partial states a second pass merges (ReducePartial, then
//     ReduceFinal).
//
// Sum and Prod accumulate in Out's dtype widened as the reference does:
// floats in double (float where the device has no fp64), integers in
// int64 (int without int64, which gives the same low 32 bits). Float sums
// are compensated in each invocation (Neumaier) and merged pairwise.
//
// The trees use shared memory only: subgroup operations
// (GL_KHR_shader_subgroup) would save a few of their steps, but the
// contexts numgl is tested on (llvmpipe) lack the extension, so a path
// using it could not be checked. GL thread only.
func (d *Device) reduce(r *device.Reduce) error {
	spec, err := d.reduction(r)
	if err != nil {
		return err
	}
	k := len(r.Src.Shape) - r.NReduce
	lead := collapse(r.Src.Shape[:k],
		device.Operand{Strides: r.Src.Strides[:k], Offset: r.Src.Offset},
		device.Operand{Strides: r.Out.Strides, Offset: r.Out.Offset})
	rshape, rstrides := broadcast.Collapse(r.Src.Shape[k:], r.Src.Strides[k:])
	outs, m := broadcast.Size(lead.shape), broadcast.Size(rshape)
	if outs == 0 {
		return nil
	}
	spec.LeadRank, spec.RedRank = len(lead.shape), len(rshape)
	setRed := func(p *Program) {
		lead.set(p)
		if len(rshape) > 0 {
			setInts(p, "u_rshape", rshape)
			setInts(p, "u_rstrides", rstrides[0])
		}
		gl.Uniform1ui(p.uniform("u_m"), uint32(m))
	}
	src, out := buf(r.Src), buf(r.Out)

	coalesced := len(lead.shape) > 0 && lead.strides[1][len(lead.shape)-1] == 1 && lead.strides[0][len(lead.shape)-1] == 1 &&
		(len(rshape) == 0 || rstrides[0][len(rshape)-1] != 1)
	if m == 0 || m <= maxLoop && (m <= reduceThreadsMax || outs >= reduceThreadsOuts || coalesced && outs >= reduceCoalescedOuts) {
		p, err := d.program(shaders.ReduceThreads(spec))
		if err != nil {
			return err
		}
		return d.dispatch(p, outs, []*Buffer{src, out}, setRed)
	}

	chunks := 1
	if outs < reduceTargetGroups {
		chunks = min((reduceTargetGroups+outs-1)/outs, (m+reduceMinChunk-1)/reduceMinChunk, reduceMaxChunks)
		chunks = max(chunks, 1)
	}
	// An invocation loops over chunk/WorkGroup elements at most.
	chunks = max(chunks, (m+maxLoop*shaders.WorkGroup-1)/(maxLoop*shaders.WorkGroup))
	chunk := (m + chunks - 1) / chunks
	chunks = (m + chunk - 1) / chunk
	setGroups := func(nchunks, chunk int) func(*Program) {
		return func(p *Program) {
			setRed(p)
			gl.Uniform1ui(p.uniform("u_outs"), uint32(outs))
			gl.Uniform1ui(p.uniform("u_chunks"), uint32(nchunks))
			gl.Uniform1ui(p.uniform("u_chunk"), uint32(chunk))
		}
	}
	if chunks == 1 {
		p, err := d.program(shaders.ReduceGroups(spec, shaders.ReduceDirect))
		if err != nil {
			return err
		}
		return d.dispatchGroups(p, outs, []*Buffer{src, out}, setGroups(1, m))
	}

	p1, err := d.program(shaders.ReduceGroups(spec, shaders.ReducePartial))
	if err != nil {
		return err
	}
	p2, err := d.program(shaders.ReduceGroups(spec, shaders.ReduceFinal))
	if err != nil {
		return err
	}
	bufs := []*Buffer{src, out}
	for _, dt := range shaders.ReducePartials(spec) {
		b, err := d.newBuffer(dt, outs*chunks)
		if err != nil {
			return err
		}
		defer d.dropScratch(b)
		bufs = append(bufs, b)
	}
	if err := d.dispatchGroups(p1, outs*chunks, []*Buffer{src, nil, bufs[2], at(bufs, 3)}, setGroups(chunks, chunk)); err != nil {
		return err
	}
	// The final pass reads u_m = chunks partial states per output.
	return d.dispatchGroups(p2, outs, []*Buffer{nil, out, bufs[2], at(bufs, 3)}, func(p *Program) {
		lead.set(p)
		gl.Uniform1ui(p.uniform("u_m"), uint32(chunks))
		gl.Uniform1ui(p.uniform("u_outs"), uint32(outs))
		gl.Uniform1ui(p.uniform("u_chunks"), 1)
		gl.Uniform1ui(p.uniform("u_chunk"), uint32(chunks))
	})
}

// reduction checks r's dtypes against the request's rules and returns
// the kernel specialisation (without ranks).
func (d *Device) reduction(r *device.Reduce) (shaders.Reduction, error) {
	src, out := r.Src.DType(), r.Out.DType()
	spec := shaders.Reduction{Op: r.Kind.String(), Src: src, Out: out, Acc: out}
	bad := func() (shaders.Reduction, error) {
		return spec, fmt.Errorf("%s: %v of %v into %v is not a reduction the planner makes", d.name, r.Kind, src, out)
	}
	switch r.Kind {
	case device.Sum, device.Prod:
		switch {
		case out.IsFloat():
			spec.Acc = dtype.Float32
			if d.caps.FP64 && !floatAccumulators {
				spec.Acc = dtype.Float64
			}
		case out == dtype.Int32 || out == dtype.Int64:
			spec.Acc = dtype.Int32
			if d.caps.Int64 {
				spec.Acc = dtype.Int64
			}
		default:
			return bad()
		}
	case device.Max, device.Min:
		if out != src {
			return bad()
		}
	case device.ArgMax, device.ArgMin:
		if out != dtype.Int64 {
			return bad()
		}
	case device.Any, device.All:
		if out != dtype.Bool {
			return bad()
		}
	default:
		return spec, device.Unsupported(d, fmt.Sprintf("reduction %d", int(r.Kind)))
	}
	return spec, nil
}

// at returns bufs[i], or nil past its end.
func at(bufs []*Buffer, i int) *Buffer {
	if i < len(bufs) {
		return bufs[i]
	}
	return nil
}

// setInts sets an int array uniform.
func setInts(p *Program, name string, v []int) {
	if len(v) == 0 {
		return
	}
	s := make([]int32, len(v))
	for i, x := range v {
		s[i] = int32(x)
	}
	gl.Uniform1iv(p.uniform(name), int32(len(s)), &s[0])
}

// dispatchGroups runs program p, whose work groups loop over groups units
// of work themselves, with bufs bound at their index (nil: none) and set
// called to set its uniforms. GL thread only.
func (d *Device) dispatchGroups(p *Program, groups int, bufs []*Buffer, set func(*Program)) error {
	if groups == 0 {
		return nil
	}
	gl.UseProgram(p.id)
	for i, b := range bufs {
		if b != nil {
			gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(i), b.id)
		}
	}
	set(p)
	gl.DispatchCompute(uint32(min(groups, d.caps.MaxWorkGroupCount[0], 65535)), 1, 1)
	gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT | gl.BUFFER_UPDATE_BARRIER_BIT)
	return glError("dispatch")
}

// dropScratch returns a scratch buffer made by newBuffer to the pool. GL
// commands run in order, so a later use of the buffer waits for the work
// enqueued on it. GL thread only.
func (d *Device) dropScratch(b *Buffer) {
	if b.released.Swap(true) {
		return
	}
	b.cleanup.Stop()
	d.recycle(b.id, b.class)
}
