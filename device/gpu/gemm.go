//go:build cgo && !nogpu

package gpu

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/broadcast"
	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/shaders"
)

// gemmChoice is a device's pair of GEMM tiles for one dtype: general for
// any layout, aligned for operands that fit shaders.GemmVec (which may
// still be a general tile, where calibration found those faster).
type gemmChoice struct{ general, aligned shaders.GemmTile }

// gemmTile returns the tile for r: the calibrated one when this device has
// been calibrated (in this process or, through the cache directory,
// before), else shaders.GemmDefault or shaders.GemmVecDefault. GL thread
// only.
func (d *Device) gemmTile(r *device.MatMul) shaders.GemmTile {
	if d.gemmTiles == nil {
		d.gemmTiles = map[dtype.DType]gemmChoice{}
		d.loadGemmCalibration()
	}
	dt := r.Out.DType()
	c, ok := d.gemmTiles[dt]
	if !ok {
		c = gemmChoice{shaders.GemmDefault, shaders.GemmVecDefault}
	}
	if c.aligned.Vec && (!vecAligned(r) || c.aligned.SharedBytes(dt.Size()) > d.caps.MaxSharedMemory) {
		return c.general
	}
	return c.aligned
}

// vecAligned reports whether r fits shaders.GemmVec: float operands whose
// last axis is unit-strided and whose every other stride, offset, k and n
// are multiples of 4, so that rows split into whole aligned vectors.
func vecAligned(r *device.MatMul) bool {
	if dt := r.Out.DType(); dt != dtype.Float32 && dt != dtype.Float64 {
		return false
	}
	nd := len(r.Out.Shape)
	if r.A.Shape[nd-1]%4 != 0 || r.Out.Shape[nd-1]%4 != 0 {
		return false
	}
	for _, o := range operands(r) {
		if o.Strides[nd-1] != 1 || o.Offset%4 != 0 {
			return false
		}
		for _, s := range o.Strides[:nd-1] {
			if s%4 != 0 {
				return false
			}
		}
	}
	return true
}

// operands lists r's operands in binding order: A, B, Out.
func operands(r *device.MatMul) []device.Operand {
	return []device.Operand{r.A, r.B, r.Out}
}

// matmul runs a MatMul, its epilogue (a plan over Out's shape) rendered
// in the GEMM kernel's store. GL thread only.
func (d *Device) matmul(r *device.MatMul) error {
	nd := len(r.Out.Shape)
	m, n, k := r.Out.Shape[nd-2], r.Out.Shape[nd-1], r.A.Shape[nd-1]
	var batchStrides [][]int
	for _, o := range operands(r) {
		batchStrides = append(batchStrides, o.Strides[:nd-2])
	}
	if r.Epilogue != nil {
		for _, in := range r.Epilogue.Inputs {
			batchStrides = append(batchStrides, in.Strides[:nd-2])
		}
	}
	bshape, bst := broadcast.Collapse(r.Out.Shape[:nd-2], batchStrides...)
	return d.gemm(r, d.gemmTile(r), m, n, k, bshape, bst)
}

