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

// reduce runs a reducing plan: its graph computes every value reduced,
// so an elementwise expression feeding a reduction (sum(x*x)) reads its
// inputs once and writes nothing but the results. The planner collapsed
// the kept and the reduced axes separately, so most reductions run at
// ranks 0 or 1. One dispatch point:
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
func (d *Device) reduce(r *device.Kernel) error {
	k := r.Plan
	spec, err := d.reduction(k)
	if err != nil {
		return err
	}
	kept, red := k.Kept(), k.Reduced()
	nin := len(k.Inputs)
	outs, m := broadcast.Size(kept), broadcast.Size(red)
	if outs == 0 {
		return nil
	}
	lead := layout{shape: kept, strides: make([][]int, nin+1), offs: make([]int, nin+1)}
	rstrides := make([]int, 0, nin*len(red))
	for i, in := range k.Inputs {
		lead.strides[i], lead.offs[i] = in.Strides[:len(kept)], in.Offset
		rstrides = append(rstrides, in.Strides[len(kept):]...)
	}
	lead.strides[nin], lead.offs[nin] = k.Out.Strides, k.Out.Offset
	consts := shaders.ConstBits(k)
	setRed := func(p *Program) {
		lead.set(p)
		if len(red) > 0 {
			setInts(p, shaders.URShape, red)
			setInts(p, shaders.URStrides, rstrides)
		}
		gl.Uniform1ui(p.uniform(shaders.UM), uint32(m))
	}
	setGraph := func(p *Program) {
		setRed(p)
		setConsts(p, consts)
	}
	bufs := planBuffers(r)[:k.NumBufs()] // the partial states follow
	key := k.Key()
	program := func(kind string, gen func() string) (*Program, error) {
		return d.program("reduce\x00"+kind+"\x00"+string(rune(spec.Acc))+key, gen)
	}

	// Neighbouring outputs whose elements lie apart, each input's kept
	// axis contiguous (or broadcast): neighbouring invocations read
	// neighbouring elements (Sum(axis=0) of a C-ordered matrix).
	coalesced := len(kept) > 0 && k.Out.Strides[len(kept)-1] == 1
	for _, in := range k.Inputs {
		if len(kept) > 0 && in.Strides[len(kept)-1] != 0 && in.Strides[len(kept)-1] != 1 {
			coalesced = false
		}
		if len(red) > 0 && in.Strides[len(in.Strides)-1] == 1 {
			coalesced = false
		}
	}
	if m == 0 || m <= maxLoop && (m <= reduceThreadsMax || outs >= reduceThreadsOuts || coalesced && outs >= reduceCoalescedOuts) {
		p, err := program("threads", func() string { return shaders.ReduceThreads(spec) })
		if err != nil {
			return err
		}
		return d.dispatch(p, outs, bufs, setGraph)
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
			setGraph(p)
			gl.Uniform1ui(p.uniform(shaders.UOuts), uint32(outs))
			gl.Uniform1ui(p.uniform(shaders.UChunks), uint32(nchunks))
			gl.Uniform1ui(p.uniform(shaders.UChunk), uint32(chunk))
		}
	}
	if chunks == 1 {
		p, err := program("direct", func() string { return shaders.ReduceGroups(spec, shaders.ReduceDirect) })
		if err != nil {
			return err
		}
		return d.dispatchGroups(p, outs, bufs, setGroups(1, m))
	}

	p1, err := program("partial", func() string { return shaders.ReduceGroups(spec, shaders.ReducePartial) })
	if err != nil {
		return err
	}
	p2, err := program("final", func() string { return shaders.ReduceGroups(spec, shaders.ReduceFinal) })
	if err != nil {
		return err
	}
	for _, dt := range shaders.ReducePartials(spec) {
		b, err := d.newBuffer(dt, outs*chunks)
		if err != nil {
			return err
		}
		defer d.dropScratch(b)
		bufs = append(bufs, b)
	}
	if err := d.dispatchGroups(p1, outs*chunks, bufs, setGroups(chunks, chunk)); err != nil {
		return err
	}
	// The final pass reads u_m = chunks partial states per output.
	return d.dispatchGroups(p2, outs, bufs, func(p *Program) {
		lead.set(p)
		gl.Uniform1ui(p.uniform(shaders.UM), uint32(chunks))
		gl.Uniform1ui(p.uniform(shaders.UOuts), uint32(outs))
		gl.Uniform1ui(p.uniform(shaders.UChunks), 1)
		gl.Uniform1ui(p.uniform(shaders.UChunk), uint32(chunks))
	})
}

// reduction checks a reducing plan's dtypes against the request's rules
// and returns the kernel specialisation.
func (d *Device) reduction(k *plan.Kernel) (shaders.Reduction, error) {
	src, out := k.RootDType(), k.Out.DType
	spec := shaders.Reduction{Plan: k, Acc: out}
	bad := func() (shaders.Reduction, error) {
		return spec, fmt.Errorf("%s: %v of %v into %v is not a reduction the planner makes", d.name, k.Reduce, src, out)
	}
	switch k.Reduce {
	case plan.Sum, plan.Prod:
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
	case plan.Max, plan.Min:
		if out != src {
			return bad()
		}
	case plan.ArgMax, plan.ArgMin:
		if out != dtype.Int64 {
			return bad()
		}
	case plan.Any, plan.All:
		if out != dtype.Bool {
			return bad()
		}
	default:
		return spec, device.Unsupported(d, fmt.Sprintf("reduction %d", int(k.Reduce)))
	}
	return spec, nil
}

// setInts sets an int array uniform.
func setInts(p *Program, u shaders.Uniform, v []int) {
	if len(v) == 0 {
		return
	}
	s := make([]int32, len(v))
	for i, x := range v {
		s[i] = int32(x)
	}
	gl.Uniform1iv(p.uniform(u), int32(len(s)), &s[0])
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
	d.launch(uint32(min(groups, d.caps.MaxWorkGroupCount[0], 65535)), 1, 1)
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
