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

func newReporter(format string, stdout, stderr io.Writer, numpy bool) reporter {
	switch format {
	case "json":
		return &jsonReporter{w: stdout, info: stderr}
	case "csv":
		return &csvReporter{w: csv.NewWriter(stdout), info: stderr, numpy: numpy}
	}
	return &tableReporter{w: stdout, numpy: numpy, unavailable: map[string]bool{}}
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
	numpy       bool
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
	if r.HasErr {
		errs = fmt.Sprintf("%.2g", r.MaxAbsErr)
	}
	chk := r.Status
	switch {
	case r.Device == "numpy":
		chk, errs = "", ""
	case r.Status == statusOK && r.Runs > 0 && r.Speedup == 1 && r.MaxAbsErr == 0 && strings.HasPrefix(r.Device, "cpu-loop"):
		chk, errs = "reference", ""
	}
	if r.Note != "" {
		if chk != "" {
			chk += ": "
		}
		chk += r.Note
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
// (workload, dtype, size, seconds, gflops or gbps) and numgl's own.
type jsonRow struct {
	Workload      string   `json:"workload"`
	DType         string   `json:"dtype"`
	Size          int      `json:"size"`
	Device        string   `json:"device"`
	Status        string   `json:"status"`
	Runs          int      `json:"runs"`
	Seconds       *float64 `json:"seconds"`
	KernelSeconds *float64 `json:"kernel_seconds,omitempty"`
	GFLOPS        *float64 `json:"gflops,omitempty"`
	GBPS          *float64 `json:"gbps,omitempty"`
	MaxAbsErr     *float64 `json:"max_abs_err"`
	Speedup       *float64 `json:"speedup"` // over cpu-loop
	NumPySeconds  *float64 `json:"numpy_seconds,omitempty"`
	SpeedupNumPy  *float64 `json:"speedup_vs_numpy,omitempty"`
	TimedSize     *int     `json:"timed_size,omitempty"` // when it differs from size
	Note          string   `json:"note,omitempty"`
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
		Seconds:       optional(r.Seconds, r.Seconds > 0),
		KernelSeconds: optional(r.KernelSeconds, r.HasKernel),
		GFLOPS:        optional(r.GFLOPS, r.GFLOPS > 0),
		GBPS:          optional(r.GBPS, r.GBPS > 0),
		MaxAbsErr:     optional(r.MaxAbsErr, r.HasErr && r.Device != "numpy"),
		Speedup:       optional(r.Speedup, r.Speedup > 0),
		NumPySeconds:  optional(r.NumPySeconds, r.NumPySeconds > 0),
		SpeedupNumPy:  optional(r.SpeedupNumPy, r.SpeedupNumPy > 0),
		Note:          r.Note,
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
	"gflops", "gbps", "max_abs_err", "speedup", "numpy_seconds", "speedup_vs_numpy", "timed_size", "note"}

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
		f(j.Seconds), f(j.KernelSeconds), f(j.GFLOPS), f(j.GBPS), f(j.MaxAbsErr), f(j.Speedup),
		f(j.NumPySeconds), f(j.SpeedupNumPy), ts, j.Note})
	c.w.Flush()
}

func (c *csvReporter) flush() error {
	if !c.started {
		c.w.Write(csvColumns)
	}
	c.w.Flush()
	return c.w.Error()
}
