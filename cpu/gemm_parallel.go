package cpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The GEMM's goroutines. A network's forward pass runs GEMMs back to back
// (two parallel phases each: packing B, then the tiles), and a goroutine
// started for each phase would find the other CPU idle: on a virtual
// machine, waking an idle vCPU costs from tens of microseconds to half a
// millisecond (BenchmarkGemmWake: 3µs while the helper polls, 0.4-0.7ms
// once it has parked, on the 2-vCPU EPYC), a fifth of a layer's GEMM. So
// the GEMM keeps helper goroutines (GOMAXPROCS-1 of them) that, after a
// job, poll for the next one for gemmSpin, and only then park on a
// channel: what BLAS libraries' thread pools do (OpenBLAS polls longer).

// gemmSpin is how long a helper polls for its next job before parking,
// and the caller for its helpers before blocking; a helper yields its
// processor every gemmYield polls.
const (
	gemmSpin  = 200 * time.Microsecond
	gemmYield = 1 << 12
)

// gemmJob is one parallel phase: fn runs on the caller and on the
// helpers; left counts the helpers still running it; done is closed by
// the last.
type gemmJob struct {
	fn   func()
	left atomic.Int32
	done chan struct{}
}

// gemmHelper is one helper goroutine: a caller that has taken it (busy)
// puts a job in slot, and kick wakes the helper when it has parked.
type gemmHelper struct {
	busy atomic.Bool
	slot atomic.Pointer[gemmJob]
	kick chan struct{}
}

var gemmHelpers struct {
	mu sync.Mutex
	hs []*gemmHelper
}

// takeHelpers returns up to n helpers that no other GEMM is using, marked
// busy, starting helpers until there are n. Concurrent GEMMs share them:
// one that finds them all taken runs on its caller alone, the other
// GEMMs' goroutines keeping the CPUs busy.
func takeHelpers(n int) []*gemmHelper {
	gemmHelpers.mu.Lock()
	defer gemmHelpers.mu.Unlock()
	for len(gemmHelpers.hs) < n {
		h := &gemmHelper{kick: make(chan struct{}, 1)}
		gemmHelpers.hs = append(gemmHelpers.hs, h)
		go h.run()
	}
	var hs []*gemmHelper
	for _, h := range gemmHelpers.hs {
		if len(hs) < n && h.busy.CompareAndSwap(false, true) {
			hs = append(hs, h)
		}
	}
	return hs
}

// run is a helper's loop: take a job, run it, poll for the next one for
// gemmSpin, park until kicked. While it polls it holds its processor,
// yielding it every gemmYield iterations (a few microseconds) so that
// goroutines waiting for one run.
func (h *gemmHelper) run() {
	for {
		j := h.slot.Swap(nil)
		for t0, i := time.Now(), 1; j == nil; i++ {
			if i%gemmYield == 0 {
				if time.Since(t0) >= gemmSpin {
					break
				}
				runtime.Gosched()
			}
			j = h.slot.Swap(nil)
		}
		if j == nil {
			<-h.kick
			continue
		}
		j.fn()
		h.busy.Store(false)
		if j.left.Add(-1) == 0 {
			close(j.done)
		}
	}
}

// post hands h the job.
func (h *gemmHelper) post(j *gemmJob) {
	h.slot.Store(j)
	select {
	case h.kick <- struct{}{}:
	default:
	}
}

// gemmEach runs worker on the caller and on helper goroutines (up to
// GOMAXPROCS in all) when split is true and there is more than one item,
// else on the caller alone. Each worker takes the items [0, n) one at a
// time from next, which returns -1 when none is left: a worker whose core
// is busy with other work takes fewer. It returns when every worker has.
func gemmEach(n int, split bool, worker func(next func() int)) {
	w := min(workers(), n)
	var taken atomic.Int64
	next := func() int {
		if i := int(taken.Add(1)) - 1; i < n {
			return i
		}
		return -1
	}
	if !split || w <= 1 {
		worker(next)
		return
	}
	hs := takeHelpers(w - 1)
	if len(hs) == 0 {
		worker(next)
		return
	}
	j := &gemmJob{fn: func() { worker(next) }, done: make(chan struct{})}
	j.left.Store(int32(len(hs)))
	for _, h := range hs {
		h.post(j)
	}
	worker(next)
	// The helpers are finishing their last items: wait for them without
	// parking for a while, then park.
	for t0 := time.Now(); j.left.Load() > 0 && time.Since(t0) < gemmSpin; {
		runtime.Gosched()
	}
	<-j.done
}
