package main

import (
	"fmt"
	"time"
)

// tally counts a suite's rows for its closing line.
type tally struct {
	rows    int // every row printed
	checked int // rows off cpu-loop whose result was compared with cpu-loop's
	passed  int // of those, the ones that agree
	failed  int // rows that make the exit status 1: FAIL or error
	other   int // rows not run: skipped, unsupported, unavailable
}

// count tallies rows; reference is cpu-loop's name.
func count(rows []*result, reference string) tally {
	var t tally
	for _, r := range rows {
		t.rows++
		switch {
		case r.failed():
			t.failed++
			if r.Status == statusFail {
				t.checked++
			}
		case r.Status == statusOK && r.Device != reference:
			t.checked++
			t.passed++
		case r.Status != statusOK:
			t.other++
		}
	}
	return t
}

// String is the closing line: "gpubench: 24 rows, 16 of 16 checks passed,
// 0 failures, 2 rows not run (1m12s)" or, on failure, "... FAILED".
func (t tally) line(elapsed time.Duration) string {
	s := fmt.Sprintf("gpubench: %d rows, %d of %d checks against cpu-loop passed, %d failures", t.rows, t.passed, t.checked, t.failed)
	if t.other > 0 {
		s += fmt.Sprintf(", %d rows not run", t.other)
	}
	s += fmt.Sprintf(" (%v)", elapsed.Round(time.Second))
	if t.failed > 0 {
		s += ": FAILED"
	}
	return s
}

// timingSentence is the header's timing line: how many runs a row gets
// and what one measures, as the runner does it (bench.go, measure).
func timingSentence(c *config) string {
	runs := "one timed run"
	if c.repeat > 1 {
		runs = fmt.Sprintf("median of up to %d timed runs (fewer once they pass %v, but %d while each is shorter than %v)",
			c.repeat, c.budget, min(3, c.repeat), (c.budget / 3).Round(time.Millisecond))
	}
	warm := fmt.Sprintf("%d warm-up run", c.warmup)
	if c.warmup != 1 {
		warm += "s"
	}
	return fmt.Sprintf("%s after %s (at least 1 on a GPU, then %v back to back to raise its clocks; "+
		"a CPU device's last warm-up run over %v is its one timed run); "+
		"each result computed (Eval), wall clock stopped after Sync; kernel: GPU time by GL timestamps, "+
		"given only for work that dispatches GPU kernels; "+
		"outputs preallocated (expr_* and overhead_add allocate theirs, as NumPy does)",
		runs, warm, c.spinUp, 2*c.budget)
}