// gemm dispatches one batched product with tile t (a vector tile only
// where vecAligned(r)): in passes over slices of k of at most t.KChunk(),
// each starting from the sums of the one before (see shaders.GemmFinal),
// so that no invocation runs more loop iterations than a driver allows.
// GL thread only.
func (d *Device) gemm(r *device.MatMul, t shaders.GemmTile, m, n, k int, bshape []int, bst [][]int) error {
	epi := r.Epilogue
	epiKey := ""
	if epi != nil {
		epiKey = epi.Key()
	}
	dt, rank := r.Out.DType(), len(bshape)
	gen, unit := func() string { return shaders.Gemm(dt, rank, t, epi) }, 1
	if t.Vec {
		gen, unit = func() string { return shaders.GemmVec(dt, rank, t, epi) }, 4 // strides count vectors
		d.vecGemms++
	}
	p, err := d.program("gemm\x00"+t.String()+specKey("", int(dt), rank)+"\x00"+epiKey, gen)
	if err != nil {
		return err
	}
	nd := len(r.Out.Shape)
	gl.UseProgram(p.id)
	ops := operands(r)
	for i, o := range ops {
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(i), buf(o).id)
	}
	for i, b := range r.EpilogueBufs {
		gl.BindBufferBase(gl.SHADER_STORAGE_BUFFER, uint32(3+i), b.(*Buffer).id)
	}
	set := func(u shaders.Uniform, v int) { gl.Uniform1i(p.uniform(u), int32(v)) }
	set(shaders.UM, m)
	set(shaders.UN, n)
	set(shaders.UAS0, r.A.Strides[nd-2]/unit)
	set(shaders.UBS0, r.B.Strides[nd-2]/unit)
	set(shaders.UCS0, r.Out.Strides[nd-2]/unit)
	if !t.Vec {
		set(shaders.UAS1, r.A.Strides[nd-1])
		set(shaders.UBS1, r.B.Strides[nd-1])
		set(shaders.UCS1, r.Out.Strides[nd-1])
	}
	var offs []int32
	for _, o := range ops {
		offs = append(offs, int32(o.Offset/unit))
	}
	// A pass over k from k0 starts A k0 columns and B k0 rows further on.
	aStep, bStep := r.A.Strides[nd-1]/unit, r.B.Strides[nd-2]/unit
	if epi != nil {
		// The epilogue's inputs count elements, in either kernel.
		es0, es1 := make([]int, len(epi.Inputs)), make([]int, len(epi.Inputs))
		for q, in := range epi.Inputs {
			offs = append(offs, int32(in.Offset))
			es0[q], es1[q] = in.Strides[nd-2], in.Strides[nd-1]
		}
		setInts(p, shaders.UES0, es0)
		setInts(p, shaders.UES1, es1)
		setConsts(p, shaders.ConstBits(epi))
	}
	if len(bshape) > 0 {
		sh := make([]int32, len(bshape))
		for i, v := range bshape {
			sh[i] = int32(v)
		}
		gl.Uniform1iv(p.uniform(shaders.UShape), int32(len(sh)), &sh[0])
		var st []int32
		for q, s := range bst {
			u := unit
			if q >= len(ops) {
				u = 1 // an epilogue input's
			}
			for _, v := range s {
				st = append(st, int32(v/u))
			}
		}
		gl.Uniform1iv(p.uniform(shaders.UStrides), int32(len(st)), &st[0])
	}
	count := broadcast.Size(bshape)
	gx := (n + 16*t.TN - 1) / (16 * t.TN)
	gy := (m + 16*t.TM - 1) / (16 * t.TM)
	kc := t.KChunk()
	for k0 := 0; ; k0 += kc {
		kn := min(kc, k-k0)
		pass := 0
		if k0 > 0 {
			pass |= shaders.GemmAccumulate
		}
		if k0+kn >= k {
			pass |= shaders.GemmFinal
		}
		offs[0], offs[1] = int32(r.A.Offset/unit+k0*aStep), int32(r.B.Offset/unit+k0*bStep)
		gl.Uniform1iv(p.uniform(shaders.UOff), int32(len(offs)), &offs[0])
		set(shaders.UK, kn)
		set(shaders.UPass, pass)
		for z := 0; z < count; z += 65535 {
			gl.Uniform1ui(p.uniform(shaders.UZBase), uint32(z))
			d.launch(uint32(gx), uint32(gy), uint32(min(65535, count-z)))
		}
		gl.MemoryBarrier(gl.SHADER_STORAGE_BARRIER_BIT | gl.BUFFER_UPDATE_BARRIER_BIT)
		if pass&shaders.GemmFinal != 0 {
			return glError("gemm")
		}
	}
}

// GemmResult is one timed tile of a calibration.
type GemmResult struct {
	Tile    string  `json:"tile"`
	Seconds float64 `json:"seconds"` // GL timer query, median of 3
	GFLOPS  float64 `json:"gflops"`
}

// gemmCalibration is what CalibrateGemm records, per dtype: every
// measurement, the fastest tile overall (used for aligned operands) and
// the fastest general one.
type gemmCalibration struct {
	Renderer, Version string
	N                 int
	Results           map[string][]GemmResult
	Best, General     map[string]string
}

