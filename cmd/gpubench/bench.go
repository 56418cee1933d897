package main

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/dtype"
	"github.com/numgl/numgl/tensor"
)

// Result statuses.
const (
	statusOK          = "ok"
	statusFail        = "FAIL"        // disagrees with cpu-loop beyond the tolerance
	statusError       = "error"       // the run failed
	statusUnsupported = "unsupported" // the device does not implement it (yet)
	statusUnavailable = "unavailable" // the build lacks the package it needs
	statusSkipped     = "skipped"     // one run would take longer than -max-run
)

// result is one row: one workload, dtype and size on one device.
type result struct {
	Workload, DType string
	Size            int
	Device          string
	Status          string
	Runs, Repeat    int     // timed runs made, and asked for
	Seconds         float64 // median wall time of a run (of a call, for a workload of many calls a run)
	KernelSeconds   float64 // median GPU time (GL timestamp queries), as Seconds; HasKernel
	HasKernel       bool
	Dispatches      float64 // kernel launches of one timed run (a call), on a device.DispatchCounter; HasDispatches
	HasDispatches   bool
	GFLOPS, GBPS    float64 // 0: not the workload's measure
	MaxAbsErr       float64 // against cpu-loop; HasErr
	HasErr          bool
	Speedup         float64 // cpu-loop's time over this one; 0: unknown
	NumPySeconds    float64 // with -numpy; 0: none
	SpeedupNumPy    float64 // NumPy's time over this one
	NumexprSeconds  float64 // with -numpy, for the expressions numexpr evaluates (when installed); 0: none
	SpeedupNumexpr  float64 // numexpr's time over this one
	Note            string
	TimedSize       int // the size timed (cpu-loop may time a smaller one)
}

func (r *result) addNote(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if r.Note == "" {
		r.Note = s
	} else {
		r.Note += "; " + s
	}
}

// failed reports whether the row makes the exit status non-zero.
func (r *result) failed() bool { return r.Status == statusFail || r.Status == statusError }

// job is one workload at one dtype and size.
type job struct {
	w    *workload
	dt   dtype.DType
	size int
}

// jobs expands the configuration into the suite's jobs, in numpy_ref.py's
// order: input family, then dtype, then size, then workload.
func (c *config) jobs() []job {
	var js []job
	for _, w := range c.workloads {
		dts := w.dtypes
		if c.dtypes != nil {
			dts = c.dtypes
		}
		sizes := w.sizes
		switch {
		case c.sizes != nil:
			sizes = c.sizes
		case c.quick:
			sizes = w.quick
		}
		for _, dt := range dts {
			for _, s := range sizes {
				js = append(js, job{w, dt, w.canonicalSize(s)})
			}
		}
	}
	slices.SortStableFunc(js, func(a, b job) int {
		return cmp.Or(cmp.Compare(a.w.fam, b.w.fam), cmp.Compare(a.dt, b.dt),
			cmp.Compare(a.size, b.size), cmp.Compare(a.w.index, b.w.index))
	})
	return slices.CompactFunc(js, func(a, b job) bool { return a == b })
}

// runner runs jobs on devices and hands each row to emit as it is made.
type runner struct {
	cfg  *config
	devs []device.Device // in table order; cpu-loop first when present
	loop device.Device   // the reference, timed or not
	prog *progress
	emit func(*result)

	numpy map[numpyKey]numpyFigure // NumPy's figures, with -numpy

	// The inputs of the current job (at its size, and at cpu-loop's
	// when that is smaller), per device.
	cache map[inputKey]map[device.Device]*inputs

	// The pace each device kept on each workload and dtype at the last
	// size it ran, to foresee the next, larger one.
	paces map[paceKey]pace

	// cpu-loop's runs at sizes smaller than their job's, for the next job
	// that shrinks to the same size.
	loopRuns map[loopKey]loopRun
	loopCaps map[loopKey]int // by workload and dtype (size 0): the size cpu-loop was cut to
}

type loopKey struct {
	w    *workload
	dt   dtype.DType
	size int
}

