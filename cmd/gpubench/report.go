package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// reporter writes rows as they are made.
type reporter interface {
	header(lines [][2]string, timing string)
	row(r *result)
	flush() error
}

// newReporter returns the reporter of format; numpy and numexpr say
// whether the rows carry NumPy's and numexpr's figures (the table gives
// each a ratio column then).
func newReporter(format string, stdout, stderr io.Writer, numpy, numexpr bool) reporter {
	switch format {
	case "json":
		return &jsonReporter{w: stdout, info: stderr}
	case "csv":
		return &csvReporter{w: csv.NewWriter(stdout), info: stderr, numpy: numpy}
	}
	return &tableReporter{w: stdout, numpy: numpy, numexpr: numpy && numexpr, unavailable: map[string]bool{}}
}

// writeHeader writes the machine lines as "key: value".
func writeHeader(w io.Writer, prefix string, lines [][2]string, timing string) {
	width := len("timing")
	for _, l := range lines {
		width = max(width, len(l[0]))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%s%-*s  %s\n", prefix, width+1, l[0]+":", l[1])
	}
	fmt.Fprintf(w, "%s%-*s  %s\n", prefix, width+1, "timing:", timing)
}

// The table.

type tableReporter struct {
	w           io.Writer
	numpy       bool            // a ×numpy column
	numexpr     bool            // a ×numexpr column
	unavailable map[string]bool // workloads already listed as unavailable
	lastGroup   string
	wroteTitle  bool
}

const tableFormat = "%-17s %-7s %9s %-8s %5s %9s %9s %13s %7s %s%9s  %s\n"

func (t *tableReporter) header(lines [][2]string, timing string) {
	writeHeader(t.w, "", lines, timing)
	fmt.Fprintln(t.w)
}

func (t *tableReporter) title() {
	np := ""
	if t.numpy {
		np = fmt.Sprintf("%7s ", "×numpy")
	}
	if t.numexpr {
		np += fmt.Sprintf("%8s ", "×numexpr")
	}
	fmt.Fprintf(t.w, tableFormat, "workload", "dtype", "size", "device", "runs", "median", "kernel", "throughput", "×loop", np, "max err", "check")
	t.wroteTitle = true
}

func (t *tableReporter) row(r *result) {
	if !t.wroteTitle {
		t.title()
	}
	if r.Status == statusUnavailable {
		if !t.numpy {
			if t.unavailable[r.Workload] {
				return
			}
			t.unavailable[r.Workload] = true
			t.lastGroup = ""
			fmt.Fprintf(t.w, "%-17s %-7s %9s %-8s %s\n", r.Workload, "", "", "", r.Note)
			return
		}
	}
	group := r.DType + "/" + strconv.Itoa(r.Size)
	if t.lastGroup != "" && group != t.lastGroup && !strings.HasPrefix(t.lastGroup, r.DType+"/") {
		fmt.Fprintln(t.w)
	}
	t.lastGroup = group
	if r.Status == statusUnavailable {
		fmt.Fprintf(t.w, "%-17s %-7s %9d %-8s %s\n", r.Workload, r.DType, r.Size, "", r.Note)
		return
	}

	runs, med, kern, thr, up, np, errs := "", "", "", "", "", "", ""
	if r.Runs > 0 {
		runs = strconv.Itoa(r.Runs)
		if r.Runs < r.Repeat {
			runs = fmt.Sprintf("%d/%d", r.Runs, r.Repeat)
		}
	}
	if r.Seconds > 0 {
		med = duration(r.Seconds)
		switch {
		case r.GFLOPS > 0:
			thr = fmt.Sprintf("%.3g GFLOP/s", r.GFLOPS)
		case r.GBPS > 0:
			thr = fmt.Sprintf("%.3g GB/s", r.GBPS)
		}
	}
	if r.HasKernel {
		kern = duration(r.KernelSeconds)
	}
	if r.Speedup > 0 {
		up = ratio(r.Speedup)
	}
	if t.numpy {
		if r.SpeedupNumPy > 0 && r.Device != "numpy" {
			np = ratio(r.SpeedupNumPy)
		}
		np = fmt.Sprintf("%7s ", np)
	}
	if t.numexpr {
		ne := ""
		if r.SpeedupNumexpr > 0 && r.Device != "numexpr" {
			ne = ratio(r.SpeedupNumexpr)
		}
		np += fmt.Sprintf("%8s ", ne)
	}
	if r.HasErr {
		errs = fmt.Sprintf("%.2g", r.MaxAbsErr)
	}
	chk := r.Status
	switch {
	case r.Device == "numpy" || r.Device == "numexpr":
		chk, errs = "", ""
	case r.Status == statusOK && r.Runs > 0 && r.Speedup == 1 && r.MaxAbsErr == 0 && strings.HasPrefix(r.Device, "cpu-loop"):
		chk, errs = "reference", ""
	}
	note := r.Note
	if r.HasDispatches {
		d := fmt.Sprintf("%.4g dispatches", r.Dispatches)
		if r.Dispatches == 1 {
			d = "1 dispatch"
		}
		note = strings.TrimPrefix(note+"; "+d, "; ")
	}
	if note != "" {
		if chk != "" {
			chk += ": "
		}
		chk += note
	}
	fmt.Fprintf(t.w, tableFormat, r.Workload, r.DType, strconv.Itoa(r.Size), r.Device, runs, med, kern, thr, up, np, errs, chk)
}

func (t *tableReporter) flush() error { return nil }