// CalibrateGemm times every candidate tile (shaders.GemmTiles; vector
// tiles only when n is a multiple of 4, and none whose shared memory
// exceeds the device's) on an n×n product of each float dtype with GL
// timer queries, keeps the fastest for this device, and records the
// measurements in the program cache directory so later processes start
// calibrated. It returns the measurements.
func (d *Device) CalibrateGemm(n int) (map[dtype.DType][]GemmResult, error) {
	out := map[dtype.DType][]GemmResult{}
	cal := gemmCalibration{Renderer: d.caps.Renderer, Version: d.caps.Version, N: n,
		Results: map[string][]GemmResult{}, Best: map[string]string{}, General: map[string]string{}}
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
		if !d.Supports(dt) {
			continue
		}
		a, err1 := d.Alloc(dt, n*n)
		c, err2 := d.Alloc(dt, n*n)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("calibration buffers: %v %v", err1, err2)
		}
		op := device.Operand{Buf: a, Shape: []int{n, n}, Strides: []int{n, 1}}
		r := &device.MatMul{A: op, B: op, Out: device.Operand{Buf: c, Shape: []int{n, n}, Strides: []int{n, 1}}}
		var err error
		d.call(func() {
			if d.gemmTiles == nil {
				d.gemmTiles = map[dtype.DType]gemmChoice{}
			}
			best, bestGeneral := -1.0, -1.0
			for _, t := range shaders.GemmTiles {
				if t.SharedBytes(dt.Size()) > d.caps.MaxSharedMemory || t.Vec && !vecAligned(r) {
					continue
				}
				var secs []float64
				for range 4 { // the first run warms up (and compiles)
					s, e := d.timeGL(func() error { return d.gemm(r, t, n, n, n, nil, nil) })
					if e != nil {
						err = fmt.Errorf("tile %v: %w", t, e)
						return
					}
					secs = append(secs, s)
				}
				med := median(secs[1:])
				out[dt] = append(out[dt], GemmResult{Tile: t.String(), Seconds: med, GFLOPS: 2 * float64(n) * float64(n) * float64(n) / med / 1e9})
				ch := d.gemmTiles[dt]
				if !t.Vec && (bestGeneral < 0 || med < bestGeneral) {
					bestGeneral, ch.general = med, t
					cal.General[dt.String()] = t.String()
				}
				if best < 0 || med < best {
					best, ch.aligned = med, t
					cal.Best[dt.String()] = t.String()
				}
				d.gemmTiles[dt] = ch
			}
		})
		a.(*Buffer).Release()
		c.(*Buffer).Release()
		if err != nil {
			return nil, err
		}
		cal.Results[dt.String()] = out[dt]
	}
	if dir := d.programs.dir; dir != "" {
		if raw, err := json.MarshalIndent(cal, "", " "); err == nil {
			os.WriteFile(filepath.Join(dir, d.gemmCalibrationFile()), raw, 0o644)
		}
	}
	return out, nil
}

func (d *Device) gemmCalibrationFile() string {
	return "gemm-" + d.programs.keyOf("calibration") + ".json"
}

// loadGemmCalibration reads a calibration recorded for this renderer and
// driver. GL thread only.
func (d *Device) loadGemmCalibration() {
	if d.programs.dir == "" {
		return
	}
	raw, err := os.ReadFile(filepath.Join(d.programs.dir, d.gemmCalibrationFile()))
	if err != nil {
		return
	}
	var cal gemmCalibration
	if json.Unmarshal(raw, &cal) != nil || cal.Renderer != d.caps.Renderer || cal.Version != d.caps.Version {
		return
	}
	byName := map[string]shaders.GemmTile{}
	for _, t := range shaders.GemmTiles {
		byName[t.String()] = t
	}
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64} {
		g, ok1 := byName[cal.General[dt.String()]]
		b, ok2 := byName[cal.Best[dt.String()]]
		if ok1 && ok2 {
			d.gemmTiles[dt] = gemmChoice{general: g, aligned: b}
		}
	}
}

// timeGL runs f (which dispatches) between two GL timestamp queries and
// returns the GPU time between them (timestamps rather than TIME_ELAPSED,
// which Mesa's llvmpipe does not measure). GL thread only.
func (d *Device) timeGL(f func() error) (float64, error) {
	var q [2]uint32
	gl.GenQueries(2, &q[0])
	defer gl.DeleteQueries(2, &q[0])
	gl.QueryCounter(q[0], gl.TIMESTAMP)
	err := f()
	gl.QueryCounter(q[1], gl.TIMESTAMP)
	var t0, t1 uint64
	gl.GetQueryObjectui64v(q[0], gl.QUERY_RESULT, &t0)
	gl.GetQueryObjectui64v(q[1], gl.QUERY_RESULT, &t1)
	if err != nil {
		return 0, err
	}
	return time.Duration(t1 - t0).Seconds(), glError("timer query")
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}