type loopRun struct {
	res  result
	data any
}

type paceKey struct {
	w   *workload
	dt  dtype.DType
	dev device.Device
}

// pace is a measured speed: seconds per unit of work (flop or byte).
type pace struct {
	secPerWork float64
	size       int
}

// predict returns how long one run of j at size is likely to take on dev,
// from the pace dev kept at a smaller size, and that size; 0 when dev has
// not run a smaller size yet.
func (r *runner) predict(j job, dev device.Device, size int) (time.Duration, int) {
	p, ok := r.paces[paceKey{j.w, j.dt, dev}]
	if !ok || p.size >= size {
		return 0, 0
	}
	return time.Duration(p.secPerWork * j.w.work(size, j.dt.Size()) * 1e9), p.size
}

// fitSize returns the largest size up to size whose run on dev is foreseen
// to fit in -max-run (at least the size its pace was measured at).
func (r *runner) fitSize(j job, dev device.Device, size int) int {
	if d, _ := r.predict(j, dev, size); d <= r.cfg.maxRun {
		return size
	}
	p := r.paces[paceKey{j.w, j.dt, dev}]
	lo, hi := p.size, size // lo fits, hi does not
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if d, _ := r.predict(j, dev, mid); d <= r.cfg.maxRun && d > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo >= 64 {
		lo = max(p.size, lo/32*32) // a round size
	}
	return j.w.canonicalSize(lo)
}

// recordPace remembers the pace of a row that ran.
func (r *runner) recordPace(j job, dev device.Device, res *result) {
	if res.Status != statusOK || res.Seconds <= 0 {
		return
	}
	w := j.w.work(res.TimedSize, j.dt.Size()) // a run's work; Seconds is a call's
	if w <= 0 {
		return
	}
	if r.paces == nil {
		r.paces = map[paceKey]pace{}
	}
	perRun := res.Seconds * float64(j.w.callsPerRun())
	r.paces[paceKey{j.w, j.dt, dev}] = pace{secPerWork: perRun / w, size: res.TimedSize}
}

type inputKey struct {
	fam  family
	dt   dtype.DType
	size int
}

// inputsOn returns the inputs of (fam, dt, size) on dev: drawn on cpu-loop
// and copied to other devices, each array when first used.
func (r *runner) inputsOn(dev device.Device, fam family, dt dtype.DType, size int) *inputs {
	k := inputKey{fam, dt, size}
	if r.cache == nil {
		r.cache = map[inputKey]map[device.Device]*inputs{}
	}
	byDev := r.cache[k]
	if byDev == nil {
		byDev = map[device.Device]*inputs{r.loop: newInputs(r.loop, fam, dt, size, nil)}
		r.cache[k] = byDev
	}
	in, ok := byDev[dev]
	if !ok {
		in = newInputs(dev, fam, dt, size, byDev[r.loop])
		byDev[dev] = in
	}
	return in
}

// keepInputs drops every input set but those of keep and has the GC
// reclaim them now: a GPU frees a buffer once its array is unreachable
// (at its next Sync).
func (r *runner) keepInputs(keep ...inputKey) {
	dropped := false
	for k := range r.cache {
		if !slices.Contains(keep, k) {
			delete(r.cache, k)
			dropped = true
		}
	}
	if dropped {
		runtime.GC()
		for _, d := range r.devs {
			_ = d.Sync()
		}
	}
}

// reference is cpu-loop's result of a job at one size.
type reference struct {
	data any // the result's elements, as Data returns them
	size int
	err  error
}