// duration formats seconds with three significant digits.
func duration(s float64) string {
	switch {
	case s >= 1:
		return fmt.Sprintf("%.3g s", s)
	case s >= 1e-3:
		return fmt.Sprintf("%.3g ms", s*1e3)
	case s >= 1e-6:
		return fmt.Sprintf("%.3g µs", s*1e6)
	}
	return fmt.Sprintf("%.3g ns", s*1e9)
}

func ratio(x float64) string {
	if x >= 100 {
		return fmt.Sprintf("%.0f×", x)
	}
	return fmt.Sprintf("%.3g×", x)
}

// JSON lines.

// jsonRow is one line of -json: the fields of numpy_ref.py's lines
// (workload, dtype, size, seconds, gflops or gbps, numexpr_seconds) and
// numgl's own. seconds, kernel_seconds and dispatches are one call's for a
// workload timed over many calls a run (overhead_add; its note says so).
type jsonRow struct {
	Workload       string   `json:"workload"`
	DType          string   `json:"dtype"`
	Size           int      `json:"size"`
	Device         string   `json:"device"`
	Status         string   `json:"status"`
	Runs           int      `json:"runs"`
	Seconds        *float64 `json:"seconds"`
	KernelSeconds  *float64 `json:"kernel_seconds,omitempty"`
	Dispatches     *float64 `json:"dispatches,omitempty"` // kernel launches of a timed run, on a GPU
	GFLOPS         *float64 `json:"gflops,omitempty"`
	GBPS           *float64 `json:"gbps,omitempty"`
	MaxAbsErr      *float64 `json:"max_abs_err"`
	Speedup        *float64 `json:"speedup"` // over cpu-loop
	NumPySeconds   *float64 `json:"numpy_seconds,omitempty"`
	SpeedupNumPy   *float64 `json:"speedup_vs_numpy,omitempty"`
	NumexprSeconds *float64 `json:"numexpr_seconds,omitempty"`
	SpeedupNumexpr *float64 `json:"speedup_vs_numexpr,omitempty"`
	TimedSize      *int     `json:"timed_size,omitempty"` // when it differs from size
	Note           string   `json:"note,omitempty"`
}

func optional(x float64, ok bool) *float64 {
	if !ok || math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

func toJSONRow(r *result) jsonRow {
	j := jsonRow{
		Workload: r.Workload, DType: r.DType, Size: r.Size, Device: r.Device, Status: r.Status, Runs: r.Runs,
		Seconds:        optional(r.Seconds, r.Seconds > 0),
		KernelSeconds:  optional(r.KernelSeconds, r.HasKernel),
		Dispatches:     optional(r.Dispatches, r.HasDispatches),
		GFLOPS:         optional(r.GFLOPS, r.GFLOPS > 0),
		GBPS:           optional(r.GBPS, r.GBPS > 0),
		MaxAbsErr:      optional(r.MaxAbsErr, r.HasErr && r.Device != "numpy" && r.Device != "numexpr"),
		Speedup:        optional(r.Speedup, r.Speedup > 0),
		NumPySeconds:   optional(r.NumPySeconds, r.NumPySeconds > 0),
		SpeedupNumPy:   optional(r.SpeedupNumPy, r.SpeedupNumPy > 0),
		NumexprSeconds: optional(r.NumexprSeconds, r.NumexprSeconds > 0),
		SpeedupNumexpr: optional(r.SpeedupNumexpr, r.SpeedupNumexpr > 0),
		Note:           r.Note,
	}
	if r.TimedSize != r.Size && r.TimedSize > 0 {
		ts := r.TimedSize
		j.TimedSize = &ts
	}
	return j
}

type jsonReporter struct {
	w    io.Writer
	info io.Writer
	err  error
}

func (j *jsonReporter) header(lines [][2]string, timing string) {
	writeHeader(j.info, "# ", lines, timing)
}

func (j *jsonReporter) row(r *result) {
	b, err := json.Marshal(toJSONRow(r))
	if err == nil {
		_, err = fmt.Fprintf(j.w, "%s\n", b)
	}
	if err != nil && j.err == nil {
		j.err = err
	}
}

func (j *jsonReporter) flush() error { return j.err }

// CSV.

var csvColumns = []string{"workload", "dtype", "size", "device", "status", "runs", "seconds", "kernel_seconds",
	"dispatches", "gflops", "gbps", "max_abs_err", "speedup", "numpy_seconds", "speedup_vs_numpy",
	"numexpr_seconds", "speedup_vs_numexpr", "timed_size", "note"}

type csvReporter struct {
	w       *csv.Writer
	info    io.Writer
	numpy   bool
	started bool
}

func (c *csvReporter) header(lines [][2]string, timing string) {
	writeHeader(c.info, "# ", lines, timing)
}

func (c *csvReporter) row(r *result) {
	if !c.started {
		c.w.Write(csvColumns)
		c.started = true
	}
	j := toJSONRow(r)
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'g', 6, 64)
	}
	ts := ""
	if j.TimedSize != nil {
		ts = strconv.Itoa(*j.TimedSize)
	}
	c.w.Write([]string{j.Workload, j.DType, strconv.Itoa(j.Size), j.Device, j.Status, strconv.Itoa(j.Runs),
		f(j.Seconds), f(j.KernelSeconds), f(j.Dispatches), f(j.GFLOPS), f(j.GBPS), f(j.MaxAbsErr), f(j.Speedup),
		f(j.NumPySeconds), f(j.SpeedupNumPy), f(j.NumexprSeconds), f(j.SpeedupNumexpr), ts, j.Note})
	c.w.Flush()
}

func (c *csvReporter) flush() error {
	if !c.started {
		c.w.Write(csvColumns)
	}
	c.w.Flush()
	return c.w.Error()
}
