//go:build cgo && !nogpu

package gpu

import "runtime"

// glThread owns the GL context: one goroutine locked to its OS thread runs
// every GL call, in the order they were sent. Any goroutine may call do.
type glThread struct {
	work chan func()
}

func startThread(init func() error) (*glThread, error) {
	t := &glThread{work: make(chan func(), 1024)}
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // the context is current on this thread only
		err := init()
		errc <- err
		if err != nil {
			return
		}
		for f := range t.work {
			f()
		}
	}()
	if err := <-errc; err != nil {
		return nil, err
	}
	return t, nil
}

// do runs f on the GL thread and waits for it to return. GL itself stays
// asynchronous: f enqueues commands and returns; only reads wait for them.
func (t *glThread) do(f func()) {
	done := make(chan struct{})
	t.work <- func() {
		defer close(done)
		f()
	}
	<-done
}

// post queues f to run on the GL thread and returns at once: requests are
// enqueued, never waited for. A full queue makes the caller wait for room,
// so a producer cannot run arbitrarily far ahead of the GPU.
func (t *glThread) post(f func()) { t.work <- f }