// runJob runs one job on every device and emits its rows.
func (r *runner) runJob(j job) []*result {
	base := result{Workload: j.w.name, DType: j.dt.String(), Size: j.size, Repeat: r.cfg.repeat, TimedSize: j.size}
	if why := j.w.unavailable; why != nil && why() != "" {
		res := base
		res.Status, res.Note, res.Repeat = statusUnavailable, why(), 0
		r.prog.step(len(r.devs), j, nil)
		return r.finish(j, []*result{&res})
	}
	// cpu-loop runs a smaller size where the full one would take too long:
	// the workload's own bound, or the size its pace at a smaller size
	// fits into -max-run.
	loopSize, loopWhy := j.size, ""
	if j.w.loopSize != nil {
		if s := j.w.canonicalSize(j.w.loopSize(j.size)); s < j.size {
			loopSize, loopWhy = s, "the full size would take minutes"
		}
	}
	ck := loopKey{j.w, j.dt, 0}
	if c, ok := r.loopCaps[ck]; ok && c < loopSize {
		// A smaller job of this workload was cut to c already: its run
		// serves every larger one.
		d, _ := r.predict(j, r.loop, j.size)
		loopSize, loopWhy = c, fmt.Sprintf("size %d would take ~%s a run", j.size, duration(d.Seconds()))
	} else if s := r.fitSize(j, r.loop, loopSize); s < loopSize {
		d, _ := r.predict(j, r.loop, j.size)
		loopSize, loopWhy = s, fmt.Sprintf("size %d would take ~%s a run", j.size, duration(d.Seconds()))
	}
	if loopSize < j.size {
		if r.loopCaps == nil {
			r.loopCaps = map[loopKey]int{}
		}
		r.loopCaps[ck] = loopSize
	}
	r.keepInputs(inputKey{j.w.fam, j.dt, j.size}, inputKey{j.w.fam, j.dt, loopSize})

	var rows []*result
	var ref, smallRef *reference
	refAt := func(size int) *reference {
		// cpu-loop's result, computed untimed when cpu-loop is not one
		// of the devices asked for.
		if size == j.size && ref != nil {
			return ref
		}
		if size != j.size && smallRef != nil {
			return smallRef
		}
		rr := &reference{size: size}
		func() {
			defer catch(&rr.err)
			rr.data = j.w.build(r.inputsOn(r.loop, j.w.fam, j.dt, size))().Data()
		}()
		if size == j.size {
			ref = rr
		} else {
			smallRef = rr
		}
		return rr
	}

	for _, dev := range r.devs {
		r.prog.step(1, j, dev)
		res := base
		res.Device = dev.Name()
		if dev == r.loop {
			var data any
			lk := loopKey{j.w, j.dt, loopSize}
			if prev, ok := r.loopRuns[lk]; ok && loopSize != j.size {
				// The smaller size was timed already, for a smaller job.
				data = prev.data
				res.Status, res.Runs, res.Seconds, res.GFLOPS, res.GBPS, res.Note =
					prev.res.Status, prev.res.Runs, prev.res.Seconds, prev.res.GFLOPS, prev.res.GBPS, prev.res.Note
				res.Dispatches, res.HasDispatches = prev.res.Dispatches, prev.res.HasDispatches
			} else {
				data = r.measure(&res, j, dev, r.inputsOn(dev, j.w.fam, j.dt, loopSize))
				if loopSize != j.size {
					if r.loopRuns == nil {
						r.loopRuns = map[loopKey]loopRun{}
					}
					r.loopRuns[lk] = loopRun{res, data}
				}
			}
			rr := &reference{data: data, size: loopSize}
			if res.Status != statusOK {
				rr.err = errors.New("cpu-loop: " + res.Note)
			}
			if loopSize != j.size {
				res.TimedSize = loopSize
				res.addNote("timed at size %d: %s", loopSize, loopWhy)
				smallRef = rr
			} else {
				ref = rr
			}
			res.Speedup = 1
			res.HasErr, res.MaxAbsErr = res.Status == statusOK, 0
			r.recordPace(j, dev, &res)
			rows = append(rows, &res)
			continue
		}
		if d, at := r.predict(j, dev, j.size); d > r.cfg.maxRun {
			res.Status = statusSkipped
			res.addNote("a run would take ~%s (its pace at size %d; -max-run %v)", duration(d.Seconds()), at, r.cfg.maxRun)
			rows = append(rows, &res)
			continue
		}
		if s, ok := dev.(interface{ Supports(dtype.DType) bool }); ok && !s.Supports(j.dt) {
			res.Status = statusUnsupported
			res.addNote("%s cannot hold %s", dev.Name(), j.dt)
			rows = append(rows, &res)
			continue
		}
		data := r.measure(&res, j, dev, r.inputsOn(dev, j.w.fam, j.dt, j.size))
		r.recordPace(j, dev, &res)
		if res.Status != statusOK {
			rows = append(rows, &res)
			continue
		}
		// Check against cpu-loop, at the full size or, where cpu-loop
		// would take minutes there, at cpu-loop's size.
		checkSize := loopSize
		if checkSize != j.size {
			res.addNote("checked at size %d", checkSize)
			func() {
				var err error
				defer func() {
					if err != nil {
						res.Status = statusError
						res.addNote("check run: %v", err)
					}
				}()
				defer catch(&err)
				data = j.w.build(r.inputsOn(dev, j.w.fam, j.dt, checkSize))().Data()
			}()
			if res.Status != statusOK {
				rows = append(rows, &res)
				continue
			}
		}
		rr := refAt(checkSize)
		if rr.err != nil {
			res.addNote("not checked: %v", rr.err)
		} else {
			c := compare(data, rr.data, j, checkSize)
			res.MaxAbsErr, res.HasErr = c.maxErr, c.sameShape
			if !c.sameShape || !c.within {
				res.Status = statusFail
			}
			if c.problem != "" {
				res.addNote("%s", c.problem)
			}
		}
		rows = append(rows, &res)
	}

	// Speed-ups over cpu-loop, when it was timed.
	var loopRow *result
	for _, res := range rows {
		if res.Device == r.loop.Name() && res.Status == statusOK {
			loopRow = res
		}
	}
	if loopRow != nil {
		for _, res := range rows {
			if res == loopRow || res.Status != statusOK && res.Status != statusFail || res.Seconds == 0 {
				continue
			}
			if loopRow.TimedSize == res.TimedSize {
				res.Speedup = loopRow.Seconds / res.Seconds
			} else if lt, t := loopRow.throughput(), res.throughput(); lt > 0 {
				res.Speedup = t / lt
			}
		}
	}
	return r.finish(j, rows)
}

