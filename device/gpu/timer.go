//go:build cgo && !nogpu

package gpu

import (
	"errors"
	"time"

	"github.com/numgl/numgl/internal/gl"
)

// A Timer measures the GPU time of the commands issued between
// StartTimer and Stop, from two GL timestamp queries (ARB_timer_query,
// core since OpenGL 3.3): the time the GPU spent from finishing the
// commands before StartTimer to finishing those before Stop. It counts
// the GPU's work, not the host's time to enqueue it, and not program
// compilation, which happens on the host before a dispatch is issued.
//
// Timers do not nest with anything: any number may run at once.
type Timer struct {
	d       *Device
	q       [2]uint32
	stopped bool
}

// StartTimer issues the first timestamp query and returns the running
// timer. Call Stop exactly once to read it and free its queries.
func (d *Device) StartTimer() (*Timer, error) {
	t := &Timer{d: d}
	var err error
	d.call(func() {
		gl.GenQueries(2, &t.q[0])
		gl.QueryCounter(t.q[0], gl.TIMESTAMP)
		if err = glError("glQueryCounter(GL_TIMESTAMP)"); err != nil {
			gl.DeleteQueries(2, &t.q[0])
		}
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Stop issues the second timestamp query, waits until the GPU has
// finished every command issued before it, and returns the GPU time
// between the two. The timer's queries are freed.
func (t *Timer) Stop() (time.Duration, error) {
	if t.stopped {
		return 0, errors.New("gpu: Timer stopped twice")
	}
	t.stopped = true
	var start, end uint64
	var err error
	t.d.call(func() {
		gl.QueryCounter(t.q[1], gl.TIMESTAMP)
		gl.GetQueryObjectui64v(t.q[0], gl.QUERY_RESULT, &start)
		gl.GetQueryObjectui64v(t.q[1], gl.QUERY_RESULT, &end)
		err = glError("reading timestamp queries")
		gl.DeleteQueries(2, &t.q[0])
	})
	if err != nil {
		return 0, err
	}
	if end < start {
		return 0, nil
	}
	return time.Duration(end - start), nil
}
