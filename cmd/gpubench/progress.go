package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/numgl/numgl/device"
)

// progress draws a one-line progress bar on stderr while the suite runs,
// only when stderr is a terminal. A nil *progress draws nothing.
type progress struct {
	w           io.Writer
	done, total int
	shown       bool
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: max(total, 1)}
}

// step counts n steps done and shows the job under way.
func (p *progress) step(n int, j job, dev device.Device) {
	if p == nil {
		return
	}
	what := j.w.name + " " + j.dt.String()
	if dev != nil {
		what += " on " + dev.Name()
	}
	p.show(what)
	p.done += n
}

// show draws the bar with a label.
func (p *progress) show(label string) {
	if p == nil {
		return
	}
	const width = 30
	filled := min(width, width*p.done/p.total)
	line := fmt.Sprintf("[%s%s] %3d%% %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*p.done/p.total, label)
	if len(line) > 78 {
		line = line[:78]
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// clear erases the bar, before a line of output or at the end.
func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.shown = false
}