// finish adds NumPy's figures (and numexpr's, where the script gave
// them: a second baseline, with a row of its own) and emits the rows.
func (r *runner) finish(j job, rows []*result) []*result {
	if r.numpy != nil {
		if np, ok := r.numpy[numpyKey{j.w.name, j.dt.String(), j.size}]; ok && np.Seconds > 0 {
			ne := 0.0
			if np.NumexprSeconds != nil && *np.NumexprSeconds > 0 {
				ne = *np.NumexprSeconds
			}
			for _, res := range rows {
				if res.Seconds > 0 && res.TimedSize == res.Size {
					res.NumPySeconds = np.Seconds
					res.SpeedupNumPy = np.Seconds / res.Seconds
					if ne > 0 {
						res.NumexprSeconds, res.SpeedupNumexpr = ne, ne/res.Seconds
					}
				}
			}
			lr := findRow(rows, r.loop.Name())
			baseline := func(name string, secs float64) *result {
				b := &result{Workload: j.w.name, DType: j.dt.String(), Size: j.size, Device: name,
					Status: statusOK, Seconds: secs, TimedSize: j.size,
					NumPySeconds: np.Seconds, SpeedupNumPy: np.Seconds / secs}
				if ne > 0 {
					b.NumexprSeconds, b.SpeedupNumexpr = ne, ne/secs
				}
				// Both scripts count the same work: scale NumPy's rate.
				if np.GFLOPS != nil {
					b.GFLOPS = *np.GFLOPS * np.Seconds / secs
				}
				if np.GBPS != nil {
					b.GBPS = *np.GBPS * np.Seconds / secs
				}
				if lr != nil && lr.Status == statusOK {
					if lr.TimedSize == j.size {
						b.Speedup = lr.Seconds / secs
					} else if lt := lr.throughput(); lt > 0 {
						b.Speedup = b.throughput() / lt
					}
				}
				return b
			}
			rows = append(rows, baseline("numpy", np.Seconds))
			if ne > 0 {
				rows = append(rows, baseline("numexpr", ne))
			}
		}
	}
	for _, res := range rows {
		r.emit(res)
	}
	return rows
}

