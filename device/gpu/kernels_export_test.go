//go:build cgo && !nogpu

package gpu

import (
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// KernelModes names the dispatch paths of the reduction, scan and index
// kernels that SetKernelMode pins, so that every path runs the same tests
// on small shapes.
var KernelModes = []string{"default", "threads", "groups", "chunks"}

// SetKernelMode sets the tunables that choose between the kernels:
//
//	default: as shipped
//	threads: every reduction one invocation per output, every scan one per
//	         line (up to the 65535 iterations an invocation may loop)
//	groups:  every reduction one work group per output; scans cut into chunks of 1;
//	         index arrays packed from the third (gather) or second (scatter) on
//	chunks:  every reduction cut into up to 7 chunks per output (two passes);
//	         scans in chunks of 3; index arrays always packed
//
// It returns a function restoring the previous values.
func SetKernelMode(mode string) (restore func()) {
	saved := [...]int{reduceThreadsMax, reduceThreadsOuts, reduceCoalescedOuts, reduceTargetGroups, reduceMinChunk,
		reduceMaxChunks, scanTargetInvocations, scanMinChunk, packIndexBelow}
	restore = func() {
		reduceThreadsMax, reduceThreadsOuts, reduceCoalescedOuts, reduceTargetGroups, reduceMinChunk,
			reduceMaxChunks, scanTargetInvocations, scanMinChunk, packIndexBelow = saved[0], saved[1], saved[2], saved[3],
			saved[4], saved[5], saved[6], saved[7], saved[8]
	}
	switch mode {
	case "threads":
		reduceThreadsMax = 1 << 40
		scanTargetInvocations = 0
	case "groups":
		reduceThreadsMax, reduceThreadsOuts, reduceCoalescedOuts, reduceTargetGroups = -1, 1<<40, 1<<40, 1
		scanTargetInvocations, scanMinChunk = 1<<40, 1
		packIndexBelow = 4
	case "chunks":
		reduceThreadsMax, reduceThreadsOuts, reduceCoalescedOuts, reduceTargetGroups = -1, 1<<40, 1<<40, 1<<20
		reduceMinChunk, reduceMaxChunks = 1, 7
		scanTargetInvocations, scanMinChunk = 1<<40, 3
		packIndexBelow = 2
	}
	return restore
}

// SetFloatAccumulators makes float reductions and scans accumulate in
// float, as on a device without fp64, until restore is called.
func SetFloatAccumulators() (restore func()) {
	saved := floatAccumulators
	floatAccumulators = true
	return func() { floatAccumulators = saved }
}

// PinGemmTile makes every product of dtype dt use tile t (general and
// aligned alike: a vector tile still runs the general kernel on operands
// it does not fit) and returns a function restoring the previous choice.
func (d *Device) PinGemmTile(dt dtype.DType, t shaders.GemmTile) (restore func()) {
	var saved gemmChoice
	var had bool
	d.call(func() {
		if d.gemmTiles == nil {
			d.gemmTiles = map[dtype.DType]gemmChoice{}
			d.loadGemmCalibration()
		}
		saved, had = d.gemmTiles[dt]
		g := t
		if t.Vec {
			g = shaders.GemmDefault
		}
		d.gemmTiles[dt] = gemmChoice{general: g, aligned: t}
	})
	return func() {
		d.call(func() {
			if had {
				d.gemmTiles[dt] = saved
			} else {
				delete(d.gemmTiles, dt)
			}
		})
	}
}

// VecGemms counts the products the vector kernel has run.
func (d *Device) VecGemms() int64 {
	var n int64
	d.call(func() { n = d.vecGemms })
	return n
}