func findRow(rows []*result, dev string) *result {
	for _, res := range rows {
		if res.Device == dev {
			return res
		}
	}
	return nil
}

// throughput is the row's GFLOP/s or GB/s.
func (r *result) throughput() float64 {
	if r.GFLOPS > 0 {
		return r.GFLOPS
	}
	return r.GBPS
}

// measure times j on dev with inputs in, fills res and returns the
// elements of the last run's output.
func (r *runner) measure(res *result, j job, dev device.Device, in *inputs) (data any) {
	res.Status = statusOK
	var err error
	defer func() {
		if err == nil {
			return
		}
		data = nil
		res.Runs, res.Seconds, res.HasKernel = 0, 0, false
		if errors.Is(err, device.ErrUnsupported) {
			res.Status = statusUnsupported
		} else {
			res.Status = statusError
		}
		res.addNote("%s", firstLine(err.Error()))
	}()
	defer catch(&err)

	// run is one timed run: the op's calls, each result computed at once
	// (Eval; a GPU only enqueues it): an expression's result is lazy and
	// would otherwise be computed after the clock stops, when its data is
	// read. The device's Sync after run waits for all of it.
	op := j.w.build(in)
	calls := j.w.callsPerRun()
	run := func() (out *tensor.Array) {
		for range calls {
			out = op().Eval()
		}
		return out
	}
	counter, counts := dev.(device.DispatchCounter)
	dispatches := int64(-1) // in the last timed run; -1: none counted
	warm := r.cfg.warmup
	if isGPU(dev) {
		warm = max(warm, 1) // compile (or load) every program before timing
	}
	var out *tensor.Array
	fastest := time.Duration(math.MaxInt64) // over warm-up and timed runs
	var walls, kernels []float64
	for i := range warm {
		t0 := time.Now()
		out = run()
		mustOK(dev.Sync())
		d := time.Since(t0)
		fastest = min(fastest, d)
		if i == warm-1 && d >= 2*r.cfg.budget && !isGPU(dev) {
			// A CPU device compiles nothing: a last warm-up run that took
			// twice the budget is as good a timed run as the next (its
			// first touches of fresh memory are small beside it).
			walls = append(walls, d.Seconds())
			res.addNote("its warm-up run timed")
		}
	}
	if isGPU(dev) && r.cfg.spinUp > 0 {
		// A GPU idles at a low clock and its governor raises it only
		// under sustained work (an H200 stayed at 345 of 1980 MHz through
		// short rows): keep it busy back to back for -gpu-spinup, then
		// time at once.
		for t0 := time.Now(); time.Since(t0) < r.cfg.spinUp; {
			run()
			mustOK(dev.Sync())
		}
	} else {
		runtime.GC() // collect the warm-up's garbage now rather than while timing
	}
	programs := programCount(dev)
	var spent time.Duration
	for timedWarm := len(walls) > 0; !timedWarm && len(walls) < r.cfg.repeat; {
		var d0 int64
		if counts {
			d0 = counter.Dispatches()
		}
		t0 := time.Now()
		stop := startTimer(dev)
		out = run()
		var k time.Duration
		var kerr error
		if stop != nil {
			k, kerr = stop()
		}
		mustOK(dev.Sync())
		wall := time.Since(t0)
		if counts {
			dispatches = counter.Dispatches() - d0
		}
		walls = append(walls, wall.Seconds())
		if stop != nil && kerr == nil {
			kernels = append(kernels, k.Seconds())
		}
		spent += wall
		fastest = min(fastest, wall)
		// Past the budget, stop; but a row whose runs are short keeps
		// three, so that one run slowed by the machine is not the median.
		if spent >= r.cfg.budget && (len(walls) >= 3 || fastest > r.cfg.budget/3) {
			break
		}
	}
	if programCount(dev) != programs {
		res.addNote("programs were compiled or loaded while timing")
	}
	res.Runs = len(walls)
	perCall := 1 / float64(calls) // figures are a call's
	res.Seconds = median(walls) * perCall
	if len(kernels) == len(walls) && len(kernels) > 0 && dispatches != 0 {
		res.KernelSeconds, res.HasKernel = median(kernels)*perCall, true
	} else if dispatches == 0 && isGPU(dev) {
		// No kernel ran: the work (linalg's solve and inv) runs on the
		// CPU, and the timestamps would time only the transfers.
		res.addNote("no GPU kernel: runs on the CPU")
	}
	if dispatches >= 0 {
		res.Dispatches, res.HasDispatches = float64(dispatches)*perCall, true
	}
	if calls > 1 {
		res.addNote("per call, %d calls a run", calls)
	}
	size := in.size
	if j.w.flops != nil {
		res.GFLOPS = j.w.flops(size) / res.Seconds / 1e9
	} else {
		res.GBPS = j.w.bytes(size, j.dt.Size(), out) / res.Seconds / 1e9
	}
	return out.Data()
}

func mustOK(err error) {
	if err != nil {
		panic(err)
	}
}

// catch turns a panic into *err (for use with defer).
func catch(err *error) {
	if p := recover(); p != nil {
		switch v := p.(type) {
		case error:
			*err = v
		default:
			*err = fmt.Errorf("%v", v)
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// tolerance returns the absolute and relative tolerance of a job's
// results: a few units in the last place of the dtype, widened for long
// accumulations; none for indices.
func tolerance(j job, size int) (atol, rtol float64) {
	if j.w.check == checkIndex {
		return 0, 0
	}
	scale := 1.0
	if j.w.tolScale != nil {
		scale = j.w.tolScale(size)
	}
	if j.dt == dtype.Float32 {
		return 1e-6 * scale, 1e-5 * scale
	}
	return 1e-13 * scale, 1e-12 * scale
}

// comparison is a result checked against cpu-loop's.
type comparison struct {
	maxErr    float64 // the largest |got - want|
	sameShape bool    // as many elements, of the same type
	within    bool    // every element within the tolerance
	problem   string  // why not, in words
}

// compare checks got against want (both as Data returns them) with
// NumPy's allclose rule, |got-want| <= atol + rtol·|want|, NaN equal to NaN.
func compare(got, want any, j job, size int) comparison {
	atol, rtol := tolerance(j, size)
	switch w := want.(type) {
	case []float32:
		if g, ok := got.([]float32); ok {
			return compareSlices(g, w, atol, rtol)
		}
	case []float64:
		if g, ok := got.([]float64); ok {
			return compareSlices(g, w, atol, rtol)
		}
	case []int64:
		if g, ok := got.([]int64); ok {
			return compareSlices(g, w, atol, rtol)
		}
	case []int32:
		if g, ok := got.([]int32); ok {
			return compareSlices(g, w, atol, rtol)
		}
	}
	return comparison{problem: fmt.Sprintf("result is %T, cpu-loop's is %T", got, want)}
}

func compareSlices[T float32 | float64 | int32 | int64](got, want []T, atol, rtol float64) comparison {
	if len(got) != len(want) {
		return comparison{problem: fmt.Sprintf("%d elements, cpu-loop has %d", len(got), len(want))}
	}
	c := comparison{sameShape: true, within: true}
	bad := -1
	for i := range got {
		g, w := float64(got[i]), float64(want[i])
		if g == w || math.IsNaN(g) && math.IsNaN(w) {
			continue
		}
		d := math.Abs(g - w)
		if math.IsNaN(d) {
			d = math.Inf(1)
		}
		c.maxErr = max(c.maxErr, d)
		if !(d <= atol+rtol*math.Abs(w)) && bad < 0 {
			bad = i
		}
	}
	if bad >= 0 {
		c.within = false
		c.problem = fmt.Sprintf("element %d is %v, cpu-loop has %v", bad, got[bad], want[bad])
	}
	return c
}
